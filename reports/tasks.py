"""Celery tasks for reports: thin wrappers around the services (threads in the embedded mode)."""
from celery import shared_task
from django.conf import settings

from reports import review_services, services


@shared_task(soft_time_limit=settings.DOCUMENT_TASK_SOFT_LIMIT_SECONDS, time_limit=settings.DOCUMENT_TASK_HARD_LIMIT_SECONDS)
def send_report_email(email_id: int) -> None:
    services.send_report_email(email_id)


@shared_task
def send_review_email(review_id: int) -> None:
    review_services.send_review_email(review_id)


@shared_task
def requeue_stuck_report_emails() -> None:
    services.requeue_stuck_report_emails()
