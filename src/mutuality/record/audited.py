"""Every page and change of client data leaves an audit entry, in the same transaction.

`audit_urls` wraps the views of the URL configuration that touch client data: those whose
URL names an object (a client, a session, a goal, a link token …) and the caseload. Each
request then runs in one transaction with its audit entry — who, which object and client,
what (viewed, created, changed, deleted, signed, printed, exported), from which address —
so the entry and a change are saved together or not at all (a change that first needs
seconds of work that writes nothing, a transcript's analysis, has it done before its
transaction opens: `site.requests.slow_work_first`). A refused request for an
object (403/404: someone else's record, a forged id) is recorded as `denied`. A page that
only reads (GET) is rendered first and its entry appended after, in a short transaction of
its own: there is no change to keep together with it, and the page is not sent unless the
entry is saved.

It also holds the one rule for reading someone else's record: a supervisor reaches their
supervisees' clients through the access helpers (`Client.objects.for_user`), and here may
open only the pages in `SUPERVISOR_PAGES` — never a form that changes the record, never
the clinician's private notes, never an export — and co-sign notes.
"""

from collections.abc import Callable
from contextlib import nullcontext
from functools import cache, wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import connection, models, transaction
from django.http import Http404, HttpRequest, HttpResponseBase
from django.urls import URLPattern, URLResolver

from mutuality.audit.actions import record
from mutuality.audit.models import Action
from mutuality.audit.signals import client_ip
from mutuality.clients import access as clients
from mutuality.clients.models import Client, SocialIdentity
from mutuality.formulations.models import Formulation
from mutuality.maps.models import Relationship, RelationshipAssessment
from mutuality.measures.models import Administration, CheckinLink, RiskAlert
from mutuality.plans.models import Goal, Objective
from mutuality.sessions import access as sessions
from mutuality.sessions.models import TherapySession
from mutuality.site.prepared import ReadAhead

# URL keyword → (object type, model, path from the model to its client's id)
OBJECTS: dict[str, tuple[str, type[models.Model], str]] = {
    "client_id": ("client", Client, "pk"),
    "identity_id": ("identity", SocialIdentity, "client_id"),
    "relationship_id": ("relationship", Relationship, "client_id"),
    "assessment_id": ("assessment", RelationshipAssessment, "relationship__client_id"),
    "link_id": ("link", CheckinLink, "client_id"),
    "administration_id": ("administration", Administration, "client_id"),
    "alert_id": ("alert", RiskAlert, "administration__client_id"),
    "session_id": ("session", TherapySession, "client_id"),
    "goal_id": ("goal", Goal, "plan__client_id"),
    "objective_id": ("objective", Objective, "goal__plan__client_id"),
    "formulation_id": ("formulation", Formulation, "client_id"),
}
# Objects read whole before the view, which takes them instead of reading them again.
READ_AHEAD: dict[str, ReadAhead[Any]] = {"client_id": clients.AHEAD, "session_id": sessions.AHEAD}
# Pages about clients that name no single object.
LISTS = {"caseload": "caseload", "client-new": "client", "supervision": "caseload"}
EXPORTS = {"client-export", "administration-fhir"}
# What a supervisor may open of a supervisee's record (deny by default).
SUPERVISOR_PAGES = {
    "client",
    "map",
    "map-svg",
    "relationship",
    "client-measures",
    "client-view",
    "administration",
    "client-sessions",
    "timeline",
    "session",
    "session-transcript",
    "plan",
    "plan-versions",
    "formulation",
    "note-cosign",
}
SAFE = {"GET", "HEAD"}


def _owner_path(path: str) -> str:
    return "clinician_id" if path == "pk" else path.removesuffix("_id") + "__clinician_id"


def _target(kwargs: dict[str, Any], read: bool) -> tuple[str, str, int | None, int | None]:
    """(object type, object id, client id, the client's clinician) of a URL's object, which,
    with `read`, is read whole for the view to take (`READ_AHEAD`). Only a page that reads
    takes it: a change reads its record again inside its own transaction, where no other
    change can come between its read and its write."""
    if "token" in kwargs:
        token = str(kwargs["token"])
        link = CheckinLink.objects.filter(token_hash=CheckinLink.hash(token)).first()
        return "link", str(link.pk) if link else "", link.client_id if link else None, None
    key = next((key for key in OBJECTS if key in kwargs), None)
    if key is None:
        raise LookupError(f"no audit mapping for {sorted(kwargs)}")
    kind, _, path = OBJECTS[key]
    pk = kwargs[key]
    if read and key in READ_AHEAD:
        if (found := READ_AHEAD[key].read(pk)) is None:
            return kind, str(pk), None, None
        # `path` is the client's id on the object itself ("pk", "client_id") for these
        return kind, str(pk), getattr(found, path), READ_AHEAD[key].owner(found)
    with connection.cursor() as cursor:
        cursor.execute(_owner_sql(key), [pk])
        client_id, owner = cursor.fetchone() or (None, None)
    return kind, str(pk), client_id, owner


@cache
def _owner_sql(key: str) -> str:
    """The query for (client id, the client's clinician) of the object a URL keyword names,
    built by the ORM once per keyword: it runs before every page about a client, and the ORM
    takes ten times as long to build it as the database to run it."""
    _, model, path = OBJECTS[key]
    query = model._default_manager.filter(pk=0).values_list(path, _owner_path(path)).query
    sql, params = query.sql_with_params()
    assert params == (0,), f"one parameter, the object's id: {params}"
    return sql


def _may_change(request: HttpRequest, name: str, client_id: int | None, owner: int) -> bool:
    """Whether this request may go on to the view. The client's clinician may do anything
    the view allows; anyone else who can read the record (a supervisor) may read the
    supervisor pages and co-sign; anyone who cannot read it goes on to the view's 404."""
    user = request.user
    if owner == user.pk or client_id is None:
        return True
    if name in SUPERVISOR_PAGES and (request.method in SAFE or name == "note-cosign"):
        return True
    return not Client.objects.for_user(user).filter(pk=client_id).exists()


def _action(request: HttpRequest, name: str) -> Action:
    if chosen := getattr(request, "audit_facts", {}).get("action"):
        return Action(chosen)
    if name in EXPORTS:
        return Action.EXPORT
    if name.endswith("-print"):
        return Action.PRINT
    if request.method in {"GET", "HEAD"}:
        return Action.VIEW
    if name.endswith("-delete"):
        return Action.DELETE
    if name.endswith(("-new", "-add", "-start")):
        return Action.CREATE
    return Action.CHANGE  # a view that creates on another URL says so with `describe`


def audited(view: Callable[..., HttpResponseBase], name: str) -> Callable[..., HttpResponseBase]:
    slow = getattr(view, "slow_work_first", None)  # site.requests.slow_work_first

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        try:
            return audit(request, *args, **kwargs)
        finally:
            for ahead in READ_AHEAD.values():
                ahead.forget()

    def audit(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        user = getattr(request, "user", None)
        actor: object = "client link" if "token" in kwargs else user
        if name in LISTS:
            kind, object_id, client_id, owner = LISTS[name], "", None, None
        else:
            kind, object_id, client_id, owner = _target(kwargs, read=request.method in SAFE)

        def note(action: Action, client: int | None) -> None:
            facts = getattr(request, "audit_facts", {})  # what a view said it created
            record(
                action=action,
                actor=actor,
                object_type=facts.get("object_type", kind),
                object_id=str(facts.get("object_id", object_id)),
                client_id=facts.get("client_id", client),
                ip=client_ip(request),
                detail=f"{request.method} {name}",
            )

        try:
            if owner is not None and not _may_change(request, name, client_id, owner):
                # A supervisor reads; only the client's clinician changes the record. (Whoever
                # cannot read it at all gets the access helpers' 404, which reveals nothing.)
                raise PermissionDenied("Only the client's own clinician can change this record.")
            if slow is not None and request.method not in SAFE:
                request.slow_work = slow(request, *args, **kwargs)  # type: ignore[attr-defined]
            # A page that only reads runs outside any write transaction, so readers do not
            # queue for SQLite's write lock behind one another; its entry is appended after
            # it, and if that fails the page is not sent. A change commits with its entry.
            with nullcontext() if request.method in SAFE else transaction.atomic():
                response = view(request, *args, **kwargs)
                if response.status_code < 400:
                    note(_action(request, name), client_id)
        except (Http404, PermissionDenied):
            # Someone else's record or a forged id: recorded, without the client it names.
            note(Action.DENIED, None)
            raise
        if response.status_code in {403, 404}:
            note(Action.DENIED, None)
        # Other 4xx are refused forms: nothing was saved or shown beyond the form.
        return response

    wrapper.audited = True  # type: ignore[attr-defined]
    return wrapper


def needs_audit(pattern: URLPattern) -> bool:
    keys = set(pattern.pattern.converters) if hasattr(pattern.pattern, "converters") else set()
    return bool(keys & (set(OBJECTS) | {"token"})) or pattern.name in LISTS


def audit_urls(patterns: list[URLPattern | URLResolver]) -> list[URLPattern | URLResolver]:
    for p in patterns:
        if isinstance(p, URLPattern) and needs_audit(p):
            assert p.name, f"{p.pattern} needs a name to be audited"
            p.callback = audited(p.callback, p.name)
    return patterns
