"""The one way views fetch measurement records: through the clinician's own caseload."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.http import Http404
from django.shortcuts import get_object_or_404

from mutuality.clients.models import readable_by
from mutuality.measures.models import Administration, CheckinLink, RiskAlert


def get_administration_for_user(
    user: AbstractBaseUser | AnonymousUser, administration_id: int
) -> Administration:
    return get_object_or_404(
        Administration.objects.select_related("client").filter(readable_by(user, "client__")),
        pk=administration_id,
    )


def get_alert_for_user(user: AbstractBaseUser | AnonymousUser, alert_id: int) -> RiskAlert:
    return get_object_or_404(
        RiskAlert.objects.select_related("administration__client").filter(
            readable_by(user, "administration__client__")
        ),
        pk=alert_id,
    )


def get_link_for_user(user: AbstractBaseUser | AnonymousUser, link_id: int) -> CheckinLink:
    return get_object_or_404(
        CheckinLink.objects.select_related("client").filter(readable_by(user, "client__")),
        pk=link_id,
    )


def get_link_for_token(token: str) -> CheckinLink:
    """A client's own link, found only by its secret token; anything else is a 404."""
    if not 20 <= len(token) <= 100:
        raise Http404("no such check-in link")
    return get_object_or_404(
        CheckinLink.objects.select_related("client", "relationship"),
        token_hash=CheckinLink.hash(token),
    )
