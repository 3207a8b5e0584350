"""Access rules generated from the URL configuration, so a new view cannot slip past them.

Every URL requires login (except the login page itself), and every URL that takes an
object id answers 404 to a clinician who does not own the object.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

PUBLIC = {"login", "checkin", "link-log", "link-plan"}  # these answer only to a secret token


def patterns(resolver: URLResolver | None = None, prefix: str = "", namespace: str = ""):
    for p in (resolver or get_resolver()).url_patterns:
        if isinstance(p, URLResolver):
            if p.namespace == "admin":
                continue  # Django's admin enforces staff itself; tested below
            yield from patterns(p, prefix + str(p.pattern), p.namespace or namespace)
        elif isinstance(p, URLPattern):
            yield p.name, prefix + str(p.pattern), p.pattern.converters


ALL = list(patterns())
WITH_IDS = [
    (name, route, conv) for name, route, conv in ALL if any(k.endswith("_id") for k in conv)
]


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
def test_it_sends_anonymous_visitors_to_login(client, owned_ids, name, route, conv):
    for method in (client.get, client.post):
        response = method(url_for(route, owned_ids))
        assert response.status_code == 302, f"{method.__name__} {route}"
        assert response["Location"].startswith("/login/")


@pytest.mark.parametrize(("name", "route", "conv"), WITH_IDS, ids=[p[0] for p in WITH_IDS])
def test_it_hides_other_clinicians_objects(client, bob, owned_ids, name, route, conv):
    client.force_login(bob)
    url = url_for(route, owned_ids)
    assert client.get(url).status_code == 404
    assert client.post(url, {"display_name": "hijack", "name": "hijack"}).status_code == 404


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
