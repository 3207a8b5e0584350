"""Django's password backend, loading with each request's user what every signed-in page
reads: their clinician profile and its practice (the two-factor check, the page header) and
whether they have a confirmed authenticator (`twofactor.enrolled`), in the same query."""

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Exists, OuterRef
from django_otp.plugins.otp_totp.models import TOTPDevice


class PasswordBackend(ModelBackend):
    def get_user(self, user_id: Any) -> Any:
        authenticator = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
        users = get_user_model()._default_manager.select_related("clinician__practice")
        users = users.annotate(has_authenticator=Exists(authenticator))
        try:
            user = users.get(pk=user_id)
        except users.model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
