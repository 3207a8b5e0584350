"""Template context every page needs: the signed-in clinician's practice and the version."""

from typing import Any

from django.http import HttpRequest

from mutuality import __version__
from mutuality.practices.models import Clinician


def practice(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    clinician = None
    if user is not None and user.is_authenticated:
        clinician = Clinician.objects.select_related("practice").filter(user=user).first()
    return {
        "version": __version__,
        "clinician": clinician,
        "practice": clinician.practice if clinician else None,
    }
