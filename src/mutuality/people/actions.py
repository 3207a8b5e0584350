"""Changes to a practice's people and settings, each in one transaction with its audit
entry."""

from django.contrib.auth import password_validation
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from mutuality.accounts import twofactor
from mutuality.audit.actions import record
from mutuality.audit.models import Action
from mutuality.people.forms import PracticeForm
from mutuality.practices.models import Clinician, Practice, Role, Supervision


def _audit(by: User, ip: str | None, action: Action, kind: str, pk: int, detail: str) -> None:
    """The entry of an admin's change, written in the change's transaction."""
    record(action=action, actor=by, object_type=kind, object_id=pk, ip=ip, detail=detail)


@transaction.atomic
def add_person(
    *,
    practice: Practice,
    username: str,
    display_name: str,
    role: str,
    password: str,
    by: User,
    ip: str | None,
) -> Clinician:
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError(f"The username '{username}' is taken.")
    user = User(username=username)
    password_validation.validate_password(password, user)
    user.set_password(password)
    user.save()
    person = Clinician.objects.create(
        user=user, practice=practice, display_name=display_name, role=role
    )
    _audit(by, ip, Action.CREATE, "account", user.pk, f"role {role}")
    return person


@transaction.atomic
def change_person(
    *,
    person: Clinician,
    role: str,
    active: bool,
    reset_two_factor: bool,
    new_password: str,
    by: User,
    ip: str | None,
) -> list[str]:
    """What changed, in words for the audit entry and the message."""
    user = person.user
    if user.pk == by.pk and (role != Role.ADMIN or not active):
        raise ValidationError("You cannot take away your own admin role or account.")
    changed = []
    if role != person.role:
        changed.append(f"role {person.role} -> {role}")
        person.role = role
        person.save(update_fields=["role"])
        if role != Role.SUPERVISOR:
            ended = Supervision.objects.active().filter(supervisor=user)
            if n := ended.update(ended_on=timezone.localdate()):
                changed.append(f"{n} supervision(s) ended")
    if active != user.is_active:
        changed.append("reactivated" if active else "deactivated")
        user.is_active = active
        user.save(update_fields=["is_active"])
    if reset_two_factor:
        twofactor.remove(user)
        changed.append("two-factor reset")
    if new_password:
        password_validation.validate_password(new_password, user)
        user.set_password(new_password)
        user.save(update_fields=["password"])
        changed.append("password set")
    if changed:
        _audit(by, ip, Action.CHANGE, "account", user.pk, "; ".join(changed))
    return changed


@transaction.atomic
def start_supervision(
    *, supervisor: User, supervisee: User, cosign_required: bool, by: User, ip: str | None
) -> Supervision:
    if supervisor.pk == supervisee.pk:
        raise ValidationError("A person cannot supervise themselves.")
    if Supervision.objects.filter(
        supervisor=supervisor, supervisee=supervisee, ended_on__isnull=True
    ).exists():
        raise ValidationError("This supervision is already set up.")
    link = Supervision.objects.create(
        supervisor=supervisor, supervisee=supervisee, cosign_required=cosign_required
    )
    detail = f"supervisor {supervisor.pk}, supervisee {supervisee.pk}" + (
        ", co-signing" if cosign_required else ""
    )
    _audit(by, ip, Action.CREATE, "supervision", link.pk, detail)
    return link


@transaction.atomic
def end_supervision(*, link: Supervision, by: User, ip: str | None) -> None:
    link.ended_on = timezone.localdate()
    link.save(update_fields=["ended_on"])
    _audit(by, ip, Action.CHANGE, "supervision", link.pk, "ended")


@transaction.atomic
def save_settings(*, form: PracticeForm, by: User, ip: str | None) -> None:
    practice = form.save()
    _audit(by, ip, Action.CHANGE, "practice", practice.pk, ", ".join(form.changed_data))
