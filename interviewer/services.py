"""Writes for the interviewer app: loading the bank, running an interview turn by turn."""

import os
import random
import socket
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from functools import partial

from django.db import transaction
from django.utils import timezone

from config.background import enqueue, notify_user
from interviewer import llm_services, selectors, signals
from interviewer.engine.bank import SHARED_POOLS, BankDomain, validation_problems
from interviewer.engine.feedback import AnsweredQuestion, session_feedback
from interviewer.engine.followups import FollowUp
from interviewer.engine.grading import Grade, grade_answer
from interviewer.engine.planning import InterviewSetup, plan_interview, rank_by_topic
from interviewer.engine.resume.questions import RESUME_DOMAIN
from interviewer.engine.turns import (
    Step,
    hint_message,
    is_finish_command,
    next_step,
    praise,
)
from interviewer.models import (
    Answer,
    Domain,
    Interview,
    InterviewQuestion,
    Question,
    Stage,
    WorkerCheck,
)
from resumes import selectors as resume_selectors

# Planned questions sit 10 apart so a follow-up can slot in right after the question it follows.
POSITION_GAP = 10


class BankError(Exception):
    pass


class Refused(Exception):
    """A message about an answer that can't be accepted; `code` is the protocol's error code."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


@dataclass
class LoadSummary:
    created: int
    updated: int
    retired: int


@transaction.atomic
def load_question_bank(domains: list[BankDomain]) -> LoadSummary:
    """Creates or updates every question by its stable id; questions no longer in the files are
    retired (kept for the interviews that asked them, never asked again)."""
    if problems := validation_problems(domains):
        raise BankError("The question bank has problems:\n" + "\n".join(problems))
    created = updated = 0
    seen = set()
    for bank_domain in domains:
        domain, _ = Domain.objects.update_or_create(
            slug=bank_domain.slug,
            defaults={
                "name": bank_domain.name,
                "description": bank_domain.description,
                "selectable": bank_domain.slug not in SHARED_POOLS,
            },
        )
        for q in bank_domain.questions:
            _, was_created = Question.objects.update_or_create(
                bank_id=q.id,
                defaults={
                    "domain": domain,
                    "difficulty": q.difficulty,
                    "type": q.type,
                    "stage": q.stage,
                    "text": q.text,
                    "model_answer": q.model_answer,
                    "key_points": list(q.key_points),
                    "hint": q.hint,
                    "tags": list(q.tags),
                    "active": True,
                },
            )
            created += was_created
            updated += not was_created
            seen.add(q.id)
    retired = Question.objects.filter(active=True).exclude(bank_id__in=seen).update(active=False)
    return LoadSummary(created, updated, retired)


@transaction.atomic
def start_interview(
    *, candidate, candidate_name: str, setup: InterviewSetup, rng: random.Random | None = None
) -> Interview:
    """With `setup.use_resume`, the candidate's saved résumé profile supplies questions about
    their own work and, when no field is chosen, the fields their skills point to."""
    questions, domains = resume_selectors.interview_material_of(candidate) if setup.use_resume else ((), ())
    plan = plan_interview(
        setup,
        selectors.active_bank(),
        selectors.recently_asked_bank_ids(candidate),
        rng=rng,
        topic_ranker=rank_by_topic,
        resume_questions=questions,
        resume_domains=domains,
    )
    planned, written_by = llm_services.with_written_questions(candidate, setup, plan.questions)
    interview = Interview.objects.create(
        candidate=candidate,
        candidate_name=candidate_name,
        domain=Domain.objects.filter(slug=setup.domain).first(),
        topic=setup.topic,
        position=setup.position,
        difficulty=setup.difficulty,
        duration_minutes=setup.duration_minutes,
        type=setup.type,
        follow_ups_left=plan.follow_ups,
    )
    by_id = {q.bank_id: q for q in Question.objects.filter(bank_id__in=[q.id for q in planned])}
    InterviewQuestion.objects.bulk_create(
        InterviewQuestion(
            interview=interview,
            position=(i + 1) * POSITION_GAP,
            bank_question=by_id.get(q.id),
            stage=q.stage,
            source=_SOURCE_OF_DOMAIN.get(q.domain, InterviewQuestion.Source.BANK),
            written_by=written_by if q.domain == llm_services.LLM_DOMAIN else "",
            type=q.type,
            text=q.text,
            model_answer=q.model_answer,
            key_points=list(q.key_points),
            hint=q.hint,
        )
        for i, q in enumerate(planned)
    )
    return interview


# An assignment's answer may end this long after its question's clock ran out (the last
# recording chunk in flight, a typed answer waiting for a worker) and still be graded.
ANSWER_GRACE_SECONDS = 15


def answered_too_late(interview: Interview, question: InterviewQuestion, recording=None, sent_at=None) -> bool:
    """Whether an assignment's answer ended after its question's time limit (and the grace). A
    spoken answer ended when its recording did, a typed one when it reached the server
    (`sent_at`), however long either then waited to be graded."""
    if interview.assignment_id is None:
        return False  # practice interviews: the room stops the recording; the server is lenient
    ended = sent_at or timezone.now()
    if recording is not None and recording.transcript:
        ended = recording.created_at + timedelta(seconds=recording.transcript.get("duration") or 0)
    spent = interview.active_seconds(ended) - question.active_seconds_at_ask
    return spent > interview.question_time_limit_seconds + ANSWER_GRACE_SECONDS


def _close_timed_out_question(interview: Interview, question: InterviewQuestion) -> "Turn":
    """The late answer is not graded: the question closes on its earlier attempt (or as
    incorrect), its model answer goes on the report, and the next question is asked."""
    last = question.answers.order_by("-attempt").first()
    question.verdict = last.verdict if last else InterviewQuestion.Verdict.INCORRECT
    question.done = question.model_answer_shown = True
    question.save(update_fields=["verdict", "done", "model_answer_shown"])
    minutes, seconds = divmod(interview.question_time_limit_seconds, 60)
    turn = Turn(
        Turn.Kind.TIME_UP,
        f"The {minutes}:{seconds:02d} for this question ran out before that answer ended, so it was not graded. "
        "The model answer is on your report.",
        model_answer=question.model_answer,
    )
    turn.next_question = ask_current_question(interview)
    if turn.next_question is None:
        finish_interview(interview)
    return turn


# Planned questions that came from somewhere other than the bank files.
_SOURCE_OF_DOMAIN = {
    RESUME_DOMAIN: InterviewQuestion.Source.RESUME,
    llm_services.LLM_DOMAIN: InterviewQuestion.Source.LLM,
}


def ask_current_question(interview: Interview) -> InterviewQuestion | None:
    """The question the candidate should be answering now, marked as asked."""
    question = selectors.current_question(interview)
    now = timezone.now()
    if interview.status == Interview.Status.PLANNED:
        interview.status, interview.started_at = Interview.Status.IN_PROGRESS, now
        interview.save(update_fields=["status", "started_at"])
    if question and question.asked_at is None:
        question.asked_at, question.active_seconds_at_ask = now, interview.active_seconds(now)
        question.save(update_fields=["asked_at", "active_seconds_at_ask"])
    return question


def expect_current(interview: Interview, question_id: int, attempt: int) -> InterviewQuestion:
    """The current question, provided the message is about it and its next attempt."""
    if interview.status == Interview.Status.FINISHED:
        raise Refused("finished", "This interview has finished.")
    question = selectors.current_question(interview)
    if question is None or question.pk != question_id or question.answers.count() + 1 != attempt:
        raise Refused("out_of_order", "That answer is not for the current question; it was not recorded.")
    return question


def pause(interview: Interview) -> None:
    if interview.assignment_id is not None:
        # Pausing stops the question's clock, and an assignment's time per question is part of it.
        raise Refused("not_allowed", "An assignment can't be paused: its time per question is part of the assignment.")
    if interview.status == Interview.Status.IN_PROGRESS and interview.paused_at is None:
        interview.paused_at = timezone.now()
        interview.save(update_fields=["paused_at"])


def resume(interview: Interview) -> None:
    if interview.paused_at is not None:
        interview.paused_seconds += (timezone.now() - interview.paused_at).total_seconds()
        interview.paused_at = None
        interview.save(update_fields=["paused_at", "paused_seconds"])


@dataclass
class Turn:
    """What happened to one answer, for the consumer or page to show."""

    class Kind(StrEnum):
        GRADED = "graded"
        EMPTY = "empty"  # nothing was said or typed
        FINISHED = "finished"
        TIME_UP = "time_up"  # an assignment's answer that ended too late

    kind: Kind
    message: str
    step: Step | None = None
    grade: Grade | None = None
    attempt: int = 0
    model_answer: str = ""
    next_question: InterviewQuestion | None = None

    @classmethod
    def told(cls, answer: Answer) -> "Turn":
        """The turn as the candidate was told it when `answer` was graded."""
        step = Step(answer.step)
        model_answer = answer.question.model_answer if step == Step.REVEAL else ""
        return cls(
            cls.Kind.GRADED,
            answer.message,
            step=step,
            grade=Grade.from_dict(answer.grade),
            attempt=answer.attempt,
            model_answer=model_answer,
        )


@dataclass
class _PreparedAnswer:
    """The slow part of a turn, worked out before the interview is locked: the grade and, if the
    answer may get one, a follow-up (the language model's can take seconds)."""

    question_id: int
    attempt: int
    grade: Grade
    follow_up: tuple[FollowUp | None, str] = (None, "")


def _prepare_answer(interview: Interview, text: str) -> _PreparedAnswer | None:
    question = selectors.current_question(interview)
    if question is None or not text.strip() or is_finish_command(text) or interview.status == Interview.Status.FINISHED:
        return None
    attempt = question.answers.count() + 1
    grade = grade_answer(
        question=question.text,
        model_answer=question.model_answer,
        key_points=question.key_points,
        question_type=question.type,
        answer=text,
    )
    prepared = _PreparedAnswer(question.pk, attempt, grade)
    step = next_step(grade.verdict, attempt, hints_allowed=interview.hints_allowed)
    if step != Step.RETRY and _may_follow_up(interview, question, grade):
        prepared.follow_up = llm_services.follow_up(interview, question, text)
    return prepared


def answer_current_question(
    interview: Interview, text: str, *, expected: tuple[int, int] | None = None, recording=None, sent_at=None
) -> Turn:
    """Grades `text` as the answer to the current question. `expected` (question id, attempt)
    refuses an answer meant for another turn, so one sent twice is never graded twice.
    `sent_at`: when a typed answer reached the server (it may wait in a queue to be graded)."""
    # Grading and a language-model follow-up happen before the lock, which would otherwise be
    # held for as long as the model takes (the whole database, in the embedded mode's SQLite).
    return _record_answer(interview, text, _prepare_answer(interview, text), expected, recording, sent_at)


@transaction.atomic
def _record_answer(
    interview: Interview, text: str, prepared: _PreparedAnswer | None, expected, recording, sent_at
) -> Turn:
    interview = Interview.objects.select_for_update().get(pk=interview.pk)
    if expected:
        expect_current(interview, *expected)
    if interview.status == Interview.Status.FINISHED:
        return Turn(Turn.Kind.FINISHED, "This interview has finished.")
    if is_finish_command(text):
        finish_interview(interview)
        return Turn(Turn.Kind.FINISHED, "Interview finished. Your feedback is ready.")
    question = ask_current_question(interview)
    if question is None:
        finish_interview(interview)
        return Turn(Turn.Kind.FINISHED, "That was the last question. Your feedback is ready.")
    if not text.strip():
        return Turn(Turn.Kind.EMPTY, "We didn't hear anything. Try again when you're ready.")
    if answered_too_late(interview, question, recording, sent_at):
        return _close_timed_out_question(interview, question)

    attempt = question.answers.count() + 1
    if prepared is None or (prepared.question_id, prepared.attempt) != (question.pk, attempt):
        prepared = _prepare_answer(interview, text)  # another answer got in first: rarely
    grade = prepared.grade
    out_of_time = interview.remaining_seconds() == 0
    step = next_step(grade.verdict, attempt, hints_allowed=interview.hints_allowed)
    if step == Step.RETRY and out_of_time:
        step = Step.REVEAL  # no time left for a retry
    turn = Turn(Turn.Kind.GRADED, "", step=step, grade=grade, attempt=attempt)
    if step == Step.RETRY:
        question.hint_given = True
        question.save(update_fields=["hint_given"])
        turn.message = hint_message(question.hint, grade)
    else:
        question.verdict, question.done = grade.verdict, True
        question.model_answer_shown = step == Step.REVEAL
        question.save(update_fields=["verdict", "done", "model_answer_shown"])
        turn.message = praise(grade) if step == Step.NEXT else "Here is what a strong answer covers."
        turn.model_answer = question.model_answer if step == Step.REVEAL else ""
        if out_of_time:
            turn.message += " Time's up: that was the last question."
    Answer.objects.create(
        question=question,
        attempt=attempt,
        text=text,
        grade=grade.to_dict(),
        verdict=grade.verdict,
        recording=recording,
        step=step.value,
        message=turn.message,
    )
    if recording is not None:
        recording.mark_graded()
    if step == Step.RETRY:
        return turn
    if out_of_time:
        finish_interview(interview)
        return turn
    _add_follow_up(interview, question, *prepared.follow_up)
    turn.next_question = ask_current_question(interview)
    if turn.next_question is None:
        finish_interview(interview)
    return turn


def given_answer(question_id: int, attempt: int, text: str) -> Turn | None:
    """What the candidate was told about this answer if it was graded already: a task delivered
    again (its process died after grading) tells them again instead of grading it twice."""
    answer = (
        Answer.objects.select_related("question").filter(question_id=question_id, attempt=attempt, text=text).first()
    )
    return Turn.told(answer) if answer else None


def _may_follow_up(interview: Interview, question: InterviewQuestion, grade: Grade) -> bool:
    if interview.follow_ups_left == 0 or question.source == InterviewQuestion.Source.FOLLOW_UP:
        return False
    return question.stage != Stage.WRAPUP and grade.verdict != InterviewQuestion.Verdict.INCORRECT


def _add_follow_up(
    interview: Interview, question: InterviewQuestion, follow_up: FollowUp | None, written_by: str
) -> None:
    if follow_up is None or interview.follow_ups_left == 0:  # checked again now that the interview is locked
        return
    InterviewQuestion.objects.create(
        interview=interview,
        position=question.position + POSITION_GAP // 2,
        source=InterviewQuestion.Source.FOLLOW_UP,
        written_by=written_by,
        stage=Stage.MAIN,
        type=follow_up.type,
        text=follow_up.text,
        model_answer=follow_up.model_answer,
        key_points=list(follow_up.key_points),
        hint=follow_up.hint,
    )
    interview.follow_ups_left -= 1
    interview.save(update_fields=["follow_ups_left"])


def finish_interview(interview: Interview) -> Interview:
    """Ends the interview and writes its session feedback; questions never asked are dropped."""
    resume(interview)  # a pause in progress ends with the interview
    interview.questions.filter(asked_at=None).delete()
    answered = []
    for question in interview.questions.prefetch_related("answers"):
        attempts = [Grade.from_dict(a.grade) for a in question.answers.all()]
        if attempts:
            answered.append(AnsweredQuestion(question.text, question.type, attempts, question.hint_given))
            if not question.verdict:  # finished in the middle of a retry: the last attempt stands
                question.verdict = attempts[-1].verdict
                question.save(update_fields=["verdict"])
    interview.feedback = session_feedback(answered, asked=interview.questions.count()).to_dict()
    interview.status, interview.finished_at = Interview.Status.FINISHED, timezone.now()
    interview.save(update_fields=["feedback", "status", "finished_at"])
    # The optional language model's words around the numbers, once the interview is unlocked
    # (the model can take seconds), then the emailed report, which includes them.
    transaction.on_commit(partial(llm_services.explain_scores, interview))
    signals.interview_finished.send(sender=Interview, interview=interview)  # reports: scores stored, report emailed
    return interview


def request_worker_check(user) -> WorkerCheck:
    check = WorkerCheck.objects.create(requested_by=user)
    enqueue("interviewer.tasks.complete_worker_check", check.pk)
    return check


def complete_worker_check(check_id: int) -> None:
    check = WorkerCheck.objects.get(pk=check_id)
    check.completed_at = timezone.now()
    check.worker = f"{socket.gethostname()} (pid {os.getpid()})"
    check.save(update_fields=["completed_at", "worker"])
    if check.requested_by_id:
        event = {"type": "worker_check", "id": check.pk, "worker": check.worker, "round_trip_ms": check.round_trip_ms}
        notify_user(check.requested_by_id, event)
