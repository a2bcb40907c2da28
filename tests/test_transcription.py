"""Speech to text on answers that Piper speaks inside the tests and Whisper transcribes back
(the bundled models, nothing downloaded); audio is kept short, the machines have 2 cores."""

import io
import itertools
import json

import av
import numpy as np
import pytest

from interviewer.engine.transcription import (
    MAX_SEGMENT_S,
    SAMPLE_RATE,
    AudioError,
    IncrementalTranscription,
    Transcript,
    Word,
    _clips,
    decode_audio,
    decode_audio_since,
    duration_of,
    segment_end,
    silences_between,
    transcribe,
)
from interviewer.engine.voice import speak
from tests.audio import webm_opus, word_errors, words_of

SHORT_ANSWER = "Tell me about a time you resolved a conflict within your team."
# About 20 seconds when spoken.
LONG_ANSWER = (
    "In my last internship our team had two weeks to move the billing service to a new database. "
    "I wrote a migration plan, split the work into small steps and tested each step on a copy of the data. "
    "When one step failed, we rolled it back within minutes and fixed the script. "
    "In the end we switched over on a Sunday night with no downtime, and support tickets dropped by a third."
)


def assert_well_timed(words: list[Word], duration: float):
    starts = [word.start for word in words]
    assert starts == sorted(starts)
    for word in words:
        assert 0 <= word.start <= word.end <= duration + 0.05
        assert 0 <= word.probability <= 1


def test_a_spoken_answer_comes_back_word_for_word(say):
    samples = say(SHORT_ANSWER)

    transcript = transcribe(samples)

    assert word_errors(SHORT_ANSWER, transcript.text) <= 2, transcript.text
    assert transcript.duration == pytest.approx(duration_of(samples))
    assert transcript.language == "en"
    assert_well_timed(transcript.words, transcript.duration)
    assert transcript.text == " ".join(word.text for word in transcript.words)


def test_a_transcript_survives_json(say):
    transcript = Transcript(
        words=[Word("Hello", 0.1, 0.4, 0.9), Word("there.", 0.4, 0.8, 0.75)], text="Hello there.", duration=1.2
    )

    assert Transcript.from_dict(json.loads(json.dumps(transcript.to_dict()))) == transcript


def test_silence_gives_an_empty_transcript():
    transcript = transcribe(np.zeros(3 * SAMPLE_RATE, dtype=np.float32))

    assert transcript.words == []
    assert transcript.text == ""
    assert transcript.duration == 3.0


def test_a_wav_file_is_read_from_its_path(say, tmp_path):
    samples = say(SHORT_ANSWER)
    path = tmp_path / "answer.wav"
    path.write_bytes(speak(SHORT_ANSWER, "piper").audio)

    decoded = decode_audio(path)

    assert decoded.dtype == np.float32
    assert np.allclose(decoded, samples)


def test_what_is_not_audio_raises_audio_error(tmp_path):
    text_file = tmp_path / "notes.txt"
    text_file.write_text("These are my notes for the interview.\n" * 20)

    # FFmpeg opens a text file as "tty" (ANSI art): a video without sound, not an invalid file.
    for not_audio in (np.random.default_rng(7).bytes(8000), str(text_file), b""):
        with pytest.raises(AudioError):
            decode_audio(not_audio)


def test_a_video_without_sound_raises_audio_error():
    buffer = io.BytesIO()
    with av.open(buffer, "w", format="webm") as container:
        stream = container.add_stream("libvpx", rate=10)
        stream.width, stream.height, stream.pix_fmt = 64, 48, "yuv420p"
        for _ in range(3):
            container.mux(stream.encode(av.VideoFrame.from_ndarray(np.zeros((48, 64, 3), np.uint8), format="rgb24")))
        container.mux(stream.encode(None))

    with pytest.raises(AudioError, match="no audio track"):
        decode_audio(buffer.getvalue())


def test_a_browser_recording_in_webm_opus_is_decoded_and_transcribed(say):
    samples = say(SHORT_ANSWER)
    recording = webm_opus(samples)

    decoded = decode_audio(recording)

    assert decoded.dtype == np.float32
    assert duration_of(decoded) == pytest.approx(duration_of(samples), abs=0.1)
    assert word_errors(SHORT_ANSWER, transcribe(decoded).text) <= 2


def test_the_end_of_a_growing_webm_recording_is_read_without_its_beginning(say, tmp_path):
    path = tmp_path / "answer.webm"
    path.write_bytes(webm_opus(say(LONG_ANSWER)))
    whole = decode_audio(path)

    tail, start = decode_audio_since(path, 12.0)

    assert 5 <= start <= 12  # from the last cluster that begins by then (FFmpeg's are 5 s)
    assert round(start * SAMPLE_RATE) + len(tail) == len(whole)
    offset = round(start * SAMPLE_RATE)
    # The same audio, once the decoder has settled (it starts without the samples before).
    assert np.abs(tail[2000:] - whole[offset + 2000 :]).max() < 0.05
    assert decode_audio_since(path, 1.0)[1] == 0.0  # within the first cluster: read whole


def test_a_recording_in_another_format_is_read_whole(say, tmp_path):
    path = tmp_path / "answer.wav"
    path.write_bytes(speak(SHORT_ANSWER, "piper").audio)

    tail, start = decode_audio_since(path, 2.0)

    assert start == 0.0 and np.allclose(tail, say(SHORT_ANSWER))


def test_a_recording_cut_off_mid_stream_gives_the_audio_before_the_cut(say):
    samples = say(SHORT_ANSWER)
    recording = webm_opus(samples)

    decoded = decode_audio(io.BytesIO(recording[: len(recording) // 2]))

    assert 0.3 < duration_of(decoded) / duration_of(samples) < 0.7


def test_streaming_gives_the_one_shot_text_and_finishing_transcribes_only_the_tail(say):
    samples = say(LONG_ANSWER)
    duration = duration_of(samples)
    assert 17 < duration < 24
    one_shot = transcribe(samples)

    # The caller keeps the state as JSON between chunks, as the websocket consumer does.
    state = IncrementalTranscription().to_dict()
    live_texts, committed_points = [], []
    for quarter in (1, 2, 3):
        stream = IncrementalTranscription.from_dict(json.loads(json.dumps(state)))
        # Only the audio from the committed point on, as the room reads it (decode_audio_since).
        start = stream.committed_until
        live_texts.append(stream.update(samples[round(start * SAMPLE_RATE) : len(samples) * quarter // 4], start))
        committed_points.append(stream.committed_until)
        state = stream.to_dict()
    stream = IncrementalTranscription.from_dict(json.loads(json.dumps(state)))
    committed_words = list(stream.words)
    # Silence the committed audio: if finish() listened to it again, those words would vanish.
    tail_only = samples.copy()
    tail_only[: round(stream.committed_until * SAMPLE_RATE)] = 0
    final = stream.finish(tail_only)

    # Whisper tiny varies by a few words with the context; a sentence lost at a cut is 10 or more.
    assert word_errors(one_shot.text, final.text) <= 5, (one_shot.text, final.text)
    # Against the script, tiny.en itself misses words of Piper's voice ("no downtime" came back
    # as "no downheim"), whole-file or streamed alike; the comparison above is the streaming one.
    assert word_errors(LONG_ANSWER, final.text) <= 10, final.text
    assert_well_timed(final.words, duration)
    assert final.duration == pytest.approx(duration)
    # Committed words are final, and the live text grows with the recording.
    assert final.words[: len(committed_words)] == committed_words
    assert all(len(words_of(a)) < len(words_of(b)) for a, b in itertools.pairwise(live_texts))
    assert committed_points == sorted(committed_points) and committed_points[-1] > duration / 4
    # finish() had at most one open segment to do: MAX_SEGMENT_S, and the 5 s since the last update.
    assert duration - committed_points[-1] <= MAX_SEGMENT_S + 5
    assert stream.committed_until == duration


def test_a_segment_ends_in_the_latest_pause_after_enough_speech():
    speech = [(0.5, 2.0), (2.1, 4.0), (4.6, 6.0)]

    # The pause at 4.0–4.6 s follows 4 s of audio; the silence after 6.0 s is a pause too, and
    # later: cut just after the speech, in case the speaker goes on.
    assert segment_end(speech, committed_until=0.0, audio_end=6.2) == pytest.approx(4.15)
    assert segment_end(speech, committed_until=0.0, audio_end=6.5) == pytest.approx(6.15)


def test_a_segment_stays_open_while_it_is_short_or_unpaused():
    # A pause after only 1 s of audio: too little context for Whisper to cut there.
    assert segment_end([(0.2, 1.0), (1.5, 2.5)], committed_until=0.0, audio_end=2.6) is None
    # Gaps of a tenth of a second are breaths between words, not pauses.
    assert segment_end([(0.0, 4.0), (4.1, 8.0)], committed_until=0.0, audio_end=8.1) is None
    assert segment_end([], committed_until=0.0, audio_end=5.0) is None


def test_speech_without_a_pause_is_cut_in_its_widest_gap_once_the_segment_is_long():
    speech = [(10.0, 14.0), (14.1, 18.0), (18.05, 21.0)]

    assert segment_end(speech, committed_until=10.0, audio_end=21.0) == pytest.approx(14.05)
    # One unbroken stretch: nowhere to cut without cutting a word.
    assert segment_end([(10.0, 21.0)], committed_until=10.0, audio_end=21.0) is None


def test_silences_between_speech_regions():
    assert silences_between([(1.0, 2.0), (3.5, 4.0)], 0.0, 5.0) == [(0.0, 1.0), (2.0, 3.5), (4.0, 5.0)]
    assert silences_between([(0.0, 5.0)], 0.0, 5.0) == []


def test_silence_streams_to_an_empty_transcript():
    stream = IncrementalTranscription()

    assert stream.update(np.zeros(5 * SAMPLE_RATE, dtype=np.float32)) == ""
    assert stream.finish(np.zeros(6 * SAMPLE_RATE, dtype=np.float32)).words == []


def test_speech_is_handed_to_whisper_in_clips_split_at_long_pauses_and_at_most_28_seconds():
    # Pauses under a second stay inside a clip; a minute the VAD took for speech is split,
    # since Whisper hears only the first 30 s of a clip. Each clip keeps up to 0.2 s of the
    # silence around it.
    speech = [(0.5, 2.0), (2.5, 4.0), (6.0, 70.0), (72.0, 73.0)]

    assert _clips(speech, 0.0, 75.0) == [(0.3, 4.2), (5.8, 34.0), (34.0, 62.0), (62.0, 70.2), (71.8, 73.2)]


def test_finishing_after_the_speaker_stopped_reuses_the_last_live_reading(say):
    samples = np.concatenate([say(SHORT_ANSWER), np.zeros(SAMPLE_RATE, np.float32)])  # then a second of silence
    stream = IncrementalTranscription()

    live = stream.update(samples)  # the live update after the last word, while the candidate reaches for "stop"
    # Committed already, or read tentatively: Piper's answer lasts about the 3 s after which a
    # segment closed by a pause is committed, on one side or the other from run to run.
    heard = stream.words + stream.tentative
    final = stream.finish(samples)

    assert heard and final.words == heard and final.text == live
    assert word_errors(SHORT_ANSWER, final.text) <= 2
    assert stream.tentative == [] and stream.committed_until == pytest.approx(duration_of(samples))
