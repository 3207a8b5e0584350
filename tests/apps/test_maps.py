"""The relational-cultural map: relationships, dated assessments, the picture and its table."""

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone

from mutuality.maps.models import Relationship, RelationshipAssessment
from tests.conftest import assess


def ratings(prefix="", **overrides):
    data = {
        "assessed_on": "2026-04-01",
        "mutual_empathy": "3",
        "authenticity": "2",
        "mutual_empowerment": "3",
        "closeness": "4",
        "power": "1",
        "power_direction": "shared",
        "good_things": ["zest", "clarity"],
        "outcomes": [],
        "strategies": ["silencing"],
        "relational_images": "If I ask for help I'll be a burden.",
    } | overrides
    return {f"{prefix}{k}": v for k, v in data.items()}


def new_relationship(name="Best friend Kit", kind="friend", **overrides):
    return {"rel-name": name, "rel-kind": kind} | ratings("first-", **overrides)


def test_it_adds_a_relationship_with_its_first_assessment(signed_in, alice_client):
    response = signed_in.post(
        f"/clients/{alice_client.pk}/relationships/new/", new_relationship(), follow=True
    )
    kit = next(r for r in Relationship.objects.all() if r.name == "Best friend Kit")
    first = kit.assessments.get()
    assert (first.mutual_empathy, first.closeness, first.good_things) == (3, 4, ["zest", "clarity"])
    assert first.score == 68  # (25*8 + 10*2 + 50) / 4 = 67.5, rounded half up
    page = response.content.decode()
    assert "Best friend Kit is on Quinn&#39;s map." in page
    assert "<svg" in page
    assert "Best friend Kit" in page


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"mutual_empathy": "7"},
            "first-mutual_empathy",
            "Select a valid choice. 7 is not one of the available choices.",
        ),
        ({"authenticity": ""}, "first-authenticity", "Rate authenticity from 0 to 4."),
        ({"assessed_on": "yesterday"}, "first-assessed_on", "Enter a valid date."),
        (
            {"power": "4"},
            "first-power_direction",
            "This relationship leans toward power-over: say who holds the power.",
        ),
        (
            {"good_things": ["zest"], "outcomes": ["diminished-energy"]},
            "first-outcomes",
            "cannot both bring and take away the same thing on one date: Zest / Diminished energy.",
        ),
        (
            {"strategies": ["sulking"]},
            "first-strategies",
            "Select a valid choice. sulking is not one of the available choices.",
        ),
    ],
)
def test_it_rejects_bad_ratings_clearly_and_saves_nothing(
    signed_in, alice_client, overrides, field, message
):
    response = signed_in.post(
        f"/clients/{alice_client.pk}/relationships/new/", new_relationship(**overrides)
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Relationship.objects.exists()
    assert not RelationshipAssessment.objects.exists()


def test_it_refuses_a_future_date(signed_in, alice_client):
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = signed_in.post(
        f"/clients/{alice_client.pk}/relationships/new/",
        new_relationship(assessed_on=tomorrow.isoformat()),
    )
    assert f"The date {tomorrow:%d %b %Y} is in the future." in response.content.decode()
    assert not Relationship.objects.exists()


def test_it_refuses_a_second_relationship_of_the_same_name(
    signed_in, alice_client, alice_relationship
):
    response = signed_in.post(
        f"/clients/{alice_client.pk}/relationships/new/", new_relationship(name="sister")
    )
    assert (
        "Quinn already has a relationship called &#39;sister&#39; on the map."
        in response.content.decode()
    )
    assert Relationship.objects.count() == 1


def test_it_saves_nothing_when_the_second_write_fails(signed_in, alice_client, monkeypatch):
    def fail(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(RelationshipAssessment.objects, "create", fail)
    with pytest.raises(RuntimeError):
        signed_in.post(f"/clients/{alice_client.pk}/relationships/new/", new_relationship())
    assert not Relationship.objects.exists()


def test_it_adds_a_dated_assessment_and_refuses_a_second_on_the_same_day(
    signed_in, alice_relationship
):
    url = f"/relationships/{alice_relationship.pk}/assess/"
    signed_in.post(url, ratings(assessed_on="2026-05-01"))
    assert alice_relationship.assessments.count() == 2
    response = signed_in.post(url, ratings(assessed_on="2026-05-01", closeness="1"))
    assert response.status_code == 400
    assert (
        "Sister was already assessed on 01 May 2026; edit that assessment instead."
        in response.content.decode()
    )
    assert alice_relationship.assessments.count() == 2


def test_it_edits_an_assessment(signed_in, alice_relationship):
    assessment = alice_relationship.assessments.get()
    signed_in.post(
        f"/assessments/{assessment.pk}/edit/", ratings(assessed_on="2026-02-01", closeness="0")
    )
    assessment.refresh_from_db()
    assert assessment.closeness == 0


def test_it_draws_the_map_as_of_a_date_and_compared_with_another(
    signed_in, alice, alice_client, alice_relationship
):
    assess(alice_relationship, date(2026, 5, 1), (4, 4, 4, 4), good_things=["zest", "worth"])
    latest = signed_in.get(f"/clients/{alice_client.pk}/map/").content.decode()
    assert "Quinn: relational map as of 01 May 2026" in latest
    earlier = signed_in.get(f"/clients/{alice_client.pk}/map/?on=2026-02-01").content.decode()
    assert "as of 01 Feb 2026" in earlier
    compared = signed_in.get(
        f"/clients/{alice_client.pk}/map/?since=2026-02-01&on=2026-05-01"
    ).content.decode()
    assert "01 Feb 2026 → 01 May 2026" in compared
    assert "Sister · +28" in re.sub(
        r"<[^>]+>", "", compared
    )  # 65 -> (300 + 20 + 50) / 4 = 92.5 -> 93
    assert "toward growth (+28)" in compared


def test_the_maps_table_shows_each_rating_escaped_with_its_tags_in_list_order(
    signed_in, alice_client
):
    from mutuality.maps.models import Relationship

    rel = Relationship.objects.create(client=alice_client, name="<b>Ari</b> & co", kind="friend")
    assess(
        rel, date(2026, 3, 1), (1, 1, 1, 1), power=3, good_things=["worth", "zest"],
        outcomes=["turning-away"], strategies=["withdrawing", "silencing"],
    )  # fmt: skip
    page = signed_in.get(f"/clients/{alice_client.pk}/map/").content.decode()
    row = next(r for r in page.split("<tr>") if r.startswith('<th scope="row">') and "Ari" in r)
    assert f'<a href="/relationships/{rel.pk}/">&lt;b&gt;Ari&lt;/b&gt; &amp; co</a>' in row
    assert "<b>Ari" not in page
    # (75 + 10 * (2 - 1) + 50 + 2) // 4 = 34: disconnecting
    assert '>34</span> <span class="small">disconnecting</span>' in row
    assert row.index(">Zest<") < row.index(">Sense of worth<")  # as listed, not as hashed
    assert '<span class="tag bad">' in row
    assert row.index(">Silencing oneself<") < row.index(">Withdrawing<")
    assert "<td>1/4</td>" in row
    # The client page lists it too, escaped, with its latest score and date.
    record = signed_in.get(f"/clients/{alice_client.pk}/").content.decode()
    listed = next(r for r in record.split("<tr>") if "Ari" in r and "Assess again" in r)
    assert f'href="/relationships/{rel.pk}/">&lt;b&gt;Ari&lt;/b&gt; &amp; co</a>' in listed
    assert ">34</span></td><td>1 Mar 2026</td>" in listed
    assert f'<a href="/relationships/{rel.pk}/assess/">Assess again</a>' in listed
    assert "<b>Ari" not in record


def test_it_explains_a_forged_date_instead_of_failing(signed_in, alice_client, alice_relationship):
    response = signed_in.get(f"/clients/{alice_client.pk}/map/?on=2026-99-01&since=<script>")
    assert response.status_code == 200
    page = response.content.decode()
    assert "&#39;2026-99-01&#39; is not a date; use the form YYYY-MM-DD." in page
    assert "<script>" not in page


def test_it_swaps_dates_given_in_the_wrong_order(signed_in, alice_client, alice_relationship):
    page = signed_in.get(
        f"/clients/{alice_client.pk}/map/?since=2026-05-01&on=2026-02-01"
    ).content.decode()
    assert "The earlier date must come before the later one; they were swapped." in page
    assert "01 Feb 2026 → 01 May 2026" in page


def test_it_serves_the_map_as_an_svg_file(signed_in, alice_client, alice_relationship):
    response = signed_in.get(f"/clients/{alice_client.pk}/map.svg")
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert response["Cache-Control"] == "private, no-store"
    assert response.content.startswith(b"<svg")
    assert b"Sister" in response.content


def test_it_lists_a_relationships_history(signed_in, alice_relationship):
    page = signed_in.get(f"/relationships/{alice_relationship.pk}/").content.decode()
    assert "1 Feb 2026" in page
    assert "Zest" in page


def test_it_links_rct_terms_on_the_map_to_the_guide(signed_in, alice_client):
    page = signed_in.get(f"/clients/{alice_client.pk}/map/").content.decode()
    for key in ("mutual-empathy", "authenticity", "mutual-empowerment"):
        assert f'href="/guide/{key}/"' in page
