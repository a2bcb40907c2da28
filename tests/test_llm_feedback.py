"""A rationale for each score and a narrative summary written by the language model as the
interview ends, around the offline grader's numbers, which it never changes."""

import random

import pytest
from django.template.loader import render_to_string

from interviewer.engine.bank import read_bank
from interviewer.engine.planning import InterviewSetup
from interviewer.models import Answer, Interview
from interviewer.services import (
    answer_current_question,
    ask_current_question,
    load_question_bank,
    start_interview,
)
from tests.llm_server import Reply, reply_json

FIRST = "I studied computer science and spent a summer building internal tools for a logistics company in Python."
SECOND = "Something about lists."
SUMMARY = (
    "Your first answer named concrete work and a tool; the second was one short sentence. "
    "Practise giving an example for each point."
)


@pytest.fixture
def interview(db, candidate, settings):
    load_question_bank(read_bank())
    setup = InterviewSetup(
        position="Junior developer",
        difficulty="easy",
        duration_minutes=15,
        type="technical",
        domain="software-engineering",
    )
    settings.LLM_BASE_URL = ""  # questions and follow-ups from the offline engine: these tests are about feedback
    interview = start_interview(candidate=candidate, candidate_name="Ada", setup=setup, rng=random.Random(4))
    ask_current_question(interview)
    answer_current_question(interview, FIRST)
    answer_current_question(interview, SECOND)
    return interview


def rationales(count):
    return {
        "rationales": [
            {"answer": n, "rationale": f"Answer {n} covered some key points and missed others."}
            for n in range(1, count + 1)
        ],
        "summary": SUMMARY,
    }


def test_each_answer_gets_a_rationale_and_the_interview_a_summary(
    interview, llm_on, django_capture_on_commit_callbacks
):
    answers = Answer.objects.filter(question__interview=interview).order_by("question__position", "attempt")
    scores = [a.grade["answer_score"] for a in answers]
    llm_on.queue(reply_json(rationales(len(scores))))

    with django_capture_on_commit_callbacks(
        execute=True
    ) as after_commit:  # the model is asked once the interview is unlocked
        answer_current_question(interview, "Finish interview.")
        assert llm_on.request_count == 0
    assert after_commit

    interview.refresh_from_db()
    answers = answers.all()  # read again
    assert interview.status == Interview.Status.FINISHED
    assert [a.rationale for a in answers] == [
        f"Answer {n} covered some key points and missed others." for n in range(1, len(scores) + 1)
    ]
    assert [a.grade["answer_score"] for a in answers] == scores  # the numbers stay the offline grader's
    host = llm_on.url.split("/")[2]
    assert interview.feedback["narrative"] == {"text": SUMMARY, "written_by": f"test-model at {host}"}
    assert "strengths" in interview.feedback and interview.feedback["asked"] == 2
    sent = llm_on.user_messages()[0]
    assert f"<candidate_answer>\n{FIRST}\n</candidate_answer>" in sent and f"Score {scores[0]:.0f}/100" in sent

    summary = render_to_string("interviewer/includes/narrative.html", {"interview": interview})
    assert SUMMARY in summary and f"Written by test-model at {host}" in summary
    rationale = render_to_string("interviewer/includes/rationale.html", {"interview": interview, "answer": answers[0]})
    assert f"written by test-model at {host}" in rationale and "Answer 1 covered" in rationale


@pytest.mark.parametrize(
    "failure",
    [
        [Reply(status=429)],
        [Reply(status=500)],
        [Reply("{}", delay=3)],
        [Reply('{"summary": "' + "x" * 3000 + '"}', drop=True)],
        [reply_json({"rationales": [], "summary": "Too few."}), Reply("no")],
    ],
    ids=["429", "500", "slower-than-the-timeout", "dropped-connection", "malformed-twice"],
)
def test_the_interview_finishes_with_the_offline_feedback_when_the_model_fails(
    interview, llm_on, failure, django_capture_on_commit_callbacks
):
    llm_on.queue(*failure)

    with django_capture_on_commit_callbacks(execute=True):
        turn = answer_current_question(interview, "Finish interview.")

    interview.refresh_from_db()
    assert turn.kind == "finished" and interview.status == Interview.Status.FINISHED
    assert llm_on.request_count == len(failure)
    assert "narrative" not in interview.feedback and interview.feedback["asked"] == 2
    assert not Answer.objects.filter(question__interview=interview).exclude(rationale="").exists()
    assert render_to_string("interviewer/includes/narrative.html", {"interview": interview}).strip() == ""
