"""Screenshots of a running Mutuality for the README.

Run from the project root: `.venv/bin/python -m scripts.screenshots URL OUTDIR`.

Logs in as the demo clinician `ana` and captures the caseload, a client, the map with its
change over time, the measures page, a treatment plan, a signed note with its addendum and
a Guide entry, in Debian's Chromium.
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright
from tests.browser.conftest import ARGS, CHROMIUM


def main(base: str, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{base}/login/")
        page.screenshot(path=out / "login.png")
        page.fill("#id_username", "ana")
        page.fill("#id_password", "mutuality-demo")
        page.click("button:has-text('Sign in')")
        page.screenshot(path=out / "caseload.png", full_page=True)
        page.click("a:has-text('Riley')")
        page.screenshot(path=out / "client.png", full_page=True)
        page.click("a:has-text('Open map')")
        page.click("a:has-text('Compare first and latest')")
        page.screenshot(path=out / "map-compare.png", full_page=True)
        page.goto(f"{base}/")
        page.click("a:has-text('Riley')")
        page.click("a:has-text('Measures')")
        page.screenshot(path=out / "measures.png", full_page=True)
        page.goto(f"{base}/")
        page.click("a:has-text('Riley')")
        page.click("a:has-text('Treatment plan')")
        page.screenshot(path=out / "plan.png", full_page=True)
        page.goto(f"{base}/")
        page.click("a:has-text('Riley')")
        page.click("a:has-text('Sessions')")
        sessions = page.locator("tbody tr td:first-child a")
        for href in [sessions.nth(i).get_attribute("href") for i in range(sessions.count())]:
            page.goto(f"{base}{href}")
            if page.locator(".addendum").count():  # the demo's note with an addendum
                break
        page.screenshot(path=out / "note.png", full_page=True)
        page.goto(f"{base}/guide/")
        page.screenshot(path=out / "guide.png", full_page=True)
        page.goto(f"{base}/guide/central-relational-paradox/")
        page.screenshot(path=out / "guide-concept.png", full_page=True)
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/"), Path(sys.argv[2]))
