"""Signing in: Argon2 hashes, lockout after repeated failures, TOTP two-factor with
recovery codes, idle timeout, and the headers every page carries."""

import re
import subprocess
import sys
from datetime import timedelta

import pytest
from django.contrib.auth.hashers import make_password
from django.test import override_settings
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from mutuality.accounts.models import SignedInSession as Session
from mutuality.audit.models import AuditEntry
from tests.conftest import signs_in

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery"
PRODUCTION_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]


@override_settings(PASSWORD_HASHERS=PRODUCTION_HASHERS)
def test_passwords_are_argon2_and_older_hashes_are_upgraded_at_sign_in(client, alice):
    alice.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    alice.save()
    assert signs_in(client, "alice", PASSWORD)
    alice.refresh_from_db()
    assert alice.password.startswith("argon2$argon2id$")


def test_ten_failures_lock_the_account_even_against_the_right_password(client, alice):
    for _ in range(9):
        response = client.post("/login/", {"username": "alice", "password": "wrong"})
        assert response.status_code == 200  # the form again, with its error
    response = client.post("/login/", {"username": "alice", "password": "wrong"})
    assert response.status_code == 429
    response = client.post("/login/", {"username": "alice", "password": PASSWORD})
    assert response.status_code == 429
    page = response.content.decode()
    assert "Too many failed sign-ins" in page
    assert "15 minutes" in page
    assert not client.get("/").wsgi_request.user.is_authenticated
    assert AuditEntry.objects.filter(action="login-failed", actor="alice").count() >= 10
    assert AuditEntry.objects.filter(action="lockout", actor="alice").exists()
    assert not AuditEntry.objects.filter(detail__icontains="wrong").exists()


def test_a_success_before_the_limit_resets_the_count(client, alice):
    for _ in range(9):
        client.post("/login/", {"username": "alice", "password": "wrong"})
    assert signs_in(client, "alice", PASSWORD)
    client.logout()
    for _ in range(9):
        client.post("/login/", {"username": "alice", "password": "wrong"})
    assert signs_in(client, "alice", PASSWORD)


def code_for(device: TOTPDevice, drift: int = 0) -> str:
    """The code an authenticator shows now, or `drift` steps of 30 s from now."""
    return f"{totp(device.bin_key, step=device.step, digits=device.digits, drift=drift):06d}"


def unthrottle(device: TOTPDevice) -> None:
    """django-otp slows guessing after a wrong code; the waiting is not what is tested."""
    device.refresh_from_db()
    device.throttle_reset()


def enrol(client) -> tuple[TOTPDevice, list[str]]:
    page = client.get("/account/two-factor/").content.decode()
    assert "<svg" in page  # the QR code, inline (no external image service)
    device = TOTPDevice.objects.get(confirmed=False)
    assert client.post("/account/two-factor/", {"code": "000000"}).status_code == 400
    unthrottle(device)
    response = client.post("/account/two-factor/", {"code": code_for(device)})
    codes = re.findall(r"<li><code>([^<]+)</code></li>", response.content.decode())
    return TOTPDevice.objects.get(pk=device.pk), codes


def test_two_factor_enrolment_then_sign_in_asks_for_a_code(client, alice):
    assert signs_in(client, "alice", PASSWORD)
    device, codes = enrol(client)
    assert device.confirmed
    assert len(codes) == 10
    client.post("/logout/")

    assert signs_in(client, "alice", PASSWORD)
    response = client.get("/instruments/")
    assert response.status_code == 302
    assert response["Location"] == "/login/verify/?next=/instruments/"
    assert client.get("/account/").status_code == 302
    assert client.post("/login/verify/", {"code": "123456"}).status_code == 400
    unthrottle(device)
    # The enrolment code cannot be replayed; the next one (within the tolerance) works.
    assert client.post("/login/verify/", {"code": code_for(device)}).status_code == 400
    unthrottle(device)
    response = client.post("/login/verify/", {"code": code_for(device, drift=1), "next": "/"})
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    assert AuditEntry.objects.filter(action="two-factor", detail="enrolled").exists()


def test_a_recovery_code_works_once(client, alice):
    assert signs_in(client, "alice", PASSWORD)
    _, codes = enrol(client)
    assert "10 unused recovery codes left" in client.get("/account/").content.decode()
    client.post("/logout/")
    assert signs_in(client, "alice", PASSWORD)
    assert client.post("/login/verify/", {"code": codes[0]}).status_code == 302
    assert client.get("/").status_code == 200
    assert "9 unused recovery codes left" in client.get("/account/").content.decode()
    client.post("/logout/")
    assert signs_in(client, "alice", PASSWORD)
    assert client.post("/login/verify/", {"code": codes[0]}).status_code == 400
    entry = AuditEntry.objects.filter(detail="2FA recovery code used").get()
    assert entry.actor == "alice"


def test_an_authenticator_set_up_in_one_browser_is_asked_for_in_the_others(client, alice):
    """Whether a person has an authenticator is read with their user on every request, so a
    session signed in with the password alone must give a code once one is set up."""
    other = type(client)()
    assert signs_in(other, "alice", PASSWORD)
    assert other.get("/").status_code == 200
    assert signs_in(client, "alice", PASSWORD)
    enrol(client)
    response = other.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/verify/")


def test_views_are_handed_the_user_itself_with_what_two_factor_set_on_it(client, alice):
    """The middleware hands views the user behind Django's and django-otp's lazy wrappers
    (accounts.middleware.unwrapped): the same person, verified or not as before."""
    from django.contrib.auth.models import AnonymousUser, User

    visitor = client.get("/login/").wsgi_request.user
    assert type(visitor) is AnonymousUser
    assert signs_in(client, "alice", PASSWORD)
    user = client.get("/account/").wsgi_request.user
    assert type(user) is User
    assert user.pk == alice.pk
    otp = vars(user)  # what django-otp set on the user
    assert otp["otp_device"] is None
    assert not otp["is_verified"]()
    device, _ = enrol(client)
    user = client.get("/account/").wsgi_request.user
    assert type(user) is User
    assert vars(user)["is_verified"]()
    assert vars(user)["otp_device"] == device
    client.post("/logout/")
    assert signs_in(client, "alice", PASSWORD)
    assert client.get("/account/").status_code == 302  # the code is owed again
    unthrottle(device)
    client.post("/login/verify/", {"code": code_for(device, drift=1), "next": "/"})
    user = client.get("/").wsgi_request.user
    assert type(user) is User
    assert vars(user)["is_verified"]()


def test_a_forged_session_cookie_signs_no_one_in(client, alice):
    assert signs_in(client, "alice", PASSWORD)
    client.cookies["sessionid"] = "x" * 32
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_admins_and_supervisors_must_set_up_two_factor_first(client, alice):
    alice.clinician.role = "supervisor"
    alice.clinician.save()
    assert signs_in(client, "alice", PASSWORD)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/account/two-factor/"
    enrol(client)
    assert client.get("/").status_code == 200
    response = client.post("/account/two-factor/remove/", follow=True)
    assert "requires two-factor" in response.content.decode()
    assert TOTPDevice.objects.filter(user=alice, confirmed=True).exists()


def test_a_clinician_may_turn_two_factor_off(client, alice):
    assert signs_in(client, "alice", PASSWORD)
    enrol(client)
    client.post("/account/two-factor/remove/")
    assert not TOTPDevice.objects.filter(user=alice).exists()


def test_an_idle_session_ends(client, alice, settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert signs_in(client, "alice", PASSWORD)
    assert client.get("/").status_code == 200
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_an_active_session_is_renewed_once_a_minute_not_on_every_request(client, alice):
    """Each renewal is a write: a session is renewed when its last renewal is a minute old,
    so it ends between 29 and 30 idle minutes after its last request."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from mutuality.accounts.middleware import IdleTimeoutMiddleware as Idle
    from mutuality.accounts.sessions import SessionStore

    assert signs_in(client, "alice", PASSWORD)
    client.get("/")
    key = client.session.session_key
    renewed = Session.objects.get(pk=key).expire_date
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/").status_code == 200
    assert not [q for q in captured.captured_queries if 'UPDATE "accounts_session"' in q["sql"]]
    assert Session.objects.get(pk=key).expire_date == renewed

    stored = SessionStore(session_key=key)  # as if the last renewal were a minute ago
    stored[Idle.RENEWED] = stored[Idle.RENEWED] - Idle.EVERY
    stored.save()
    Session.objects.filter(pk=key).update(expire_date=timezone.now() + timedelta(minutes=29))
    assert client.get("/").status_code == 200
    expires = Session.objects.get(pk=key).expire_date
    assert expires > timezone.now() + timedelta(minutes=29, seconds=50)


def test_a_visitor_who_is_not_signed_in_gets_no_session_row(client):
    assert client.get("/healthz/").status_code == 200
    assert client.get("/login/").status_code == 200
    assert not Session.objects.exists()


def test_every_page_has_a_script_policy_without_inline_and_is_not_cached(client, alice, owned_ids):
    client.force_login(alice)
    for url in ("/", f"/clients/{owned_ids['client_id']}/", f"/c/{owned_ids['token']}/", "/login/"):
        response = client.get(url)
        policy = response["Content-Security-Policy"]
        script = next(d for d in policy.split(";") if d.strip().startswith("script-src"))
        assert "'unsafe-inline'" not in script, url
        assert "frame-ancestors 'none'" in policy
        assert "no-store" in response["Cache-Control"], url


def test_no_template_has_inline_script_or_event_handlers():
    from pathlib import Path

    import mutuality

    paths = list((Path(mutuality.__file__).parent / "jinja2").rglob("*.html"))
    assert len(paths) > 50
    for path in paths:
        text = path.read_text()
        assert " onclick=" not in text, path
        assert " onchange=" not in text, path
        for chunk in text.split("<script")[1:]:
            assert chunk.lstrip().startswith("src="), f"inline script in {path}"


def test_the_documented_production_settings_pass_check_deploy(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "MUTUALITY_DATA_DIR": str(tmp_path),
        "MUTUALITY_HTTPS": "1",
        "MUTUALITY_ALLOWED_HOSTS": "mutuality.example.org",
        "MUTUALITY_SECRET_KEY": "k" * 20 + "-a-long-random-secret-for-this-test-only-0123456789",
        "DJANGO_SETTINGS_MODULE": "mutuality.site.settings",
    }
    out = subprocess.run(
        [sys.executable, "-m", "mutuality", "manage", "check", "--deploy", "--fail-level", "INFO"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "no issues" in out.stdout


def test_plain_http_settings_are_flagged_by_check_deploy(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "MUTUALITY_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "mutuality.site.settings",
    }
    out = subprocess.run(
        [sys.executable, "-m", "mutuality", "manage", "check", "--deploy"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert "SECURE_HSTS_SECONDS" in out.stdout + out.stderr


def test_a_person_changes_their_own_password_and_it_is_audited(client, alice):
    from mutuality.audit.models import AuditEntry

    client.force_login(alice)
    assert 'href="/account/password/"' in client.get("/account/").content.decode()
    wrong = client.post(
        "/account/password/",
        {"old_password": "nope", "new_password1": "a new long phrase 7", "new_password2": "x"},
    )
    assert wrong.status_code == 200
    assert "Your old password was entered incorrectly" in wrong.content.decode()
    done = client.post(
        "/account/password/",
        {
            "old_password": "correct horse battery",
            "new_password1": "a new long phrase 7",
            "new_password2": "a new long phrase 7",
        },
    )
    assert done.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password("a new long phrase 7")
    assert AuditEntry.objects.filter(actor="alice", detail="password changed").exists()
