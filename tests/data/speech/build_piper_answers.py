"""Builds the Piper-spoken answers of the speech set: interview answers with filler words and
long pauses at known times, encoded as the browser sends them (Opus in WebM).

    .venv/bin/python tests/data/speech/build_piper_answers.py

Each answer is a script of pieces: ordinary speech, a filler ("[um]", "[like]": spoken as a
piece of its own, so its time is known) and a pause ("(2.5)": that many seconds of silence).
Every spoken piece is trimmed of Piper's own leading and trailing silence and the pieces are
joined with silences of known length, so the truth (words, fillers with times, pauses) is
written down here, not measured by the code under test. Writes `piper/<id>.webm` and
`piper/answers.json`. Piper's voice adds a little random variation each time it speaks, so
a rebuild gives the same scripts and timings but not byte-identical audio; the files are
committed.
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from interviewer.engine.config import configure, current_config
from interviewer.engine.transcription import SAMPLE_RATE, decode_audio
from interviewer.engine.voice import speak
from tests.audio import webm_opus

HERE = Path(__file__).resolve().parent / "piper"
# Silence between two spoken pieces of one sentence (a filler and the words around it), and
# between sentences: short enough to be no pause anyone would notice.
BETWEEN_PIECES_S = 0.2
BETWEEN_SENTENCES_S = 0.45
LEAD_S = 0.5  # silence before the first word and after the last, as a recording has
TRIM_BELOW_DB = 45.0  # a piece starts and ends where it is this far below its loudest 10 ms

# The answers. A filler is written in brackets; "like" in brackets is the filler, "like"
# without brackets is the verb or the comparison, which must not be counted.
ANSWERS = {
    "conflict": [
        "Sure, I can talk about a conflict on my team.",
        "[um]",
        "In my second year I worked on a data pipeline with three other students.",
        "Two of us wanted to rewrite it in Python, and the others wanted to keep the SQL scripts.",
        "(2.5)",
        "[uh]",
        "I suggested that we measure both on a real week of data before deciding.",
        "It looks like a small thing, but it turned the argument into an experiment.",
        "[you know]",
        "The Python version was", "[like]", "twice as fast, so we kept it.",
    ],
    "deadline": [
        "I'd like to talk about a deadline we nearly missed.",
        "[so]",
        "Our client wanted the HubSpot integration one week early.",
        "(3.0)",
        "[um]",
        "I split the work into daily goals and I kept a shared checklist.",
        "We actually finished the integration on the Friday before the deadline.",
        "[uh]",
        "What I learned is that a plan you can undo is worth more than a perfect plan.",
    ],
    "kubernetes": [
        "[um]",
        "At my internship I moved our services to Kubernetes.",
        "Each service got its own deployment, and I wrote the health checks.",
        "(2.5)",
        "[like]", "the hardest part was the database migrations.",
        "Do you know how long a migration can lock a table? I did not, at first.",
        "[uh]",
        "So we ran them at night, and I added alerts for slow queries.",
    ],
    "mistake": [
        "The biggest mistake I made was deleting a production table.",
        "[uh]",
        "I restored it from the backup within twenty minutes.",
        "(3.0)",
        "[you know]",
        "Afterwards I wrote a checklist for every change to the database.",
        "Nobody on the team would like to repeat that morning.",
        "[um]",
        "I think it made me a more careful engineer.",
    ],
    "leadership": [
        "I led a team of four students in a hackathon.",
        "[um]",
        "We built an app that helps people find a free study room.",
        "(2.5)",
        "It was", "[like]", "thirty hours without much sleep.",
        "I gave each person one part of the app, and we met every three hours.",
        "[uh]",
        "We won second place, and the university now uses a version of it.",
    ],
    "feedback": [
        "[so]",
        "My manager told me that my pull requests were too large.",
        "[um]",
        "At first I felt it was unfair, because the features were large.",
        "(3.0)",
        "Then I looked at the numbers, and the reviews really did take days.",
        "[uh]",
        "Now I split every feature into small pull requests that look like steps of a plan.",
        "[you know]",
        "Reviews take hours now instead of days.",
    ],
    "why_us": [
        "[um]",
        "I want to work here because you build tools for teachers.",
        "My mother is a teacher, and I saw how much time she spent on grading.",
        "(2.5)",
        "[uh]",
        "I have built a small grading tool with Django and React.",
        "I would like to build the real thing with a team that knows schools.",
    ],
    "weakness": [
        "[uh]",
        "My weakness is that I say yes to too many things.",
        "Last term I joined three projects and a club, and I was", "[like]", "always behind.",
        "(3.0)",
        "[um]",
        "Now I keep a list of my commitments and I check it before I agree to anything new.",
        "It feels like a small habit, but it works.",
    ],
}
# Scored only at the end, apart from the others (see tests/data/speech/README.md).
HELD_OUT = ("why_us", "weakness")

_PAUSE = re.compile(r"^\((\d+(?:\.\d+)?)\)$")
_FILLER = re.compile(r"^\[(.+)\]$")


def trimmed(samples: np.ndarray) -> np.ndarray:
    """`samples` without the silence Piper puts before and after the words."""
    frame = SAMPLE_RATE // 100
    frames = samples[: len(samples) // frame * frame].reshape(-1, frame)
    level = 10 * np.log10(np.mean(frames.astype(np.float64) ** 2, axis=1) + 1e-12)
    loud = np.nonzero(level >= level.max() - TRIM_BELOW_DB)[0]
    return samples[loud[0] * frame : (loud[-1] + 1) * frame]


def build(script: list[str]) -> tuple[np.ndarray, dict]:
    pieces, words, fillers, pauses = [np.zeros(int(LEAD_S * SAMPLE_RATE), np.float32)], [], [], []
    clock = LEAD_S
    for i, piece in enumerate(script):
        if pause := _PAUSE.match(piece):
            seconds = float(pause.group(1))
            pauses.append({"start": round(clock, 3), "end": round(clock + seconds, 3)})
            pieces.append(np.zeros(round(seconds * SAMPLE_RATE), np.float32))
            clock += seconds
            continue
        filler = _FILLER.match(piece)
        text = filler.group(1) if filler else piece
        audio = trimmed(decode_audio(speak(text + ("," if filler else ""), "piper").audio))
        start, clock = clock, clock + len(audio) / SAMPLE_RATE
        pieces.append(audio)
        words.append(text)
        if filler:
            fillers.append({"text": text, "start": round(start, 3), "end": round(clock, 3)})
        following = script[i + 1] if i + 1 < len(script) else ""
        if following and not _PAUSE.match(following):
            gap = BETWEEN_PIECES_S if filler or _FILLER.match(following) or not piece.endswith((".", "?", "!")) else BETWEEN_SENTENCES_S
            pieces.append(np.zeros(round(gap * SAMPLE_RATE), np.float32))
            clock += gap
    pieces.append(np.zeros(int(LEAD_S * SAMPLE_RATE), np.float32))
    samples = np.concatenate(pieces)
    truth = {
        "text": " ".join(words),
        "fillers": fillers,
        "pauses": pauses,
        "duration": round(len(samples) / SAMPLE_RATE, 3),
    }
    return samples, truth


def main():
    HERE.mkdir(exist_ok=True)
    answers = {}
    with tempfile.TemporaryDirectory() as cache:
        configure(replace(current_config(), tts_cache_dir=Path(cache)))
        for name, script in ANSWERS.items():
            samples, truth = build(script)
            (HERE / f"{name}.webm").write_bytes(webm_opus(samples))
            answers[name] = {**truth, "held_out": name in HELD_OUT}
            print(f"{name}: {truth['duration']:.1f} s, {len(truth['fillers'])} fillers, {len(truth['pauses'])} pauses")
    (HERE / "answers.json").write_text(json.dumps(answers, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
