"""Cohorts with students and finished interviews for the staff workspace's, dashboards' and
benchmark's tests, answered through the real services (start_interview, answer_current_question)
and graded by the real grader, so that the rows are the ones the product stores.

The expected scores can be written by hand because the question bank loaded here is a part of
the real one: per field, one easy, one medium and one hard technical question whose own model
answer the grader scores 100 (correct, every key point covered) and names nothing a follow-up
would pick up; and no opening or closing questions. A 15-minute technical interview in a field
then always asks those three, easiest first (the planner takes the three there are, whatever the
seed or what the candidate met before). A right answer is the model answer (100); a wrong one is
"I don't know." (0, incorrect, as the grader scores it for every question), given again after the
hint. Typed answers have no delivery and no presence, so overall = content = the mean of the
answered questions' scores: 2 right of 3 → 66.7. (Not every model answer scores 100: a
grader change on 3 December 2026 moved marketing-hard-07, chosen first, to 90; tests/test_model_answers.py
checks the questions chosen here. "I don't know." scores 0 for all 477 questions.)"""

import random
from dataclasses import replace
from datetime import datetime
from functools import cache

from accounts.models import Cohort, Membership, User
from interviewer.engine.bank import BankDomain, BankQuestion, read_bank
from interviewer.engine.planning import InterviewSetup
from interviewer.models import Interview, Question
from interviewer.privacy_services import choose_camera
from interviewer.selectors import current_question
from interviewer.services import (
    answer_current_question,
    load_question_bank,
    start_interview,
)
from tests.report_data import spoken_recording

SQL, MARKETING = "data-analytics-sql", "marketing"
# Each field's questions as an interview asks them: easy, medium, hard.
QUESTIONS = {
    SQL: ("data-analytics-sql-easy-01", "data-analytics-sql-medium-03", "data-analytics-sql-hard-05"),
    MARKETING: ("marketing-easy-06", "marketing-medium-04", "marketing-hard-05"),
}
FIELD_NAMES = {SQL: "Data analytics and SQL", MARKETING: "Marketing"}
WRONG = "I don't know."


@cache
def small_bank() -> list[BankDomain]:
    """The fields above with only their three questions, as the bank files have them (read once:
    parsing the files takes over a second)."""
    wanted = {bank_id for ids in QUESTIONS.values() for bank_id in ids}
    return [
        replace(d, questions=[q for q in d.questions if q.id in wanted]) for d in read_bank() if d.slug in QUESTIONS
    ]


def bank_questions(field: str) -> list[BankQuestion]:
    """The field's three questions in the order an interview asks them (text, model answer, key points)."""
    by_id = {q.id: q for domain in small_bank() for q in domain.questions}
    return [by_id[bank_id] for bank_id in QUESTIONS[field]]


def load_small_bank() -> None:
    """Loads the questions above through the real loader (which retires every other question)."""
    load_question_bank(small_bank())


def finished(
    candidate: User,
    finished_at: datetime,
    *,
    right: int = 0,
    wrong: int = 0,
    retried: int = 0,
    field: str = SQL,
    spoken: bool = False,
    camera: bool = False,
) -> Interview:
    """A 15-minute technical interview in `field`: the first `right` questions answered with the
    model answer, the next `wrong` with "I don't know." twice, the next `retried` with "I don't
    know." then the model answer after the hint (the final attempt counts: 100); then finished
    (the next question, if any, was asked by then, as in the room). `spoken`: each attempt comes
    with a recording whose delivery the engine measured on words 0.4 s apart with a 2.5 s pause
    after the sixth (tests.report_data); `camera`: filmed and analysed too. Started and finished
    at `finished_at`; the scores are stored as the progress page stores them."""
    assert 0 < right + wrong + retried <= 3, "the interview asks three questions"
    if Question.objects.filter(active=True).count() != sum(map(len, QUESTIONS.values())):
        load_small_bank()
    setup = InterviewSetup(
        position="Data analyst", difficulty="medium", duration_minutes=15, type="technical", domain=field
    )
    interview = start_interview(
        candidate=candidate, candidate_name=candidate.get_full_name() or "Student", setup=setup, rng=random.Random(1)
    )
    choose_camera(interview, Interview.Camera.ANALYSED if camera else Interview.Camera.OFF)
    plan = [("model",)] * right + [(WRONG, WRONG)] * wrong + [(WRONG, "model")] * retried
    for texts in plan:
        question = current_question(interview)
        for text in texts:
            text = question.model_answer if text == "model" else text
            recording = spoken_recording(interview, text, camera=camera, video_bytes=b"webm") if spoken else None
            answer_current_question(interview, text, recording=recording)
    interview.refresh_from_db()
    if interview.status != Interview.Status.FINISHED:
        answer_current_question(interview, "finish interview")
    Interview.objects.filter(pk=interview.pk).update(started_at=finished_at, finished_at=finished_at)

    interview.refresh_from_db()
    return interview


def member(cohort: Cohort, email: str, **extra) -> User:
    user = User.objects.create_user(email, "correct horse battery", **extra)
    Membership.objects.create(user=user, cohort=cohort)
    return user
