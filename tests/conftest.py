"""Personas shared by the app and browser tests, built in code.

Alice is a clinician with a client on her caseload; Bob works in the same practice and
must see nothing of Alice's clients.
"""

import os
from datetime import date

import pytest

IN_CI = os.environ.get("CI") == "true"


def cannot_run(reason: str) -> None:
    """A test that cannot run here: a failure in CI, a visible skip on a developer's machine."""
    if IN_CI:
        pytest.fail(f"cannot run in CI: {reason}")
    pytest.skip(reason)


def signs_in(client, username: str, password: str) -> bool:
    """Signs in through the login form, as a person does (django-axes needs the request)."""
    response = client.post("/login/", {"username": username, "password": password})
    return bool(response.status_code == 302 and response["Location"] == "/")


@pytest.fixture
def alice(db):
    from mutuality.practices.actions import create_clinician

    return create_clinician(
        username="alice",
        password="correct horse battery",
        display_name="Alice Clinician",
        practice_name="Test Practice",
    ).user


@pytest.fixture
def bob(db, alice):
    from mutuality.practices.actions import create_clinician

    return create_clinician(
        username="bob",
        password="correct horse battery",
        display_name="Bob Colleague",
        practice_name="Test Practice",
    ).user


@pytest.fixture
def alice_client(alice):
    from mutuality.clients.models import Client, SocialIdentity

    client = Client.objects.create(
        clinician=alice, display_name="Quinn", start_date=date(2026, 1, 5), concerns=["isolation"]
    )
    SocialIdentity.objects.create(
        client=client, dimension="gender", own_words="trans woman", position="subordinated"
    )
    return client


def assess(rel, on: date, ratings: tuple[int, int, int, int], **more):
    """Saves an assessment of `rel` on `on`: (empathy, authenticity, empowerment, closeness)."""
    from mutuality.maps.models import RelationshipAssessment

    me, au, emp, close = ratings
    return RelationshipAssessment.objects.create(
        relationship=rel,
        assessed_on=on,
        mutual_empathy=me,
        authenticity=au,
        mutual_empowerment=emp,
        closeness=close,
        created_by=rel.client.clinician,
        **more,
    )


@pytest.fixture
def alice_relationship(alice, alice_client):
    from mutuality.maps.models import Relationship

    rel = Relationship.objects.create(client=alice_client, name="Sister", kind="family")
    assess(rel, date(2026, 2, 1), (3, 2, 3, 3), good_things=["zest"])
    return rel


def person(username: str, role: str, practice: str = "Test Practice"):
    """An account with a role in a practice (a supervisor or admin must use two-factor)."""
    from mutuality.practices.actions import create_clinician

    clinician = create_clinician(
        username=username,
        password="correct horse battery",
        display_name=username.capitalize(),
        practice_name=practice,
    )
    clinician.role = role
    clinician.save(update_fields=["role"])
    return clinician.user


def signed_in_with_two_factor(client, user) -> None:
    """Signed in past the second step, as after entering an authenticator code."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


@pytest.fixture
def sam(db, alice):
    """Alice's supervisor; her notes need his co-signature."""
    from mutuality.practices.models import Supervision

    user = person("sam", "supervisor")
    Supervision.objects.create(supervisor=user, supervisee=alice, cosign_required=True)
    return user


@pytest.fixture
def sue(db, alice):
    """A supervisor in the same practice who does not supervise Alice."""
    return person("sue", "supervisor")


@pytest.fixture
def pat(db, alice):
    """The practice admin: accounts and settings, no clinical content."""
    return person("pat", "admin")
