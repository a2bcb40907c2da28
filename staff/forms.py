from django import forms


class BulkInviteForm(forms.Form):
    addresses = forms.CharField(
        label="Email addresses",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="One a line, or separated by commas or spaces.",
    )
    file = forms.FileField(
        label="Or a CSV file",
        required=False,
        help_text="One column of addresses, or a column headed “email”. At most 500 addresses and 1 MB.",
    )

    def clean(self):
        data = super().clean()
        if not data.get("addresses", "").strip() and not data.get("file"):
            raise forms.ValidationError("Paste some email addresses or choose a CSV file.")
        return data
