from datetime import date
from typing import Any

from django import forms

from mutuality.core.rct.vocabulary import GoodThing
from mutuality.logs.models import HowMet, LogKind
from mutuality.maps.models import Relationship
from mutuality.site.dates import not_in_future


class LogEntryForm(forms.Form):
    """One entry, phone-sized: the fields shown depend on the kind of log."""

    kind = forms.ChoiceField(label="What would you like to note?", widget=forms.RadioSelect)
    on = forms.DateField(
        label="When", widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    good_things = forms.MultipleChoiceField(
        label="Which of these did you feel?",
        choices=GoodThing.choices(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    relationship = forms.ModelChoiceField(
        label="In which relationship", queryset=Relationship.objects.none(), required=False
    )
    whom = forms.CharField(label="With whom", max_length=200, required=False)
    how_met = forms.ChoiceField(
        label="How was it met?", choices=[("", "—"), *HowMet.choices], required=False
    )
    what = forms.CharField(
        label="A few words about it (optional)",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(
        self, *args: Any, kinds: list[str], relationships: Any, today: date, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = [(k, LogKind(k).label) for k in kinds]
        if len(kinds) == 1:
            self.initial.setdefault("kind", kinds[0])
        rel = self.fields["relationship"]
        assert isinstance(rel, forms.ModelChoiceField)
        rel.queryset = relationships
        rel.label_from_instance = lambda r: r.name  # type: ignore[method-assign,assignment]
        self.initial.setdefault("on", today)

    def clean_on(self) -> date:
        on = not_in_future(self.cleaned_data["on"], self.today)
        return on

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        kind = data.get("kind")
        if kind == LogKind.FIVE_GOOD_THINGS and not data.get("good_things"):
            self.add_error("good_things", "Choose at least one of the five good things.")
        if kind == LogKind.DISCLOSURE and not (data.get("whom") or data.get("relationship")):
            self.add_error("whom", "Say who you shared it with (a name is not needed).")
        return data
