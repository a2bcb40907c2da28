"""Delivery metrics: on answers Piper speaks and Whisper transcribes back, on synthetic tones
with a known pitch, and on hand-built transcripts for the filler rules and the notes."""

import numpy as np
import pytest

from interviewer.engine.delivery import (
    DeliveryMetrics,
    Filler,
    Pause,
    VoiceFrames,
    delivery_notes,
    find_fillers,
    measure_delivery,
    tone_stability,
    voiced_frames,
)
from interviewer.engine.transcription import (
    SAMPLE_RATE,
    Transcript,
    Word,
    duration_of,
    transcribe,
)

VERDICTS = ("nervous", "anxious", "confident", "unsure", "shy", "lazy", "bored", "unprepared")


def hand_built(text: str, seconds_per_word: float = 0.4) -> Transcript:
    words = [Word(w, i * seconds_per_word, (i + 1) * seconds_per_word, 0.9) for i, w in enumerate(text.split())]
    return Transcript.from_words(words, duration=len(words) * seconds_per_word)


def fillers_in(text: str) -> list[str]:
    return [filler.text for filler in find_fillers(hand_built(text).words)]


def speech_bounds(samples: np.ndarray) -> tuple[float, float]:
    """When the sound starts and ends (10 ms frames louder than -40 dBFS)."""
    frames = samples[: len(samples) // 160 * 160].reshape(-1, 160)
    loud = np.nonzero(10 * np.log10(np.mean(frames**2, axis=1) + 1e-12) > -40)[0]
    return loud[0] * 0.01, (loud[-1] + 1) * 0.01


def tone(f0: np.ndarray) -> np.ndarray:
    """A voice-like tone (five harmonics) following the pitch contour f0, one value a sample."""
    phase = 2 * np.pi * np.cumsum(f0) / SAMPLE_RATE
    return (0.3 * sum(np.sin(k * phase) / k for k in range(1, 6))).astype(np.float32)


def test_a_long_pause_is_found_where_the_silence_was(say):
    first, second = say("I started by reading the logs."), say("Then I found the slow query.")
    silence = np.zeros(3 * SAMPLE_RATE, dtype=np.float32)
    samples = np.concatenate([first, silence, second])
    _, last_sound = speech_bounds(first)
    first_sound, _ = speech_bounds(second)
    expected_end = duration_of(first) + duration_of(silence) + first_sound

    metrics = measure_delivery(transcribe(samples), VoiceFrames.of(samples))

    assert len(metrics.long_pauses) == 1
    pause = metrics.long_pauses[0]
    # Measured from the audio by the voice-activity model, not from Whisper's word timings.
    assert pause.start == pytest.approx(last_sound, abs=0.2)
    assert pause.end == pytest.approx(expected_end, abs=0.2)
    assert "There was 1 pause longer than 2 seconds (0:0" in " ".join(delivery_notes(metrics))


def test_fillers_that_whisper_writes_down_are_found_with_their_times(say):
    # The disfluent prompt keeps the "um" Piper says, with "you know", "basically" and "I mean".
    samples = say(
        "Um, the main thing, you know, is that I basically led the migration. "
        "I mean, it was hard, but I'd like to say we shipped it on time."
    )
    transcript = transcribe(samples)

    metrics = measure_delivery(transcript, VoiceFrames.of(samples))

    found = [filler.text for filler in metrics.fillers]
    assert {"um", "you know", "basically", "I mean"} <= set(found), transcript.text
    assert "like" not in found
    starts = [filler.start for filler in metrics.fillers]
    assert starts == sorted(starts) and starts[0] >= 0 and starts[-1] < duration_of(samples)
    basically = metrics.fillers[found.index("basically")]
    assert any(w.text.lower() == "basically" and w.start == basically.start for w in transcript.words)


def test_a_spoken_answer_has_a_voice_pitch_and_a_pace(say):
    samples = say("I wrote a migration plan and tested each step on a copy of the data.")

    metrics = measure_delivery(transcribe(samples), VoiceFrames.of(samples))

    assert 75 < metrics.median_pitch_hz < 250  # Piper's "joe" is a male voice
    assert 1 < metrics.pitch_variation_st < 8
    assert 0 < metrics.loudness_variation_db < 15
    assert 0 < metrics.speaking_time <= metrics.duration
    assert 100 < metrics.words_per_minute < 260
    assert 0 <= metrics.tone_stability <= 100
    notes = delivery_notes(metrics)
    assert notes[0].startswith(f"You spoke at {round(metrics.words_per_minute)} words per minute")
    assert not any(verdict in note.lower() for note in notes for verdict in VERDICTS)


def test_silence_gives_zeros_and_says_no_speech_was_heard():
    samples = np.zeros(3 * SAMPLE_RATE, dtype=np.float32)

    metrics = measure_delivery(transcribe(samples), VoiceFrames.of(samples))

    assert metrics.word_count == 0 and metrics.words_per_minute == 0 and metrics.fillers == []
    assert metrics.median_pitch_hz == 0 and metrics.tone_stability == 0
    assert metrics.duration == 3.0
    assert delivery_notes(metrics) == ["We didn't hear any speech."]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("I'd like to talk about the project.", []),
        ("We would like to ship it.", []),
        ("It looks like a failure at first.", []),
        ("A queue is just like a line at a shop.", []),
        ("I really like testing.", []),
        ("It's like a queue.", []),
        ("I know what it's like.", []),
        ("Like, we had no tests at all.", ["like"]),
        ("We had, like, no tests.", ["like"]),
        ("There were like five people on it.", ["like"]),
        ("We tried and like it broke.", ["like"]),
        ("It was hard, you know, because nobody owned it.", ["you know"]),
        ("The main thing you know is the deadline.", ["you know"]),
        ("Do you know how the cache works?", []),
        ("If you know the answer, say so.", []),
        ("I think you know what I mean.", []),
        ("I mean, it was hard.", ["I mean"]),
        ("What I mean is that we waited.", []),
        ("I kind of led the team.", ["kind of"]),
        ("What kind of database did you use?", []),
        ("It was sort of a rewrite.", ["sort of"]),
        ("This sort of problem is common.", []),
        ("So I started with the logs. So far it works.", ["so"]),
        ("I did it so the team could rest.", []),
        ("We basically rewrote it, it actually worked, literally.", ["basically", "literally"]),
        ("Actually, we shipped it on Friday.", ["actually"]),
        ("It was, actually, the easy part.", ["actually"]),
        ("We actually finished early.", []),
        ("The Python version was like twice as fast.", ["like"]),
        ("I was like always behind.", ["like"]),
        ("It's like meditating in the water.", []),
        ("Um, I uh started with the er logs, ah.", ["um", "uh", "er", "ah"]),
        ("Umm, I think so.", ["um"]),
    ],
)
def test_filler_context_rules(text, expected):
    assert fillers_in(text) == expected


def test_fillers_are_counted_and_timed():
    no_audio = np.zeros(0, dtype=np.float32)

    metrics = measure_delivery(hand_built("So um we um shipped it, you know, on time um."), VoiceFrames.of(no_audio))

    assert metrics.filler_counts == {"um": 3, "so": 1, "you know": 1}
    assert [f.start for f in metrics.fillers if f.text == "um"] == pytest.approx([0.4, 1.2, 4.0])
    you_know = next(f for f in metrics.fillers if f.text == "you know")
    assert (you_know.start, you_know.end) == pytest.approx((2.4, 3.2))


def test_the_pitch_of_a_steady_tone_is_found_and_does_not_vary():
    for f0 in (80, 150, 380):
        pitch, loudness = voiced_frames(tone(np.full(SAMPLE_RATE, float(f0))))

        assert len(pitch) == 25  # every 40 ms frame of one second
        assert np.median(pitch) == pytest.approx(f0, rel=0.01)
        assert np.std(12 * np.log2(pitch / f0)) < 0.1
        assert np.std(loudness) < 0.5


def test_a_gliding_pitch_varies_and_noise_has_no_pitch():
    octave_glide = tone(np.geomspace(100, 200, 2 * SAMPLE_RATE))
    pitch, _ = voiced_frames(octave_glide)
    assert pitch.min() == pytest.approx(100, rel=0.05) and pitch.max() == pytest.approx(200, rel=0.05)
    # Semitones spread evenly over one octave: a standard deviation of 12 / √12.
    assert np.std(12 * np.log2(pitch / np.median(pitch))) == pytest.approx(12 / np.sqrt(12), rel=0.1)

    noise = np.random.default_rng(0).normal(0, 0.1, SAMPLE_RATE).astype(np.float32)
    assert len(voiced_frames(noise)[0]) == 0


def test_voice_frames_measured_piece_by_piece_are_those_of_the_whole_recording():
    """As in the interview room: each call gets the recording from some point at or before
    where the last one stopped, and the state goes through JSON in between."""
    glide = tone(np.geomspace(100, 200, 3 * SAMPLE_RATE)) * np.linspace(0.2, 1, 3 * SAMPLE_RATE)
    whole = VoiceFrames.of(glide)

    state = VoiceFrames().to_dict()
    for start, end in ((0.0, 0.7), (0.4, 1.9), (1.88, 2.5), (2.0, 3.0)):
        voice = VoiceFrames.from_dict(state)
        voice.extend(glide[round(start * SAMPLE_RATE) : round(end * SAMPLE_RATE)], start)
        state = voice.to_dict()
    pieced = VoiceFrames.from_dict(state)

    assert pieced.until == whole.until == pytest.approx(3.0)
    assert np.allclose(pieced.pitch, whole.pitch, rtol=2e-3, equal_nan=True)  # stored as float16
    assert np.allclose(pieced.loudness, whole.loudness, atol=0.05)
    with pytest.raises(ValueError):  # a gap would shift every later frame
        pieced.extend(glide[:SAMPLE_RATE], start=3.5)


def test_only_the_frames_between_the_first_and_last_word_count():
    low_then_high = tone(np.concatenate([np.full(SAMPLE_RATE, 100.0), np.full(SAMPLE_RATE, 300.0)]))
    voice = VoiceFrames.of(low_then_high)

    pitch, _ = voice.voiced_between(1.0, 2.0)

    assert len(pitch) == 25 and np.median(pitch) == pytest.approx(300, rel=0.01)


@pytest.mark.parametrize(
    "pitch_st, loudness_db, parts",
    [
        (4.0, 3.0, {"pitch_range": 100, "loudness_steadiness": 100}),
        (0.0, 3.0, {"pitch_range": 0, "loudness_steadiness": 100}),  # a monotone
        (1.0, 3.0, {"pitch_range": 50, "loudness_steadiness": 100}),
        (9.0, 3.0, {"pitch_range": 50, "loudness_steadiness": 100}),
        (4.0, 10.5, {"pitch_range": 100, "loudness_steadiness": 50}),
        (4.0, 18.0, {"pitch_range": 100, "loudness_steadiness": 0}),  # very erratic loudness
    ],
)
def test_tone_stability_parts(pitch_st, loudness_db, parts):
    score, found = tone_stability(pitch_st, loudness_db)

    assert found == parts
    assert score == round(sum(parts.values()) / 2)


def test_notes_state_what_was_measured_with_numbers():
    metrics = DeliveryMetrics(
        duration=80,
        speaking_time=75,
        word_count=228,
        words_per_minute=182.4,
        unclear_word_count=25,
        fillers=[Filler("um", t, t + 0.3) for t in (12, 31, 40, 45, 50, 61)] + [Filler("you know", 20, 20.5)],
        long_pauses=[Pause(14, 16.5), Pause(40, 43.2), Pause(62, 64)],
        median_pitch_hz=120,
        pitch_variation_st=1.1,
        loudness_variation_db=9.0,
        tone_stability=46,
        tone_stability_parts={"pitch_range": 55, "loudness_steadiness": 67},
    )

    notes = delivery_notes(metrics)

    assert notes == [
        "You spoke at 182 words per minute; 130–160 is easy to follow.",
        "You said “um” 6 times (0:12, 0:31, 0:40, 0:45, 0:50, …).",
        "You said “you know” once (0:20).",
        "There were 3 pauses longer than 2 seconds (0:14, 0:40, 1:02); the longest lasted 3.2 seconds.",
        "25 of the 228 words we heard were hard to make out; where the transcript is wrong, the grade may be too.",
        "Your pitch varied by 1.1 semitones; conversational speech varies by 2–6, and less can sound monotone.",
        "Your loudness varied by 9.0 dB; up to 6 dB sounds even.",
        "Tone stability: 46/100 (pitch range 55/100, loudness steadiness 67/100).",
    ]
    assert metrics.to_dict()["long_pauses"][0] == {"start": 14, "end": 16.5, "duration": 2.5}
    assert metrics.to_dict()["filler_counts"] == {"um": 6, "you know": 1}


def test_a_pace_in_the_easy_range_is_said_to_be_so():
    # 14 unclear words of 145 (under a tenth) are not worth a note.
    notes = delivery_notes(
        DeliveryMetrics(duration=60, speaking_time=60, word_count=145, words_per_minute=145, unclear_word_count=14)
    )

    assert notes == ["You spoke at 145 words per minute, within the 130–160 range that is easy to follow."]
