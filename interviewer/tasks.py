"""Celery tasks: thin wrappers that call the services, so the same work runs in a worker
process (production) or a thread of the web process (embedded mode)."""
from celery import shared_task

from interviewer import services


@shared_task
def complete_worker_check(check_id: int) -> None:
    services.complete_worker_check(check_id)
