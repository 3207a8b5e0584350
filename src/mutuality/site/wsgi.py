"""WSGI entry point: `mutuality serve` runs it in Gunicorn's workers (site.server), or in
waitress where Gunicorn cannot run (Windows)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mutuality.site.settings")
application = get_wsgi_application()
