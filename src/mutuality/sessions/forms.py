from datetime import date
from typing import Any

from django import forms

from mutuality.sessions.models import TherapySession
from mutuality.site.dates import not_in_future


class SessionForm(forms.ModelForm[TherapySession]):
    blank_never_varies = True  # but for its day: laid out once a day per process (site.fields)

    class Meta:
        model = TherapySession
        fields = ["held_on", "start_time", "duration_minutes", "modality", "attendees"]
        widgets = {
            "held_on": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
            "start_time": forms.TimeInput(format="%H:%M", attrs={"type": "time"}),
            "attendees": forms.TextInput(),
        }

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.initial.setdefault("held_on", today)
        for name in ("duration_minutes", "modality"):  # the model's defaults when left out
            self.fields[name].required = False

    def clean_held_on(self) -> date:
        on = not_in_future(self.cleaned_data["held_on"], self.today)
        return on

    def clean_modality(self) -> str:
        modality: str = self.cleaned_data["modality"] or TherapySession.Modality.IN_PERSON
        return modality

    def clean_duration_minutes(self) -> int:
        minutes: int = self.cleaned_data["duration_minutes"] or 50
        if not 5 <= minutes <= 600:
            raise forms.ValidationError("A session lasts between 5 and 600 minutes.")
        return minutes
