from typing import Any

from django import forms
from django.contrib.auth.models import User

from mutuality.practices.models import Clinician, Practice, Role


class PersonForm(forms.Form):
    display_name = forms.CharField(label="Name", max_length=120)
    username = forms.RegexField(
        regex=r"^[\w.@+-]{3,150}$",
        max_length=150,
        help_text="3 or more letters, digits or . @ + - _; what they type to sign in.",
        error_messages={"invalid": "Use 3 or more letters, digits or . @ + - _ only."},
    )
    role = forms.ChoiceField(choices=Role.choices, initial=Role.CLINICIAN)
    password = forms.CharField(
        label="First password",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="Give it to them in person; they can change it on their account page.",
    )


class PersonChangeForm(forms.Form):
    role = forms.ChoiceField(choices=Role.choices)
    active = forms.BooleanField(
        label="Can sign in", required=False, help_text="Untick when someone leaves the practice."
    )
    reset_two_factor = forms.BooleanField(
        label="Reset two-factor sign-in",
        required=False,
        help_text="For a lost phone: their authenticator and recovery codes stop working, "
        "and they set up a new one at the next sign-in.",
    )
    new_password = forms.CharField(
        label="New password",
        required=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


def _people(practice: Practice, roles: set[str]) -> list[tuple[int, str]]:
    found = Clinician.objects.filter(practice=practice, role__in=roles, user__is_active=True)
    return [(c.user_id, c.display_name) for c in found.order_by("display_name")]


class SupervisionForm(forms.Form):
    supervisor = forms.TypedChoiceField(coerce=int)
    supervisee = forms.TypedChoiceField(coerce=int)
    cosign_required = forms.BooleanField(
        label="Their notes need co-signing",
        required=False,
        help_text="For a trainee or a pre-licensed clinician.",
    )

    def __init__(self, *args: Any, practice: Practice, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.practice = practice
        supervisor, supervisee = self.fields["supervisor"], self.fields["supervisee"]
        assert isinstance(supervisor, forms.TypedChoiceField)
        assert isinstance(supervisee, forms.TypedChoiceField)
        supervisor.choices = _people(practice, {Role.SUPERVISOR})
        supervisee.choices = _people(practice, {Role.CLINICIAN, Role.SUPERVISOR})

    def user(self, key: str) -> User:
        return User.objects.get(pk=self.cleaned_data[key])


class PracticeForm(forms.ModelForm[Practice]):
    class Meta:
        model = Practice
        fields = ["name", "retention_years"]
        widgets = {"retention_years": forms.NumberInput(attrs={"min": 1, "max": 100})}

    def clean_retention_years(self) -> int:
        years: int = self.cleaned_data["retention_years"]
        if not 1 <= years <= 100:
            raise forms.ValidationError("Give a retention period between 1 and 100 years.")
        return years
