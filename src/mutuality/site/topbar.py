"""`{% topbar %}`: the bar at the top of every signed-in page, built in Python.

The bar (the brand, the navigation for the person's role with the current section marked,
their name and practice, the sign-out form) is the same few lines on every page, and as a
template it cost about a quarter of the minimal view's whole time on every page (a
template resolves each of its twenty-odd variables and conditions one node at a time);
written out here, every signed-in page runs 0.6–0.7 M fewer instructions (docs/benchmarks.md,
ninth round). What it prints is held to what a person of each
role should see by tests/apps/test_topbar.py.
"""

from django import template
from django.template.context import RequestContext
from django.template.defaulttags import CsrfTokenNode
from django.utils.html import escape
from django.utils.safestring import SafeString

from mutuality.site.links import link, static_url

register = template.Library()


@register.simple_tag(takes_context=True)
def topbar(context: RequestContext) -> SafeString:
    """For the signed-in person: base.html prints it only for them."""
    request = context.request
    user = context["user"]
    clinician = context.get("clinician")
    practice = context.get("practice")
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
    csrf = CsrfTokenNode().render(context)  # Django's {% csrf_token %}
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
