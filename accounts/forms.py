from django import forms

from accounts.models import Cohort


class CohortForm(forms.ModelForm):
    class Meta:
        model = Cohort
        fields = ["name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class JoinCohortForm(forms.Form):
    code = forms.CharField(
        label="Invite code",
        max_length=20,
        help_text="The 8-character code from your career centre, e.g. K7QM2XPA.",
    )


class DeleteAccountForm(forms.Form):
    password = forms.CharField(label="Your password", widget=forms.PasswordInput, strip=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That password is not correct.")
        return password
