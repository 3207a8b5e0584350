from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class MapsConfig(AppConfig):
    """The relational-cultural map: a client's relationships and their dated assessments."""

    name = "mutuality.maps"

    def ready(self) -> None:
        from mutuality.maps.models import Relationship, RelationshipAssessment
        from mutuality.maps.tally import map_changed

        for model in (Relationship, RelationshipAssessment):
            post_save.connect(map_changed, sender=model, dispatch_uid=f"tally-{model.__name__}")
            post_delete.connect(map_changed, sender=model, dispatch_uid=f"untally-{model.__name__}")
