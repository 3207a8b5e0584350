from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from mutuality.clients.models import Client
from mutuality.core.rct.vocabulary import (
    DisconnectionOutcome,
    DisconnectionStrategy,
    GoodThing,
    Power,
    PowerDirection,
    RelationshipKind,
)
from mutuality.core.relational_map import (
    RATING_MAX,
    Assessment,
    IsolationSignal,
    MapSummary,
    Tie,
)
from mutuality.encryption.fields import EncryptedCharField, EncryptedTextField
from mutuality.site.prepared import Prepared

RATING = [MinValueValidator(0), MaxValueValidator(RATING_MAX)]


def as_core(relationships: list["Relationship"]) -> tuple[list[Tie], list[Assessment]]:
    """Relationships (from `with_ratings`) as core values, in their order."""
    return [r.to_core() for r in relationships], [a for r in relationships for a in r.ratings]


def by_name(relationships: Iterable["Relationship"]) -> list["Relationship"]:
    """Sorted by name in Python: names are sealed, so SQL cannot order them."""
    return sorted(relationships, key=lambda r: (r.name.casefold(), r.pk))


class Relationship(models.Model):
    """A person, group or community in the client's life, or the therapy itself."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="relationships")
    name = EncryptedCharField(
        max_length=80, help_text="As the client names them: 'Mum', 'my manager', 'choir'."
    )
    kind = models.CharField(max_length=20, choices=RelationshipKind.choices())
    note = EncryptedTextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    ratings: list[Assessment]  # set by `with_ratings`: its assessments, newest first

    class Meta:
        # Names are sealed, so neither order nor uniqueness can be the database's: the
        # form refuses a second relationship of the same name, and pages sort in Python.
        ordering = ["id"]

    def __str__(self) -> str:
        return str(self.name)

    def to_core(self) -> Tie:
        return Tie(key=str(self.pk), name=self.name, kind=RelationshipKind(self.kind))


class RelationshipAssessment(models.Model):
    """One dated rating of a relationship, made with the client."""

    # What `to_core` reads: the sealed words (relational images, note) are not among them.
    RATINGS = (
        "relationship_id",
        "assessed_on",
        "mutual_empathy",
        "authenticity",
        "mutual_empowerment",
        "closeness",
        "power",
        "power_direction",
        "good_things",
        "outcomes",
        "strategies",
    )

    relationship = models.ForeignKey(
        Relationship, on_delete=models.CASCADE, related_name="assessments"
    )
    assessed_on = models.DateField()
    mutual_empathy = models.PositiveSmallIntegerField(validators=RATING)
    authenticity = models.PositiveSmallIntegerField(validators=RATING)
    mutual_empowerment = models.PositiveSmallIntegerField(validators=RATING)
    closeness = models.PositiveSmallIntegerField(validators=RATING)
    power = models.PositiveSmallIntegerField(choices=Power.choices(), default=Power.MIXED)
    power_direction = models.CharField(
        max_length=20,
        choices=PowerDirection.choices(),
        default=PowerDirection.SHARED,
    )
    good_things = models.JSONField(default=list, blank=True)
    outcomes = models.JSONField(default=list, blank=True)
    strategies = models.JSONField(default=list, blank=True)
    relational_images = EncryptedTextField(
        blank=True, help_text="Expectations at play here, in the client's words."
    )
    note = EncryptedTextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-assessed_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["relationship", "assessed_on"], name="one_assessment_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.relationship} on {self.assessed_on}"

    def client_pk(self) -> int | None:
        """The client's id: from the relationship when it is loaded, else in one query
        (None when the relationship is being deleted with it)."""
        if RelationshipAssessment.relationship.is_cached(self):
            return int(self.relationship.client_id)
        found: int | None = (
            Relationship.objects.filter(pk=self.relationship_id)
            .values_list("client_id", flat=True)
            .first()
        )
        return found

    def to_core(self) -> Assessment:
        return self.core_from(*(getattr(self, name) for name in self.RATINGS))

    @staticmethod
    def core_from(
        relationship_id: int,
        assessed_on: date,
        mutual_empathy: int,
        authenticity: int,
        mutual_empowerment: int,
        closeness: int,
        power: int,
        power_direction: str,
        good_things: list[str],
        outcomes: list[str],
        strategies: list[str],
    ) -> Assessment:
        """The core value from the `RATINGS` columns, in their order (a model or a row)."""
        return Assessment(
            tie=str(relationship_id),
            on=assessed_on,
            mutual_empathy=mutual_empathy,
            authenticity=authenticity,
            mutual_empowerment=mutual_empowerment,
            closeness=closeness,
            power=Power(power),
            power_direction=PowerDirection(power_direction),
            good_things=frozenset(GoodThing(v) for v in good_things),
            outcomes=frozenset(DisconnectionOutcome(v) for v in outcomes),
            strategies=frozenset(DisconnectionStrategy(v) for v in strategies),
        )

    @property
    def score(self) -> int:
        return self.to_core().score


# A client's relationships and the ratings of all their assessments (newest first), each
# in one statement built once (site.prepared): the map, the client page and the client's
# view read them on every visit. The sealed words of the assessments are left unopened.
RELATIONSHIPS = Prepared(lambda client: Relationship.objects.filter(client_id=client), -1)
RATED = Prepared(
    lambda client: RelationshipAssessment.objects.filter(
        relationship__client_id=client
    ).values_list(*RelationshipAssessment.RATINGS),
    -1,
)


def with_ratings(client_pk: int) -> list["Relationship"]:
    """The client's relationships by name, each with `ratings`: its assessments as core
    values, newest first. Two queries."""
    ratings: dict[int, list[Assessment]] = defaultdict(list)
    for row in RATED.rows(client_pk):
        ratings[row[0]].append(RelationshipAssessment.core_from(*row))
    found = by_name(RELATIONSHIPS.all(client_pk))
    for r in found:
        r.ratings = ratings.get(r.pk, [])
    return found


def map_data(client_pk: int) -> tuple[list[Tie], list[Assessment]]:
    """The client's relationships and all their assessments as core values, by name."""
    return as_core(with_ratings(client_pk))


class MapTally(models.Model):
    """What the caseload shows of a client's map, kept current as the map is written
    (`maps.tally`): the counts of the latest assessment of each relationship as of `as_of`.
    It holds for every later day until `next_change`, the date of an assessment dated after
    `as_of` (none can be entered in advance, so that is almost always empty). A client with
    no assessment has no tally. Counts and fixed phrases only: no sealed word."""

    client = models.OneToOneField(
        Client, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    as_of = models.DateField()
    next_change = models.DateField(null=True)
    assessed = models.PositiveIntegerField()
    growth_fostering = models.PositiveIntegerField()
    growth_fostering_outside_therapy = models.PositiveIntegerField()
    power_over = models.PositiveIntegerField()
    isolation_reasons = models.JSONField(default=list)

    def __str__(self) -> str:
        return f"map tally of client {self.client_id} as of {self.as_of}"

    # The counts `summary_of` takes, in its order (maps.tally reads them as rows: fifty a
    # caseload page).
    COUNTS = ("assessed", "growth_fostering", "growth_fostering_outside_therapy", "power_over")

    def summary(self, on: date) -> MapSummary:
        return summary_of(
            on,
            self.assessed,
            self.growth_fostering,
            self.growth_fostering_outside_therapy,
            self.power_over,
            self.isolation_reasons,
        )


def summary_of(
    on: date,
    assessed: int,
    growth_fostering: int,
    growth_fostering_outside_therapy: int,
    power_over: int,
    isolation_reasons: list[str],
) -> MapSummary:
    """A kept tally's summary on `on`, from its columns."""
    reasons = tuple(isolation_reasons)
    return MapSummary(
        on=on,
        assessed=assessed,
        growth_fostering=growth_fostering,
        growth_fostering_outside_therapy=growth_fostering_outside_therapy,
        power_over=power_over,
        isolation=IsolationSignal(raised=bool(reasons), reasons=reasons),
    )


def holds_on(as_of: date, next_change: date | None, on: date) -> bool:
    """Whether a tally kept as of `as_of` still holds on `on`."""
    return as_of <= on and (next_change is None or on < next_change)
