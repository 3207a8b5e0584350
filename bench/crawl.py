"""Every page a clinician can reach, one request at a time, on the 200 × 5 practice: the
pages bench/load.py measures under load and every other one, found by following the links.

Signed in as the demo clinician (ana), it starts from the caseload and the pages
bench/load.py measures and follows every link within Mutuality (not signing out, not the
admin, not static files, not a client's token pages); then as the supervisor (sam) and the
practice admin (pat), past their second sign-in step, for the pages only they reach. It
keeps one address for each of the site's URL patterns: the first found. Each kept page is
requested N times, interleaved with the others, and the JSON it prints gives, for every
pattern, who was signed in, the median and the slowest of its requests, its statements,
its size, and its median over the minimal view's (`/healthz/`), slowest first. A page that
does not answer 200 is listed with its status. Following a link only reads: every page is
a GET (signing sam and pat in gives each an authenticator device named "benchmark").

Run:  .venv/bin/python bench/crawl.py [--requests 9] [--data-dir DIR]
      [--database-url postgresql://...]
"""

import argparse
import json
import os
import re
import statistics
import time
from collections import deque
from typing import Any

import load

LINK = re.compile(rb'href="(/[^"#?]*)(?:\?[^"#]*)?(?:#[^"]*)?"')
NOT_FOLLOWED = ("/logout/", "/admin/", "/static/", "/c/")  # "/c/": a client's token pages


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--requests", type=int, default=9, help="per page (default 9)")
    p.add_argument("--limit", type=int, default=400, help="pages fetched while looking, at most")
    load.practice_options(p)
    args = p.parse_args()
    os.environ.pop("DATABASE_URL", None)
    env, _ = load.practice(200, 5, args.data_dir, args.database_url)
    os.environ.update(env, DJANGO_SETTINGS_MODULE="mutuality.site.settings")
    browser, measured = load.in_process(warm=1)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import Resolver404, resolve

    def pattern(path: str) -> str | None:
        try:
            match = resolve(path)
        except Resolver404:
            return None
        return match.route or match.view_name

    def signed_in(username: str) -> Any:
        from django.contrib.auth import get_user_model
        from django.test import Client
        from django_otp import DEVICE_ID_SESSION_KEY
        from django_otp.plugins.otp_totp.models import TOTPDevice

        user = get_user_model().objects.get(username=username)
        device, _ = TOTPDevice.objects.get_or_create(user=user, name="benchmark", confirmed=True)
        other = Client()
        other.force_login(user)
        session = other.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
        return other

    found: dict[str, tuple[str, str]] = {}  # pattern → who found it, the first address of it
    status: dict[str, int] = {}
    browsers = {"ana": browser, "sam": signed_in("sam"), "pat": signed_in("pat")}
    fetched = 0
    for who, starts in (("ana", ["/", *measured.values()]), ("sam", ["/"]), ("pat", ["/"])):
        queue = deque(starts)
        first = who != "ana"  # the others' caseload is fetched for its links
        while queue and fetched < args.limit:
            path = queue.popleft()
            key = pattern(path)
            if key is None or path.startswith(NOT_FOLLOWED) or (key in found and not first):
                continue
            response = browsers[who].get(path, follow=first)  # an admin's is elsewhere
            fetched += 1
            if not first:
                found[key] = who, path
                status[key] = response.status_code
            first = False
            if response.status_code == 200 and "html" in response.get("Content-Type", ""):
                queue.extend(m.group(1).decode() for m in LINK.finditer(response.content))

    ok = {key: where for key, where in found.items() if status[key] == 200}
    timings: dict[str, list[float]] = {key: [] for key in ok}
    for _ in range(args.requests):
        for key, (who, path) in ok.items():
            start = time.perf_counter()
            browsers[who].get(path)
            timings[key].append((time.perf_counter() - start) * 1000)
    median = {key: statistics.median(times) for key, times in timings.items()}
    floor = median[str(pattern("/healthz/"))]
    rows = {}
    for key, (who, path) in sorted(ok.items(), key=lambda kv: -median[kv[0]]):
        with CaptureQueriesContext(connection) as captured:
            size = len(browsers[who].get(path).content)
        rows[key] = {
            "as": who,
            "path": path,
            "median_ms": round(median[key], 1),
            "slowest_ms": round(max(timings[key]), 1),
            "queries": len(captured.captured_queries),
            "kb": round(size / 1024, 1),
            "median_vs_minimal": round(median[key] / floor, 1),
        }
    out = {
        "database": "postgresql" if args.database_url else "sqlite",
        "requests": args.requests,
        "pages": rows,
        "not_200": {found[key][1]: code for key, code in status.items() if code != 200},
    }
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
