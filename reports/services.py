"""Writes for reports: the stored PDF and the report emails."""

import hashlib
import json
import logging
import smtplib

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from config.background import enqueue
from config.mail import absolute_url
from config.queued_work import Swept, claim, requeue_stuck
from interviewer.models import Interview
from reports import selectors
from reports.models import ReportEmail, ReportPreferences, ScoreSummary, StoredReport
from reports.pdf import render_pdf

log = logging.getLogger(__name__)
NOT_SENT = (
    "It was not sent: the server was interrupted several times while preparing it. Download the report from "
    "its page instead."
)


def report_pdf(interview: Interview) -> bytes:
    """The interview's PDF: the stored one while the data it was rendered from is unchanged,
    else rendered again and stored."""
    report = selectors.report_for(interview)
    digest = hashlib.sha256(
        json.dumps(selectors.interview_data(report), cls=DjangoJSONEncoder, sort_keys=True).encode()
    ).hexdigest()
    stored = StoredReport.objects.filter(interview=interview).first()
    if stored and stored.digest == digest and stored.file.storage.exists(stored.file.name):
        with stored.file.open("rb") as handle:
            return handle.read()
    pdf = render_pdf(report)
    stored = stored or StoredReport(interview=interview)
    if stored.file:
        stored.file.delete(save=False)
    stored.digest = digest
    stored.file.save("report.pdf", ContentFile(pdf), save=True)
    return pdf


def pdf_filename(interview: Interview) -> str:
    day = (interview.finished_at or interview.created_at).date().isoformat()
    return f"interview-report-{day}-{interview.pk}.pdf"


def request_report_email(interview: Interview, reason: str) -> ReportEmail:
    """Queues the report for its candidate; the PDF is rendered and sent in the background once
    this transaction has committed."""

    email = ReportEmail.objects.create(interview=interview, to=interview.candidate.email, reason=reason)
    transaction.on_commit(lambda: enqueue("reports.tasks.send_report_email", email.pk))
    return email


def interview_finished(interview: Interview) -> None:
    """Called as the interview ends (reports.receivers): stores its scores and emails the report
    unless the server or the candidate has turned that off."""
    store_scores(Interview.objects.filter(pk=interview.pk))
    if settings.REPORT_EMAILS_AFTER_INTERVIEW and selectors.emails_after_interview(interview.candidate):
        request_report_email(interview, ReportEmail.Reason.FINISHED)


def send_report_email(email_id: int) -> ReportEmail:
    email = ReportEmail.objects.select_related("interview__candidate", "interview__domain").get(pk=email_id)
    if not claim(ReportEmail.objects.filter(pk=email_id, status=ReportEmail.Status.QUEUED)):
        return email  # a task delivered twice sends once
    interview = email.interview
    context = {
        "interview": interview,
        "site_name": settings.SITE_NAME,
        "report_url": absolute_url(reverse("report", args=[interview.pk])),
        "progress_url": absolute_url(reverse("progress")),
    }
    message = EmailMessage(
        subject=f"[{settings.SITE_NAME}] Your interview report: {interview.position}",
        body=render_to_string("reports/report_email.txt", context),
        to=[email.to],
    )
    try:
        pdf = report_pdf(interview)
    except Exception:
        # The page must not say "being prepared" for ever; the error itself goes to the task's log.
        _failed(email, "The PDF could not be prepared. Download it from the report instead.")
        raise
    message.attach(pdf_filename(interview), pdf, "application/pdf")
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as error:
        log.warning("Report email %s could not be sent: %s", email.pk, error)
        return _failed(email, f"The mail server refused or could not be reached ({error}).")
    email.status, email.error, email.sent_at = ReportEmail.Status.SENT, "", timezone.now()
    email.save(update_fields=["status", "error", "sent_at"])
    return email


def requeue_stuck_report_emails() -> Swept:
    """Queues again the report emails that were never sent (config/queued_work.py)."""

    def queue(ids: list[int]) -> None:
        for email_id in ids:
            enqueue("reports.tasks.send_report_email", email_id)

    def give_up(ids: list[int]) -> None:
        ReportEmail.objects.filter(pk__in=ids, status=ReportEmail.Status.QUEUED).update(
            status=ReportEmail.Status.FAILED, error=NOT_SENT
        )

    return requeue_stuck(ReportEmail.objects.filter(status=ReportEmail.Status.QUEUED), queue, give_up)


def _failed(email: ReportEmail, error: str) -> ReportEmail:
    email.status, email.error = ReportEmail.Status.FAILED, error
    email.save(update_fields=["status", "error"])
    return email


def store_scores(interviews: QuerySet[Interview]) -> int:
    """Computes and stores the scores of the finished `interviews`, for the roster, analytics and
    progress pages to read; how many."""
    finished = interviews.filter(status=Interview.Status.FINISHED)
    ids, analysed = list(finished.values_list("pk", flat=True)), selectors.analysed_recordings(finished)
    computed = selectors.scores_from_answers(ids) if ids else {}
    ScoreSummary.objects.bulk_create(
        [
            ScoreSummary(interview_id=pk, scores=scores.to_dict(), presence_count=analysed.get(pk, 0))
            for pk, scores in computed.items()
        ],
        update_conflicts=True,
        unique_fields=["interview"],
        update_fields=["scores", "presence_count"],
    )
    return len(computed)


# Interviews looked at by one periodic run of store_missing_scores.
SCORE_SWEEP_BATCH = 500


def store_missing_scores() -> int:
    """Stores the scores the signals missed (a process that died between finishing an interview
    and storing them, interviews finished before scores were stored): up to SCORE_SWEEP_BATCH
    never stored, and the stale among the SCORE_SWEEP_BATCH newest. Run periodically
    (CELERY_BEAT_SCHEDULE); how many it stored."""
    finished = Interview.objects.filter(status=Interview.Status.FINISHED).order_by("-finished_at")
    never_stored = list(finished.filter(score_summary__isnull=True).values_list("pk", flat=True)[:SCORE_SWEEP_BATCH])
    newest = Interview.objects.filter(pk__in=list(finished.values_list("pk", flat=True)[:SCORE_SWEEP_BATCH]))
    return store_scores(Interview.objects.filter(pk__in=never_stored + selectors.stale_scores(newest)))


def set_email_after_interview(user, enabled: bool) -> ReportPreferences:
    preferences, _ = ReportPreferences.objects.update_or_create(user=user, defaults={"email_after_interview": enabled})
    return preferences
