"""Who gets what: every report, recording and career-centre URL against anonymous visitors, the
candidate who owns the object, another candidate, staff of the candidate's cohort, staff of
another cohort and an administrator. Each must get exactly the expected status."""

import random

import pytest

from accounts.models import User
from accounts.services import create_cohort, join_cohort, leave_cohort
from assignments.models import Assignment, QuestionSet
from assignments.services import start_assignment_interview
from interviewer.engine.bank import read_bank
from interviewer.engine.planning import InterviewSetup
from interviewer.models import Interview, Question, Recording
from interviewer.recordings import append_chunk, start_recording
from interviewer.services import (
    ask_current_question,
    load_question_bank,
    start_interview,
)
from reviews.models import Review, Rubric
from reviews.services import save_rubric
from tests.assignment_data import GOOD_QUESTION, make_assignment
from tests.conftest import make_user
from tests.report_data import finished_interview

ROLES = ["anonymous", "owner", "other_candidate", "cohort_staff", "other_staff", "admin"]
OK, FORBIDDEN, NOT_FOUND = 200, 403, 404
LOGIN = "sent to log in"


@pytest.fixture
def people(db, candidate, other_candidate, staff, admin_user):
    other_staff = make_user("other-counsellor@example.edu", role=User.Role.STAFF)
    cohort = create_cohort(staff_member=staff, name="Class of 2026", description="")
    create_cohort(staff_member=other_staff, name="Evening MBA", description="")
    join_cohort(user=candidate, code=cohort.invite_code)
    return {
        "owner": candidate,
        "other_candidate": other_candidate,
        "cohort_staff": staff,
        "other_staff": other_staff,
        "admin": admin_user,
        "cohort": cohort,
    }


@pytest.fixture
def interview(people):
    load_question_bank(read_bank())
    return finished_interview(people["owner"], questions=1)


def report_urls(interview) -> list[str]:
    recording = Recording.objects.filter(question__interview=interview).first()
    base = f"/reports/{interview.pk}/"
    return [
        base,
        f"{base}pdf/",
        f"{base}data.json",
        f"{base}recordings.zip",
        f"/interviews/{interview.pk}/answers.csv",
        f"/recordings/{recording.pk}/",
    ]


def outcome(response):
    """The status, or LOGIN for a redirect to the login page (other redirects are 302)."""
    if response.status_code == 302 and response.url.startswith("/accounts/login/"):
        return LOGIN
    return response.status_code


# Staff of the owner's cohort read the report, read-only; administrators run every cohort.
REPORT_ACCESS = {
    "anonymous": LOGIN,
    "owner": OK,
    "other_candidate": NOT_FOUND,
    "cohort_staff": OK,
    "other_staff": NOT_FOUND,
    "admin": OK,
}


@pytest.mark.parametrize("role", ROLES)
def test_report_files_and_recordings(client, people, interview, role):
    if role != "anonymous":
        client.force_login(people[role])

    for url in report_urls(interview):
        assert outcome(client.get(url)) == REPORT_ACCESS[role], url


@pytest.mark.parametrize("role", ["cohort_staff", "admin", "other_candidate"])
def test_only_the_owner_can_have_the_report_emailed(client, people, interview, role):
    client.force_login(people[role])

    assert client.post(f"/reports/{interview.pk}/email/").status_code == NOT_FOUND


def test_staff_see_the_report_without_the_owners_email_button(client, people, interview):
    client.force_login(people["cohort_staff"])

    page = client.get(f"/reports/{interview.pk}/").content.decode()

    assert "Email me this report" not in page and "Ada Lovelace and the staff of cohorts they joined" in page


def test_leaving_the_cohort_ends_the_staffs_access(client, people, interview):
    leave_cohort(user=people["owner"], cohort=people["cohort"])
    client.force_login(people["cohort_staff"])

    for url in report_urls(interview):
        assert client.get(url).status_code == NOT_FOUND, url


def test_staff_cannot_open_an_interview_still_in_progress(client, people):
    load_question_bank(read_bank())
    assignment = make_assignment(people["cohort"], people["cohort_staff"])
    interview = start_assignment_interview(candidate=people["owner"], assignment_id=assignment.pk)
    client.force_login(people["cohort_staff"])

    assert client.get(f"/reports/{interview.pk}/").status_code == NOT_FOUND
    assert client.get(f"/reports/{interview.pk}/review/").status_code == NOT_FOUND
    client.force_login(people["owner"])
    assert client.get(f"/reports/{interview.pk}/").url == f"/interviews/{interview.pk}/"


# --- Career-centre pages -------------------------------------------------------------------------

STAFF_PAGE = {
    "anonymous": LOGIN,
    "owner": FORBIDDEN,
    "other_candidate": FORBIDDEN,
    "cohort_staff": OK,
    "other_staff": OK,
    "admin": OK,
}
COHORT_PAGE = {**STAFF_PAGE, "other_staff": NOT_FOUND}
COHORT_ACTION = {**COHORT_PAGE, "cohort_staff": 302, "admin": 302}  # done, then back to the page
START = {
    "anonymous": LOGIN,
    "owner": 302,
    "other_candidate": NOT_FOUND,
    "cohort_staff": NOT_FOUND,
    "other_staff": NOT_FOUND,
    "admin": NOT_FOUND,
}  # only members start an assignment


@pytest.fixture
def workspace(people, interview):
    """The cohort's question set (with one question), assignment and rubric, and the interview to review."""
    assignment = make_assignment(people["cohort"], people["cohort_staff"])
    rubric = save_rubric(
        Rubric(cohort=people["cohort"], name="Graduate scheme"), [("Structure", "STAR"), ("Evidence", "figures")]
    )
    return {"set": assignment.question_set, "assignment": assignment, "rubric": rubric, "interview": interview}


# A create form posted with this cohort's ids: staff of another cohort get the form back with an
# error (400), never an object in a cohort they don't run.
CREATE_IN_COHORT = {**COHORT_ACTION, "other_staff": 400}


def workspace_requests(w) -> list[tuple[str, str, dict, dict, str | None]]:
    """(method, URL, data, expected status by role, text an allowed page shows only to those who
    may see this cohort's work), removals last."""
    set_url, rubric, assignment = f"/question-sets/{w['set'].pk}/", w["rubric"], w["assignment"]
    cohort = assignment.cohort_id
    ratings = {"rubric": rubric.pk, **{f"rating_{c.pk}": "3" for c in rubric.criteria.all()}}
    bank = Question.objects.get(bank_id="software-engineering-easy-02")
    rules = {
        "due_at": "2030-06-01T12:00",
        "attempt_limit": 2,
        "question_time_limit_seconds": 120,
        "hints_allowed": "on",
    }
    return [
        ("get", "/question-sets/", {}, STAFF_PAGE, "Week 3 practice"),
        ("get", "/question-sets/new/", {}, STAFF_PAGE, None),
        (
            "post",
            "/question-sets/new/",
            {"name": "Cross-cohort set", "description": "", "cohort": cohort},
            CREATE_IN_COHORT,
            None,
        ),
        ("get", set_url, {}, COHORT_PAGE, "Week 3 practice"),
        ("post", set_url, {"name": "Renamed", "cohort": cohort}, COHORT_ACTION, None),
        ("post", f"{set_url}bank/", {"question": bank.pk}, COHORT_ACTION, None),
        ("post", f"{set_url}write/", GOOD_QUESTION, COHORT_ACTION, None),
        ("get", "/assignments/", {}, STAFF_PAGE, "Data structures check"),
        ("get", "/assignments/new/", {}, STAFF_PAGE, None),
        (
            "post",
            "/assignments/new/",
            {"title": "Cross-cohort assignment", "cohort": cohort, "question_set": w["set"].pk, **rules},
            CREATE_IN_COHORT,
            None,
        ),
        ("get", f"/assignments/{assignment.pk}/", {}, COHORT_PAGE, "Data structures check"),
        ("get", f"/assignments/{assignment.pk}/edit/", {}, COHORT_PAGE, "Data structures check"),
        (
            "post",
            f"/assignments/{assignment.pk}/edit/",
            {"title": "Retitled", "cohort": cohort, "question_set": w["set"].pk, **rules},
            COHORT_ACTION,
            None,
        ),
        ("post", f"/assignments/{assignment.pk}/start/", {}, START, None),
        ("get", "/rubrics/", {}, STAFF_PAGE, "Graduate scheme"),
        ("get", "/rubrics/new/", {}, STAFF_PAGE, None),
        (
            "post",
            "/rubrics/new/",
            {"name": "Cross-cohort rubric", "cohort": cohort, "criteria": "Structure: STAR"},
            CREATE_IN_COHORT,
            None,
        ),
        ("get", f"/rubrics/{rubric.pk}/", {}, COHORT_PAGE, "Graduate scheme"),
        ("get", f"/reports/{w['interview'].pk}/review/", {}, COHORT_PAGE, "Ada Lovelace"),
        ("post", f"/reports/{w['interview'].pk}/review/", ratings, COHORT_ACTION, None),
        (
            "post",
            f"/rubrics/{rubric.pk}/",
            {"name": "Graduate scheme 2", "cohort": cohort, "criteria": "Structure: STAR"},
            COHORT_ACTION,
            None,
        ),
        ("post", f"{set_url}items/{w['set'].items.first().pk}/remove/", {}, COHORT_ACTION, None),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_career_centre_pages(client, people, workspace, role):
    if role != "anonymous":
        client.force_login(people[role])

    for method, url, data, expected, shows in workspace_requests(workspace):
        response = getattr(client, method)(url, data)
        assert outcome(response) == expected[role], (method, url, response.content.decode()[:3000])
        if response.status_code == 200 and shows:
            assert (shows in response.content.decode()) == (role in ("cohort_staff", "admin")), (url, role)

    changed = COHORT_ACTION[role] == 302
    assert QuestionSet.objects.get(pk=workspace["set"].pk).name == ("Renamed" if changed else "Week 3 practice")
    assert Assignment.objects.get(pk=workspace["assignment"].pk).title == (
        "Retitled" if changed else "Data structures check"
    )
    assert Rubric.objects.filter(name="Graduate scheme 2").exists() == changed
    assert Review.objects.exists() == changed
    created = [
        QuestionSet.objects.filter(name="Cross-cohort set", cohort=workspace["set"].cohort).exists(),
        Assignment.objects.filter(title="Cross-cohort assignment").exists(),
        Rubric.objects.filter(name="Cross-cohort rubric").exists(),
    ]
    assert created == [changed] * 3
    assert Interview.objects.filter(assignment=workspace["assignment"]).exists() == (role == "owner")


def test_reviews_are_read_by_the_student_and_that_cohorts_staff_only(client, people, workspace):
    """Staff of another cohort the student also joined read the report, not the other cohort's review."""
    other_cohort = people["other_staff"].staffed_cohorts.get()
    join_cohort(user=people["owner"], code=other_cohort.invite_code)
    client.force_login(people["cohort_staff"])
    client.post(
        f"/reports/{workspace['interview'].pk}/review/",
        {
            "rubric": workspace["rubric"].pk,
            "summary": "Well prepared.",
            **{f"rating_{c.pk}": "5" for c in workspace["rubric"].criteria.all()},
        },
    )
    report = f"/reports/{workspace['interview'].pk}/"

    for role, sees in [("owner", True), ("cohort_staff", True), ("admin", True), ("other_staff", False)]:
        client.force_login(people[role])
        page = client.get(report).content.decode()
        assert ("Well prepared." in page) == sees, role


@pytest.fixture
def interview_in_progress(people):
    """Halfway through: the first question asked, its answer being recorded."""
    load_question_bank(read_bank())
    setup = InterviewSetup(
        position="Junior developer",
        difficulty="easy",
        duration_minutes=15,
        type="technical",
        domain="software-engineering",
    )
    interview = start_interview(candidate=people["owner"], candidate_name="Ada", setup=setup, rng=random.Random(1))
    question = ask_current_question(interview)
    recording = start_recording(interview, question.pk, 1, "audio/webm")
    append_chunk(recording, b"\x1a\x45\xdf\xa3 the first second of the answer")
    return interview, recording


# Nobody but its owner reads an interview still in progress: not even its cohort's staff.
IN_PROGRESS_ACCESS = {
    "anonymous": LOGIN,
    "owner": OK,
    "other_candidate": NOT_FOUND,
    "cohort_staff": NOT_FOUND,
    "other_staff": NOT_FOUND,
    "admin": NOT_FOUND,
}


@pytest.mark.parametrize("role", ROLES)
def test_the_answers_csv_and_recordings_of_an_interview_in_progress(client, people, interview_in_progress, role):
    interview, recording = interview_in_progress
    if role != "anonymous":
        client.force_login(people[role])

    for url in (f"/interviews/{interview.pk}/answers.csv", f"/recordings/{recording.pk}/"):
        response = client.get(url)
        assert outcome(response) == IN_PROGRESS_ACCESS[role], url
        if response.status_code == OK and url.endswith(".csv"):
            assert interview.questions.exclude(asked_at=None).get().text[:30] in response.content.decode()
        elif response.status_code == OK:
            assert b"".join(response.streaming_content) == b"\x1a\x45\xdf\xa3 the first second of the answer"
