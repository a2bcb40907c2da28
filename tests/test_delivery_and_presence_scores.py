"""The delivery and presence scores of an interview, worked out by hand from what was measured in
its answers: pace scores 100 inside 130–160 words a minute and falls to 0 at 70 and 220; filler
words and long pauses fall from 100 at none to 0 at 5 and 4 a minute; presence is the mean of the
face-visible and facing-the-camera shares, weighted by the frames showing a face."""

import pytest

from reports.scores import Seen, Spoken, interview_scores


def spoken_only(*spoken: Spoken):
    return interview_scores(
        asked=1, correct=1, answers=len(spoken), final_answer_scores=[70.0], spoken=list(spoken), seen=[]
    )


def filmed(*seen: Seen):
    steady = Spoken(word_count=145, speaking_time=60.0, fillers=0, long_pauses=0, tone_stability=None)
    return interview_scores(asked=1, correct=1, answers=1, final_answer_scores=[70.0], spoken=[steady], seen=list(seen))


PACE = {
    # words in 60 s: (pace score, why)
    130: (100.0, "the band's lower edge"),
    160: (100.0, "the band's upper edge"),
    100: (50.0, "30 below the band: 100 × (1 − 30/60)"),
    190: (50.0, "30 above the band: 100 × (1 − 30/60)"),
    175: (75.0, "15 above: 100 × (1 − 15/60)"),
    70: (0.0, "60 below: the floor"),
    40: (0.0, "below the floor stays 0"),
    250: (0.0, "90 above: 0"),
}


@pytest.mark.parametrize("words", PACE)
def test_pace_scores(words):
    expected, _why = PACE[words]
    scores = spoken_only(Spoken(word_count=words, speaking_time=60.0, fillers=0, long_pauses=0, tone_stability=None))

    assert scores.pace_wpm == float(words)
    assert scores.delivery_parts["pace"] == expected


FILLERS_AND_PAUSES = [
    # (fillers, long pauses, seconds of speaking) → fillers a minute, its score, pauses a minute, its score
    ((0, 0, 60.0), (0.0, 100.0, 0.0, 100.0)),
    ((1, 1, 60.0), (1.0, 80.0, 1.0, 75.0)),  # 100 × (1 − 1/5), 100 × (1 − 1/4)
    ((5, 4, 60.0), (5.0, 0.0, 4.0, 0.0)),  # each at its zero point
    ((9, 7, 60.0), (9.0, 0.0, 7.0, 0.0)),  # past it: still 0, never negative
    ((3, 1, 120.0), (1.5, 70.0, 0.5, 87.5)),  # two minutes: 3/2 = 1.5 → 100 × (1 − 1.5/5); 1/2 → 100 × (1 − 0.5/4)
    ((1, 0, 40.0), (1.5, 70.0, 0.0, 100.0)),  # 40 s is 2/3 of a minute: 1 / (2/3) = 1.5 a minute
]


@pytest.mark.parametrize(("measured", "expected"), FILLERS_AND_PAUSES)
def test_filler_and_pause_scores(measured, expected):
    fillers, pauses, seconds = measured
    scores = spoken_only(
        Spoken(
            word_count=int(seconds * 2.4),
            speaking_time=seconds,
            fillers=fillers,
            long_pauses=pauses,
            tone_stability=None,
        )
    )

    assert (
        scores.fillers_per_minute,
        scores.delivery_parts["fillers"],
        scores.pauses_per_minute,
        scores.delivery_parts["pauses"],
    ) == expected


def test_answers_are_pooled_by_speaking_time_not_averaged():
    # 200 words in 60 s and 60 words in 60 s: 260 words in 2 minutes = 130 a minute (pace 100),
    # not the mean of the two paces' scores ((33.3 + 0) / 2).
    fast = Spoken(word_count=200, speaking_time=60.0, fillers=2, long_pauses=0, tone_stability=90)
    slow = Spoken(word_count=60, speaking_time=60.0, fillers=0, long_pauses=2, tone_stability=70)

    scores = spoken_only(fast, slow)

    assert scores.pace_wpm == 130.0
    # fillers 2 in 2 min = 1 a minute → 80; pauses 2 in 2 min = 1 → 75; tone (90 + 70) / 2 = 80
    assert scores.delivery_parts == {"pace": 100.0, "fillers": 80.0, "pauses": 75.0, "tone_stability": 80.0}
    assert scores.delivery == 83.8  # (100 + 80 + 75 + 80) / 4 = 83.75 → 83.8


def test_tone_stability_counts_only_the_answers_with_a_voice():
    voiced = Spoken(word_count=150, speaking_time=60.0, fillers=0, long_pauses=0, tone_stability=60)
    whispered = Spoken(word_count=150, speaking_time=60.0, fillers=0, long_pauses=0, tone_stability=None)

    scores = spoken_only(voiced, whispered)

    assert scores.tone_stability == 60.0  # not (60 + 0) / 2
    assert scores.delivery == 90.0  # (100 + 100 + 100 + 60) / 4


PRESENCE = {
    # name: (what the camera saw in each filmed answer, face visible, facing the camera, presence)
    "face always in view, always facing": (
        [Seen(frames=20, face_visible_share=1.0, looking_at_camera_share=1.0)],
        1.0,
        1.0,
        100.0,
    ),
    # 10 frames of 20 with a face; of those, 4 facing the camera: (50 + 40) / 2
    "face half the time": ([Seen(frames=20, face_visible_share=0.5, looking_at_camera_share=0.4)], 0.5, 0.4, 45.0),
    # 30 frames: 10 + 0 with a face = 1/3 visible; facing only counts frames with a face: 0.6
    # presence (33.3 + 60) / 2 = 46.65 → 46.7
    "one answer without a face": (
        [
            Seen(frames=10, face_visible_share=1.0, looking_at_camera_share=0.6),
            Seen(frames=20, face_visible_share=0.0, looking_at_camera_share=None),
        ],
        0.333,
        0.6,
        46.7,
    ),
    # 10 faces facing 0.9 and 30 faces facing 0.1, weighted by faces: (9 + 3) / 40 = 0.3; all frames
    # show a face: (100 + 30) / 2
    "facing weighted by frames with a face": (
        [
            Seen(frames=10, face_visible_share=1.0, looking_at_camera_share=0.9),
            Seen(frames=30, face_visible_share=1.0, looking_at_camera_share=0.1),
        ],
        1.0,
        0.3,
        65.0,
    ),
    # A failed and a pending analysis add no frames: only the analysed answer counts.
    "failed and pending answers left out": (
        [
            Seen(frames=10, face_visible_share=0.8, looking_at_camera_share=0.5),
            Seen(frames=0, face_visible_share=None, looking_at_camera_share=None, outcome=Seen.FAILED),
            Seen(frames=0, face_visible_share=None, looking_at_camera_share=None, outcome=Seen.PENDING),
        ],
        0.8,
        0.5,
        65.0,
    ),
}


@pytest.mark.parametrize("name", PRESENCE)
def test_presence_scores(name):
    seen, face_visible, facing, presence = PRESENCE[name]

    scores = filmed(*seen)

    assert (scores.face_visible_share, scores.looking_at_camera_share, scores.presence) == (
        face_visible,
        facing,
        presence,
    )


def test_expressions_are_averaged_over_frames_with_a_face_and_never_scored():
    # 10 faces reading happy 0.8 and 30 reading happy 0.4: (8 + 12) / 40 = 0.5; neutral 0.2 in
    # the first only: 2 / 40 = 0.05 (frames where the model gave no reading count as 0).
    happy = Seen(
        frames=10,
        face_visible_share=1.0,
        looking_at_camera_share=1.0,
        emotion_distribution={"happy": 0.8, "neutral": 0.2},
    )
    calm = Seen(frames=30, face_visible_share=1.0, looking_at_camera_share=1.0, emotion_distribution={"happy": 0.4})

    scores = filmed(happy, calm)

    assert scores.expressions == {"happy": 0.5, "neutral": 0.05}
    assert scores.presence == 100.0  # the same with any expressions
