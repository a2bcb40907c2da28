"""Finished interviews for the report tests and benchmarks, made with the real services: typed
answers are graded by the real grader; spoken answers get a real webm recording and the delivery
and presence JSON that the engine's own functions compute (delivery from a voice-like tone with
word timings laid out as Whisper gives them, presence from frame readings)."""

import random

import numpy as np
from django.core.files.base import ContentFile

from interviewer.engine.delivery import VoiceFrames, delivery_notes, measure_delivery
from interviewer.engine.planning import InterviewSetup
from interviewer.engine.presence import FrameReading, summarise
from interviewer.engine.transcription import SAMPLE_RATE, Transcript, Word
from interviewer.models import Interview, Recording
from interviewer.privacy_services import choose_camera
from interviewer.selectors import current_question
from interviewer.services import (
    answer_current_question,
    ask_current_question,
    start_interview,
)

WEAK_ANSWER = "Um, I am not sure. I would, you know, look it up and basically ask a colleague."
SECONDS_PER_WORD = 0.4
PAUSE_AFTER_WORD = 6  # a long pause after this many words of each spoken answer
PAUSE_S = 2.5


def timed_words(text: str) -> list[Word]:
    words, time = [], 0.3
    for i, token in enumerate(text.split()):
        if i == PAUSE_AFTER_WORD:
            time += PAUSE_S
        words.append(Word(f" {token}", round(time, 2), round(time + SECONDS_PER_WORD - 0.05, 2), 0.9))
        time += SECONDS_PER_WORD
    return words


def voice(seconds: float, pitch_hz: float = 140.0) -> np.ndarray:
    """A voice-like tone (five harmonics) gliding up and down around `pitch_hz`."""
    t = np.arange(int(seconds * SAMPLE_RATE)) / SAMPLE_RATE
    f0 = pitch_hz * 2 ** (3 * np.sin(2 * np.pi * 0.5 * t) / 12)
    phase = 2 * np.pi * np.cumsum(f0) / SAMPLE_RATE
    return (0.3 * sum(np.sin(k * phase) / k for k in range(1, 6))).astype(np.float32)


def readings(seconds: float, looking_every: int = 3) -> list[FrameReading]:
    """Two frames a second: a face in all but the first, looking at the camera in most."""
    frames = []
    for i in range(int(seconds * 2)):
        if i == 0:
            frames.append(FrameReading(time=0.0, face=False))
            continue
        happy = 0.6 if i % 2 else 0.2
        emotions = {
            "angry": 0.02,
            "disgust": 0.0,
            "fear": 0.03,
            "happy": happy,
            "sad": 0.05,
            "surprise": 0.05,
            "neutral": round(0.85 - happy, 2),
        }
        frames.append(
            FrameReading(
                time=i / 2,
                face=True,
                box=(200, 100, 200, 200),
                emotions=emotions,
                dominant=max(emotions, key=emotions.get),
                looking_at_camera=i % looking_every != 0,
            )
        )
    return frames


def spoken_recording(interview: Interview, text: str, *, camera: bool, video_bytes: bytes) -> Recording:
    """The current question's next attempt as the room would have stored it."""
    question = ask_current_question(interview)
    attempt = question.answers.count() + 1
    recording = Recording.objects.create(
        question=question, attempt=attempt, mime="video/webm" if camera else "audio/webm"
    )
    recording.file.save("answer.webm", ContentFile(video_bytes), save=False)
    words = timed_words(text)
    transcript = Transcript.from_words(words, duration=words[-1].end + 0.5)
    delivery = measure_delivery(transcript, VoiceFrames.of(voice(transcript.duration)))
    recording.transcript = transcript.to_dict()
    recording.delivery = {**delivery.to_dict(), "notes": delivery_notes(delivery)}
    recording.presence = summarise(readings(transcript.duration)).to_dict() if camera else None
    recording.size = len(video_bytes)
    recording.status = Recording.Status.DONE
    recording.save()
    return recording


def finished_interview(
    candidate,
    *,
    questions: int = 6,
    spoken: bool = True,
    camera: bool = True,
    seed: int = 1,
    domain: str = "data-analytics-sql",
    duration: int = 15,
    video_bytes: bytes = b"webm",
) -> Interview:
    """Answers the plan's questions in turn (the model answer for every other question, a weak
    answer and its retry for the rest) until `questions` have been answered, then finishes it
    (by then the next question has been asked, as in the room) unless the plan ran out first."""
    setup = InterviewSetup(
        position="Data analyst", difficulty="medium", duration_minutes=duration, type="mixed", domain=domain
    )
    interview = start_interview(
        candidate=candidate, candidate_name="Ada Lovelace", setup=setup, rng=random.Random(seed)
    )
    # Expressions are read when the server's EXPRESSION_ANALYSIS is on at this point (the tests' settings).
    choose_camera(interview, Interview.Camera.ANALYSED if camera else Interview.Camera.OFF)
    asked = 0
    while (question := current_question(interview)) is not None and asked < questions:
        asked += 1
        texts = [question.model_answer] if asked % 2 else [WEAK_ANSWER, WEAK_ANSWER]
        for text in texts:
            recording = spoken_recording(interview, text, camera=camera, video_bytes=video_bytes) if spoken else None
            turn = answer_current_question(interview, text, recording=recording)
            if turn.kind == "finished" or turn.step != "retry":
                break
        interview.refresh_from_db()
        if interview.status == Interview.Status.FINISHED:
            return interview
    answer_current_question(interview, "finish interview")
    interview.refresh_from_db()
    return interview
