from django.conf import settings
from django.db import models

from accounts.models import user_folder
from config.queued_work import QueuedWork
from interviewer.models import Interview


class ReportPreferences(models.Model):
    """A candidate's choices about their reports; a user without a row has the defaults."""

    DEFAULT_EMAIL_AFTER_INTERVIEW = True

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="report_preferences"
    )
    email_after_interview = models.BooleanField(
        "Email me the PDF report when an interview ends", default=DEFAULT_EMAIL_AFTER_INTERVIEW
    )


def report_pdf_path(stored: "StoredReport", filename: str) -> str:
    return f"{user_folder(stored.interview.candidate_id)}/reports/interview-{stored.interview_id}.pdf"


class StoredReport(models.Model):
    """The interview's PDF report as last rendered. `digest` fingerprints the data it was
    rendered from: results that arrive later (the camera analysis of the last answer) change it,
    and the PDF is rendered again on the next download or email."""

    interview = models.OneToOneField(Interview, on_delete=models.CASCADE, related_name="stored_report")
    file = models.FileField(upload_to=report_pdf_path, max_length=255)
    digest = models.CharField(max_length=64)
    rendered_at = models.DateTimeField(auto_now=True)


class ReportEmail(QueuedWork):
    """One report emailed to its candidate, kept so the report page can say whether it went."""

    class Reason(models.TextChoices):
        FINISHED = "finished", "The interview ended"
        REQUESTED = "requested", "You asked for it"

    class Status(models.TextChoices):
        QUEUED = "queued", "Being prepared"
        SENT = "sent", "Sent"
        FAILED = "failed", "Could not be sent"

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="report_emails")
    to = models.EmailField()
    reason = models.CharField(max_length=10, choices=Reason.choices)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    error = models.TextField(blank=True)
    requested_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]


class ScoreSummary(models.Model):
    """An interview's scores as the progress dashboard shows them, kept so that the dashboard
    needn't read every answer again. `presence_count` is how many of its recordings had their
    camera analysis when the scores were computed: that analysis can land after the interview
    ends, and the dashboard then computes the scores again."""

    interview = models.OneToOneField(
        Interview, on_delete=models.CASCADE, primary_key=True, related_name="score_summary"
    )
    scores = models.JSONField()
    presence_count = models.PositiveIntegerField()
