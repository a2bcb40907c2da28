"""Production mode's moving parts for real: a Celery worker process on Redis, and the Redis
channel layer carrying a message from that worker to a websocket client in this process."""

import subprocess
import sys
import time
from pathlib import Path

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator

from config.asgi import application
from interviewer.models import WorkerCheck
from tests.conftest import ROOT, stop, subprocess_env


@pytest.fixture
def celery_worker_process(production_queue, transactional_db):
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "--app",
            "config",
            "worker",
            "--concurrency",
            "1",
            "--loglevel",
            "INFO",
            "--without-mingle",
            "--without-gossip",
        ],
        cwd=ROOT,
        env=subprocess_env(REDIS_URL=production_queue),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    yield process
    output = stop(process)
    print(output[-3000:])


def worker_pids(worker: subprocess.Popen) -> set[int]:
    """The worker's main process and its prefork children."""
    children = Path(f"/proc/{worker.pid}/task/{worker.pid}/children").read_text().split()
    return {worker.pid, *map(int, children)}


def wait_until_completed(check_id, timeout=600.0):  # a bound for a hung worker, not a speed limit
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        check = WorkerCheck.objects.get(pk=check_id)
        if check.completed_at:
            return check
        time.sleep(0.2)
    raise AssertionError("the worker never completed the check")


def test_a_view_enqueues_a_task_that_a_worker_process_completes(client, admin_user, celery_worker_process):
    client.force_login(admin_user)

    client.post("/status/")

    check = wait_until_completed(WorkerCheck.objects.get().pk)
    assert any(f"pid {pid})" in check.worker for pid in worker_pids(celery_worker_process))
    assert check.worker in client.get("/status/").content.decode()


@pytest.mark.django_db(transaction=True)
async def test_the_worker_reaches_a_websocket_client_through_the_redis_channel_layer(admin_user, celery_worker_process):
    communicator = WebsocketCommunicator(application, "/ws/events/", headers=[(b"origin", b"http://127.0.0.1:8000")])
    communicator.scope["user"] = admin_user
    assert (await communicator.connect(timeout=30))[0]

    from interviewer.services import request_worker_check

    check = await database_sync_to_async(request_worker_check)(admin_user)
    event = await communicator.receive_json_from(timeout=120)

    assert event == {
        "type": "worker_check",
        "id": check.pk,
        "worker": event["worker"],
        "round_trip_ms": event["round_trip_ms"],
    }
    assert any(f"pid {pid})" in event["worker"] for pid in worker_pids(celery_worker_process))
    await communicator.disconnect()
