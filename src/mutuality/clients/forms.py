from datetime import date
from typing import Any

from django import forms

from mutuality.clients.models import Client, SocialIdentity
from mutuality.core import rct


class ClientForm(forms.ModelForm[Client]):
    concerns = forms.MultipleChoiceField(
        label="Presenting concerns",
        choices=[(p.key, p.name) for p in rct.PROBLEMS],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Problems-for-work from the Guide; add your own words below.",
    )

    class Meta:
        model = Client
        fields = [
            "display_name",
            "pronouns",
            "status",
            "start_date",
            "concerns",
            "concerns_note",
            "date_of_birth",
            "email",
            "phone",
        ]
        widgets = {
            "start_date": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
            "date_of_birth": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
            "concerns_note": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "display_name": {"required": "Give the client a name or pseudonym."},
            "start_date": {"required": "Give the date your work together started."},
        }

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today

    def clean_date_of_birth(self) -> date | None:
        born: date | None = self.cleaned_data.get("date_of_birth")
        if born and born >= self.today:
            raise forms.ValidationError("Date of birth must be in the past.")
        return born


class IdentityForm(forms.ModelForm[SocialIdentity]):
    blank_never_varies = True  # fixed choices: laid out once per process (site.fields)

    class Meta:
        model = SocialIdentity
        fields = ["dimension", "own_words", "position", "contexts"]
