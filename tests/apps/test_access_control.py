"""Access rules generated from the URL configuration, so a new view cannot slip past them.

Every URL requires login (except the login page itself), and every URL that takes an
object id answers 404 to a clinician who does not own the object.
"""

from datetime import date

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


@pytest.fixture
def owned_ids(alice, alice_client, alice_relationship):
    from django.utils import timezone

    from mutuality.core.measures import built_in
    from mutuality.measures import actions
    from mutuality.sessions.models import TherapySession

    adm = actions.record_administration(
        client=alice_client,
        instrument=built_in("phq9"),
        answers={f"q{n}": 1 for n in range(1, 10)},
        taken_at=timezone.now(),
        by=alice,
    )
    link, token = actions.create_link(
        client=alice_client,
        by=alice,
        instruments=["five-good-things"],
        now=timezone.now(),
        days=7,
        recurring_weekly=False,
        share_progress=False,
    )
    from mutuality.formulations.actions import save_formulation
    from mutuality.plans import actions as plans

    plan = plans.start_plan(client=alice_client, by=alice, now=timezone.now(), review_due=None)
    goal = plans.add_goal_from_library(
        plan=plan,
        goal_key="reduce-condemned-isolation",
        problem_key="isolation",
        by=alice,
        now=timezone.now(),
    )
    formulation = save_formulation(
        client=alice_client,
        by=alice,
        content={"yearnings": ["to be known"]},
        as_of=date(2026, 3, 1),
        shared=False,
    )
    from mutuality.notes.actions import save_draft

    session = TherapySession.objects.create(client=alice_client, held_on=date(2026, 3, 2))
    save_draft(session=session, by=alice, form="dap", sections={"data": "Talked."}, process={})
    return {
        "goal_id": goal.pk,
        "objective_id": goal.objectives.get().pk,
        "formulation_id": formulation.pk,
        "client_id": alice_client.pk,
        "relationship_id": alice_relationship.pk,
        "assessment_id": alice_relationship.assessments.get().pk,
        "identity_id": alice_client.identities.get().pk,
        "administration_id": adm.pk,
        "alert_id": adm.alerts.get().pk,  # item 9 answered above 0
        "link_id": link.pk,
        "session_id": session.pk,
        "key": "mutual-empathy",
        "instrument_key": "phq9",
        "token": token,
    }


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
