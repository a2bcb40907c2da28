"""Answers through faults: the production processes with answers in flight, and one of them
killed with SIGKILL (as the out-of-memory killer or a crash would).

    nice -n 10 .venv/bin/python bench/faults.py --answers 6

It starts a Redis server of its own (a free port, nothing kept on disk), Daphne and a Celery
worker of one process (as tests/processes.py does: the broker's visibility timeout is 10 s) on
PostgreSQL (database `faults`, recreated). Scenarios, one after the other:

- child:  the worker's pool process is killed; Celery starts another one, which loads its models;
- worker: the whole worker is killed and started again; the tasks it had taken come back after
          the visibility timeout;
- redis:  Redis is killed and started again on the same port with nothing in it: the tasks queued
          in it are gone, the sockets wait for it and resume (config/channel_layer.py).

In each, N candidates (one interview each) send one answer at once, spoken by Piper (odd ones) or
typed (even ones); the fault comes once the first feedback has arrived, so the others are being
processed or queued. Each candidate's room does what the page does: it takes the feedback from a
`graded` message or from a `state`'s `last_answer`, reconnects a second after its socket closes,
and answers again when told that the answer was not processed (`not_processed`,
`server_error`). Printed per scenario: answers sent; graded (an Answer row); graded twice (more
than one row for the one answer); lost (no row, or no feedback on the candidate's screen,
LOST_AFTER_S after the fault); time to recover, from the kill to the first feedback after it and
to the last.
"""

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import websockets

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATABASE = "postgres://postgres@127.0.0.1:5432/faults"
LOST_AFTER_S = 300
WORK = Path(tempfile.gettempdir()) / "bench-faults"
SCENARIOS = ("child", "worker", "redis")


def prepare_database() -> None:
    for statement in ("DROP DATABASE IF EXISTS faults", "CREATE DATABASE faults"):
        subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", statement], check=True)
    os.environ.update(DATABASE_URL=DATABASE, DATA_DIR=str(WORK / "data"), DJANGO_SETTINGS_MODULE="tests.settings")
    os.environ.pop("REDIS_URL", None)  # this process only prepares the data and counts the answers
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_question_bank", verbosity=0)


def candidates(scenario: str, count: int) -> list[tuple[str, int]]:
    """(session cookie, interview id) for `count` new candidates, their first question known."""
    from django.test import Client

    from tests.conftest import make_user
    from tests.rooms import new_interview

    pairs = []
    for n in range(count):
        user = make_user(f"{scenario}{n}@example.edu")
        interview = new_interview(user)
        client = Client()
        client.force_login(user)
        pairs.append((f"sessionid={client.cookies['sessionid'].value}", interview.pk))
    return pairs


class Room:
    """One candidate's interview room, as the page behaves."""

    def __init__(self, port: int, cookie: str, interview_id: int, answer: bytes | str):
        self.port, self.cookie, self.interview_id, self.answer = port, cookie, interview_id, answer
        self.about = None  # {"question", "attempt"} of the answer, once sent
        self.feedback_at = None
        self.answered_again = 0

    async def run(self) -> None:
        """Until the feedback is on screen (or the bench stops waiting)."""
        while self.feedback_at is None:
            try:
                async with websockets.connect(
                    f"ws://127.0.0.1:{self.port}/ws/interview/{self.interview_id}/",
                    additional_headers={"Cookie": self.cookie},
                    origin=f"http://127.0.0.1:{self.port}",
                    max_size=None,
                ) as socket:
                    await self._read(socket)
            except (websockets.ConnectionClosed, OSError):
                pass
            if self.feedback_at is None:
                await asyncio.sleep(1)  # the page's first reconnection delay

    async def _read(self, socket) -> None:
        async for raw in socket:
            message = json.loads(raw)
            if message["type"] == "state" and self.about is None:
                self.about = {"question": message["question"]["id"], "attempt": message["attempt"]}
                await self._send_answer(socket)
            elif (message["type"] == "state" and self._is_ours(message["last_answer"])) or (
                message["type"] == "graded" and self._is_ours(message)
            ):
                self.feedback_at = time.monotonic()
                return
            elif message["type"] == "error" and message["code"] in ("not_processed", "server_error"):
                self.answered_again += 1
                await self._send_answer(socket)

    def _is_ours(self, graded: dict | None) -> bool:
        return bool(graded) and self.about == {"question": graded["question"], "attempt": graded["attempt"]}

    async def _send_answer(self, socket) -> None:
        if isinstance(self.answer, str):
            await socket.send(json.dumps({"type": "typed_answer", **self.about, "text": self.answer}))
            return
        await socket.send(json.dumps({"type": "answer_start", **self.about, "mime": "audio/webm;codecs=opus"}))
        size = len(self.answer) // 4 + 1
        for start in range(0, len(self.answer), size):
            await socket.send(self.answer[start : start + size])
        await socket.send(json.dumps({"type": "answer_end", **self.about}))


class Production:
    """Redis, Daphne and one worker, on the bench's database."""

    def __init__(self):
        from tests.processes import Daphne, RedisServer, Worker

        self.worker_class = Worker
        self.media = {"MEDIA_ROOT": str(WORK / "media")}
        self.redis = RedisServer(WORK / "redis.log")
        self.worker = Worker(self.redis.url, WORK / "worker.log", **self.media)
        self.daphne = Daphne(WORK / "daphne.log", REDIS_URL=self.redis.url, **self.media)

    def inject(self, scenario: str) -> None:
        if scenario == "child":
            self.worker.kill_children()
        elif scenario == "worker":
            self.worker.kill_all()
            self.worker.stop()
            self.worker = self.worker_class(self.redis.url, WORK / "worker.log", **self.media)
        else:
            self.redis.kill()
            time.sleep(1)
            self.redis.start()

    def stop(self) -> None:
        self.daphne.stop()
        self.worker.stop()
        self.redis.stop()


async def run_scenario(production: Production, scenario: str, count: int, spoken: bytes, typed: str) -> dict:
    from asgiref.sync import sync_to_async

    from interviewer.models import Answer

    pairs = await sync_to_async(candidates)(scenario, count)
    rooms = [
        Room(production.daphne.port, cookie, interview_id, spoken if n % 2 == 0 else typed)
        for n, (cookie, interview_id) in enumerate(pairs)
    ]
    running = [asyncio.create_task(room.run()) for room in rooms]
    while not any(room.feedback_at for room in rooms):
        await asyncio.sleep(0.05)
    killed_at = time.monotonic()
    await asyncio.to_thread(production.inject, scenario)
    _, still_waiting = await asyncio.wait(running, timeout=LOST_AFTER_S)
    for room in still_waiting:
        room.cancel()

    def rows_per_interview() -> list[int]:
        return [Answer.objects.filter(question__interview_id=interview_id).count() for _, interview_id in pairs]

    rows = await sync_to_async(rows_per_interview)()
    after = sorted(room.feedback_at - killed_at for room in rooms if room.feedback_at and room.feedback_at > killed_at)
    return {
        "scenario": scenario,
        "sent": len(rooms),
        "graded": sum(1 for n in rows if n),
        "graded_twice": sum(1 for n in rows if n > 1),
        "lost": sum(1 for n, room in zip(rows, rooms) if not n or room.feedback_at is None),
        "feedback_after_the_fault": len(after),
        "answered_again": sum(room.answered_again for room in rooms),
        "recover_first_s": round(after[0], 1) if after else None,
        "recover_last_s": round(after[-1], 1) if after else None,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--answers", type=int, default=6, help="answers in flight per scenario")
    parser.add_argument("--scenarios", nargs="+", choices=SCENARIOS, default=list(SCENARIOS))
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    os.environ["TTS_CACHE_DIR"] = str(WORK / "tts")
    prepare_database()
    from interviewer.engine.transcription import decode_audio
    from interviewer.engine.voice import speak
    from tests.audio import webm_opus
    from tests.rooms import TYPED

    spoken = webm_opus(decode_audio(speak(TYPED, "piper").audio))
    production = Production()
    print(f"logs: {WORK}", flush=True)
    try:
        for scenario in args.scenarios:
            print(json.dumps(asyncio.run(run_scenario(production, scenario, args.answers, spoken, TYPED))), flush=True)
    finally:
        production.stop()


if __name__ == "__main__":
    main()
