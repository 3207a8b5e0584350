"""The one way views fetch client records: a clinician gets their own or a 404."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.shortcuts import get_object_or_404

from mutuality.clients.models import Client, SocialIdentity, readable_by


def get_client_for_user(user: AbstractBaseUser | AnonymousUser, client_id: int) -> Client:
    return get_object_or_404(Client.objects.for_user(user), pk=client_id)


def get_identity_for_user(
    user: AbstractBaseUser | AnonymousUser, identity_id: int
) -> SocialIdentity:
    return get_object_or_404(
        SocialIdentity.objects.select_related("client").filter(readable_by(user, "client__")),
        pk=identity_id,
    )
