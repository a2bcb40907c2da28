"""Celery tasks of the staff workspace: thin wrappers around the services (see config.background)."""

from celery import shared_task

from staff import invites


@shared_task
def send_invitations(invitation_ids: list[int], site_url: str) -> None:
    invites.send_invitations(invitation_ids, site_url)
