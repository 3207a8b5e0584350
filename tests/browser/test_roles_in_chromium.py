"""A supervisor and a practice admin as they use Mutuality in Chromium: each sets up
two-factor sign-in at the first sign-in with an authenticator (codes computed here from the
key shown on the page, as an app would); the supervisor reads a supervisee's record without
its edit buttons and co-signs a note; the admin adds a clinician and sees no client names."""

import base64

import pytest
from django.utils import timezone
from django_otp.oath import totp
from playwright.sync_api import expect

from mutuality.notes.models import Cosignature
from tests.browser.test_checkin_on_a_phone import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def set_up_two_factor(page) -> None:
    """The first sign-in of a role that requires a second factor."""
    page.wait_for_url("**/account/two-factor/")
    secret = page.locator("#totp-secret").inner_text().replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    page.fill("#id_code", f"{totp(key):06d}")
    page.click("button:has-text('Turn on')")
    expect(page.locator("body")).to_contain_text("recovery codes")


def test_a_supervisor_reads_and_cosigns_and_an_admin_adds_a_clinician(
    page, alice, alice_client, sam, pat, screenshot
):
    from mutuality.notes.actions import save_draft, sign_note
    from mutuality.sessions.models import TherapySession

    session = TherapySession.objects.create(client=alice_client, held_on=timezone.localdate())
    note = save_draft(
        session=session, by=alice, form="dap", sections={"data": "Named the rupture."}, process={}
    )
    sign_note(note=note, by=alice, now=timezone.now())

    sign_in(page, "sam")
    set_up_two_factor(page)
    page.goto("/supervision/")
    expect(page.locator("main")).to_contain_text("Waiting for your co-signature")
    screenshot("supervision")
    page.click(f"a[href='/sessions/{session.pk}/']")
    expect(page.locator(".readonly-banner")).to_contain_text("read-only")
    expect(page.locator("button:has-text('Add and sign addendum')")).to_have_count(0)
    expect(page.locator("a:has-text('Private notes')")).to_have_count(0)
    page.click("button:has-text('Co-sign the note')")
    expect(page.locator("main")).to_contain_text("co-signed by Sam")
    screenshot("cosigned")
    assert Cosignature.objects.get().signed_by == sam
    page.click("a:has-text('Quinn')")
    expect(page.locator("a:has-text('Edit record')")).to_have_count(0)
    page.click("button:has-text('Sign out')")

    sign_in(page, "pat")
    set_up_two_factor(page)
    page.goto("/")
    page.wait_for_url("**/practice/people/")
    page.fill("#id_display_name", "Rafa Newcomer")
    page.fill("#id_username", "rafa")
    page.select_option("#id_role", "clinician")
    page.fill("#id_password", "a long first password 42")
    page.click("button:has-text('Add')")
    expect(page.locator(".messages")).to_contain_text("Rafa Newcomer can now sign in.")
    expect(page.locator("main")).not_to_contain_text("Quinn")
    screenshot("people")
