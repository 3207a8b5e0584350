"""`{{ score|score_chip }}`: a growth-fostering score on the map's colour for it."""

from django import template
from django.utils.safestring import SafeString, mark_safe

from mutuality.core.map_svg import score_chip as _score_chip

register = template.Library()


@register.filter
def score_chip(score: int) -> SafeString:
    return mark_safe(_score_chip(int(score)))  # noqa: S308 - an int and two colours
