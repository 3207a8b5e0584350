"""A throwaway practice for benchmarks: a fresh data folder, migrated, with one clinician."""

import os
import tempfile
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def bench_practice() -> "User":
    """Sets Django up on a new SQLite database and returns a signed-up clinician."""
    os.environ["MUTUALITY_DATA_DIR"] = tempfile.mkdtemp(prefix="mutuality-bench-")
    os.environ["MUTUALITY_SECRET_KEY"] = "benchmark-only"
    os.environ["MUTUALITY_ALLOWED_HOSTS"] = "testserver"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mutuality.site.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    from mutuality.practices.actions import create_clinician

    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    return create_clinician(
        username="bench", password="bench-pass-phrase", display_name="B", practice_name="B"
    ).user
