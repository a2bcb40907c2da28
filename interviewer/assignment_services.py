"""Writes for question sets and assignments (starting an attempt is
interviewer.services.start_assignment_interview, beside the other ways an interview starts)."""
from django.db import transaction
from django.db.models import Max

from interviewer.assignment_forms import MAX_ITEMS_PER_SET
from interviewer.models import Question, QuestionSet, QuestionSetItem


class CannotAdd(Exception):
    """Why a question can't go into the set, for the page to show."""


@transaction.atomic
def add_to_set(question_set: QuestionSet, *, bank_question: Question | None = None, **written) -> QuestionSetItem:
    """Appends a bank question, or a written one (text, type, model_answer, key_points, hint).
    The set's row is locked so two additions at once get different positions."""
    question_set = QuestionSet.objects.select_for_update().get(pk=question_set.pk)
    if question_set.items.count() >= MAX_ITEMS_PER_SET:
        raise CannotAdd(f"A set holds at most {MAX_ITEMS_PER_SET} questions; start another set for more.")
    if bank_question and question_set.items.filter(bank_question=bank_question).exists():
        raise CannotAdd("That question is already in this set.")
    last = question_set.items.aggregate(last=Max("position"))["last"] or 0
    return QuestionSetItem.objects.create(question_set=question_set, position=last + 1, bank_question=bank_question, **written)


def remove_from_set(item: QuestionSetItem) -> None:
    item.delete()
