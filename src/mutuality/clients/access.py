"""The one way views fetch client records: a clinician gets their own or a 404."""

from contextvars import ContextVar

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from mutuality.clients.models import Client, SocialIdentity, readable_by, supervises
from mutuality.site.prepared import Prepared, found_or_404


def _own_client(clinician: int, pk: int) -> "QuerySet[Client]":
    return Client.objects.filter(clinician_id=clinician, pk=pk)


OWN_CLIENT = Prepared(_own_client, -1, -2)  # the lookup every page about a client makes
ANY_CLIENT = Prepared(lambda pk: Client.objects.filter(pk=pk), -1)

# The client a request's URL names, read before its view by the audit wrapper, which needs
# to know whose client it is; the view's `get_client_for_user` takes it from here once.
_read_ahead: ContextVar[Client | None] = ContextVar("client read ahead", default=None)


def read_ahead(client_id: int) -> Client | None:
    """Reads the client a URL names, whoever's it is, for `get_client_for_user` to hand to
    its own clinician without reading it again: one query fewer on every page about a
    client. Whoever calls this calls `forget` when the request is done."""
    client = ANY_CLIENT.first(client_id)
    _read_ahead.set(client)
    return client


def forget() -> None:
    _read_ahead.set(None)


def get_client_for_user(user: AbstractBaseUser | AnonymousUser, client_id: int) -> Client:
    if user.is_authenticated and not supervises(user):
        ahead = _read_ahead.get()
        if ahead is not None:
            _read_ahead.set(None)  # once: a second call reads the record again
            if ahead.pk == client_id and ahead.clinician_id == user.pk:
                return ahead
        return found_or_404(OWN_CLIENT.first(user.pk, client_id))
    return get_object_or_404(Client.objects.for_user(user), pk=client_id)


def get_identity_for_user(
    user: AbstractBaseUser | AnonymousUser, identity_id: int
) -> SocialIdentity:
    return get_object_or_404(
        SocialIdentity.objects.select_related("client").filter(readable_by(user, "client__")),
        pk=identity_id,
    )
