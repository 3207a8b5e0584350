"""A clinician uploads a transcript to a session and reads the timeline and evidence."""

from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import expect

from mutuality.sessions.models import TherapySession

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TRANSCRIPT = """WEBVTT

00:00:01.000 --> 00:00:06.000
<v Therapist>How did it go with your brother this week?

00:00:06.500 --> 00:00:14.000
<v Quinn>I didn't tell anyone what happened. I kept it to myself, like always.

00:00:14.500 --> 00:00:20.000
<v Therapist>It sounds like keeping it in has been lonely, and I'm glad you're telling me now.
"""


def _signed_in_with_a_session(page, alice_client, tmp_path) -> tuple[TherapySession, Path]:
    """alice signed in; a session of her client and a transcript file to upload to it."""
    session = TherapySession.objects.create(client=alice_client, held_on=date(2026, 3, 2))
    path = Path(tmp_path) / "session.vtt"
    path.write_text(TRANSCRIPT)
    page.goto("/login/")
    page.fill("#id_username", "alice")
    page.fill("#id_password", "correct horse battery")
    page.click("button:has-text('Sign in')")
    return session, path


def test_it_shows_a_sessions_markers_with_their_evidence(
    page, alice, alice_client, screenshot, tmp_path
):
    session, path = _signed_in_with_a_session(page, alice_client, tmp_path)
    page.goto(f"/clients/{alice_client.pk}/sessions/")
    page.click(f"a[href='/sessions/{session.pk}/']")
    page.click("a:has-text('Upload a transcript')")
    page.set_input_files("input[type=file]", str(path))
    page.click("button:has-text('Analyse')")
    expect(page.locator(".messages")).to_contain_text("the file itself was not kept")
    timeline = page.locator("svg.timeline")
    expect(timeline).to_be_visible()
    expect(timeline.locator("rect.utterance")).to_have_count(3)
    row = page.locator("tr#u1")
    expect(row).to_contain_text("Client")
    expect(row).not_to_contain_text("Quinn")
    expect(row.locator("mark")).to_have_text("didn't tell anyone")
    expect(row.locator(".tag", has_text="concealment")).to_be_visible()
    expect(row.locator(".evidence")).to_contain_text("didn't tell anyone")
    screenshot("session")


def test_a_queued_analysis_shows_itself_when_the_runner_is_done(
    page, alice, alice_client, screenshot, tmp_path
):
    """The transformer model's analysis is queued (transcripts.runner): the page says so,
    looks again by itself, and shows the analysis once the runner has saved it."""
    from mutuality.transcripts import runner

    session, path = _signed_in_with_a_session(page, alice_client, tmp_path)
    page.goto(f"/sessions/{session.pk}/transcript/")
    page.set_input_files("input[type=file]", str(path))
    page.select_option("select[name=model]", "transformer")
    page.click("button:has-text('Analyse')")
    expect(page.locator(".messages")).to_contain_text("is queued")
    expect(page.locator("section[role=status]")).to_contain_text("Being analysed")
    screenshot("queued")
    assert runner.work_once()
    timeline = page.locator("svg.timeline")
    expect(timeline).to_be_visible(timeout=20_000)  # the page's own refresh, every 10 s
    expect(page.locator("section[role=status]")).to_have_count(0)
    expect(page.locator("tr#u1")).not_to_contain_text("Quinn")
