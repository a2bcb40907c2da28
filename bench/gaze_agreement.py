"""Looking at the camera: today's Haar rule against the eyes (MediaPipe iris landmarks), per frame.

    OMP_NUM_THREADS=1 .venv/bin/python bench/gaze_agreement.py [--fit]

Reads tests/data/faces/truth.csv (each frame looking at the camera or away, written by hand or
known from how the frame was made) and prints, for each split apart (development, held-out, and
held-out-new: photographs of real people added after the eyes' thresholds were fitted), the
agreement of each method with the truth, how often each said "looking" when the person looked
away and the other way round, and the median time per frame. A frame in which a
method finds no face counts as "not looking" for it. With --fit it also prints the agreement of
the eyes' method on the development frames over a grid of its head weight and turn threshold.
"""

import repository  # noqa: F401  isort: skip  (first of all: bench/repository.py)
import csv
import statistics
import sys
import time
from pathlib import Path

import cv2

from interviewer.engine import gaze
from interviewer.engine.presence import _faces

SET = Path(__file__).resolve().parent.parent / "tests" / "data" / "faces"


# The rule the product used before the eyes replaced it (kept here as the baseline): the largest
# Haar face near the middle of the picture, with OpenCV's eye cascade finding an eye on each side
# of the upper half of the face.
EYE_CASCADE = cv2.CascadeClassifier(cv2.data.haarcascades + "haarcascade_eye.xml")
EYE_SEARCH_FACE_WIDTH, EYE_SEARCH_DEPTH, MAX_CENTRE_OFFSET = 100, 0.6, 0.3


def haar_rule(bgr) -> bool:
    grey = cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)
    faces = _faces(grey)
    if not faces:
        return False
    x, y, w, h = max(faces, key=lambda face: face[2] * face[3])
    height, width = grey.shape
    if abs((x + w / 2) / width - 0.5) > MAX_CENTRE_OFFSET or abs((y + h / 2) / height - 0.5) > MAX_CENTRE_OFFSET:
        return False
    scale = EYE_SEARCH_FACE_WIDTH / w
    upper = grey[y : y + round(h * EYE_SEARCH_DEPTH), x : x + w]
    upper = cv2.resize(upper, (EYE_SEARCH_FACE_WIDTH, round(upper.shape[0] * scale)))
    size = EYE_SEARCH_FACE_WIDTH // 10
    eyes = EYE_CASCADE.detectMultiScale(upper, scaleFactor=1.1, minNeighbors=5, minSize=(size, size))
    columns = [ex + ew / 2 for ex, ey, ew, eh in eyes if ey + eh / 2 < h * scale / 2]
    middle = EYE_SEARCH_FACE_WIDTH / 2
    return any(c < middle for c in columns) and any(c >= middle for c in columns)


def eyes(bgr) -> bool:
    found = gaze.estimate_gaze(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB))
    return bool(found and found.looking_at_camera)


def main() -> None:
    rows = list(csv.DictReader((SET / "truth.csv").open()))
    frames = {row["file"]: cv2.imread(str(SET / row["file"])) for row in rows}
    for method in (haar_rule, eyes):
        method(frames[rows[0]["file"]])  # models loaded before timing
    for split in ("development", "held-out", "held-out-new"):
        chosen = [row for row in rows if row["split"] == split]
        away = sum(row["truth"] == "away" for row in chosen)
        print(f"{split}: {len(chosen)} frames, {away} looking away")
        for method in (haar_rule, eyes):
            said, times = [], []
            for row in chosen:
                started = time.perf_counter()
                said.append(method(frames[row["file"]]))
                times.append(time.perf_counter() - started)
            truth = [row["truth"] == "camera" for row in chosen]
            agree = sum(s == t for s, t in zip(said, truth))
            false_looking = sum(s and not t for s, t in zip(said, truth))
            false_away = sum(t and not s for s, t in zip(said, truth))
            print(
                f"  {method.__name__}: agreement={agree / len(chosen):.2f} ({agree}/{len(chosen)})  "
                f"said_looking_when_away={false_looking}  said_away_when_looking={false_away}  "
                f"median_ms_per_frame={1000 * statistics.median(times):.0f}"
            )
    if "--fit" in sys.argv:
        fit([row for row in rows if row["split"] == "development"], frames)


def fit(rows, frames) -> None:
    measured = [
        (gaze.estimate_gaze(cv2.cvtColor(frames[row["file"]], cv2.COLOR_BGR2RGB)), row["truth"] == "camera")
        for row in rows
    ]
    for row, (found, _) in zip(rows, measured):
        print(
            f"  {row['file']}: {row['truth']}  "
            + (
                f"head_turn={found.head_turn:+.2f} eyes_turn={found.eyes_turn:+.2f} head_tilt={found.head_tilt:+.2f}"
                if found
                else "no face"
            )
        )
    for weight in (0.0, 0.2, 0.3, 0.5, 1.0):
        for turn in (0.06, 0.08, 0.1, 0.12, 0.15, 0.2, 0.3):
            agree = sum(
                (
                    found is not None
                    and abs(found.eyes_turn + weight * found.head_turn) <= turn
                    and abs(found.head_tilt) <= gaze.MAX_HEAD_TILT
                )
                == truth
                for found, truth in measured
            )
            print(f"  head_weight={weight} max_gaze_turn={turn}: {agree}/{len(measured)}")


if __name__ == "__main__":
    main()
