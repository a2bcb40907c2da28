"""Text from outside (forms, socket messages) made storable: PostgreSQL refuses the NUL
character, and no database, JSON column or Redis message can hold a lone UTF-16 surrogate
(which a JSON "\\ud800" escape produces)."""

import re

_NUL_OR_LONE_SURROGATE = re.compile("[\x00\ud800-\udfff]")


def clean_text(text: str) -> str:
    """NUL characters dropped, lone surrogates shown as the replacement character."""
    return _NUL_OR_LONE_SURROGATE.sub(lambda found: "" if found.group() == "\x00" else "\ufffd", text)


def clean_data(data):
    """clean_text on every string of parsed JSON, keys included."""
    if isinstance(data, str):
        return clean_text(data)
    if isinstance(data, dict):
        return {clean_data(key): clean_data(value) for key, value in data.items()}
    if isinstance(data, list):
        return [clean_data(item) for item in data]
    return data
