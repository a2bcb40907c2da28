"""Celery tasks for reports: thin wrappers around the services (threads in the embedded mode)."""
from celery import shared_task

from reports import review_services, services


@shared_task
def send_report_email(email_id: int) -> None:
    services.send_report_email(email_id)


@shared_task
def send_review_email(review_id: int) -> None:
    review_services.send_review_email(review_id)
