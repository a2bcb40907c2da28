"""The messages the interview room receives (see PROTOCOL.md), built in one place for the
consumer and the tasks alike."""

from django.urls import reverse

from config.background import send_event
from interviewer import selectors
from interviewer.models import Answer, Interview, InterviewQuestion
from interviewer.privacy_selectors import recording_refusal
from interviewer.services import Turn


def interview_group(interview_id: int) -> str:
    return f"interview.{interview_id}"


def publish(interview_id: int, *events: dict) -> None:
    for event in events:
        send_event(interview_group(interview_id), event)


def error(code: str, message: str) -> dict:
    return {"type": "error", "code": code, "message": message}


def state(interview: Interview) -> dict:
    interview.refresh_from_db()
    question = None if interview.status == Interview.Status.FINISHED else selectors.current_question(interview)
    event = {
        "type": "state",
        "status": interview.status,
        "paused": interview.paused_at is not None,
        "can_pause": interview.assignment_id is None,
        "remaining_seconds": interview.remaining_seconds(),
        "question": None,
        "attempt": None,
        "question_seconds_left": None,
        "report_url": reverse("interview_detail", args=[interview.pk]),
        "last_answer": _last_answer(interview),
        "cannot_record": recording_refusal(interview.candidate_id),
    }
    if question is not None:
        event["question"] = {
            "id": question.pk,
            "number": interview.questions.filter(position__lte=question.position).count(),
            "text": question.text,
            "stage": question.stage,
            "engine": question.engine_label,  # "Written by <model> at <host>" or "From the question bank"
            "speech_url": reverse("question_speech", args=[interview.pk, question.pk]),
        }
        event["attempt"] = question.answers.count() + 1
        event["question_seconds_left"] = (
            interview.question_seconds_left(question) if question.asked_at else interview.question_time_limit_seconds
        )
    return event


def turn_events(
    interview: Interview, question: InterviewQuestion, attempt: int, turn: Turn, recording=None
) -> list[dict]:
    about = {"question": question.pk, "attempt": attempt}
    if turn.kind == Turn.Kind.EMPTY:
        return [{"type": "empty", **about, "message": turn.message}]
    if turn.kind == Turn.Kind.FINISHED:
        return [
            {
                "type": "finished",
                "message": turn.message,
                "report_url": reverse("interview_detail", args=[interview.pk]),
            }
        ]
    if (
        turn.kind == Turn.Kind.TIME_UP
    ):  # the room shows an error's message, then renders the next question from the state
        return [{"type": "error", "code": "time_up", "message": turn.message}, *_state_then_finished(interview)]
    return [_graded(question, attempt, turn, recording), *_state_then_finished(interview)]


def _graded(question: InterviewQuestion, attempt: int, turn: Turn, recording=None) -> dict:
    grade = turn.grade
    return {
        "type": "graded",
        "question": question.pk,
        "attempt": attempt,
        "verdict": grade.verdict,
        "step": turn.step.value,
        "message": turn.message,
        "model_answer": turn.model_answer,
        "transcript": recording.transcript["text"] if recording else "",
        "grade": {
            "answer_score": grade.answer_score,
            "content_score": grade.content_score,
            "relevance": grade.relevance,
            "covered": [k.point for k in grade.covered],
            "missed": [k.point for k in grade.missed],
            "notes": grade.notes,
        },
        "delivery_notes": recording.delivery["notes"] if recording and recording.delivery else [],
    }


def _last_answer(interview: Interview) -> dict | None:
    """The `graded` event of the interview's latest answer, so that a room that was away (a lost
    connection, a reload) shows the feedback it missed."""
    answer = (
        Answer.objects.filter(question__interview=interview)
        .exclude(step="")
        .select_related("question", "recording")
        .order_by("-created_at", "-pk")
        .first()
    )
    return _graded(answer.question, answer.attempt, Turn.told(answer), answer.recording) if answer else None


def _state_then_finished(interview: Interview) -> list[dict]:
    events = [state(interview)]
    interview.refresh_from_db()
    if interview.status == Interview.Status.FINISHED:
        events.append(
            {
                "type": "finished",
                "message": "The interview is over. Your feedback is ready.",
                "report_url": reverse("interview_detail", args=[interview.pk]),
            }
        )
    return events
