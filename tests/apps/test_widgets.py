"""`site.widgets` prints what Django's Jinja2 widget templates print, for any widget: names
and values with markup characters, markup already safe, attributes true, false, numbers or
None, options in groups or not, labels wrapped or not."""

from django.forms.renderers import Jinja2
from django.utils.safestring import SafeString
from hypothesis import given, settings
from hypothesis import strategies as st

from mutuality.site.jinja import FormRenderer
from mutuality.site.widgets import BY_TEMPLATE

PREFIX = "django/forms/widgets/"
text = st.text(alphabet=st.characters(codec="utf-8"), max_size=12)
tricky = st.sampled_from(['"', "<b>", "&amp;", "'", " ", "", "0", "False", "None"])
words = st.one_of(text, tricky)
values = st.one_of(
    st.none(), words, st.integers(), st.booleans(), words.map(SafeString), st.just(0.5)
)
attrs = st.dictionaries(
    st.one_of(
        st.from_regex(r"[a-z][a-z-]{0,8}", fullmatch=True),
        st.sampled_from(["id", "class", "<x>", "&"]),
    ),
    st.one_of(st.booleans(), words, st.integers(), st.none()),
    max_size=4,
)


def option(template: str) -> st.SearchStrategy[dict[str, object]]:
    return st.fixed_dictionaries(
        {
            "name": words,
            "value": values,
            "label": values,
            "selected": st.booleans(),
            "index": st.text(alphabet="0123456789_", min_size=1, max_size=4),
            "attrs": attrs,
            "type": st.sampled_from(["radio", "checkbox", "text"]),
            "template_name": st.just(PREFIX + template),
            "wrap_label": st.booleans(),
            "is_hidden": st.booleans(),
            "required": st.booleans(),
        }
    )


def with_options(template: str) -> st.SearchStrategy[dict[str, object]]:
    groups = st.lists(
        st.tuples(
            st.one_of(st.none(), words), st.lists(option(template), max_size=3), st.integers(0, 9)
        ),
        max_size=3,
    )
    return st.fixed_dictionaries(
        {"name": words, "value": values, "attrs": attrs, "optgroups": groups, "type": words}
    )


WIDGETS = {
    name: (
        with_options("select_option.html")
        if name.endswith("/select.html")
        else with_options("checkbox_option.html" if "checkbox" in name else "radio_option.html")
        if name.endswith(("multiple_input.html", "checkbox_select.html", "radio.html"))
        else option(name.removeprefix(PREFIX))
    )
    for name in BY_TEMPLATE
}


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_each_widget_prints_what_its_template_prints(data):
    python, templates = FormRenderer(), Jinja2()
    for name, widgets in WIDGETS.items():
        widget = data.draw(widgets, label=name)
        assert python.render(name, {"widget": widget}) == templates.render(
            name, {"widget": widget}
        ), name


def test_other_widgets_still_come_from_their_templates():
    context = {"widget": {"name": "when", "subwidgets": [], "attrs": {}}}
    assert "django/forms/widgets/multiwidget.html" not in BY_TEMPLATE
    assert FormRenderer().render("django/forms/widgets/multiwidget.html", context) == ""
