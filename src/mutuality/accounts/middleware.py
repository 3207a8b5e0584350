from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse

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
        user = request.user
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
