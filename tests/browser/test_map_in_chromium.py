"""A clinician logs in, creates a client, adds two relationships and sees them on the map."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def add_relationship(page, name, kind, ratings, checks, direction=""):
    """Fills in the 'Add a relationship' form as a clinician would, and submits it."""
    page.click("text=Add a relationship")
    page.fill("#id_rel-name", name)
    page.select_option("#id_rel-kind", kind)
    for field, value in ratings.items():
        page.locator(f"input[name='first-{field}'][value='{value}']").check()
    for field, values in checks.items():
        for value in values:
            page.check(f"input[name='first-{field}'][value='{value}']")
    if direction:
        page.select_option("#id_first-power_direction", direction)
    page.click("button:has-text('Add to map')")


def test_it_puts_two_new_relationships_on_a_new_clients_map(page, alice, screenshot):
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/login/"))
    page.fill("#id_username", "alice")
    page.fill("#id_password", "correct horse battery")
    page.click("button:has-text('Sign in')")
    expect(page.locator("h1")).to_have_text("Caseload")

    page.click("text=Add a client")
    page.fill("#id_display_name", "Morgan")
    page.fill("#id_pronouns", "he/him")
    page.check("input[name='concerns'][value='isolation']")
    page.click("button:has-text('Add client')")
    expect(page.locator(".messages")).to_contain_text("Morgan was added to your caseload.")

    add_relationship(
        page,
        "Grandmother",
        "family",
        {
            "mutual_empathy": 4,
            "authenticity": 3,
            "mutual_empowerment": 4,
            "closeness": 4,
            "power": 0,
        },
        {"good_things": ["zest", "worth"]},
    )
    expect(page.locator(".messages")).to_contain_text("Grandmother is on Morgan's map.")
    add_relationship(
        page,
        "Shift manager",
        "work",
        {
            "mutual_empathy": 0,
            "authenticity": 1,
            "mutual_empowerment": 0,
            "closeness": 1,
            "power": 4,
        },
        {"outcomes": ["diminished-worth"]},
        direction="other-over-client",
    )

    svg = page.locator("svg.relational-map")
    expect(svg).to_be_visible()
    expect(svg.locator("g.tie")).to_have_count(2)
    expect(svg).to_contain_text("Grandmother")
    expect(svg).to_contain_text("Shift manager")
    expect(svg.locator("polygon.power-over")).to_have_count(1)
    # (25*11 + 10*2 + 50) / 4 = 86.25 and (25*1 - 10 + 50) / 4 = 16.25
    expect(page.locator(".map-table")).to_contain_text("86")
    expect(page.locator(".map-table")).to_contain_text("16")
    box = svg.bounding_box()
    assert box is not None
    assert box["width"] > 600
    screenshot("map")
