"""WSGI entry point, served by waitress through `mutuality serve`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mutuality.site.settings")
application = get_wsgi_application()
