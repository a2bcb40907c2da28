import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from PIL import Image, UnidentifiedImageError

from interviewer.engine.presence import (
    FrameError,
    analyse_video,
    not_measured,
    presence_notes,
    read_frame,
    read_presence,
    summarise,
)


class Command(BaseCommand):
    help = (
        "Runs the camera analysis on a video (webm, mp4, …) or a still image, as it runs on an answer: "
        "the share of frames with a face, the share looking at the camera, the longest look away and, "
        "when EXPRESSION_ANALYSIS is on, the expressions the face was read as. A file that can't be "
        "read is reported as not measured, with the reason."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--json", action="store_true", help="print everything measured as JSON")
        parser.add_argument("--every", type=float, default=0.5, help="seconds between sampled frames (default 0.5)")

    def handle(self, *args, file: Path, json: bool, every: float, **options):
        if not file.is_file():
            raise CommandError(f"{file} is not a file.")
        if not settings.CAMERA_ANALYSIS:
            raise CommandError("Camera analysis is turned off on this server (CAMERA_ANALYSIS=off).")
        expressions = settings.EXPRESSION_ANALYSIS
        try:
            metrics = (
                analyse_image(file, expressions)
                if is_image(file)
                else analyse_video(file, every, expressions=expressions)
            )
        except FrameError as error:
            metrics = not_measured(str(error))
        if json:
            self.stdout.write(_json(metrics, expressions))
            return
        self.stdout.write(f"frames={metrics.frames_analysed}")
        self.stdout.write(f"face_visible={_percent(metrics.face_visible_share)}")
        self.stdout.write(f"looking_at_camera={_percent(metrics.looking_at_camera_share)}  # of the frames with a face")
        longest = metrics.longest_look_away_seconds
        self.stdout.write(f"longest_look_away={'not measured' if longest is None else f'{longest:.1f} s'}")
        if expressions:
            read = sorted(metrics.emotion_distribution.items(), key=lambda item: -item[1])
            self.stdout.write(
                "expressions_read_as=" + (", ".join(f"{name} {share:.0%}" for name, share in read) or "not measured")
            )
        for note in presence_notes(metrics, expressions=expressions):
            self.stdout.write(f"note: {note}")


def is_image(path: Path) -> bool:
    try:
        with Image.open(path) as image:
            return getattr(image, "n_frames", 1) == 1
    except (UnidentifiedImageError, OSError):
        return False


def analyse_image(path: Path, expressions: bool):
    return summarise([read_presence(read_frame(path.read_bytes()), 0.0, expressions)])


def _percent(share: float | None) -> str:
    return "not measured" if share is None else f"{share:.0%}"


def _json(metrics, expressions: bool) -> str:
    data = metrics.to_dict()
    if not expressions:  # nothing about expressions is shown where they aren't read
        for key in ("emotion_distribution", "dominant_expression", "dominant_expression_share"):
            data.pop(key)
        for point in data["timeline"]:
            point.pop("dominant")
    return json.dumps(data, indent=2)
