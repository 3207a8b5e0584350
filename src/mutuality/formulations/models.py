from django.conf import settings
from django.db import models

from mutuality.clients.models import Client
from mutuality.core.record import formulation
from mutuality.encryption.fields import EncryptedJSONField
from mutuality.site.prepared import Prepared


class Formulation(models.Model):
    """One dated version of a client's RCT formulation; versions are never overwritten."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="formulations")
    version = models.PositiveIntegerField()
    as_of = models.DateField("Dated")
    content = EncryptedJSONField()  # core.record.formulation.Formulation.as_dict()
    shared_with_client = models.BooleanField(
        "Share the summary with the client", default=False,
        help_text="Shown on the client's view and through their private link.",
    )  # fmt: skip
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["client", "version"], name="one_formulation_version")
        ]

    def __str__(self) -> str:
        return f"formulation v{self.version} of {self.client}"

    def parsed(self) -> formulation.Formulation:
        return formulation.parse(self.content)

    def summary(self) -> list[str]:
        places = dict(self.client.relationships.values_list("pk", "name"))
        return formulation.summary(self.parsed(), self.client.display_name, places)


# A client's latest formulation: the client page shows it on every visit, and a new
# version starts from it (built once, site.prepared).
LATEST = Prepared(
    lambda client: Formulation.objects.filter(client_id=client).order_by("-version")[:1], -1
)


def latest_for(client: Client) -> Formulation | None:
    return LATEST.first(client.pk)
