from django import forms

from interviewer import selectors
from interviewer.engine.planning import DURATIONS, InterviewSetup
from interviewer.models import Difficulty, Interview


class InterviewSetupForm(forms.Form):
    candidate_name = forms.CharField(label="Your name", max_length=100, help_text="How the interviewer addresses you.")
    position = forms.CharField(label="Position", max_length=120, help_text="The job you are preparing for, e.g. Graduate data analyst.")
    domain = forms.ModelChoiceField(queryset=selectors.selectable_domains(), required=False, empty_label="— Choose a field —", label="Field")
    topic = forms.CharField(label="Or a topic", max_length=120, required=False, help_text="Optional: steer the questions, e.g. “SQL window functions”.")
    use_resume = forms.BooleanField(
        label="Ask about my résumé", required=False,
        help_text="Questions about your own projects, jobs and skills; without a field, the fields your skills point to.",
    )
    difficulty = forms.ChoiceField(choices=Difficulty.choices, initial=Difficulty.MEDIUM)
    duration_minutes = forms.TypedChoiceField(label="Duration", choices=[(d, f"{d} minutes") for d in DURATIONS], coerce=int, initial=15)
    type = forms.ChoiceField(label="Interview type", choices=Interview.Type.choices, initial=Interview.Type.MIXED)

    def __init__(self, *args, has_resume_profile: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.has_resume_profile = has_resume_profile
        if not has_resume_profile:
            self.fields["use_resume"].help_text = "Upload your résumé on the Résumé page first."

    def clean(self):
        data = super().clean()
        if data.get("use_resume") and not self.has_resume_profile:
            self.add_error("use_resume", "There is no résumé to ask about yet: upload or paste it on the Résumé page first.")
        elif not data.get("domain") and not (data.get("topic") or "").strip() and not data.get("use_resume"):
            self.add_error("domain", "Choose a field, or name a topic below.")
        return data

    def setup(self) -> InterviewSetup:
        data = self.cleaned_data
        return InterviewSetup(
            position=data["position"], difficulty=data["difficulty"], duration_minutes=data["duration_minutes"],
            type=data["type"], domain=data["domain"].slug if data["domain"] else None, topic=data["topic"].strip(),
            use_resume=data["use_resume"],
        )
