"""`fields(form)` in the templates (site.jinja): a form's fields as form_fields.html
lays them out. Django renders every widget, and every option of a choice, through the
template engine; a form class whose blank form depends on nothing but its `initial` values
(fixed choices, no other values from the request or the database) says so with
`blank_never_varies = True`, and its blank form is laid out once per process for each set
of initial values (the latest few kept). A form whose blank layout also depends on choices
read from the database names them in a `varies_with` tuple of plain values. A bound form
(one with errors to show), or one whose initial values are not plain values, is always laid
out afresh."""

import threading
from collections import OrderedDict
from datetime import date, time
from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

KEPT = 64  # blank forms laid out, at most
PLAIN = (str, int, float, bool, date, time, type(None))  # datetime is a date
_blank: OrderedDict[tuple[object, ...], SafeString] = OrderedDict()
_lock = threading.Lock()


def fields(form: Any) -> SafeString:
    kind = type(form)
    initial = tuple(sorted(form.initial.items()))
    if (
        form.is_bound
        or not getattr(kind, "blank_never_varies", False)
        or not all(isinstance(value, PLAIN) for _, value in initial)
    ):
        return _laid_out(form)
    key = (kind, form.prefix, form.auto_id, initial, getattr(form, "varies_with", ()))
    with _lock:  # a server process runs several threads
        if (kept := _blank.get(key)) is not None:
            _blank.move_to_end(key)
            return kept
    laid_out = _laid_out(form)  # outside the lock: two threads may both lay it out once
    with _lock:
        _blank[key] = laid_out
        while len(_blank) > KEPT:
            _blank.popitem(last=False)
    return laid_out


def _laid_out(form: Any) -> SafeString:
    return SafeString(render_to_string("form_fields.html", {"form": form}))
