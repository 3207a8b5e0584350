from django.apps import AppConfig


class PlansConfig(AppConfig):
    """Treatment plans: goals, SMART objectives with computed progress, versions, reviews."""

    name = "mutuality.plans"
