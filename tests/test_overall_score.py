"""The overall score over the parts that were measured, with figures worked out by hand: a part
that wasn't measured (typed answers, camera off, no face in view, no speech, an analysis that
failed or hasn't finished) is left out, never counted as 0, and says why."""

import pytest

from reports.scores import Scores, Seen, Spoken, interview_scores

# 150 words in a minute (inside the 130–160 band: pace 100), no fillers or long pauses (100 and
# 100), tone stability 80: delivery = (100 + 100 + 100 + 80) / 4 = 95.
STEADY = Spoken(word_count=150, speaking_time=60.0, fillers=0, long_pauses=0, tone_stability=80)
# 100 words a minute (30 below the band: pace 100 × (1 − 30/60) = 50), 2 fillers a minute
# (100 × (1 − 2/5) = 60), 1 long pause a minute (100 × (1 − 1/4) = 75), no voiced sound:
# delivery = (50 + 60 + 75) / 3 = 61.7.
HALTING = Spoken(word_count=100, speaking_time=60.0, fillers=2, long_pauses=1, tone_stability=None)
SILENT = Spoken(word_count=0, speaking_time=0.0, fillers=0, long_pauses=0, tone_stability=None)
# Face in 8 of 10 frames, facing the camera in half of those: presence = (80 + 50) / 2 = 65.
FACING = Seen(frames=10, face_visible_share=0.8, looking_at_camera_share=0.5, emotion_distribution={"happy": 0.5})
NO_FACE = Seen(frames=6, face_visible_share=0.0, looking_at_camera_share=None)
FAILED = Seen(frames=0, face_visible_share=None, looking_at_camera_share=None, outcome=Seen.FAILED)
PENDING = Seen(frames=0, face_visible_share=None, looking_at_camera_share=None, outcome=Seen.PENDING)

# Content in every row: answer scores 80 and 50, mean 65.
CASES = {
    # name: (spoken, seen, overall, delivery, presence, what the delivery and presence say when not measured)
    "typed answers": (
        [],
        [],
        65.0,
        None,
        None,
        "not measured: the answers were typed",
        "not measured: the answers were typed",
    ),
    # (0.6 × 65 + 0.25 × 95) / 0.85 = 62.75 / 0.85 = 73.8
    "spoken, camera off": ([STEADY], [], 73.8, 95.0, None, None, "not measured: the camera was off"),
    "spoken, no face in view": ([STEADY], [NO_FACE], 73.8, 95.0, None, None, "not measured: no face was in view"),
    "spoken, camera analysis failed": (
        [STEADY],
        [FAILED],
        73.8,
        95.0,
        None,
        None,
        "failed: the camera analysis couldn't read the video",
    ),
    "spoken, camera analysis running": (
        [STEADY],
        [PENDING],
        73.8,
        95.0,
        None,
        None,
        "not measured: the camera analysis hasn't finished yet",
    ),
    # 0.6 × 65 + 0.25 × 95 + 0.15 × 65 = 39 + 23.75 + 9.75 = 72.5
    "spoken, face in view": ([STEADY], [FACING], 72.5, 95.0, 65.0, None, None),
    # One attempt with no face and one facing: 16 frames, 8 with a face (0.5); looking 0.5 of
    # those: presence (50 + 50) / 2 = 50; 0.6 × 65 + 0.25 × 95 + 0.15 × 50 = 39 + 23.75 + 7.5 = 70.25,
    # which Python's round() takes to the even 70.2
    "spoken, face in one answer of two": ([STEADY, STEADY], [NO_FACE, FACING], 70.2, 95.0, 50.0, None, None),
    # (0.6 × 65 + 0.25 × 61.7) / 0.85 = (39 + 15.425) / 0.85 = 64.0
    "halting speech, camera off": ([HALTING], [], 64.0, 61.7, None, None, "not measured: the camera was off"),
    "a recording with no speech": (
        [SILENT],
        [],
        65.0,
        None,
        None,
        "not measured: no speech was heard",
        "not measured: the camera was off",
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_the_overall_score_counts_only_what_was_measured(name):
    spoken, seen, overall, delivery, presence, delivery_says, presence_says = CASES[name]

    scores = interview_scores(asked=2, correct=1, answers=2, final_answer_scores=[80.0, 50.0], spoken=spoken, seen=seen)

    assert scores.content == 65.0
    assert scores.overall == overall
    assert scores.delivery == delivery
    assert scores.presence == presence
    if delivery_says:
        assert scores.unmeasured("delivery") == delivery_says
    if presence_says:
        assert scores.unmeasured("presence") == presence_says
        assert scores.unmeasured("looking_at_camera_share") == presence_says


def test_no_face_is_a_measured_zero_share_of_faces_but_not_a_presence_score():
    scores = interview_scores(
        asked=1, correct=0, answers=1, final_answer_scores=[40.0], spoken=[STEADY], seen=[NO_FACE]
    )

    assert scores.face_visible_share == 0.0
    assert scores.looking_at_camera_share is None and scores.presence is None
    assert scores.expressions == {}
    assert scores.reasons["expressions"] == "no_face"


def test_unvoiced_speech_leaves_tone_stability_out_of_delivery():
    scores = interview_scores(asked=1, correct=0, answers=1, final_answer_scores=[40.0], spoken=[HALTING], seen=[])

    assert scores.delivery_parts == {"pace": 50.0, "fillers": 60.0, "pauses": 75.0}
    assert scores.tone_stability is None
    assert scores.unmeasured("tone_stability") == "not measured: no voiced sound was heard"


def test_nothing_answered_measures_nothing():
    scores = interview_scores(asked=1, correct=0, answers=0, final_answer_scores=[], spoken=[], seen=[])

    assert (scores.overall, scores.content, scores.delivery, scores.presence) == (None, None, None, None)
    assert scores.accuracy == 0.0
    assert {scores.unmeasured(key) for key in ("overall", "content", "delivery", "presence")} == {
        "not measured: no question was answered"
    }


def test_stored_scores_round_trip_with_their_reasons():
    from reports.stored_metrics import scores as read_scores

    scores = interview_scores(
        asked=2, correct=1, answers=2, final_answer_scores=[80.0, 50.0], spoken=[STEADY], seen=[NO_FACE]
    )

    assert read_scores(scores.to_dict(), "test") == scores
    assert isinstance(scores, Scores)
