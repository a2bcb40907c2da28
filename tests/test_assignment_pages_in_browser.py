"""Question sets and assignments in Chromium: staff build a set from the bank and their own
question, assign it to a cohort, and a member starts it from their Interviews page into the room."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.services import create_cohort, join_cohort
from assignments.models import QuestionSet
from interviewer.engine.bank import read_bank
from interviewer.models import Interview
from interviewer.services import load_question_bank
from tests.assignment_data import GOOD_QUESTION
from tests.conftest import log_in, screenshot

pytestmark = pytest.mark.browser


def test_staff_build_and_assign_a_set_and_a_member_starts_it(open_browser, candidate, staff):
    load_question_bank(read_bank())
    cohort = create_cohort(staff_member=staff, name="Class of 2026")
    join_cohort(user=candidate, code=cohort.invite_code)
    page = open_browser()
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, staff.email)

    page.get_by_role("link", name="Assignments").first.click()
    page.get_by_role("link", name="Question sets").click()
    page.get_by_role("link", name="New question set").click()
    page.get_by_label("Name").fill("Week 3 practice")
    page.get_by_label("Cohort").select_option(label="Class of 2026")
    page.get_by_role("button", name="Create the set").click()
    page.get_by_label("Words in the question").fill("linked list")
    page.get_by_label("Difficulty").first.select_option("easy")
    page.get_by_role("button", name="Search").click()
    page.locator(".bank-results li").first.get_by_role("button", name="Add").click()
    page.get_by_text("Question added to the set.").wait_for()
    page.get_by_label("Question", exact=True).fill(GOOD_QUESTION["text"])
    page.get_by_label("Model answer").fill(GOOD_QUESTION["model_answer"])
    page.get_by_label("Key points").fill("Only one key point")
    page.get_by_label("Hint").fill(GOOD_QUESTION["hint"])
    page.get_by_role("button", name="Add this question").click()
    page.get_by_text("Write 3 to 6 key points, one per line (there are 1).").wait_for()
    assert page.get_by_label("Question", exact=True).input_value() == GOOD_QUESTION["text"]  # what was typed is kept
    screenshot(page, "question-set-with-an-error")
    page.get_by_label("Key points").fill(GOOD_QUESTION["key_points"])
    page.get_by_role("button", name="Add this question").click()
    page.get_by_text("Question added to the set.").wait_for()
    assert page.locator(".set-items > li").count() == 2
    screenshot(page, "question-set")

    page.get_by_role("link", name="Assignments").last.click()
    page.get_by_role("link", name="New assignment").click()
    page.get_by_label("Title").fill("Data structures check")
    page.get_by_label("Cohort").select_option(label="Class of 2026")
    page.get_by_label("Question set").select_option(label="Week 3 practice")
    page.get_by_label("Due").fill((timezone.localtime() + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Attempts allowed").fill("2")
    page.get_by_label("Allow hints").uncheck()
    page.get_by_role("button", name="Save the assignment").click()
    page.get_by_text("Who has done it").wait_for()
    assert "Not started" in page.locator("table").inner_text()
    screenshot(page, "assignment-progress")

    student = open_browser()
    student.set_viewport_size({"width": 1280, "height": 900})
    log_in(student, candidate.email)
    student.get_by_role("link", name="Interviews", exact=True).click()
    assert "attempts used 0 of 2" in student.locator(".assignments").inner_text()
    screenshot(student, "interviews-with-an-assignment")
    student.get_by_role("button", name="Start").click()
    student.wait_for_url("**/camera/")  # the camera choice and, before a first interview, the recording notice
    student.get_by_label("Recorded only").check()
    student.get_by_label("I have read what is recorded").check()
    student.get_by_role("button", name="Open the interview room").click()
    student.wait_for_url("**/room/")

    interview = Interview.objects.get(candidate=candidate)
    assert interview.questions.count() == QuestionSet.objects.get().items.count() == 2 and not interview.hints_allowed
