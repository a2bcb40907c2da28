"""Forms of the résumé pages: uploading or pasting a résumé, correcting the profile read from
it, and the job description the readiness score is measured against."""

from django import forms

from interviewer.engine.resume import extract
from resumes.models import Profile
from resumes.services import MAX_PASTED_CHARACTERS

MAX_ENTRIES = 30  # jobs, schools or projects on one profile
LINES_HELP = "One per line."


class ResumeUploadForm(forms.Form):
    file = forms.FileField(
        label="Your résumé",
        help_text=f"A PDF or Word (.docx) file, up to {extract.MAX_BYTES // 1024 // 1024} MB and {extract.MAX_PAGES} "
        "pages.",
        widget=forms.ClearableFileInput(
            attrs={
                "accept": (
                    ".pdf,.docx,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                )
            }
        ),
    )

    def clean_file(self):
        """Size and type are checked here, from the content, so that a wrong file is refused
        at once instead of after a trip to the background worker."""
        uploaded = self.cleaned_data["file"]
        if uploaded.size > extract.MAX_BYTES:
            raise forms.ValidationError(extract.too_large_message(uploaded.size))
        head = uploaded.read(2048)
        uploaded.seek(0)
        try:
            self.kind = extract.sniff(head)
        except extract.UnreadableResume as refusal:
            raise forms.ValidationError(str(refusal)) from refusal
        return uploaded


class PasteResumeForm(forms.Form):
    text = forms.CharField(
        label="Résumé text",
        max_length=MAX_PASTED_CHARACTERS,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Copy everything from your résumé (Ctrl+A, Ctrl+C in your editor) and paste it here.",
    )


class LinesField(forms.CharField):
    """A list edited as text, one item per line (or separated by `separator`)."""

    def __init__(self, *args, separator: str = "\n", **kwargs):
        self.separator = separator
        super().__init__(*args, required=False, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, list):
            return self.separator.join(value) if self.separator == "\n" else f"{self.separator} ".join(value)
        return value

    def to_python(self, value):
        text = super().to_python(value) or ""
        return [" ".join(item.split()) for item in text.split(self.separator) if item.strip()]


class ProfileForm(forms.ModelForm):
    email = forms.EmailField(required=False)
    linkedin = forms.URLField(label="LinkedIn", required=False, max_length=300, assume_scheme="https")
    github = forms.URLField(label="GitHub", required=False, max_length=300, assume_scheme="https")
    portfolio = forms.URLField(label="Portfolio or website", required=False, max_length=300, assume_scheme="https")
    skills = LinesField(
        separator=",",
        max_length=3000,
        help_text="Separated by commas. Known skills are stored under one name (JS → JavaScript).",
    )
    certifications = LinesField(widget=forms.Textarea(attrs={"rows": 3}), max_length=5000, help_text=LINES_HELP)
    awards = LinesField(
        label="Awards and honours", widget=forms.Textarea(attrs={"rows": 3}), max_length=5000, help_text=LINES_HELP
    )
    publications = LinesField(widget=forms.Textarea(attrs={"rows": 3}), max_length=10_000, help_text=LINES_HELP)
    activities = LinesField(
        label="Activities and memberships",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        help_text=LINES_HELP,
    )

    class Meta:
        model = Profile
        fields = [
            "name",
            "email",
            "phone",
            "linkedin",
            "github",
            "portfolio",
            "summary",
            "skills",
            "certifications",
            "awards",
            "publications",
            "activities",
        ]
        labels = {"name": "Full name"}
        widgets = {"summary": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.instance.unsure if self.instance.pk else ():
            if name in self.fields:  # highlighted for the candidate to check
                self.fields[name].widget.attrs["class"] = "unsure"
                self.fields[name].help_text = "Please check this: we weren't sure we read it right."


class EntryForm(forms.Form):
    """One job, school or project. A blank one (the spare at the end) is left out."""

    def entry(self) -> dict | None:
        data = {name: self.cleaned_data.get(name, "") for name in self.fields if name != "DELETE"}
        if self.cleaned_data.get("DELETE") or not any(data.values()):
            return None
        return data


class ExperienceForm(EntryForm):
    title = forms.CharField(max_length=200, required=False)
    employer = forms.CharField(max_length=200, required=False)
    dates = forms.CharField(max_length=100, required=False, help_text="E.g. Jan 2021 – Present.")
    bullets = LinesField(
        label="Achievements", widget=forms.Textarea(attrs={"rows": 4}), max_length=5000, help_text=LINES_HELP
    )


class EducationForm(EntryForm):
    qualification = forms.CharField(max_length=200, required=False)
    institution = forms.CharField(max_length=200, required=False)
    dates = forms.CharField(max_length=100, required=False)
    details = forms.CharField(max_length=2000, required=False)


class ProjectForm(EntryForm):
    name = forms.CharField(label="Project name", max_length=200, required=False)
    description = forms.CharField(max_length=3000, required=False, widget=forms.Textarea(attrs={"rows": 3}))
    technologies = LinesField(separator=",", max_length=1000, help_text="Separated by commas.")


class EntryFormSet(forms.BaseFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if index is not None and index >= self.initial_form_count():
            del form.fields["DELETE"]  # the spare entry at the end has nothing to remove
        else:
            form.fields["DELETE"].label = "Remove this entry"


def entry_formset(form_class: type[EntryForm]):
    return forms.formset_factory(
        form_class,
        formset=EntryFormSet,
        extra=1,
        can_delete=True,
        max_num=MAX_ENTRIES,
        validate_max=True,
        absolute_max=MAX_ENTRIES + 1,
    )


ENTRY_FORMSETS = {
    "experience": entry_formset(ExperienceForm),
    "education": entry_formset(EducationForm),
    "projects": entry_formset(ProjectForm),
}


class JobDescriptionForm(forms.Form):
    job_description = forms.CharField(
        label="Job description",
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Paste the advert to see which of the skills it names your profile shows.",
    )
