from collections.abc import Callable, Iterator, Sequence
from datetime import datetime, timedelta
from functools import cache
from typing import Any, TypeVar

from django import forms
from django.db import models
from django.forms.models import ModelChoiceIterator

from mutuality.core.record.notes import FORMS, PROCESS, NoteForm
from mutuality.measures.models import Administration
from mutuality.notes.models import SessionNote
from mutuality.plans.models import Objective
from mutuality.sessions.models import TherapySession
from mutuality.site.dates import day_start
from mutuality.site.prepared import SOMEDAY, Prepared

REVIEW_WINDOW_DAYS = 28


def _reviewable(client: int, start: datetime, end: datetime) -> "models.QuerySet[Administration]":
    return Administration.objects.filter(
        client_id=client, taken_at__gte=start, taken_at__lt=end
    ).order_by("-taken_at")


def _open_objectives(client: int) -> "models.QuerySet[Objective]":
    return Objective.objects.filter(goal__plan__client_id=client, goal__closed=False)


# The note form's statements, built once (site.prepared): a clinician opens the form for
# every session. The fields' querysets, the same ones, still check what is posted.
# (A measure's choice is labelled by its instrument and day: its answers stay unread.)
REVIEWABLE = Prepared(
    lambda client, start, end: _reviewable(client, start, end).only("instrument", "taken_at"),
    -1, SOMEDAY, SOMEDAY + timedelta(seconds=1),
)  # fmt: skip
OPEN_OBJECTIVES = Prepared(_open_objectives, -1)
REVIEWED = Prepared(  # a draft's measures reviewed: their ids are all the form needs
    lambda note: SessionNote.measures_reviewed.through.objects.filter(
        sessionnote_id=note
    ).values_list("administration_id"),
    -1,
)
ADDRESSED = Prepared(  # the objectives a draft addressed, likewise
    lambda session: Objective.sessions.through.objects.filter(
        therapysession_id=session
    ).values_list("objective_id"),
    -1,
)


class _Read(ModelChoiceIterator[Any]):
    """A model field's choices from instances a prepared statement read (once, when the
    form is drawn), not from its queryset, which the ORM would build again."""

    def __init__(self, field: "forms.ModelChoiceField[Any]", read: Callable[[], Any]) -> None:
        super().__init__(field)
        self.read = read

    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.read():
            yield self.choice(obj)

    def __len__(self) -> int:
        return len(self.read()) + (self.field.empty_label is not None)

    def __bool__(self) -> bool:
        return self.field.empty_label is not None or bool(self.read())


M = TypeVar("M", bound=models.Model)


def _offering(
    field: "forms.ModelMultipleChoiceField[M]", read: Callable[[], Sequence[M]]
) -> "forms.ModelMultipleChoiceField[M]":
    once = cache(read)
    field.iterator = lambda f: _Read(f, once)  # type: ignore[assignment]
    field.widget.choices = field.choices
    return field


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
        # From the start of the 28th local day before the session to the end of its own.
        day, client = session.held_on, session.client_id
        start = day_start(day - timedelta(days=REVIEW_WINDOW_DAYS - 1))
        end = day_start(day, after=True)
        # The choices drawn come from the prepared statements (`_offering`); only a posted
        # form checks what it was sent against the fields' querysets, so only it builds them.
        checked = self.is_bound
        measures = forms.ModelMultipleChoiceField(
            label="Measures reviewed",
            queryset=_reviewable(client, start, end) if checked else Administration.objects.none(),
            help_text=f"Those given in the {REVIEW_WINDOW_DAYS} days up to this session.",
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
        self.fields["measures"] = _offering(measures, lambda: REVIEWABLE.all(client, start, end))
        objectives = forms.ModelMultipleChoiceField(
            label="Objectives addressed",
            queryset=_open_objectives(client) if checked else Objective.objects.none(),
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
        objectives.label_from_instance = lambda o: o.behaviour  # type: ignore[method-assign,assignment]
        self.fields["objectives"] = _offering(objectives, lambda: OPEN_OBJECTIVES.all(client))

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
            "measures": [pk for (pk,) in REVIEWED.rows(note.pk)],
            "objectives": [pk for (pk,) in ADDRESSED.rows(note.session_id)],
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
