"""How an answer was spoken, as opposed to what it said: pace, filler words, long pauses,
pitch and loudness, measured from the transcript's word timings and the audio samples.

Plain Python on numpy (no Django). Everything here is an observation with a number attached;
`delivery_notes` words them for the candidate without guessing at feelings or character.

Hesitation sounds ("um", "uh") are counted as Whisper writes them down: the transcription
prompts it so that it keeps them (see transcription.DISFLUENT_PROMPT). Pauses are the
silences the voice-activity model measured.
"""

from __future__ import annotations

import base64
import itertools
import re
from collections import Counter
from dataclasses import asdict, dataclass, field

import numpy as np

from interviewer.engine.transcription import (
    LOW_CONFIDENCE,
    SAMPLE_RATE,
    Transcript,
    Word,
)

PACE_RANGE_WPM = (130, 160)  # a pace listeners find easy to follow
LONG_PAUSE_S = 2.0

# Pitch: one F0 estimate per 40 ms frame, searched between 75 and 400 Hz (deep male to high
# female voices), with the YIN method.
FRAME_S = 0.04
MIN_F0_HZ = 75.0
MAX_F0_HZ = 400.0
# A frame is voiced when YIN's normalised difference dips below this (0 is perfectly periodic).
YIN_THRESHOLD = 0.15
# ... and when it is loud enough to be speech: within this many dB of the loudest frame.
VOICED_RANGE_DB = 35.0

# Tone stability (see `tone_stability`): where each part scores 100, and where it reaches 0.
LIVELY_PITCH_ST = (2.0, 6.0)  # the pitch variation of conversational speech, in semitones
ERRATIC_PITCH_ST = 12.0
STEADY_LOUDNESS_DB = 6.0
ERRATIC_LOUDNESS_DB = 15.0

# The report says how many words were hard to make out once they are this share of the answer.
UNCLEAR_NOTE_SHARE = 0.1
MAX_TIMES_LISTED = 5  # in a note, the times of a filler or pause after these are left out


@dataclass
class Filler:
    text: str  # the filler as reported: "um", "you know", "I mean"…
    start: float
    end: float


@dataclass
class Pause:
    start: float
    end: float

    @property
    def duration(self) -> float:
        return self.end - self.start


@dataclass
class DeliveryMetrics:
    duration: float = 0.0  # seconds of recording
    speaking_time: float = 0.0  # from the first word to the last
    word_count: int = 0
    words_per_minute: float = 0.0  # over the speaking time
    # Words the recogniser was unsure of: where the transcript may be wrong, so may the grade.
    unclear_word_count: int = 0
    fillers: list[Filler] = field(default_factory=list)
    long_pauses: list[Pause] = field(default_factory=list)
    median_pitch_hz: float = 0.0
    pitch_variation_st: float = 0.0  # standard deviation of the pitch, in semitones
    loudness_variation_db: float = 0.0  # standard deviation of the loudness of voiced frames
    tone_stability: int = 0  # 0–100, the mean of the two parts below
    tone_stability_parts: dict[str, int] = field(default_factory=lambda: {"pitch_range": 0, "loudness_steadiness": 0})

    @property
    def filler_counts(self) -> dict[str, int]:
        return dict(Counter(filler.text for filler in self.fillers).most_common())

    def to_dict(self) -> dict:
        data = asdict(self)
        data["filler_counts"] = self.filler_counts
        for pause in data["long_pauses"]:
            pause["duration"] = round(pause["end"] - pause["start"], 2)
        return data


def measure_delivery(transcript: Transcript, voice: VoiceFrames) -> DeliveryMetrics:
    """Delivery metrics of one answer from its transcript and its voice's frames. With no
    words heard, everything is zero (noise alone says nothing about a voice)."""
    metrics = DeliveryMetrics(duration=round(transcript.duration, 2))
    words = transcript.words
    if not words:
        return metrics
    metrics.speaking_time = round(words[-1].end - words[0].start, 2)
    metrics.word_count = len(words)
    if metrics.speaking_time > 0:
        metrics.words_per_minute = round(len(words) / metrics.speaking_time * 60, 1)
    metrics.unclear_word_count = sum(word.probability < LOW_CONFIDENCE for word in words)
    metrics.fillers = find_fillers(words)
    metrics.long_pauses = find_long_pauses(transcript)

    # Only between the first and the last word: a click or a cough in the silence around the
    # answer is not the voice.
    pitch, loudness = voice.voiced_between(words[0].start, words[-1].end)
    if len(pitch):
        metrics.median_pitch_hz = round(float(np.median(pitch)), 1)
        metrics.pitch_variation_st = round(float(np.std(12 * np.log2(pitch / np.median(pitch)))), 2)
        metrics.loudness_variation_db = round(float(np.std(loudness)), 2)
        metrics.tone_stability, metrics.tone_stability_parts = tone_stability(
            metrics.pitch_variation_st, metrics.loudness_variation_db
        )
    return metrics


def find_long_pauses(transcript: Transcript, minimum: float = LONG_PAUSE_S) -> list[Pause]:
    """Silences of at least `minimum` seconds between the first and the last word, as the
    voice-activity model heard them (gaps between Whisper's word timings are off by tenths of
    a second at either end, more at a segment's edge); from the word timings only for
    transcripts stored before the silences were measured."""
    words = transcript.words
    if not words:
        return []
    if transcript.silences is None:
        gaps = [(before.end, after.start) for before, after in itertools.pairwise(words)]
    else:
        first, last = words[0].start, words[-1].end
        gaps = [
            (max(start, first), min(end, last)) for start, end in transcript.silences if end > first and start < last
        ]
    return [Pause(start=round(start, 3), end=round(end, 3)) for start, end in gaps if end - start >= minimum]


# --- Filler words ------------------------------------------------------------------------


@dataclass
class _Token:
    norm: str  # lower case, no punctuation: "i'd", "like"
    ends_sentence: bool
    comma_after: bool


def _tokens(words: list[Word]) -> list[_Token]:
    tokens = []
    for word in words:
        text = word.text.lower().replace("’", "'")
        tail = text.rstrip("\"')”")
        norm = re.sub(r"[^\w']", "", text).strip("'")
        tokens.append(
            _Token(
                norm=_SOUND_SPELLINGS.get(norm, norm),
                ends_sentence=tail.endswith((".", "?", "!")),
                comma_after=tail.endswith((",", ";", ":", "…", "-", "—")),
            )
        )
    return tokens


def find_fillers(words: list[Word]) -> list[Filler]:
    """Filler words and phrases, each with its time. Words that are fillers only in some uses
    ("like", "you know", "I mean", "sort of", "kind of", "so") go through the context rules
    below; the rules favour missing a filler over blaming an ordinary word."""
    tokens = _tokens(words)
    fillers = []
    i = 0
    while i < len(tokens):
        for label, is_filler in _FILLER_RULES.items():
            phrase = label.lower().split()
            n = len(phrase)
            if [token.norm for token in tokens[i : i + n]] == phrase and is_filler(tokens, i, n):
                fillers.append(Filler(text=label, start=words[i].start, end=words[i + n - 1].end))
                i += n
                break
        else:
            i += 1
    return fillers


# Spellings Whisper (or a person typing) uses for the same sound.
_SOUND_SPELLINGS = {"umm": "um", "uhm": "um", "uhh": "uh", "erm": "er", "ahh": "ah"}

# Before "you know", words that make it mean knowing something: "do you know", "as you know".
_KNOWING_BEFORE = frozenset(
    "do does did don't didn't doesn't if as would will should could can might may let that what how".split()
)
# After "you know", words that start what is known: "you know how", "you know the answer".
_KNOWN_AFTER = frozenset(
    "how what where when why who whether if that about it him her them this these those the a an my your "
    "our their his its me us someone somebody something anything everything nothing exactly more enough".split()
)
# "what I mean is", "I mean to", "what I mean by".
_MEANING_BEFORE = frozenset("what which that do did don't didn't".split())
_MEANING_AFTER = frozenset("to by".split())
# "a kind of", "what sort of", "some different kind of": the noun, not the hedge.
_KIND_AS_NOUN_AFTER = frozenset(
    "a an the this that these those what which any some every each one same different other all no of certain "
    "right wrong new similar particular my your our their his her its".split()
)
# "I'd like", "would like", "looks like", "something like", "just like": a verb or a comparison.
_LIKE_AS_VERB_OR_COMPARISON_AFTER = frozenset(
    "would should could might i'd you'd we'd they'd he'd she'd i you we they people do does did don't didn't "
    "doesn't really also not look looks looked looking seem seems seemed sound sounds sounded feel feels felt "
    "something anything nothing everything more less much just exactly".split()
)
# "and like", "um like": "like" as a filler after a conjunction or another filler.
_LIKE_FILLER_AFTER = frozenset("and but so or um uh er ah like".split())
# "like five people": "like" as an approximation.
_NUMBER_WORDS = frozenset(
    "two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty hundred "
    "thousand half no".split()
)
# "was like twice as fast", "like always behind", "like really slow": "like" before an
# adverb of degree or frequency is a filler even without commas around it.
_ADVERBS_AFTER_FILLER_LIKE = frozenset(
    "twice once always never really totally super so very just literally basically maybe almost completely".split()
)
# "So far", "so that", "so many": "so" in its ordinary sense even at the start of a sentence.
_SO_ORDINARY_BEFORE = frozenset("far that much many".split())


def _previous(tokens: list[_Token], i: int) -> _Token | None:
    return tokens[i - 1] if i > 0 else None


def _next(tokens: list[_Token], i: int, n: int) -> _Token | None:
    return tokens[i + n] if i + n < len(tokens) else None


def _starts_sentence(tokens: list[_Token], i: int) -> bool:
    previous = _previous(tokens, i)
    return previous is None or previous.ends_sentence


def _set_off(tokens: list[_Token], i: int, n: int) -> bool:
    """Whether the phrase stands apart from the sentence: at its start, or after or before a
    comma ("Like, we had…", "…, you know, …")."""
    return _starts_sentence(tokens, i) or _previous(tokens, i).comma_after or tokens[i + n - 1].comma_after


def _norm(token: _Token | None) -> str:
    return token.norm if token else ""


def _always(tokens: list[_Token], i: int, n: int) -> bool:
    return True


def _you_know_is_filler(tokens: list[_Token], i: int, n: int) -> bool:
    if _set_off(tokens, i, n):
        return True
    return _norm(_previous(tokens, i)) not in _KNOWING_BEFORE and _norm(_next(tokens, i, n)) not in _KNOWN_AFTER


def _i_mean_is_filler(tokens: list[_Token], i: int, n: int) -> bool:
    return _norm(_previous(tokens, i)) not in _MEANING_BEFORE and _norm(_next(tokens, i, n)) not in _MEANING_AFTER


def _hedge_is_filler(tokens: list[_Token], i: int, n: int) -> bool:
    return _norm(_previous(tokens, i)) not in _KIND_AS_NOUN_AFTER


def _like_is_filler(tokens: list[_Token], i: int, n: int) -> bool:
    previous = _previous(tokens, i)
    if previous and not previous.comma_after and previous.norm in _LIKE_AS_VERB_OR_COMPARISON_AFTER:
        return False
    following = _next(tokens, i, n)
    return (
        _set_off(tokens, i, n)
        or _norm(previous) in _LIKE_FILLER_AFTER
        or (following is not None and (following.norm.isdigit() or following.norm in _NUMBER_WORDS))
        or _norm(following) in _ADVERBS_AFTER_FILLER_LIKE
    )


def _set_off_is_filler(tokens: list[_Token], i: int, n: int) -> bool:
    """ "Actually, we…", "…, actually, …": a filler; "we actually finished" is not."""
    return _set_off(tokens, i, n)


def _so_is_filler(tokens: list[_Token], i: int, n: int) -> bool:
    return _starts_sentence(tokens, i) and _norm(_next(tokens, i, n)) not in _SO_ORDINARY_BEFORE


# Each filler as it is reported, with the rule that tells when its words are a filler.
_FILLER_RULES = {
    "you know": _you_know_is_filler,
    "I mean": _i_mean_is_filler,
    "sort of": _hedge_is_filler,
    "kind of": _hedge_is_filler,
    "um": _always,
    "uh": _always,
    "er": _always,
    "ah": _always,
    "basically": _always,
    "actually": _set_off_is_filler,
    "literally": _always,
    "like": _like_is_filler,
    "so": _so_is_filler,
}


# --- Pitch and loudness ------------------------------------------------------------------


@dataclass
class VoiceFrames:
    """Pitch and loudness of every 40 ms frame of a recording, measured while it grows: each
    frame is measured once, so finishing an answer measures only its last seconds, however
    long it was. `to_dict` is JSON (float16: a hundredth of a semitone, a tenth of a dB)."""

    pitch: np.ndarray = field(default_factory=lambda: np.zeros(0))  # Hz, NaN where none
    loudness: np.ndarray = field(default_factory=lambda: np.zeros(0))  # dB

    @classmethod
    def of(cls, samples: np.ndarray) -> VoiceFrames:
        voice = cls()
        voice.extend(samples, start=0.0)
        return voice

    @property
    def until(self) -> float:
        """Seconds of the recording measured so far (whole frames)."""
        return len(self.loudness) * FRAME_S

    def extend(self, samples: np.ndarray, start: float) -> None:
        """Measures the frames not yet measured; `samples` begin `start` seconds into the
        recording, no later than `until`."""
        skip = round((self.until - start) * SAMPLE_RATE)
        if skip < 0:
            raise ValueError(
                f"samples from {start:.2f} s leave a gap after the frames measured up to {self.until:.2f} s"
            )
        pitch, loudness = _measure_frames(samples[skip:])
        self.pitch = np.concatenate([self.pitch, pitch])
        self.loudness = np.concatenate([self.loudness, loudness])

    def voiced_between(self, start: float, end: float) -> tuple[np.ndarray, np.ndarray]:
        """Pitch and loudness of the voiced frames wholly between `start` and `end` seconds."""
        first, last = int(np.ceil(start / FRAME_S - 1e-9)), int(end / FRAME_S + 1e-9)
        return _voiced(self.pitch[first:last], self.loudness[first:last])

    def to_dict(self) -> dict:
        return {
            name: base64.b64encode(getattr(self, name).astype("<f2").tobytes()).decode()
            for name in ("pitch", "loudness")
        }

    @classmethod
    def from_dict(cls, data: dict) -> VoiceFrames:
        arrays = {
            name: np.frombuffer(base64.b64decode(data[name]), dtype="<f2").astype(np.float64)
            for name in ("pitch", "loudness")
        }
        return cls(**arrays)


def voiced_frames(samples: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pitch (Hz) and loudness (RMS in dB) of each voiced 40 ms frame of `samples`."""
    return _voiced(*_measure_frames(samples))


def _voiced(pitch: np.ndarray, loudness: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The frames with a pitch, less those quieter than VOICED_RANGE_DB below the loudest."""
    if not len(loudness):
        return np.zeros(0), np.zeros(0)
    keep = ~np.isnan(pitch) & (loudness >= loudness.max() - VOICED_RANGE_DB)
    return pitch[keep], loudness[keep]


def _measure_frames(samples: np.ndarray, sample_rate: int = SAMPLE_RATE) -> tuple[np.ndarray, np.ndarray]:
    """Pitch (Hz, NaN where there is none) and loudness (RMS in dB) of each 40 ms frame.

    Pitch by YIN (de Cheveigné & Kawahara, 2002): the frame's cumulative-mean-normalised
    difference function, whose first dip below YIN_THRESHOLD within 75–400 Hz gives the
    period, refined by a parabola through the dip. Frames without such a dip (unvoiced
    sounds, silence, noise) have no pitch."""
    frame_length = round(FRAME_S * sample_rate)
    min_lag = int(sample_rate / MAX_F0_HZ)
    max_lag = int(np.ceil(sample_rate / MIN_F0_HZ))
    window = frame_length - max_lag  # each lag compares this many samples
    n_frames = len(samples) // frame_length
    if n_frames == 0:
        return np.zeros(0), np.zeros(0)
    frames = samples[: n_frames * frame_length].reshape(n_frames, frame_length).astype(np.float64)
    loudness = 10 * np.log10(np.mean(frames**2, axis=1) + 1e-12)

    # Difference function d(τ) = Σ (x_j − x_{j+τ})², j < window, through energies and an FFT
    # cross-correlation: the same for all frames at once.
    squares = np.concatenate([np.zeros((n_frames, 1)), np.cumsum(frames**2, axis=1)], axis=1)
    lags = np.arange(max_lag + 1)
    energy_at_lag = squares[:, lags + window] - squares[:, lags]
    size = 2 * frame_length
    correlation = np.fft.irfft(np.conj(np.fft.rfft(frames[:, :window], size)) * np.fft.rfft(frames, size), size)[
        :, : max_lag + 1
    ]
    difference = np.maximum(energy_at_lag[:, :1] + energy_at_lag - 2 * correlation, 0)

    running_mean = np.cumsum(difference[:, 1:], axis=1) / lags[1:]
    normalised = np.ones_like(difference)
    normalised[:, 1:] = difference[:, 1:] / np.maximum(running_mean, 1e-12)

    # The first dip below the threshold: from the first lag under it, to where it rises above.
    below = normalised < YIN_THRESHOLD
    below[:, :min_lag] = False
    has_dip = below.any(axis=1)
    first = np.argmax(below, axis=1)
    in_dip = np.cumprod(below | (lags < first[:, None]), axis=1).astype(bool) & (lags >= first[:, None])
    period = np.argmin(np.where(in_dip, normalised, np.inf), axis=1)

    voiced = has_dip & (period > min_lag - 1) & (period < max_lag)
    rows = np.nonzero(voiced)[0]
    left, centre, right = (normalised[rows, period[rows] + shift] for shift in (-1, 0, 1))
    curvature = left - 2 * centre + right
    offset = np.where(curvature > 0, 0.5 * (left - right) / np.where(curvature > 0, curvature, 1), 0)
    pitch = np.full(n_frames, np.nan)
    pitch[rows] = sample_rate / (period[rows] + offset)
    return pitch, loudness


def tone_stability(pitch_variation_st: float, loudness_variation_db: float) -> tuple[int, dict[str, int]]:
    """A 0–100 score for how even yet natural the voice sounds, with its two equal parts.

    pitch_range: 100 while the pitch varies by 2–6 semitones (standard deviation over voiced
      frames, the range of conversational speech); it falls linearly to 0 towards 0 semitones
      (a monotone) and towards 12 semitones (jumps in pitch).
    loudness_steadiness: 100 while the loudness of voiced frames varies by at most 6 dB
      (standard deviation); it falls linearly to 0 at 15 dB (very erratic loudness).

    The score measures these two spreads only, not the voice's quality or what it conveys.
    """
    low, high = LIVELY_PITCH_ST
    if pitch_variation_st < low:
        pitch_part = pitch_variation_st / low
    else:
        pitch_part = 1 - (pitch_variation_st - high) / (ERRATIC_PITCH_ST - high)
    loudness_part = 1 - (loudness_variation_db - STEADY_LOUDNESS_DB) / (ERRATIC_LOUDNESS_DB - STEADY_LOUDNESS_DB)
    parts = {
        "pitch_range": round(100 * float(np.clip(pitch_part, 0, 1))),
        "loudness_steadiness": round(100 * float(np.clip(loudness_part, 0, 1))),
    }
    return round(sum(parts.values()) / 2), parts


# --- Notes -------------------------------------------------------------------------------


def delivery_notes(metrics: DeliveryMetrics) -> list[str]:
    """Plain statements of what was measured, with the numbers: what a listener would notice,
    never a judgement of the speaker."""
    if metrics.word_count == 0:
        return ["We didn't hear any speech."]
    low, high = PACE_RANGE_WPM
    wpm = round(metrics.words_per_minute)
    if low <= wpm <= high:
        notes = [f"You spoke at {wpm} words per minute, within the {low}–{high} range that is easy to follow."]
    else:
        notes = [f"You spoke at {wpm} words per minute; {low}–{high} is easy to follow."]

    for text, count in metrics.filler_counts.items():
        times = [filler.start for filler in metrics.fillers if filler.text == text]
        notes.append(f"You said “{text}” {_times(count)} ({_clock_list(times)}).")

    pauses = metrics.long_pauses
    if pauses:
        longest = max(pause.duration for pause in pauses)
        there = "There was 1 pause" if len(pauses) == 1 else f"There were {len(pauses)} pauses"
        notes.append(
            f"{there} longer than {LONG_PAUSE_S:g} seconds ({_clock_list([p.start for p in pauses])}); "
            f"the longest lasted {longest:.1f} seconds."
        )

    if metrics.unclear_word_count / metrics.word_count >= UNCLEAR_NOTE_SHARE:
        notes.append(
            f"{metrics.unclear_word_count} of the {metrics.word_count} words we heard were hard to make out; "
            "where the transcript is wrong, the grade may be too."
        )

    if metrics.median_pitch_hz:  # some frames were voiced
        notes.append(_pitch_note(metrics.pitch_variation_st))
        if metrics.loudness_variation_db > STEADY_LOUDNESS_DB:
            notes.append(
                f"Your loudness varied by {metrics.loudness_variation_db:.1f} dB; "
                f"up to {STEADY_LOUDNESS_DB:g} dB sounds even."
            )
        parts = metrics.tone_stability_parts
        notes.append(
            f"Tone stability: {metrics.tone_stability}/100 (pitch range {parts['pitch_range']}/100, "
            f"loudness steadiness {parts['loudness_steadiness']}/100)."
        )
    return notes


def _pitch_note(variation: float) -> str:
    low, high = LIVELY_PITCH_ST
    said = f"Your pitch varied by {variation:.1f} semitones"
    if variation < low:
        return f"{said}; conversational speech varies by {low:g}–{high:g}, and less can sound monotone."
    if variation > high:
        return f"{said}, more than the {low:g}–{high:g} of conversational speech."
    return f"{said}, within the {low:g}–{high:g} of conversational speech."


def _times(count: int) -> str:
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


def _clock(seconds: float) -> str:
    minutes, seconds = divmod(int(seconds), 60)
    return f"{minutes}:{seconds:02d}"


def _clock_list(times: list[float]) -> str:
    listed = ", ".join(_clock(t) for t in times[:MAX_TIMES_LISTED])
    return listed + (", …" if len(times) > MAX_TIMES_LISTED else "")
