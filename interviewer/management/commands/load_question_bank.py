from django.core.management.base import BaseCommand, CommandError

from interviewer.engine.bank import BANK_DIR, read_bank
from interviewer.services import BankError, load_question_bank


class Command(BaseCommand):
    help = "Loads the question bank from interviewer/question_bank/*.yaml (safe to run again)."

    def handle(self, *args, **options):
        try:
            summary = load_question_bank(read_bank(BANK_DIR))
        except BankError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Question bank: {summary.created} added, {summary.updated} updated, {summary.retired} retired."
        )
