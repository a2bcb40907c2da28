"""Redis restarts in the middle of an interview. Production's processes for real: a Redis server
this test starts on a port of its own, Daphne and a Celery worker on it, PostgreSQL. A typed
answer is taken by the worker, another one waits in Redis's queue behind it; Redis is killed
(SIGKILL) before the worker can tell the first room the result, and started again with nothing
in it (the queued task is gone). The rooms' sockets stay open; once Redis is back the first room
shows the feedback it missed and carries on, the second one's answer is queued again and graded;
each answer is graded once; logging in works while Redis is down."""

import asyncio
import json
import re
import secrets
import threading
from contextlib import contextmanager

import pytest
import redis as redis_client
import requests
import websockets
from django.db import connection, connections, transaction

from interviewer.engine.bank import read_bank
from interviewer.models import Answer, Interview
from interviewer.services import load_question_bank
from tests.conftest import make_user
from tests.processes import Daphne, RedisServer, Worker, session_cookie, sync, wait_for
from tests.rooms import TYPED, new_interview

pytestmark = pytest.mark.django_db(transaction=True)
# A bound for a hung process, not a speed requirement: the machine running the suite may be busy.
PATIENCE_S = 600
PASSWORD = "correct horse battery"


@pytest.fixture
def production(postgresql, settings, tmp_path):
    """Redis, Daphne and one Celery worker; yields (redis, daphne)."""
    settings.SECRET_KEY = secrets.token_urlsafe(50)  # sessions made here must be valid there
    redis = RedisServer(tmp_path / "redis.log")
    env = {"SECRET_KEY": settings.SECRET_KEY, "MEDIA_ROOT": str(settings.MEDIA_ROOT), "LOG_LEVEL": "INFO"}
    worker = Worker(redis.url, tmp_path / "worker.log", **env)
    daphne = Daphne(tmp_path / "daphne.log", REDIS_URL=redis.url, **env)
    try:
        yield redis, daphne
    finally:
        daphne.stop()
        worker.stop()
        redis.stop()
        for name in ("daphne", "worker", "redis"):
            print(f"--- {name}:", (tmp_path / f"{name}.log").read_text(errors="replace")[-4000:])


async def open_socket(port: int, cookie: str, path: str):
    return await websockets.connect(
        f"ws://127.0.0.1:{port}{path}", additional_headers={"Cookie": cookie}, origin=f"http://127.0.0.1:{port}"
    )


class Room:
    """The interview room's socket, read as the page reads it."""

    def __init__(self, socket):
        self.socket = socket

    @classmethod
    async def open(cls, port: int, cookie: str, interview_id: int):
        return cls(await open_socket(port, cookie, f"/ws/interview/{interview_id}/"))

    async def next_of(self, kind: str) -> dict:
        while True:
            message = json.loads(await asyncio.wait_for(self.socket.recv(), PATIENCE_S))
            assert message["type"] != "error", message
            if message["type"] == kind:
                return message

    async def graded_for(self, question_id: int) -> dict:
        """The `graded` message about this question: one about an earlier question may come late,
        when the worker's send, retried, reaches Redis just after it is back."""
        while (graded := await self.next_of("graded"))["question"] != question_id:
            pass
        return graded

    async def type_answer(self, state: dict, text: str) -> None:
        await self.socket.send(
            json.dumps(
                {"type": "typed_answer", "question": state["question"]["id"], "attempt": state["attempt"], "text": text}
            )
        )


@contextmanager
def row_locked(interview):
    """The interview's row locked, as a long transaction would, by another thread of this test."""
    locked, release = threading.Event(), threading.Event()

    def hold():
        try:
            with transaction.atomic():
                Interview.objects.select_for_update().get(pk=interview.pk)
                locked.set()
                release.wait()
        finally:
            connections.close_all()

    holder = threading.Thread(target=hold)
    holder.start()
    locked.wait()
    try:
        yield
    finally:
        release.set()
        holder.join()


def worker_waits_for_a_lock() -> bool:
    """A query of another connection (the worker's) waits for a row lock: the one this test holds."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()"
        )
        return cursor.fetchone()[0] > 0


def log_in(port: int, email: str) -> requests.Response:
    """The login form, filled in and sent as a browser does."""
    browser = requests.Session()
    form = browser.get(f"http://127.0.0.1:{port}/accounts/login/", timeout=PATIENCE_S)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    return browser.post(
        f"http://127.0.0.1:{port}/accounts/login/",
        data={"login": email, "password": PASSWORD, "csrfmiddlewaretoken": token},
        allow_redirects=False,
        timeout=PATIENCE_S,
    )


def test_a_redis_restart_mid_answer_keeps_the_room_open_and_it_shows_the_feedback_it_missed(production):
    redis, daphne = production
    load_question_bank(read_bank())
    candidate, queued_candidate = make_user("ada@example.edu", password=PASSWORD), make_user("grace@example.edu")
    interview, queued_interview = new_interview(candidate), new_interview(queued_candidate)
    cookie, queued_cookie = session_cookie(candidate), session_cookie(queued_candidate)
    tasks_in_redis = redis_client.Redis.from_url(redis.url)

    async def interview_through_the_restart():
        room = await Room.open(daphne.port, cookie, interview.pk)
        state = await room.next_of("state")
        assert state["last_answer"] is None
        queued_room = await Room.open(daphne.port, queued_cookie, queued_interview.pk)
        queued_state = await queued_room.next_of("state")
        events_socket = await open_socket(daphne.port, cookie, "/ws/events/")  # every page of the site has one
        # The worker takes the answer, grades it and then waits for the interview's row, which
        # this test holds, to save it: Redis dies while the answer is in the worker's hands,
        # and the other answer in its queue (the worker takes one task at a time).
        with row_locked(interview):
            await room.type_answer(state, TYPED)
            await sync(wait_for)(worker_waits_for_a_lock, "the worker waits to save the answer", PATIENCE_S)
            await queued_room.type_answer(queued_state, TYPED)
            await asyncio.to_thread(
                wait_for, lambda: tasks_in_redis.llen("celery"), "the second answer is queued", PATIENCE_S
            )
            redis.kill()
            login = await asyncio.to_thread(log_in, daphne.port, candidate.email)
        # The worker saves the answer; its `graded` event has nowhere to go.
        await sync(wait_for)(
            lambda: Answer.objects.filter(question__interview=interview).exists(), "the answer was saved", PATIENCE_S
        )
        redis.start()
        resumed = await room.next_of("state")  # the same socket, once Redis is back
        # A later answer goes through the restarted Redis, both ways.
        await room.type_answer(resumed, "A hash map stores key value pairs.")
        later = await room.graded_for(resumed["question"]["id"])
        await room.socket.close()
        reopened = await Room.open(daphne.port, cookie, interview.pk)  # as the page does after a reload
        on_reopening = await reopened.next_of("state")
        await reopened.socket.close()
        queued_graded = await queued_room.next_of("graded")
        await queued_room.socket.close()
        await events_socket.send("{}")  # still open, and its consumer still answers
        events_reply = json.loads(await asyncio.wait_for(events_socket.recv(), PATIENCE_S))
        await events_socket.close()
        return state, login, resumed, later, on_reopening, queued_graded, events_reply

    state, login, resumed, later, on_reopening, queued_graded, events_reply = asyncio.run(
        interview_through_the_restart()
    )

    assert login.status_code == 302 and login.headers["Location"] == "/"
    assert events_reply == {"type": "error", "message": "This connection only sends events."}
    missed = resumed["last_answer"]
    assert (missed["question"], missed["attempt"]) == (state["question"]["id"], 1)
    assert missed["verdict"] == "correct" and missed["step"] == "next"
    assert resumed["question"]["id"] != state["question"]["id"]  # the room moved on to the next question
    assert later["attempt"] == resumed["attempt"]  # the later answer went through the restarted Redis, both ways
    assert on_reopening["last_answer"]["question"] == resumed["question"]["id"]
    first_answers = Answer.objects.filter(question_id=state["question"]["id"])
    assert first_answers.count() == 1  # graded once
    assert Answer.objects.filter(question__interview=interview).count() == 2
    assert queued_graded["verdict"] == "correct"
    assert Answer.objects.filter(question__interview=queued_interview).count() == 1
