import math

from django import forms

from accounts.selectors import cohorts_run_by
from reviews.models import Rubric

MAX_CRITERIA = 10
MAX_COMMENTS = 100
MAX_COMMENT_CHARACTERS = 1000
SCORES = [(score, str(score)) for score in range(1, 6)]


class RubricForm(forms.ModelForm):
    criteria = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        help_text="One criterion per line, its name then a colon and what it looks for, e.g. “Structure: answers "
        "follow situation, "
        f"task, action, result”. Up to {MAX_CRITERIA}; each is rated 1 to 5.",
    )

    class Meta:
        model = Rubric
        fields = ["name", "cohort"]
        help_texts = {"cohort": "Its staff use the rubric to review the interviews of its members."}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = cohorts_run_by(user)
        if self.instance.pk:
            self.initial["criteria"] = "\n".join(f"{c.name}: {c.description}" for c in self.instance.criteria.all())

    def clean_criteria(self):
        criteria, problems = [], []
        for number, line in enumerate(self.cleaned_data["criteria"].splitlines(), 1):
            if not line.strip():
                continue
            name, colon, description = (part.strip() for part in line.partition(":"))
            if not colon or not name or not description:
                problems.append(f"Line {number} needs a name, a colon and a description.")
            elif len(name) > 80 or len(description) > 300:
                problems.append(f"Line {number}: names are at most 80 characters and descriptions 300.")
            elif name.lower() in {c[0].lower() for c in criteria}:
                problems.append(f"Line {number}: “{name}” is already a criterion.")
            else:
                criteria.append((name, description))
        if not problems and not 1 <= len(criteria) <= MAX_CRITERIA:
            problems.append(f"Write 1 to {MAX_CRITERIA} criteria, one per line.")
        if problems:
            raise forms.ValidationError(problems)
        return criteria


class ReviewForm(forms.Form):
    """A 1–5 rating for each criterion of the rubric, a summary, and the time-stamped comments
    the page collects (three parallel lists: recording, seconds into it, text)."""

    summary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=3000,
        required=False,
        help_text="Shown to the student with your ratings and comments.",
    )

    def __init__(self, *args, rubric, recording_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(rubric.criteria.all())
        self.recording_ids = set(recording_ids)
        for criterion in self.criteria:
            self.fields[f"rating_{criterion.pk}"] = forms.TypedChoiceField(
                label=criterion.name,
                help_text=criterion.description,
                choices=SCORES,
                coerce=int,
                widget=forms.RadioSelect(attrs={"class": "rating"}),
                error_messages={"required": f"Rate “{criterion.name}” from 1 to 5."},
            )
        self.order_fields([name for name in self.fields if name != "summary"] + ["summary"])

    def rating_fields(self):
        return [self[f"rating_{criterion.pk}"] for criterion in self.criteria]

    def clean(self):
        data = super().clean()
        data["comments"] = self._comments()
        return data

    def _comments(self) -> list[tuple[int | None, float, str]]:
        lists = (
            [self.data.getlist(name) for name in ("comment_recording", "comment_seconds", "comment_text")]
            if self.data
            else [[], [], []]
        )
        if len({len(values) for values in lists}) > 1:
            raise forms.ValidationError("The comments arrived incomplete; add them again.")
        if len(lists[0]) > MAX_COMMENTS:
            raise forms.ValidationError(f"A review holds at most {MAX_COMMENTS} comments.")
        comments = []
        for number, (recording, seconds, text) in enumerate(zip(*lists), 1):
            text = text.strip()
            if not text or len(text) > MAX_COMMENT_CHARACTERS:
                raise forms.ValidationError(f"Comment {number} must have 1 to {MAX_COMMENT_CHARACTERS} characters.")
            recording_id = int(recording) if recording.isdigit() else None
            if recording and recording_id not in self.recording_ids:
                raise forms.ValidationError(
                    f"Comment {number} is about a recording that is not part of this interview."
                )
            try:
                at = float(seconds or 0)
            except ValueError:
                at = -1
            if not math.isfinite(at) or not 0 <= at <= 24 * 3600:
                raise forms.ValidationError(f"Comment {number} has no valid time in its recording.")
            comments.append((recording_id, round(at, 1), text))
        return comments
