"""The staff dashboard: the staff member's own cohorts with member counts and interviews finished
in the last seven days, and the students who need attention, each with why in observable terms
(no practice for 14 days or ever, a latest score 10 points below their earlier mean, an
assignment past its due date without a finished interview)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Membership
from accounts.services import create_cohort
from assignments.models import Assignment, QuestionSet
from tests.cohort_data import finished, member
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(staff):
    return create_cohort(staff_member=staff, name="MSc Data Science 2027")


def dashboard(client, staff):
    client.force_login(staff)
    response = client.get("/staff/")
    assert response.status_code == 200
    return response


def reasons_by_email(response) -> dict[str, list[str]]:
    return {item.row.email: item.reasons for item in response.context["attention"]}


def test_the_dashboard_lists_own_cohorts_with_members_and_this_weeks_interviews(client, staff, cohort):
    other = create_cohort(staff_member=make_user("other@example.edu", role="staff"), name="Someone else's cohort")
    ada, grace = member(cohort, "ada@example.edu"), member(cohort, "grace@example.edu")
    now = timezone.now()
    for student, days_ago in ((ada, 1), (ada, 6), (grace, 2), (grace, 9)):  # grace's second: before this week
        finished(student, now - timedelta(days=days_ago), right=1)
    member(other, "alan@example.edu")

    response = dashboard(client, staff)

    [row] = response.context["cohorts"]
    assert row == cohort and row.member_count == 2 and row.finished_this_week == 3
    page = response.content.decode()
    assert "MSc Data Science 2027" in page and "Someone else&#x27;s cohort" not in page
    assert "alan@example.edu" not in page


def test_students_who_need_attention_say_why(client, staff, cohort):
    now = timezone.now()
    never = member(cohort, "never@example.edu")
    idle = member(cohort, "idle@example.edu")
    finished(idle, now - timedelta(days=20), right=2, wrong=1)
    falling = member(cohort, "falling@example.edu")
    for days_ago, right, wrong in ((10, 3, 0), (5, 1, 1), (1, 1, 2)):  # 100, 50, 33.3
        finished(falling, now - timedelta(days=days_ago), right=right, wrong=wrong)
    steady = member(cohort, "steady@example.edu")
    # 66.7, 50, 50: 8.4 points below the earlier mean (58.4 from the rounded average 55.6): within the margin.
    for days_ago, right, wrong in ((10, 2, 1), (5, 1, 1), (1, 1, 1)):
        finished(steady, now - timedelta(days=days_ago), right=right, wrong=wrong)

    reasons = reasons_by_email(dashboard(client, staff))

    joined = Membership.objects.get(user=never).joined_at
    assert reasons["never@example.edu"] == [f"No finished interview since joining on {joined:%-d %B %Y}."]
    assert reasons["idle@example.edu"] == [
        f"Last finished interview 20 days ago ({now - timedelta(days=20):%-d %B %Y})."
    ]
    assert reasons["falling@example.edu"] == [
        "Latest overall score 33/100, 42 points below the mean of their 2 earlier interviews (75/100)."
    ]
    assert "steady@example.edu" not in reasons


def test_an_overdue_assignment_without_a_finished_interview_needs_attention(client, staff, cohort):
    now = timezone.now()
    question_set = QuestionSet.objects.create(name="SQL basics", cohort=cohort, created_by=staff)
    overdue = Assignment.objects.create(
        cohort=cohort, question_set=question_set, title="Mock SQL interview", due_at=now - timedelta(days=3)
    )
    Assignment.objects.create(
        cohort=cohort, question_set=question_set, title="Not due yet", due_at=now + timedelta(days=3)
    )
    late, done = member(cohort, "late@example.edu"), member(cohort, "done@example.edu")
    for student in (late, done):
        finished(student, now - timedelta(days=1), right=2, wrong=1)
    interview = finished(done, now - timedelta(days=4), right=2, wrong=1)
    interview.assignment = overdue
    interview.save()

    reasons = reasons_by_email(dashboard(client, staff))

    assert reasons["late@example.edu"] == [
        f"Assignment “Mock SQL interview” was due on {overdue.due_at:%-d %B %Y} (3 days ago) "
        "and has no finished interview."
    ]
    assert "done@example.edu" not in reasons


def test_a_student_in_two_of_my_cohorts_appears_once_with_both(client, staff, cohort):
    second = create_cohort(staff_member=staff, name="Careers fair prep")
    ada = member(cohort, "ada@example.edu")
    Membership.objects.create(user=ada, cohort=second)

    [item] = dashboard(client, staff).context["attention"]

    assert item.row.email == "ada@example.edu" and {c.name for c in item.cohorts} == {
        "MSc Data Science 2027",
        "Careers fair prep",
    }


def test_staff_see_the_staff_link_and_candidates_do_not(client, staff, candidate):
    assert 'href="/staff/"' in dashboard(client, staff).content.decode()
    client.force_login(candidate)
    assert 'href="/staff/"' not in client.get("/").content.decode()
