"""Workers die; answers don't get lost. A real Celery worker process on Redis, the interview
socket on the Redis channel layer, a spoken and a typed answer in flight, and the worker's
processes killed with SIGKILL by the test (as the kernel's out-of-memory killer would); and a
hostile résumé that never holds up grading, since documents have a worker of their own."""

import re

import pytest
from channels.testing import WebsocketCommunicator
from django.core.files.uploadedfile import SimpleUploadedFile

from config.asgi import application
from interviewer.engine.bank import read_bank
from interviewer.models import Answer, Recording, WorkerCheck
from interviewer.services import (
    load_question_bank,
    request_worker_check,
)
from resumes.models import Resume
from resumes.services import upload_resume
from tests.audio import webm_opus
from tests.conftest import make_user
from tests.pdf_bomb import text_bomb_pdf
from tests.processes import Worker, sync, wait_for
from tests.rooms import SPOKEN, TYPED, new_interview

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def workers(production_queue, tmp_path, settings):
    started = []

    def start(queues: str = "celery") -> Worker:
        worker = Worker(production_queue, tmp_path / "worker.log", queues, MEDIA_ROOT=str(settings.MEDIA_ROOT))
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()
    print((tmp_path / "worker.log").read_text(errors="replace")[-5000:])


def worker_is_ready(user):
    """A worker process has loaded its models and taken a task."""
    check = request_worker_check(user)
    wait_for(lambda: WorkerCheck.objects.get(pk=check.pk).completed_at, "the worker answered a check")


@pytest.fixture
def two_rooms(db):
    """Two candidates with an interview each: one will speak, the other type."""
    load_question_bank(read_bank())
    speaker, typist = make_user("ada@example.edu"), make_user("grace@example.edu")
    return (speaker, new_interview(speaker)), (typist, new_interview(typist))


async def open_room(user, interview):
    communicator = WebsocketCommunicator(
        application, f"/ws/interview/{interview.pk}/", headers=[(b"origin", b"http://127.0.0.1:8000")]
    )
    communicator.scope["user"] = user
    assert (await communicator.connect(timeout=30))[0]
    state = await communicator.receive_json_from(timeout=30)
    return communicator, state


async def next_of(communicator, kind, timeout=300):
    """The next message of this type; others arriving first are skipped (and shown if it never comes)."""
    skipped = []
    while True:
        try:
            message = await communicator.receive_json_from(timeout=timeout)
        except TimeoutError:
            raise AssertionError(f"no {kind} message; got {skipped}") from None
        if message["type"] == kind:
            return message
        skipped.append(message)


async def speak(communicator, state, recording_bytes):
    about = {"question": state["question"]["id"], "attempt": state["attempt"]}
    await communicator.send_json_to({"type": "answer_start", **about, "mime": "audio/webm;codecs=opus"})
    size = len(recording_bytes) // 4 + 1
    for start in range(0, len(recording_bytes), size):
        await communicator.send_to(bytes_data=recording_bytes[start : start + size])
    await communicator.send_json_to({"type": "answer_end", **about})


def claimed_recording(interview, other_than: str = ""):
    """The spoken answer's recording once a task has taken it (a task other than `other_than`)."""
    recording = Recording.objects.filter(question__interview=interview).first()
    if recording and recording.claimed_by not in ("", other_than):
        return recording
    return None


def share_heard(said: str, transcript: str) -> float:
    """The share of the words said that are in the transcript."""
    said_words, heard_words = (set(re.findall(r"[a-z']+", text.lower())) for text in (said, transcript))
    return len(said_words & heard_words) / len(said_words)


def answers_of(interview) -> int:
    return Answer.objects.filter(question__interview=interview).count()


async def answer_both_and_kill(say, two_rooms, kill):
    """A spoken answer and a typed one sent; `kill` runs while the spoken one is being
    transcribed. Returns what each room was told in the end."""
    (speaker, spoken_interview), (typist, typed_interview) = two_rooms
    recording_bytes = webm_opus(say(SPOKEN))
    speaking, spoken_state = await open_room(speaker, spoken_interview)
    typing, typed_state = await open_room(typist, typed_interview)

    await speak(speaking, spoken_state, recording_bytes)
    await sync(wait_for)(lambda: claimed_recording(spoken_interview), "a task took the recording")
    # Queued behind the spoken answer, in Redis or taken by the worker's main process.
    await typing.send_json_to(
        {"type": "typed_answer", "question": typed_state["question"]["id"], "attempt": 1, "text": TYPED}
    )
    await sync(kill)()
    graded_before_the_kill = await sync(answers_of)(spoken_interview)

    spoken = await next_of(speaking, "graded")
    typed = await next_of(typing, "graded")
    await speaking.disconnect()
    await typing.disconnect()
    return graded_before_the_kill, spoken, typed


async def test_a_killed_worker_process_is_replaced_and_both_answers_are_graded_once(workers, two_rooms, say):
    (speaker, spoken_interview), (_typist, typed_interview) = two_rooms
    worker = workers()
    await sync(worker_is_ready)(speaker)
    killed = set()

    graded_before, spoken, typed = await answer_both_and_kill(
        say, two_rooms, lambda: killed.update(worker.kill_children())
    )

    assert killed and graded_before == 0  # the kill did interrupt the spoken answer
    # The spoken answer's own words, most of them: tiny.en's reading of Piper's voice varies
    # between runs ("link list", "a ray keeps its elements").
    assert spoken["attempt"] == 1 and share_heard(SPOKEN, spoken["transcript"]) > 0.7
    assert typed["verdict"] == "correct"
    assert await sync(answers_of)(spoken_interview) == 1
    assert await sync(answers_of)(typed_interview) == 1
    replacement = worker.children()
    assert replacement and not replacement & killed
    await sync(worker_is_ready)(speaker)  # the replacement works


async def test_a_worker_killed_outright_and_restarted_grades_both_answers_once(workers, two_rooms, say):
    (speaker, spoken_interview), (_typist, typed_interview) = two_rooms
    worker = workers()
    await sync(worker_is_ready)(speaker)

    def kill_and_restart():
        worker.kill_all()
        workers()

    graded_before, spoken, typed = await answer_both_and_kill(say, two_rooms, kill_and_restart)

    assert graded_before == 0
    assert spoken["transcript"] and typed["verdict"] == "correct"
    assert await sync(answers_of)(spoken_interview) == 1
    assert await sync(answers_of)(typed_interview) == 1


async def test_an_answer_whose_task_dies_twice_can_be_recorded_again(workers, two_rooms, say):
    """The task is redone once; after its second death the candidate is told, records the
    attempt again, and that recording is graded (once)."""
    (speaker, spoken_interview), _ = two_rooms
    worker = workers()
    await sync(worker_is_ready)(speaker)
    recording_bytes = webm_opus(say(SPOKEN))
    speaking, state = await open_room(speaker, spoken_interview)

    await speak(speaking, state, recording_bytes)
    first = await sync(wait_for)(lambda: claimed_recording(spoken_interview), "a task took the recording")
    worker.kill_children()
    # The same task, delivered again, claims the recording again (a new claim time).
    await sync(wait_for)(
        lambda: Recording.objects.filter(pk=first.pk, claimed_at__gt=first.claimed_at).exists(),
        "the task was started again",
    )
    worker.kill_children()
    refusal = await next_of(speaking, "error")
    assert refusal["code"] == "not_processed"
    assert await sync(answers_of)(spoken_interview) == 0

    await speak(speaking, state, recording_bytes)  # the same attempt, recorded again
    graded = await next_of(speaking, "graded")

    assert graded["attempt"] == 1 and graded["transcript"]
    assert await sync(answers_of)(spoken_interview) == 1
    await speaking.disconnect()


async def test_a_text_bomb_resume_never_holds_up_grading(workers, two_rooms):
    """Résumés are read on their own queue by the Procfile's `documents` worker: a 4 KB PDF that
    unpacks to 2 million characters waits there, or is refused there, while answers are graded."""
    (typist, interview), _ = two_rooms
    workers()  # the `worker` process only: nothing reads documents yet
    await sync(worker_is_ready)(typist)
    bomb = SimpleUploadedFile("cv.pdf", text_bomb_pdf(2_000_000), content_type="application/pdf")
    resume = await sync(upload_resume)(typist, bomb, Resume.Kind.PDF)
    typing, state = await open_room(typist, interview)

    await typing.send_json_to(
        {"type": "typed_answer", "question": state["question"]["id"], "attempt": 1, "text": TYPED}
    )
    graded = await next_of(typing, "graded")

    assert graded["verdict"] == "correct"
    assert await sync(lambda: Resume.objects.get(pk=resume.pk).status)() == Resume.Status.WAITING
    workers("documents")
    refused = await sync(wait_for)(
        lambda: Resume.objects.filter(pk=resume.pk, status=Resume.Status.FAILED).first(),
        "the documents worker refused it",
    )
    assert "far more than a résumé page" in refused.error
    await typing.disconnect()
