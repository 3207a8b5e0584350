"""Sign-in events into the audit trail: success, failure, lockout, sign-out.

Only the username tried is kept for a failure — never the password."""

from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from mutuality.audit.actions import record
from mutuality.audit.models import Action


def client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    ip = request.META.get("REMOTE_ADDR")
    return str(ip) if ip else None


@receiver(user_logged_in)
def _logged_in(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    record(action=Action.LOGIN, actor=user, ip=client_ip(request))


@receiver(user_logged_out)
def _logged_out(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    if user is not None:
        record(action=Action.LOGOUT, actor=user, ip=client_ip(request))


@receiver(user_login_failed)
def _failed(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    name = str(credentials.get("username", ""))[:150]
    record(action=Action.LOGIN_FAILED, actor=name or "anonymous", ip=client_ip(request))


@receiver(user_locked_out)
def _locked_out(sender: Any, request: Any = None, username: Any = None, **kwargs: Any) -> None:
    record(
        action=Action.LOCKOUT,
        actor=str(username or "anonymous")[:150],
        ip=client_ip(request),
        detail="too many failed sign-ins; refused until the cool-off ends",
    )
