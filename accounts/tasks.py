"""Celery tasks of the accounts app: thin wrappers (see config.background)."""

from celery import shared_task

from config.queued_work import requeue_all_stuck


@shared_task
def requeue_stuck_work() -> None:
    for _ in requeue_all_stuck():
        pass
