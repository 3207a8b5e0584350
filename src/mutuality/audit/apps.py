from django.apps import AppConfig


class AuditConfig(AppConfig):
    """The practice's append-only, hash-chained record of who did what to which record."""

    name = "mutuality.audit"

    def ready(self) -> None:
        from mutuality.audit import signals  # noqa: F401  (connects the sign-in receivers)
