"""Links, reversed once: `{% url %}` in every template (built in, in place of Django's), and
`url_pattern` for long lists that link hundreds of rows; and `{% static %}`, each file's
address looked up once.

Reversing a URL name walks the URL patterns, substitutes and quotes the arguments and checks
the result against the pattern, about 25 µs each; a page prints twenty to fifty links, and
most name the same few records on every visit. A URL depends only on its name, its arguments
and the prefix the site is served under, so each is reversed once per process and kept
(bounded: the least recently used are dropped). Links with keyword arguments, an `as`
variable or a namespace are reversed as Django does. A static file's address (the name
the manifest gives its content, under the prefix) is kept the same way: every page's layout
prints three.
"""

from functools import lru_cache
from typing import Any

from django import template
from django.template.base import Parser, Token
from django.template.context import Context
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url
from django.templatetags.static import StaticNode
from django.urls import get_script_prefix, reverse
from django.utils.html import conditional_escape

register = template.Library()


@lru_cache(maxsize=16384)
def _reversed(prefix: str, name: str, args: tuple[Any, ...]) -> str:
    return reverse(name, args=args)


def link(name: str, *args: int | str) -> str:
    """`reverse(name, args=args)`, kept per process for the current prefix."""
    return _reversed(get_script_prefix(), name, args)


def url_pattern(name: str) -> str:
    """The URL of `name` with `{}` where its one id goes: `url_pattern("client").format(7)`."""
    return link(name, 0).replace("/0/", "/{}/")


class LinkNode(URLNode):
    def render(self, context: Context) -> str:
        if (
            self.kwargs
            or self.asvar
            or self.view_name.filters
            or not isinstance(self.view_name.var, str)
        ):
            return str(super().render(context))
        name = self.view_name.var
        args = tuple(arg.resolve(context) for arg in self.args)
        if ":" in name or not all(type(a) in (int, str) for a in args):
            return str(super().render(context))
        url = link(name, *args)
        return str(conditional_escape(url)) if context.autoescape else url


@register.tag
def url(parser: Parser, token: Token) -> LinkNode:
    """Django's `{% url %}`, reversing each link once (see above)."""
    node = django_url(parser, token)
    return LinkNode(node.view_name, node.args, node.kwargs, node.asvar)


@lru_cache(maxsize=1024)
def _static(prefix: str, path: str) -> str:
    return str(StaticNode.handle_simple(path))


def static_url(path: str) -> str:
    """`{% static path %}`, kept per process for the current prefix."""
    return _static(get_script_prefix(), path)


class StaticLink(StaticNode):
    def url(self, context: Context) -> str:
        return static_url(self.path.resolve(context))


@register.tag
def static(parser: Parser, token: Token) -> StaticLink:
    """Django's `{% static %}`, looking each address up once (see above)."""
    node = StaticNode.handle_token(parser, token)
    return StaticLink(node.varname, node.path)
