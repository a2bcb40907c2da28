"""Celery tasks: thin wrappers that call the services and publish the results, so the same work
runs in a worker process (production) or a thread of the web process (embedded mode). Each may
be delivered again when the process running it dies; none grades an answer twice."""

import logging
from datetime import UTC, datetime

from celery import shared_task

from config.background import count_start, enqueue
from interviewer import events, privacy_services, recordings, services
from interviewer.models import Interview, Recording

log = logging.getLogger(__name__)
# Work nobody is waiting for goes after the answers being graded (Redis: 0 is first, 9 last).
BACKGROUND_PRIORITY = 9
NOT_PROCESSED = "We couldn't process that answer (the server had a problem with it). Please answer again."


@shared_task
def complete_worker_check(check_id: int) -> None:
    services.complete_worker_check(check_id)


@shared_task(priority=BACKGROUND_PRIORITY)
def transcribe_live(recording_id: int) -> None:
    live = recordings.update_live_transcript(recording_id)
    if live is not None:
        recording = Recording.objects.select_related("question").get(pk=recording_id)
        event = {
            "type": "transcript",
            "question": recording.question_id,
            "attempt": recording.attempt,
            "text": live.text,
            "catching_up": live.catching_up,
        }
        events.publish(recording.question.interview_id, event)


@shared_task(bind=True)
def finish_spoken_answer(self, recording_id: int) -> None:
    recording = Recording.objects.select_related("question__interview").filter(pk=recording_id).first()
    if recording is None:
        return  # recorded again since (or nothing was heard): the new recording has its own task
    question, interview = recording.question, recording.question.interview
    try:
        if (
            recording.status != Recording.Status.DONE
        ):  # once graded, a delivery only tells it again, however often it comes
            count_start(self)
        claimed = recordings.claim_recording(recording_id, self.request.id)
        if claimed is None:
            return
        turn = recordings.finish_spoken_answer(claimed)
    except services.Refused as refused:
        events.publish(interview.pk, events.error(refused.code, str(refused)), events.state(interview))
        return
    except Exception as failure:
        recordings.give_up(recording_id)
        _not_processed(interview, failure)
        return
    graded_with = Recording.objects.filter(pk=recording_id).first()
    events.publish(interview.pk, *events.turn_events(interview, question, recording.attempt, turn, graded_with))
    if graded_with and graded_with.has_video and interview.analyses_camera and graded_with.presence is None:
        enqueue(analyse_presence, recording_id)


@shared_task(bind=True)
def grade_typed_answer(self, interview_id: int, question_id: int, attempt: int, text: str, sent_at: float) -> None:
    interview = Interview.objects.get(pk=interview_id)
    question = interview.questions.filter(pk=question_id).first()
    sent = datetime.fromtimestamp(sent_at, tz=UTC)
    try:
        turn = services.given_answer(question_id, attempt, text)
        if turn is None:  # once graded, a delivery only tells it again, however often it comes
            count_start(self)
            turn = services.answer_current_question(interview, text, expected=(question_id, attempt), sent_at=sent)
    except services.Refused as refused:
        # A copy of this task (queued again after a Redis outage) may have graded it meanwhile.
        turn = services.given_answer(question_id, attempt, text)
        if turn is None:
            events.publish(interview_id, events.error(refused.code, str(refused)), events.state(interview))
            return
    except Exception as failure:
        _not_processed(interview, failure)
        return
    events.publish(interview_id, *events.turn_events(interview, question, attempt, turn))


def _not_processed(interview: Interview, failure: BaseException) -> None:
    """The candidate is told, and may answer again, instead of waiting for ever."""
    log.error("An answer in interview %s was not processed", interview.pk, exc_info=failure)
    events.publish(interview.pk, events.error("not_processed", NOT_PROCESSED), events.state(interview))


@shared_task(priority=BACKGROUND_PRIORITY)
def analyse_presence(recording_id: int) -> None:
    recordings.analyse_presence(recording_id)


@shared_task(priority=BACKGROUND_PRIORITY)
def delete_expired_recordings() -> None:
    privacy_services.delete_expired()
