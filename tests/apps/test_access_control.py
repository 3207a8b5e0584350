"""Access rules generated from the URL configuration, so a new view cannot slip past them.

Every URL requires login (except the login page and the client's token pages). Every URL
that names a client's object is tried, GET and POST, by each role that is not its
clinician: another clinician, a supervisor of someone else and the practice admin get a
404 that reveals nothing; the client's own supervisor reads the supervisor pages and gets
403 for everything else, and changes nothing. The practice admin's pages answer 403 to
everyone but a practice admin, and 404 for a person of another practice.
"""

import json

import pytest
from django.db import connection
from django.urls import URLPattern, URLResolver, get_resolver

from mutuality.record.audited import OBJECTS, SUPERVISOR_PAGES
from tests.conftest import person, signed_in_with_two_factor

# The login page, the pages that answer only to a client's secret token, and the health
# check (it shows nothing but "ok").
PUBLIC = {"login", "checkin", "link-log", "link-plan", "healthz"}


def patterns(resolver: URLResolver | None = None, prefix: str = "", namespace: str = ""):
    for p in (resolver or get_resolver()).url_patterns:
        if isinstance(p, URLResolver):
            if p.namespace == "admin":
                continue  # Django's admin enforces staff itself; tested below
            yield from patterns(p, prefix + str(p.pattern), p.namespace or namespace)
        elif isinstance(p, URLPattern):
            yield p.name, prefix + str(p.pattern), p.pattern.converters


ALL = list(patterns())
WITH_IDS = [(name, route, conv) for name, route, conv in ALL if set(conv) & set(OBJECTS)]
ADMIN_PAGES = [(name, route, conv) for name, route, conv in ALL if route.startswith("practice/")]
HIJACK = {"display_name": "hijack", "name": "hijack", "text": "hijack", "role": "admin"}
IGNORED_TABLES = {
    "audit_auditentry",
    "accounts_session",
    "django_session",
    "axes_accessattempt",
    "axes_accesslog",
}


def snapshot() -> str:
    """Every row of every table a request could change (not the audit trail or sessions)."""
    out = []
    with connection.cursor() as cursor:
        for table in sorted(set(connection.introspection.table_names(cursor)) - IGNORED_TABLES):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)} ORDER BY 1")  # noqa: S608
            out.append(json.dumps(cursor.fetchall(), default=str))
    return "\n".join(out)


def url_for(route: str, ids: dict[str, int | str]) -> str:
    path = route
    for key, value in ids.items():
        for conv in ("int", "slug", "str"):
            path = path.replace(f"<{conv}:{key}>", str(value))
    assert "<" not in path, f"no test id for a parameter in {route}: extend the ids below"
    return "/" + path


def test_it_finds_the_views_that_take_object_ids():
    names = {name for name, _, _ in WITH_IDS}
    assert {"client", "map", "relationship", "assessment-edit", "identity-delete"} <= names
    assert {"administration", "alert-acknowledge", "link-revoke", "client-measures"} <= names
    assert {"session", "client-sessions", "note-edit", "note-print", "private-notes"} <= names
    assert {
        "plan",
        "goal-edit",
        "objective-edit",
        "formulation",
        "timeline",
        "client-export",
    } <= names


@pytest.mark.parametrize(
    ("name", "route", "conv"),
    [p for p in ALL if p[0] not in PUBLIC],
    ids=[p[0] for p in ALL if p[0] not in PUBLIC],
)
def test_it_sends_anonymous_visitors_to_login(client, ids, name, route, conv):
    for method in (client.get, client.post):
        response = method(url_for(route, ids))
        assert response.status_code == 302, f"{method.__name__} {route}"
        assert response["Location"].startswith("/login/")


@pytest.mark.parametrize("role", ["other clinician", "other supervisor", "practice admin"])
def test_no_one_but_the_clinician_and_their_supervisor_reaches_a_record(
    client, bob, sue, pat, ids, role
):
    """404 for every object URL, GET and POST, so a forged id reveals nothing."""
    if role == "other clinician":
        client.force_login(bob)
    else:
        signed_in_with_two_factor(client, sue if role == "other supervisor" else pat)
    before = snapshot()
    for name, route, _ in WITH_IDS:
        url = url_for(route, ids)
        assert client.get(url).status_code == 404, f"GET {name}"
        assert client.post(url, HIJACK).status_code == 404, f"POST {name}"
    assert snapshot() == before


def test_a_supervisor_reads_the_supervisee_record_and_changes_nothing(client, sam, ids):
    signed_in_with_two_factor(client, sam)
    before = snapshot()
    for name, route, _ in WITH_IDS:
        url = url_for(route, ids)
        got = client.get(url).status_code
        if name in SUPERVISOR_PAGES:
            assert got in (200, 405), f"GET {name}: {got}"
        else:
            assert got == 403, f"GET {name}: {got}, but it is not a supervisor page"
        posted = client.post(url, HIJACK).status_code
        if name == "note-cosign":
            assert posted == 302  # the draft cannot be co-signed: it says so and goes back
        else:
            assert posted == 403, f"POST {name}: {posted}"
    assert snapshot() == before


@pytest.mark.parametrize(("name", "route", "conv"), ADMIN_PAGES, ids=[p[0] for p in ADMIN_PAGES])
def test_only_a_practice_admin_reaches_the_practice_pages(
    client, alice, sam, ids, name, route, conv
):
    url = url_for(route, ids)
    client.force_login(alice)
    assert client.get(url).status_code == 403
    assert client.post(url, HIJACK).status_code == 403
    signed_in_with_two_factor(client, sam)
    assert client.get(url).status_code == 403
    assert client.post(url, HIJACK).status_code == 403
    other = person("olga", "admin", practice="Another Practice")
    signed_in_with_two_factor(client, other)
    got = client.get(url).status_code
    if set(conv):  # a person, supervision or record of Alice's practice
        assert got == 404
        assert client.post(url, HIJACK).status_code == 404
    else:
        assert got in (200, 405)


def test_the_practice_admin_reaches_the_practice_pages(client, pat, ids):
    signed_in_with_two_factor(client, pat)
    for name, route, _ in ADMIN_PAGES:
        assert client.get(url_for(route, ids)).status_code in (200, 405), name


@pytest.mark.parametrize(("name", "route", "conv"), WITH_IDS, ids=[p[0] for p in WITH_IDS])
def test_it_lets_the_owner_reach_the_same_urls(client, alice, owned_ids, name, route, conv):
    client.force_login(alice)
    assert client.get(url_for(route, owned_ids)).status_code in (200, 405)


def test_it_keeps_the_caseload_and_its_search_to_ones_own_clients(client, bob, alice_client):
    link = f'href="/clients/{alice_client.pk}/"'
    client.force_login(bob)
    for url in ("/", "/?q=Quinn", "/?status=all"):
        assert link not in client.get(url).content.decode()
    client.force_login(alice_client.clinician)
    assert link in client.get("/?q=Quinn").content.decode()


def test_it_keeps_the_admin_to_staff(client, alice):
    client.force_login(alice)
    response = client.get("/admin/clients/client/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
