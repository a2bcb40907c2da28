from django.conf import settings
from django.core.management.base import BaseCommand

from interviewer.privacy_services import delete_expired


class Command(BaseCommand):
    help = (
        "Deletes the recordings older than RECORDING_RETENTION_DAYS and clears the transcripts older than "
        "TRANSCRIPT_RETENTION_DAYS (when set), as the periodic task does. Safe to run at any time."
    )

    def handle(self, *args, **options):
        files, transcripts = delete_expired()
        self.stdout.write(
            f"recordings_deleted={files}  # older than {settings.RECORDING_RETENTION_DAYS or 'no limit:'} days"
        )
        self.stdout.write(
            f"transcripts_cleared={transcripts}  # older than {settings.TRANSCRIPT_RETENTION_DAYS or 'no limit:'} days"
        )
