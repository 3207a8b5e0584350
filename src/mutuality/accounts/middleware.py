import time
from collections.abc import Callable
from typing import Any

from django.contrib.auth import SESSION_KEY
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import LazyObject, empty

from mutuality.accounts import twofactor

# Reachable while the second factor is still owed.
OPEN = {"two-factor-verify", "two-factor-setup", "logout", "login"}


class TwoFactorMiddleware:
    """After the password: whoever has an authenticator must enter a code before seeing
    anything; admins and supervisors without one are sent to set it up."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: object, args: object, kwargs: object
    ) -> HttpResponseBase | None:
        user = request.user = unwrapped(request.user)
        match = request.resolver_match
        if not user.is_authenticated or (match and match.url_name in OPEN):
            return None
        if getattr(user, "is_verified", lambda: False)():
            return None
        if twofactor.enrolled(user):
            return redirect(f"{reverse('two-factor-verify')}?next={request.get_full_path()}")
        if twofactor.required_for(user):
            return redirect("two-factor-setup")
        return None


def unwrapped(user: Any) -> Any:
    """The user behind the lazy objects that Django's and django-otp's middleware put on the
    request (one inside the other), read once. Every use of a lazy object's attribute goes
    through both: a page about a client read some 240 of them a request, 2–3% of its time.
    The user is the same object, with what django-otp set on it (`otp_device`,
    `is_verified`); sign-in and sign-out put a new one on the request, as before."""
    while isinstance(user, LazyObject):
        if user._wrapped is empty:
            user._setup()
        user = user._wrapped
    return user


class IdleTimeoutMiddleware:
    """Renews a signed-in session (its expiry moves to SESSION_COOKIE_AGE from now) when its
    last renewal is a minute old or more, rather than writing the session on every request:
    an idle session ends between one minute before and exactly SESSION_COOKIE_AGE after its
    last request. Listed after SessionMiddleware, so it runs before the session is saved."""

    RENEWED = "_renewed_at"
    EVERY = 60  # seconds

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and session.get(SESSION_KEY):
            now = int(time.time())
            if now - int(session.get(self.RENEWED, 0)) >= self.EVERY:
                session[self.RENEWED] = now  # modified: SessionMiddleware saves it
        return response
