"""Nothing leaves the server. The processes of a production deployment, as the Procfile starts
them (Daphne, the answers' Celery worker and the documents' one, on Redis and the test database),
run under strace (tests/outbound.py) while a candidate uploads a résumé, answers a spoken and a
typed interview, downloads a PDF report and has it emailed (SMTP to a local aiosmtpd server).
Every destination must be this machine's loopback (where the test runs the database, Redis and
SMTP), and no name may be looked up: a DNS query is how a library calling home shows itself
first, even on a server with no route out (ONNX Runtime's telemetry did, until config/offline.py).

The processes are started without the switches of config/offline.py, so the test proves that
the `config` package sets them; every program they start must have them in its environment."""

import json
import os
import re
import shutil
import sys
import time
from dataclasses import dataclass

import pytest
import requests
from aiosmtpd.controller import Controller
from websockets.sync.client import connect as websocket

from interviewer.engine.bank import read_bank
from interviewer.services import load_question_bank
from reports.models import ReportEmail
from resumes.models import Resume
from tests.audio import webm_opus
from tests.camera import astronaut_still
from tests.conftest import (
    DAPHNE_LIMITS,
    free_port,
    make_user,
    subprocess_env,
    wait_for_port,
)
from tests.outbound import (
    departures,
    inherited,
    maps_onnx_runtime,
    programs_started,
    recorded,
)
from tests.pdf_reports import Inbox, pdf_text
from tests.resume_documents import pdf_one_column

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]
# What every process and every program it starts must run with, written out here rather than read
# from config/offline.py: taking one out of that file must fail this test.
SWITCHES = {"ORT_DISABLE_TELEMETRY": "1", "HF_HUB_DISABLE_TELEMETRY": "1", "DO_NOT_TRACK": "1", "HF_HUB_OFFLINE": "1"}
# ONNX Runtime sends no telemetry where one of these says it runs in CI (the names are in its
# library; with CI=1 a Piper voice made no look-up in 30 s, without it six): a server has none of
# them, so the processes run without them, or the test could not catch the runtime calling home.
CI_MARKERS = (
    "CI",
    "TF_BUILD",
    "GITHUB_ACTIONS",
    "GITLAB_CI",
    "CIRCLECI",
    "TRAVIS",
    "JENKINS_URL",
    "CODEBUILD_BUILD_ID",
    "BUILDKITE",
    "TEAMCITY_VERSION",
    "APPVEYOR",
    "BITBUCKET_BUILD_NUMBER",
)
SPOKEN = (
    "At the bookshop I built a small dashboard of weekly sales. "
    "I cleaned the data with pandas and showed the owner which titles sold best."
)
TYPED = (
    "A window function computes a value over a set of rows related to the current row, "
    "such as a running total, without collapsing them like GROUP BY does."
)
PASSWORD = "correct horse battery"


@dataclass(frozen=True)
class Process:
    """One process of the Procfile, and what its part of the interview makes it do."""

    command: list[str]
    runs_onnx: bool  # Piper's voice in the web process; the embedding and voice-activity models in the worker
    starts_kaleido: bool  # the charts of the PDF report: downloaded from the web, emailed by the documents worker


def celery_worker(queues: str) -> list[str]:
    return [
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
        "WARNING",
        "--without-mingle",
        "--without-gossip",
    ]


def procfile(port: int) -> dict[str, Process]:
    daphne = [
        sys.executable,
        "-m",
        "daphne",
        "--bind",
        "127.0.0.1",
        "--port",
        str(port),
        *DAPHNE_LIMITS,
        "config.asgi:application",
    ]
    return {
        "web": Process(daphne, runs_onnx=True, starts_kaleido=True),
        "worker": Process(celery_worker("celery"), runs_onnx=True, starts_kaleido=False),
        "documents": Process(celery_worker("documents"), runs_onnx=False, starts_kaleido=True),
    }


# --- The candidate ------------------------------------------------------------------------------


class Candidate:
    def __init__(self, base_url: str):
        self.base_url = base_url
        self.http = requests.Session()

    def _keep_cookies(self) -> None:
        """Production marks its cookies Secure; this client talks to Daphne over plain HTTP on
        loopback, as the TLS-terminating proxy in front of it does, so it sends them anyway."""
        for cookie in self.http.cookies:
            cookie.secure = False

    def get(self, path: str) -> requests.Response:
        response = self.http.get(self.base_url + path, timeout=120)
        self._keep_cookies()
        assert response.status_code == 200, (path, response.status_code, response.text[:500])
        return response

    def post(self, path: str, fields: dict, files: dict | None = None) -> requests.Response:
        """A form posted as the page would, with its CSRF token; returns the redirect."""
        if "csrftoken" not in self.http.cookies:
            self.get("/accounts/login/")
        fields = {**fields, "csrfmiddlewaretoken": self.http.cookies["csrftoken"]}
        response = self.http.post(self.base_url + path, data=fields, files=files, allow_redirects=False, timeout=120)
        self._keep_cookies()
        assert response.status_code == 302, (path, response.status_code, response.text[:500])
        return response

    def room(self, interview_id: int):
        cookies = "; ".join(f"{c.name}={c.value}" for c in self.http.cookies)
        return websocket(
            f"ws{self.base_url.removeprefix('http')}/ws/interview/{interview_id}/",
            origin=self.base_url,
            additional_headers={"Cookie": cookies},
            max_size=None,
            open_timeout=60,
        )

    def start_interview(self, **setup) -> int:
        """The setup form with the camera analysed (the live indicator reads the stills sent) and
        the recording notice confirmed (asked before the first interview, ignored after)."""
        fields = {
            "candidate_name": "Ada",
            "position": "Data analyst",
            "difficulty": "easy",
            "duration_minutes": 15,
            "type": "technical",
            "camera": "analysed",
            "notice_read": "on",
            **setup,
        }
        location = self.post("/interviews/new/", fields).headers["Location"]
        return int(re.fullmatch(r"/interviews/(\d+)/room/", location)[1])


def receive(room, kind: str, timeout: float = 300) -> dict:
    """The next message of this type; other messages arriving first are skipped."""
    while True:
        message = json.loads(room.recv(timeout=timeout))
        assert message["type"] not in ("error", "empty"), message
        if message["type"] == kind:
            return message


def about(state: dict) -> dict:
    return {"question": state["question"]["id"], "attempt": state["attempt"]}


def settled(read, field: str, *pending, timeout: float = 300):
    """What `read()` returns once its `field` has left the `pending` values (the workers' work)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        thing = read()
        if getattr(thing, field) not in pending:
            return thing
        time.sleep(0.5)
    raise AssertionError(f"still {getattr(thing, field)} after {timeout} s")


def take_the_interviews(candidate: Candidate, spoken_answer: bytes) -> list[int]:
    """Résumé, a spoken interview on it, a typed one on a topic; returns their ids."""
    candidate.post("/accounts/login/", {"login": "ada@example.edu", "password": PASSWORD})
    uploaded = candidate.post(
        "/resume/upload/", {}, files={"file": ("Ada CV.pdf", pdf_one_column(), "application/pdf")}
    )
    resume_id = int(re.fullmatch(r"/resume/(\d+)/", uploaded.headers["Location"])[1])
    resume = settled(lambda: Resume.objects.get(pk=resume_id), "status", Resume.Status.WAITING, Resume.Status.READING)
    assert resume.status == Resume.Status.DONE, resume.error

    spoken = candidate.start_interview(use_resume="on")
    with candidate.room(spoken) as room:
        state = receive(room, "state")
        speech = candidate.get(state["question"]["speech_url"])
        assert speech.headers["Content-Type"] == "audio/wav"
        room.send(json.dumps({"type": "frame", "image": astronaut_still()}))
        assert receive(room, "expression")["face"] is True
        room.send(json.dumps({"type": "answer_start", **about(state), "mime": "audio/webm;codecs=opus"}))
        room.send(spoken_answer)
        room.send(json.dumps({"type": "answer_end", **about(state)}))
        assert "bookshop" in receive(room, "graded")["transcript"].lower()
        room.send(json.dumps({"type": "finish"}))
        receive(room, "finished")

    typed = candidate.start_interview(topic="SQL window functions")
    with candidate.room(typed) as room:
        state = receive(room, "state")
        room.send(json.dumps({"type": "typed_answer", **about(state), "text": TYPED}))
        receive(room, "graded")
        room.send(json.dumps({"type": "finish"}))
        receive(room, "finished")
    return [spoken, typed]


# --- The test -----------------------------------------------------------------------------------


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield inbox, controller.port
    controller.stop()


@pytest.fixture
def strace():
    if not shutil.which("strace"):
        if os.environ.get("CI"):
            raise RuntimeError("strace is missing: `make test` installs it")
        pytest.skip("strace is not installed (apt-get install strace)")


def test_an_interview_in_production_sends_nothing_off_the_machine(
    strace, postgresql, redis_url, smtp_server, say, tmp_path
):
    inbox, smtp_port = smtp_server
    load_question_bank(read_bank())
    make_user("ada@example.edu", password=PASSWORD)
    spoken_answer = webm_opus(say(SPOKEN))
    port = free_port()
    env = {
        name: value
        for name, value in subprocess_env(
            APP_MODE="production",
            SECRET_KEY="egress-test-" + "x" * 50,
            ALLOWED_HOSTS="127.0.0.1",
            SECURE_SSL_REDIRECT="0",
            REDIS_URL=redis_url,
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(smtp_port),
            EMAIL_USE_TLS="0",
            EMAIL_USE_SSL="0",
            MEDIA_ROOT=str(tmp_path / "media"),
            DATA_DIR=str(tmp_path / "data"),
            LOG_LEVEL="WARNING",
        ).items()
        if name not in SWITCHES and name not in CI_MARKERS
    }
    processes = procfile(port)
    running = {name: recorded(name, process.command, env, tmp_path) for name, process in processes.items()}
    try:
        wait_for_port(port, running["web"].strace, timeout=120)
        candidate = Candidate(f"http://127.0.0.1:{port}")
        spoken, typed = take_the_interviews(candidate, spoken_answer)
        pdf = candidate.get(f"/reports/{typed}/pdf/")
        assert pdf.content.startswith(b"%PDF-")
        candidate.post(f"/reports/{spoken}/email/", {})
        assert settled(ReportEmail.objects.get, "status", ReportEmail.Status.QUEUED).status == ReportEmail.Status.SENT
        [message] = inbox.messages
        assert "Ada" in pdf_text(message)
        runs_onnx = {name: any(map(maps_onnx_runtime, r.processes())) for name, r in running.items()}
    finally:
        for name, r in running.items():
            print(f"--- {name} ---\n{r.stop()[-5000:]}")  # shown when the test fails

    for name, r in running.items():
        if processes[name].runs_onnx:
            assert runs_onnx[name], f"{name} never loaded ONNX Runtime: the test proves nothing about it"
        reached = departures(r.log)
        assert not reached, f"{name} reached off the machine:\n" + "\n".join(reached[:20])
        [(_, _, own), *started] = programs_started(r.log)
        assert not {*SWITCHES, *CI_MARKERS} & {entry.split("=")[0] for entry in own}, (
            "the test must start it without them"
        )
        started = [(pid, program, environment) for pid, program, environment in started if inherited(environment)]
        if processes[name].starts_kaleido:
            assert any("kaleido" in program for _, program, _ in started), f"{name} never started Kaleido's Chromium"
        for pid, program, environment in started:
            missing = {f"{switch}={value}" for switch, value in SWITCHES.items()} - environment
            assert not missing, f"{name}'s process {pid} started {program} without {missing}"
