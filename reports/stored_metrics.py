"""The one reader of the metrics stored as JSON: a recording's delivery and camera analysis, an
answer's grade and an interview's ScoreSummary.

JSON null means "not measured" and reads as None on SQLite and PostgreSQL alike. Anything that
is not what the code writes (rows from an older version, a string, NaN, a boolean, a missing
key) also reads as not measured, and is logged once per process and value, so an old row can't
break a page nor fill the log.

In queries, `StoredValue` hands a JSON value to Python decoded the same way on both databases
(Django's key transforms give SQLite's JSON null back as the text 'null' when it is read as
text), and `StoredNumber` gives the database a float or NULL to sum and average.
"""

from __future__ import annotations

import dataclasses
import logging
import math

from django.db.models import F, FloatField, Func, IntegerField
from django.db.models.fields.json import KeyTransform, compile_json_path

from reports.scores import Scores, Seen, Spoken

log = logging.getLogger(__name__)
_reported: set[str] = set()


# --- In queries ------------------------------------------------------------------------------


class StoredValue(KeyTransform):
    """The JSON value under a key, decoded in Python the same way on every database: a number,
    a string, a list, a dict, True/False, or None for JSON null and a missing key."""

    def as_sqlite(self, compiler, connection):
        # JSON_EXTRACT hands strings back unquoted and null as SQL NULL; quoting them again gives
        # the JSON text PostgreSQL's `->` gives, which the JSON field decodes.
        lhs, params, keys = self.preprocess_lhs(compiler, connection)
        return f"JSON_QUOTE(JSON_EXTRACT({lhs}, %s))", (*params, compile_json_path(keys))


class _StoredKey(Func):
    """A typed read of the value under a key of a JSON column. A plain expression, not a key
    transform, so that `=`, `IS NULL` and ordering treat it as the number it is."""

    def __init__(self, key: str, column: str):
        super().__init__(F(column))
        self.key = key

    def _column(self, compiler, connection):
        return compiler.compile(self.source_expressions[0])


class StoredNumber(_StoredKey):
    """The JSON number under a key as a float, and NULL for anything else (null, a string, a
    missing key), for the database to average and compare."""

    output_field = FloatField()

    def as_sqlite(self, compiler, connection, **extra):
        column, params = self._column(compiler, connection)
        path = compile_json_path([self.key])
        return (
            f"(CASE WHEN JSON_TYPE({column}, %s) IN ('integer', 'real') THEN JSON_EXTRACT({column}, %s) END)",
            (*params, path, *params, path),
        )

    def as_postgresql(self, compiler, connection, **extra):
        column, params = self._column(compiler, connection)
        return (
            f"(CASE WHEN JSONB_TYPEOF({column} -> %s) = 'number' THEN ({column} -> %s)::double precision END)",
            (*params, self.key, *params, self.key),
        )


class StoredLength(_StoredKey):
    """The length of the JSON array under a key; NULL when it isn't an array."""

    output_field = IntegerField()

    def as_sqlite(self, compiler, connection, **extra):
        column, params = self._column(compiler, connection)
        path = compile_json_path([self.key])
        return (
            f"(CASE WHEN JSON_TYPE({column}, %s) = 'array' THEN JSON_ARRAY_LENGTH({column}, %s) END)",
            (*params, path, *params, path),
        )

    def as_postgresql(self, compiler, connection, **extra):
        column, params = self._column(compiler, connection)
        return (
            f"(CASE WHEN JSONB_TYPEOF({column} -> %s) = 'array' THEN JSONB_ARRAY_LENGTH({column} -> %s) END)",
            (*params, self.key, *params, self.key),
        )


# --- Values --------------------------------------------------------------------------------


def malformed(what: str, value) -> None:
    if what not in _reported:
        _reported.add(what)
        log.warning("Stored metric %s is malformed (%.80r); it is read as not measured.", what, value)


def number(value, what: str) -> float | None:
    """A finite JSON number as a float; None for null and for anything malformed."""
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    malformed(what, value)
    return None


def count(value, what: str) -> int | None:
    """A count stored as a whole number or as the list of what was counted."""
    if isinstance(value, list):
        return len(value)
    found = number(value, what)
    if found is None or found < 0 or found != int(found):
        if found is not None:
            malformed(what, value)
        return None
    return int(found)


def share(value, what: str) -> float | None:
    """A fraction from 0 to 1."""
    found = number(value, what)
    if found is not None and not 0 <= found <= 1:
        malformed(what, value)
        return None
    return found


def mapping(value, what: str) -> dict:
    if value is None or isinstance(value, dict):
        return value or {}
    malformed(what, value)
    return {}


def listing(value, what: str) -> list:
    if value is None or isinstance(value, list):
        return value or []
    malformed(what, value)
    return []


# --- What a recorded attempt measured -------------------------------------------------------


def spoken(delivery, what: str) -> Spoken:
    """The delivery analysis of one recorded attempt (`recordings.finish_spoken_answer`), from
    the whole JSON or from its keys read in a query. No words heard, or nothing readable, is a
    recording in which no speech was measured."""
    delivery = mapping(delivery, what)
    words = count(delivery.get("word_count"), f"{what}.word_count") or 0
    speaking_time = number(delivery.get("speaking_time"), f"{what}.speaking_time") or 0.0
    if not words or speaking_time <= 0:
        return Spoken(word_count=0, speaking_time=0.0, fillers=0, long_pauses=0, tone_stability=None)
    voiced = number(delivery.get("median_pitch_hz"), f"{what}.median_pitch_hz")
    return Spoken(
        word_count=words,
        speaking_time=speaking_time,
        fillers=count(delivery.get("fillers"), f"{what}.fillers") or 0,
        long_pauses=count(delivery.get("long_pauses"), f"{what}.long_pauses") or 0,
        tone_stability=number(delivery.get("tone_stability"), f"{what}.tone_stability") if voiced else None,
    )


def seen(presence, what: str, *, analysed: bool) -> Seen:
    """The camera analysis of one attempt filmed with the camera on (`recordings.analyse_presence`):
    None while it hasn't run (or, with `analysed` False, because the interview's camera isn't
    analysed), no frames and the `damage` when it couldn't read the video."""
    if presence is None:
        return Seen(
            frames=0,
            face_visible_share=None,
            looking_at_camera_share=None,
            outcome=Seen.PENDING if analysed else Seen.NOT_ANALYSED,
        )
    presence = mapping(presence, what)
    frames = count(presence.get("frames_analysed"), f"{what}.frames_analysed")
    if frames is None:
        return Seen(frames=0, face_visible_share=None, looking_at_camera_share=None, outcome=Seen.UNREADABLE)
    if frames == 0 and presence.get("damage"):
        return Seen(frames=0, face_visible_share=None, looking_at_camera_share=None, outcome=Seen.FAILED)
    emotions = mapping(presence.get("emotion_distribution"), f"{what}.emotion_distribution")
    return Seen(
        frames=frames,
        face_visible_share=share(presence.get("face_visible_share"), f"{what}.face_visible_share"),
        looking_at_camera_share=share(presence.get("looking_at_camera_share"), f"{what}.looking_at_camera_share"),
        emotion_distribution={
            name: value
            for name, p in emotions.items()
            if (value := share(p, f"{what}.emotion_distribution")) is not None
        },
    )


def answer_score(grade, what: str) -> float | None:
    return number(mapping(grade, what).get("answer_score"), f"{what}.answer_score")


# --- An interview's stored scores -----------------------------------------------------------

_SCORE_FIELDS = {f.name: f for f in dataclasses.fields(Scores)}
_WHOLE = ("asked", "correct")
_MAPPINGS = ("delivery_parts", "expressions", "reasons")  # name → number; figure → reason


def scores(data, what: str) -> Scores | None:
    """A ScoreSummary's scores, or None when they were stored by an older version (other keys)
    or hold something malformed: the caller then computes them again from the answers."""
    if not isinstance(data, dict) or set(data) != set(_SCORE_FIELDS):
        log.info("Stored scores %s are in an older shape; they are computed again.", what)
        return None
    values = {}
    for name, value in data.items():
        if name in _WHOLE:
            values[name] = count(value, f"{what}.{name}")
        elif name == "reasons":
            values[name] = (
                value if isinstance(value, dict) and all(isinstance(v, str) for v in value.values()) else None
            )
        elif name in _MAPPINGS:
            values[name] = (
                value
                if isinstance(value, dict) and all(number(v, f"{what}.{name}") is not None for v in value.values())
                else None
            )
        else:
            values[name] = number(value, f"{what}.{name}")
            if value is not None and values[name] is None:
                return None
        if values[name] is None and (name in _WHOLE or name in _MAPPINGS):
            malformed(f"{what}.{name}", value)
            return None
    return Scores(**values)
