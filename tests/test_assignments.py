"""Assignments: a question set for a cohort with a due date, an attempt limit, a time per question
and hints on or off. The limits hold on the server when the page is bypassed (POSTs and
websocket messages sent directly); staff see who completed each assignment."""

import threading
from datetime import timedelta

import pytest
from asgiref.sync import sync_to_async
from django.db import connection
from django.utils import timezone

from accounts.models import User
from accounts.services import create_cohort, join_cohort, leave_cohort
from assignments.models import Assignment, QuestionSet
from assignments.services import AssignmentRefused, start_assignment_interview
from interviewer.engine.bank import read_bank
from interviewer.models import Answer, Interview, InterviewQuestion, Question, Recording
from interviewer.services import (
    ANSWER_GRACE_SECONDS,
    answer_current_question,
    ask_current_question,
    load_question_bank,
)
from tests.answers import ANSWERS
from tests.assignment_data import WRITTEN, make_assignment
from tests.conftest import make_user
from tests.rooms import answer_typed, connect, next_of

OFF_TOPIC = "I enjoy hiking at weekends and I have two cats called Pepper and Salt who sleep all day."


@pytest.fixture
def cohort(db, candidate, staff):
    load_question_bank(read_bank())
    cohort = create_cohort(staff_member=staff, name="Class of 2026")
    join_cohort(user=candidate, code=cohort.invite_code)
    return cohort


@pytest.fixture
def assignment(cohort, staff):
    return make_assignment(cohort, staff)


def finish(interview):
    answer_current_question(interview, "finish interview")


# --- Starting: exactly the set, with the assignment's rules ------------------------------------


def test_an_attempt_asks_exactly_the_sets_questions_with_the_assignments_rules(candidate, cohort, staff):
    assignment = make_assignment(cohort, staff, hints_allowed=False, question_time_limit_seconds=90)

    interview = start_assignment_interview(candidate=candidate, assignment_id=assignment.pk)

    questions = list(interview.questions.order_by("position"))
    assert [q.text for q in questions] == [
        Question.objects.get(bank_id="software-engineering-easy-01").text,
        WRITTEN["text"],
    ]
    assert questions[1].key_points == WRITTEN["key_points"] and questions[1].bank_question is None
    assert interview.assignment == assignment and interview.question_time_limit_seconds == 90
    assert not interview.hints_allowed and interview.follow_ups_left == 0
    assert interview.duration_minutes * 60 >= 2 * 90


def test_a_member_starts_it_from_the_home_or_interviews_page(client, candidate, assignment):
    client.force_login(candidate)
    for url in ("/", "/interviews/"):
        page = client.get(url).content.decode()
        assert "Data structures check" in page and f"/assignments/{assignment.pk}/start/" in page

    response = client.post(f"/assignments/{assignment.pk}/start/")

    interview = Interview.objects.get(candidate=candidate)
    assert response.status_code == 302 and response.url == f"/interviews/{interview.pk}/room/"


def test_starting_again_during_an_attempt_returns_it_instead_of_using_another(client, candidate, assignment):
    client.force_login(candidate)

    client.post(f"/assignments/{assignment.pk}/start/")
    client.post(f"/assignments/{assignment.pk}/start/")

    assert Interview.objects.filter(assignment=assignment).count() == 1


# --- Limits enforced on the server ---------------------------------------------------------------


def test_the_attempt_limit_holds_when_the_start_is_posted_directly(client, candidate, cohort, staff):
    assignment = make_assignment(cohort, staff, attempt_limit=2)
    client.force_login(candidate)
    for _ in range(2):
        client.post(f"/assignments/{assignment.pk}/start/")
        finish(Interview.objects.filter(candidate=candidate).exclude(status=Interview.Status.FINISHED).get())

    response = client.post(f"/assignments/{assignment.pk}/start/", follow=True)

    assert Interview.objects.filter(assignment=assignment).count() == 2
    assert "You have used all 2 attempts at “Data structures check”." in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_two_starts_at_once_cannot_both_take_the_last_attempt(candidate, staff):
    load_question_bank(read_bank())
    cohort = create_cohort(staff_member=staff, name="Class of 2026")
    join_cohort(user=candidate, code=cohort.invite_code)
    assignment = make_assignment(cohort, staff, attempt_limit=1)
    barrier, started, refused, crashed = threading.Barrier(4), [], [], []

    def start():
        try:
            barrier.wait()
            started.append(start_assignment_interview(candidate=candidate, assignment_id=assignment.pk).pk)
        except AssignmentRefused as error:
            refused.append(str(error))
        except Exception as error:
            crashed.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=start) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert not crashed and not refused
    assert Interview.objects.filter(assignment=assignment).count() == 1
    assert len(started) == 4 and len(set(started)) == 1  # every thread got the one attempt, three of them in progress


def test_a_past_due_assignment_is_refused_with_its_date(client, candidate, cohort, staff):
    assignment = make_assignment(cohort, staff)
    Assignment.objects.filter(pk=assignment.pk).update(due_at=timezone.now() - timedelta(minutes=1))
    client.force_login(candidate)

    response = client.post(f"/assignments/{assignment.pk}/start/", follow=True)

    assert not Interview.objects.exists()
    assert "was due on" in response.content.decode() and "it can no longer be started" in response.content.decode()
    assert "Closed" in client.get("/interviews/").content.decode()


@pytest.mark.parametrize("who", ["other_candidate", "staff"])
def test_someone_outside_the_cohort_gets_not_found(client, assignment, who, request):
    client.force_login(request.getfixturevalue(who))

    assert client.post(f"/assignments/{assignment.pk}/start/").status_code == 404
    assert not Interview.objects.exists()


def test_leaving_the_cohort_ends_the_assignment(client, candidate, cohort, assignment):
    leave_cohort(user=candidate, cohort=cohort)
    client.force_login(candidate)

    assert client.post(f"/assignments/{assignment.pk}/start/").status_code == 404
    with pytest.raises(AssignmentRefused, match="not a member"):
        start_assignment_interview(candidate=candidate, assignment_id=assignment.pk)
    assert "Data structures check" not in client.get("/interviews/").content.decode()


def test_an_empty_set_is_refused_rather_than_an_empty_interview(candidate, cohort, staff):
    assignment = make_assignment(cohort, staff)
    assignment.question_set.items.all().delete()

    with pytest.raises(AssignmentRefused, match="has no questions yet"):
        start_assignment_interview(candidate=candidate, assignment_id=assignment.pk)


# --- Hints and time limits in the turn flow ---------------------------------------------------------


def test_with_hints_off_a_wrong_answer_reveals_the_model_answer_and_moves_on(candidate, cohort, staff):
    interview = start_assignment_interview(
        candidate=candidate, assignment_id=make_assignment(cohort, staff, hints_allowed=False).pk
    )
    first = ask_current_question(interview)

    turn = answer_current_question(interview, OFF_TOPIC)

    assert turn.step == "reveal" and turn.model_answer == first.model_answer and "Hint" not in turn.message
    first.refresh_from_db()
    assert first.done and not first.hint_given and first.verdict == "incorrect"
    assert turn.next_question.text == WRITTEN["text"]


def test_with_hints_on_a_wrong_answer_gets_the_hint_and_a_retry(candidate, assignment):
    interview = start_assignment_interview(candidate=candidate, assignment_id=assignment.pk)
    first = ask_current_question(interview)

    turn = answer_current_question(interview, OFF_TOPIC)

    assert turn.step == "retry" and first.hint in turn.message


def test_the_written_question_is_graded_on_its_own_key_points(candidate, assignment):
    interview = start_assignment_interview(candidate=candidate, assignment_id=assignment.pk)
    answer_current_question(interview, ANSWERS["software-engineering-easy-01"][0])

    turn = answer_current_question(interview, WRITTEN["model_answer"])

    assert turn.step == "next" and [k.point for k in turn.grade.key_points] == WRITTEN["key_points"]
    interview.refresh_from_db()
    assert interview.status == Interview.Status.FINISHED and interview.accuracy == 1.0


def _question_asked_seconds_ago(interview, seconds):
    """The interview (and so the current question's clock) started `seconds` ago."""
    question = ask_current_question(interview)
    Interview.objects.filter(pk=interview.pk).update(started_at=timezone.now() - timedelta(seconds=seconds))
    interview.refresh_from_db()
    return question


def test_a_typed_answer_after_the_time_limit_is_not_graded_and_the_next_question_follows(candidate, cohort, staff):
    interview = start_assignment_interview(
        candidate=candidate, assignment_id=make_assignment(cohort, staff, question_time_limit_seconds=60).pk
    )
    first = _question_asked_seconds_ago(interview, 60 + ANSWER_GRACE_SECONDS + 5)

    turn = answer_current_question(interview, ANSWERS["software-engineering-easy-01"][0])

    assert turn.kind == "time_up" and "1:00 for this question ran out" in turn.message
    assert not Answer.objects.exists()
    first.refresh_from_db()
    assert first.done and first.verdict == "incorrect" and first.model_answer_shown
    assert turn.next_question.text == WRITTEN["text"]


def test_a_typed_answer_sent_in_time_is_graded_however_long_it_waited_in_the_queue(candidate, cohort, staff):
    interview = start_assignment_interview(
        candidate=candidate, assignment_id=make_assignment(cohort, staff, question_time_limit_seconds=60).pk
    )
    _question_asked_seconds_ago(interview, 300)
    sent_at = timezone.now() - timedelta(seconds=250)  # 50 s after the question was asked

    turn = answer_current_question(interview, ANSWERS["software-engineering-easy-01"][0], sent_at=sent_at)

    assert turn.kind == "graded" and Answer.objects.count() == 1


def test_a_spoken_answer_that_ended_in_time_is_graded_however_late_it_is_processed(candidate, cohort, staff):
    interview = start_assignment_interview(
        candidate=candidate, assignment_id=make_assignment(cohort, staff, question_time_limit_seconds=60).pk
    )
    first = _question_asked_seconds_ago(interview, 300)
    text = ANSWERS["software-engineering-easy-01"][0]
    recording = Recording.objects.create(
        question=first,
        attempt=1,
        mime="audio/webm",
        status=Recording.Status.DONE,
        transcript={"text": text, "words": [], "duration": 50.0, "language": "en"},
    )
    Recording.objects.filter(pk=recording.pk).update(created_at=timezone.now() - timedelta(seconds=295))
    recording.refresh_from_db()

    turn = answer_current_question(interview, text, recording=recording)

    assert turn.kind == "graded" and turn.step == "next"


def test_a_spoken_answer_that_ran_past_the_limit_is_not_graded(candidate, cohort, staff):
    interview = start_assignment_interview(
        candidate=candidate, assignment_id=make_assignment(cohort, staff, question_time_limit_seconds=60).pk
    )
    first = _question_asked_seconds_ago(interview, 300)
    recording = Recording.objects.create(
        question=first,
        attempt=1,
        mime="audio/webm",
        status=Recording.Status.DONE,
        transcript={"text": "an answer", "words": [], "duration": 200.0, "language": "en"},
    )
    Recording.objects.filter(pk=recording.pk).update(created_at=timezone.now() - timedelta(seconds=295))
    recording.refresh_from_db()

    turn = answer_current_question(interview, "an answer that kept going", recording=recording)

    assert turn.kind == "time_up" and not Answer.objects.exists()


@pytest.mark.django_db(transaction=True)
async def test_over_the_websocket_hints_off_and_the_time_limit_hold(candidate, staff):
    cohort = await sync_to_async(_cohort_with_member)(candidate, staff)
    assignment = await sync_to_async(make_assignment)(
        cohort, staff, hints_allowed=False, question_time_limit_seconds=60
    )
    interview = await sync_to_async(start_assignment_interview)(candidate=candidate, assignment_id=assignment.pk)
    communicator, connected, _ = await connect(candidate, interview)
    state = await communicator.receive_json_from(timeout=30)
    assert connected and state["question_seconds_left"] == 60

    await answer_typed(communicator, state, OFF_TOPIC)
    graded = await next_of(communicator, "graded")
    assert graded["step"] == "reveal" and graded["model_answer"]

    state = await next_of(communicator, "state")
    await sync_to_async(_question_asked_seconds_ago)(interview, 60 + ANSWER_GRACE_SECONDS + 5)
    await answer_typed(communicator, state, WRITTEN["model_answer"])
    error = await next_of(communicator, "error")
    assert error["code"] == "time_up"
    finished = await next_of(communicator, "finished")
    assert finished["report_url"]
    await communicator.disconnect()
    assert await Answer.objects.filter(question__interview=interview).acount() == 1


@pytest.mark.django_db(transaction=True)
async def test_an_assignment_cannot_be_paused_to_stop_its_clock(candidate, staff):
    cohort = await sync_to_async(_cohort_with_member)(candidate, staff)
    assignment = await sync_to_async(make_assignment)(cohort, staff, question_time_limit_seconds=60)
    interview = await sync_to_async(start_assignment_interview)(candidate=candidate, assignment_id=assignment.pk)
    communicator, _, _ = await connect(candidate, interview)
    state = await communicator.receive_json_from(timeout=30)
    assert state["can_pause"] is False

    await communicator.send_json_to({"type": "pause"})

    error = await next_of(communicator, "error")
    assert error["code"] == "not_allowed" and "can't be paused" in error["message"]
    await interview.arefresh_from_db()
    assert interview.paused_at is None
    await communicator.disconnect()


def _cohort_with_member(candidate, staff):
    load_question_bank(read_bank())
    cohort = create_cohort(staff_member=staff, name="Class of 2026")
    join_cohort(user=candidate, code=cohort.invite_code)
    return cohort


# --- Staff: creating assignments and seeing who did them -----------------------------------------------


def test_staff_see_completed_in_progress_and_not_started(client, candidate, other_candidate, cohort, staff, assignment):
    third = make_user("alan@example.edu")
    join_cohort(user=other_candidate, code=cohort.invite_code)
    join_cohort(user=third, code=cohort.invite_code)
    done = start_assignment_interview(candidate=candidate, assignment_id=assignment.pk)
    answer_current_question(done, ANSWERS["software-engineering-easy-01"][0])
    answer_current_question(done, WRITTEN["model_answer"])
    start_assignment_interview(candidate=other_candidate, assignment_id=assignment.pk)
    client.force_login(staff)

    page = client.get(f"/assignments/{assignment.pk}/").content.decode()

    rows = {email: page[page.index(email) :].split("</tr>")[0] for email in ("ada@", "grace@", "alan@")}
    assert "Completed" in rows["ada@"] and "1 of 1" in rows["ada@"] and "/100" in rows["ada@"]
    assert (
        f"/reports/{done.pk}/review/" in rows["ada@"] and client.get(f"/reports/{done.pk}/review/").status_code == 200
    )
    assert "In progress" in rows["grace@"] and "1 of 1" in rows["grace@"]
    assert "Not started" in rows["alan@"] and "0 of 1" in rows["alan@"]


def test_staff_create_an_assignment_with_messages_for_each_wrong_field(client, cohort, staff):
    question_set = make_assignment(cohort, staff).question_set
    empty_set = QuestionSet.objects.create(name="Empty", created_by=staff)
    client.force_login(staff)

    response = client.post(
        "/assignments/new/",
        {
            "title": "",
            "cohort": cohort.pk,
            "question_set": empty_set.pk,
            "due_at": "2001-01-01T09:00",
            "attempt_limit": 0,
            "question_time_limit_seconds": 5000,
        },
    )

    page = response.content.decode()
    assert response.status_code == 400
    for message in (
        "This field is required.",
        "has no questions yet",
        "Choose a moment in the future.",
        "greater than or equal to 1",
        "less than or equal to 600",
    ):
        assert message in page, message

    due = (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        "/assignments/new/",
        {
            "title": "Mock before the careers fair",
            "cohort": cohort.pk,
            "question_set": question_set.pk,
            "due_at": due,
            "attempt_limit": 3,
            "question_time_limit_seconds": 150,
            "hints_allowed": "on",
        },
    )
    created = Assignment.objects.get(title="Mock before the careers fair")
    assert (
        response.status_code == 302
        and created.attempt_limit == 3
        and created.hints_allowed
        and created.created_by == staff
    )


def test_a_cohorts_set_cannot_be_assigned_to_another_cohort(client, cohort, staff):
    other = create_cohort(staff_member=staff, name="Evening MBA")
    question_set = make_assignment(cohort, staff).question_set
    client.force_login(staff)
    due = (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")

    response = client.post(
        "/assignments/new/",
        {
            "title": "X",
            "cohort": other.pk,
            "question_set": question_set.pk,
            "due_at": due,
            "attempt_limit": 1,
            "question_time_limit_seconds": 120,
        },
    )

    assert response.status_code == 400 and "is shared with Class of 2026, not Evening MBA" in response.content.decode()


def test_staff_of_another_cohort_cannot_see_or_assign_it(client, cohort, staff, assignment):
    outsider = make_user("other-counsellor@example.edu", role=User.Role.STAFF)
    create_cohort(staff_member=outsider, name="Evening MBA")
    client.force_login(outsider)

    assert client.get(f"/assignments/{assignment.pk}/").status_code == 404
    assert "Data structures check" not in client.get("/assignments/").content.decode()
    response = client.post(
        "/assignments/new/", {"title": "X", "cohort": cohort.pk, "question_set": assignment.question_set.pk}
    )
    assert "Select a valid choice" in response.content.decode()
    assert InterviewQuestion.objects.count() == 0
