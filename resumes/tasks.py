"""Celery tasks of résumés: thin wrappers around the services (see config.background)."""

from celery import shared_task
from django.conf import settings

from config.limits import memory_ceiling
from resumes import services


@shared_task(
    soft_time_limit=settings.DOCUMENT_TASK_SOFT_LIMIT_SECONDS, time_limit=settings.DOCUMENT_TASK_HARD_LIMIT_SECONDS
)
def read_resume(resume_id: int) -> None:
    with memory_ceiling(settings.RESUME_READING_MEMORY_MB):
        services.read_resume(resume_id)
