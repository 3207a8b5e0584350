"""Writes to the map that touch more than one record, each in one transaction."""

from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from mutuality.clients.models import Client
from mutuality.maps.models import Relationship, RelationshipAssessment


@transaction.atomic
def add_relationship(
    *, client: Client, by: User, relationship: dict[str, Any], first: dict[str, Any]
) -> Relationship:
    """A new relationship on the client's map with its first assessment, or neither."""
    rel = Relationship.objects.create(client=client, **relationship)
    RelationshipAssessment.objects.create(relationship=rel, created_by=by, **first)
    client.save(update_fields=["updated_at"])
    return rel


@transaction.atomic
def assess_relationship(
    *, relationship: Relationship, by: User, data: dict[str, Any]
) -> RelationshipAssessment:
    assessment = RelationshipAssessment.objects.create(
        relationship=relationship, created_by=by, **data
    )
    relationship.client.save(update_fields=["updated_at"])
    return assessment
