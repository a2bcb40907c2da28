"""Speed of speech to text with the bundled Whisper models, on answers Piper speaks.

    .venv/bin/python bench/transcription_speed.py [--model tiny.en|base] [--pause-before-stop 1.0]
        [--streamed-only] [--threads 2]

Prints, with --threads CPU threads (the engine's default whisper_threads, 2, as in a server) and the
model already loaded:

- rtf_30s, rtf_60s: real-time factor of transcribe() on a whole ~30 s and ~60 s answer
  (seconds of computing per second of audio; the median of RUNS_ONE_SHOT runs);
- final_latency_{15,60,120}s_{median,p95}: an answer streamed as it is spoken, with update()
  called each time another UPDATE_EVERY_S of audio has arrived (as the room's one-second
  chunks do when the worker keeps up), then finish() on the whole recording;
  the time finish() takes is what the candidate waits for after their last word. Target:
  p95 at most 1.5 s for a 60 s answer, and no growth with the answer's length.

Each run speaks the answer's sentences in a different order, so that the tails differ.
Takes about three minutes on 2 cores.
"""

from __future__ import annotations

import repository  # noqa: F401  isort: skip  (first of all: bench/repository.py)
import argparse
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from interviewer.engine.config import configure, current_config
from interviewer.engine.transcription import (
    DEFAULT_MODEL,
    MODELS,
    SAMPLE_RATE,
    IncrementalTranscription,
    decode_audio,
    transcribe,
)
from interviewer.engine.voice import speak

ONE_SHOT_LENGTHS_S = (30, 60)
STREAMED_LENGTHS_S = (15, 60, 120)
RUNS_ONE_SHOT = 3
RUNS_STREAMED = {15: 5, 60: 5, 120: 3}
UPDATE_EVERY_S = 1.0
TARGET_P95_60S = 1.5

SENTENCES = [
    "In my last internship our team had two weeks to move the billing service to a new database.",
    "I wrote a migration plan and split the work into small steps that we could undo.",
    "Each step was tested on a copy of the production data before we ran it for real.",
    "When one step failed on a Tuesday, we rolled it back within minutes and fixed the script.",
    "I kept a shared checklist so that everyone knew which tables had already moved.",
    "The hardest part was agreeing on a time to switch over with the support team.",
    "We chose a Sunday night, when traffic is lowest, and I stayed on call with two colleagues.",
    "The switch took forty minutes and customers saw no downtime at all.",
    "Afterwards, queries were about three times faster and support tickets dropped by a third.",
    "I learned that a plan you can undo is worth more than a plan that looks perfect.",
    "Next time I would involve the support team earlier, because they knew the busy hours best.",
    "That project is why I now write a rollback step before I write any migration.",
]


def spoken_answer(sentences: list[np.ndarray], seconds: float, first: int) -> np.ndarray:
    """Whole sentences, starting with sentence number `first` and cycling, until the answer
    lasts at least `seconds`."""
    parts, length, i = [], 0, first
    while length < seconds * SAMPLE_RATE:
        parts.append(sentences[i % len(sentences)])
        length += len(parts[-1])
        i += 1
    return np.concatenate(parts)


def real_time_factor(samples: np.ndarray, model: str) -> float:
    started = time.perf_counter()
    transcribe(samples, model=model)
    return (time.perf_counter() - started) / (len(samples) / SAMPLE_RATE)


def final_latency(samples: np.ndarray, model: str) -> float:
    """Streams `samples` as if they were being spoken, then times finish()."""
    stream = IncrementalTranscription(model=model)
    step = int(UPDATE_EVERY_S * SAMPLE_RATE)
    for end in range(step, len(samples), step):
        stream.update(samples[:end])
    started = time.perf_counter()
    stream.finish(samples)
    return time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", choices=MODELS, default=DEFAULT_MODEL)
    parser.add_argument(
        "--pause-before-stop",
        type=float,
        default=0.0,
        help="seconds of silence after the last word, before the candidate stops the recording",
    )
    parser.add_argument("--streamed-only", action="store_true")
    parser.add_argument("--threads", type=int, default=current_config().whisper_threads, help="Whisper's CPU threads")
    args = parser.parse_args()
    model, pause = args.model, np.zeros(round(args.pause_before_stop * SAMPLE_RATE), np.float32)
    print(f"model={model} pause_before_stop={args.pause_before_stop} threads={args.threads}", flush=True)
    with tempfile.TemporaryDirectory() as cache:
        configure(replace(current_config(), tts_cache_dir=Path(cache), whisper_threads=args.threads))
        sentences = [decode_audio(speak(sentence, "piper").audio) for sentence in SENTENCES]
    transcribe(sentences[0], model=model)  # loads the model, outside the timings

    for seconds in () if args.streamed_only else ONE_SHOT_LENGTHS_S:
        factors = [real_time_factor(spoken_answer(sentences, seconds, run), model) for run in range(RUNS_ONE_SHOT)]
        print(f"rtf_{seconds}s={np.median(factors):.3f}", flush=True)

    for seconds in STREAMED_LENGTHS_S:
        answers = [
            np.concatenate([spoken_answer(sentences, seconds, run), pause]) for run in range(RUNS_STREAMED[seconds])
        ]
        latencies = [final_latency(answer, model) for answer in answers]
        print(f"final_latency_{seconds}s_median={np.median(latencies):.2f}", flush=True)
        print(f"final_latency_{seconds}s_p95={np.percentile(latencies, 95):.2f}", flush=True)
        if seconds == 60:
            verdict = "met" if np.percentile(latencies, 95) <= TARGET_P95_60S else "NOT met"
            print(f"# target p95 <= {TARGET_P95_60S} s for a 60 s answer: {verdict}", flush=True)


if __name__ == "__main__":
    main()
