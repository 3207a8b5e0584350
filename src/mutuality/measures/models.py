import hashlib
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models

from mutuality.clients.models import Client
from mutuality.core.measures.instruments import BUILT_IN
from mutuality.maps.models import Relationship
from mutuality.site.dates import local_day
from mutuality.site.days import day
from mutuality.site.prepared import Prepared

WEEK = timedelta(days=7)


class ImportedInstrument(models.Model):
    """An instrument a practice imported from a FHIR Questionnaire, in its own wording."""

    key = models.SlugField(max_length=60)
    version = models.CharField(max_length=40)
    title = models.CharField(max_length=200)
    definition = models.JSONField(help_text="Mutuality's instrument schema, from the import.")
    questionnaire = models.JSONField(help_text="The FHIR Questionnaire as imported.")
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "version"], name="unique_instrument_version")
        ]
        ordering = ["title", "-imported_at"]

    def __str__(self) -> str:
        return f"{self.title} ({self.version})"


class CheckinLinkQuerySet(models.QuerySet["CheckinLink"]):
    def active(self, now: datetime) -> "CheckinLinkQuerySet":
        return self.filter(revoked_at__isnull=True, expires_at__gt=now)


class CheckinLink(models.Model):
    """A private link a client opens on their phone to answer chosen check-ins.

    Only a SHA-256 hash of the token is stored; the link itself is shown once.
    """

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="checkin_links")
    token_hash = models.CharField(max_length=64, unique=True)
    instruments = models.JSONField()
    relationship = models.ForeignKey(
        Relationship, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    logs = models.JSONField(default=list, blank=True, help_text="Log kinds the client may keep.")
    recurring_weekly = models.BooleanField(default=False)
    share_progress = models.BooleanField(default=False)
    share_plan = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    # Its latest submission's moment, kept as each is saved (`actions.submit_checkin`): the
    # caseload's overdue flag reads it for a page of clients, where looking up each link's
    # latest submission was the caseload's costliest statement on PostgreSQL.
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = CheckinLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"check-in link for {self.client} until {self.expires_at:%d %b %Y}"

    @staticmethod
    def hash(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    def is_open(self, now: datetime) -> bool:
        """Neither withdrawn nor expired: the same rule as `CheckinLinkQuerySet.active`."""
        return self.revoked_at is None and self.expires_at > now

    def period(self, now: datetime) -> int:
        """Which answering window `now` falls in: weekly for recurring links, else one."""
        if not self.recurring_weekly:
            return 0
        return int((now - self.created_at) / WEEK)

    def next_opening(self, now: datetime) -> datetime:
        return self.created_at + (self.period(now) + 1) * WEEK


def latest_use() -> "models.Subquery":
    """The moment of a link's latest submission, for `CheckinLink.last_used_at` when links
    are built in bulk (the demo practice)."""
    return models.Subquery(
        CheckinSubmission.objects.filter(link=models.OuterRef("pk"))
        .order_by("-submitted_at")
        .values("submitted_at")[:1]
    )


class CheckinSubmission(models.Model):
    """One use of a link in one window; the constraint makes a double submission impossible."""

    link = models.ForeignKey(CheckinLink, on_delete=models.CASCADE, related_name="submissions")
    period = models.PositiveIntegerField()
    submitted_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["link", "submitted_at"])]  # a link's latest use
        constraints = [
            models.UniqueConstraint(fields=["link", "period"], name="one_submission_per_period")
        ]

    def __str__(self) -> str:
        return f"submission {self.period} of {self.link}"


class AdministrationQuerySet(models.QuerySet["Administration"]):
    def for_client(self, client: Client) -> "AdministrationQuerySet":
        return self.filter(client=client).order_by("taken_at", "id")


class Administration(models.Model):
    """One completion of one instrument, answers keyed by stable item keys."""

    class Source(models.TextChoices):
        SESSION = "session", "Entered in session"
        LINK = "link", "Client's check-in link"

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="administrations")
    instrument = models.CharField(max_length=60)
    version = models.CharField(max_length=40)
    taken_at = models.DateTimeField()
    answers = models.JSONField()
    # Each scale's score as saved, {scale key: [raw, prorated]}, a scale the answers could
    # not score left out (`scoring.kept_scores`): the measures pages draw a year or more of
    # scores without scoring every answer again. None only on a row saved without them
    # (restored from an older backup, say), which is scored when read.
    scores = models.JSONField(null=True, blank=True)
    source = models.CharField(max_length=10, choices=Source.choices)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submission = models.ForeignKey(
        CheckinSubmission,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="administrations",
    )
    relationship = models.ForeignKey(
        Relationship, null=True, blank=True, on_delete=models.SET_NULL, related_name="checks"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AdministrationQuerySet.as_manager()

    class Meta:
        ordering = ["-taken_at", "-id"]
        indexes = [
            models.Index(fields=["client", "instrument", "taken_at"]),
            # a client's answers by date whatever the instrument: the latest, a window
            models.Index(fields=["client", "taken_at"], name="administration_client_date"),
            models.Index(fields=["client", "created_at"]),  # record.activity's rebuild
        ]

    def __str__(self) -> str:
        """Where it is printed, the client is already named: the page is theirs (and
        naming them here would cost a query for each one listed). A built-in instrument by
        its title; an imported one by its key, which costs no query either."""
        built_in = BUILT_IN.get(self.instrument)
        name = built_in.title if built_in is not None else self.instrument
        return f"{name} on {day(local_day(self.taken_at))}"


def answers_unless_scored(*also: str) -> models.Case:
    """A column for reading administrations: their answers where their scores were not kept
    (to score them when read) or where the instrument is one of `also`, else NULL, so a page
    that draws kept scores does not read and decode every answer."""
    wanted = models.Q(scores__isnull=True)
    for key in also:
        wanted |= models.Q(instrument=key)
    return models.Case(
        models.When(wanted, then=models.F("answers")), output_field=models.JSONField()
    )


class RiskAlert(models.Model):
    """A risk item answered above its threshold; stays until a clinician acknowledges it."""

    administration = models.ForeignKey(
        Administration, on_delete=models.CASCADE, related_name="alerts"
    )
    item = models.CharField(max_length=60)
    value = models.IntegerField()
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-administration__taken_at"]

    def __str__(self) -> str:
        return f"risk item {self.item} = {self.value} ({self.administration})"


# A client's risk alerts waiting for a clinician, with the answers that raised them: the
# client page and the measures page show them on every visit (built once, site.prepared).
OPEN_ALERTS = Prepared(
    lambda client: RiskAlert.objects.filter(
        administration__client_id=client, acknowledged_at__isnull=True
    ).select_related("administration"),
    -1,
)


class ScaleEnds(models.Model):
    """The first and the latest score of one scale for one client, kept current as answers
    are saved (`measures.summary.note_scored`), so the caseload's reliable-change flags cost
    one row per scale instead of rescoring years of history on every view."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="scale_ends")
    instrument = models.CharField(max_length=60)
    version = models.CharField(max_length=40)
    scale = models.CharField(max_length=60)
    first_id = models.BigIntegerField()  # the administration, ordered by (taken_at, id)
    first_at = models.DateTimeField()
    first_raw = models.FloatField()
    latest_id = models.BigIntegerField()
    latest_at = models.DateTimeField()
    latest_raw = models.FloatField()
    # Reliable deterioration from first to latest, set whenever an end moves.
    deteriorated = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["client", "instrument", "scale"], name="one_ends_row_per_scale"
            )
        ]

    def __str__(self) -> str:
        return f"{self.instrument} {self.scale} ends for client {self.client_id}"
