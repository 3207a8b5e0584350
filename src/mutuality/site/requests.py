"""The request type of views behind login, so views see a real `User`; and how a view that
must do slow work before its change asks for it to be done outside the change's
transaction."""

from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib.auth.models import User
from django.http import HttpRequest

V = TypeVar("V", bound=Callable[..., Any])


class ClinicianRequest(HttpRequest):
    """A request from a signed-in clinician: LoginRequiredMiddleware guarantees the user."""

    user: User
    slow_work: Any  # what the view's `slow_work_first` gave, on a change (record.audited)


def slow_work_first(work: Callable[..., Any]) -> Callable[[V], V]:
    """Marks a view whose change first needs seconds of work that writes nothing (analysing
    a transcript). The audit wrapper (record.audited) calls `work(request, *args, **kwargs)`
    before it opens the change's write transaction, and the view finds what it returned as
    `request.slow_work`. On SQLite that transaction holds the database's one write lock,
    which every other change and every page view's audit entry wait for, five seconds at
    most and then fail: work done inside it stops the whole practice's pages."""

    def mark(view: V) -> V:
        view.slow_work_first = work  # type: ignore[attr-defined]
        return view

    return mark
