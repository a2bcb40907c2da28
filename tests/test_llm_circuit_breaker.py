"""The circuit breaker: after repeated failures no request reaches the provider, interviews go
on with the question bank, and after the cool-down one trial request decides whether to resume."""

import random
import time

import pytest

from interviewer.engine.bank import read_bank
from interviewer.engine.llm.client import CircuitBreaker
from interviewer.engine.planning import InterviewSetup
from interviewer.models import InterviewQuestion
from interviewer.services import load_question_bank, start_interview
from tests.llm_server import Reply, reply_json, written_question

SETUP = InterviewSetup(
    position="Backend developer",
    difficulty="medium",
    duration_minutes=15,
    type="technical",
    domain="software-engineering",
)
COOL_DOWN = 0.5


@pytest.fixture
def start(db, candidate, settings, llm_on):
    load_question_bank(read_bank())
    settings.LLM_BREAKER_FAILURES, settings.LLM_BREAKER_COOL_DOWN_SECONDS = 3, COOL_DOWN

    def start_one():
        interview = start_interview(candidate=candidate, candidate_name="Ada", setup=SETUP, rng=random.Random(3))
        return interview.questions.filter(source=InterviewQuestion.Source.LLM).exists()

    return start_one


def good_questions():
    return reply_json({"questions": [written_question(n) for n in range(1, 4)]})


def test_the_breaker_opens_after_repeated_failures_and_closes_after_a_good_trial(start, llm_on):
    llm_on.queue(*[Reply(status=500)] * 6)

    used_model = [start() for _ in range(5)]

    assert used_model == [False] * 5  # every interview started, with bank questions
    assert llm_on.request_count == 3  # the last two never reached the server

    time.sleep(COOL_DOWN + 0.1)
    llm_on.replies.clear()
    llm_on.queue(good_questions(), good_questions())
    assert start() is True  # the trial request after the cool-down succeeded
    assert start() is True  # and the breaker is closed again
    assert llm_on.request_count == 5


def test_a_failed_trial_opens_the_breaker_for_another_cool_down(start, llm_on):
    llm_on.queue(*[Reply(status=503)] * 4)
    for _ in range(3):
        start()
    time.sleep(COOL_DOWN + 0.1)

    assert start() is False  # the trial, which fails
    assert start() is False  # refused at once: no request
    assert llm_on.request_count == 4


def test_only_one_trial_goes_through_while_half_open():
    now = [0.0]
    breaker = CircuitBreaker(failures=2, cool_down_seconds=10, clock=lambda: now[0])
    breaker.record_failure()
    assert breaker.allow() and not breaker.is_open  # one failure is not enough
    breaker.record_failure()
    assert breaker.is_open and not breaker.allow()

    now[0] = 10
    assert breaker.allow() and not breaker.allow()  # one trial at a time
    breaker.record_success()
    assert not breaker.is_open and breaker.allow() and breaker.allow()
