from django import forms

from interviewer import selectors
from interviewer.engine.planning import DURATIONS, InterviewSetup
from interviewer.models import Difficulty, Interview


class CameraChoiceForm(forms.Form):
    """The candidate's choice for one interview's camera, within what the server and their cohorts
    allow (selectors.camera_policy_for); before their first interview, also that they read what a
    recorded interview records, measures, shows to whom and keeps."""

    camera = forms.ChoiceField(label="Camera for this interview", widget=forms.RadioSelect)
    notice_read = forms.BooleanField(
        label="I have read what is recorded, what is measured, who can see it and how long it is kept",
        required=True,
    )

    def __init__(self, *args, policy: selectors.CameraPolicy, notice_needed: bool, **kwargs):
        super().__init__(*args, **kwargs)
        choices = policy.camera_choices()
        self.fields["camera"].choices = choices
        self.fields["camera"].initial = choices[0][0]
        self.fields["camera"].help_text = (
            "Analysed: your face being visible and looking at the camera are measured"
            + (", and the expression your face is read as" if policy.expressions else "")
            + ". Recorded only: the video is kept for you (and the staff of your cohorts) to watch, nothing is "
            "measured in it. "
            "Off: only your microphone is recorded."
        )
        if not notice_needed:
            del self.fields["notice_read"]

    def camera_choice(self) -> str:
        return self.cleaned_data["camera"]


class InterviewSetupForm(CameraChoiceForm):
    candidate_name = forms.CharField(label="Your name", max_length=100, help_text="How the interviewer addresses you.")
    position = forms.CharField(
        label="Position", max_length=120, help_text="The job you are preparing for, e.g. Graduate data analyst."
    )
    domain = forms.ModelChoiceField(
        queryset=selectors.selectable_domains(), required=False, empty_label="— Choose a field —", label="Field"
    )
    topic = forms.CharField(
        label="Or a topic",
        max_length=120,
        required=False,
        help_text="Optional: steer the questions, e.g. “SQL window functions”.",
    )
    use_resume = forms.BooleanField(
        label="Ask about my résumé",
        required=False,
        help_text="Questions about your own projects, jobs and skills; without a field, the fields your skills point "
        "to.",
    )
    difficulty = forms.ChoiceField(choices=Difficulty.choices, initial=Difficulty.MEDIUM)
    duration_minutes = forms.TypedChoiceField(
        label="Duration", choices=[(d, f"{d} minutes") for d in DURATIONS], coerce=int, initial=15
    )
    type = forms.ChoiceField(label="Interview type", choices=Interview.Type.choices, initial=Interview.Type.MIXED)

    field_order = [
        "candidate_name",
        "position",
        "domain",
        "topic",
        "use_resume",
        "difficulty",
        "duration_minutes",
        "type",
        "camera",
        "notice_read",
    ]

    def __init__(self, *args, has_resume_profile: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.has_resume_profile = has_resume_profile
        if not has_resume_profile:
            self.fields["use_resume"].help_text = "Upload your résumé on the Résumé page first."

    def clean(self):
        data = super().clean()
        if data.get("use_resume") and not self.has_resume_profile:
            self.add_error(
                "use_resume", "There is no résumé to ask about yet: upload or paste it on the Résumé page first."
            )
        elif not data.get("domain") and not (data.get("topic") or "").strip() and not data.get("use_resume"):
            self.add_error("domain", "Choose a field, or name a topic below.")
        return data

    def setup(self) -> InterviewSetup:
        data = self.cleaned_data
        return InterviewSetup(
            position=data["position"],
            difficulty=data["difficulty"],
            duration_minutes=data["duration_minutes"],
            type=data["type"],
            domain=data["domain"].slug if data["domain"] else None,
            topic=data["topic"].strip(),
            use_resume=data["use_resume"],
        )
