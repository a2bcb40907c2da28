from django.conf import settings
from django.core.management.base import BaseCommand

from accounts.invites import requeue_stuck_invitations
from accounts.resume_services import requeue_stuck_resumes
from config.queued_work import MAX_QUEUEINGS
from reports.services import requeue_stuck_report_emails


class Command(BaseCommand):
    help = (
        "Queues again the résumés, report emails and invitations that have waited more than STUCK_WORK_MINUTES "
        f"(saved but never queued, or their task died), and marks failed those queued {MAX_QUEUEINGS} times already, "
        "as the periodic task does. Safe to run at any time."
    )

    def handle(self, *args, **options):
        for name, sweep in (("resumes", requeue_stuck_resumes), ("report_emails", requeue_stuck_report_emails),
                            ("invitations", requeue_stuck_invitations)):
            swept = sweep()
            self.stdout.write(f"{name}: queued_again={swept.queued_again} given_up={swept.given_up}  "
                              f"# waiting over {settings.STUCK_WORK_MINUTES:g} minutes")
