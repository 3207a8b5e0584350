"""The page templates (Jinja2, src/mutuality/jinja2/) read what they mean to read.

Django's own engine called a method it met in a template for you (`client.get_x_display`,
`note.measures_reviewed.all`); Jinja2 does not, and a method read without calling prints
"<bound method …>" or, in an `{% if %}`, is always true. Every attribute a template reads
without calling it is checked against the classes the pages show (the models, the
project's own classes, forms, dates, strings, dicts): a name that is a method on one of them
and a field, property or plain value on none fails here. A name that is both (`citation`,
`title`, `value`) cannot be judged from the template alone; `site.jinja.Method` fails on it
when the page renders.
"""

import dataclasses
import datetime
import inspect
import re
import sys
from functools import partialmethod
from pathlib import Path
from types import MethodDescriptorType

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jinja2 import nodes

import mutuality

TEMPLATES = Path(mutuality.__file__).parent / "jinja2"


def _classes() -> list[type]:
    from django import forms
    from django.apps import apps
    from django.contrib.messages.storage.base import Message
    from django.core.paginator import Page, Paginator
    from django.forms.boundfield import BoundWidget
    from django.forms.utils import ErrorList

    import mutuality.site.urls  # noqa: F401 - every view, and what the views show

    own = {
        c
        for name, module in list(sys.modules.items())
        if name.startswith("mutuality.") and module is not None
        for c in vars(module).values()
        if inspect.isclass(c) and c.__module__.startswith("mutuality.")
    }
    return [
        *own,
        *apps.get_models(),
        forms.BoundField,
        BoundWidget,
        forms.BaseForm,
        ErrorList,
        Message,
        Page,
        Paginator,
        datetime.date,
        datetime.datetime,
        datetime.time,
        str,
        dict,
        list,
    ]


def _is_method(found: object) -> bool:
    return inspect.isfunction(found) or isinstance(
        found,
        partialmethod | classmethod | staticmethod | MethodDescriptorType,
    )


def _reads(tree: nodes.Node) -> list[tuple[str, int]]:
    """(attribute, line) for each attribute read without a call, but Jinja2's own `loop`."""
    called = {id(call.node) for call in tree.find_all(nodes.Call)}
    return [
        (n.attr, n.lineno)
        for n in tree.find_all(nodes.Getattr)
        if id(n) not in called and not (isinstance(n.node, nodes.Name) and n.node.name == "loop")
    ]


def _methods_and_values() -> tuple[dict[str, str], set[str]]:
    """Each name that is a method on some class (with one such class), and each name that
    is a field, property or plain value on some class."""
    methods: dict[str, str] = {}
    values: set[str] = set()
    for cls in _classes():
        if dataclasses.is_dataclass(cls):
            values.update(f.name for f in dataclasses.fields(cls))
        values.update(getattr(cls, "_fields", ()))  # a named tuple's
        values.update(getattr(cls, "__annotations__", {}))
        for name in dir(cls):
            if name.startswith("_"):
                continue
            try:
                found = inspect.getattr_static(cls, name)
            except AttributeError:
                continue
            if _is_method(found):
                methods.setdefault(name, cls.__qualname__)
            else:
                values.add(name)
    return methods, values


def _methods_read(paths: list[Path], folder: Path) -> list[str]:
    """Where a template in `paths` reads a name that is only ever a method, uncalled."""
    from django.template import engines

    env = engines["jinja2"].env  # type: ignore[attr-defined]
    methods, values = _methods_and_values()
    wrong = []
    for path in paths:
        tree = env.parse(path.read_text(), path.name, str(path))
        for attr, line in _reads(tree):
            if attr in methods and attr not in values:
                where = f"{path.relative_to(folder)}:{line}"
                wrong.append(f"{where}: .{attr} is a method of {methods[attr]}; call it")
    return wrong


def test_no_template_reads_a_method_without_calling_it():
    paths = sorted(TEMPLATES.rglob("*.html"))
    assert len(paths) > 50
    wrong = _methods_read(paths, TEMPLATES)
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize(
    "source",
    [
        "{{ note.get_form_display }}",
        "{% if field.is_hidden %}{% endif %}{{ opt.tag }}",
        "{% if note.hash_matches %}{% endif %}",
    ],
)
def test_the_check_finds_a_method_read_without_calling(source, tmp_path):
    """The check above is not vacuous: each of these is caught."""
    page = tmp_path / "page.html"
    page.write_text(source)
    found = _methods_read([page], tmp_path)
    assert found
    assert all(w.startswith("page.html:1:") for w in found)


class _Note:
    def hash_matches(self) -> bool:
        return False


@pytest.mark.parametrize(
    "source",
    [
        "{{ note.hash_matches }}",
        "{% if note.hash_matches %}sealed{% endif %}",
        "{{ note.hash_matches == False }}",
        "{% for x in note.hash_matches %}{% endfor %}",
        "{{ note.hash_matches|length }}",
    ],
)
def test_a_method_used_as_a_value_fails_when_the_page_renders(source):
    from django.template import engines

    page = engines["jinja2"].from_string(source)
    with pytest.raises(TypeError, match=r"without calling it: write \.hash_matches\(\)"):
        page.render({"note": _Note()})


def test_a_method_called_runs():
    from django.template import engines

    page = engines["jinja2"].from_string("{% if not note.hash_matches() %}broken{% endif %}")
    assert page.render({"note": _Note()}) == "broken"


NUMBERS = st.one_of(
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.none(),
    st.sampled_from(["", "x", "3", "2.5", "1e400"]),
)


@given(NUMBERS, NUMBERS)
def test_percent_prints_what_djangos_widthratio_prints(value, of):
    from django.template import engines

    django = engines["django"].from_string("{% widthratio value of 100 %}")
    jinja = engines["jinja2"].from_string("{{ percent(value, of) }}")
    assert jinja.render({"value": value, "of": of}) == django.render({"value": value, "of": of})


def _markup(page: bytes) -> str:
    """A page's markup with what differs on every request (CSRF token, script nonce) cut out
    and runs of whitespace made one space."""
    text = re.sub(r'(csrfmiddlewaretoken" value|nonce)="[^"]*"', "", page.decode())
    return re.sub(r"\s+", " ", text).replace("> <", "><")


@pytest.mark.django_db
def test_form_widgets_from_jinja2_give_the_markup_djangos_engine_gives(
    client, alice, alice_client, alice_relationship, plan_with_log_goal
):
    """Form widgets are rendered from Django's Jinja2 widget templates (quicker): every kind
    of field the forms have (text, choices, radios, checkboxes, dates, numbers, areas,
    files) comes out as Django's own engine writes it."""
    from django.forms.renderers import DjangoTemplates, get_default_renderer
    from django.test import override_settings

    from mutuality.sessions.models import TherapySession
    from mutuality.site.jinja import FormRenderer

    session = TherapySession.objects.create(client=alice_client, held_on=datetime.date(2026, 3, 2))
    _, objective = plan_with_log_goal
    client.force_login(alice)
    forms = [
        f"/sessions/{session.pk}/note/",
        f"/sessions/{session.pk}/edit/",
        f"/clients/{alice_client.pk}/edit/",
        "/clients/new/",
        f"/clients/{alice_client.pk}/measures/phq9/",
        f"/clients/{alice_client.pk}/measures/five-good-things/",
        f"/clients/{alice_client.pk}/links/new/",
        f"/clients/{alice_client.pk}/formulation/new/",
        f"/goals/{objective.goal_id}/objectives/new/",
        f"/objectives/{objective.pk}/edit/",
        f"/relationships/{alice_relationship.pk}/",
        "/account/password/",
        "/instruments/import/",  # a file
    ]
    for path in forms:
        page = client.get(path)
        assert page.status_code == 200, path
        assert "<input" in page.content.decode(), path
        assert isinstance(get_default_renderer(), FormRenderer)
        with override_settings(FORM_RENDERER="django.forms.renderers.DjangoTemplates"):
            assert type(get_default_renderer()) is DjangoTemplates
            djangos = client.get(path)
        assert _markup(page.content) == _markup(djangos.content), path


@pytest.mark.django_db
def test_the_admins_own_widgets_fall_back_to_djangos_engine(client):
    """The admin's widgets have no Jinja2 templates; its forms still render."""
    from django.contrib.auth.models import User
    from django.forms.renderers import get_default_renderer
    from django.template.backends.django import Template as DjangoTemplate
    from django.template.backends.jinja2 import Template as JinjaTemplate

    from tests.conftest import signed_in_with_two_factor

    renderer = get_default_renderer()
    assert isinstance(renderer.get_template("django/forms/widgets/text.html"), JinjaTemplate)
    wrapper = renderer.get_template("admin/widgets/related_widget_wrapper.html")
    assert isinstance(wrapper, DjangoTemplate)
    admin = User.objects.create_superuser("root", "root@example.org", "a long admin password")
    signed_in_with_two_factor(client, admin)
    for path in ("/admin/practices/clinician/add/", "/admin/maps/relationship/add/"):
        page = client.get(path)
        assert page.status_code == 200, path
        assert "related-widget-wrapper" in page.content.decode(), path
