"""Work saved but never queued: a web process that dies between saving a résumé, a report email
or an invitation and queuing its task leaves it waiting. The sweep (`manage.py
requeue_stuck_work`, the periodic task of Celery beat and of the embedded mode) queues it again
and it is done once; work a task is doing is not taken twice; work queued three times is marked
failed with a message for its owner. The dying process is simulated by saving through the
service with its queuing turned off; the tasks then run in threads, as in the embedded mode."""

import io
import time
from contextlib import contextmanager
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from django.utils.module_loading import import_string

from accounts.services import create_cohort
from interviewer.engine.bank import read_bank
from interviewer.services import load_question_bank
from reports import services as report_services
from reports.models import ReportEmail
from resumes import services as resume_services
from resumes.models import Profile, Resume
from staff import invites
from staff.models import Invitation
from tests.report_data import finished_interview
from tests.resume_documents import RESUME, docx_with_skills_table

pytestmark = pytest.mark.django_db(transaction=True)  # the sweep's tasks run in threads after its commit
LATER = timedelta(minutes=11)  # past STUCK_WORK_MINUTES (10)


@pytest.fixture
def web_process_dies_before_queuing():
    """Within it, saving goes through the service as usual; the task it would queue never is."""

    @contextmanager
    def dying():
        with pytest.MonkeyPatch.context() as patch:
            for module in (resume_services, report_services, invites):
                patch.setattr(module, "enqueue", lambda *args, **kwargs: None)
            yield

    return dying()


def sweep() -> str:
    output = io.StringIO()
    call_command("requeue_stuck_work", stdout=output)
    return output.getvalue()


def backdate(model, **fields) -> None:
    """As if `fields` (queued_at, claimed_at) had been set eleven minutes ago."""
    model.objects.update(**{name: timezone.now() - LATER for name in fields})


def settled(model, pending, timeout: float = 90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        [work] = model.objects.all()
        if work.status not in pending:
            return work
        time.sleep(0.1)
    raise AssertionError(f"{model.__name__} still {work.status}")


def test_a_resume_saved_but_never_queued_is_read_after_the_sweep(candidate, web_process_dies_before_queuing):
    upload = SimpleUploadedFile("Ada CV.docx", docx_with_skills_table())
    with web_process_dies_before_queuing:
        resume_services.upload_resume(candidate, upload, Resume.Kind.DOCX)
    assert "resumes: queued_again=0 given_up=0" in sweep()  # not waiting long enough yet
    assert Resume.objects.get().status == Resume.Status.WAITING

    backdate(Resume, queued_at=True)
    assert "resumes: queued_again=1 given_up=0" in sweep()

    resume = settled(Resume, resume_services.READ_PENDING)
    assert resume.status == Resume.Status.DONE and resume.times_queued == 2
    assert candidate.profile.name == RESUME["name"]
    assert "resumes: queued_again=0 given_up=0" in sweep()  # done: nothing left to sweep


def test_a_resume_being_read_is_not_taken_again_until_its_reader_has_died(candidate):
    resume = Resume.objects.create(
        user=candidate, kind=Resume.Kind.DOCX, status=Resume.Status.READING, claimed_at=timezone.now()
    )
    resume.file.save("cv.docx", SimpleUploadedFile("cv.docx", docx_with_skills_table()))
    backdate(Resume, queued_at=True)

    assert "resumes: queued_again=0" in sweep()  # its reader is still within its time
    assert resume_services.read_resume(resume.pk) is None  # a second delivery of the task leaves it alone
    assert Resume.objects.get().status == Resume.Status.READING

    backdate(Resume, claimed_at=True)  # the reader died ten minutes ago
    assert "resumes: queued_again=1" in sweep()
    assert settled(Resume, resume_services.READ_PENDING).status == Resume.Status.DONE


def test_a_resume_queued_three_times_fails_with_a_message_and_the_profile_is_unchanged(candidate):
    resume = Resume.objects.create(user=candidate, kind=Resume.Kind.DOCX, times_queued=3)
    resume.file.save("cv.docx", SimpleUploadedFile("cv.docx", docx_with_skills_table()))
    backdate(Resume, queued_at=True)

    assert "resumes: queued_again=0 given_up=1" in sweep()

    resume.refresh_from_db()
    assert resume.status == Resume.Status.FAILED
    assert resume.error == (
        "This file was not read: the server was interrupted several times before it could read it, "
        "and your profile was not changed. Upload it again, or paste its text."
    )
    assert not Profile.objects.filter(user=candidate).exists()


@pytest.fixture
def interview(candidate):
    load_question_bank(read_bank())
    return finished_interview(candidate, questions=1)


def test_a_report_email_saved_but_never_queued_is_sent_once_after_the_sweep(interview, web_process_dies_before_queuing):
    with web_process_dies_before_queuing:
        report_services.request_report_email(interview, ReportEmail.Reason.REQUESTED)
    backdate(ReportEmail, queued_at=True)

    assert "report_emails: queued_again=1 given_up=0" in sweep()

    email = settled(ReportEmail, [ReportEmail.Status.QUEUED])
    assert email.status == ReportEmail.Status.SENT
    [message] = mail.outbox
    assert message.to == ["ada@example.edu"] and message.attachments[0][2] == "application/pdf"
    report_services.send_report_email(email.pk)  # the first task, delivered after all
    assert len(mail.outbox) == 1


def test_a_report_email_being_prepared_is_not_sent_twice(interview, web_process_dies_before_queuing):
    with web_process_dies_before_queuing:
        email = report_services.request_report_email(interview, ReportEmail.Reason.REQUESTED)
    ReportEmail.objects.update(claimed_at=timezone.now())  # a task is rendering its PDF
    backdate(ReportEmail, queued_at=True)

    assert "report_emails: queued_again=0 given_up=0" in sweep()
    report_services.send_report_email(email.pk)  # another delivery of its task

    assert mail.outbox == [] and ReportEmail.objects.get().status == ReportEmail.Status.QUEUED


def test_a_report_email_queued_three_times_fails_with_a_message(interview, web_process_dies_before_queuing):
    with web_process_dies_before_queuing:
        report_services.request_report_email(interview, ReportEmail.Reason.REQUESTED)
    ReportEmail.objects.update(times_queued=3, claimed_at=timezone.now() - LATER)  # its last task died

    assert "report_emails: queued_again=0 given_up=1" in sweep()

    email = ReportEmail.objects.get()
    assert email.status == ReportEmail.Status.FAILED and mail.outbox == []
    assert email.error == (
        "It was not sent: the server was interrupted several times while preparing it. "
        "Download the report from its page instead."
    )


def invite(cohort, staff, *addresses):
    entries = [invites.Entry(f"line {number}", address) for number, address in enumerate(addresses, start=1)]
    invites.invite(cohort=cohort, invited_by=staff, entries=entries, problems=[], site_url="http://testserver/")


def test_invitations_saved_but_never_queued_are_sent_once_after_the_sweep(
    staff, settings, web_process_dies_before_queuing
):
    settings.SITE_DOMAIN = "coach.example.edu"
    cohort = create_cohort(staff_member=staff, name="MSc Data Science 2027")
    with web_process_dies_before_queuing:
        invite(cohort, staff, "ada@example.edu", "grace@example.edu")
    backdate(Invitation, queued_at=True)

    assert "invitations: queued_again=2 given_up=0" in sweep()

    deadline = time.monotonic() + 30
    while Invitation.objects.filter(status=Invitation.Status.QUEUED).exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert set(Invitation.objects.values_list("status", flat=True)) == {Invitation.Status.SENT}
    assert sorted(message.to[0] for message in mail.outbox) == ["ada@example.edu", "grace@example.edu"]
    assert f"http://coach.example.edu{cohort.get_invite_url()}" in mail.outbox[0].body
    invites.send_invitations(
        list(Invitation.objects.values_list("pk", flat=True)), "http://testserver/"
    )  # delivered again
    assert len(mail.outbox) == 2


def test_an_invitation_being_sent_is_not_sent_twice_and_one_queued_three_times_fails(
    staff, web_process_dies_before_queuing
):
    cohort = create_cohort(staff_member=staff, name="MSc Data Science 2027")
    with web_process_dies_before_queuing:
        invite(cohort, staff, "ada@example.edu", "grace@example.edu")
    backdate(Invitation, queued_at=True)
    being_sent = Invitation.objects.get(email="ada@example.edu")
    Invitation.objects.filter(pk=being_sent.pk).update(claimed_at=timezone.now())
    Invitation.objects.filter(email="grace@example.edu").update(times_queued=3)

    assert "invitations: queued_again=0 given_up=1" in sweep()
    invites.send_invitations([being_sent.pk], "http://testserver/")  # another delivery of its task

    assert mail.outbox == []
    assert Invitation.objects.get(pk=being_sent.pk).status == Invitation.Status.QUEUED
    failed = Invitation.objects.get(email="grace@example.edu")
    assert failed.status == Invitation.Status.FAILED
    assert (
        failed.error == "It was not sent: the server was interrupted several times before it could send it. "
        "Invite this address again."
    )


def test_celery_beat_and_the_embedded_mode_run_the_sweeps_every_five_minutes(settings):
    from accounts.tasks import requeue_stuck_work
    from reports.tasks import store_missing_scores

    schedule = settings.CELERY_BEAT_SCHEDULE
    assert settings.STUCK_WORK_SWEEPS == {
        "resumes": "resumes.services.requeue_stuck_resumes",
        "report_emails": "reports.services.requeue_stuck_report_emails",
        "invitations": "staff.invites.requeue_stuck_invitations",
    }
    for key, task in (("requeue-stuck-work", requeue_stuck_work), ("store-missing-scores", store_missing_scores)):
        assert import_string(schedule[key]["task"]) is task and task.name == schedule[key]["task"]
        assert schedule[key]["schedule"] == 5 * 60
