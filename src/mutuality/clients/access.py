"""The one way views fetch client records: a clinician gets their own or a 404."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from mutuality.clients.models import Client, SocialIdentity, readable_by, supervises
from mutuality.site.prepared import Prepared, ReadAhead, found_or_404


def _own_client(clinician: int, pk: int) -> "QuerySet[Client]":
    return Client.objects.filter(clinician_id=clinician, pk=pk)


OWN_CLIENT = Prepared(_own_client, -1, -2)  # the lookup every page about a client makes
# The client a URL names, read by the audit wrapper before the view (site.prepared.ReadAhead).
AHEAD = ReadAhead(Prepared(lambda pk: Client.objects.filter(pk=pk), -1), lambda c: c.clinician_id)


def get_client_for_user(user: AbstractBaseUser | AnonymousUser, client_id: int) -> Client:
    if user.is_authenticated and not supervises(user):
        return AHEAD.take(client_id, user.pk) or found_or_404(OWN_CLIENT.first(user.pk, client_id))
    return get_object_or_404(Client.objects.for_user(user), pk=client_id)


def get_identity_for_user(
    user: AbstractBaseUser | AnonymousUser, identity_id: int
) -> SocialIdentity:
    return get_object_or_404(
        SocialIdentity.objects.select_related("client").filter(readable_by(user, "client__")),
        pk=identity_id,
    )
