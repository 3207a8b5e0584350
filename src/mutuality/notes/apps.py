from django.apps import AppConfig


class NotesConfig(AppConfig):
    """Session notes that are signed and then locked, their addenda, and the clinician's
    private process notes and supervision reflections, kept apart from the record."""

    name = "mutuality.notes"
