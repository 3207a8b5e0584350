"""`{% fields form %}`, built in to every template: a form's fields as form_fields.html
lays them out. Django renders every widget, and every option of a choice, through the
template engine; a form class whose blank form never varies (fixed choices, no initial
values from the request or the database) says so with `blank_never_varies = True`, and its
blank form is laid out once per process. A bound form (one with errors to show) is
always laid out afresh."""

from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

register = template.Library()

_blank: dict[type, SafeString] = {}


@register.simple_tag
def fields(form: Any) -> SafeString:
    kind = type(form)
    if form.is_bound or form.initial or not getattr(kind, "blank_never_varies", False):
        return SafeString(render_to_string("form_fields.html", {"form": form}))
    if kind not in _blank:
        _blank[kind] = SafeString(render_to_string("form_fields.html", {"form": form}))
    return _blank[kind]
