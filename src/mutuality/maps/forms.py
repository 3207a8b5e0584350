from datetime import date
from typing import Any

from django import forms

from mutuality.clients.models import Client
from mutuality.core.rct.vocabulary import (
    MIRRORS,
    DisconnectionOutcome,
    DisconnectionStrategy,
    GoodThing,
    Power,
    PowerDirection,
)
from mutuality.maps.models import Relationship, RelationshipAssessment
from mutuality.site.dates import not_in_future

RATING_CHOICES = [(0, "0 · not at all"), (1, "1"), (2, "2"), (3, "3"), (4, "4 · very much")]
CLOSENESS_CHOICES = [
    (0, "0 · distant"),
    (1, "1"),
    (2, "2"),
    (3, "3"),
    (4, "4 · very close"),
]


def rating_field(label: str, help_text: str, options: list[tuple[int, str]]) -> forms.Field:
    return forms.TypedChoiceField(
        label=label,
        choices=options,
        coerce=int,
        widget=forms.RadioSelect(attrs={"class": "scale"}),
        help_text=help_text,
        error_messages={"required": f"Rate {label.lower()} from 0 to 4."},
    )


def many(label: str, enum: type[GoodThing | DisconnectionOutcome | DisconnectionStrategy]) -> Any:
    return forms.MultipleChoiceField(
        label=label,
        choices=enum.choices(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class RelationshipForm(forms.ModelForm[Relationship]):
    class Meta:
        model = Relationship
        fields = ["name", "kind", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, client: Client, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.client = client

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError("Name the relationship as the client does.")
        others = self.client.relationships.exclude(pk=self.instance.pk)
        if any(r.name.casefold() == name.casefold() for r in others):  # names are sealed
            raise forms.ValidationError(
                f"{self.client} already has a relationship called '{name}' on the map."
            )
        return name


class AssessmentForm(forms.ModelForm[RelationshipAssessment]):
    mutual_empathy = rating_field(
        "Mutual empathy", "Are both open to being moved by the other?", RATING_CHOICES
    )
    authenticity = rating_field(
        "Authenticity", "Can the client be more fully themselves here?", RATING_CHOICES
    )
    mutual_empowerment = rating_field(
        "Mutual empowerment", "Do both come away more able to act?", RATING_CHOICES
    )
    closeness = rating_field("Closeness", "How close does it feel?", CLOSENESS_CHOICES)
    power = forms.TypedChoiceField(
        label="Power",
        choices=Power.choices(),
        coerce=int,
        initial=Power.MIXED,
        widget=forms.RadioSelect(attrs={"class": "scale"}),
    )
    power_direction = forms.ChoiceField(
        label="Who holds power",
        choices=PowerDirection.choices(),
        initial=PowerDirection.SHARED,
    )
    good_things = many("Good things it brings", GoodThing)
    outcomes = many("Outcomes of disconnection it leaves", DisconnectionOutcome)
    strategies = many("Strategies of disconnection the client uses here", DisconnectionStrategy)

    class Meta:
        model = RelationshipAssessment
        # The ratings (all but the relationship, which the view sets), then the words.
        fields = [*RelationshipAssessment.RATINGS[1:], "relational_images", "note"]
        labels = {"assessed_on": "Date of assessment"}
        widgets = {
            "assessed_on": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
            "relational_images": forms.Textarea(attrs={"rows": 2}),
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(
        self, *args: Any, relationship: Relationship | None, today: date, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.relationship = relationship
        self.today = today
        if not self.is_bound and not self.instance.pk:
            self.initial.setdefault("assessed_on", today)

    def clean_assessed_on(self) -> date:
        on = not_in_future(self.cleaned_data["assessed_on"], self.today)
        if self.relationship is not None:
            same_day = self.relationship.assessments.filter(assessed_on=on)
            if self.instance.pk:
                same_day = same_day.exclude(pk=self.instance.pk)
            if same_day.exists():
                raise forms.ValidationError(
                    f"{self.relationship} was already assessed on {on:%d %b %Y}; "
                    "edit that assessment instead."
                )
        return on

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        power, direction = data.get("power"), data.get("power_direction")
        if power is not None and power >= Power.MOSTLY_OVER and direction == PowerDirection.SHARED:
            self.add_error(
                "power_direction",
                "This relationship leans toward power-over: say who holds the power.",
            )
        good, bad = set(data.get("good_things", [])), set(data.get("outcomes", []))
        clashes = [f"{g.label} / {o.label}" for g, o in MIRRORS.items() if g in good and o in bad]
        if clashes:
            self.add_error(
                "outcomes",
                "A relationship cannot both bring and take away the same thing on one date: "
                + "; ".join(clashes)
                + ".",
            )
        return data
