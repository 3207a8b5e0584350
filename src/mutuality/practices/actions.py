"""Creating practices and clinician accounts, atomically."""

from django.contrib.auth import password_validation
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction

from mutuality.practices.models import Clinician, Practice, Role


@transaction.atomic
def create_clinician(
    *,
    username: str,
    password: str,
    display_name: str,
    practice_name: str,
    staff: bool = False,
    is_demo: bool = False,
    validate_password: bool = True,
    role: str = Role.CLINICIAN,
) -> Clinician:
    """A user account with its clinician profile, in a practice created if it is new."""
    if not username or not display_name or not practice_name:
        raise ValidationError("username, name and practice must not be empty")
    if User.objects.filter(username=username).exists():
        raise ValidationError(f"the username '{username}' is taken")
    user = User(username=username, is_staff=staff, is_superuser=staff)
    if validate_password:
        password_validation.validate_password(password, user)
    user.set_password(password)
    user.save()
    practice, _ = Practice.objects.get_or_create(name=practice_name, defaults={"is_demo": is_demo})
    return Clinician.objects.create(
        user=user, practice=practice, display_name=display_name, role=role
    )
