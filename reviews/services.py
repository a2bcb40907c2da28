"""Writes for rubrics and reviews; saving a review emails its student in the background."""

import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from config.background import enqueue
from config.mail import absolute_url
from interviewer.models import Interview
from reviews.models import Review, ReviewComment, Rubric, RubricCriterion

log = logging.getLogger(__name__)


@transaction.atomic
def save_rubric(rubric: Rubric, criteria: list[tuple[str, str]]) -> Rubric:
    """Saves the rubric with exactly these criteria, in this order. Reviews already written keep
    the criteria they were rated on (Review.ratings is a copy)."""
    rubric.save()
    rubric.criteria.all().delete()
    RubricCriterion.objects.bulk_create(
        RubricCriterion(rubric=rubric, position=i, name=name, description=description)
        for i, (name, description) in enumerate(criteria, 1)
    )
    return rubric


@transaction.atomic
def save_review(
    *,
    reviewer,
    interview: Interview,
    rubric: Rubric,
    scores: dict[int, int],
    summary: str,
    comments: list[tuple[int | None, float, str]],
) -> Review:
    """One review per reviewer and interview: saving again replaces its ratings and comments.
    The student is emailed once the review is stored."""
    ratings = [
        {"criterion": c.name, "description": c.description, "score": scores[c.pk]} for c in rubric.criteria.all()
    ]
    review, _ = Review.objects.update_or_create(
        interview=interview,
        reviewer=reviewer,
        defaults={
            "cohort": rubric.cohort,
            "reviewer_name": reviewer.get_full_name() or reviewer.email,
            "rubric_name": rubric.name,
            "ratings": ratings,
            "summary": summary,
        },
    )
    review.comments.all().delete()
    ReviewComment.objects.bulk_create(
        ReviewComment(review=review, recording_id=recording_id, seconds=seconds, text=text)
        for recording_id, seconds, text in comments
    )

    transaction.on_commit(lambda: enqueue("reviews.tasks.send_review_email", review.pk))
    return review


def send_review_email(review_id: int) -> bool:
    """Tells the student their interview was reviewed, with the ratings and a link to the report."""
    review = Review.objects.select_related("interview__candidate").filter(pk=review_id).first()
    if review is None:
        return False  # deleted with the account before the email went
    interview = review.interview
    context = {
        "review": review,
        "interview": interview,
        "comment_count": review.comments.count(),
        "site_name": settings.SITE_NAME,
        "report_url": absolute_url(reverse("report", args=[interview.pk]) + "#reviews"),
    }
    message = EmailMessage(
        subject=f"[{settings.SITE_NAME}] {review.reviewer_name} reviewed your interview: {interview.position}",
        body=render_to_string("reviews/review_email.txt", context),
        to=[interview.candidate.email],
    )
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as error:
        log.warning("Review email %s could not be sent: %s", review.pk, error)
        return False
    return True
