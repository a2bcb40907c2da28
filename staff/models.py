from django.db import models

from accounts.models import Cohort, User
from config.queued_work import QueuedWork


class Invitation(QueuedWork):
    """An invitation email to join a cohort, sent in the background (staff.invites)."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Being sent"
        SENT = "sent", "Sent"
        FAILED = "failed", "Could not be sent"

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    invited_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
