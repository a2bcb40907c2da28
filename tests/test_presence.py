"""Camera presence on real faces: scikit-image's bundled sample photos, turned into stills and
short webm recordings inside the tests (nothing is downloaded, no recorded fixtures)."""

import os
import re
from fractions import Fraction
from pathlib import Path

import av
import cv2
import numpy as np
import pytest

from interviewer.engine.presence import (
    CAMERA_LIMITS,
    EMOTIONS,
    EXPRESSION_LIMITS,
    FrameError,
    PresenceMetrics,
    analyse_video,
    presence_notes,
    read_frame,
    read_presence,
    sample_video_frames,
)
from tests.camera import (
    FACE_CENTRE_IN_PHOTO,
    FPS,
    HEIGHT,
    WIDTH,
    astronaut,
    cameraman,
    webcam_frame,
    write_webm,
)


def write_audio_only_webm(path, seconds=1):
    rate = 48_000
    with av.open(str(path), "w", format="webm") as container:
        stream = container.add_stream("libopus", rate=rate)
        stream.layout = "mono"
        tone = (0.2 * np.sin(2 * np.pi * 440 * np.arange(rate * seconds) / rate)).astype(np.float32)
        frame = av.AudioFrame.from_ndarray(tone.reshape(1, -1), format="flt", layout="mono")
        frame.sample_rate, frame.time_base, frame.pts = rate, Fraction(1, rate), 0
        for packet in stream.encode(frame):
            container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)


@pytest.fixture(scope="module")
def half_face_video(tmp_path_factory):
    """4 s at 10 fps: the smiling astronaut for 2 s, then the camera photo (no face) for 2 s."""
    path = tmp_path_factory.mktemp("video") / "answer.webm"
    write_webm(path, [webcam_frame()] * (2 * FPS) + [cameraman()] * (2 * FPS))
    return path


@pytest.fixture(scope="module")
def half_face_metrics(half_face_video):
    return analyse_video(half_face_video, expressions=True)


# --- One frame ------------------------------------------------------------------------------


def test_a_smiling_face_reads_as_happy():
    reading = read_presence(astronaut(), time=1.5, expressions=True)

    assert reading.face and reading.time == 1.5
    assert set(reading.emotions) == set(EMOTIONS)
    assert sum(reading.emotions.values()) == pytest.approx(1, abs=0.05)
    assert reading.dominant == "happy" and reading.emotions["happy"] > 0.5
    x, y, w, h = reading.box
    assert x <= FACE_CENTRE_IN_PHOTO[0] <= x + w and y <= FACE_CENTRE_IN_PHOTO[1] <= y + h


def test_a_photo_without_a_face_is_a_reading_not_an_error():
    reading = read_presence(cameraman(), expressions=True)

    assert not reading.face
    assert reading.emotions == {} and reading.dominant is None and reading.box is None
    assert reading.looking_at_camera is None


def test_a_frontal_face_in_the_middle_of_the_frame_looks_at_the_camera():
    assert read_presence(webcam_frame()).looking_at_camera is True
    # A mirrored webcam picture is the same face to the estimator.
    assert read_presence(cv2.flip(webcam_frame(), 1)).looking_at_camera is True


@pytest.mark.parametrize("face_x", [60, WIDTH - 60])
def test_a_face_at_the_edge_of_the_frame_still_looks_at_the_camera(face_x):
    """The eyes decide, not where the face sits in the picture (the old rule said "away" here)."""
    reading = read_presence(webcam_frame(face_x=face_x), expressions=True)

    assert reading.face and reading.dominant == "happy"
    assert reading.looking_at_camera is True


FACES = Path(__file__).parent / "data" / "faces"


@pytest.mark.parametrize("name", ["astronaut-eyes-left", "astronaut-eyes-right", "dlib-bald-guys-10"])
def test_eyes_turned_away_from_the_camera_are_not_looking(name):
    """Frames of the public set (tests/data/faces/): the astronaut with her irises moved towards
    the corners of her eyes and her head still frontal, and a man looking aside on a telephone."""
    reading = read_presence(cv2.imread(str(FACES / f"{name}.jpg")))

    assert reading.face and reading.looking_at_camera is False


@pytest.mark.parametrize("name", ["astronaut-left-of-centre", "astronaut-tilted-left", "dlib-bald-guys-12"])
def test_eyes_on_the_camera_are_looking_with_the_face_off_centre_tilted_or_turned(name):
    reading = read_presence(cv2.imread(str(FACES / f"{name}.jpg")))

    assert reading.face and reading.looking_at_camera is True


def test_a_face_turned_on_its_side_is_not_found():
    reading = read_presence(cv2.rotate(webcam_frame(), cv2.ROTATE_90_CLOCKWISE))

    assert not reading.face and reading.looking_at_camera is None


def test_read_frame_decodes_the_browsers_jpeg_and_png():
    frame = webcam_frame()
    png = cv2.imencode(".png", frame)[1].tobytes()
    jpeg = cv2.imencode(".jpg", frame, [cv2.IMWRITE_JPEG_QUALITY, 90])[1].tobytes()

    assert np.array_equal(read_frame(png), frame)
    decoded = read_frame(jpeg)
    assert decoded.shape == frame.shape and np.abs(decoded.astype(int) - frame).mean() < 5
    assert read_presence(decoded, expressions=True).dominant == "happy"


@pytest.mark.parametrize(
    "source",
    [
        os.urandom(4096),
        b"Tell me about a time you resolved a conflict within your team.\n" * 20,
        b"",
        cv2.imencode(".jpg", np.zeros((480, 640, 3), np.uint8))[1].tobytes()[:150],  # cut header
    ],
    ids=["random bytes", "text", "empty", "truncated jpeg"],
)
def test_read_frame_rejects_what_is_not_an_image(source):
    with pytest.raises(FrameError):
        read_frame(source)


def test_read_frame_rejects_images_over_four_megapixels():
    huge = cv2.imencode(".png", np.zeros((2000, 2500, 3), np.uint8))[1].tobytes()  # 5 MP, small file

    with pytest.raises(FrameError, match="2500×2000"):
        read_frame(huge)


# --- Video ----------------------------------------------------------------------------------


def test_video_frames_are_sampled_at_the_interval(half_face_video):
    times = [time for time, _ in sample_video_frames(half_face_video, every_seconds=0.5)]

    assert times == pytest.approx([0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5])
    assert len(list(sample_video_frames(half_face_video, every_seconds=0.5, max_frames=3))) == 3


def test_a_video_half_with_a_face(half_face_metrics):
    metrics = half_face_metrics

    assert metrics.frames_analysed == 8
    assert metrics.face_visible_share == pytest.approx(0.5, abs=0.15)
    assert metrics.dominant_expression == "happy"
    assert max(metrics.emotion_distribution, key=metrics.emotion_distribution.get) == "happy"
    assert metrics.looking_at_camera_share == 1.0
    assert [point["face"] for point in metrics.timeline] == [True] * 4 + [False] * 4
    assert metrics.timeline[0] == {"time": 0.0, "dominant": "happy", "face": True, "looking": True}
    assert PresenceMetrics.from_dict(metrics.to_dict()) == metrics


def test_a_truncated_video_yields_the_frames_before_the_cut(half_face_video, tmp_path):
    whole = half_face_video.read_bytes()
    truncated = tmp_path / "truncated.webm"
    truncated.write_bytes(whole[: len(whole) // 2])

    every_frame = 1 / FPS
    all_frames = list(sample_video_frames(half_face_video, every_seconds=every_frame))
    before_cut = list(sample_video_frames(truncated, every_seconds=every_frame))

    assert 0 < len(before_cut) < len(all_frames)
    for (time, image), (whole_time, whole_image) in zip(before_cut, all_frames):
        assert time == whole_time and np.array_equal(image, whole_image)


def test_a_video_cut_inside_its_first_frame_raises_frame_error(half_face_video, tmp_path):
    whole = half_face_video.read_bytes()
    truncated = tmp_path / "truncated.webm"
    truncated.write_bytes(whole[: len(whole) // 10])  # the first keyframe is about 40% of the file

    with pytest.raises(FrameError):
        list(sample_video_frames(truncated))


def test_a_file_that_is_not_a_video_raises_frame_error(tmp_path):
    garbage = tmp_path / "garbage.webm"
    garbage.write_bytes(os.urandom(20_000))

    with pytest.raises(FrameError):
        list(sample_video_frames(garbage))


def test_a_recording_without_video_means_the_camera_was_off(tmp_path):
    audio_only = tmp_path / "audio.webm"
    write_audio_only_webm(audio_only)

    assert list(sample_video_frames(audio_only)) == []
    metrics = analyse_video(audio_only)
    assert metrics.frames_analysed == 0 and metrics.face_visible_share is None
    assert presence_notes(metrics, answer_number=2) == [
        "Presence wasn't measured for answer 2 because the camera was off."
    ]
    assert presence_notes(None) == ["Presence wasn't measured for this answer because the camera was off."]


# --- Notes ----------------------------------------------------------------------------------

JUDGEMENTS = re.compile(
    r"\b(nervous|confident|confidence|anxious|anxiety|calm|stressed|insecure|shy|bored|"
    r"engaged|enthusiastic|honest|lying|friendly|cold|happy person|sad person|angry person|"
    r"you were (happy|sad|angry|afraid|scared|surprised)|you felt|you seemed)\b",
    re.IGNORECASE,
)


def test_notes_state_what_was_observed_with_numbers(half_face_metrics):
    notes = presence_notes(half_face_metrics, answer_number=3, expressions=True)

    assert notes == [
        "Your face was visible for 50% of answer 3.",
        (
            "You looked away from the camera for 0% of the time your face was visible in answer 3 (an estimate "
            "from where your eyes and head pointed); the longest stretch without looking at it was 2.0 s."
        ),
        (
            "Your face was most often read as showing a happy expression (100% of the frames showing it). This "
            "describes the face's muscles, not a feeling; fear and surprise aren't reported during speech, which "
            "the model misreads as them."
        ),
        "Only 8 frames could be analysed, so these figures are rough.",
    ]


def test_with_expression_reading_off_the_notes_never_mention_expressions(half_face_metrics):
    notes = presence_notes(half_face_metrics, answer_number=3)

    assert len(notes) == 3 and not any("expression" in note for note in notes)


def test_notes_never_judge_the_person(half_face_metrics):
    no_face = PresenceMetrics(12, 0.0, None, {}, None, None)
    looking_away = PresenceMetrics(40, 0.9, 0.25, {"sad": 0.6, "neutral": 0.4}, "sad", 0.7)
    nervous_looking = PresenceMetrics(40, 1.0, 0.1, {"fear": 0.8, "surprise": 0.2}, "fear", 0.9)
    for metrics in (half_face_metrics, no_face, looking_away, nervous_looking, None):
        for expressions in (True, False):
            for note in presence_notes(metrics, 1, expressions) + presence_notes(metrics, expressions=expressions):
                assert not JUDGEMENTS.search(note), note
    assert presence_notes(looking_away, 4)[1].startswith("You looked away from the camera for 75% ")
    assert presence_notes(no_face, 4) == [
        "Your face was visible for 0% of answer 4.",
        (
            "No face turned towards the camera was found (turned away, out of the picture or covered), so eye "
            "contact wasn't measured."
        ),
    ]


def test_the_limits_say_what_is_measured_and_how_well():
    for fact in (
        "FER-2013",
        "48×48",
        "not what anyone feels",
        "65%",
        "lighting",
        "glasses",
        "skin tones",
        "never part of a score",
    ):
        assert fact in EXPRESSION_LIMITS
    for fact in (
        "irises",
        "not a calibrated eye tracker",
        "glare on glasses",
        "67%",
        "very dark picture",
        "several faces",
    ):
        assert fact in CAMERA_LIMITS


# --- Bad input: partial or "not measured", with the reason, never an error ----------------------


def two_faces_frame() -> np.ndarray:
    """Two copies of the astronaut's face side by side, as when someone leans into the picture."""
    face = cv2.resize(astronaut()[20:260, 100:340], (200, 200))
    frame = np.full((HEIGHT, WIDTH, 3), 90, np.uint8)
    frame[140:340, 60:260] = face
    frame[140:340, 380:580] = face
    return frame


def test_a_very_dark_video_is_not_measured_and_says_why(tmp_path):
    video = tmp_path / "dark.webm"
    write_webm(video, [(webcam_frame() * 0.08).astype(np.uint8)] * (2 * FPS))  # mean brightness about 9 of 255

    metrics = analyse_video(video)

    assert metrics.frames_analysed == 4 and metrics.dark_share == 1.0
    assert metrics.face_visible_share == 0.0 and metrics.looking_at_camera_share is None
    assert presence_notes(metrics, 1)[1] == (
        "The picture was too dark to look for a face in 100% of the frames, so eye contact wasn't measured."
    )


def test_several_faces_are_counted_and_the_largest_is_measured():
    reading = read_presence(two_faces_frame())

    assert reading.face and reading.faces == 2
    metrics = analyse_video_of([two_faces_frame()] * 4)
    assert metrics.several_faces_share == 1.0
    assert "More than one face was in the picture in 100% of the frames; the largest was measured." in presence_notes(
        metrics, 1
    )


def test_a_face_turned_away_for_a_whole_answer_is_not_measured(tmp_path):
    video = tmp_path / "away.webm"
    write_webm(video, [cameraman()] * (2 * FPS))

    metrics = analyse_video(video, expressions=True)

    assert metrics.face_visible_share == 0.0 and metrics.looking_at_camera_share is None
    assert metrics.longest_look_away_seconds == 2.0 and metrics.dominant_expression is None
    assert presence_notes(metrics, 2, expressions=True)[1].startswith("No face turned towards the camera was found")


def test_a_video_cut_short_is_measured_up_to_the_cut_and_says_so(half_face_video, tmp_path):
    whole = half_face_video.read_bytes()
    cut = tmp_path / "cut.webm"
    cut.write_bytes(whole[: len(whole) * 2 // 3])

    metrics = analyse_video(cut)

    assert 0 < metrics.frames_analysed < 8
    assert metrics.damage.startswith("The video stops at ") and "of its 4.0 s (damaged or cut short)" in metrics.damage
    assert metrics.damage in presence_notes(metrics, 1)


def test_a_video_with_no_readable_frame_is_not_measured_with_its_reason():
    from interviewer.engine.presence import not_measured

    metrics = not_measured("The recording is damaged: no video frame could be decoded.")

    assert presence_notes(metrics, 5) == [
        "Presence wasn't measured for answer 5. The recording is damaged: no video frame could be decoded."
    ]


def test_longest_look_away_is_the_longest_run_without_a_face_looking(tmp_path):
    video = tmp_path / "glances.webm"
    # 1 s looking, 1.5 s with no face, 0.5 s looking, 0.5 s with no face (frames sampled every 0.5 s).
    seconds = [webcam_frame()] * 2 + [cameraman()] * 3 + [webcam_frame()] + [cameraman()]
    write_webm(video, [frame for frame in seconds for _ in range(FPS // 2)])

    metrics = analyse_video(video)

    assert [point["looking"] for point in metrics.timeline] == [True, True, None, None, None, True, None]
    assert metrics.longest_look_away_seconds == 1.5


def analyse_video_of(frames):
    from interviewer.engine.presence import analyse_frames

    return analyse_frames((i / 2, frame) for i, frame in enumerate(frames))


# --- Expression reading off: fer is never loaded -----------------------------------------------


def test_without_expressions_fer_is_never_imported(half_face_video):
    """A fresh interpreter analyses a video of a face with expressions off, as a deployment with
    EXPRESSION_ANALYSIS=off does, and then lists which of the expression model's modules it loaded
    (TensorFlow Lite itself runs the eyes' models)."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from interviewer.engine.presence import analyse_video\n"
        f"metrics = analyse_video({str(half_face_video)!r})\n"
        "print(metrics.face_visible_share, metrics.emotion_distribution, metrics.dominant_expression)\n"
        "print(sorted(name for name in sys.modules if name == 'fer' or name.startswith('fer.')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
    )

    assert result.stdout.splitlines() == ["0.5 {} None", "[]"]


def test_the_live_indicator_names_an_expression_only_when_the_model_is_confident_and_never_fear_or_surprise():
    from interviewer.engine.presence import FrameReading, live_expression

    def still(**emotions):
        return FrameReading(time=0.0, face=True, emotions={name: emotions.get(name, 0.0) for name in EMOTIONS})

    assert live_expression(read_presence(astronaut(), expressions=True)) == "happy"
    assert live_expression(still(happy=0.4, neutral=0.3, sad=0.3)) is None  # no clear reading
    # An open mouth mid-word read as fear: the rest of the reading decides, here neutral.
    assert live_expression(still(fear=0.7, neutral=0.25, happy=0.05)) == "neutral"
    assert live_expression(read_presence(astronaut())) is None  # expressions not read
