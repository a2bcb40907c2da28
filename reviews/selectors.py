"""Reads for rubrics and reviews. A review is seen by its student and by the staff of the cohort
it was written for; staff review only the finished interviews of their cohorts' members."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.selectors import cohorts_run_by
from interviewer import selectors as interviewer_selectors
from interviewer.models import Interview
from reviews.models import Review, Rubric


def rubrics_for_staff(user):
    return Rubric.objects.filter(cohort__in=cohorts_run_by(user)).select_related("cohort").prefetch_related("criteria")


def rubric_for_staff(user, pk: int) -> Rubric:
    return get_object_or_404(rubrics_for_staff(user), pk=pk)


def reviewable_interview(user, pk: int) -> tuple[Interview, list]:
    """A finished interview of a member of a cohort this user runs, with those cohorts; else 404."""
    interview = get_object_or_404(
        interviewer_selectors.interviews_visible_to(user)
        .filter(status=Interview.Status.FINISHED)
        .select_related("candidate", "domain"),
        pk=pk,
    )
    cohorts = list(cohorts_run_by(user).filter(members=interview.candidate))
    if not cohorts:
        raise Http404("No such interview.")
    return interview, cohorts


def own_review(user, interview: Interview) -> Review | None:
    return Review.objects.filter(interview=interview, reviewer=user).prefetch_related("comments").first()


def reviews_visible_to(user, interview: Interview, recording_labels: dict[int, str]) -> list[Review]:
    """The interview's reviews this user may read, each comment labelled with the answer it is
    about (`comment.where`)."""
    reviews = Review.objects.filter(interview=interview).prefetch_related("comments")
    if interview.candidate_id != user.pk:
        reviews = reviews.filter(cohort__in=cohorts_run_by(user))
    reviews = list(reviews)
    for review in reviews:
        for comment in review.comments.all():
            comment.where = recording_labels.get(comment.recording_id, "the interview as a whole")
    return reviews


def recording_labels(report) -> dict[int, str]:
    """Recording → "question 2" or "question 2, second try", as the report numbers them."""
    return {
        attempt.recording.pk: f"question {item.number}" + (", second try" if attempt.answer.attempt > 1 else "")
        for item in report.questions
        for attempt in item.attempts
        if attempt.recording
    }
