"""Questions written by the language model in a real interview, and the question bank taking
over in the same call whenever the model fails."""

import json
import random

import pytest

from interviewer.engine.bank import read_bank
from interviewer.engine.planning import InterviewSetup
from interviewer.models import InterviewQuestion
from interviewer.services import (
    answer_current_question,
    ask_current_question,
    load_question_bank,
    start_interview,
)
from resumes.models import Profile
from tests.llm_server import Reply, reply_json, written_question

SETUP = InterviewSetup(
    position="Backend developer",
    difficulty="medium",
    duration_minutes=15,
    type="technical",
    domain="software-engineering",
)
MAIN_QUESTIONS = 3  # a 15-minute interview: 1 opener, 3 main questions, 1 wrap-up


@pytest.fixture
def bank(db):
    load_question_bank(read_bank())


def start(candidate, setup=SETUP):
    return start_interview(candidate=candidate, candidate_name="Ada", setup=setup, rng=random.Random(3))


def test_the_model_writes_the_field_questions_and_the_page_names_it(bank, candidate, client, llm_on):
    llm_on.queue(reply_json({"questions": [written_question(n) for n in range(1, MAIN_QUESTIONS + 1)]}))

    interview = start(candidate)

    written = list(interview.questions.filter(source=InterviewQuestion.Source.LLM))
    assert [q.text for q in written] == [written_question(n)["text"] for n in range(1, MAIN_QUESTIONS + 1)]
    host = llm_on.url.split("/")[2]
    assert {q.written_by for q in written} == {f"test-model at {host}"}
    assert written[0].key_points == written_question()["key_points"] and written[0].bank_question is None
    # Openers and the wrap-up still come from the bank.
    assert set(interview.questions.exclude(source=InterviewQuestion.Source.LLM).values_list("stage", flat=True)) == {
        "opener",
        "wrapup",
    }
    request = llm_on.user_messages()[0]
    assert "Backend developer" in request and "Software engineering" in request and "medium" in request
    assert "ada@example.edu" not in json.dumps(llm_on.requests)

    ask_current_question(interview)  # the opener, from the bank
    interview.questions.filter(stage="opener").update(done=True)
    assert ask_current_question(interview).source == InterviewQuestion.Source.LLM
    client.force_login(candidate)
    page = client.get(f"/interviews/{interview.pk}/").content.decode()
    assert f"Written by test-model at {host}" in page and "From the question bank" in page


def test_a_written_question_is_graded_on_its_own_key_points(bank, candidate, llm_on):
    llm_on.queue(reply_json({"questions": [written_question(n) for n in range(1, MAIN_QUESTIONS + 1)]}))
    interview = start(candidate)
    interview.questions.filter(stage="opener").update(done=True)

    turn = answer_current_question(
        interview,
        "I would name the algorithm first: a token bucket per API key. "
        "I would keep the counters in a shared store like Redis so every server sees them. "
        "A limited client gets an HTTP 429 response with a Retry-After header.",
    )

    assert turn.kind == "graded"
    assert [k.point for k in turn.grade.key_points] == written_question()["key_points"]
    assert len(turn.grade.covered) >= 2 and turn.grade.content_score > 70


def test_malformed_questions_are_asked_for_once_more_then_the_bank_is_used(bank, candidate, llm_on):
    llm_on.queue(Reply("Here are some great questions!"), reply_json({"questions": [written_question(1)]}))

    interview = start(candidate)

    assert llm_on.request_count == 2
    assert not interview.questions.filter(source=InterviewQuestion.Source.LLM).exists()
    main = interview.questions.filter(stage="main")
    assert main.count() == MAIN_QUESTIONS and all(q.bank_question_id and not q.written_by for q in main)


def test_a_malformed_reply_then_a_good_one_is_used(bank, candidate, llm_on):
    llm_on.queue(
        reply_json({"questions": "three of them"}),
        reply_json({"questions": [written_question(n) for n in range(1, 4)]}),
    )

    interview = start(candidate)

    assert interview.questions.filter(source=InterviewQuestion.Source.LLM).count() == MAIN_QUESTIONS


@pytest.mark.parametrize(
    "failure",
    [Reply(status=429), Reply(status=500), Reply("{}", delay=3), Reply('{"questions": []}' + " " * 4000, drop=True)],
    ids=["429", "500", "slower-than-the-timeout", "dropped-connection"],
)
def test_any_failure_gives_bank_questions_at_once(bank, candidate, llm_on, failure):
    llm_on.queue(failure)

    interview = start(candidate)

    assert llm_on.request_count == 1  # a failed call is not repeated: only malformed replies are
    assert interview.questions.filter(stage="main", bank_question__isnull=False).count() == MAIN_QUESTIONS
    assert ask_current_question(interview).source == InterviewQuestion.Source.BANK


def test_a_resume_interview_sends_the_work_but_not_who_the_candidate_is(bank, candidate, llm_on):
    Profile.objects.create(
        user=candidate,
        name="Ada Lovelace",
        email="ada@example.edu",
        phone="+44 7700 900123",
        linkedin="https://linkedin.com/in/ada",
        summary="Backend developer who likes queues.",
        skills=["Python", "PostgreSQL"],
        experience=[
            {
                "title": "Intern",
                "employer": "Analytical Engines Ltd",
                "dates": "2023",
                "bullets": ["Cut report time by 40%."],
            }
        ],
        projects=[{"name": "Loom Tracker", "description": "Tracks looms.", "technologies": ["Django"]}],
    )
    llm_on.queue(
        reply_json({"questions": [written_question(n) for n in range(1, 3)]})
    )  # one main slot holds a résumé question
    setup = InterviewSetup(
        position="Backend developer",
        difficulty="medium",
        duration_minutes=15,
        type="technical",
        domain="software-engineering",
        use_resume=True,
    )

    interview = start(candidate, setup)

    sent = llm_on.user_messages()[0]
    for shared in (
        "Backend developer who likes queues.",
        "Python, PostgreSQL",
        "Cut report time by 40%.",
        "Loom Tracker",
    ):
        assert shared in sent
    for private in ("Ada Lovelace", "ada@example.edu", "7700 900123", "linkedin.com", "Analytical Engines", "2023"):
        assert private not in sent
    assert interview.questions.filter(source=InterviewQuestion.Source.RESUME).count() == 1
    assert interview.questions.filter(source=InterviewQuestion.Source.LLM).count() == 2
