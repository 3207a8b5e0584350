"""The one way into the practice admin's pages: the signed-in admin's own practice."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from mutuality.practices.models import Clinician, Practice, Role, Supervision
from mutuality.site.requests import ClinicianRequest


def admin_practice(request: ClinicianRequest) -> Practice:
    """The practice the user administers; 403 for anyone who is not a practice admin."""
    profile = Clinician.objects.filter(user_id=request.user.pk, role=Role.ADMIN).first()
    if profile is None:
        raise PermissionDenied("Only a practice admin manages accounts and settings.")
    return profile.practice


def get_person_for_admin(request: ClinicianRequest, person_id: int) -> Clinician:
    practice = admin_practice(request)
    return get_object_or_404(
        Clinician.objects.select_related("user").filter(practice=practice), user_id=person_id
    )


def get_supervision_for_admin(request: ClinicianRequest, supervision_id: int) -> Supervision:
    practice = admin_practice(request)
    return get_object_or_404(
        Supervision.objects.filter(supervisor__clinician__practice=practice), pk=supervision_id
    )
