"""Django's SQLite backend, with each statement's placeholders converted once and the
query planner's statistics kept current (`base`)."""
