"""The face-less-camera journey in Chromium: a candidate answered with the camera on and no face
in view; their report and progress pages, and their cohort staff's dashboard, roster, analytics
and CSV downloads, all render and say "not measured" with the reason. Screenshots at desktop
size and on a 390×844 phone go to data/screenshots/."""

import csv
import io

import pytest

from tests.conftest import log_in, screenshot

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
NOT_MEASURED = "not measured: no face was in view"


def look(page, name: str) -> None:
    screenshot(page, f"faceless-{name}-desktop")
    page.set_viewport_size(PHONE)
    page.reload()  # the charts are drawn for the width the page opened at
    screenshot(page, f"faceless-{name}-phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], (
        f"{name} scrolls sideways on a phone"
    )
    page.set_viewport_size({"width": 1280, "height": 800})
    page.reload()


def download(page, link_text: str) -> list[dict]:
    with page.expect_download() as info:
        page.get_by_role("link", name=link_text).click()
    with open(info.value.path(), encoding="utf-8-sig") as handle:
        return list(csv.DictReader(io.StringIO(handle.read())))


def test_every_page_of_the_face_less_journey_says_not_measured(
    open_browser, candidate, staff, faceless_interview, cohort_staff
):
    page = open_browser()
    page.set_viewport_size({"width": 1280, "height": 800})
    log_in(page, candidate.email)

    page.goto(f"/reports/{faceless_interview.pk}/")
    presence = page.locator("#presence-heading").locator("xpath=..").inner_text()
    assert NOT_MEASURED in presence, presence
    assert "Your face was visible for 0% of answer 1." in page.locator("#question-1").inner_text()
    assert page.locator('[data-chart="expressions"]').count() == 0  # no empty chart
    page.locator('[data-chart="scores"] .main-svg').first.wait_for()
    look(page, "report")

    page.goto("/progress/")
    assert NOT_MEASURED in page.locator("table.comparison").inner_text()
    assert NOT_MEASURED in page.locator("table.attempts").inner_text()
    look(page, "progress")

    staff_page = open_browser()
    staff_page.set_viewport_size({"width": 1280, "height": 800})
    log_in(staff_page, staff.email)
    staff_page.goto("/staff/")
    assert cohort_staff.name in staff_page.locator("main").inner_text()
    look(staff_page, "staff-dashboard")

    staff_page.goto(f"/cohorts/{cohort_staff.pk}/roster/")
    assert candidate.email in staff_page.locator("main").inner_text()
    look(staff_page, "roster")

    staff_page.goto(f"/cohorts/{cohort_staff.pk}/analytics/")
    assert "1 finished interview" in staff_page.locator("main").inner_text()
    look(staff_page, "analytics")

    results = download(staff_page, "Results CSV (one row per interview)")
    assert [row["presence"] for row in results] == [NOT_MEASURED]
    assert float(results[0]["overall"]) > 0 and results[0]["delivery"] not in ("", "0")
    staff_page.goto(f"/cohorts/{cohort_staff.pk}/roster/")
    roster = download(staff_page, "Roster CSV")
    assert [row["email"] for row in roster] == [candidate.email]
