"""A log line for each slow request, so whoever runs a practice's server can see which pages
are slow there without an access log (which stays off: request lines carry client-link
tokens). The line names the URL pattern, never the address: `GET clients/<int:client_id>/
measures/ 200 1234 ms`, with no id, query string or token, and nothing of a client."""

import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

log = logging.getLogger("mutuality.slow")


class SlowRequestMiddleware:
    """Logs a warning for every request that took `MUTUALITY_SLOW_REQUEST_MS` or longer
    (from the environment; 0 logs none). Outermost but for the security headers, so the
    time includes the session, sign-in checks and every other middleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        began = time.perf_counter()
        response = self.get_response(request)
        took_ms = (time.perf_counter() - began) * 1000
        threshold: float = settings.MUTUALITY_SLOW_REQUEST_MS
        if threshold and took_ms >= threshold:
            match = request.resolver_match
            route = (match.route or match.view_name) if match else "(no page at this address)"
            log.warning(
                "slow request: %s %s %d %.0f ms",
                request.method,
                route,
                response.status_code,
                took_ms,
            )
        return response
