from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Signing in: two-factor enrolment and verification on top of Django's accounts."""

    name = "mutuality.accounts"
