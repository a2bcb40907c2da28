"""A spoken interview answer through production mode, as deployed from the Procfile: Daphne and a
real Celery worker process (APP_MODE=production) on PostgreSQL and Redis, the answer streamed
over the interview websocket as the browser sends it (Opus speech by Piper and VP8 video in one
WebM), transcribed by Whisper, graded, analysed for presence and reported. The worker is another
process than Daphne, so the `graded` event can only reach the socket through the Redis channel
layer. Two candidates: one facing the camera, one whose camera shows no face; both end at pages
that render for them and for their cohort's staff."""

import asyncio
import html
import json
import secrets
import subprocess
import sys
import time
import urllib.request

import pytest
import websockets

from accounts.services import create_cohort, join_cohort
from interviewer.models import Interview, Recording
from tests.audio import webm_recording
from tests.camera import cameraman, webcam_frame
from tests.conftest import (
    ROOT,
    free_port,
    make_user,
    stop,
    subprocess_env,
    wait_for_port,
)
from tests.processes import session_cookie
from tests.rooms import (
    SPOKEN,
    assert_a_good_spoken_answer,
    interview_on_arrays_and_lists,
)

pytestmark = pytest.mark.django_db(transaction=True)
# A bound for a hung process, not a speed requirement: the machine running the suite may be busy.
PATIENCE_S = 600


@pytest.fixture
def production(postgresql, redis_url, settings, tmp_path):
    """Daphne and one Celery worker (concurrency 1) in production mode on the test database;
    yields Daphne's port and a function returning the worker's log so far."""
    settings.SECRET_KEY = secrets.token_urlsafe(50)  # sessions made here must be valid there
    env = subprocess_env(
        APP_MODE="production",
        SECRET_KEY=settings.SECRET_KEY,
        REDIS_URL=redis_url,
        ALLOWED_HOSTS="127.0.0.1",
        EMAIL_HOST="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        MEDIA_ROOT=str(settings.MEDIA_ROOT),
        DATA_DIR=str(tmp_path / "data"),
        TTS_ENGINE="none",
        LOG_LEVEL="INFO",
    )
    port = free_port()
    worker_log = tmp_path / "worker.log"
    with worker_log.open("w") as log:
        worker = subprocess.Popen(
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
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            text=True,
        )
        web = subprocess.Popen(
            [sys.executable, "-m", "daphne", "--bind", "127.0.0.1", "--port", str(port), "config.asgi:application"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:
            wait_for_port(port, web, timeout=PATIENCE_S)
            yield port, worker_log.read_text
        finally:
            print("daphne:", stop(web)[-3000:])
            stop(worker)
            print("worker:", worker_log.read_text()[-3000:])


def get_page(port: int, path: str, cookie: str) -> tuple[int, str]:
    """The status and the page's text with HTML entities decoded (the templates escape "'")."""
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Cookie": cookie})
    with urllib.request.urlopen(request, timeout=PATIENCE_S) as response:
        return response.status, html.unescape(response.read().decode())


async def answer_aloud(port: int, cookie: str, interview_id: int, recording: bytes) -> dict:
    """Streams the recording as the room does (four chunks, the last one sent with `answer_end`),
    returns the `graded` event, then finishes the interview."""
    async with websockets.connect(
        f"ws://127.0.0.1:{port}/ws/interview/{interview_id}/",
        additional_headers={"Cookie": cookie},
        origin=f"http://127.0.0.1:{port}",
        max_size=None,
    ) as socket:

        async def next_of(kind: str) -> dict:
            while True:
                message = json.loads(await asyncio.wait_for(socket.recv(), PATIENCE_S))
                assert message["type"] != "error", message
                if message["type"] == kind:
                    return message

        state = await next_of("state")
        about = {"question": state["question"]["id"], "attempt": state["attempt"]}
        await socket.send(json.dumps({"type": "answer_start", **about, "mime": "video/webm;codecs=vp8,opus"}))
        size = len(recording) // 4 + 1
        chunks = [recording[start : start + size] for start in range(0, len(recording), size)]
        for chunk in chunks[:-1]:
            await socket.send(chunk)
            await asyncio.sleep(1)  # MediaRecorder's one-second timeslice
        await socket.send(chunks[-1])
        await socket.send(json.dumps({"type": "answer_end", **about}))
        graded = await next_of("graded")
        await socket.send(json.dumps({"type": "finish"}))
        finished = await next_of("finished")
    assert finished["report_url"] == f"/interviews/{interview_id}/"
    return graded


def presence_of(interview) -> dict:
    """The recording's presence analysis, waited for: the worker runs it after the grade."""
    deadline = time.monotonic() + PATIENCE_S
    while time.monotonic() < deadline:
        recording = Recording.objects.get(question__interview=interview)
        if recording.presence is not None:
            return recording.presence
        time.sleep(0.5)
    raise AssertionError("the worker never stored the presence analysis")


def test_spoken_answers_with_and_without_a_face_through_daphne_a_worker_redis_and_postgresql(production, say, staff):
    port, worker_log = production
    speech = say(SPOKEN)
    facing = make_user("ada@example.edu")
    faceless = make_user("grace@example.edu")
    cohort = create_cohort(staff_member=staff, name="Class of 2027")
    for user in (facing, faceless):
        join_cohort(user=user, code=cohort.invite_code)

    results = {}
    for user, frame, name in ((facing, webcam_frame(), "Ada"), (faceless, cameraman(), "Grace")):
        interview = interview_on_arrays_and_lists(user, name, camera=Interview.Camera.ANALYSED)
        cookie = session_cookie(user)
        graded = asyncio.run(answer_aloud(port, cookie, interview.pk, webm_recording(speech, [frame])))
        results[user.email] = interview, cookie, graded, presence_of(interview)

    assert (
        "interviewer.tasks.finish_spoken_answer" in worker_log()
        and "interviewer.tasks.analyse_presence" in worker_log()
    )
    for interview, _cookie, graded, presence in results.values():
        assert_a_good_spoken_answer(graded)
        assert any("words per minute" in note for note in graded["delivery_notes"])
        recording = Recording.objects.get(question__interview=interview)
        assert recording.status == "done" and recording.answer.text == graded["transcript"]
        assert presence["frames_analysed"] > 10

    interview, cookie, _, presence = results["ada@example.edu"]
    assert presence["face_visible_share"] == 1.0 and presence["looking_at_camera_share"] is not None
    status, report = get_page(port, f"/reports/{interview.pk}/", cookie)
    assert status == 200 and "Your face was visible for 100% of answer 1." in report
    assert "You looked away from the camera for" in report
    assert presence["dominant_expression"] is None  # expressions are read only where turned on (EXPRESSION_ANALYSIS)

    interview, cookie, _, presence = results["grace@example.edu"]
    assert presence["face_visible_share"] == 0.0 and presence["looking_at_camera_share"] is None
    status, report = get_page(port, f"/reports/{interview.pk}/", cookie)
    assert status == 200 and "Your face was visible for 0% of answer 1." in report
    assert (
        "No face turned towards the camera was found (turned away, out of the picture or covered), "
        "so eye contact wasn't measured." in report
    )
    status, progress = get_page(port, "/progress/", cookie)
    assert status == 200 and f"/reports/{interview.pk}/" in progress

    status, roster = get_page(port, f"/cohorts/{cohort.pk}/roster/", session_cookie(staff))
    assert status == 200 and "ada@example.edu" in roster and "grace@example.edu" in roster
