"""The markup of Django's commonest form widgets, written in Python: what the Jinja2 copies
of their templates that Django ships print, without a template render per widget. The note
form has thirteen text areas and a questionnaire page forty radio buttons, and each was a
render of two or three templates. `site.jinja.FormRenderer` uses these for the templates
named in `BY_TEMPLATE` and the templates themselves for the rest; tests/apps/test_widgets.py
holds each function to its template for any widget, and tests/apps/test_templates.py every
form page to Django's own engine.

Each `{{ value }}` of a template is `_e(value)` here: markupsafe's escape, as Jinja2's
autoescaping applies it (text is escaped, markup kept, anything else printed with `str`).
"""

from collections.abc import Callable, Mapping
from typing import Any

from markupsafe import escape

Widget = Mapping[str, Any]  # a widget's context, as `Widget.get_context` builds it
Render = Callable[[str, Widget], str]  # any widget template, by name, for an option's


def _e(value: object) -> str:
    return str(escape(value))


def _attrs(widget: Widget) -> str:
    return "".join(
        f" {_e(name)}" if value is True else f' {_e(name)}="{_e(value)}"'
        for name, value in widget["attrs"].items()
        if value is not False
    )


def textarea(widget: Widget, render: Render) -> str:
    value = _e(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{_e(widget["name"])}"{_attrs(widget)}>\n{value}</textarea>'


def input_(widget: Widget, render: Render) -> str:
    value = widget["value"]
    shown = f' value="{_e(value)}"' if value != None else ""  # noqa: E711 - as the template compares
    return f'<input type="{_e(widget["type"])}" name="{_e(widget["name"])}"{shown}{_attrs(widget)}>'


def input_option(widget: Widget, render: Render) -> str:
    tag = input_(widget, render)
    if not widget.get("wrap_label"):
        return tag
    for_id = widget["attrs"].get("id")
    label_for = f' for="{_e(for_id)}"' if for_id else ""
    return f"<label{label_for}>{tag} {_e(widget['label'])}</label>"


def _grouped(
    widget: Widget, render: Render, opening: Callable[[str], str], each: str, closing: str
) -> str:
    """The options of a select or of a set of boxes, in their groups (a group's name opens
    it; options outside any group have none)."""
    out = []
    for group, options, _index in widget["optgroups"]:
        if group:
            out.append(opening(group))
        out += (each.format(render(option["template_name"], option)) for option in options)
        if group:
            out.append(closing)
    return "".join(out)


def select(widget: Widget, render: Render) -> str:
    group = lambda name: f'\n  <optgroup label="{_e(name)}">'  # noqa: E731
    options = _grouped(widget, render, group, "\n  {}", "\n  </optgroup>")
    return f'<select name="{_e(widget["name"])}"{_attrs(widget)}>{options}\n</select>'


def select_option(widget: Widget, render: Render) -> str:
    return f'<option value="{_e(widget["value"])}"{_attrs(widget)}>{_e(widget["label"])}</option>'


def multiple_input(widget: Widget, render: Render) -> str:
    attrs = widget["attrs"]
    id_ = f' id="{_e(attrs["id"])}"' if attrs.get("id") else ""
    class_ = f' class="{_e(attrs["class"])}"' if attrs.get("class") else ""
    group = lambda name: f"\n  <div><label>{_e(name)}</label>"  # noqa: E731
    options = _grouped(widget, render, group, "<div>\n    {}</div>", "\n  </div>")
    return f"<div{id_}{class_}>{options}\n</div>"


_INPUTS = "checkbox color date datetime email file hidden number password search tel text time url"
BY_TEMPLATE: dict[str, Callable[[Widget, Render], str]] = {
    **{f"django/forms/widgets/{name}.html": input_ for name in [*_INPUTS.split(), "input"]},
    "django/forms/widgets/textarea.html": textarea,
    "django/forms/widgets/input_option.html": input_option,
    "django/forms/widgets/checkbox_option.html": input_option,
    "django/forms/widgets/radio_option.html": input_option,
    "django/forms/widgets/select.html": select,
    "django/forms/widgets/select_option.html": select_option,
    "django/forms/widgets/multiple_input.html": multiple_input,
    "django/forms/widgets/checkbox_select.html": multiple_input,
    "django/forms/widgets/radio.html": multiple_input,
}
