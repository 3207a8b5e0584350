from django.apps import AppConfig


class TranscriptsConfig(AppConfig):
    """Therapy sessions and their de-identified, analysed transcripts."""

    name = "mutuality.transcripts"
