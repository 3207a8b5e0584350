"""The caseload's map summaries are kept as tallies (`maps.tally`) as the map is written:
after every kind of write, the tally says what summarising the whole map says."""

import random
from datetime import date, timedelta

import pytest
from django.utils import timezone

from mutuality.clients.models import Client
from mutuality.core.rct.vocabulary import DisconnectionOutcome, Power, RelationshipKind
from mutuality.core.relational_map import summarise
from mutuality.maps import tally
from mutuality.maps.models import MapTally, Relationship, RelationshipAssessment, map_data
from tests.conftest import assess

pytestmark = pytest.mark.django_db


def from_scratch(client: Client, on: date):
    ties, assessments = map_data(client.pk)
    return summarise(ties, assessments, on) if assessments else None


def kept(client: Client, on: date):
    return tally.summaries([client.pk], on).get(client.pk)


def test_the_tally_follows_every_write_to_the_map(alice, alice_client):
    today = timezone.localdate()
    rng = random.Random(7)
    kinds = list(RelationshipKind)
    relationships: list[Relationship] = []
    assert kept(alice_client, today) is None
    for step in range(60):
        move = rng.choice(["add", "assess", "assess", "kind", "delete"])
        if move == "add" or not relationships:
            rel = Relationship.objects.create(
                client=alice_client, name=f"Tie {step}", kind=rng.choice(kinds)
            )
            relationships.append(rel)
            if rng.random() < 0.8:  # some stay unassessed for a while
                assess(rel, today - timedelta(days=rng.randint(0, 400)), (1, 1, 1, 1))
        elif move == "assess":
            rel = rng.choice(relationships)
            day = today - timedelta(days=rng.randint(0, 400))
            if not rel.assessments.filter(assessed_on=day).exists():
                assess(
                    rel,
                    day,
                    tuple(rng.randint(0, 4) for _ in range(4)),  # type: ignore[arg-type]
                    power=rng.choice(list(Power)),
                    outcomes=rng.sample([o.value for o in DisconnectionOutcome], 2),
                )
        elif move == "kind":
            rel = rng.choice(relationships)
            rel.kind = rng.choice(kinds)
            rel.save()
        else:
            relationships.pop(rng.randrange(len(relationships))).delete()
        assert kept(alice_client, today) == from_scratch(alice_client, today), (step, move)
    assert MapTally.objects.filter(client=alice_client).exists()


def test_an_assessment_dated_later_takes_over_on_its_day(alice, alice_client):
    """Forms refuse dates in the future, but a clock set wrong or an import could bring
    one: the tally holds only until that day, then is counted again."""
    today = timezone.localdate()
    rel = Relationship.objects.create(client=alice_client, name="Friend", kind="friend")
    assess(rel, today - timedelta(days=10), (0, 0, 0, 0), outcomes=["turning-away"])
    assess(rel, today + timedelta(days=3), (4, 4, 4, 4))
    for day in (
        today,
        today + timedelta(days=2),
        today + timedelta(days=3),
        today + timedelta(days=9),
    ):
        assert kept(alice_client, day) == from_scratch(alice_client, day), day
    assert kept(alice_client, today + timedelta(days=3)).growth_fostering == 1


def test_destroying_a_record_leaves_no_tally_behind(alice, alice_client, alice_relationship):
    assert MapTally.objects.filter(client=alice_client).exists()
    Client.objects.filter(pk=alice_client.pk).delete()
    assert not MapTally.objects.exists()
    assert not RelationshipAssessment.objects.exists()


def test_rebuild_counts_maps_loaded_without_signals(alice, alice_client):
    """A bulk load (the demo builder, the migration) counts each map once."""
    today = timezone.localdate()
    rel = Relationship.objects.create(client=alice_client, name="Choir", kind="community")
    RelationshipAssessment.objects.bulk_create(
        RelationshipAssessment(
            relationship=rel, assessed_on=today - timedelta(days=d), mutual_empathy=4,
            authenticity=4, mutual_empowerment=4, closeness=4, created_by=alice,
        )
        for d in (1, 30)
    )  # fmt: skip
    assert kept(alice_client, today) is None  # no signal: not counted yet
    tally.rebuild([alice_client.pk])
    assert kept(alice_client, today) == from_scratch(alice_client, today)
    assert kept(alice_client, today).growth_fostering == 1
