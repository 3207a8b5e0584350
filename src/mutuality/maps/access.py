"""The one way views fetch map records: through the clinician's own caseload, or a 404."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.shortcuts import get_object_or_404

from mutuality.clients.models import readable_by
from mutuality.maps.models import Relationship, RelationshipAssessment


def get_relationship_for_user(
    user: AbstractBaseUser | AnonymousUser, relationship_id: int
) -> Relationship:
    return get_object_or_404(
        Relationship.objects.select_related("client").filter(readable_by(user, "client__")),
        pk=relationship_id,
    )


def get_assessment_for_user(
    user: AbstractBaseUser | AnonymousUser, assessment_id: int
) -> RelationshipAssessment:
    return get_object_or_404(
        RelationshipAssessment.objects.select_related("relationship__client").filter(
            readable_by(user, "relationship__client__")
        ),
        pk=assessment_id,
    )
