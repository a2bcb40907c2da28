"""Writes for question sets and assignments, and starting an attempt at an assignment."""

import math

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from assignments.forms import MAX_ITEMS_PER_SET
from assignments.models import Assignment, QuestionSet, QuestionSetItem
from interviewer.models import Difficulty, Interview, InterviewQuestion, Question
from interviewer.services import POSITION_GAP


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
    return QuestionSetItem.objects.create(
        question_set=question_set, position=last + 1, bank_question=bank_question, **written
    )


def remove_from_set(item: QuestionSetItem) -> None:
    item.delete()


class AssignmentRefused(Exception):
    """Why a student can't start an assignment, shown to them as it is."""


# Each question of an assignment gets its time limit plus this long to read its feedback.
FEEDBACK_SECONDS_PER_QUESTION = 60


@transaction.atomic
def start_assignment_interview(*, candidate, assignment_id: int) -> Interview:
    """An attempt at an assignment: exactly its question set's questions, in order, with its time
    limit and hint rule, and no follow-ups. Refused for non-members, after the due date and once
    the attempts are used up; an attempt in progress is returned instead of starting another.
    The assignment's row stays locked while its attempts are counted, so two starts at once
    can't both take the last attempt."""
    assignment = Assignment.objects.select_for_update().filter(pk=assignment_id).first()
    if assignment is None or not candidate.cohorts.filter(pk=assignment.cohort_id).exists():
        raise AssignmentRefused("This assignment belongs to a cohort you are not a member of.")
    attempts = assignment.interviews.filter(candidate=candidate)
    if ongoing := attempts.exclude(status=Interview.Status.FINISHED).first():
        return ongoing
    if assignment.overdue:
        raise AssignmentRefused(
            f"“{assignment.title}” was due on {timezone.localtime(assignment.due_at):%-d %B %Y at %H:%M}; it can no "
            "longer be started."
        )
    if attempts.count() >= assignment.attempt_limit:
        raise AssignmentRefused(
            f"You have used all {assignment.attempt_limit} attempt{'s' if assignment.attempt_limit > 1 else ''} at "
            f"“{assignment.title}”."
        )
    items = list(assignment.question_set.items.select_related("bank_question"))
    if not items:
        raise AssignmentRefused(f"“{assignment.title}” has no questions yet: ask your career centre to add some.")
    limit = assignment.question_time_limit_seconds
    interview = Interview.objects.create(
        candidate=candidate,
        candidate_name=candidate.get_full_name() or candidate.display_name,
        topic=assignment.question_set.name,
        position=assignment.title,
        difficulty=Difficulty.MEDIUM,
        type=Interview.Type.MIXED,
        follow_ups_left=0,
        duration_minutes=math.ceil(len(items) * (limit + FEEDBACK_SECONDS_PER_QUESTION) / 60),
        question_time_limit_seconds=limit,
        hints_allowed=assignment.hints_allowed,
        assignment=assignment,
    )
    InterviewQuestion.objects.bulk_create(
        InterviewQuestion(interview=interview, position=(i + 1) * POSITION_GAP, **item.interview_question_fields())
        for i, item in enumerate(items)
    )
    return interview
