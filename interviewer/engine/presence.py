"""Camera presence: is the face visible, is it turned to the camera and, only when asked, which
expression the face is read as.

Plain Python on OpenCV, PyAV and fer (no Django). Two inputs reach it: still frames the browser's
live indicator sends during an answer (`read_frame` + `read_presence`) and the recorded answer
video (`analyse_video`). Everything it reports is an observation with a number ("your face was
visible for 92% of answer 3"); nothing here judges the person, and `CAMERA_LIMITS` and
`EXPRESSION_LIMITS` say what the analysis can and cannot tell.

OpenCV's Haar frontal-face cascade finds the face. Expressions are read only when asked
(`expressions=True`): only then is fer imported and its small CNN (the quantised TFLite copy in
fer/data/) loaded, so a deployment with expression reading off never loads it. Nothing is
downloaded.
"""

from __future__ import annotations

import io
import logging
import threading
import warnings
from collections import Counter
from collections.abc import Generator, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import av
import cv2
import numpy as np
from PIL import Image, UnidentifiedImageError

from interviewer.engine.gaze import estimate_gaze
from interviewer.engine.loading import load_once

EMOTIONS = ("angry", "disgust", "fear", "happy", "sad", "surprise", "neutral")

EXPRESSION_LIMITS = (
    "Expressions are read by the open-source fer library: a small convolutional network "
    "(mini-Xception, about 58,000 weights) trained on FER-2013, a public set of about 36,000 "
    "48×48-pixel greyscale face photos gathered from web image searches, many of them posed, each "
    "labelled with one of seven expressions: angry, disgust, fear, happy, sad, surprise, neutral. "
    "It looks at one small grey crop of the face at a time and reports how closely the face's "
    "muscle configuration resembles each of those seven. It measures what a face looks like, not "
    "what anyone feels: a smile can be polite, and a neutral face says nothing about how an "
    "answer went. Known limits: even on FER-2013's own test photos it agrees with the labels only "
    "about 65% of the time, and less on everyday webcam video; dim or uneven lighting, a camera "
    "below or beside the face, glasses, and hands or hair over the face all change its readings; "
    "its training photos over-represent some skin tones, ages and cultures, so it is less "
    "accurate for others, and people of different cultures show expressions differently; and "
    "resting, neutral faces are often read as sad or angry. Expressions are never part of a score."
)

CAMERA_LIMITS = (
    "The camera analysis finds a face with OpenCV's frontal-face detector and counts the frames in "
    "which one was found. Whether you were looking at the camera is estimated from your eyes: "
    "MediaPipe's face and iris landmark models find where your irises sit in your eyes and where "
    "your head points, and the two together must point at the camera. It is not a calibrated eye "
    "tracker: it assumes the camera is in front of you (one above a second screen makes you look "
    "away), and closed eyes, glare on glasses and dim light make it say you looked away. On our "
    "small test set it agreed with the truth in 67% of held-out frames (the older rule: 44%). A "
    "very dark picture, a face turned away or several faces in the picture are reported as such, "
    "not guessed."
)

# Larger stills are refused: the live indicator sends webcam-sized frames (1920×1080 is 2 MP),
# and a small file can declare an image whose decoding would take seconds and gigabytes.
MAX_FRAME_PIXELS = 4_000_000

# Faces are searched for on a copy scaled down to this width: the Haar cascade's time grows with
# the pixel count (about 60 ms at 640×480 against 20–30 ms at 320×240 on this project's machines),
# and a candidate sitting at a laptop fills far more than the smallest face it still finds.
DETECTION_WIDTH = 320
# In pixels of that copy: the cascade's own 24-pixel window, so a face of about 50 pixels in a
# 640×480 frame (someone a couple of metres from the camera) is still found.
MIN_FACE_SIZE = 24

# Below this mean brightness (0–255) a frame is too dark for the face detector: a covered lens or an
# unlit room, reported as such rather than as "no face".
DARK_FRAME_BRIGHTNESS = 30

# fer's detector shares one TFLite interpreter between all its instances and OpenCV cascades
# keep scratch buffers: neither may be used by two threads at once.
_inference_lock = threading.Lock()


class FrameError(ValueError):
    """An image or video that cannot be read as camera frames (the message says why)."""


@load_once
def _load_detector():
    """fer's detector; importing TensorFlow takes several seconds, so it happens on first use
    rather than when this module is imported. TensorFlow's notices are quieted by the process
    that imports it (config/offline.py)."""
    # fer.fer calls logging.basicConfig(level=INFO) when imported, which would turn on INFO
    # output for every logger of the host application: undo it.
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    with warnings.catch_warnings():
        # fer imports pkg_resources and runs its model on tf.lite.Interpreter: both warn that
        # they are deprecated, and both work with the pinned versions.
        warnings.simplefilter("ignore", UserWarning)
        from fer.fer import FER

        detector = FER(min_face_size=MIN_FACE_SIZE)
    root.handlers[:] = handlers
    root.setLevel(level)
    return detector


@load_once
def _load_face_cascade():
    # The same frontal-face cascade fer ships, in OpenCV's newer file format.
    return cv2.CascadeClassifier(cv2.data.haarcascades + "haarcascade_frontalface_default.xml")


# --- Reading frames ------------------------------------------------------------------------


def read_frame(source: bytes | bytearray | memoryview) -> np.ndarray:
    """One still image (JPEG or PNG from the browser, or any format OpenCV reads) as BGR."""
    data = bytes(source)
    try:
        # Pillow reads only the header here, so the size is checked before any pixels are
        # decoded (a small file can declare a huge image).
        with Image.open(io.BytesIO(data)) as header:
            width, height = header.size
    except (UnidentifiedImageError, OSError, ValueError) as error:
        raise FrameError("This is not an image the camera check can read.") from error
    if width * height > MAX_FRAME_PIXELS:
        raise FrameError(
            f"The image is {width}×{height} pixels; camera frames of at most "
            f"{MAX_FRAME_PIXELS // 1_000_000} megapixels are accepted."
        )
    bgr = cv2.imdecode(np.frombuffer(data, dtype=np.uint8), cv2.IMREAD_COLOR)
    if bgr is None:
        raise FrameError("The image is damaged or incomplete and could not be decoded.")
    return bgr


def sample_video_frames(
    path: str | Path, every_seconds: float = 0.5, max_frames: int = 240
) -> Generator[tuple[float, np.ndarray], None, str | None]:
    """(time in seconds from the first frame, BGR frame) at most once per `every_seconds`.

    Every frame has to be decoded (VP8/VP9 frames build on the previous ones), but only the
    sampled ones are converted to arrays. At most `max_frames` are yielded: at 0.5 s that is the
    first two minutes of an answer. A damaged or truncated file yields the frames before the
    damage and returns (as the generator's value) why it stopped early; FrameError is raised only
    if not one frame could be decoded. A recording without a video stream (camera off) yields
    nothing.
    """
    try:
        container = av.open(str(path))
    except OSError:
        raise  # a missing or unreadable file is the caller's problem, not a bad recording
    except av.FFmpegError as error:
        raise FrameError("The recording is not a video file that can be read.") from error
    with container:
        if not container.streams.video:
            return
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"  # frame-parallel decoding: every frame of the answer is decoded
        first_time = None
        last_slot = -1
        sampled = 0
        time = 0.0
        damage = None
        try:
            for frame in container.decode(stream):
                if frame.time is None:  # a frame without a timestamp cannot be placed in time
                    continue
                if first_time is None:
                    first_time = frame.time
                time = frame.time - first_time
                # The first frame of each `every_seconds` slot is taken; the small allowance
                # keeps frame times like 0.4999 (from integer time bases) in their intended slot.
                slot = int((time + 1e-3) // every_seconds)
                if slot <= last_slot:
                    continue
                last_slot = slot
                yield time, frame.to_ndarray(format="bgr24")
                sampled += 1
                if sampled >= max_frames:
                    return None
        except av.FFmpegError as error:
            damage = error  # the frames before the damage have been yielded
        # A file cut inside its first frame raises nothing: the demuxer drops the partial frame.
        if sampled == 0:
            raise FrameError("The recording is damaged: no video frame could be decoded.") from damage
        if damage is not None:
            return f"The video is damaged after {time:.1f} s: only the frames before that were analysed."
        # A file cut short decodes without an error; when its header states a length (the
        # browser's MediaRecorder leaves it out), a video that stops well before it was cut.
        declared = container.duration / av.time_base if container.duration else None
        if declared and time + 1.0 < declared:
            return (
                f"The video stops at {time:.1f} s of its {declared:.1f} s (damaged or cut short): only the "
                "frames before that were analysed."
            )
        return None


# --- One frame ------------------------------------------------------------------------------


@dataclass(frozen=True)
class FrameReading:
    """What one camera frame shows.

    `face` is True when the Haar frontal-face cascade finds a face; it was trained on faces
    turned towards the camera, so a face in profile, or tilted sideways by more than about 20
    degrees (15 was still found in the test photo, 25 was not), is not found, and then
    `looking_at_camera` is None.

    `looking_at_camera` is an estimate from the eyes (interviewer.engine.gaze): where the irises
    sit in the eyes and where the head points, from MediaPipe's face and iris landmarks. It is
    False when those models find no face or no eyes in the frame (eyes closed or hidden, strong
    glare on glasses). It is not a calibrated eye tracker: it assumes the camera is in front of
    the face.

    `emotions` is empty unless expressions were asked for; `faces` counts the faces found (the
    largest is the one measured) and `dark` marks a frame too dark to look for one.
    """

    time: float
    face: bool
    box: tuple[int, int, int, int] | None = None  # x, y, width, height in the frame's pixels
    emotions: dict[str, float] = field(default_factory=dict)  # fer's 7 expressions → probability
    dominant: str | None = None
    looking_at_camera: bool | None = None
    faces: int = 0
    dark: bool = False


def read_presence(bgr: np.ndarray, time: float = 0.0, expressions: bool = False) -> FrameReading:
    """Reading of one BGR frame; a frame without a face is a normal reading, never an error.
    fer is loaded and asked only with `expressions`."""
    grey = cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)
    if grey.mean() < DARK_FRAME_BRIGHTNESS:
        return FrameReading(time=time, face=False, dark=True)
    detector = _load_detector() if expressions else None
    with _inference_lock:
        faces = _faces(grey)
        if not faces:
            return FrameReading(time=time, face=False)
        box = max(faces, key=lambda face: face[2] * face[3])  # the candidate: nearest the camera
        found = detector.detect_emotions(bgr, face_rectangles=[box]) if detector else []
    gazing = estimate_gaze(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB))
    looking = bool(gazing and gazing.looking_at_camera)
    # fer drops a face whose crop it cannot resize: the face is still seen, its expression not.
    emotions = {name: float(found[0]["emotions"][name]) for name in EMOTIONS} if found else {}
    return FrameReading(
        time=time,
        face=True,
        box=box,
        emotions=emotions,
        dominant=max(emotions, key=emotions.get) if emotions else None,
        looking_at_camera=looking,
        faces=len(faces),
    )


def _faces(grey: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Every face the cascade finds, as boxes in the frame's pixels (searched on a smaller copy)."""
    height, width = grey.shape
    scale = min(1.0, DETECTION_WIDTH / width)
    small = (
        grey
        if scale == 1.0
        else cv2.resize(grey, (round(width * scale), round(height * scale)), interpolation=cv2.INTER_AREA)
    )
    found = _load_face_cascade().detectMultiScale(
        small, scaleFactor=1.1, minNeighbors=5, flags=cv2.CASCADE_SCALE_IMAGE, minSize=(MIN_FACE_SIZE, MIN_FACE_SIZE)
    )
    boxes = []
    for face in found:
        x, y, w, h = (round(int(v) / scale) for v in face)
        x, y = max(0, x), max(0, y)
        boxes.append((x, y, min(w, width - x), min(h, height - y)))
    return boxes


# --- Many frames ----------------------------------------------------------------------------

# Expressions are averaged over this many consecutive face frames (1.5 s at the 0.5 s sampling)
# before one is named: a single frame's reading flickers with blinks, words and compression.
EXPRESSION_SMOOTHING_FRAMES = 3
# A frame's expression is named only when its smoothed probability reaches this; below it the
# model has no clear reading and none is shown.
EXPRESSION_MIN_CONFIDENCE = 0.5
# During a spoken answer the mouth opens for every vowel, and fer, trained on still photos, reads
# an open mouth as fear or surprise (a confident speaker was read as "fear 16%"). These two are
# therefore not reported for answers, and the others are shown as shares of what remains.
SPEECH_LOOKALIKES = ("fear", "surprise")
REPORTED_EXPRESSIONS = tuple(name for name in EMOTIONS if name not in SPEECH_LOOKALIKES)


@dataclass
class PresenceMetrics:
    """Summary of the frames of one answer; shares are fractions from 0 to 1.

    `looking_at_camera_share`, `emotion_distribution` and the dominant expression are over the
    frames in which a face was found, and are None / empty when there was none (or, for
    expressions, when they were not read). `longest_look_away_seconds` is the longest run of
    frames without a face looking at the camera. `dark_share` and `several_faces_share` say how
    often the picture was too dark, or showed more than one face; `damage` why a damaged video
    was analysed only in part.
    """

    frames_analysed: int
    face_visible_share: float | None
    looking_at_camera_share: float | None
    emotion_distribution: dict[str, float]  # mean smoothed share of each reported expression
    dominant_expression: str | None  # the expression most often read clearly in a frame
    dominant_expression_share: float | None  # share of face frames in which it was read clearly
    timeline: list[dict] = field(default_factory=list)  # {time, dominant, face, looking} per frame
    longest_look_away_seconds: float | None = None
    dark_share: float | None = None
    several_faces_share: float | None = None
    damage: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> PresenceMetrics:
        return cls(**data)


def summarise(
    readings: Iterable[FrameReading], every_seconds: float = 0.5, damage: str | None = None
) -> PresenceMetrics:
    readings = list(readings)
    with_face = [reading for reading in readings if reading.face]
    named = _named_expressions(with_face)
    timeline = [
        {"time": round(r.time, 2), "dominant": named.get(id(r)), "face": r.face, "looking": r.looking_at_camera}
        for r in readings
    ]
    count = len(readings)
    metrics = PresenceMetrics(
        frames_analysed=count,
        face_visible_share=len(with_face) / count if count else None,
        looking_at_camera_share=None,
        emotion_distribution={},
        dominant_expression=None,
        dominant_expression_share=None,
        timeline=timeline,
        longest_look_away_seconds=_longest_run(readings, every_seconds) if count else None,
        dark_share=sum(r.dark for r in readings) / count if count else None,
        several_faces_share=sum(r.faces > 1 for r in readings) / count if count else None,
        damage=damage,
    )
    if not with_face:
        return metrics
    metrics.looking_at_camera_share = sum(bool(r.looking_at_camera) for r in with_face) / len(with_face)
    read = [_reported(r.emotions) for r in with_face if r.emotions]
    if read:
        metrics.emotion_distribution = {name: float(np.mean([e[name] for e in read])) for name in REPORTED_EXPRESSIONS}
    if named:
        counts = Counter(named.values())
        # Ties between equally frequent expressions go to the one with the higher mean share.
        dominant = max(counts, key=lambda name: (counts[name], metrics.emotion_distribution.get(name, 0)))
        metrics.dominant_expression = dominant
        metrics.dominant_expression_share = counts[dominant] / len(with_face)
    return metrics


def _reported(emotions: dict[str, float]) -> dict[str, float]:
    """The expressions reported for a spoken answer, as shares of their sum."""
    total = sum(emotions[name] for name in REPORTED_EXPRESSIONS) or 1.0
    return {name: emotions[name] / total for name in REPORTED_EXPRESSIONS}


def _named_expressions(with_face: list[FrameReading]) -> dict[int, str]:
    """id(reading) → the expression named for that frame: the top of the readings averaged over
    the frame and the ones before it, when it reaches EXPRESSION_MIN_CONFIDENCE."""
    named = {}
    recent: list[dict[str, float]] = []
    for reading in with_face:
        if not reading.emotions:
            continue
        recent = [*recent, _reported(reading.emotions)][-EXPRESSION_SMOOTHING_FRAMES:]
        smoothed = {name: float(np.mean([e[name] for e in recent])) for name in REPORTED_EXPRESSIONS}
        top = max(smoothed, key=smoothed.get)
        if smoothed[top] >= EXPRESSION_MIN_CONFIDENCE:
            named[id(reading)] = top
    return named


def live_expression(reading: FrameReading) -> str | None:
    """The expression the live indicator names for one still: the reported one on top, only when
    the model is confident of it (a single still is not smoothed, so the bar is the same)."""
    if not reading.emotions:
        return None
    reported = _reported(reading.emotions)
    top = max(reported, key=reported.get)
    return top if reported[top] >= EXPRESSION_MIN_CONFIDENCE else None


def _longest_run(readings: list[FrameReading], every_seconds: float) -> float:
    longest = current = 0
    for reading in readings:
        current = 0 if reading.face and reading.looking_at_camera else current + 1
        longest = max(longest, current)
    return longest * every_seconds


def analyse_frames(
    frames: Iterable[tuple[float, np.ndarray]], expressions: bool = False, every_seconds: float = 0.5
) -> PresenceMetrics:
    return summarise((read_presence(bgr, time, expressions) for time, bgr in frames), every_seconds)


def not_measured(reason: str) -> PresenceMetrics:
    """The summary of a video that could not be read at all, saying why."""
    return PresenceMetrics(0, None, None, {}, None, None, damage=reason)


def analyse_video(
    path: str | Path, every_seconds: float = 0.5, max_frames: int = 240, expressions: bool = False
) -> PresenceMetrics:
    """The answer's video sampled every `every_seconds`; a damaged file is measured up to the
    damage, and says so. Raises FrameError for a file of which no frame can be read."""
    frames = sample_video_frames(path, every_seconds, max_frames)
    readings = []
    while True:
        try:
            time, bgr = next(frames)
        except StopIteration as end:
            return summarise(readings, every_seconds, damage=end.value)
        readings.append(read_presence(bgr, time, expressions))


# --- Notes for the candidate -------------------------------------------------------------------

# Below this many frames the percentages rest on too little to mean much, and the notes say so.
FEW_FRAMES = 10


def presence_notes(
    metrics: PresenceMetrics | None, answer_number: int | None = None, expressions: bool = False
) -> list[str]:
    """Plain statements of what the camera showed, with numbers; never a verdict on the person.
    Expressions are mentioned only with `expressions` (the deployment reads them)."""
    answer = f"answer {answer_number}" if answer_number is not None else "this answer"
    if metrics is not None and metrics.frames_analysed == 0 and metrics.damage:
        return [f"Presence wasn't measured for {answer}. {metrics.damage}"]
    if metrics is None or metrics.frames_analysed == 0:
        return [f"Presence wasn't measured for {answer} because the camera was off."]
    notes = [f"Your face was visible for {_percent(metrics.face_visible_share)} of {answer}."]
    dark = metrics.dark_share or 0
    if metrics.looking_at_camera_share is None:
        if dark >= 0.5:
            notes.append(
                f"The picture was too dark to look for a face in {_percent(dark)} of the frames, so "
                "eye contact wasn't measured."
            )
        else:
            notes.append(
                "No face turned towards the camera was found (turned away, out of the picture or "
                "covered), so eye contact wasn't measured."
            )
    else:
        longest = metrics.longest_look_away_seconds
        notes.append(
            f"You looked away from the camera for {_percent(1 - metrics.looking_at_camera_share)} "
            f"of the time your face was visible in {answer} (an estimate from where your eyes and "
            "head pointed)" + (f"; the longest stretch without looking at it was {longest:.1f} s." if longest else ".")
        )
        if dark > 0:
            notes.append(f"{_percent(dark)} of the frames were too dark to look for a face.")
        if expressions and metrics.dominant_expression:
            notes.append(
                f"Your face was most often read as showing a {metrics.dominant_expression} expression "
                f"({_percent(metrics.dominant_expression_share)} of the frames showing it). This "
                "describes the face's muscles, not a feeling; fear and surprise aren't reported "
                "during speech, which the model misreads as them."
            )
        elif expressions and metrics.emotion_distribution:
            notes.append("No expression was read clearly enough to be named.")
    if metrics.several_faces_share:
        notes.append(
            f"More than one face was in the picture in {_percent(metrics.several_faces_share)} of the "
            "frames; the largest was measured."
        )
    if metrics.damage:
        notes.append(metrics.damage)
    if metrics.frames_analysed < FEW_FRAMES:
        notes.append(
            f"Only {metrics.frames_analysed} frame{'s' if metrics.frames_analysed != 1 else ''} "
            "could be analysed, so these figures are rough."
        )
    return notes


def _percent(share: float) -> str:
    return f"{round(share * 100)}%"
