"""The bar at the top of every signed-in page, built in Python: `topbar()` in the templates.

The bar (the brand, the navigation for the person's role with the current section marked,
their name and practice, the sign-out form) is the same few lines on every page; written
out here rather than as a template of twenty-odd nodes, every signed-in page ran 0.6–0.7 M
fewer instructions under Django's engine (docs/benchmarks.md, ninth round). What it prints
is held to what a person of each role should see by tests/apps/test_topbar.py.
"""

from typing import Any

from django.http import HttpRequest
from django.utils.html import escape
from django.utils.safestring import SafeString

from mutuality.site.links import link, static_url


def bar(request: HttpRequest, user: Any, clinician: Any, practice: Any, csrf: str) -> SafeString:
    """For the signed-in `user`: base.html prints it only for them. `csrf` is the
    sign-out form's hidden token input."""
    role = getattr(clinician, "role", "")
    match = request.resolver_match
    name, app = (match.url_name, match.app_name) if match else ("", "")
    path = request.path_info  # without the prefix the site may be served under
    caseload = link("caseload")

    def item(url: str, label: str, current: bool) -> str:
        marked = ' aria-current="page"' if current else ""
        return f'<a href="{url}"{marked}>{label}</a>'

    nav = []
    if role != "admin":
        nav.append(item(caseload, "Caseload", name == "caseload"))
    if role == "supervisor":
        nav.append(item(link("supervision"), "Supervision", name == "supervision"))
    if role == "admin" or user.is_superuser:
        nav.append(item(link("practice-people"), "Practice", path.startswith("/practice/")))
    nav.append(item(link("instruments"), "Instruments", "instruments" in path))
    nav.append(item(link("guide"), "Guide", app == "" and "guide" in path))
    who = escape(getattr(clinician, "display_name", "") or user.get_username())
    where = f"<span> · {escape(practice.name)}</span>" if practice else ""
    return SafeString(  # every value in it escaped above; links and addresses are ours
        f'<header class="topbar">\n'
        f'    <a class="brand" href="{caseload}"><img src="{static_url("mutuality/logo.svg")}" '
        f'alt="" width="28" height="28"> Mutuality</a>\n'
        f'    <nav aria-label="Main">{"".join(nav)}</nav>\n'
        f'    <div class="who">\n'
        f'      <a href="{link("account")}" class="who-name">{who}</a>{where}\n'
        f'      <form method="post" action="{link("logout")}">{csrf}'
        f'<button class="link">Sign out</button></form>\n'
        f"    </div>\n"
        f"  </header>"
    )
