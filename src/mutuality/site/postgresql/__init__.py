"""Django's PostgreSQL backend, reading moments quicker (`base.UtcMomentLoader`)."""
