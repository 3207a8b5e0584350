from django.apps import AppConfig


class SessionsConfig(AppConfig):
    """Therapy sessions: the hub for one meeting's note, transcript, measures and map."""

    name = "mutuality.sessions"
    label = "therapy_sessions"  # "sessions" is Django's own session store
