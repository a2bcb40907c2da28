"""The recording notice and the camera choice in Chromium, on a desktop and a phone: a candidate
reads what is recorded, measured, seen and kept, must confirm it, chooses "recorded only", and
the room then shows the camera without analysing it."""

import pytest

from accounts.models import Cohort, Membership
from interviewer.engine.bank import read_bank
from interviewer.models import Interview, Recording
from interviewer.services import load_question_bank
from tests.conftest import log_in, screenshot
from tests.report_data import finished_interview

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def test_the_notice_and_the_camera_choice_on_a_desktop_and_a_phone(open_browser, candidate, staff):
    load_question_bank(read_bank())
    cohort = Cohort.objects.create(name="Class of 2027")
    cohort.staff.add(staff)
    Membership.objects.create(user=candidate, cohort=cohort)
    page = open_browser("--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream")
    log_in(page, candidate.email)

    page.goto("/interviews/new/")
    notice = page.locator(".recording-notice")
    assert notice.get_attribute("open") is not None  # shown in full before the first interview
    text = notice.inner_text()
    for statement in ("Recorded", "Measured", "Who can see it", "How long it is kept", "Class of 2027", "180 days"):
        assert statement in text, statement
    screenshot(page, "camera-notice-desktop")
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # nothing wider than the phone
    screenshot(page, "camera-notice-phone")

    page.get_by_label("Position").fill("Junior developer")
    page.get_by_label("Field").select_option(label="Software engineering")
    page.get_by_label("Recorded only").check()
    page.get_by_role("button", name="Start the interview").click()
    assert page.get_by_text("This field is required.").is_visible()  # the notice must be confirmed first
    page.get_by_label("I have read what is recorded").check()
    page.get_by_role("button", name="Start the interview").click()
    page.wait_for_url("**/room/")

    page.locator("#expression").filter(has_text="Camera recorded only").wait_for()
    assert "Camera: recorded only (your choice for this interview)." in page.locator(".camera-card").inner_text()
    screenshot(page, "camera-room-recorded-only-phone")
    interview = Interview.objects.get()
    assert interview.camera == "recorded" and not interview.expressions_read


def test_staff_keep_expressions_off_for_their_cohort(browser_page, staff):
    cohort = Cohort.objects.create(name="Class of 2027")
    cohort.staff.add(staff)
    page = browser_page
    log_in(page, staff.email)

    page.goto(f"/cohorts/{cohort.pk}/")
    section = page.locator("#camera-analysis")
    section.get_by_label("Read members' facial expressions").uncheck()
    section.get_by_role("button", name="Save camera analysis").click()

    assert "facial expressions are never read" in page.locator(".messages").inner_text()
    assert page.locator("#camera-analysis").get_by_label("Analyse members' camera").is_checked()
    assert not page.locator("#camera-analysis").get_by_label("Read members' facial expressions").is_checked()
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "camera-cohort-switch-phone")
    cohort.refresh_from_db()
    assert cohort.camera_analysis_allowed and not cohort.expression_analysis_allowed


def test_the_report_states_the_camera_choice_and_deletes_a_recording_at_once(browser_page, candidate):
    load_question_bank(read_bank())
    interview = finished_interview(candidate, questions=1)
    recording = Recording.objects.filter(question__interview=interview).first()
    page = browser_page
    log_in(page, candidate.email)

    page.goto(f"/reports/{interview.pk}/")
    assert (
        page.locator("#camera-choice").inner_text().startswith("Camera: recorded and analysed (the candidate's choice")
    )
    assert "The recordings of this interview will be deleted on " in page.locator("#retention").inner_text()
    screenshot(page, "camera-report-desktop")
    page.set_viewport_size(PHONE)
    page.reload()  # the charts are drawn for the width the page opened at
    page.locator('[data-chart="scores"] .main-svg').first.wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "camera-report-phone")

    page.get_by_role("button", name="Delete this recording now").first.click()

    assert "The recording was deleted." in page.locator(".messages").inner_text()
    assert page.locator(".recording-deleted").first.is_visible()
    recording.refresh_from_db()
    assert recording.file_deleted_at is not None
