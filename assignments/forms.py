from django import forms
from django.utils import timezone

from accounts.selectors import cohorts_run_by
from assignments.models import Assignment, QuestionSet
from assignments.selectors import question_sets_for_staff
from interviewer import selectors
from interviewer.models import Difficulty, QuestionType

MIN_KEY_POINTS, MAX_KEY_POINTS = 3, 6
MAX_ITEMS_PER_SET = 30


class QuestionSetForm(forms.ModelForm):
    class Meta:
        model = QuestionSet
        fields = ["name", "description", "cohort"]
        help_texts = {"cohort": "Shared with that cohort's staff; leave empty to keep the set to yourself."}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = cohorts_run_by(user)
        self.fields["cohort"].empty_label = "Just me"


class BankSearchForm(forms.Form):
    # Not "text": the written question's field on the same page has that name (and its id).
    words = forms.CharField(label="Words in the question", max_length=100, required=False)
    domain = forms.ModelChoiceField(
        queryset=selectors.selectable_domains(), required=False, empty_label="Any field", label="Field"
    )
    difficulty = forms.ChoiceField(choices=[("", "Any difficulty"), *Difficulty.choices], required=False)


class WrittenQuestionForm(forms.Form):
    text = forms.CharField(label="Question", max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))
    type = forms.ChoiceField(
        choices=QuestionType.choices,
        initial=QuestionType.TECHNICAL,
        help_text="Behavioural and situational answers are also checked for situation, task, action and result.",
    )
    model_answer = forms.CharField(
        label="Model answer",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What a strong answer says; answers are scored by their closeness to it.",
    )
    key_points = forms.CharField(
        label="Key points",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=f"One per line, {MIN_KEY_POINTS} to {MAX_KEY_POINTS}; each is marked covered or missed in every "
        "answer.",
    )
    hint = forms.CharField(
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Shown after a first answer that misses, when the assignment allows hints.",
    )

    def clean_key_points(self):
        points = [line.strip(" -•\t") for line in self.cleaned_data["key_points"].splitlines()]
        points = [point for point in points if point]
        if not MIN_KEY_POINTS <= len(points) <= MAX_KEY_POINTS:
            raise forms.ValidationError(
                f"Write {MIN_KEY_POINTS} to {MAX_KEY_POINTS} key points, one per line (there are {len(points)})."
            )
        if too_long := [point for point in points if len(point) > 200]:
            raise forms.ValidationError(
                f"Key points are short phrases of at most 200 characters: “{too_long[0][:40]}…” is longer."
            )
        return points


class AssignmentForm(forms.ModelForm):
    due_at = forms.DateTimeField(
        label="Due",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text="After this moment the assignment can no longer be started.",
    )
    attempt_limit = forms.IntegerField(label="Attempts allowed", min_value=1, max_value=10, initial=1)
    question_time_limit_seconds = forms.IntegerField(
        label="Time per question (seconds)",
        min_value=30,
        max_value=600,
        initial=180,
        help_text="The question's clock in the room; an answer that ends later is not graded.",
    )

    class Meta:
        model = Assignment
        fields = [
            "title",
            "instructions",
            "cohort",
            "question_set",
            "due_at",
            "attempt_limit",
            "question_time_limit_seconds",
            "hints_allowed",
        ]
        labels = {"hints_allowed": "Allow hints"}
        help_texts = {
            "hints_allowed": "With hints, a missed first answer gets a hint and one retry; without, the model answer "
            "is shown and the next question follows."
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = cohorts_run_by(user)
        self.fields["question_set"].queryset = question_sets_for_staff(user)

    def clean_due_at(self):
        due_at = self.cleaned_data["due_at"]
        if due_at <= timezone.now() and (self.instance.pk is None or "due_at" in self.changed_data):
            raise forms.ValidationError("Choose a moment in the future.")
        return due_at

    def clean(self):
        data = super().clean()
        question_set, cohort = data.get("question_set"), data.get("cohort")
        if question_set and cohort and question_set.cohort_id not in (None, cohort.pk):
            self.add_error(
                "question_set",
                f"“{question_set}” is shared with {question_set.cohort}, not {cohort}: choose one of this cohort's "
                "sets or your own.",
            )
        if question_set and not question_set.items.exists():
            self.add_error("question_set", f"“{question_set}” has no questions yet: add some first.")
        return data
