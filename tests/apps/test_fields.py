"""`fields(form)` lays a form out as form_fields.html does; a blank form that depends
only on its initial values is laid out once for each, and a form with errors always afresh."""

from datetime import date, timedelta

import pytest
from django.template import engines
from django.template.loader import render_to_string

from mutuality.clients.forms import IdentityForm
from mutuality.notes.forms import AddendumForm
from mutuality.plans.forms import RatingForm
from mutuality.sessions.forms import SessionForm
from mutuality.site import fields


def tag(form) -> str:
    return str(engines["jinja2"].from_string("{{ fields(form) }}").render({"form": form}))


def test_a_blank_form_is_laid_out_as_the_include_would_and_kept():
    fields._blank.clear()
    for kind in (IdentityForm, AddendumForm):
        expected = render_to_string("form_fields.html", {"form": kind()})
        assert tag(kind()) == expected
        assert any(key[0] is kind for key in fields._blank)
        assert tag(kind()) == expected  # from the kept copy
    assert 'name="own_words"' in tag(IdentityForm())


def test_a_form_with_errors_shows_them_and_is_never_kept():
    fields._blank.clear()
    tag(IdentityForm())
    refused = IdentityForm({"dimension": "no-such-dimension", "own_words": "", "position": ""})
    assert not refused.is_valid()
    shown = tag(refused)
    assert 'role="alert"' in shown
    assert shown != tag(IdentityForm())
    assert 'role="alert"' not in tag(IdentityForm())


def test_a_blank_form_is_kept_for_each_set_of_initial_values():
    fields._blank.clear()
    march, april = SessionForm(today=date(2026, 3, 5)), SessionForm(today=date(2026, 4, 9))
    assert tag(march) == render_to_string("form_fields.html", {"form": march})
    assert 'value="2026-03-05"' in tag(march)
    assert 'value="2026-04-09"' in tag(april)  # not March's copy
    assert len(fields._blank) == 2


def test_only_the_latest_blank_forms_are_kept():
    fields._blank.clear()
    for n in range(fields.KEPT + 10):
        tag(SessionForm(today=date(2020, 1, 1) + timedelta(days=n)))
    assert len(fields._blank) == fields.KEPT
    assert 'value="2020-01-01"' not in "".join(fields._blank.values())


def test_a_form_that_may_vary_is_never_kept():
    fields._blank.clear()
    tag(RatingForm())  # its choices are not declared fixed
    tag(IdentityForm(initial={"own_words": ["not", "a", "plain", "value"]}))
    assert not fields._blank


@pytest.mark.django_db
def test_a_form_with_choices_from_the_database_is_kept_for_each_set_of_them(alice):
    from mutuality.plans.forms import LibraryGoalForm
    from mutuality.plans.models import PlanTemplate

    fields._blank.clear()
    assert 'value="template/' not in tag(LibraryGoalForm(templates=[]))
    mine = PlanTemplate.objects.create(owner=alice, title="Steadier mornings", content={})
    shown = tag(LibraryGoalForm(templates=[mine]))
    assert shown == render_to_string(
        "form_fields.html", {"form": LibraryGoalForm(templates=[mine])}
    )
    assert f'value="template/{mine.pk}">Steadier mornings' in shown
    mine.title = "Calmer mornings"
    assert "Calmer mornings" in tag(LibraryGoalForm(templates=[mine]))
    assert len(fields._blank) == 3


def test_threads_sharing_the_kept_forms_each_get_their_own_days_form():
    from concurrent.futures import ThreadPoolExecutor

    fields._blank.clear()
    days = [date(2021, 1, 1) + timedelta(days=n) for n in range(fields.KEPT * 2)]

    def lay_out(n: int) -> bool:
        day = days[n % len(days)]
        return f'value="{day.isoformat()}"' in tag(SessionForm(today=day))

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert all(pool.map(lay_out, range(1000)))
    assert len(fields._blank) <= fields.KEPT
