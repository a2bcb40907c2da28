"""Spoken answers through the production setup, timed from the candidate's last word to the
feedback on their screen.

    .venv/bin/python bench/live_interview.py latency       # 15, 60 and 120 s answers, one at a time
    .venv/bin/python bench/live_interview.py concurrent    # 20 interviews answering at once

It starts what the Procfile runs (Daphne and one Celery worker, concurrency 2) on PostgreSQL
(database `bench`, recreated) and Redis (database 14, or BENCH_REDIS_DB; emptied) on this machine, signs in one
candidate per interview, and streams Piper-spoken answers with the camera on (Opus speech and
VP8 video of a face in one WebM, as a browser sends them) in one-second chunks in real time, as a
candidate speaking would; each answer's presence analysis then competes with the others'
transcription and grading for the worker, as in real use. Latency is what the candidate waits
for: from the moment the last chunk and `answer_end` are sent together (the browser sends both
as the candidate stops, right after their last word) to receiving the `graded` message.
"""

from repository import ROOT  # isort: skip  (first of all: bench/repository.py)
import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import websockets

PORT = 8765
DATABASE = "postgres://postgres@127.0.0.1:5432/bench"
REDIS_DB = int(os.environ.get("BENCH_REDIS_DB", "14"))  # emptied
SENTENCES = [
    "In my last internship I worked on the data team of a retail company.",
    "My task was to speed up the weekly sales report, which took a whole day to build.",
    "I profiled the queries and found that most of the time went into joining two very large tables.",
    "I added the right indexes, rewrote the slowest query with a window function and cached the results.",
    "As a result the report now runs in twenty minutes and the analysts use the time for real analysis.",
    "I learned to measure first and to change one thing at a time.",
]


def environment() -> dict:
    return {
        **os.environ,
        "DATABASE_URL": DATABASE,
        "REDIS_URL": f"redis://127.0.0.1:6379/{REDIS_DB}",
        "DATA_DIR": str(Path(tempfile.gettempdir()) / "bench-data"),
        "PYTHONUNBUFFERED": "1",
        "LOG_LEVEL": "WARNING",
    }


def manage(*args):
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment(), check=True, stdout=subprocess.DEVNULL
    )


def prepare(candidates: int) -> list[tuple[str, int]]:
    """A fresh database with the bank and one interview per candidate; returns (session cookie,
    interview id) pairs."""
    subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", "DROP DATABASE IF EXISTS bench"], check=True)
    subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", "CREATE DATABASE bench"], check=True)
    subprocess.run(["redis-cli", "-n", str(REDIS_DB), "flushdb"], check=True, stdout=subprocess.DEVNULL)
    manage("migrate", "--noinput")
    manage("load_question_bank")
    os.environ.update(environment())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from accounts.models import User
    from interviewer.engine.planning import InterviewSetup
    from interviewer.services import start_interview

    pairs = []
    for n in range(candidates):
        user = User.objects.create_user(f"bench{n}@example.edu", "bench passphrase 123")
        setup = InterviewSetup(
            position="Data analyst",
            difficulty="medium",
            duration_minutes=45,
            type="behavioural",
            domain="data-analytics-sql",
        )
        interview = start_interview(candidate=user, candidate_name=f"Bench {n}", setup=setup)
        session = SessionStore()
        session[SESSION_KEY], session[BACKEND_SESSION_KEY] = str(user.pk), settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        pairs.append((session.session_key, interview.pk))
    return pairs


def spoken_answer(seconds: float) -> bytes:
    """Piper speaks sentences until the answer lasts `seconds`; returned as WebM with Opus audio
    and the VP8 video of a face in front of the camera."""
    from interviewer.engine.transcription import SAMPLE_RATE, decode_audio
    from interviewer.engine.voice import speak
    from tests.audio import webm_recording
    from tests.camera import webcam_frame

    pieces, total = [], 0
    while total < seconds * SAMPLE_RATE:
        for sentence in SENTENCES:
            samples = decode_audio(speak(sentence, "piper").audio)
            pieces += [samples, np.zeros(SAMPLE_RATE // 3, dtype=np.float32)]
            total += len(samples) + SAMPLE_RATE // 3
    return webm_recording(np.concatenate(pieces)[: int(seconds * SAMPLE_RATE)], [webcam_frame()])


async def answer_once(session: str, interview_id: int, recording: bytes, seconds: float) -> float:
    """Streams one answer in real time; returns the seconds from the last word to the feedback."""
    headers = {"Cookie": f"sessionid={session}"}
    async with websockets.connect(
        f"ws://127.0.0.1:{PORT}/ws/interview/{interview_id}/",
        additional_headers=headers,
        origin=f"http://127.0.0.1:{PORT}",
        max_size=None,
    ) as socket:
        state = json.loads(await socket.recv())
        about = {"question": state["question"]["id"], "attempt": state["attempt"]}

        async def graded_at() -> float:
            """Reads every message as it comes, as the page does (live transcripts included)."""
            async for raw in socket:
                message = json.loads(raw)
                if message["type"] == "graded":
                    return time.perf_counter()
                if message["type"] in ("error", "empty"):
                    raise RuntimeError(message)
            raise RuntimeError("connection closed before the feedback")

        feedback = asyncio.create_task(graded_at())
        await socket.send(json.dumps({"type": "answer_start", **about, "mime": "video/webm;codecs=vp8,opus"}))
        size = max(1, int(len(recording) / seconds))
        chunks = [recording[start : start + size] for start in range(0, len(recording), size)]
        for chunk in chunks[:-1]:  # MediaRecorder hands over each second once it is recorded
            await asyncio.sleep(1.0)
            await socket.send(chunk)
        await asyncio.sleep(1.0)
        last_word = time.perf_counter()  # the candidate stops: the last chunk and answer_end go at once
        await socket.send(chunks[-1])
        await socket.send(json.dumps({"type": "answer_end", **about}))
        return await asyncio.wait_for(feedback, timeout=300) - last_word


def start_servers() -> list[subprocess.Popen]:
    quiet = dict(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, env=environment())
    web = subprocess.Popen(
        [sys.executable, "-m", "daphne", "--bind", "127.0.0.1", "--port", str(PORT), "config.asgi:application"], **quiet
    )
    log = Path(tempfile.gettempdir()) / "bench-worker.log"
    print(f"worker log (each task's duration): {log}", flush=True)
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "--app", "config", "worker", "--concurrency", "2", "--loglevel", "INFO"],
        **{**quiet, "stderr": log.open("w")},
    )
    time.sleep(12)  # the worker loads Whisper and the embedding model on its first tasks
    return [web, worker]


async def warm_up(pair) -> None:
    """One short answer first, not counted: a worker's first tasks wait for its models."""
    await answer_once(*pair, spoken_answer(5), 5)


def summary(name: str, latencies: list[float]) -> str:
    ordered = sorted(latencies)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return (
        f"{name}_n={len(ordered)} {name}_median_s={statistics.median(ordered):.2f} "
        f"{name}_p95_s={p95:.2f} {name}_max_s={ordered[-1]:.2f}"
    )


async def latency(pairs, runs: int, lengths: list[int]):
    for seconds in lengths:
        recording = spoken_answer(seconds)
        results = []
        for session, interview_id in pairs[: runs if seconds < 120 else max(1, runs // 2)]:
            results.append(await answer_once(session, interview_id, recording, seconds))
        print(summary(f"final_latency_{seconds}s", results), flush=True)


async def concurrent(pairs, seconds: float):
    recording = spoken_answer(seconds)
    started = time.perf_counter()
    results = await asyncio.gather(*(answer_once(s, i, recording, seconds) for s, i in pairs), return_exceptions=True)
    failures = [r for r in results if isinstance(r, BaseException)]
    print(
        f"interviews={len(pairs)} answer_seconds={seconds:.0f} processed={len(results) - len(failures)} "
        f"lost={len(failures)} wall_s={time.perf_counter() - started:.1f}"
    )
    print(summary(f"concurrent_{len(pairs)}_latency", [r for r in results if not isinstance(r, BaseException)]))
    from asgiref.sync import sync_to_async

    from interviewer.models import Answer

    stored = Answer.objects.filter(question__interview_id__in=[interview for _, interview in pairs])
    print(f"answers_stored={await sync_to_async(stored.count)()}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["latency", "concurrent"])
    parser.add_argument("--runs", type=int, default=4, help="answers per length (latency)")
    parser.add_argument("--interviews", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30, help="answer length (concurrent)")
    parser.add_argument("--lengths", type=int, nargs="+", default=[15, 60, 120], help="answer lengths (latency)")
    args = parser.parse_args()
    os.environ["TTS_CACHE_DIR"] = str(Path(tempfile.gettempdir()) / "bench-tts")
    warm_up_pair, *pairs = prepare(1 + (args.runs if args.mode == "latency" else args.interviews))
    servers = start_servers()

    async def run():
        await warm_up(warm_up_pair)
        await (latency(pairs, args.runs, args.lengths) if args.mode == "latency" else concurrent(pairs, args.seconds))

    try:
        asyncio.run(run())
    finally:
        # Every server is stopped, even when one is slow to: a worker left running would take
        # the next run's tasks.
        for server in servers:
            server.terminate()
        for server in servers:
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


if __name__ == "__main__":
    main()
