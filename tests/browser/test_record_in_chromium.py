"""The record end to end: a plan from the RCT library, an objective measured by the client's
disclosure log, two entries from a phone, the progress they make, then a signed note and
an addendum."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from mutuality.core import rct
from mutuality.notes.models import Addendum, SessionNote
from tests.browser.test_checkin_on_a_phone import PHONE, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GOAL = "reduce-condemned-isolation"  # its suggested measure: the disclosure log, once a week


def library_value(goal: str) -> str:
    problem = next(p for p in rct.PROBLEMS if goal in p.goals)
    return f"{problem.key}/{goal}"


def test_a_plan_objective_moves_with_the_clients_log_and_the_note_is_signed(
    browser, live_server, page, alice, alice_client, screenshot
):
    sign_in(page, "alice")

    # A plan from the library: the goal arrives with its objective and measure.
    page.goto(f"/clients/{alice_client.pk}/plan/")
    page.click("button:has-text('Start the plan')")
    page.select_option("#id_goal", value=library_value(GOAL))
    page.click("button:has-text('Add goal')")
    objective = page.locator(".objective").first
    expect(objective).to_contain_text(
        "Something I shared that I usually keep to myself (log), 1 a week"
    )
    expect(objective.locator(".status")).to_have_text("nothing recorded yet")

    # A link that lets the client keep that log.
    page.goto(f"/clients/{alice_client.pk}/links/new/")
    page.check("input[name='logs'][value='disclosure']")
    page.click("button:has-text('Create link')")
    url = page.locator("#checkin-url").input_value()

    phone = browser.new_context(base_url=live_server.url, **PHONE)
    client_page = phone.new_page()
    client_page.goto(url)
    client_page.click("a:has-text('Keep a log')")
    expect(client_page.locator("h1")).to_have_text("Your log")
    expect(client_page.locator("body")).not_to_contain_text("Quinn")
    for whom in ("my sister", "a friend from work"):
        client_page.fill("#id_whom", whom)
        client_page.select_option("#id_how_met", value="welcomed")
        client_page.click("button:has-text('Save to my log')")
        expect(client_page.locator("[role=status]")).to_contain_text("Saved")
    expect(client_page.locator("section.card li")).to_have_count(2)
    width = client_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the log page scrolls sideways on a phone ({width}px)"
    screenshot("phone-log", of=client_page)
    phone.close()

    # The clinician's plan now shows the week as met, computed from the two entries.
    page.goto(f"/clients/{alice_client.pk}/plan/")
    objective = page.locator(".objective").first
    expect(objective.locator(".status")).to_have_text("in progress")
    expect(objective).to_contain_text("Target reached in 1 of 8 weeks (2 entries since")
    expect(objective.locator("svg")).to_be_visible()
    screenshot("plan")

    # A session, its note signed, then an addendum: the note itself stays as signed.
    page.goto(f"/clients/{alice_client.pk}/sessions/")
    page.fill("#id_held_on", timezone.localdate().isoformat())
    page.click("button:has-text('Add a session')")
    page.click("a:has-text('Write the note')")
    page.fill("#id_s_data", "Spoke about telling her sister; relief and some fear.")
    page.fill("#id_s_assessment", "Moving out of condemned isolation in one relationship.")
    page.fill("#id_s_plan", "Keep the disclosure log; review at the next session.")
    page.locator("label", has_text="shares something they would usually").locator("input").check()
    page.click("button:has-text('Save and sign')")
    expect(page.locator(".pill.ok", has_text="signed")).to_be_visible()
    expect(page.locator(".signature")).to_contain_text("matches the note as stored")
    page.fill("#id_text", "Client phoned the next day: the talk with her sister went on well.")
    page.click("button:has-text('Add and sign addendum')")
    expect(page.locator(".addendum")).to_contain_text("talk with her sister")
    expect(page.locator(".addendum")).to_contain_text("signed by Alice Clinician")
    screenshot("note")

    note = SessionNote.objects.get(session__client=alice_client)
    assert note.is_signed
    assert note.hash_matches()
    assert note.sections["data"].startswith("Spoke about telling her sister")
    assert note.session.objectives_addressed.count() == 1
    assert Addendum.objects.filter(note=note).count() == 1

    # A signed note has no edit form any more.
    page.goto(f"/sessions/{note.session_id}/note/")
    expect(page.locator("button:has-text('Save and sign')")).to_have_count(0)
