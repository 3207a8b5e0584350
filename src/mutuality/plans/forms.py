from datetime import date
from typing import Any

from django import forms

from mutuality.core import rct
from mutuality.core.record.progress import MeasureKind
from mutuality.measures.registry import all_instruments
from mutuality.plans.models import Goal, Objective, PlanTemplate


class LibraryGoalForm(forms.Form):
    """A goal from the Guide's problems-for-work, or one of the clinician's templates."""

    goal = forms.ChoiceField(label="Goal from the RCT library")
    blank_never_varies = True  # but for the templates it offers, named in `varies_with`

    def __init__(self, *args: Any, templates: list[PlanTemplate], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.varies_with = tuple((t.pk, t.title) for t in templates)  # site.fields
        groups: list[tuple[str, list[tuple[str, str]]]] = [
            (p.name, [(f"{p.key}/{g}", rct.goal(g).name) for g in p.goals]) for p in rct.PROBLEMS
        ]
        if templates:
            groups.append(("My templates", [(f"template/{t.pk}", t.title) for t in templates]))
        field = self.fields["goal"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = groups


class GoalForm(forms.ModelForm[Goal]):
    class Meta:
        model = Goal
        fields = ["title", "mechanism", "interventions", "closed"]
        widgets = {
            "title": forms.TextInput(),
            "mechanism": forms.Textarea(attrs={"rows": 2}),
            "interventions": forms.Textarea(attrs={"rows": 3}),
        }


def _scale_choices() -> list[tuple[str, str]]:
    return [("", "—")] + [
        (f"{i.key}/{s.key}", f"{i.title}: {s.name}")
        for i in all_instruments()
        for s in i.scales
        if not i.key.startswith("session-mutuality")
    ]


class ObjectiveForm(forms.ModelForm[Objective]):
    scale_choice = forms.ChoiceField(label="Scale (when measured by a scale)", required=False)

    class Meta:
        model = Objective
        fields = ["behaviour", "measure_kind", "log_kind", "target", "frequency", "start", "due"]
        widgets = {
            "behaviour": forms.Textarea(attrs={"rows": 3}),
            "start": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
            "due": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["scale_choice"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = _scale_choices()
        if self.instance.pk and self.instance.instrument:
            self.initial["scale_choice"] = f"{self.instance.instrument}/{self.instance.scale}"
        self.order_fields(["behaviour", "measure_kind", "scale_choice", "log_kind"])

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        kind, target = data.get("measure_kind"), data.get("target")
        start: date | None = data.get("start")
        due: date | None = data.get("due")
        if start and due and due <= start:
            self.add_error("due", "The due date must come after the start date.")
        if kind == MeasureKind.SCALE and not data.get("scale_choice"):
            self.add_error("scale_choice", "Choose the scale that measures this objective.")
        if kind == MeasureKind.LOG:
            if not data.get("log_kind"):
                self.add_error("log_kind", "Choose the log that measures this objective.")
            if target is not None and (target < 1 or target != int(target)):
                self.add_error(
                    "target", "For a log, the target is a whole number a week, 1 or more."
                )
        if kind == MeasureKind.RATING and target is not None and not 0 <= target <= 10:
            self.add_error("target", "A rating target is between 0 and 10.")
        return data

    def save(self, commit: bool = True) -> Objective:
        objective = super().save(commit=False)
        kind = self.cleaned_data["measure_kind"]
        instrument, _, scale = (self.cleaned_data.get("scale_choice") or "").partition("/")
        objective.instrument, objective.scale = (instrument, scale) if kind == "scale" else ("", "")
        if kind != MeasureKind.LOG:
            objective.log_kind = ""
        if commit:
            objective.save()
        return objective


class ReviewForm(forms.Form):
    blank_never_varies = True  # but for its initial date (site.fields)

    review_due = forms.DateField(
        label="Next plan review",
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )


class AttainmentForm(forms.Form):
    level = forms.TypedChoiceField(
        label="Goal attainment",
        coerce=int,
        choices=[
            (-2, "-2 much less than expected"),
            (-1, "-1 somewhat less"),
            (0, "0 the expected level"),
            (1, "+1 somewhat more"),
            (2, "+2 much more than expected"),
        ],
    )


class RatingForm(forms.Form):
    value = forms.IntegerField(label="Rating (0-10)", min_value=0, max_value=10)
