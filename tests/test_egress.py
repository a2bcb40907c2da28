"""Nothing leaves the server. The processes of a production deployment (Daphne, and a Celery
worker on Redis and the test database) run under strace, which records every connection, datagram
and program they start, while a candidate uploads a résumé, answers a spoken and a typed
interview, downloads a PDF report and has it emailed (SMTP to a local aiosmtpd server). Every
destination must be this machine's loopback (where the test runs the database, Redis and SMTP),
and no name may be looked up: a DNS query is how a library calling home shows itself first, even
on a server with no route out (ONNX Runtime's telemetry did, until config/offline.py).

The processes are started without the variables of config/offline.py, so the test proves that
the `config` package sets them; every program they start must have them in its environment."""
import base64
import codecs
import ipaddress
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import cv2
import pytest
import requests
from aiosmtpd.controller import Controller
from skimage import data
from websockets.sync.client import connect as websocket

from accounts.models import Resume
from config.offline import OFFLINE_BY_DEFAULT, TELEMETRY_OFF
from interviewer.engine.bank import read_bank
from interviewer.services import load_question_bank
from reports.models import ReportEmail
from tests.audio import webm_opus
from tests.conftest import ROOT, free_port, make_user, subprocess_env, wait_for_port
from tests.resume_documents import pdf_one_column
from tests.test_report_email import Inbox, pdf_text

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]
SWITCHES = {**TELEMETRY_OFF, **OFFLINE_BY_DEFAULT}
SPOKEN = ("At the bookshop I built a small dashboard of weekly sales. "
          "I cleaned the data with pandas and showed the owner which titles sold best.")
TYPED = ("A window function computes a value over a set of rows related to the current row, "
         "such as a running total, without collapsing them like GROUP BY does.")
PASSWORD = "correct horse battery"


# --- Recording the processes --------------------------------------------------------------------

@dataclass
class Recorded:
    name: str
    strace: subprocess.Popen
    log: Path

    @property
    def pid(self) -> int:
        """The recorded program's own process (strace's only child)."""
        return int(_children(self.strace.pid)[0])

    def processes(self) -> list[int]:
        """The program and every process under it that is still running."""
        found, queue = [], [self.pid]
        while queue:
            pid = queue.pop()
            found.append(pid)
            queue += map(int, _children(pid))
        return found

    def stop(self) -> str:
        """SIGTERM to the program (strace itself ignores it), then strace ends with it."""
        try:
            os.kill(self.pid, signal.SIGTERM)
            self.strace.wait(timeout=60)
        except (IndexError, ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(self.strace.pid, signal.SIGKILL)  # strace's own session: only what this test started
            self.strace.wait()
        return self.strace.stdout.read()


def _children(pid: int) -> list[str]:
    try:
        return [child for task in os.listdir(f"/proc/{pid}/task")
                for child in Path(f"/proc/{pid}/task/{task}/children").read_text().split()]
    except FileNotFoundError:
        return []


def recorded(name: str, command: list[str], env: dict, folder: Path) -> Recorded:
    log = folder / f"{name}.strace"
    strace = subprocess.Popen(
        # --no-abbrev prints the whole environment of each program they start. strace stops
        # following a process when it starts another program (--detach-on=execve): followed,
        # Kaleido's Chromium hung at start-up in 5 runs of 10 (it made no connection in the others).
        ["strace", "--follow-forks", "--detach-on=execve", "-qq", "--signal=none", "--no-abbrev",
         "--trace=connect,sendto,sendmsg,sendmmsg,execve", f"--output={log}", *command],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )
    return Recorded(name, strace, log)


# --- Reading the recordings ---------------------------------------------------------------------

ADDRESS = re.compile(r'sa_family=AF_INET6?, sin6?_port=htons\((?P<port>\d+)\).*?'
                     r'(?:inet_addr\("(?P<v4>[^"]+)"\)|inet_pton\(AF_INET6, "(?P<v6>[^"]+)")')
FAMILY = re.compile(r"sa_family=(AF_\w+)")
LOCAL_FAMILIES = {"AF_UNIX", "AF_NETLINK", "AF_UNSPEC", "AF_INET", "AF_INET6"}  # the last two are judged by address
# Sockets of local daemons that resolve names (when present, glibc asks them before any DNS server).
RESOLVER_SOCKETS = ("/run/systemd/resolve/io.systemd.Resolve", "avahi-daemon/socket")
DNS_PORTS = {53, 853}  # plain DNS, DNS over TLS
SYSCALL = re.compile(r"^(\d+) +(\w+)\(")
EXECVE = re.compile(r'^(\d+) +execve\("([^"]+)", \[.*?\], \[(.*)\]')


def outbound(line: str) -> str | None:
    """Why this recorded call sends something off this machine, or None when it stays local."""
    for match in ADDRESS.finditer(line):
        address, port = ipaddress.ip_address(match["v4"] or match["v6"]), int(match["port"])
        if port in DNS_PORTS:
            return f"name look-up via {address}:{port}"
        mapped = getattr(address, "ipv4_mapped", None)
        if not (mapped or address).is_loopback:
            return f"connection to {address}:{port}"
    for family in FAMILY.findall(line):
        if family not in LOCAL_FAMILIES:
            return f"a {family} socket"
    if any(path in line for path in RESOLVER_SOCKETS):
        return "name look-up through a local resolver"
    return None


def looked_up_name(line: str) -> str:
    """The start of the name in the DNS query this call sends (strace prints 32 bytes)."""
    payload = re.search(r'"((?:[^"\\]|\\.)*)"', line)
    query, labels, at = codecs.escape_decode(payload[1])[0] if payload else b"", [], 12  # after the 12-byte header
    while at < len(query) and query[at]:
        labels.append(query[at + 1: at + 1 + query[at]].decode("ascii", "replace"))
        at += 1 + query[at]
    return ".".join(labels)


def departures(log: Path) -> list[str]:
    """Every recorded call that sends something off this machine, with its process id; a name
    look-up names what was looked up (sent on the socket after connecting it to the server)."""
    found, dns_sockets = [], {}
    for line in log.read_text(errors="replace").splitlines():
        call = SYSCALL.match(line)
        if not call or call[2] not in ("connect", "sendto", "sendmsg", "sendmmsg"):
            continue
        socket = (call[1], line[call.end():].split(",")[0])  # (process, file descriptor)
        if socket in dns_sockets and (name := looked_up_name(line)):
            found[dns_sockets.pop(socket)] += f" of {name}"
        if reason := outbound(line):
            if reason.startswith("name look-up"):
                dns_sockets[socket] = len(found)
            found.append(f"process {call[1]}: {reason}")
    return found


def programs_started(log: Path) -> list[tuple[int, str, set[str]]]:
    """(process id, program, environment) of every execve, the recorded program's own first;
    strace shortens each string to 32 characters, enough for the variables checked here."""
    return [(int(m[1]), m[2], set(re.findall(r'"([^"]*)"', m[3])))
            for m in map(EXECVE.match, log.read_text(errors="replace").splitlines()) if m]


def inherited(environment: set[str]) -> bool:
    """Whether a program got its parent's environment (ctypes runs ldconfig with only LC_ALL and
    LANG, for one)."""
    return any(entry.startswith("DJANGO_SETTINGS_MODULE=") for entry in environment)


def maps_onnx_runtime(pid: int) -> bool:
    try:
        return "onnxruntime" in Path(f"/proc/{pid}/maps").read_text()
    except FileNotFoundError:
        return False


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
        return websocket(f"ws{self.base_url.removeprefix('http')}/ws/interview/{interview_id}/", origin=self.base_url,
                         additional_headers={"Cookie": cookies}, max_size=None, open_timeout=60)

    def start_interview(self, **setup) -> int:
        fields = {"candidate_name": "Ada", "position": "Data analyst", "difficulty": "easy", "duration_minutes": 15,
                  "type": "technical", **setup}
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


def camera_still() -> str:
    """A real face (scikit-image's astronaut photograph) as the room sends it: a JPEG data URL."""
    jpeg = cv2.imencode(".jpg", cv2.cvtColor(data.astronaut(), cv2.COLOR_RGB2BGR))[1].tobytes()
    return "data:image/jpeg;base64," + base64.b64encode(jpeg).decode()


def take_the_interviews(candidate: Candidate, spoken_answer: bytes) -> list[int]:
    """Résumé, a spoken interview on it, a typed one on a topic; returns their ids."""
    candidate.post("/accounts/login/", {"login": "ada@example.edu", "password": PASSWORD})
    uploaded = candidate.post("/resume/upload/", {}, files={"file": ("Ada CV.pdf", pdf_one_column(), "application/pdf")})
    resume_id = int(re.fullmatch(r"/resume/(\d+)/", uploaded.headers["Location"])[1])
    assert settled(lambda: Resume.objects.get(pk=resume_id), "status", Resume.Status.WAITING, Resume.Status.READING).status == Resume.Status.DONE

    spoken = candidate.start_interview(use_resume="on")
    with candidate.room(spoken) as room:
        state = receive(room, "state")
        speech = candidate.get(state["question"]["speech_url"])
        assert speech.headers["Content-Type"] == "audio/wav"
        room.send(json.dumps({"type": "frame", "image": camera_still()}))
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


def settled(read, field: str, *pending, timeout: float = 300):
    """What `read()` returns once its `field` has left the `pending` values (the worker's work)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        thing = read()
        if getattr(thing, field) not in pending:
            return thing
        time.sleep(0.5)
    raise AssertionError(f"still {getattr(thing, field)} after {timeout} s")


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


def test_an_interview_in_production_sends_nothing_off_the_machine(strace, redis_url, smtp_server, say, tmp_path):
    inbox, smtp_port = smtp_server
    load_question_bank(read_bank())
    make_user("ada@example.edu", password=PASSWORD)
    spoken_answer = webm_opus(say(SPOKEN))
    port = free_port()
    env = {name: value for name, value in subprocess_env(
        APP_MODE="production", SECRET_KEY="egress-test-" + "x" * 50, ALLOWED_HOSTS="127.0.0.1", SECURE_SSL_REDIRECT="0",
        REDIS_URL=redis_url, EMAIL_HOST="127.0.0.1", EMAIL_PORT=str(smtp_port), EMAIL_USE_TLS="0", EMAIL_USE_SSL="0",
        MEDIA_ROOT=str(tmp_path / "media"), LOG_LEVEL="WARNING",
    ).items() if name not in SWITCHES}
    web = recorded("daphne", [sys.executable, "-m", "daphne", "--bind", "127.0.0.1", "--port", str(port),
                              "config.asgi:application"], env, tmp_path)
    worker = recorded("worker", [sys.executable, "-m", "celery", "--app", "config", "worker", "--concurrency", "1",
                                 "--loglevel", "WARNING", "--without-mingle", "--without-gossip"], env, tmp_path)
    try:
        wait_for_port(port, web.strace, timeout=120)
        candidate = Candidate(f"http://127.0.0.1:{port}")
        spoken, typed = take_the_interviews(candidate, spoken_answer)
        pdf = candidate.get(f"/reports/{typed}/pdf/")
        assert pdf.content.startswith(b"%PDF-")
        candidate.post(f"/reports/{spoken}/email/", {})
        assert settled(ReportEmail.objects.get, "status", ReportEmail.Status.QUEUED).status == ReportEmail.Status.SENT
        [message] = inbox.messages
        assert "Ada" in pdf_text(message)
        runtime_users = {r.name: [pid for pid in r.processes() if maps_onnx_runtime(pid)] for r in (web, worker)}
    finally:
        for r in (web, worker):
            print(f"--- {r.name} ---\n{r.stop()[-5000:]}")  # shown when the test fails

    for r in (web, worker):
        assert runtime_users[r.name], f"{r.name} never loaded ONNX Runtime: the test proves nothing about it"
        reached = departures(r.log)
        assert not reached, f"{r.name} reached off the machine:\n" + "\n".join(reached[:20])
        [(_, _, own), *started] = programs_started(r.log)
        assert not SWITCHES.keys() & {entry.split("=")[0] for entry in own}, "the test must start it without them"
        started = [(pid, program, environment) for pid, program, environment in started if inherited(environment)]
        assert any("kaleido" in program for _, program, _ in started), f"{r.name} never started Kaleido's Chromium"
        for pid, program, environment in started:
            missing = {f"{name}={value}" for name, value in SWITCHES.items()} - environment
            assert not missing, f"{r.name}'s process {pid} started {program} without {missing}"
