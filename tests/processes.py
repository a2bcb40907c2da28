"""The production processes, started by a test (or a bench script) so that it can kill them: a
Redis server of its own, Daphne and a Celery worker, each on the test database (subprocess_env);
and what a test needs to work beside them: a user's session cookie for Daphne, waiting until
something happened (wait_for), and the test's own database work off the event loop (sync)."""

import os
import signal
import subprocess
import sys
import time

from asgiref.sync import sync_to_async
from django.db import connections
from django.test import Client

from tests.conftest import DAPHNE_LIMITS, ROOT, free_port, subprocess_env, wait_for_port

# A short visibility timeout so that a task of a worker killed outright comes back within a test;
# production waits minutes (BROKER_VISIBILITY_TIMEOUT_SECONDS).
VISIBILITY_TIMEOUT_S = "10"


class RedisServer:
    """`redis-server` on a free port, keeping nothing on disk: killed and started again, it has
    forgotten every queued task, channel-layer group and cached value, as a restart of a Redis
    without persistence does."""

    def __init__(self, log_path):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.log = open(log_path, "ab")  # noqa: SIM115 (closed by stop())
        self.start()

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        wait_for_port(self.port, self.process)

    def kill(self) -> None:
        self.process.kill()  # SIGKILL
        self.process.wait()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.kill()
        self.log.close()


class Daphne:
    """The Procfile's `web` process on a free port."""

    def __init__(self, log_path, **env):
        self.port = free_port()
        self.log = open(log_path, "ab")  # noqa: SIM115 (closed by stop())
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "daphne",
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                *DAPHNE_LIMITS,
                "config.asgi:application",
            ],
            cwd=ROOT,
            env=subprocess_env(**env),
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        wait_for_port(self.port, self.process, timeout=600)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


class Worker:
    """`celery worker` in its own process group, as the Procfile starts it: `worker` takes the
    `celery` queue (answers), `documents` the `documents` queue (résumés)."""

    def __init__(self, redis_url: str, log_path, queues: str = "celery", **env):
        self.log = open(log_path, "ab")  # noqa: SIM115 (closed by stop())
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "--app",
                "config",
                "worker",
                "--queues",
                queues,
                "--concurrency",
                "1",
                "--loglevel",
                "INFO",
                "--without-mingle",
                "--without-gossip",
            ],
            cwd=ROOT,
            env=subprocess_env(REDIS_URL=redis_url, BROKER_VISIBILITY_TIMEOUT_SECONDS=VISIBILITY_TIMEOUT_S, **env),
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def children(self) -> set[int]:
        try:
            return set(map(int, open(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read().split()))
        except FileNotFoundError:
            return set()

    def kill_children(self) -> set[int]:
        children = self.children()
        for pid in children:
            os.kill(pid, signal.SIGKILL)
        return children

    def kill_all(self) -> None:
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill_all()
        self.log.close()


def session_cookie(user) -> str:
    """The Cookie header of a session in which `user` is logged in (Daphne must share the
    test's SECRET_KEY)."""
    client = Client()
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}"


def wait_for(condition, what: str, timeout: float = 300):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := condition():
            return value
        time.sleep(0.05)
    raise AssertionError(f"never happened: {what}")


def sync(function):
    """Off the event loop, in a thread of its own: the consumer under test needs the loop and
    the thread that database_sync_to_async shares."""

    def run_and_close(*args):
        try:
            return function(*args)
        finally:
            connections.close_all()

    return sync_to_async(run_and_close, thread_sensitive=False)
