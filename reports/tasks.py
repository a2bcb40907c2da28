"""Celery tasks for reports: thin wrappers around the services (threads in the embedded mode)."""

from celery import shared_task
from django.conf import settings

from reports import services


@shared_task(
    soft_time_limit=settings.DOCUMENT_TASK_SOFT_LIMIT_SECONDS, time_limit=settings.DOCUMENT_TASK_HARD_LIMIT_SECONDS
)
def send_report_email(email_id: int) -> None:
    services.send_report_email(email_id)


@shared_task
def store_missing_scores() -> None:
    services.store_missing_scores()
