"""The formulation form: lists as one entry a line, repeating parts as small formsets."""

from datetime import date
from typing import Any

from django import forms

from mutuality.core.record.formulation import ImageStatus, Internalised
from mutuality.maps.models import Relationship
from mutuality.site.dates import not_in_future

LINES = forms.Textarea(attrs={"rows": 3})


def _lines(label: str, help_text: str) -> forms.CharField:
    return forms.CharField(
        label=label, help_text=help_text, required=False, max_length=5000, widget=LINES
    )


class FormulationForm(forms.Form):
    as_of = forms.DateField(
        label="Dated", widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    yearnings = _lines("Yearnings for connection", "One a line, in the client's words if you can.")
    isolation = _lines("Condemned isolation and marginalisation", "Experiences, one a line.")
    resilience = _lines("Sources of relational resilience and strength", "One a line.")
    therapy_power_culture = forms.CharField(
        label="Power and culture in the therapy relationship",
        required=False,
        max_length=5000,
        widget=LINES,
    )
    clinician_location = forms.CharField(
        label="Your own social location",
        help_text="Your identities and power as they bear on this work.",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    shared = forms.BooleanField(label="Share the summary with the client", required=False)

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today

    def clean_as_of(self) -> date:
        on = not_in_future(self.cleaned_data["as_of"], self.today)
        return on


class _Row(forms.Form):
    def __init__(
        self, *args: Any, relationships: Any = None, listed: Any = None, **kwargs: Any
    ) -> None:
        """`relationships`: the client's, which a chosen one must be among; `listed`: the
        same, read once for every row of the page (each row's choices would otherwise read
        them again)."""
        super().__init__(*args, **kwargs)
        if "relationship" in self.fields:
            field = self.fields["relationship"]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = (
                relationships if relationships is not None else Relationship.objects.none()
            )
            if listed is not None:
                blank = [] if field.empty_label is None else [("", field.empty_label)]
                field.choices = [*blank, *((r.pk, field.label_from_instance(r)) for r in listed)]


class StrategyRow(_Row):
    strategy = forms.CharField(label="Strategy of disconnection", max_length=300, required=False)
    where = forms.CharField(label="Where it shows up", max_length=300, required=False)
    protects = forms.CharField(label="What it protects", max_length=300, required=False)
    relationship = forms.ModelChoiceField(
        label="On the map", queryset=Relationship.objects.none(), required=False
    )


class ImageRow(_Row):
    words = forms.CharField(
        label="Relational image, in the client's words", max_length=300, required=False
    )
    origin = forms.CharField(label="Where it was learned", max_length=300, required=False)
    status = forms.ChoiceField(choices=[(s.value, s.value) for s in ImageStatus], initial="active")
    relationship = forms.ModelChoiceField(
        label="On the map", queryset=Relationship.objects.none(), required=False
    )


class ControllingRow(_Row):
    image = forms.CharField(label="Controlling image", max_length=300, required=False)
    source = forms.CharField(label="Its source", max_length=300, required=False)
    internalised = forms.ChoiceField(
        label="How far internalised",
        choices=[(s.value, s.value) for s in Internalised],
        initial="partly",
    )


StrategyRows = forms.formset_factory(StrategyRow, extra=2, max_num=20)
ImageRows = forms.formset_factory(ImageRow, extra=2, max_num=20)
ControllingRows = forms.formset_factory(ControllingRow, extra=1, max_num=20)


def _split(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def to_content(form: FormulationForm, *rows: forms.BaseFormSet) -> dict[str, Any]:  # type: ignore[type-arg]
    strategies, images, controlling = ([r for r in fs.cleaned_data if r] for fs in rows)
    data = form.cleaned_data
    for row in strategies + images:
        rel = row.get("relationship")
        row["relationship"] = rel.pk if rel is not None else None
    return {
        "yearnings": _split(data["yearnings"]),
        "strategies": strategies,
        "relational_images": images,
        "controlling_images": controlling,
        "isolation": _split(data["isolation"]),
        "resilience": _split(data["resilience"]),
        "therapy_power_culture": data["therapy_power_culture"],
        "clinician_location": data["clinician_location"],
    }


def initial_from(content: dict[str, Any]) -> dict[str, Any]:
    return {
        "yearnings": "\n".join(content.get("yearnings", [])),
        "isolation": "\n".join(content.get("isolation", [])),
        "resilience": "\n".join(content.get("resilience", [])),
        "therapy_power_culture": content.get("therapy_power_culture", ""),
        "clinician_location": content.get("clinician_location", ""),
    }
