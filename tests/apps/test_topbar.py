"""The bar at the top of every signed-in page (site.topbar): the sections a person's role
opens, the current one marked, their name and practice, and a sign-out form that works."""

import re

import pytest
from django.test import Client as Browser
from django.urls import reverse, set_script_prefix

from tests.conftest import signed_in_with_two_factor

pytestmark = pytest.mark.django_db


def bar(page: str) -> list[tuple[str, str, bool]]:
    """The navigation's (label, link, marked current) in order."""
    nav = re.search(r'<nav aria-label="Main">(.*?)</nav>', page, re.S)
    assert nav, "no navigation on the page"
    links = re.findall(r'<a href="([^"]+)"( aria-current="page")?>([^<]+)</a>', nav.group(1))
    return [(label, href, bool(current)) for href, current, label in links]


def test_a_clinician_sees_their_sections_with_the_current_one_marked(client, alice):
    client.force_login(alice)
    caseload = client.get("/").content.decode()
    assert bar(caseload) == [
        ("Caseload", "/", True),
        ("Instruments", reverse("instruments"), False),
        ("Guide", reverse("guide"), False),
    ]
    assert [c for _, _, c in bar(client.get(reverse("instruments")).content.decode())] == [
        False,
        True,
        False,
    ]
    assert [c for _, _, c in bar(client.get(reverse("guide")).content.decode())] == [
        False,
        False,
        True,
    ]
    assert [c for _, _, c in bar(client.get(reverse("account")).content.decode())] == [False] * 3
    who = re.search(r'<div class="who">(.*?)</div>', caseload, re.S)
    assert who
    assert f'<a href="{reverse("account")}" class="who-name">Alice Clinician</a>' in who.group(1)
    assert "<span> · Test Practice</span>" in who.group(1)


def test_a_supervisor_has_supervision_and_an_admin_the_practice_instead_of_a_caseload(
    client, sam, pat
):
    signed_in_with_two_factor(client, sam)
    shown = bar(client.get(reverse("supervision")).content.decode())
    assert [label for label, _, _ in shown] == ["Caseload", "Supervision", "Instruments", "Guide"]
    assert [label for label, _, c in shown if c] == ["Supervision"]

    admin = Browser()
    signed_in_with_two_factor(admin, pat)
    page = admin.get(reverse("practice-people")).content.decode()
    assert [(label, c) for label, _, c in bar(page)] == [
        ("Practice", True),
        ("Instruments", False),
        ("Guide", False),
    ]


def test_the_current_section_is_marked_under_a_site_prefix(pat):
    """Served under a prefix (a proxy's /records/, say), links carry it and the current
    section is still found."""
    admin = Browser()
    signed_in_with_two_factor(admin, pat)
    set_script_prefix("/records/")
    try:
        page = admin.get("/practice/people/", SCRIPT_NAME="/records").content.decode()
    finally:
        set_script_prefix("/")
    assert bar(page)[0] == ("Practice", "/records/practice/people/", True)


def test_names_in_the_bar_are_escaped(client, alice):
    clinician = alice.clinician
    clinician.display_name = '<img src=x onerror="alert(1)">'
    clinician.save(update_fields=["display_name"])
    clinician.practice.name = "Smith & <b>Jones</b>"
    clinician.practice.save(update_fields=["name"])
    client.force_login(alice)
    page = client.get("/").content.decode()
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page
    assert "Smith &amp; &lt;b&gt;Jones&lt;/b&gt;" in page
    assert "<img src=x" not in page


def test_the_sign_out_form_carries_a_working_csrf_token(alice):
    browser = Browser(enforce_csrf_checks=True)
    browser.force_login(alice)
    page = browser.get("/").content.decode()
    form = re.search(r'<form method="post" action="([^"]+)">(.*?)</form>', page, re.S)
    assert form
    assert form.group(1) == reverse("logout")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.group(2))
    assert token
    assert browser.post(reverse("logout"), {"csrfmiddlewaretoken": "forged"}).status_code == 403
    assert browser.get("/").status_code == 200  # still signed in
    signed_out = browser.post(reverse("logout"), {"csrfmiddlewaretoken": token.group(1)})
    assert signed_out.status_code == 302
    assert browser.get("/").status_code == 302  # to the sign-in page


def test_every_form_of_a_page_carries_one_token_masked_afresh_for_each_page(alice, alice_client):
    """One masked token per page, as Django's own engine prints it (site.jinja.csrf_once),
    that works in any of the page's forms; the next page masks it anew."""
    browser = Browser(enforce_csrf_checks=True)
    browser.force_login(alice)
    path = reverse("client", args=[alice_client.pk])
    tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', browser.get(path).text)
    assert len(tokens) >= 2, "the page's own form and the sign-out form"
    assert len(set(tokens)) == 1
    again = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', browser.get(path).text)
    assert set(again) != set(tokens)
    add = reverse("identity-add", args=[alice_client.pk])
    identity = {"dimension": "gender", "own_words": "a swimmer", "position": "dominant"}
    assert browser.post(add, {**identity, "csrfmiddlewaretoken": "forged"}).status_code == 403
    added = browser.post(add, {**identity, "csrfmiddlewaretoken": tokens[0]})
    assert added.status_code == 302
    assert "a swimmer" in [i.own_words for i in alice_client.identities.all()]


def test_no_bar_for_someone_not_signed_in(client):
    page = client.get(reverse("login")).content.decode()
    assert 'class="topbar"' not in page
    assert "Sign out" not in page
