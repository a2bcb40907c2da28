"""Loading the models that ship inside PyPI packages: once per process, whichever thread asks
first, because each takes seconds to load."""

import functools
import importlib
import os
import threading


def load_once(load):
    """Makes `load()` run once per process; every caller gets what that one call returned."""
    lock = threading.Lock()
    loaded = []

    @functools.wraps(load)
    def get():
        if not loaded:
            with lock:
                if not loaded:
                    loaded.append(load())
        return loaded[0]

    return get


def bundled_model_dir(package: str, configured: str | os.PathLike = "") -> str:
    """The model folder inside `package`, unless `configured` names another local folder
    (nothing is ever downloaded)."""
    if configured:
        return str(configured)
    return os.path.join(os.path.dirname(importlib.import_module(package).__file__), "model")
