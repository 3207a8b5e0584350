from django.apps import AppConfig


class FormulationsConfig(AppConfig):
    """The RCT formulation of a client, one dated version at a time."""

    name = "mutuality.formulations"
