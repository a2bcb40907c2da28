"""Text to speech: the bundled Piper voice, the disk cache, and gTTS falling back to Piper
for real on these offline machines."""

import io
import socket
import time
import wave

import pytest

from interviewer.engine import voice
from interviewer.engine.voice import cache_path, speak

QUESTION = "Tell me about a time you resolved a conflict within your team."


@pytest.fixture(autouse=True)
def private_cache_and_fresh_google_check(tmp_path, engine_config):
    engine_config(tts_cache_dir=tmp_path / "tts", tts_engine="piper")
    voice._google_down_until = 0.0  # each test starts without a remembered failure


def piper_cache_file(text):
    return cache_path("piper", voice._piper_voice_name(), text, ".wav")


def test_piper_speaks_a_valid_wav_by_default():
    speech = speak(QUESTION)

    assert (speech.mime, speech.engine_used) == ("audio/wav", "piper")
    with wave.open(io.BytesIO(speech.audio)) as wav:
        assert wav.getnchannels() == 1
        assert wav.getnframes() / wav.getframerate() > 0.5


def test_the_second_time_the_audio_comes_from_the_cache():
    first = speak(QUESTION, "piper")
    cached = piper_cache_file(QUESTION)
    assert cached.read_bytes() == first.audio
    written_at = cached.stat().st_mtime_ns

    second = speak(QUESTION, "piper")

    assert second == first
    assert cached.stat().st_mtime_ns == written_at
    assert list(cached.parent.iterdir()) == [cached]  # no leftover partial files


def test_gtts_falls_back_to_piper_when_google_cannot_be_reached():
    started = time.monotonic()
    speech = speak(QUESTION, "gtts")

    assert (speech.mime, speech.engine_used) == ("audio/wav", "piper")
    assert speech.audio == piper_cache_file(QUESTION).read_bytes()
    assert time.monotonic() - started < voice.GOOGLE_CHECK_TIMEOUT_S + 5

    # The failure is remembered for a minute: the next questions don't wait for a check.
    assert voice._google_down_until > time.monotonic() + voice.GOOGLE_RETRY_AFTER_S - 10
    assert speak("What is your greatest strength?", "gtts").engine_used == "piper"


def test_a_gtts_error_falls_back_to_piper_and_is_remembered(engine_config):
    if voice._can_connect(voice.google_address(), voice.GOOGLE_CHECK_TIMEOUT_S):
        pytest.skip("Google is reachable from here: this tests the offline path")
    # The quick check passes (it reaches a real listening socket here), so the real gTTS call
    # runs, and fails with gTTSError as it does offline.
    listener = socket.create_server(("127.0.0.1", 0))
    engine_config(gtts_check_address=f"127.0.0.1:{listener.getsockname()[1]}")

    with listener:
        speech = speak(QUESTION, "gtts")

    assert speech.engine_used == "piper"
    assert voice._google_down_until > time.monotonic() + voice.GOOGLE_RETRY_AFTER_S - 5
    assert not cache_path("gtts", voice.GTTS_VOICE, QUESTION, ".mp3").exists()


def test_gtts_audio_already_cached_is_used_even_offline():
    mp3 = cache_path("gtts", voice.GTTS_VOICE, QUESTION, ".mp3")
    mp3.parent.mkdir(parents=True)
    mp3.write_bytes(b"ID3 cached mp3")

    speech = speak(QUESTION, "gtts")

    assert speech == voice.Speech(audio=b"ID3 cached mp3", mime="audio/mpeg", engine_used="gtts")


def test_without_an_engine_named_the_configured_one_speaks(engine_config):
    engine_config(tts_engine="none")
    assert speak(QUESTION) is None

    engine_config(tts_engine="Piper")
    assert speak(QUESTION).engine_used == "piper"


def test_none_means_captions_only():
    assert speak(QUESTION, "none") is None


def test_an_unknown_engine_or_empty_text_is_refused():
    with pytest.raises(ValueError, match="Unknown TTS engine"):
        speak(QUESTION, "espeak")
    with pytest.raises(ValueError, match="no text"):
        speak("   ")
