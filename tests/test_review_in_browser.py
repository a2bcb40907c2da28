"""The review page in Chromium: staff play a recording from a sentence of its transcript, type a
comment (tied to the moment the recording was at), rate the rubric and save; the student's
report then shows the review, and its comment plays the recording from that moment."""

import pytest

from accounts.services import create_cohort, join_cohort
from interviewer.engine.bank import read_bank
from interviewer.models import Answer
from interviewer.services import load_question_bank
from reviews.models import Review, Rubric
from reviews.services import save_rubric
from tests.conftest import ROOT, log_in, screenshot, wait_until
from tests.report_data import WEAK_ANSWER, finished_interview

pytestmark = pytest.mark.browser


def test_staff_review_with_a_timed_comment_and_the_student_reads_it(open_browser, candidate, staff, video):
    load_question_bank(read_bank())
    cohort = create_cohort(staff_member=staff, name="Class of 2026")
    join_cohort(user=candidate, code=cohort.invite_code)
    save_rubric(
        Rubric(cohort=cohort, name="Graduate scheme"),
        [
            ("Structure", "Answers follow situation, task, action, result"),
            ("Evidence", "Claims come with figures or examples"),
        ],
    )
    interview = finished_interview(candidate, questions=2, video_bytes=video)
    weak = Answer.objects.filter(question__interview=interview, text=WEAK_ANSWER).select_related("recording").first()
    player = f"player-{weak.recording.pk}"
    page = open_browser()
    page.set_viewport_size({"width": 1400, "height": 900})
    log_in(page, staff.email)

    page.goto(f"/reports/{interview.pk}/review/")
    page.locator(f'.sentence[data-player="{player}"]').nth(1).click()
    wait_until(page, f"document.getElementById('{player}').currentTime > 2")
    page.evaluate(f"document.getElementById('{player}').pause()")
    page.get_by_label("Comment", exact=True).fill("Here the pause breaks the sentence: finish it first.")
    moment = page.locator("#comment-moment").inner_text()
    assert moment.startswith("At 0:0") and "question " in moment
    page.get_by_role("button", name="Add comment").click()
    page.locator(f".review-panel input[name='rating_{Rubric.objects.get().criteria.first().pk}'][value='4']").check()
    page.locator(f".review-panel input[name='rating_{Rubric.objects.get().criteria.last().pk}'][value='2']").check()
    page.get_by_label("Summary").fill("Clear openings; back your claims with figures.")
    page.locator(f"#{player}").scroll_into_view_if_needed()
    page.screenshot(path=ROOT / "data" / "screenshots" / "review-page-while-commenting.png")
    screenshot(page, "review-page")
    page.get_by_role("button", name="Save the review").click()
    page.get_by_text("Review saved.").wait_for()

    comment = Review.objects.get().comments.get()
    assert comment.recording_id == weak.recording.pk and 2 < comment.seconds < 4
    assert (
        page.locator("#comment-list .comment-time").inner_text().startswith("0:0")
    )  # the saved comment is listed again

    student = open_browser()
    student.set_viewport_size({"width": 1400, "height": 900})
    log_in(student, candidate.email)
    student.goto(f"/reports/{interview.pk}/")
    reviews = student.locator("#reviews")
    assert "Graduate scheme" in reviews.inner_text() and "4/5" in reviews.inner_text()
    student.evaluate(f"document.getElementById('{player}').currentTime = 0")
    reviews.locator(".comment-time").click()
    wait_until(student, f"document.getElementById('{player}').currentTime >= {comment.seconds - 0.05}")
    screenshot(student, "report-with-review")
    reviews.screenshot(path=ROOT / "data" / "screenshots" / "report-review-section.png")
