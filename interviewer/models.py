from django.conf import settings
from django.db import models


class WorkerCheck(models.Model):
    """An administrator's round trip through the background machinery: the web process enqueues
    it, a worker completes it and tells the administrator's open page over the channel layer."""

    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    requested_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    worker = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-requested_at"]

    @property
    def round_trip_ms(self) -> int | None:
        if self.completed_at is None:
            return None
        return round((self.completed_at - self.requested_at).total_seconds() * 1000)
