"""Writes for the interviewer app."""
import os
import socket

from django.utils import timezone

from config.background import enqueue, notify_user
from interviewer.models import WorkerCheck


def request_worker_check(user) -> WorkerCheck:
    from interviewer.tasks import complete_worker_check

    check = WorkerCheck.objects.create(requested_by=user)
    enqueue(complete_worker_check, check.pk)
    return check


def complete_worker_check(check_id: int) -> None:
    check = WorkerCheck.objects.get(pk=check_id)
    check.completed_at = timezone.now()
    check.worker = f"{socket.gethostname()} (pid {os.getpid()})"
    check.save(update_fields=["completed_at", "worker"])
    if check.requested_by_id:
        event = {"type": "worker_check", "id": check.pk, "worker": check.worker, "round_trip_ms": check.round_trip_ms}
        notify_user(check.requested_by_id, event)
