from datetime import timedelta
from typing import Any

from django import forms

from mutuality.core.record.notes import FORMS, PROCESS, NoteForm
from mutuality.measures.models import Administration
from mutuality.notes.models import SessionNote
from mutuality.plans.models import Objective
from mutuality.sessions.models import TherapySession
from mutuality.site.dates import during

REVIEW_WINDOW_DAYS = 28


def _area(label: str, prompt: str, rows: int = 4) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=prompt,
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class NoteFormForm(forms.Form):
    """A draft note: every section of every form is offered, the chosen form's are kept."""

    form = forms.ChoiceField(label="Note form", choices=NoteForm.choices())

    def __init__(self, *args: Any, session: TherapySession, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for definition in FORMS.values():
            for s in definition.sections:
                self.fields.setdefault(f"s_{s.key}", _area(s.label, s.prompt))
        for s in PROCESS:
            self.fields[f"p_{s.key}"] = _area(s.label, s.prompt, rows=3)
        day = session.held_on
        self.fields["measures"] = forms.ModelMultipleChoiceField(
            label="Measures reviewed",
            queryset=Administration.objects.filter(
                during("taken_at", day - timedelta(days=REVIEW_WINDOW_DAYS - 1), day),
                client=session.client,
            ).order_by("-taken_at"),
            help_text=f"Those given in the {REVIEW_WINDOW_DAYS} days up to this session.",
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
        objectives = forms.ModelMultipleChoiceField(
            label="Objectives addressed",
            queryset=Objective.objects.filter(
                goal__plan__client=session.client, goal__closed=False
            ),
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
        objectives.label_from_instance = lambda o: o.behaviour  # type: ignore[method-assign,assignment]
        self.fields["objectives"] = objectives

    def sections(self) -> dict[str, str]:
        return {k[2:]: v for k, v in self.cleaned_data.items() if k.startswith("s_") and v}

    def process(self) -> dict[str, str]:
        return {k[2:]: v for k, v in self.cleaned_data.items() if k.startswith("p_") and v}

    @classmethod
    def initial_for(cls, note: SessionNote | None, default_form: str) -> dict[str, Any]:
        if note is None:
            return {"form": default_form}
        return {
            "form": note.form,
            **{f"s_{k}": v for k, v in note.sections.items()},
            **{f"p_{k}": v for k, v in note.process.items()},
            "measures": list(note.measures_reviewed.all()),
            "objectives": list(Objective.objects.filter(sessions=note.session_id)),
        }


class AddendumForm(forms.Form):
    blank_never_varies = True  # laid out once per process (site.fields)

    text = forms.CharField(
        label="Addendum",
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Dated and signed with your name when you add it; it cannot be changed later.",
    )


class ProcessNoteForm(forms.Form):
    text = forms.CharField(
        label="Private process notes",
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Yours alone: kept apart from the record, never exported, printed or shared.",
    )
