"""Request limits and response headers for pages that may show client data."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import patch_cache_control


class BodySizeMiddleware:
    """Refuses a request body larger than `MUTUALITY_MAX_BODY_BYTES` from its declared
    length, before any of it is read (Django's own limit does not cover file uploads, which
    it would stream to disk whatever their size)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        declared = request.META.get("CONTENT_LENGTH") or "0"
        limit: int = settings.MUTUALITY_MAX_BODY_BYTES
        if not declared.isdigit():
            return HttpResponse(
                "The request's Content-Length is not a number; nothing was read or saved.",
                status=400,
                content_type="text/plain; charset=utf-8",
            )
        if int(declared) > limit:
            return HttpResponse(
                f"This request is {int(declared) / 1e6:.1f} MB; Mutuality accepts at most "
                f"{limit / 1e6:.0f} MB at once (a transcript up to 2 MB, a questionnaire up "
                "to 1 MB). Nothing was read or saved.",
                status=413,
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


class NoStoreMiddleware:
    """`Cache-Control: no-store` on every page Mutuality renders, so nothing about a client
    stays in the browser cache of a shared computer. Static files are served before this
    by WhiteNoise and keep their long-lived caching."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        patch_cache_control(response, no_store=True, private=True)
        return response
