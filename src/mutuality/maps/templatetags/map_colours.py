"""`{{ score|score_colour }}`: the map's colour for a growth-fostering score."""

from django import template

from mutuality.core.map_svg import score_colour as _score_colour
from mutuality.core.map_svg import text_colour as _text_colour

register = template.Library()


@register.filter
def score_colour(score: int) -> str:
    return _score_colour(int(score))


@register.filter
def score_text_colour(score: int) -> str:
    return _text_colour(int(score))
