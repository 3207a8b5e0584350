from django.apps import AppConfig


class ClientsConfig(AppConfig):
    """Client records: who the client is, their concerns and their social identities."""

    name = "mutuality.clients"
