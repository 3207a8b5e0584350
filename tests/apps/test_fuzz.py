"""Fuzzed input to every form: the fields each page really renders, filled by hypothesis
with odd text, numbers, dates and choices. No request may raise (the test client re-raises
any exception a view lets through, which would be a 500 for a person), and every answer is
a page, a redirect or a clear refusal. Views run in one transaction with their audit entry,
so a refusal leaves nothing half-written."""

import re

import pytest
from django.test import Client as WebClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.apps.test_access_control import ALL, url_for
from tests.conftest import signed_in_with_two_factor

pytestmark = pytest.mark.django_db

FORM_PAGES = [
    (name, route)
    for name, route, conv in ALL
    if name not in {"login", "logout", "two-factor-verify"} and "key" not in conv
]
NAME = re.compile(r'<(?:input|select|textarea)[^>]*\bname="([^"]+)"')
ODD = st.one_of(
    st.text(max_size=300),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.sampled_from(["", " ", "0", "-1", "1e309", "NaN", "2026-02-30", "9999-12-31", "null"]),
    st.dates().map(str),
    st.text(alphabet="<>&\"'%;\\\x00", max_size=20),
)


def fields_of(html: str) -> list[str]:
    return sorted({n for n in NAME.findall(html) if n != "csrfmiddlewaretoken"})


@pytest.mark.parametrize(("name", "route"), FORM_PAGES, ids=[n for n, _ in FORM_PAGES])
def test_no_form_fails_on_odd_input(name, route, alice, pat, ids):
    web = WebClient()
    if route.startswith("practice/"):
        signed_in_with_two_factor(web, pat)
    else:
        web.force_login(alice)
    url = url_for(route, ids)
    page = web.get(url)
    names = fields_of(page.content.decode()) if page.status_code == 200 else []
    names = names or ["display_name", "value", "text"]

    @settings(
        max_examples=12,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(st.dictionaries(st.sampled_from(names), ODD, max_size=len(names)))
    def post(data: dict[str, str]) -> None:
        response = web.post(url, data)
        assert response.status_code in {200, 302, 400, 404, 405, 409, 410, 429}, (url, data)

    post()
