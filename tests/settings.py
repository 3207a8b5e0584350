"""Settings for the test suite: Mutuality's own, with a throwaway data dir and fast hashing."""

import os
import tempfile

os.environ.setdefault("MUTUALITY_SECRET_KEY", "test-suite-only-key-not-a-secret")
os.environ.setdefault("MUTUALITY_DATA_DIR", tempfile.mkdtemp(prefix="mutuality-test-"))

from mutuality.site.settings import *  # noqa: F403

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
