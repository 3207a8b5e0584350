"""A client answers a check-in on a phone; the clinician sees the new point on the chart."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 2,
}


def sign_in(page, username):
    page.goto("/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "correct horse battery")
    page.click("button:has-text('Sign in')")


def test_it_takes_a_check_in_from_a_phone_to_the_clinicians_chart(
    browser, live_server, page, alice, alice_client, screenshot
):
    sign_in(page, "alice")
    page.goto(f"/clients/{alice_client.pk}/measures/")
    page.click("text=Send a check-in link")
    page.check("input[name='instruments'][value='five-good-things']")
    page.click("button:has-text('Create link')")
    url = page.locator("#checkin-url").input_value()
    assert re.fullmatch(r"http://localhost:\d+/c/[A-Za-z0-9_-]{43}/", url)

    phone = browser.new_context(base_url=live_server.url, **PHONE)
    client_page = phone.new_page()
    client_page.goto(url)
    expect(client_page.locator("h1")).to_have_text("Your check-in")
    expect(client_page.locator("body")).not_to_contain_text("Quinn")
    for key, value in {"zest": 3, "action": 2, "clarity": 4, "worth": 3, "connection": 4}.items():
        client_page.locator(
            f"label:has(input[name='five-good-things-{key}'][value='{value}'])"
        ).tap()
    width = client_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the check-in page scrolls sideways on a phone ({width}px)"
    screenshot("phone", of=client_page)
    client_page.click("button:has-text('Send my answers')")
    expect(client_page.locator("h1")).to_have_text("Thank you")

    page.goto(f"/clients/{alice_client.pk}/measures/")
    chart = page.locator("svg.chart", has_text="Five good things").first
    expect(chart.locator("circle.point")).to_have_count(1)
    expect(chart.locator("title", has_text=": 16")).to_have_count(1)  # 3 + 2 + 4 + 3 + 4
    screenshot("clinician-chart")

    client_page.goto(url)
    expect(client_page.locator("h1")).to_have_text("Already answered")
    expect(client_page.locator("body")).to_contain_text("has already been answered")
    phone.close()
