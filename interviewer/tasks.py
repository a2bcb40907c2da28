"""Celery tasks: thin wrappers that call the services and publish the results, so the same work
runs in a worker process (production) or a thread of the web process (embedded mode)."""
from datetime import UTC, datetime

from celery import shared_task

from config.background import enqueue
from interviewer import events, privacy_services, recordings, services
from interviewer.models import Interview, Recording

# Work nobody is waiting for goes after the answers being graded (Redis: 0 is first, 9 last).
BACKGROUND_PRIORITY = 9


@shared_task
def complete_worker_check(check_id: int) -> None:
    services.complete_worker_check(check_id)


@shared_task(priority=BACKGROUND_PRIORITY)
def transcribe_live(recording_id: int) -> None:
    live = recordings.update_live_transcript(recording_id)
    if live is not None:
        recording = Recording.objects.select_related("question").get(pk=recording_id)
        event = {"type": "transcript", "question": recording.question_id, "attempt": recording.attempt, "text": live.text,
                 "catching_up": live.catching_up}
        events.publish(recording.question.interview_id, event)


@shared_task
def finish_spoken_answer(recording_id: int) -> None:
    recording = Recording.objects.select_related("question__interview").get(pk=recording_id)
    question, interview = recording.question, recording.question.interview
    try:
        turn = recordings.finish_spoken_answer(recording_id)
    except services.Refused as refused:
        events.publish(interview.pk, {"type": "error", "code": refused.code, "message": str(refused)}, events.state(interview))
        return
    graded_with = Recording.objects.filter(pk=recording_id).first()
    events.publish(interview.pk, *events.turn_events(interview, question, recording.attempt, turn, graded_with))
    if graded_with and graded_with.has_video and interview.analyses_camera:
        enqueue(analyse_presence, recording_id)


@shared_task
def grade_typed_answer(interview_id: int, question_id: int, attempt: int, text: str, sent_at: float) -> None:
    interview = Interview.objects.get(pk=interview_id)
    question = interview.questions.filter(pk=question_id).first()
    sent = datetime.fromtimestamp(sent_at, tz=UTC)
    try:
        turn = services.answer_current_question(interview, text, expected=(question_id, attempt), sent_at=sent)
    except services.Refused as refused:
        events.publish(interview_id, {"type": "error", "code": refused.code, "message": str(refused)}, events.state(interview))
        return
    events.publish(interview_id, *events.turn_events(interview, question, attempt, turn))


@shared_task(priority=BACKGROUND_PRIORITY)
def analyse_presence(recording_id: int) -> None:
    recordings.analyse_presence(recording_id)


@shared_task(priority=BACKGROUND_PRIORITY)
def delete_expired_recordings() -> None:
    privacy_services.delete_expired()
