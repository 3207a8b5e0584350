"""`{{ score|score_colour }}`: the map's colour for a growth-fostering score."""

from django import template

from mutuality.core.map_svg import score_colour as _score_colour

register = template.Library()


@register.filter
def score_colour(score: int) -> str:
    return _score_colour(int(score))
