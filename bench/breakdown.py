"""Where each clinician page's time goes, by sampling: py-spy samples a process that
requests one page over and over (in-process, through Django's WSGI handler, as a server
calls it, signed in with a session and CSRF cookie as a browser is), on the practice
bench/load.py builds (200 clients × 5 years). Each sample counts for the innermost Python
function running, which includes the C it called (a statement's run counts for the ORM's
function that called the driver), and that function for one part of the stack:

- "Mutuality": the project's own Python (src/mutuality), also listed by package,
- "database": django.db, the driver (psycopg) and Mutuality's statement runner
  (site.prepared): building statements, running them, turning rows into values,
- "templates": Jinja2, its compiled templates and MarkupSafe,
- "framework": the rest of Django, its middleware and the libraries in the request's path
  (django-otp, django-axes, django-csp, WhiteNoise, asgiref) and Python's own library.

Sampling adds no cost to a Python call, so shares are as a server spends them (cProfile's
per-call cost inflates small functions several times over). Prints JSON: per page, its
time a request while sampled, each part's share, Mutuality's packages, the functions with
the most samples of their own and the Mutuality functions with the most in all (with what
they call).

Run:  .venv/bin/python bench/breakdown.py [--seconds 6] [--pages measures,caseload]
      [--rate 1000] [--data-dir DIR] [--database-url postgresql://...]
Needs py-spy (a dev dependency), which reads the child's memory: root, or ptrace allowed.
"""

import argparse
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import load

PARTS = ("Mutuality", "database", "templates", "framework")
FRAME = re.compile(r"(?P<name>.*) \((?P<file>.*?):(?P<line>\d+)\)$")
LOOP = "breakdown.py:requests"  # the function whose calls are counted
# Mutuality's functions around the whole of every request (middleware, the audit wrapper),
# left out of the functions with the most samples in all
WRAPPERS = ("Middleware.__call__", "audited.<locals>.wrapper", "audited.<locals>.audit")


def part_of(where: str) -> str:
    """The part of the stack a frame's file (as py-spy prints it) belongs to."""
    if where.endswith(".html") or where.startswith(("jinja2/", "markupsafe/")):
        return "templates"
    if where.startswith(("django/db/", "psycopg")) or where == "mutuality/site/prepared.py":
        return "database"
    if where.startswith("mutuality/"):
        return "Mutuality"
    return "framework"


def frames(stack: str) -> list[tuple[str, str]]:
    """(file, function) of each frame, outermost first."""
    out = []
    for frame in stack.split(";"):
        m = FRAME.match(frame)
        out.append((m["file"], m["name"]) if m else (frame, frame))
    return out


def breakdown(raw: str, requests: int, seconds: float) -> dict[str, Any]:
    parts: Counter[str] = Counter()
    packages: Counter[str] = Counter()
    own: Counter[str] = Counter()
    within: Counter[str] = Counter()
    total = 0
    for line in raw.splitlines():
        stack, _, count = line.rpartition(" ")
        path = frames(stack)
        if not any(f"{Path(f).name}:{n}" == LOOP for f, n in path):
            continue  # setting up, not requesting
        n = int(count)
        total += n
        where, name = path[-1]
        part = part_of(where)
        parts[part] += n
        own[f"{where}:{name}"] += n
        if part == "Mutuality":
            packages[".".join(where.removesuffix(".py").split("/")[1:3])] += n
        for f, fn in set(path):
            if part_of(f) == "Mutuality" and not fn.endswith(WRAPPERS):
                within[f"{f}:{fn}"] += n
    if not total:
        raise SystemExit("py-spy took no samples of the requests")

    def shares(counter: Counter[str], top: int) -> dict[str, float]:
        return {k: round(v / total, 3) for k, v in counter.most_common(top)}

    return {
        "ms_per_request": round(1000 * seconds / requests, 2),
        "samples": total,
        "share": {p: round(parts[p] / total, 3) for p in PARTS},
        "mutuality_by_package": shares(packages, 8),
        "most_own_samples": shares(own, 10),
        "mutuality_most_in_all": shares(within, 12),
    }


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--seconds", type=float, default=6, help="of requests per page (default 6)")
    p.add_argument("--pages", default="", help="comma-separated page names (default: all)")
    p.add_argument(
        "--rate",
        type=int,
        default=1000,
        help="samples a second (default 1000); lower where each sample stops the process long",
    )
    load.practice_options(p)
    p.add_argument("--inner", default="", help=argparse.SUPPRESS)  # the sampled child's page
    args = p.parse_args()
    if args.inner:
        inner(args.inner, args.seconds)
        return
    os.environ.pop("DATABASE_URL", None)
    env, _ = load.practice(200, 5, args.data_dir, args.database_url)
    env = {**env, "DJANGO_SETTINGS_MODULE": "mutuality.site.settings"}
    names = [n.strip() for n in args.pages.split(",") if n.strip()] or list(load.PAGES)
    unknown = set(names) - set(load.PAGES)
    if unknown:
        raise SystemExit(
            f"no such page: {', '.join(sorted(unknown))}; pages: {', '.join(load.PAGES)}"
        )
    spy = Path(sys.executable).with_name("py-spy")
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            raw, counted = Path(tmp) / "raw.txt", Path(tmp) / "counted.json"
            command = [
                str(spy), "record", "--rate", str(args.rate), "--format", "raw",
                "--output", str(raw),
                "--", sys.executable, __file__, f"--inner={name}", f"--seconds={args.seconds}",
            ]  # fmt: skip
            child = subprocess.run(  # noqa: S603
                command, env={**env, "BREAKDOWN_COUNTED": str(counted)}, capture_output=True
            )
            if child.returncode:
                raise SystemExit(f"{name}: py-spy failed:\n{child.stderr.decode()[-2000:]}")
            requests = json.loads(counted.read_text())["requests"]
            out[name] = breakdown(raw.read_text(), requests, args.seconds)
    database = "postgresql" if args.database_url else "sqlite"
    print(json.dumps({"database": database, "seconds": args.seconds, "pages": out}, indent=2))


def inner(name: str, seconds: float) -> None:
    """The sampled child: signs in, warms the pages, then requests one for `seconds`."""
    browser, pages = load.in_process(warm=3)
    get = wsgi_get(browser)
    count = requests(get, pages[name], seconds)
    Path(os.environ["BREAKDOWN_COUNTED"]).write_text(json.dumps({"requests": count}))


def requests(get: Any, path: str, seconds: float) -> int:
    count, end = 0, time.monotonic() + seconds
    while time.monotonic() < end:
        get(path)
        count += 1
    return count


def wsgi_get(browser: Any) -> Any:
    """A GET through Django's WSGI handler, as a server calls it, with the test client's
    cookies: the test client's own steps (its signals, copies of each template's context)
    would otherwise count as the framework's."""
    from django.core.handlers.wsgi import WSGIHandler

    handler = WSGIHandler()
    cookie = "; ".join(f"{k}={v.value}" for k, v in browser.cookies.items())

    def get(path: str) -> None:
        status: list[str] = []
        environ = {
            "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": "",
            "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "80", "HTTP_HOST": "127.0.0.1",
            "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.1", "HTTP_COOKIE": cookie,
            "wsgi.input": io.BytesIO(), "wsgi.url_scheme": "http", "wsgi.errors": sys.stderr,
        }  # fmt: skip
        response = handler(environ, lambda s, headers, exc=None: status.append(s))  # type: ignore[arg-type]
        body = b"".join(response)
        response.close()
        if not status[0].startswith("200") or not body:
            raise SystemExit(f"{path}: {status[0]}")

    return get


if __name__ == "__main__":
    main()
