"""The PDF report by email, over real SMTP to a local server (aiosmtpd) started by the test:
when the interview ends, and when the candidate asks; the candidate's and the server's
switches turn the automatic email off; a mail server that can't be reached loses nothing."""

import time

import pytest
from aiosmtpd.controller import Controller

from interviewer.engine.bank import read_bank
from interviewer.services import load_question_bank
from reports.models import ReportEmail
from tests.conftest import free_port
from tests.pdf_reports import Inbox, pdf_text
from tests.report_data import finished_interview

pytestmark = pytest.mark.django_db(transaction=True)  # the email is sent by a task thread after the commit


@pytest.fixture
def inbox(settings):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.REPORT_EMAILS_AFTER_INTERVIEW = True  # tests/conftest.py turns it off for all other tests
    yield inbox
    controller.stop()


@pytest.fixture
def bank():
    load_question_bank(read_bank())


def settled(email: ReportEmail, timeout: float = 90) -> ReportEmail:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        email.refresh_from_db()
        if email.status != ReportEmail.Status.QUEUED:
            return email
        time.sleep(0.2)
    raise AssertionError("the report email was never sent nor failed")


def test_the_report_is_emailed_with_its_pdf_when_the_interview_ends(inbox, candidate, bank):
    interview = finished_interview(candidate, questions=2)

    email = settled(ReportEmail.objects.get(interview=interview))

    assert email.status == ReportEmail.Status.SENT and email.reason == ReportEmail.Reason.FINISHED
    [message] = inbox.messages
    assert message["To"] == candidate.email and interview.position in message["Subject"]
    assert f"/reports/{interview.pk}/" in message.get_body(("plain",)).get_content()
    text = pdf_text(message)
    assert "Ada Lovelace" in text and "Interview report: Data analyst" in text


def test_email_me_this_report_sends_it_again(client, inbox, candidate, bank, settings):
    settings.REPORT_EMAILS_AFTER_INTERVIEW = False
    interview = finished_interview(candidate, questions=1)
    client.force_login(candidate)

    response = client.post(f"/reports/{interview.pk}/email/", follow=True)

    assert f"The report is on its way to {candidate.email}" in response.content.decode()
    email = settled(ReportEmail.objects.get(interview=interview))
    assert email.reason == ReportEmail.Reason.REQUESTED and len(inbox.messages) == 1
    assert "Ada Lovelace" in pdf_text(inbox.messages[0])
    assert f"Emailed to {candidate.email}" in client.get(f"/reports/{interview.pk}/").content.decode()
    # A second click straight away does not send it twice.
    again = client.post(f"/reports/{interview.pk}/email/", follow=True).content.decode()
    assert "already requested a moment ago" in again and ReportEmail.objects.count() == 1


def test_a_candidate_who_turned_report_emails_off_gets_none(client, inbox, candidate, bank):
    client.force_login(candidate)
    response = client.post("/progress/emails/", {}, follow=True)  # the box unticked
    assert "Reports will no longer be emailed" in response.content.decode()
    assert 'name="email_after_interview"' in response.content.decode()

    finished_interview(candidate, questions=1)

    assert not ReportEmail.objects.exists()
    client.post("/progress/emails/", {"email_after_interview": "on"})
    finished_interview(candidate, questions=1, seed=2)
    assert settled(ReportEmail.objects.get()).status == ReportEmail.Status.SENT


def test_the_server_setting_turns_report_emails_off_for_everyone(inbox, candidate, bank, settings):
    settings.REPORT_EMAILS_AFTER_INTERVIEW = False

    finished_interview(candidate, questions=1)

    assert not ReportEmail.objects.exists()


def test_an_unreachable_mail_server_is_reported_and_the_email_can_be_asked_for_again(
    client, candidate, bank, settings, inbox
):
    server_port = settings.EMAIL_PORT
    settings.EMAIL_PORT = free_port()  # nothing listens there
    interview = finished_interview(candidate, questions=1)

    email = settled(ReportEmail.objects.get(interview=interview))

    assert email.status == ReportEmail.Status.FAILED and "could not be reached" in email.error
    client.force_login(candidate)
    page = client.get(f"/reports/{interview.pk}/").content.decode()
    assert f"The last email to {candidate.email} could not be sent" in page
    settings.EMAIL_PORT = server_port
    client.post(f"/reports/{interview.pk}/email/")
    assert settled(ReportEmail.objects.latest("requested_at")).status == ReportEmail.Status.SENT
    assert len(inbox.messages) == 1
