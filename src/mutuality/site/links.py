"""Links, reversed once: `link`, which the templates' `url()` uses (site.jinja), and
`url_pattern` for long lists that link hundreds of rows; and `static_url`, each file's
address looked up once.

Reversing a URL name walks the URL patterns, substitutes and quotes the arguments and checks
the result against the pattern, about 25 µs each; a page prints twenty to fifty links, and
most name the same few records on every visit. A URL depends only on its name, its arguments
and the prefix the site is served under, so each is reversed once per process and kept
(bounded: the least recently used are dropped). Links with keyword arguments or a
namespace are reversed as Django does (site.jinja.url). A static file's address (the name
the manifest gives its content, under the prefix) is kept the same way: every page's layout
prints three.
"""

from functools import lru_cache
from typing import Any

from django.templatetags.static import StaticNode
from django.urls import get_script_prefix, reverse


@lru_cache(maxsize=16384)
def _reversed(prefix: str, name: str, args: tuple[Any, ...]) -> str:
    return reverse(name, args=args)


def link(name: str, *args: int | str) -> str:
    """`reverse(name, args=args)`, kept per process for the current prefix."""
    return _reversed(get_script_prefix(), name, args)


def url_pattern(name: str) -> str:
    """The URL of `name` with `{}` where its one id goes: `url_pattern("client").format(7)`."""
    return link(name, 0).replace("/0/", "/{}/")


@lru_cache(maxsize=1024)
def _static(prefix: str, path: str) -> str:
    return str(StaticNode.handle_simple(path))


def static_url(path: str) -> str:
    """Django's `static(path)`, kept per process for the current prefix."""
    return _static(get_script_prefix(), path)
