"""Slow requests are logged by their URL pattern, with nothing of a client in the line."""

import logging

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings
from django.utils import timezone

from mutuality.measures import actions

pytestmark = pytest.mark.django_db


def slow_lines(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "mutuality.slow"]


@override_settings(MUTUALITY_SLOW_REQUEST_MS=0.001)  # every request counts as slow
def test_a_slow_request_is_logged_by_its_pattern_not_its_address(
    client, alice, alice_client, caplog
):
    _link, token = actions.create_link(
        client=alice_client, by=alice, instruments=["five-good-things"], now=timezone.now(),
        days=14, recurring_weekly=False, share_progress=False,
    )  # fmt: skip
    client.force_login(alice)
    with caplog.at_level(logging.WARNING, logger="mutuality.slow"):
        client.get(f"/clients/{alice_client.pk}/measures/?from=2026-01-01")
        client.get("/no-such-page/")
        client.logout()
        client.get(f"/c/{token}/")
    lines = slow_lines(caplog)
    assert len(lines) == 3, lines
    measures, missing, checkin = lines
    assert measures.startswith("slow request: GET clients/<int:client_id>/measures/ 200 ")
    assert measures.endswith(" ms")
    assert missing.startswith("slow request: GET (no page at this address) 404 ")
    assert checkin.startswith("slow request: GET c/<str:token>/ 200 ")
    for line in lines:
        for private in (token, str(alice_client.pk), alice_client.display_name, "2026-01-01"):
            assert private not in line.split(" ms")[0].rsplit(" ", 2)[0], (private, line)


@pytest.mark.parametrize("threshold", [0, 60_000])  # none logged; a quick page is not slow
def test_a_request_under_the_threshold_or_with_none_set_is_not_logged(
    client, alice, caplog, threshold
):
    client.force_login(alice)
    with (
        override_settings(MUTUALITY_SLOW_REQUEST_MS=threshold),
        caplog.at_level(logging.WARNING, logger="mutuality.slow"),
    ):
        assert client.get("/").status_code == 200
    assert slow_lines(caplog) == []


@pytest.mark.parametrize("text", ["soon", "-5", "inf", "nan"])
def test_a_threshold_that_is_not_milliseconds_stops_the_server_naming_it(monkeypatch, text):
    from mutuality.site.settings import _milliseconds

    monkeypatch.setenv("MUTUALITY_SLOW_REQUEST_MS", text)
    with pytest.raises(ImproperlyConfigured, match=f"MUTUALITY_SLOW_REQUEST_MS is '{text}'"):
        _milliseconds("MUTUALITY_SLOW_REQUEST_MS", 1000)
    monkeypatch.setenv("MUTUALITY_SLOW_REQUEST_MS", " 250 ")
    assert _milliseconds("MUTUALITY_SLOW_REQUEST_MS", 1000) == 250
