"""The request type of views behind login, so views see a real `User`."""

from django.contrib.auth.models import User
from django.http import HttpRequest


class ClinicianRequest(HttpRequest):
    """A request from a signed-in clinician: LoginRequiredMiddleware guarantees the user."""

    user: User
