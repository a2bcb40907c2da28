"""The turn flow through the services the consumer and tasks use: real database, real grader."""

import pytest

from interviewer.engine.planning import InterviewSetup
from interviewer.models import Answer, Interview, InterviewQuestion
from interviewer.services import (
    answer_current_question,
    ask_current_question,
    start_interview,
)
from tests.answers import ANSWERS
from tests.rooms import interview_on_arrays_and_lists

OFF_TOPIC = "I enjoy hiking at weekends and I have two cats called Pepper and Salt who sleep all day."


@pytest.fixture
def interview(db, candidate):
    """The first question, software-engineering-easy-01, asked: its answers are written by hand."""
    return interview_on_arrays_and_lists(candidate)


def test_a_correct_answer_gets_praise_and_the_next_question(interview):
    first = ask_current_question(interview)

    turn = answer_current_question(interview, ANSWERS["software-engineering-easy-01"][0])

    assert turn.kind == "graded" and turn.step == "next"
    assert "key points" in turn.message
    assert turn.next_question.position > first.position and turn.next_question.asked_at is not None
    first.refresh_from_db()
    assert first.done and first.verdict == "correct" and not first.hint_given


def test_a_wrong_answer_gets_a_hint_then_a_retry_then_the_model_answer(interview):
    first = ask_current_question(interview)

    hint = answer_current_question(interview, OFF_TOPIC)
    assert hint.step == "retry" and hint.attempt == 1
    assert first.hint in hint.message and "Try once more" in hint.message
    assert ask_current_question(interview) == first  # the same question again

    reveal = answer_current_question(interview, OFF_TOPIC)
    assert reveal.step == "reveal" and reveal.attempt == 2
    assert reveal.model_answer == first.model_answer
    assert reveal.next_question != first
    first.refresh_from_db()
    assert first.done and first.hint_given and first.model_answer_shown and first.verdict == "incorrect"
    assert list(Answer.objects.filter(question=first).values_list("attempt", flat=True)) == [1, 2]


def test_a_retry_that_gets_it_right_moves_on_without_the_model_answer(interview):
    answer_current_question(interview, ANSWERS["software-engineering-easy-01"][2])

    turn = answer_current_question(interview, ANSWERS["software-engineering-easy-01"][0])

    assert turn.step == "next" and turn.model_answer == ""
    first = interview.questions.get(position=10)
    assert first.verdict == "correct" and first.hint_given and not first.model_answer_shown


def test_an_empty_answer_asks_again_without_using_the_retry(interview):
    turn = answer_current_question(interview, "   ")

    assert turn.kind == "empty" and "didn't hear anything" in turn.message
    assert not Answer.objects.exists()


def test_saying_finish_interview_ends_it_with_feedback_and_accuracy(interview):
    answer_current_question(interview, ANSWERS["software-engineering-easy-01"][0])

    turn = answer_current_question(interview, "Finish interview.")

    interview.refresh_from_db()
    assert turn.kind == "finished" and interview.status == Interview.Status.FINISHED
    assert interview.questions.count() == 2  # the answered one and the one on screen; the rest were never asked
    assert interview.accuracy == 0.5
    assert interview.feedback["asked"] == 2 and interview.feedback["correct"] == 1
    assert answer_current_question(interview, "anything").kind == "finished"


def test_a_concrete_answer_brings_a_follow_up_about_what_was_said(interview):
    answer = (
        ANSWERS["software-engineering-easy-01"][0]
        + " On my last project we decided to replace a linked list with a ring buffer"
        " because profiling showed cache misses."
    )

    turn = answer_current_question(interview, answer)

    assert turn.next_question.source == InterviewQuestion.Source.FOLLOW_UP
    assert "replace a linked list with a ring buffer" in turn.next_question.text
    interview.refresh_from_db()
    assert interview.follow_ups_left == 0  # 15 minutes allow one


def test_the_whole_interview_runs_to_the_end_and_finishes_itself(interview):
    turns = []
    for _ in range(20):
        turn = answer_current_question(interview, ANSWERS["software-engineering-easy-01"][0])
        turns.append(turn)
        if turn.next_question is None and turn.kind == "graded" and turn.step != "retry":
            break
    interview.refresh_from_db()
    assert interview.status == Interview.Status.FINISHED
    assert interview.feedback["asked"] == interview.questions.count() >= 5
    assert interview.accuracy == interview.feedback["correct"] / interview.feedback["asked"]


def test_recent_questions_are_not_asked_again(interview, candidate):
    asked_before = set(interview.questions.values_list("bank_question__bank_id", flat=True))
    setup = InterviewSetup(
        position="Junior developer",
        difficulty="easy",
        duration_minutes=15,
        type="technical",
        domain="software-engineering",
    )

    second = start_interview(candidate=candidate, candidate_name="Ada", setup=setup)

    assert not asked_before & set(second.questions.values_list("bank_question__bank_id", flat=True))
