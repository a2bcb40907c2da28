"""Spoken answers: the recording streamed while the candidate speaks, its live transcript, and
the final transcription, delivery metrics and grading once they stop. The consumer calls the
quick ones; Celery tasks (threads in the embedded mode) call the slow ones."""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from datetime import timedelta

import numpy as np
from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from interviewer import signals
from interviewer.engine.delivery import VoiceFrames, delivery_notes, measure_delivery
from interviewer.engine.grading import prepare_question
from interviewer.engine.presence import FrameError, analyse_video, not_measured
from interviewer.engine.transcription import (
    AudioError,
    IncrementalTranscription,
    Transcript,
    decode_audio_since,
    hotwords,
    unusable_speech,
)
from interviewer.models import Answer, Interview, Recording, recording_path
from interviewer.privacy_selectors import recording_refusal
from interviewer.services import Refused, Turn, answer_current_question, expect_current

MAX_CHUNK_BYTES = 1024 * 1024
MAX_RECORDING_BYTES = 100 * 1024 * 1024
RECORDING_TYPES = ("audio/webm", "video/webm", "audio/ogg", "audio/mp4", "video/mp4")
# A claim on a live update (see claim_live_update) lapses after this long, should its task be lost.
LIVE_UPDATE_CLAIM_S = 60
# A recording's claim (claim_recording) outlives its task's hard time limit by this much.
CLAIM_MARGIN_S = 30
# A live update that waited in the queue while this many more chunks (seconds of audio)
# arrived is shed: it commits the segments that ended (work the final transcription would
# otherwise do) but skips the tentative reading of the one still open, and the room says it
# is still transcribing.
LIVE_UPDATE_BEHIND_CHUNKS = 3


def start_recording(interview: Interview, question_id: int, attempt: int, mime: str) -> Recording:
    """A new recording of this attempt. A recording that failed, or whose processing died,
    is replaced: the candidate records the attempt again (a graded attempt is refused above)."""
    question = expect_current(interview, question_id, attempt)
    mime = mime.split(";")[0].strip().lower()
    if mime not in RECORDING_TYPES:
        raise Refused("bad_media", f"Recordings must be one of {', '.join(RECORDING_TYPES)}, not {mime or 'nothing'}.")
    if mime.startswith("video/") and not interview.records_video:
        raise Refused("bad_media", "The camera is off for this interview: send the microphone's audio only.")
    if refusal := recording_refusal(interview.candidate_id):
        raise Refused("storage_full", refusal)
    with transaction.atomic():
        earlier = Recording.objects.select_for_update().filter(question=question, attempt=attempt).first()
        if earlier and earlier.status == Recording.Status.PROCESSING and not _claim_expired(earlier):
            raise Refused("out_of_order", "This answer was already received and is being processed.")
        if earlier and earlier.status != Recording.Status.RECORDING:
            earlier.delete()  # its task, should it come back, finds nothing to grade
        recording, _ = Recording.objects.get_or_create(question=question, attempt=attempt, defaults={"mime": mime})
    # A recording cut off by a dropped connection starts again from nothing.
    recording.file.name = recording_path(recording, "")
    recording.mime, recording.size, recording.transcription, recording.live_text = mime, 0, {}, ""
    recording.save()
    path = default_storage.path(recording.file.name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    open(path, "wb").close()
    return recording


def append_chunk(recording: Recording, data: bytes) -> None:
    if len(data) > MAX_CHUNK_BYTES:
        raise Refused("too_large", f"A recording chunk may be at most {MAX_CHUNK_BYTES // 1024} KiB.")
    if recording.size + len(data) > MAX_RECORDING_BYTES:
        raise Refused("too_large", f"An answer's recording may be at most {MAX_RECORDING_BYTES // 2**20} MiB.")
    with open(default_storage.path(recording.file.name), "ab") as handle:
        handle.write(data)
    recording.size += len(data)
    Recording.objects.filter(pk=recording.pk).update(size=recording.size)


def claim_live_update(recording_id: int) -> bool:
    """Whether to queue a live update of this recording: not while one is already waiting.
    An update reads all the audio received by the time it runs, so one waiting update is
    enough; under load, updates thin out instead of piling up in front of the answers that
    candidates are waiting for. The waiting update counts the chunks that arrived meanwhile."""
    key = _live_update_key(recording_id)
    if cache.add(key, 0, LIVE_UPDATE_CLAIM_S):
        return True
    with contextlib.suppress(ValueError):  # the claim lapsed a moment ago: the next chunk claims again
        cache.incr(key)
    return False


def _live_update_key(recording_id: int) -> str:
    return f"live-update-waiting:{recording_id}"


@dataclass
class LiveText:
    text: str
    catching_up: bool  # the update was late: the words of the open segment are not in `text`


def update_live_transcript(recording_id: int) -> LiveText | None:
    """The transcript so far of an answer still being recorded (None once it has stopped). The
    question is embedded here too, in the worker that will grade it, while the candidate speaks."""
    chunks_waited = cache.get(_live_update_key(recording_id)) or 0
    cache.delete(_live_update_key(recording_id))  # chunks arriving from now on need another update
    late = chunks_waited >= LIVE_UPDATE_BEHIND_CHUNKS
    recording = Recording.objects.select_related("question").get(pk=recording_id)
    if recording.status != Recording.Status.RECORDING:
        return None
    q = recording.question
    prepare_question(question=q.text, model_answer=q.model_answer, key_points=q.key_points, question_type=q.type)
    analysis = LiveAnalysis.of(recording)
    try:
        samples, start = analysis.audio_to_read(recording)
    except AudioError:
        return None  # the first chunks may not hold a whole audio frame yet
    text = analysis.transcription.update(samples, start, live_text=not late)
    analysis.voice.extend(samples, start)
    Recording.objects.filter(pk=recording.pk, status=Recording.Status.RECORDING).update(
        transcription=analysis.to_dict(), live_text=text
    )
    return LiveText(text, catching_up=late)


def end_recording(recording: Recording) -> None:
    """The candidate stopped: no more chunks, and the attempt can't be recorded again while its
    task is waiting for a worker (unless that task is lost: see _claim_expired)."""
    Recording.objects.filter(pk=recording.pk, status=Recording.Status.RECORDING).update(
        status=Recording.Status.PROCESSING, claimed_by="", claimed_at=timezone.now()
    )


def _claim_expired(recording: Recording) -> bool:
    """Whether the task that took this recording must be dead: the hard time limit kills a task
    that runs longer."""
    lifetime = timedelta(seconds=settings.ANSWER_TASK_HARD_LIMIT_SECONDS + CLAIM_MARGIN_S)
    return recording.claimed_at is None or timezone.now() - recording.claimed_at > lifetime


def claim_recording(recording_id: int, claim: str) -> Recording | None:
    """The recording for the task `claim` (its id) to transcribe and grade, or None if there is
    nothing left to do. The same task delivered again (its process died) takes it again; another
    one only once the claim has expired."""
    with transaction.atomic():
        recording = (
            Recording.objects.select_for_update().select_related("question__interview").filter(pk=recording_id).first()
        )
        if recording is None:
            return None  # recorded again since: the new recording has its own task
        if recording.status == Recording.Status.FAILED:
            raise Refused("out_of_order", "This recording could not be used: record the answer again.")
        if recording.status == Recording.Status.DONE:
            return recording  # graded: finish_spoken_answer tells the candidate again
        taken = recording.claimed_by not in ("", claim)
        if recording.status == Recording.Status.PROCESSING and taken and not _claim_expired(recording):
            raise Refused("out_of_order", "This answer was already received and is being processed.")
        recording.status, recording.claimed_by, recording.claimed_at = (
            Recording.Status.PROCESSING,
            claim,
            timezone.now(),
        )
        recording.save(update_fields=["status", "claimed_by", "claimed_at"])
        return recording


def finish_spoken_answer(recording: Recording) -> Turn:
    """Transcribes what is left of a claimed recording, measures the delivery and grades the
    answer. Safe to run again: a transcript already made is kept, an answer already graded is
    told again."""
    if answered := Answer.objects.select_related("question").filter(recording=recording).first():
        return Turn.told(answered)
    if recording.transcript is None:
        _transcribe(recording)
    if problem := unusable_speech(
        Transcript.from_dict(recording.transcript), LiveAnalysis.of(recording).transcription.language
    ):
        # Nothing is graded from silence, noise or another language, and the attempt isn't
        # used up: the candidate records it again.
        recording.file.delete(save=False)
        recording.delete()
        return Turn(Turn.Kind.EMPTY, problem)
    question = recording.question
    try:
        return answer_current_question(
            question.interview,
            recording.transcript["text"],
            expected=(question.pk, recording.attempt),
            recording=recording,
        )
    finally:
        Recording.objects.filter(pk=recording.pk, status=Recording.Status.PROCESSING).update(
            status=Recording.Status.DONE
        )


def _transcribe(recording: Recording) -> None:
    analysis = LiveAnalysis.of(recording)
    try:
        samples, start = analysis.audio_to_read(recording)
    except AudioError as error:
        give_up(recording.pk)
        raise Refused(
            "bad_media", f"The recording could not be read ({error}). Please answer again or type your answer."
        ) from error
    transcript = analysis.transcription.finish(samples, start)
    analysis.voice.extend(samples, start)
    recording.transcript = transcript.to_dict()
    delivery = measure_delivery(transcript, analysis.voice)
    recording.delivery = {**delivery.to_dict(), "notes": delivery_notes(delivery)}
    recording.save(update_fields=["transcript", "delivery"])


def give_up(recording_id: int) -> None:
    """The recording can't be used: the candidate records the attempt again (start_recording)."""
    Recording.objects.filter(pk=recording_id).exclude(status=Recording.Status.DONE).update(
        status=Recording.Status.FAILED
    )


@dataclass
class LiveAnalysis:
    """What has been worked out of a recording while it grows (kept as JSON in
    Recording.transcription between calls): its transcript and its voice's frames. Each call
    reads only the audio neither has covered yet, so the last call, the one the candidate
    waits for, costs the same for a long answer as for a short one."""

    transcription: IncrementalTranscription
    voice: VoiceFrames

    @classmethod
    def of(cls, recording: Recording) -> LiveAnalysis:
        state = recording.transcription
        if not state:
            return cls(
                IncrementalTranscription(model=settings.WHISPER_MODEL, hotwords=_vocabulary(recording)), VoiceFrames()
            )
        return cls(IncrementalTranscription.from_dict(state["transcription"]), VoiceFrames.from_dict(state["voice"]))

    def audio_to_read(self, recording: Recording) -> tuple[np.ndarray, float]:
        since = min(self.transcription.committed_until, self.voice.until)
        return decode_audio_since(default_storage.path(recording.file.name), since)

    def to_dict(self) -> dict:
        return {"transcription": self.transcription.to_dict(), "voice": self.voice.to_dict()}


def _vocabulary(recording: Recording) -> str:
    """Words the answer is likely to use, to bias the recogniser: the candidate's skills and
    the question's terms and key points."""
    question = recording.question
    profile = getattr(question.interview.candidate, "profile", None)
    return hotwords([question.text, *question.key_points], list(profile.skills) if profile else [])


def analyse_presence(recording_id: int) -> None:
    """Measures the answer's video, if the interview's camera is analysed (the candidate's choice,
    within the server's and their cohorts' switches); expressions only where those allow them."""
    recording = Recording.objects.select_related("question__interview").get(pk=recording_id)
    interview = recording.question.interview
    if not interview.analyses_camera or not recording.has_file:
        return
    try:
        metrics = analyse_video(default_storage.path(recording.file.name), expressions=interview.reads_expressions)
    except FrameError as error:
        metrics = not_measured(str(error))
    except FileNotFoundError:
        return  # deleted by its owner meanwhile: presence stays not measured
    Recording.objects.filter(pk=recording_id).update(presence=metrics.to_dict())
    signals.results_changed.send(sender=Recording, interview_id=interview.pk)
