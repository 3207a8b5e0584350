"""Client check-in links: private, expiring, once per window, and never double-counted."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from mutuality.core.measures import built_in
from mutuality.core.measures.model import Instrument
from mutuality.measures import actions
from mutuality.measures.actions import Answers
from mutuality.measures.models import Administration, CheckinLink, CheckinSubmission

FGT = {f"five-good-things-{k}": "3" for k in ("zest", "action", "clarity", "worth", "connection")}


@pytest.fixture
def link_and_token(alice, alice_client):
    return actions.create_link(
        client=alice_client,
        by=alice,
        instruments=["five-good-things"],
        now=timezone.now(),
        days=14,
        recurring_weekly=False,
        share_progress=False,
    )


def test_it_creates_a_link_from_the_measures_page_and_shows_it_once(client, alice, alice_client):
    client.force_login(alice)
    response = client.post(
        f"/clients/{alice_client.pk}/links/new/",
        {
            "instruments": ["five-good-things", "disconnection"],
            "days": "14",
            "recurring_weekly": "on",
        },
    )
    page = response.content.decode()
    link = CheckinLink.objects.get()
    url = page.split('id="checkin-url" readonly value="')[1].split('"')[0]
    token = url.rstrip("/").rsplit("/", 1)[1]
    assert link.token_hash == CheckinLink.hash(token)
    assert link.recurring_weekly
    assert link.instruments == ["five-good-things", "disconnection"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM measures_checkinlink")
        assert token not in str(cursor.fetchall())  # only the hash is stored
    assert "shown <strong>only now</strong>" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"days": "14"}, "Choose at least one check-in, log or the plan to share."),
        (
            {"instruments": ["phq9"], "days": "14"},
            "Select a valid choice. phq9 is not one of the available choices.",
        ),
        (
            {"instruments": ["five-good-things"], "days": "400"},
            "Ensure this value is less than or equal to 90.",
        ),
        (
            {"instruments": ["relationship-check"], "days": "7"},
            "Choose the relationship the check is about.",
        ),
    ],
)
def test_it_refuses_a_bad_link_request(client, alice, alice_client, data, message):
    client.force_login(alice)
    response = client.post(f"/clients/{alice_client.pk}/links/new/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not CheckinLink.objects.exists()


def test_it_shows_the_client_only_the_chosen_check_ins(client, link_and_token):
    _, token = link_and_token
    page = client.get(f"/c/{token}/").content.decode()
    assert "Five Good Things check-in" in page
    assert "Quinn" not in page
    assert "trans woman" not in page
    assert "Sister" not in page
    assert 'name="password"' not in page


def test_it_records_answers_once_and_says_so_the_second_time(client, link_and_token):
    link, token = link_and_token
    response = client.post(f"/c/{token}/", FGT)
    assert "Your answers were sent to your therapist." in response.content.decode()
    adm = Administration.objects.get()
    assert (adm.source, adm.answers["zest"], adm.entered_by) == ("link", 3, None)
    again = client.post(f"/c/{token}/", FGT)
    assert again.status_code == 409
    assert "This check-in has already been answered" in again.content.decode()
    assert "already been answered" in client.get(f"/c/{token}/").content.decode()
    assert Administration.objects.count() == 1
    assert CheckinSubmission.objects.filter(link=link).count() == 1


def test_it_refuses_a_wrong_answer_code_from_a_forged_form(client, link_and_token):
    _, token = link_and_token
    response = client.post(f"/c/{token}/", FGT | {"five-good-things-zest": "9"})
    assert response.status_code == 400
    assert "9 is not one of the answers to this item." in response.content.decode()
    assert not Administration.objects.exists()
    assert not CheckinSubmission.objects.exists()


def test_it_never_counts_a_race_twice(link_and_token):
    from mutuality.core.measures import built_in

    link, _ = link_and_token
    given: dict[str, int | None] = {
        "zest": 1,
        "action": 1,
        "clarity": 1,
        "worth": 1,
        "connection": 1,
    }
    answers = {built_in("five-good-things"): given}
    now = timezone.now()
    actions.submit_checkin(link=link, answers=answers, now=now)
    with pytest.raises(actions.AlreadySubmitted):
        actions.submit_checkin(link=link, answers=answers, now=now)
    assert Administration.objects.count() == 1


def test_it_explains_an_expired_or_withdrawn_link(client, link_and_token):
    link, token = link_and_token
    link.expires_at = timezone.now() - timedelta(minutes=1)
    link.save()
    response = client.post(f"/c/{token}/", FGT)
    assert response.status_code == 410
    assert "It has expired or was withdrawn." in response.content.decode()
    assert not Administration.objects.exists()
    link.expires_at = timezone.now() + timedelta(days=1)
    link.revoked_at = timezone.now()
    link.save()
    assert client.get(f"/c/{token}/").status_code == 410


@pytest.mark.parametrize("token", ["x" * 43, "short", "../../admin", "%00" * 10])
def test_it_answers_404_to_a_forged_token(client, link_and_token, token):
    assert client.get(f"/c/{token}/").status_code == 404


def test_it_opens_a_weekly_link_again_the_next_week(client, alice, alice_client):
    start = timezone.now() - timedelta(days=8)
    link, token = actions.create_link(
        client=alice_client,
        by=alice,
        instruments=["five-good-things"],
        now=start,
        days=30,
        recurring_weekly=True,
        share_progress=True,
    )
    CheckinSubmission.objects.create(link=link, period=0, submitted_at=start)
    response = client.post(f"/c/{token}/", FGT)  # a new week: period 1
    page = response.content.decode()
    assert "Your answers were sent" in page
    assert f"opens again on {link.next_opening(timezone.now()):%-d %b %Y}" in page
    assert "Your check-ins so far" in page  # share_progress shows the client's own charts


def test_it_flags_an_overdue_weekly_check_in_on_the_caseload(client, alice, alice_client):
    actions.create_link(
        client=alice_client,
        by=alice,
        instruments=["five-good-things"],
        now=timezone.now() - timedelta(days=10),
        days=30,
        recurring_weekly=True,
        share_progress=False,
    )
    client.force_login(alice)
    assert "Check-in overdue" in client.get("/").content.decode()


def test_a_weekly_check_in_answered_this_week_is_not_overdue(client, alice, alice_client):
    link, _ = actions.create_link(
        client=alice_client, by=alice, instruments=["five-good-things"],
        now=timezone.now() - timedelta(days=10), days=30, recurring_weekly=True,
        share_progress=False,
    )  # fmt: skip
    five = built_in("five-good-things")
    answers: dict[Instrument, Answers] = {five: {item.key: 3 for item in five.items}}
    actions.submit_checkin(link=link, answers=answers, now=timezone.now() - timedelta(days=2))
    client.force_login(alice)
    assert "Check-in overdue" not in client.get("/").content.decode()


def test_a_link_keeps_the_moment_of_its_latest_submission(alice, alice_client):
    """What the caseload's overdue flag reads (`CheckinLink.last_used_at`): the latest
    submission's moment, also when an earlier window's answers arrive after a later one's."""
    start = timezone.now() - timedelta(days=30)
    link, _ = actions.create_link(
        client=alice_client, by=alice, instruments=["five-good-things"], now=start, days=60,
        recurring_weekly=True, share_progress=False,
    )  # fmt: skip
    five = built_in("five-good-things")
    answers: dict[Instrument, Answers] = {five: {item.key: 2 for item in five.items}}
    assert CheckinLink.objects.get().last_used_at is None
    for days in (15, 22, 8):
        actions.submit_checkin(link=link, answers=answers, now=start + timedelta(days=days))
        latest = CheckinSubmission.objects.latest("submitted_at").submitted_at
        assert CheckinLink.objects.get().last_used_at == latest
    assert latest == start + timedelta(days=22)
    with pytest.raises(actions.AlreadySubmitted):  # nothing saved, nothing moved
        actions.submit_checkin(link=link, answers=answers, now=start + timedelta(days=23))
    assert CheckinLink.objects.get().last_used_at == start + timedelta(days=22)


def test_it_withdraws_a_link(client, alice, link_and_token):
    link, token = link_and_token
    client.force_login(alice)
    client.post(f"/links/{link.pk}/revoke/")
    client.logout()
    assert client.get(f"/c/{token}/").status_code == 410


def test_it_keeps_check_in_tokens_out_of_the_logs(client, link_and_token, caplog):
    import logging

    from mutuality.site.logfilters import RedactTokens

    link, token = link_and_token
    link.revoked_at = timezone.now()
    link.save()
    handler_filter = RedactTokens()
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert client.get(f"/c/{token}/").status_code == 410
    records = [r for r in caplog.records if r.name == "django.request"]
    assert records, "Django logs the 410"
    for record in records:
        handler_filter.filter(record)
        assert token not in record.getMessage()
        assert "/c/<token>" in record.getMessage()
    from django.conf import settings

    assert "redact_tokens" in settings.LOGGING["handlers"]["console"]["filters"]


def test_the_measures_page_names_instruments_by_title(alice, alice_client, link_and_token):
    from django.test import Client as Browser

    actions.record_administration(
        client=alice_client, instrument=built_in("phq9"), by=alice, taken_at=timezone.now(),
        answers={f"q{n}": 1 for n in range(1, 10)},
    )  # fmt: skip
    browser = Browser()
    browser.force_login(alice)
    page = browser.get(f"/clients/{alice_client.pk}/measures/").content.decode()
    assert "<p>Five Good Things check-in · once · until" in page  # the open link
    assert "</a></td><td>PHQ-9</td><td>Entered in session</td>" in page  # recent answers
    assert "five-good-things ·" not in page
    assert "<td>phq9</td>" not in page
