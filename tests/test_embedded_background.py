"""The embedded mode: tasks run in threads of this process and reach pages through the
in-memory channel layer."""

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.core import mail
from django.core.mail import EmailMessage

from config.asgi import application
from interviewer.models import WorkerCheck
from interviewer.services import request_worker_check


def connect_as(user):
    communicator = WebsocketCommunicator(application, "/ws/events/", headers=[(b"origin", b"http://127.0.0.1:8000")])
    communicator.scope["user"] = user
    return communicator


@pytest.mark.django_db(transaction=True)
async def test_a_task_started_by_a_view_runs_in_a_thread_and_reaches_the_open_page(admin_user):
    communicator = connect_as(admin_user)
    connected, _ = await communicator.connect(timeout=30)
    assert connected

    check = await database_sync_to_async(request_worker_check)(admin_user)
    event = await communicator.receive_json_from(timeout=30)

    assert event["type"] == "worker_check" and event["id"] == check.pk
    completed = await WorkerCheck.objects.aget(pk=check.pk)
    assert completed.completed_at is not None
    assert "pid" in completed.worker
    await communicator.disconnect()


@pytest.mark.django_db(transaction=True)
def test_the_status_page_returns_before_the_task_has_run(client, admin_user):
    client.force_login(admin_user)

    response = client.post("/status/", follow=True)

    assert response.status_code == 200
    assert WorkerCheck.objects.count() == 1
    assert b"Worker check sent" in response.content


async def test_anonymous_event_connections_are_refused():
    from django.contrib.auth.models import AnonymousUser

    communicator = connect_as(AnonymousUser())
    connected, code = await communicator.connect(timeout=30)
    assert not connected and code == 4401


async def test_connections_from_another_origin_are_refused(db):
    communicator = WebsocketCommunicator(application, "/ws/events/", headers=[(b"origin", b"https://evil.example")])
    connected, _ = await communicator.connect(timeout=30)
    assert not connected


def test_embedded_email_is_written_as_eml_files(settings):
    settings.EMAIL_BACKEND = "config.mail.EmlFileBackend"

    EmailMessage("Your report", "Here it is.", to=["ada@example.edu"]).send()

    files = list(settings.EMAIL_FILE_PATH.glob("*.eml"))
    assert len(files) == 1
    text = files[0].read_text()
    assert "Subject: Your report" in text and "To: ada@example.edu" in text and "Here it is." in text
    assert mail.outbox == []
