from django.conf import settings
from django.db import models

from interviewer.models import Interview


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
    recording = models.ForeignKey(
        "interviewer.Recording", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    seconds = models.FloatField(default=0)
    text = models.TextField()

    class Meta:
        ordering = ["review", "recording", "seconds", "pk"]
