import os
import socket
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
import redis
from django.core.cache import cache
from django.db import connection

from accounts.models import User
from interviewer.engine.config import configure, current_config

ROOT = Path(__file__).resolve().parent.parent
# Helper modules whose fixtures every test module can ask for by name, without importing them:
# tests.llm_server serves chat_server and llm_on.
pytest_plugins = ["tests.skip_accounting", "tests.llm_server", "pytester"]


@pytest.fixture(scope="session")
def say(tmp_path_factory):
    """Piper speaks a scripted answer: its WAV goes to a temporary folder (the TTS cache), and
    the test gets the 16 kHz samples."""
    from interviewer.engine.transcription import decode_audio
    from interviewer.engine.voice import speak

    before = current_config()
    configure(replace(before, tts_cache_dir=tmp_path_factory.mktemp("tts")))
    yield lambda text: decode_audio(speak(text, "piper").audio)
    configure(before)


@pytest.fixture
def engine_config():
    """Changes the engine's configuration for one test: `engine_config(tts_cache_dir=...)`."""
    before = current_config()
    yield lambda **changes: configure(replace(current_config(), **changes))
    configure(before)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """Threads of sync_to_async and of the embedded task runner would otherwise keep their
    connections open, and PostgreSQL refuses to drop a test database that is still in use."""
    from django.conf import settings

    settings.DATABASES["default"]["CONN_MAX_AGE"] = 0


@pytest.fixture(autouse=True)
def private_files_and_fresh_cache(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_FILE_PATH = tmp_path / "emails"
    # Finishing an interview emails its PDF report from a task thread; only the tests about
    # that (test_report_email.py) turn it on, so no thread outlives another test's database.
    settings.REPORT_EMAILS_AFTER_INTERVIEW = False
    cache.clear()  # allauth's rate limits live in the cache


def make_user(email, role=User.Role.CANDIDATE, password="correct horse battery"):
    from allauth.account.models import EmailAddress

    user = User.objects.create_user(email, password, role=role)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


@pytest.fixture
def candidate(db):
    return make_user("ada@example.edu")


@pytest.fixture
def other_candidate(db):
    return make_user("grace@example.edu")


@pytest.fixture
def staff(db):
    return make_user("counsellor@example.edu", role=User.Role.STAFF)


@pytest.fixture
def admin_user(db):
    user = make_user("admin@example.edu", role=User.Role.ADMIN)
    user.is_staff = user.is_superuser = True
    user.save()
    return user


@pytest.fixture
def interview(candidate):
    """The candidate's interview on arrays and lists, its first question asked (tests/rooms.py);
    modules about interviews of another kind define their own `interview`."""
    from tests.rooms import interview_on_arrays_and_lists

    return interview_on_arrays_and_lists(candidate)


# --- A candidate who answered with the camera on and no face in view (test_faceless_camera*.py) ---


@pytest.fixture(scope="module")
def faceless_video(tmp_path_factory) -> bytes:
    from tests.camera import FPS, cameraman, write_webm

    path = tmp_path_factory.mktemp("video") / "answer.webm"
    write_webm(path, [cameraman()] * (3 * FPS))
    return path.read_bytes()


@pytest.fixture
def faceless_interview(db, candidate, faceless_video):
    """One spoken answer recorded with the camera on, its video analysed by the real camera
    analysis (the task the worker runs after grading)."""
    from interviewer.engine.bank import read_bank
    from interviewer.models import Recording
    from interviewer.recordings import analyse_presence
    from interviewer.services import load_question_bank
    from tests.report_data import finished_interview

    load_question_bank(read_bank())
    interview = finished_interview(candidate, questions=1, camera=True, video_bytes=faceless_video)
    for recording in Recording.objects.filter(question__interview=interview):
        analyse_presence(recording.pk)
    return interview


@pytest.fixture
def cohort_staff(staff, candidate):
    """The candidate's cohort, run by `staff`."""
    from accounts.services import create_cohort, join_cohort

    cohort = create_cohort(staff_member=staff, name="Class of 2027")
    join_cohort(user=candidate, code=cohort.invite_code)
    return cohort


# --- Processes started by tests: a Celery worker or Daphne against the test database ---------


def database_url_of_test_database() -> str:
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def subprocess_env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update(
        DATABASE_URL=database_url_of_test_database(),
        DATABASE_CONN_MAX_AGE="0",
        PYTHONUNBUFFERED="1",
        REPORT_EMAILS_AFTER_INTERVIEW="0",
        DJANGO_SETTINGS_MODULE="tests.settings",
        **extra,
    )
    return env


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"process exited with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"nothing listening on {port}")


def stop(process: subprocess.Popen) -> str:
    process.terminate()
    try:
        output, _ = process.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        output, _ = process.communicate()
    return output or ""


@pytest.fixture
def redis_url():
    """A Redis database of its own (TEST_REDIS_URL, default db 15 on localhost), emptied first."""
    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    client = redis.Redis.from_url(url)
    try:
        client.ping()
    except redis.ConnectionError:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"no Redis at {url}: the production-mode tests need one (CI always has it)")
    client.flushdb()
    return url


@pytest.fixture
def production_queue(settings, redis_url):
    """This process enqueues to Redis and listens on the Redis channel layer, like Daphne does."""
    from config.celery import app as celery_app

    settings.TASKS_IN_PROCESS = False
    settings.CHANNEL_LAYERS = {
        "default": {"BACKEND": "channels_redis.core.RedisChannelLayer", "CONFIG": {"hosts": [redis_url]}}
    }
    # Celery derives the read and write URLs from broker_url when it first loads its settings.
    names = ("broker_url", "broker_read_url", "broker_write_url")
    previous = {name: celery_app.conf[name] for name in names}
    celery_app.conf.update({name: redis_url for name in names})
    yield redis_url
    celery_app.conf.update(previous)


# As the Procfile's `web` process: socket messages up to 3 MiB reach the application, which
# answers those over its 2 MiB limit with a `too_large` error (interviewer/PROTOCOL.md).
DAPHNE_LIMITS = ["--websocket-max-message-size", "3145728", "--websocket-max-frame-size", "3145728"]


@pytest.fixture
def postgresql(transactional_db):
    """The test database, when it is PostgreSQL (DATABASE_URL); CI always runs on it."""
    if connection.vendor != "postgresql":
        pytest.skip("the test database is SQLite: this test needs PostgreSQL (set DATABASE_URL; CI always does)")


@pytest.fixture
def live_server_url(transactional_db):
    """Daphne serving the real ASGI application (HTTP and websockets) on the test database."""
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "daphne",
            "--bind",
            "127.0.0.1",
            "--port",
            str(port),
            *DAPHNE_LIMITS,
            "config.asgi:application",
        ],
        cwd=ROOT,
        env=subprocess_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    wait_for_port(port, process)
    yield f"http://127.0.0.1:{port}"
    stop(process)


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def open_browser(live_server_url, monkeypatch):
    """Opens pages in Debian's headless Chromium (driven by Playwright, which never downloads a
    browser); extra Chromium flags may be given, e.g. for fake camera and microphone."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            raise RuntimeError("Chromium is missing: `make test` installs it")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    # Playwright's sync API keeps an event loop running in this thread; the test's own database
    # queries are still plain synchronous ones (Django documents this switch for such cases).
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "1")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browsers = []

        def open_page(*extra_args):
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS + list(extra_args))
            browsers.append(browser)
            page = browser.new_page(base_url=live_server_url)
            page.set_default_timeout(30_000)
            return page

        yield open_page
        for browser in browsers:
            browser.close()
    from django.db import connections

    connections.close_all()


@pytest.fixture
def browser_page(open_browser):
    return open_browser()


# What the fake microphone says in the browser tests (spoken_answer_wav): Piper speaks it.
MICROPHONE_ANSWER = (
    "I studied computer science and built a booking app for a local gym with two friends. "
    "I wrote the back end in Python and I learned how much testing matters."
)


@pytest.fixture
def spoken_answer_wav(tmp_path, engine_config):
    """MICROPHONE_ANSWER as a WAV file, for Chromium's --use-file-for-fake-audio-capture."""
    import wave

    from interviewer.engine.voice import speak

    engine_config(tts_cache_dir=tmp_path / "tts")
    path = tmp_path / "answer.wav"
    path.write_bytes(speak(MICROPHONE_ANSWER, "piper").audio)
    with wave.open(str(path)) as wav:
        assert wav.getnframes() / wav.getframerate() > 5
    return path


@pytest.fixture
def video(tmp_path) -> bytes:
    """4 seconds of a face on camera, as WebM: long enough to seek to the second sentence of the
    weak answer of tests/report_data.py."""
    from tests.camera import FPS, webcam_frame, write_webm

    path = tmp_path / "answer.webm"
    write_webm(path, [webcam_frame()] * (4 * FPS))
    return path.read_bytes()


def wait_until(page, expression: str, timeout: float = 30) -> None:
    """Waits until a JavaScript expression is true in the page. Playwright's own wait_for_function
    compiles its predicate with eval inside the page, which the site's Content-Security-Policy
    (script-src 'self') rightly refuses; page.evaluate goes through the browser's debugging
    protocol instead, so this polls it."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise TimeoutError(f"still false after {timeout:.0f} s: {expression}")
        page.wait_for_timeout(100)


def log_in(page, email, password="correct horse battery"):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/")


def screenshot(page, name: str) -> None:
    """Saved under data/screenshots/ for people to look at; not compared by any test."""
    folder = ROOT / "data" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=folder / f"{name}.png", full_page=True)
