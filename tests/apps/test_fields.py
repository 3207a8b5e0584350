"""`{% fields form %}` lays a form out as form_fields.html does; a blank form that never
varies is laid out once, and a form with errors always afresh."""

from datetime import date

from django.template import engines
from django.template.loader import render_to_string

from mutuality.clients.forms import IdentityForm
from mutuality.notes.forms import AddendumForm
from mutuality.site import fields


def tag(form) -> str:
    return engines["django"].from_string("{% fields form %}").render({"form": form})


def test_a_blank_form_is_laid_out_as_the_include_would_and_kept():
    fields._blank.clear()
    for kind in (IdentityForm, AddendumForm):
        expected = render_to_string("form_fields.html", {"form": kind()})
        assert tag(kind()) == expected
        assert kind in fields._blank
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


def test_a_form_that_may_vary_is_never_kept():
    from mutuality.sessions.forms import SessionForm

    fields._blank.clear()
    tag(SessionForm(today=date(2026, 3, 5)))
    assert not fields._blank
