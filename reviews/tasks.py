"""Celery tasks for reviews: thin wrappers around the services (threads in the embedded mode)."""

from celery import shared_task

from reviews import services


@shared_task
def send_review_email(review_id: int) -> None:
    services.send_review_email(review_id)
