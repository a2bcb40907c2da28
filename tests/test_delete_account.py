import asyncio
import time

import pytest
from channels.testing import WebsocketCommunicator
from django.apps import apps
from django.core import serializers
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import Cohort, Membership, User
from accounts.services import create_cohort, join_cohort
from config.asgi import application
from interviewer.models import Interview, Recording
from reports.models import ReportEmail
from resumes.models import Resume
from resumes.services import read_resume, upload_resume
from tests.audio import webm_recording
from tests.camera import webcam_frame
from tests.resume_documents import RESUME, docx_with_skills_table, pdf_one_column
from tests.resume_profile import wait_until_read
from tests.rooms import SPOKEN, interview_on_arrays_and_lists

PATIENCE_S = 600  # a bound for a hung background thread, not a speed requirement
GRACES_RESUME = {**RESUME, "name": "Grace Hopper", "email": "grace.hopper@example.org", "phone": "+1 202 555 0147"}


async def answer_aloud_and_finish(user, interview, recording: bytes) -> None:
    """The room's messages for one spoken answer with the camera on, then "Finish interview"."""
    communicator = WebsocketCommunicator(
        application, f"/ws/interview/{interview.pk}/", headers=[(b"origin", b"http://127.0.0.1:8000")]
    )
    communicator.scope["user"] = user
    assert (await communicator.connect(timeout=30))[0]

    async def next_of(kind):
        while (message := await communicator.receive_json_from(timeout=PATIENCE_S))["type"] != kind:
            assert message["type"] != "error", message
        return message

    state = await next_of("state")
    about = {"question": state["question"]["id"], "attempt": state["attempt"]}
    await communicator.send_json_to({"type": "answer_start", **about, "mime": "video/webm;codecs=vp8,opus"})
    for start in range(0, len(recording), 256 * 1024):  # the room sends one chunk a second
        await communicator.send_to(bytes_data=recording[start : start + 256 * 1024])
    await communicator.send_json_to({"type": "answer_end", **about})
    await next_of("graded")
    await communicator.send_json_to({"type": "finish"})
    await next_of("finished")
    await communicator.disconnect()


def eventually(read, what: str):
    deadline = time.monotonic() + PATIENCE_S
    while time.monotonic() < deadline:
        if value := read():
            return value
        time.sleep(0.2)
    raise AssertionError(f"never happened: {what}")


def every_row_as_json() -> str:
    return "\n".join(serializers.serialize("json", model.objects.all()) for model in apps.get_models())


def files_under(folder) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


@pytest.mark.django_db(transaction=True)
def test_deleting_an_account_leaves_no_row_and_no_file_of_it(
    client, candidate, other_candidate, staff, say, settings, tmp_path
):
    """Everything a candidate makes through the product (a recorded answer with video, a résumé,
    the stored PDF report, the emailed report, a cohort membership) is gone after deleting the
    account, from the database and from every folder the platform writes to."""
    settings.EMAIL_BACKEND = "config.mail.EmlFileBackend"  # the embedded mode's (the test runner swaps in memory)
    cohort = create_cohort(staff_member=staff, name="Class of 2027")
    join_cohort(user=candidate, code=cohort.invite_code)
    interview = interview_on_arrays_and_lists(candidate, "Ada Lovelace", camera=Interview.Camera.ANALYSED)
    asyncio.run(answer_aloud_and_finish(candidate, interview, webm_recording(say(SPOKEN), [webcam_frame()])))
    eventually(lambda: Recording.objects.filter(presence__isnull=False).exists(), "the presence analysis")
    client.force_login(candidate)
    uploaded = client.post("/resume/upload/", {"file": SimpleUploadedFile("Ada CV.docx", docx_with_skills_table())})
    assert wait_until_read(Resume.objects.get(user=candidate).pk).status == Resume.Status.DONE, uploaded
    assert client.get(f"/reports/{interview.pk}/pdf/").status_code == 200
    client.post(f"/reports/{interview.pk}/email/")
    eventually(lambda: ReportEmail.objects.filter(status=ReportEmail.Status.SENT).exists(), "the report email")
    someone_elses = read_resume(
        upload_resume(other_candidate, SimpleUploadedFile("cv.pdf", pdf_one_column(GRACES_RESUME)), "pdf").pk
    )
    # What the candidate left, so that the checks below can't pass on an empty folder or table.
    traces = (candidate.email, RESUME["email"], RESUME["phone"])
    mine = f"media/users/{candidate.pk}/"
    before = files_under(tmp_path)
    assert {"recordings", "resumes", "reports"} <= {
        name.removeprefix(mine).split("/")[0] for name in before if name.startswith(mine)
    }
    assert any(name.startswith("emails/") and candidate.email.encode() in content for name, content in before.items())
    assert all(trace in every_row_as_json() for trace in traces)

    response = client.post("/account/delete/", {"password": "correct horse battery"})

    assert response.status_code == 302 and not client.get("/").context["user"].is_authenticated
    assert not User.objects.filter(pk=candidate.pk).exists() and not Membership.objects.exists()
    rows = every_row_as_json()
    assert not [trace for trace in traces if trace in rows]
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if field.is_relation and field.concrete and field.related_model is User:
                assert not model.objects.filter(**{field.name: candidate.pk}).exists(), f"{model.__name__}.{field.name}"
    left = files_under(tmp_path)
    assert not [name for name in left if name.startswith(mine)]
    assert not [name for name, content in left.items() if any(trace.encode() in content for trace in traces)]
    assert Cohort.objects.filter(pk=cohort.pk).exists()
    assert someone_elses.file.name in {name.removeprefix("media/") for name in left}


@pytest.mark.django_db
def test_a_wrong_password_keeps_the_account(client, candidate):
    client.force_login(candidate)

    response = client.post("/account/delete/", {"password": "not my password"})

    assert response.status_code == 200
    assert b"That password is not correct." in response.content
    assert User.objects.filter(pk=candidate.pk).exists()
