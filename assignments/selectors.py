"""Reads for question sets and assignments: what staff may edit, what students are set, and who
has done each assignment."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404

from accounts.models import Membership
from accounts.selectors import cohorts_run_by
from assignments.models import Assignment, QuestionSet
from interviewer.models import Interview, Question
from reports import selectors as report_selectors

BANK_SEARCH_RESULTS = 30


def question_sets_for_staff(user):
    """Sets shared with a cohort this user runs, and their own personal ones."""
    return (
        QuestionSet.objects.filter(Q(cohort__in=cohorts_run_by(user)) | Q(cohort=None, created_by=user))
        .select_related("cohort")
        .annotate(item_count=Count("items"))
    )


def question_set_for_staff(user, pk: int) -> QuestionSet:
    """404 for anyone else's set, as for any object that isn't theirs."""
    return get_object_or_404(question_sets_for_staff(user), pk=pk)


def items_of(question_set: QuestionSet):
    return question_set.items.select_related("bank_question__domain")


def search_bank(*, words: str = "", domain=None, difficulty: str = ""):
    """Active bank questions matching the staff member's search, a page at a time."""
    questions = Question.objects.filter(active=True).select_related("domain")
    if words:
        questions = questions.filter(Q(text__icontains=words) | Q(tags__icontains=words))
    if domain:
        questions = questions.filter(domain=domain)
    if difficulty:
        questions = questions.filter(difficulty=difficulty)
    return questions[:BANK_SEARCH_RESULTS]


def assignments_for_staff(user):
    return Assignment.objects.filter(cohort__in=cohorts_run_by(user)).select_related("cohort", "question_set")


def assignment_for_staff(user, pk: int) -> Assignment:
    return get_object_or_404(assignments_for_staff(user), pk=pk)


def assignments_for_student(user):
    """The assignments of the cohorts this user is a member of, with the attempts they used."""
    return (
        Assignment.objects.filter(cohort__in=user.cohorts.all())
        .select_related("cohort")
        .annotate(attempts_used=Count("interviews", filter=Q(interviews__candidate=user)))
    )


@dataclass
class StudentProgress:
    email: str
    name: str
    status: str  # "completed", "in progress", "not started"
    attempts_used: int
    best_score: float | None  # the best overall score of a finished attempt, 0–100
    best_interview_id: (
        int | None
    )  # that attempt (the latest finished one when none has a score), for its report and review


def assignment_progress(assignment: Assignment) -> list[StudentProgress]:
    """One row per member of the assignment's cohort, from four queries whatever their number."""
    members = Membership.objects.filter(cohort=assignment.cohort_id).select_related("user").order_by("user__email")
    attempts = list(Interview.objects.filter(assignment=assignment).values_list("pk", "candidate_id", "status"))
    finished = [pk for pk, _, status in attempts if status == Interview.Status.FINISHED]
    scores = report_selectors.scores_from_answers(finished)
    rows = []
    for membership in members:
        own = [(pk, status) for pk, candidate_id, status in attempts if candidate_id == membership.user_id]
        done = [pk for pk, status in own if status == Interview.Status.FINISHED]
        best = max(done, key=lambda pk: (scores[pk].overall or -1, pk), default=None)
        rows.append(
            StudentProgress(
                email=membership.user.email,
                name=membership.user.get_full_name(),
                status="completed" if done else "in progress" if own else "not started",
                attempts_used=len(own),
                best_score=scores[best].overall if best else None,
                best_interview_id=best,
            )
        )
    return rows
