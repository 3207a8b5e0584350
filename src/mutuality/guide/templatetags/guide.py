"""`{% term "key" %}` links an RCT term anywhere in the UI to its Guide entry."""

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from mutuality.core import rct

register = template.Library()


@register.simple_tag
def term(key: str, label: str = "") -> SafeString:
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
