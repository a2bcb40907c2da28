"""The per-user storage quota (STORAGE_QUOTA_MB): recordings and résumés count against it. When
they fill it, a résumé upload gets a form error, the room says before recording that spoken
answers can't be recorded (`cannot_record` in `state`) and refuses `answer_start` with
`storage_full`, while a typed answer is still graded; nothing stored is deleted. The notice
before an interview shows the use."""

from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from interviewer.engine.bank import read_bank
from interviewer.models import Recording
from interviewer.services import load_question_bank
from resumes.models import Resume
from tests.answers import ANSWERS
from tests.report_data import finished_interview
from tests.resume_documents import docx_with_skills_table
from tests.rooms import connect, next_of

pytestmark = pytest.mark.django_db(transaction=True)
FULL = "Your recordings and résumés take 2.0\u00a0MB of the 1.0\u00a0MB you may store"  # no break inside a size


@pytest.fixture
def full_storage(candidate, settings):
    """A finished spoken interview whose recording takes 2 MiB, against a quota of 1 MiB."""
    settings.STORAGE_QUOTA_MB = 1
    load_question_bank(read_bank())
    earlier = finished_interview(candidate, questions=1)
    [recording] = Recording.objects.filter(question__interview=earlier)
    path = Path(default_storage.path(recording.file.name))
    path.write_bytes(path.read_bytes().ljust(2 * 2**20, b"\0"))  # the quota counts the files on the storage
    Recording.objects.filter(pk=recording.pk).update(size=2 * 2**20)
    return path


def test_a_resume_upload_past_the_quota_gets_a_form_error_and_nothing_is_stored_or_lost(
    client, candidate, full_storage
):
    client.force_login(candidate)

    response = client.post("/resume/upload/", {"file": SimpleUploadedFile("Ada CV.docx", docx_with_skills_table())})

    assert response.status_code == 400
    assert f"{FULL}, and this file would go past that." in response.content.decode()
    assert not Resume.objects.exists()
    assert full_storage.exists()  # the recording that fills it stays


async def test_a_full_storage_refuses_recording_but_grades_a_typed_answer(candidate, full_storage, interview):
    communicator, _, _ = await connect(candidate, interview)
    state = await communicator.receive_json_from(timeout=30)
    question = state["question"]["id"]

    await communicator.send_json_to({"type": "answer_start", "question": question, "attempt": 1, "mime": "audio/webm"})
    refused = await next_of(communicator, "error")
    await communicator.send_json_to(
        {"type": "typed_answer", "question": question, "attempt": 1, "text": ANSWERS["software-engineering-easy-01"][0]}
    )
    graded = await next_of(communicator, "graded")

    assert state["cannot_record"] == (
        f"{FULL}, so spoken answers can't be recorded. Type your answer instead (it is graded "
        "the same way), or delete recordings you no longer need from their reports."
    )
    assert refused["code"] == "storage_full" and refused["message"] == state["cannot_record"]
    assert graded["verdict"] == "correct"
    assert not await Recording.objects.filter(question__interview=interview).aexists()
    assert full_storage.exists()
    await communicator.disconnect()


async def test_under_the_quota_the_room_may_record(candidate, interview):
    communicator, _, _ = await connect(candidate, interview)
    state = await communicator.receive_json_from(timeout=30)

    await communicator.send_json_to(
        {"type": "answer_start", "question": state["question"]["id"], "attempt": 1, "mime": "audio/webm"}
    )
    await communicator.send_to(bytes_data=b"webm")

    assert state["cannot_record"] is None
    assert await communicator.receive_nothing(timeout=1)  # no error
    assert (await Recording.objects.aget(question__interview=interview)).size == 4
    await communicator.disconnect()


def test_the_notice_before_an_interview_shows_the_storage_used(client, candidate, full_storage):
    client.force_login(candidate)

    page = client.get("/interviews/new/").content.decode()

    assert f"{FULL}. That is full: spoken answers can't be recorded (type them instead)" in page
