from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from accounts.models import Cohort
from interviewer.models import Question, QuestionType, Stage


class QuestionSet(models.Model):
    """Questions chosen or written by career-centre staff, asked exactly as listed in an
    assignment. Shared with the staff of `cohort` when it has one; otherwise its creator's own."""

    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    cohort = models.ForeignKey(Cohort, null=True, blank=True, on_delete=models.CASCADE, related_name="question_sets")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="question_sets"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("question_set_detail", args=[self.pk])


class QuestionSetItem(models.Model):
    """One question of a set: a bank question, or one written by staff with everything the
    grader needs (model answer, key points, hint, type)."""

    question_set = models.ForeignKey(QuestionSet, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField()
    bank_question = models.ForeignKey(Question, null=True, blank=True, on_delete=models.PROTECT)
    text = models.TextField(blank=True)
    model_answer = models.TextField(blank=True)
    key_points = models.JSONField(default=list, blank=True)
    hint = models.TextField(blank=True)
    type = models.CharField(max_length=12, choices=QuestionType.choices, blank=True)

    class Meta:
        ordering = ["question_set", "position"]
        constraints = [
            models.UniqueConstraint(fields=["question_set", "position"], name="one_item_per_set_position"),
            models.CheckConstraint(
                condition=models.Q(bank_question__isnull=False) | ~models.Q(text=""),
                name="item_is_from_bank_or_written",
            ),
        ]

    @property
    def question(self):
        """Where the question's words come from: the bank question, or this item itself."""
        return self.bank_question or self

    @property
    def stage(self) -> str:
        return self.bank_question.stage if self.bank_question_id else Stage.MAIN

    def interview_question_fields(self) -> dict:
        """What an interview copies in when it asks this question (the bank may change later)."""
        q = self.question
        return {
            "bank_question": self.bank_question,
            "stage": self.stage,
            "type": q.type,
            "text": q.text,
            "model_answer": q.model_answer,
            "key_points": list(q.key_points),
            "hint": q.hint,
        }


class Assignment(models.Model):
    """A question set for a cohort's members, with rules the server enforces when they start it
    and while they answer (interviewer.services.start_assignment_interview)."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="assignments")
    question_set = models.ForeignKey(QuestionSet, on_delete=models.PROTECT, related_name="assignments")
    title = models.CharField(max_length=120)
    instructions = models.TextField(blank=True)
    due_at = models.DateTimeField()
    attempt_limit = models.PositiveSmallIntegerField(default=1)
    question_time_limit_seconds = models.PositiveSmallIntegerField(default=180)
    hints_allowed = models.BooleanField(default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_at"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("assignment_detail", args=[self.pk])

    @property
    def overdue(self) -> bool:
        return timezone.now() >= self.due_at
