"""`url()` in the templates (site.jinja, site.links) prints what Django's reverse prints, kept
per process: for every argument it takes, under another script prefix, and for the forms it
leaves to Django."""

import pytest
from django.template import engines
from django.urls import NoReverseMatch, reverse, set_script_prefix

from mutuality.site.links import link, url_pattern


def render(source: str, **context: object) -> str:
    return str(engines["jinja2"].from_string(source).render(context))


@pytest.fixture(autouse=True)
def _prefix():
    yield
    set_script_prefix("/")


def test_a_link_is_the_url_django_reverses():
    assert render("{{ url('client', 7) }}") == reverse("client", args=[7]) == "/clients/7/"
    assert render("{{ url('caseload') }}") == "/"
    assert render("{{ url('enter-answers', c, k) }}", c=3, k="phq-9") == reverse(
        "enter-answers", args=[3, "phq-9"]
    )


def test_the_same_name_with_other_arguments_is_another_url():
    assert render("{{ url('client', c) }}", c=7) == "/clients/7/"
    assert render("{{ url('client', c) }}", c=8) == "/clients/8/"


def test_a_link_follows_the_prefix_the_site_is_served_under():
    assert link("client", 7) == "/clients/7/"
    set_script_prefix("/mutuality/")
    assert (
        render("{{ url('client', 7) }}") == "/mutuality/clients/7/" == reverse("client", args=[7])
    )
    set_script_prefix("/")
    assert link("client", 7) == "/clients/7/"


def test_forms_it_does_not_keep_are_reversed_as_django_does():
    assert render("{{ url(name, 7) }}", name="client") == "/clients/7/"
    assert render("{{ url('client', client_id=7) }}") == "/clients/7/"


def test_a_name_that_does_not_reverse_fails_as_it_does_in_django():
    with pytest.raises(NoReverseMatch):
        render("{{ url('client', 'not-a-number') }}")
    with pytest.raises(NoReverseMatch):
        render("{{ url('no-such-page') }}")


def test_a_pattern_for_long_lists_follows_the_prefix_too():
    assert url_pattern("session").format(12) == "/sessions/12/"
    set_script_prefix("/mutuality/")
    assert url_pattern("session").format(12) == "/mutuality/sessions/12/"


def test_a_static_file_has_the_address_djangos_static_tag_gives():
    from django.templatetags.static import static

    page = "{{ static('mutuality/app.css') }}|{{ static(name) }}"
    expected = f"{static('mutuality/app.css')}|{static('mutuality/logo.svg')}"
    for _ in range(2):  # looked up, then kept
        assert render(page, name="mutuality/logo.svg") == expected
    assert render("{{ static('a&b.css') }}") == static("a&b.css").replace("&", "&amp;")
