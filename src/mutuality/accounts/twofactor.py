"""TOTP two-factor sign-in with recovery codes, on django-otp's devices.

A person's authenticator is a confirmed `TOTPDevice`; their recovery codes are the tokens
of a `StaticDevice` named "recovery", each usable once. django-otp throttles guesses on
both after repeated failures.
"""

import base64

import segno
from django.contrib.auth.models import User
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from mutuality.site.prepared import Prepared

RECOVERY_CODES = 10
AUTHENTICATOR = "authenticator"
RECOVERY = "recovery"


def required_for(user: User) -> bool:
    """Practice admins and supervisors must use two-factor sign-in; others may."""
    clinician = getattr(user, "clinician", None)
    return bool(user.is_superuser or (clinician and clinician.role in {"admin", "supervisor"}))


def enrolled(user: User) -> bool:
    """Whether the user has a confirmed authenticator: as loaded with a request's user
    (accounts.backends), else asked of the database."""
    known = getattr(user, "has_authenticator", None)
    if known is not None:
        return bool(known)
    found: bool = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    return found


def pending_device(user: User) -> TOTPDevice:
    """The unconfirmed authenticator being set up (a new secret each time none is pending)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False, name=AUTHENTICATOR).first()
    return device or TOTPDevice.objects.create(user=user, name=AUTHENTICATOR, confirmed=False)


def secret(device: TOTPDevice) -> str:
    return base64.b32encode(device.bin_key).decode()


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// URL as an inline SVG QR code for an authenticator app to scan."""
    svg: str = segno.make(device.config_url, error="m").svg_inline(scale=4, dark="#1f2937")
    return svg


@transaction.atomic
def confirm(device: TOTPDevice, code: str) -> list[str] | None:
    """Confirms the authenticator if `code` is right; returns fresh recovery codes."""
    if not device.verify_token(code.strip().replace(" ", "")):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    return new_recovery_codes(device.user)


@transaction.atomic
def new_recovery_codes(user: User) -> list[str]:
    """Replaces any earlier recovery codes; each new one works once."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name=RECOVERY)
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    return codes


# The account page shows how many are left on every visit; building the query through the
# ORM cost as much as the rest of the page's own work, so it is built once (site.prepared).
UNUSED = Prepared(
    lambda user: StaticToken.objects.filter(device__user=user, device__name=RECOVERY).values_list(
        "pk"
    ),
    -1,
)


def remaining_codes(user: User) -> int:
    return len(UNUSED.rows(user.pk))


@transaction.atomic
def remove(user: User) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
