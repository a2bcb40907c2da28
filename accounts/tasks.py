"""Celery tasks of the accounts app: thin wrappers around the services (see config.background)."""
from celery import shared_task
from django.conf import settings

from accounts import invites, resume_services
from config.limits import memory_ceiling


@shared_task(soft_time_limit=settings.DOCUMENT_TASK_SOFT_LIMIT_SECONDS, time_limit=settings.DOCUMENT_TASK_HARD_LIMIT_SECONDS)
def read_resume(resume_id: int) -> None:
    with memory_ceiling(settings.RESUME_READING_MEMORY_MB):
        resume_services.read_resume(resume_id)


@shared_task
def send_invitations(invitation_ids: list[int], site_url: str) -> None:
    invites.send_invitations(invitation_ids, site_url)


@shared_task
def requeue_stuck_work() -> None:
    resume_services.requeue_stuck_resumes()
    invites.requeue_stuck_invitations()
