import json
from datetime import date
from typing import Any

from django import forms

from mutuality.clients.models import Client
from mutuality.core.measures.model import Instrument
from mutuality.maps.models import Relationship
from mutuality.measures.registry import all_instruments
from mutuality.site.dates import not_in_future

MAX_QUESTIONNAIRE_BYTES = 1_000_000


class AnswersForm(forms.Form):
    """One radio group per item, keyed by the item's stable key."""

    def __init__(self, instrument: Instrument, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", instrument.key)
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        for item in instrument.items:
            self.fields[item.key] = forms.TypedChoiceField(
                label=item.label,
                choices=[(o.value, o.label) for o in item.options],
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect(attrs={"class": "scale"}),
                error_messages={
                    "invalid_choice": f"{item.label}: %(value)s is not one of the answers "
                    "to this item."
                },
            )

    def answers(self) -> dict[str, int | None]:
        return {item.key: self.cleaned_data.get(item.key) for item in self.instrument.items}


class SessionEntryForm(forms.Form):
    taken_on = forms.DateField(
        label="Date answered", widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    relationship = forms.ModelChoiceField(
        queryset=Relationship.objects.none(),
        required=False,
        help_text="For a relationship check: which relationship it is about.",
    )

    def __init__(
        self, *args: Any, client: Client, instrument: Instrument, today: date, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.instrument = instrument
        rel_field = self.fields["relationship"]
        assert isinstance(rel_field, forms.ModelChoiceField)
        rel_field.queryset = client.relationships.all()
        if instrument.key != "relationship-check":
            del self.fields["relationship"]
        self.initial.setdefault("taken_on", today)

    def clean_taken_on(self) -> date:
        on = not_in_future(self.cleaned_data["taken_on"], self.today)
        return on

    def clean_relationship(self) -> Relationship | None:
        rel: Relationship | None = self.cleaned_data.get("relationship")
        if self.instrument.key == "relationship-check" and rel is None:
            raise forms.ValidationError("Choose the relationship this check is about.")
        return rel


# The log kinds, as logs.models.LogKind offers them (measures sits below logs).
LOG_CHOICES = [
    ("five-good-things", "Five good things"),
    ("disclosure", "Authentic disclosures"),
    ("connection", "Connection activities"),
]


class LinkForm(forms.Form):
    instruments = forms.MultipleChoiceField(
        label="Check-ins to send", widget=forms.CheckboxSelectMultiple, required=False
    )
    logs = forms.MultipleChoiceField(
        label="Logs the client may keep between sessions",
        widget=forms.CheckboxSelectMultiple,
        required=False,
        choices=LOG_CHOICES,
    )
    share_plan = forms.BooleanField(
        label="Share the treatment plan for the client to read and acknowledge", required=False
    )
    relationship = forms.ModelChoiceField(
        queryset=Relationship.objects.none(),
        required=False,
        help_text="Needed when you send a relationship check.",
    )
    days = forms.IntegerField(label="Link works for (days)", min_value=1, max_value=90, initial=14)
    recurring_weekly = forms.BooleanField(
        label="Weekly: the client may answer once each week until the link expires", required=False
    )
    share_progress = forms.BooleanField(
        label="After answering, show the client their own check-in progress", required=False
    )

    def __init__(self, *args: Any, client: Client, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = self.fields["instruments"]
        assert isinstance(choices, forms.MultipleChoiceField)
        choices.choices = [
            (i.key, i.title)
            for i in all_instruments()
            if i.has_wording and not i.key.endswith("-clinician")
        ]
        rel_field = self.fields["relationship"]
        assert isinstance(rel_field, forms.ModelChoiceField)
        rel_field.queryset = client.relationships.all()

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        if not (data.get("instruments") or data.get("logs") or data.get("share_plan")):
            raise forms.ValidationError("Choose at least one check-in, log or the plan to share.")
        if "relationship-check" in data.get("instruments", []) and not data.get("relationship"):
            self.add_error("relationship", "Choose the relationship the check is about.")
        return data


class QuestionnaireUploadForm(forms.Form):
    file = forms.FileField(label="FHIR R4 Questionnaire (JSON)")

    def clean_file(self) -> dict[str, Any]:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_QUESTIONNAIRE_BYTES:
            raise forms.ValidationError(
                f"The file is {upload.size / 1_000_000:.1f} MB; the limit is 1 MB."
            )
        raw = upload.read()
        try:
            data = json.loads(raw.decode("utf-8-sig"))
        except UnicodeDecodeError:
            raise forms.ValidationError("The file is not UTF-8 text.") from None
        except json.JSONDecodeError as e:
            raise forms.ValidationError(
                f"The file is not valid JSON: line {e.lineno}, column {e.colno}: {e.msg}."
            ) from None
        if not isinstance(data, dict):
            raise forms.ValidationError("The file must hold one JSON object, a Questionnaire.")
        return data
