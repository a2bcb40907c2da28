from django.conf import settings
from django.db import models

from accounts.models import user_folder
from config.queued_work import QueuedWork
from interviewer.models import Interview


class ReportPreferences(models.Model):
    """A candidate's choices about their reports; a user without a row has the defaults."""

    DEFAULT_EMAIL_AFTER_INTERVIEW = True

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="report_preferences")
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

    interview = models.OneToOneField(Interview, on_delete=models.CASCADE, primary_key=True, related_name="score_summary")
    scores = models.JSONField()
    presence_count = models.PositiveIntegerField()


class Rubric(models.Model):
    """Named criteria, each rated 1–5 when staff review an interview; a cohort's staff share it."""

    cohort = models.ForeignKey("accounts.Cohort", on_delete=models.CASCADE, related_name="rubrics")
    name = models.CharField(max_length=120)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class RubricCriterion(models.Model):
    rubric = models.ForeignKey(Rubric, on_delete=models.CASCADE, related_name="criteria")
    position = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=80)
    description = models.CharField(max_length=300)

    class Meta:
        ordering = ["rubric", "position"]


class Review(models.Model):
    """A staff member's review of one interview: a rating per criterion of the rubric they used
    (copied in, so editing the rubric later doesn't change what the student was told) and
    comments at moments of the recordings. Seen by the student and the staff of `cohort`."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="reviews")
    cohort = models.ForeignKey("accounts.Cohort", on_delete=models.CASCADE, related_name="+")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    reviewer_name = models.CharField(max_length=150)
    rubric_name = models.CharField(max_length=120)
    ratings = models.JSONField(default=list)  # [{"criterion", "description", "score"}]
    summary = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        constraints = [models.UniqueConstraint(fields=["interview", "reviewer"], name="one_review_per_reviewer")]


class ReviewComment(models.Model):
    """A comment about the moment `seconds` into one of the interview's recordings (or about the
    whole interview when there is no recording)."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="comments")
    recording = models.ForeignKey("interviewer.Recording", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    seconds = models.FloatField(default=0)
    text = models.TextField()

    class Meta:
        ordering = ["review", "recording", "seconds", "pk"]
