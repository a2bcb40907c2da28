"""The engine's configuration: where it keeps its caches, which model folders it loads and how
many threads they use.

The engine reads neither Django settings nor the environment. A Django process builds this
from its settings when the `interviewer` app is ready (interviewer/engine_config.py) and hands
it to `configure`; a bench script or a test that runs without Django gets the defaults below,
or calls `configure` itself. The models are loaded once per process, with the configuration
current when each is first needed.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class EngineConfig:
    # The voice used when `voice.speak` is not told one: "piper", "gtts" or "none".
    tts_engine: str = "piper"
    tts_cache_dir: Path = field(default_factory=lambda: Path(tempfile.gettempdir()) / "tts-cache")
    # host:port that must answer before gTTS is asked (Google's TTS host, or a proxy's).
    gtts_check_address: str = "translate.google.com:443"
    # Models made on first use: Whisper base joined from its halves, the 8-bit embedding model.
    model_cache_dir: Path = field(default_factory=lambda: Path(tempfile.gettempdir()) / "interviewer-models")
    # Another local folder instead of the bundled model; empty for the bundled one.
    whisper_model_path: str = ""
    whisper_threads: int = 2
    embedding_model_path: str = ""
    embedding_threads: int = 1


_current = EngineConfig()


def configure(config: EngineConfig) -> None:
    """Makes `config` the configuration of the engine in this process."""
    global _current
    _current = config


def current_config() -> EngineConfig:
    return _current
