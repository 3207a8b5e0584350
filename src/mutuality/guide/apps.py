from django.apps import AppConfig


class GuideConfig(AppConfig):
    """The browsable Guide to RCT's concepts, goals and reflective questions."""

    name = "mutuality.guide"
