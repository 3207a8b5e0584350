"""`{% term "key" %}` links an RCT term anywhere in the UI to its Guide entry."""

from functools import lru_cache

from django import template
from django.urls import get_script_prefix, reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from mutuality.core import rct

register = template.Library()


@register.simple_tag
def term(key: str, label: str = "") -> SafeString:
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


@register.filter
def concept_name(key: str) -> str:
    return rct.lookup(key).name
