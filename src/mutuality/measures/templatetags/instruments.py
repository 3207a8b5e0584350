"""`{{ key|instrument_title }}`: an instrument's title ("PHQ-9") from its key, or the key
when the instrument is no longer installed."""

from django import template

from mutuality.measures.registry import title_of

register = template.Library()


@register.filter
def instrument_title(key: str) -> str:
    return title_of(key)
