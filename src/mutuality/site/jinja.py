"""The Jinja2 environment every page is rendered with (`src/mutuality/jinja2/`).

Jinja2 compiles a template to Python once per process; Django's own engine walks its node
tree and resolves each variable through a chain of lookups on every render. The pages'
markup is the same as under Django's engine, and each page runs 4–17% fewer instructions
(docs/benchmarks.md, tenth round). Django's engine still renders the admin's pages; form
widgets have their own renderer (`FormRenderer`).

What the templates have besides Jinja2's own:
- `url(name, *args)`, each link reversed once per process (`site.links.link`);
  `static(path)`; `csrf_input`, one masked token for every form of a page
  (`csrf_once`, as Django's engine gives one).
- `topbar()`, the bar at the top of every signed-in page (`site.topbar`); `fields(form)`,
  a form's fields laid out (`site.fields`); `term(key, label)`, an RCT term linked to its
  Guide entry.
- `percent(value, of=1)`, Django's `widthratio` to 100.
- Filters: `day` and `day_time` (`site.days`); Django's `date`, `time`, `floatformat`,
  `linebreaksbr`, `pluralize`, `yesno`, `stringformat`, `capfirst`, `truncatechars` and
  `urlencode`, each as Django's engine applies it (datetimes in the practice's time zone
  first); `concept_name`, `instrument_title` and `score_chip`.

Undefined values render as nothing and can be followed further (`ChainableUndefined`), as
in Django's engine: `client.clinician_id` on a page without a client is empty, not an
error. Methods are not called for you, as Django's engine does: `.all()`, `.tag()`,
`get_role_display()`; tests/apps/test_templates.py fails on a method read without calling.
"""

from collections.abc import Callable
from functools import lru_cache
from types import BuiltinMethodType, MethodType, MethodWrapperType
from typing import Any

from django.forms.renderers import DjangoTemplates, Jinja2
from django.http import HttpRequest
from django.template import TemplateDoesNotExist, defaultfilters
from django.template.backends.utils import csrf_input
from django.urls import get_script_prefix, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.timezone import template_localtime  # type: ignore[attr-defined]  # not in the stubs
from jinja2 import ChainableUndefined, Environment, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from mutuality.core import rct
from mutuality.core.map_svg import score_chip
from mutuality.measures.registry import title_of
from mutuality.site import days, topbar, widgets
from mutuality.site.fields import fields
from mutuality.site.links import link, static_url


def url(name: str, *args: Any, **kwargs: Any) -> str:
    """Django's `{% url %}`: kept per process for plain ids and keys, as `link` says."""
    if kwargs or ":" in name or not all(type(a) in (int, str) for a in args):
        return reverse(name, args=args or None, kwargs=kwargs or None)
    return link(name, *args)


def term(key: str, label: str = "") -> SafeString:
    """An RCT term linked to its Guide entry, with the Guide's summary as its title."""
    return _term(get_script_prefix(), key, label)


@lru_cache(maxsize=1024)
def _term(prefix: str, key: str, label: str) -> SafeString:
    """The Guide's own words, the same on every page: built once per process."""
    concept = rct.lookup(key)
    return format_html(
        '<a class="term" href="{}" title="{}">{}</a>',
        reverse("guide-concept", args=[key]),
        concept.summary,
        label or concept.name,
    )


def percent(value: Any, of: Any = 1) -> str:
    """Django's `{% widthratio value of 100 %}`: `value / of` in whole per cent, "" when
    either is not a number (or the result is not finite), and "0" when `of` is 0."""
    try:
        return str(round(float(value) / float(of) * 100))
    except ZeroDivisionError:
        return "0"
    except (TypeError, ValueError, OverflowError):
        return ""


def local(f: Callable[..., Any]) -> Callable[..., Any]:
    """A date filter given a datetime in the practice's time zone, as Django's engine gives
    its filters marked `expects_localtime`."""

    def on_local(value: Any, *args: Any) -> Any:
        return f(template_localtime(value), *args)

    return on_local


class Method:
    """A method a template read: called, it runs; used as a value, it fails loudly.

    Django's engine called methods for you, Jinja2 does not: `{% if note.hash_matches %}`
    would be true for a tampered note, and `{{ client.get_status_display }}` would print
    "<bound method …>". Such a read is an error here, on every page and in every test, and
    tests/apps/test_templates.py finds the same in branches no test renders.
    """

    __slots__ = ("method", "name")

    def __init__(self, method: Callable[..., Any], name: str) -> None:
        self.method = method
        self.name = name

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.method(*args, **kwargs)

    def _misread(self, *_: Any) -> Any:
        raise TypeError(
            f"a template read the method .{self.name} without calling it: write .{self.name}()"
        )

    __str__ = __html__ = __bool__ = __iter__ = __len__ = __eq__ = __lt__ = __gt__ = _misread
    __le__ = __ge__ = __contains__ = _misread
    __hash__ = None  # type: ignore[assignment]


METHODS = (MethodType, BuiltinMethodType, MethodWrapperType)  # bound, of any kind


class Pages(Environment):
    """Jinja2's environment, with every method a template reads wrapped in `Method`."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        found = super().getattr(obj, attribute)
        if type(found) in METHODS:
            return Method(found, attribute)
        return found


class _CsrfInput:
    """The hidden CSRF field, masked once when a page first prints it and the same in every
    form after. Django's Jinja2 backend gives a proxy that masks the token afresh each time
    it is printed: 32 characters drawn from the operating system's randomness, one call per
    character, for every form of a page (its sign-out form, each withdraw, acknowledge and
    remove), where Django's own engine masks one per page."""

    __slots__ = ("field", "request")

    def __init__(self, request: HttpRequest) -> None:
        self.request, self.field = request, ""

    def __html__(self) -> str:
        if not self.field:
            self.field = csrf_input(self.request)
        return self.field

    __str__ = __html__


def csrf_once(request: HttpRequest) -> dict[str, Any]:
    """A context processor, run after the backend has put its own `csrf_input` in place."""
    return {"csrf_input": _CsrfInput(request)}


@pass_context
def _topbar(context: Context) -> str:
    return topbar.bar(
        context["request"],
        context["user"],
        context.get("clinician"),
        context.get("practice"),
        str(context["csrf_input"]),
    )


def environment(**options: Any) -> Environment:
    env = Pages(**{**options, "undefined": ChainableUndefined})
    env.globals.update(
        url=url,
        static=static_url,
        topbar=_topbar,
        fields=fields,
        term=term,
        percent=percent,
    )
    env.filters.update(
        day=local(days.day),
        day_time=local(days.day_time),
        date=local(defaultfilters.date),
        time=local(defaultfilters.time),
        floatformat=defaultfilters.floatformat,
        linebreaksbr=defaultfilters.linebreaksbr,
        pluralize=defaultfilters.pluralize,
        yesno=defaultfilters.yesno,
        stringformat=defaultfilters.stringformat,
        capfirst=defaultfilters.capfirst,
        truncatechars=defaultfilters.truncatechars,
        urlencode=defaultfilters.urlencode,
        concept_name=lambda key: rct.lookup(key).name,
        instrument_title=title_of,
        score_chip=lambda score: Markup(score_chip(int(score))),  # noqa: S704 - an int, two colours
    )
    return env


class FormRenderer(Jinja2):
    """Form widgets with the markup of Django's own engine, for less: the commonest written
    in Python (`site.widgets`, twelfth round in docs/benchmarks.md), the rest rendered from
    the Jinja2 copies of their templates that Django ships (eleventh round). A widget with no
    Jinja2 template (the admin's own) falls back to Django's engine."""

    @cached_property
    def _fallback(self) -> DjangoTemplates:
        return DjangoTemplates()

    def get_template(self, template_name: str) -> Any:
        try:
            return super().get_template(template_name)
        except TemplateDoesNotExist:
            return self._fallback.get_template(template_name)

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        """Stripped, as Django's renderer returns it."""
        if template_name not in widgets.BY_TEMPLATE:
            return super().render(template_name, context, request)
        return self._widget(template_name, context["widget"]).strip()

    def _widget(self, template_name: str, widget: widgets.Widget) -> str:
        """A widget, or an option of a select or of a set of boxes as the templates include
        it: written in Python where `site.widgets` has it, else from its template."""
        write = widgets.BY_TEMPLATE.get(template_name)
        if write is not None:
            return write(widget, self._widget)
        return str(self.get_template(template_name).render({"widget": widget}))
