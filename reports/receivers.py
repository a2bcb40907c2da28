"""What reports does when the interviewer app signals (interviewer/signals.py); connected by
ReportsConfig.ready."""
from django.dispatch import receiver

from interviewer.models import Interview
from interviewer.signals import interview_finished, results_changed
from reports import services


@receiver(interview_finished)
def store_scores_and_email_report(sender, interview: Interview, **kwargs) -> None:
    services.interview_finished(interview)


@receiver(results_changed)
def store_new_scores(sender, interview_id: int, **kwargs) -> None:
    services.store_scores(Interview.objects.filter(pk=interview_id))
