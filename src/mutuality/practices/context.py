"""Template context every page needs: the signed-in clinician's practice and the version."""

from typing import Any

from django.http import HttpRequest

from mutuality import __version__


def practice(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    clinician = None
    if user is not None and user.is_authenticated:
        # Loaded with the user (accounts.backends): no query of its own on most requests.
        clinician = getattr(user, "clinician", None)
    return {
        "version": __version__,
        "clinician": clinician,
        "practice": clinician.practice if clinician else None,
    }
