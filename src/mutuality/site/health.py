"""`/healthz/`: for a reverse proxy or monitor to ask whether this server can answer.

No sign-in (it shows nothing), one database round trip, `no-store`. It is also the
benchmark's floor: the cheapest page served by the same stack."""

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpRequest, HttpResponse


@login_not_required
def healthz(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return HttpResponse("ok\n", content_type="text/plain")
