"""Per-user rate limits on the language model: beyond the hourly allowance nothing is sent and
the offline engine answers; other users keep their own allowance. The count lives in the cache,
so with Redis every process shares it."""

import random

import pytest

from interviewer.engine.bank import read_bank
from interviewer.engine.planning import InterviewSetup
from interviewer.models import InterviewQuestion
from interviewer.services import load_question_bank, start_interview
from tests.conftest import make_user
from tests.llm_server import reply_json, written_question

SETUP = InterviewSetup(
    position="Backend developer",
    difficulty="medium",
    duration_minutes=15,
    type="technical",
    domain="software-engineering",
)


def start(user) -> bool:
    interview = start_interview(candidate=user, candidate_name="Ada", setup=SETUP, rng=random.Random(3))
    return interview.questions.filter(source=InterviewQuestion.Source.LLM).exists()


@pytest.fixture(params=["locmem", "redis"])
def shared_cache(request, settings):
    if request.param == "redis":
        url = request.getfixturevalue("redis_url")
        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}}
    return request.param


def test_beyond_the_hourly_allowance_nothing_is_sent(db, candidate, settings, llm_on, shared_cache):
    load_question_bank(read_bank())
    settings.LLM_REQUESTS_PER_USER_PER_HOUR = 2
    llm_on.queue(*[reply_json({"questions": [written_question(n) for n in range(1, 4)]})] * 4)

    assert [start(candidate) for _ in range(3)] == [True, True, False]
    assert llm_on.request_count == 2

    assert start(make_user("grace@example.edu")) is True  # another candidate has their own allowance
    assert llm_on.request_count == 3
