"""What reports does when the interviewer app signals (interviewer/signals.py); connected by
ReportsConfig.ready."""

from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from interviewer.models import Interview
from interviewer.signals import interview_finished, results_changed
from reports import services
from reports.models import StoredReport


@receiver(interview_finished)
def store_scores_and_email_report(sender, interview: Interview, **kwargs) -> None:
    services.interview_finished(interview)


@receiver(results_changed)
def store_new_scores(sender, interview_id: int, **kwargs) -> None:
    services.store_scores(Interview.objects.filter(pk=interview_id))


@receiver(post_delete, sender=StoredReport)
def delete_the_pdf(sender, instance: StoredReport, **kwargs) -> None:
    """With its interview (interviewer.privacy_services.delete_interview) or its account, once
    the deletion has committed."""
    if name := instance.file.name:
        transaction.on_commit(lambda: default_storage.delete(name))
