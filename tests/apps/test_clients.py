"""Clinicians keep client records: create, edit, search, identities; bad input saves nothing."""

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone

from mutuality.clients.models import Client, SocialIdentity
from tests.conftest import assess


def new_client(**overrides):
    data = {
        "display_name": "Robin",
        "status": "active",
        "start_date": "2026-03-02",
        "concerns": ["isolation", "shame-stigma"],
    }
    return data | overrides


def test_it_adds_a_client_to_ones_caseload(signed_in, alice):
    response = signed_in.post("/clients/new/", new_client(pronouns="she/her"), follow=True)
    robin = Client.objects.named("Robin")
    assert robin.clinician == alice
    assert robin.concerns == ["isolation", "shame-stigma"]
    assert "Robin was added to your caseload." in response.content.decode()
    assert "Shame and internalised stigma" in response.content.decode()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"display_name": "   "}, "Give the client a name or pseudonym."),
        ({"start_date": "2026-13-40"}, "Enter a valid date."),
        (
            {"date_of_birth": (timezone.localdate() + timedelta(days=1)).isoformat()},
            "Date of birth must be in the past.",
        ),
        (
            {"concerns": ["not-a-problem"]},
            "Select a valid choice. not-a-problem is not one of the available choices.",
        ),
        ({"email": "robin-at-example"}, "Enter a valid email address."),
        (
            {"status": "deleted"},
            "Select a valid choice. deleted is not one of the available choices.",
        ),
    ],
)
def test_it_rejects_bad_client_input_with_a_clear_message(signed_in, overrides, message):
    response = signed_in.post("/clients/new/", new_client(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Client.objects.exists()


def test_it_edits_a_client_record(signed_in, alice_client):
    data = new_client(display_name="Quinn R.", status="closed")
    signed_in.post(f"/clients/{alice_client.pk}/edit/", data)
    alice_client.refresh_from_db()
    assert (alice_client.display_name, alice_client.status) == ("Quinn R.", "closed")


def test_it_searches_and_filters_the_caseload(signed_in, alice):
    Client.objects.create(
        clinician=alice,
        display_name="Sky",
        start_date=date(2026, 1, 1),
        concerns_note="grief after a move",
    )
    Client.objects.create(
        clinician=alice, display_name="Lee", start_date=date(2026, 1, 1), status="closed"
    )
    page = signed_in.get("/").content.decode()
    assert "Sky" in page
    assert "Lee" not in page
    assert "Sky" in signed_in.get("/?q=grief").content.decode()
    assert "Sky" not in signed_in.get("/?q=Lee&status=all").content.decode()
    assert "Lee" in signed_in.get("/?status=closed").content.decode()


def test_the_caseload_is_in_name_order_fifty_a_page(signed_in, alice):
    names = [
        f"{'ab'[n % 2]}{'XYZ'[n % 3].lower() if n % 4 else 'XYZ'[n % 3]}-{n:02d}" for n in range(55)
    ]
    Client.objects.bulk_create(
        Client(clinician=alice, display_name=name, start_date=date(2026, 1, 1)) for name in names
    )
    expected = sorted(names, key=str.casefold)
    first, second = (signed_in.get(f"/?page={n}").content.decode() for n in (1, 2))

    def shown(page: str) -> list[str]:
        return re.findall(r'<a class="strong" href="/clients/\d+/">([^<]+)</a>', page)

    assert shown(first) == expected[:50]
    assert shown(second) == expected[50:]
    assert shown(signed_in.get("/?q=Y-1").content.decode()) == [
        n for n in expected if "y-1" in n.casefold()
    ]


def test_the_caseload_escapes_what_clinicians_typed(signed_in, alice):
    from mutuality.core.rct import problem

    robin = Client.objects.create(
        clinician=alice,
        display_name="<i>Robin</i>",
        pronouns='they/"them"',
        start_date=date(2026, 1, 1),
        concerns=["isolation"],
        status="closed",
    )
    page = signed_in.get("/?status=closed").content.decode()
    assert f'<a class="strong" href="/clients/{robin.pk}/">&lt;i&gt;Robin&lt;/i&gt;</a>' in page
    assert "(they/&quot;them&quot;)" in page
    assert '<span class="pill">closed</span>' in page
    assert "<i>Robin" not in page
    assert f'<span class="tag">{problem("isolation").name}</span>' in page  # concerns by name


def test_it_shows_map_signals_on_the_caseload(signed_in, alice, alice_relationship):
    page = signed_in.get("/").content.decode()
    assert "1 of 1" in page  # Sister scores (25*8 + 10 + 50) / 4 = 65: growth-fostering
    assert "Isolation signal" not in page
    assess(
        alice_relationship,
        date(2026, 3, 1),
        (1, 0, 1, 1),
        power=4,
        power_direction="other-over-client",
        outcomes=["turning-away"],
    )
    page = signed_in.get("/").content.decode()
    assert "0 of 1" in page
    assert "Isolation signal" in page
    assert "1 power-over" in page


def test_it_records_social_identities_in_the_clients_words(signed_in, alice_client):
    url = f"/clients/{alice_client.pk}/identities/"
    response = signed_in.post(
        url,
        {
            "dimension": "class",
            "own_words": "grew up on benefits",
            "position": "subordinated",
            "contexts": "at university",
        },
        follow=True,
    )
    assert "grew up on benefits" in response.content.decode()
    assert alice_client.identities.count() == 2


def test_it_rejects_an_identity_without_the_clients_words(signed_in, alice_client):
    response = signed_in.post(
        f"/clients/{alice_client.pk}/identities/", {"dimension": "class", "position": "sideways"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "This field is required." in page
    assert "Select a valid choice. sideways is not one of the available choices." in page
    assert alice_client.identities.count() == 1


def test_it_removes_an_identity_only_by_post(signed_in, alice_client):
    identity = alice_client.identities.get()
    assert signed_in.get(f"/identities/{identity.pk}/delete/").status_code == 405
    signed_in.post(f"/identities/{identity.pk}/delete/")
    assert not SocialIdentity.objects.exists()


def test_it_counts_answered_check_ins_as_activity(signed_in, alice, alice_client):
    from datetime import UTC, datetime

    from mutuality.core.measures import built_in
    from mutuality.measures import actions

    Client.objects.filter(pk=alice_client.pk).update(updated_at=datetime(2026, 1, 5, 9, tzinfo=UTC))
    assert "5 Jan 2026" in signed_in.get("/").content.decode()
    actions.record_administration(
        client=alice_client,
        instrument=built_in("phq9"),
        answers={f"q{n}": 0 for n in range(1, 10)},
        taken_at=timezone.now(),
        by=alice,
    )
    page = signed_in.get("/").content.decode()
    assert "5 Jan 2026" not in page
    assert f"{timezone.now():%-d %b %Y}" in page
