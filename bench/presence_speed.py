"""Speed of the camera presence analysis, model already loaded.

    .venv/bin/python bench/presence_speed.py

Prints:
- frames_per_second, frames_per_second_with_expressions: read_presence on 640×480 frames of a
  real face (skimage's astronaut, resized), without and with fer's expression reading: the rate
  the live indicator's stills can be read at;
- analyse_60s_video_seconds[_with_expressions]: analyse_video on a 60 s, 30 fps, 640×480 VP8 webm
  (what a browser's MediaRecorder makes) sampled every 0.5 s, i.e. 120 frames read out of 1,800
  decoded: the cost of the camera analysis of a one-minute answer;
- decode_60s_video_seconds: the decoding and sampling part of it alone.
The video is built first with PyAV from the same photo, moving a little as a person does.
"""

import repository  # noqa: F401  isort: skip  (first of all: bench/repository.py)
import tempfile
import time
from pathlib import Path

import av
import cv2
import numpy as np
from skimage import data

from interviewer.engine.presence import (
    analyse_video,
    read_presence,
    sample_video_frames,
)

WIDTH, HEIGHT = 640, 480
READS = 100
VIDEO_SECONDS = 60
VIDEO_FPS = 30


def webcam_frame() -> np.ndarray:
    return cv2.resize(cv2.cvtColor(data.astronaut(), cv2.COLOR_RGB2BGR), (WIDTH, HEIGHT))


def write_video(path: Path, frame: np.ndarray) -> None:
    with av.open(str(path), "w", format="webm") as container:
        stream = container.add_stream("libvpx", rate=VIDEO_FPS, options={"deadline": "realtime", "cpu-used": "8"})
        stream.width, stream.height, stream.pix_fmt = WIDTH, HEIGHT, "yuv420p"
        for index in range(VIDEO_SECONDS * VIDEO_FPS):
            # A sway of a few pixels, so that frames differ as a webcam's do.
            shift = np.float32([[1, 0, 6 * np.sin(index / 15)], [0, 1, 3 * np.sin(index / 23)]])
            moved = cv2.warpAffine(frame, shift, (WIDTH, HEIGHT), borderMode=cv2.BORDER_REPLICATE)
            for packet in stream.encode(av.VideoFrame.from_ndarray(moved, format="bgr24")):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)


def main() -> None:
    frame = webcam_frame()
    assert read_presence(frame, expressions=True).dominant == "happy"  # loads the model, and checks the input

    for expressions, suffix in ((False, ""), (True, "_with_expressions")):
        started = time.perf_counter()
        for _ in range(READS):
            read_presence(frame, expressions=expressions)
        print(f"frames_per_second{suffix}={READS / (time.perf_counter() - started):.1f}")

    with tempfile.TemporaryDirectory() as folder:
        video = Path(folder) / "answer.webm"
        write_video(video, frame)

        started = time.perf_counter()
        sampled = sum(1 for _ in sample_video_frames(video, every_seconds=0.5))
        print(f"decode_60s_video_seconds={time.perf_counter() - started:.2f}  # {sampled} frames sampled")

        for expressions, suffix in ((False, ""), (True, "_with_expressions")):
            started = time.perf_counter()
            metrics = analyse_video(video, every_seconds=0.5, expressions=expressions)
            elapsed = time.perf_counter() - started
            print(
                f"analyse_60s_video_seconds{suffix}={elapsed:.2f}  # {metrics.frames_analysed} frames, "
                f"face visible {metrics.face_visible_share:.0%}, read as {metrics.dominant_expression}"
            )


if __name__ == "__main__":
    main()
