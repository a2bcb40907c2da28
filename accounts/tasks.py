"""Celery tasks of the accounts app: thin wrappers around the services (see config.background)."""
from celery import shared_task

from accounts import invites, resume_services


@shared_task
def read_resume(resume_id: int) -> None:
    resume_services.read_resume(resume_id)


@shared_task
def send_invitations(invitation_ids: list[int], site_url: str) -> None:
    invites.send_invitations(invitation_ids, site_url)
