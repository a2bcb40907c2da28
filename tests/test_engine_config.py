"""A Django process hands the engine its configuration from the settings, which read the same
environment variables the engine once read itself."""

import json
import subprocess
import sys

from tests.conftest import ROOT

PRINT_ENGINE_CONFIG = (
    "import dataclasses, json; from interviewer.engine.config import current_config; "
    "print(json.dumps(dataclasses.asdict(current_config()), default=str))"
)


def engine_config_of_a_process(**env) -> dict:
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", PRINT_ENGINE_CONFIG],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_with_nothing_set_the_caches_live_in_the_data_folder(tmp_path):
    assert engine_config_of_a_process(DATA_DIR=str(tmp_path)) == {
        "tts_engine": "piper",
        "tts_cache_dir": f"{tmp_path}/tts-cache",
        "gtts_check_address": "translate.google.com:443",
        "model_cache_dir": f"{tmp_path}/models",
        "whisper_model_path": "",
        "whisper_threads": 2,
        "embedding_model_path": "",
        "embedding_threads": 1,
    }


def test_each_variable_reaches_the_engine(tmp_path):
    config = engine_config_of_a_process(
        DATA_DIR=str(tmp_path),
        TTS_ENGINE="gtts",
        TTS_CACHE_DIR="/srv/interview/tts",
        GTTS_CHECK_ADDRESS="proxy.example.edu:3128",
        MODEL_CACHE_DIR="/srv/interview/models",
        WHISPER_MODEL_PATH="/srv/models/whisper-small",
        WHISPER_THREADS="4",
        EMBEDDING_MODEL_PATH="/srv/models/minilm",
        EMBEDDING_THREADS="3",
    )

    assert config == {
        "tts_engine": "gtts",
        "tts_cache_dir": "/srv/interview/tts",
        "gtts_check_address": "proxy.example.edu:3128",
        "model_cache_dir": "/srv/interview/models",
        "whisper_model_path": "/srv/models/whisper-small",
        "whisper_threads": 4,
        "embedding_model_path": "/srv/models/minilm",
        "embedding_threads": 3,
    }
