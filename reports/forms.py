from django import forms


class ReportPreferencesForm(forms.Form):
    email_after_interview = forms.BooleanField(
        label="Email me the PDF report when an interview ends",
        required=False,
        help_text="You can always download the PDF from a report, or email it to yourself from there.",
    )
