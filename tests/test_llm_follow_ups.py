"""Follow-up questions written by the language model from the candidate's last answer, and the
offline follow-up in the same turn when the model fails."""

import pytest

from interviewer.models import InterviewQuestion
from interviewer.services import (
    answer_current_question,
)
from tests.answers import ANSWERS
from tests.llm_server import Reply, reply_json, written_question
from tests.rooms import interview_on_arrays_and_lists

# A correct answer that names a decision, so the offline engine has a follow-up of its own too.
ANSWER = (
    ANSWERS["software-engineering-easy-01"][0]
    + " On my last project we decided to replace a linked list with a ring buffer"
    " because profiling showed cache misses."
)


@pytest.fixture
def interview(db, candidate, settings):
    settings.LLM_BASE_URL = ""  # the questions from the bank: these tests are about follow-ups
    return interview_on_arrays_and_lists(candidate)


def test_the_model_writes_the_follow_up_from_the_last_answer(interview, llm_on):
    follow_up = {
        **written_question(),
        "text": "You chose a ring buffer over a linked list. How did you measure the cache misses?",
    }
    llm_on.queue(reply_json(follow_up))

    turn = answer_current_question(interview, ANSWER)

    assert turn.next_question.source == InterviewQuestion.Source.FOLLOW_UP
    assert turn.next_question.text == follow_up["text"] and turn.next_question.key_points == follow_up["key_points"]
    assert turn.next_question.written_by == f"test-model at {llm_on.url.split('/')[2]}"
    assert turn.next_question.engine_label.startswith("Written by test-model")
    sent = llm_on.user_messages()[0]
    assert f"<candidate_answer>\n{ANSWER}\n</candidate_answer>" in sent and interview.questions.first().text in sent


@pytest.mark.parametrize(
    "failure",
    [
        [Reply(status=429)],
        [Reply(status=500)],
        [Reply("{}", delay=3)],
        [Reply('{"text": "' + "x" * 3000 + '"}', drop=True)],
        [Reply("not json"), Reply('{"text": "still missing its parts"}')],
    ],
    ids=["429", "500", "slower-than-the-timeout", "dropped-connection", "malformed-twice"],
)
def test_the_offline_follow_up_is_asked_in_the_same_turn_when_the_model_fails(interview, llm_on, failure):
    llm_on.queue(*failure)

    turn = answer_current_question(interview, ANSWER)

    assert llm_on.request_count == len(failure)
    assert turn.next_question.source == InterviewQuestion.Source.FOLLOW_UP and turn.next_question.written_by == ""
    assert "replace a linked list with a ring buffer" in turn.next_question.text
    assert turn.next_question.engine_label == "Follow-up from the offline engine"


def test_a_short_answer_is_not_sent_for_a_follow_up(interview, llm_on):
    answer_current_question(interview, "A list keeps order and allows duplicates; a set doesn't.")

    assert llm_on.request_count == 0
