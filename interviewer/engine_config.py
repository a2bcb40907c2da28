"""The engine's configuration from the Django settings: the engine reads neither settings nor the
environment (interviewer/engine/config.py)."""

from django.conf import settings

from interviewer.engine.config import EngineConfig


def engine_config_from_settings() -> EngineConfig:
    return EngineConfig(
        tts_engine=settings.TTS_ENGINE,
        tts_cache_dir=settings.TTS_CACHE_DIR,
        gtts_check_address=settings.GTTS_CHECK_ADDRESS,
        model_cache_dir=settings.MODEL_CACHE_DIR,
        whisper_model_path=settings.WHISPER_MODEL_PATH,
        whisper_threads=settings.WHISPER_THREADS,
        embedding_model_path=settings.EMBEDDING_MODEL_PATH,
        embedding_threads=settings.EMBEDDING_THREADS,
    )
