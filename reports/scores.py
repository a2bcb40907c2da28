"""The overall scores of one interview, from what was measured in its answers.

Plain Python (no Django): the report page, the PDF and the progress dashboard all call
`interview_scores`, so the same interview always shows the same figures. Every score comes with
`HOW_MEASURED`, the sentence the pages print next to it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from interviewer.engine.delivery import LONG_PAUSE_S, PACE_RANGE_WPM

# Pace scores 100 inside the easy-to-follow range and falls to 0 this many words per minute
# outside it (70 or 220 wpm).
PACE_TOLERANCE_WPM = 60
# Filler words and long pauses per minute of speaking at which their scores reach 0.
FILLERS_PER_MINUTE_AT_ZERO = 5
PAUSES_PER_MINUTE_AT_ZERO = 4
# Overall = a weighted mean of the parts that were measured (typed answers have no delivery,
# camera off or no face in view means no presence): what was said counts most.
OVERALL_WEIGHTS = {"content": 0.6, "delivery": 0.25, "presence": 0.15}

# Why a figure has no value, as the pages say it: "not measured: the answers were typed".
NOT_MEASURED = {
    "not_answered": "no question was answered",
    "typed": "the answers were typed",
    "camera_off": "the camera was off",
    "no_face": "no face was in view",
    "no_speech": "no speech was heard",
    "no_voice": "no voiced sound was heard",
    "pending": "the camera analysis hasn't finished yet",
    "unreadable": "what the camera analysis stored couldn't be read",
    "not_analysed": "the camera was recorded but not analysed",
    "expressions_off": "expressions weren't read",
}
# ... or why its measurement failed: "failed: the camera analysis couldn't read the video".
FAILED = {
    "camera_failed": "the camera analysis couldn't read the video",
}

LOW, HIGH = PACE_RANGE_WPM
HOW_MEASURED = {
    "overall": (
        "A weighted mean of the parts that were measured: content 60%, delivery 25%, presence 15%. "
        "A part that wasn't measured (typed answers, camera off, no face in view) is left out and the others "
        "share its weight."
    ),
    "content": (
        "The mean answer score of your final attempt at each question. An answer score is half how close "
        "the answer is to the model answer and half the share of key points it covered "
        "(behavioural questions: 35% closeness, 35% key points, 30% the situation–task–action–result parts)."
    ),
    "accuracy": "Questions answered correctly (answer score 70 or more) divided by questions asked.",
    "delivery": (
        "The mean of four spoken-answer scores: pace, filler words, long pauses and tone stability. "
        "Measured on recorded answers only."
    ),
    "pace": (
        f"Words per minute from your first word to your last, over all recorded answers. Scores 100 between "
        f"{LOW} and {HIGH} words per minute (easy to follow), falling to 0 at {LOW - PACE_TOLERANCE_WPM} "
        f"or {HIGH + PACE_TOLERANCE_WPM}."
    ),
    "fillers": (
        "Filler words and phrases (“um”, “you know”, “basically”…) per minute of speaking. Scores 100 at none, "
        f"falling to 0 at {FILLERS_PER_MINUTE_AT_ZERO} a minute. The transcriber often leaves out “um” and “uh”, "
        "so the count is a lower bound."
    ),
    "pauses": (
        f"Silences longer than {LONG_PAUSE_S:g} seconds between words, per minute of speaking. Scores 100 at none, "
        f"falling to 0 at {PAUSES_PER_MINUTE_AT_ZERO} a minute."
    ),
    "tone_stability": (
        "How much your pitch and loudness varied: 100 while pitch varies by 2–6 semitones (conversational speech) "
        "and loudness by at most 6 dB; lower for a monotone or for jumps. It measures those two spreads only."
    ),
    "presence": (
        "The mean of two camera shares: the time your face was visible, and the time it was found facing the "
        "camera. Measured only when a face was in view. Expressions are shown but never scored."
    ),
    "face_visible": "The share of sampled video frames (two a second) in which a face was found.",
    "looking_at_camera": (
        "Of the frames showing your face, the share where it was facing the camera, near the middle of the "
        "picture, with an eye found on each side. An estimate from head position, not eye tracking."
    ),
    "expressions": (
        "The expressions the model read the face as, averaged over the frames showing it (each frame's reading "
        "smoothed over 1.5 s; fear and surprise aren't reported during speech, which the model misreads as "
        "them). It describes what a face looked like, not what anyone felt, and is never part of a score."
    ),
}


@dataclass(frozen=True)
class Spoken:
    """What the delivery analysis measured in one recorded attempt."""

    word_count: int
    speaking_time: float  # seconds from the first word to the last
    fillers: int
    long_pauses: int
    tone_stability: int | None  # None when no frame was voiced


@dataclass(frozen=True)
class Seen:
    """What the camera analysis measured in one attempt filmed with the camera on."""

    ANALYSED, PENDING, FAILED, UNREADABLE, NOT_ANALYSED = "analysed", "pending", "failed", "unreadable", "not_analysed"

    frames: int
    face_visible_share: float | None
    looking_at_camera_share: float | None
    emotion_distribution: dict[str, float] = field(default_factory=dict)
    outcome: str = ANALYSED


@dataclass
class Scores:
    asked: int
    correct: int
    accuracy: float | None  # 0–1
    content: float | None  # 0–100
    pace_wpm: float | None
    fillers_per_minute: float | None
    pauses_per_minute: float | None
    tone_stability: float | None
    delivery_parts: dict[str, float] = field(default_factory=dict)  # pace, fillers, pauses, tone_stability: 0–100
    delivery: float | None = None
    face_visible_share: float | None = None  # 0–1
    looking_at_camera_share: float | None = None  # 0–1
    expressions: dict[str, float] = field(default_factory=dict)  # mean probability of each expression
    presence: float | None = None
    overall: float | None = None
    reasons: dict[str, str] = field(default_factory=dict)  # figure → why it has no value (NOT_MEASURED, FAILED)

    def to_dict(self) -> dict:
        return asdict(self)

    def unmeasured(self, key: str) -> str:
        return unmeasured(self.reasons, key)


def unmeasured(reasons: dict[str, str], key: str) -> str:
    """What the pages and downloads print instead of a figure with no value: "not measured: no
    face was in view" or "failed: …"."""
    reason = reasons.get(key, "")
    if reason in FAILED:
        return f"failed: {FAILED[reason]}"
    return f"not measured: {NOT_MEASURED[reason]}" if reason in NOT_MEASURED else "not measured"


def interview_scores(
    *, asked: int, correct: int, answers: int, final_answer_scores: list[float], spoken: list[Spoken], seen: list[Seen]
) -> Scores:
    """`answers`: every attempt, typed or spoken; `final_answer_scores`: the last attempt's answer
    score for each answered question; `spoken`: every recorded attempt; `seen`: every attempt
    filmed with the camera on."""
    scores = Scores(
        asked=asked,
        correct=correct,
        accuracy=correct / asked if asked else None,
        content=_mean(final_answer_scores),
        pace_wpm=None,
        fillers_per_minute=None,
        pauses_per_minute=None,
        tone_stability=None,
    )
    _delivery(scores, spoken)
    _presence(scores, seen)
    parts = {name: getattr(scores, name) for name in OVERALL_WEIGHTS}
    measured = {name: value for name, value in parts.items() if value is not None}
    if measured:
        weight = sum(OVERALL_WEIGHTS[name] for name in measured)
        scores.overall = round(sum(OVERALL_WEIGHTS[name] * value for name, value in measured.items()) / weight, 1)
    scores.reasons = _reasons(scores, answers, spoken, seen)
    return scores


def _reasons(scores: Scores, answers: int, spoken: list[Spoken], seen: list[Seen]) -> dict[str, str]:
    """Why each figure without a value wasn't measured (or failed)."""
    if not answers:
        speech = camera = "not_answered"
    else:
        speech = "typed" if not spoken else "no_speech"
        camera = "typed" if not spoken else "camera_off" if not seen else _camera_reason(seen)
    why = {
        "overall": "not_answered",
        "content": "not_answered",
        "accuracy": "not_answered",
        "delivery": speech,
        "pace_wpm": speech,
        "fillers_per_minute": speech,
        "pauses_per_minute": speech,
        "tone_stability": speech if scores.delivery is None else "no_voice",
        "presence": camera,
        "face_visible_share": camera,
        "looking_at_camera_share": camera,
        "expressions": camera if scores.presence is None else "expressions_off",
    }
    return {key: reason for key, reason in why.items() if getattr(scores, key) in (None, {})}


def _camera_reason(seen: list[Seen]) -> str:
    if all(s.outcome == Seen.NOT_ANALYSED for s in seen):
        return "not_analysed"
    if any(s.outcome == Seen.PENDING for s in seen):
        return "pending"
    if any(s.outcome == Seen.ANALYSED and s.frames for s in seen):
        return "no_face"
    return "camera_failed" if any(s.outcome == Seen.FAILED for s in seen) else "unreadable"


def _delivery(scores: Scores, spoken: list[Spoken]) -> None:
    minutes = sum(s.speaking_time for s in spoken) / 60
    if minutes <= 0:
        return
    scores.pace_wpm = round(sum(s.word_count for s in spoken) / minutes, 1)
    scores.fillers_per_minute = round(sum(s.fillers for s in spoken) / minutes, 2)
    scores.pauses_per_minute = round(sum(s.long_pauses for s in spoken) / minutes, 2)
    scores.tone_stability = _mean([s.tone_stability for s in spoken if s.tone_stability is not None])
    parts = {
        "pace": pace_score(scores.pace_wpm),
        "fillers": _falling(scores.fillers_per_minute, FILLERS_PER_MINUTE_AT_ZERO),
        "pauses": _falling(scores.pauses_per_minute, PAUSES_PER_MINUTE_AT_ZERO),
    }
    if scores.tone_stability is not None:
        parts["tone_stability"] = scores.tone_stability
    scores.delivery_parts = parts
    scores.delivery = _mean(list(parts.values()))


def _presence(scores: Scores, seen: list[Seen]) -> None:
    """Presence is measured when a face was in view: with none, the shares say nothing about how
    the candidate faced the camera, and a 0 would pull the overall score down for it."""
    seen = [s for s in seen if s.outcome == Seen.ANALYSED]
    frames = sum(s.frames for s in seen)
    if frames == 0:
        return
    face_frames = [(s.frames * (s.face_visible_share or 0), s) for s in seen]
    scores.face_visible_share = round(sum(n for n, _ in face_frames) / frames, 3)
    with_face = [(n, s) for n, s in face_frames if n > 0 and s.looking_at_camera_share is not None]
    total = sum(n for n, _ in with_face)
    if total:
        scores.looking_at_camera_share = round(sum(n * s.looking_at_camera_share for n, s in with_face) / total, 3)
        names = {name for _, s in with_face for name in s.emotion_distribution}
        scores.expressions = {
            name: round(sum(n * s.emotion_distribution.get(name, 0) for n, s in with_face) / total, 3)
            for name in sorted(names)
        }
        scores.presence = _mean([100 * scores.face_visible_share, 100 * scores.looking_at_camera_share])


def pace_score(wpm: float) -> float:
    return round(max(0.0, 100 * (1 - pace_distance(wpm) / PACE_TOLERANCE_WPM)), 1)


def pace_distance(wpm: float) -> float:
    """How far a pace is from the easy-to-follow range (0 inside it)."""
    return max(LOW - wpm, wpm - HIGH, 0)


def _falling(per_minute: float, at_zero: float) -> float:
    return round(max(0.0, 100 * (1 - per_minute / at_zero)), 1)


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None
