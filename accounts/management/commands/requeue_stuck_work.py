from django.conf import settings
from django.core.management.base import BaseCommand

from config.queued_work import MAX_QUEUEINGS, requeue_all_stuck


class Command(BaseCommand):
    help = (
        "Queues again the résumés, report emails and invitations that have waited more than STUCK_WORK_MINUTES "
        f"(saved but never queued, or their task died), and marks failed those queued {MAX_QUEUEINGS} times already, "
        "as the periodic task does. Safe to run at any time."
    )

    def handle(self, *args, **options):
        for name, swept in requeue_all_stuck():
            self.stdout.write(
                f"{name}: queued_again={swept.queued_again} given_up={swept.given_up}  "
                f"# waiting over {settings.STUCK_WORK_MINUTES:g} minutes"
            )
