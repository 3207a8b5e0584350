from datetime import date

from django.db import models

from mutuality.clients.models import Client
from mutuality.core.rct.vocabulary import GoodThing
from mutuality.encryption.fields import EncryptedTextField
from mutuality.maps.models import Relationship
from mutuality.measures.models import CheckinLink


class LogKind(models.TextChoices):
    FIVE_GOOD_THINGS = "five-good-things", "A moment with any of the five good things"
    DISCLOSURE = "disclosure", "Something I shared that I usually keep to myself"
    CONNECTION = "connection", "Something I did with others for connection"


class HowMet(models.TextChoices):
    WELCOMED = "welcomed", "It was welcomed"
    MIXED = "mixed", "Mixed"
    NOT_WELL = "not-well", "It was not met well"


class LogEntryQuerySet(models.QuerySet["LogEntry"]):
    def days(self, client: Client, kind: str) -> list[date]:
        return list(self.filter(client=client, kind=kind).values_list("on", flat=True))


class LogEntry(models.Model):
    """One entry a client made between sessions, through their private link."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="log_entries")
    link = models.ForeignKey(
        CheckinLink, null=True, blank=True, on_delete=models.SET_NULL, related_name="log_entries"
    )
    kind = models.CharField(max_length=20, choices=LogKind.choices)
    on = models.DateField("When")
    good_things = models.JSONField(default=list, blank=True)
    relationship = models.ForeignKey(
        Relationship, null=True, blank=True, on_delete=models.SET_NULL, related_name="log_entries"
    )
    whom = EncryptedTextField("With whom", blank=True)
    how_met = models.CharField(max_length=10, choices=HowMet.choices, blank=True)
    what = EncryptedTextField("What happened", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = LogEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-on", "-id"]
        indexes = [models.Index(fields=["client", "kind", "on"])]
        verbose_name_plural = "log entries"

    def __str__(self) -> str:
        return f"{self.kind} log of {self.client} on {self.on:%d %b %Y}"

    def good_thing_labels(self) -> list[str]:
        return [GoodThing(k).label for k in self.good_things]
