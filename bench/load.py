"""Pages under load: 16 concurrent signed-in users against `mutuality serve` on loopback.

Builds (or reuses) a synthetic practice of 200 clients with 5 years of weekly measures,
starts the server as a practice runs it, signs the users in, then for each page sends a
bounded number of requests from the concurrent users, each keeping its connection as a
browser does for as long as the server keeps it open (`--close`: a new connection per
request; since the twelfth round the server closes each after its answer anyway), and
prints JSON: p50 / p95 / p99 in milliseconds, requests per second, the CPU time per request
of the server (its processes' own clock), of PostgreSQL's processes when it runs there, and
of this load generator, all sharing the cores, and the share of the machine's time the host
stole for other guests during the page's run; each page's p95 relative to the minimal view
(`/healthz/`, served by the same stack: middleware, session, a database query); and the
server's memory after the run (bench/memory.py has more of it). The account page stands
beside it as the layout alone: what any signed-in page costs before it shows anything of a
client.

Run:  .venv/bin/python bench/load.py [--database-url postgresql://...] [--workers N]
      [--clients 200] [--years 5] [--users 16] [--requests 1000] [--data-dir DIR] [--close]
Loopback only; every run is bounded by --requests per page and --timeout seconds.
"""

import argparse
import http.client
import http.cookiejar
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))  # Mutuality's own code, imported only where used

PASSWORD = "mutuality-demo"


def mutuality(args: list[str], env: dict[str, str], **kw: Any) -> "subprocess.Popen[bytes]":
    return subprocess.Popen([sys.executable, "-m", "mutuality", *args], env=env, **kw)  # noqa: S603


class User:
    """One signed-in browser: its own session cookie and CSRF token, and (as a browser keeps
    it) one connection to the server for all its requests, unless `close`."""

    def __init__(self, base: str, username: str, close: bool = False) -> None:
        self.base, self.close = base, close
        self.connection: http.client.HTTPConnection | None = None
        self.cookies = ""  # once signed in
        jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        self.get("/login/")
        token = next(c.value for c in jar if c.name == "csrftoken")
        body = urllib.parse.urlencode(
            {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token}
        ).encode()
        request = urllib.request.Request(  # noqa: S310 - http://127.0.0.1 only
            base + "/login/", data=body, headers={"Referer": base + "/login/"}
        )
        with self.opener.open(request, timeout=30) as r:
            assert "/login/" not in r.url, f"{username} could not sign in"
        self.cookies = "; ".join(f"{c.name}={c.value}" for c in jar)

    def get(self, path: str) -> tuple[int, bytes]:
        if self.close or not self.cookies:
            try:
                with self.opener.open(self.base + path, timeout=30) as r:
                    return r.status, r.read()
            except urllib.error.HTTPError as e:
                return e.code, b""
        for attempt in (1, 2):  # the server may have closed an idle connection
            if self.connection is None:
                host, port = urllib.parse.urlsplit(self.base).netloc.split(":")
                self.connection = http.client.HTTPConnection(host, int(port), timeout=30)
            try:
                self.connection.request("GET", path, headers={"Cookie": self.cookies})
                response = self.connection.getresponse()
                return response.status, response.read()
            except (http.client.HTTPException, OSError):
                self.connection.close()
                self.connection = None
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def body(self, path: str) -> bytes:
        return self.get(path)[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(base: str, server: subprocess.Popen[bytes], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("the server exited while starting")
        try:
            urllib.request.urlopen(base + "/healthz/", timeout=2).close()  # noqa: S310
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("the server did not start")


def serving(env: dict[str, str], workers: int = 0) -> tuple["subprocess.Popen[bytes]", str]:
    """`mutuality serve` on loopback with `workers` (default: as it serves), once it answers,
    and its address."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = mutuality(
        [
            "serve",
            "--host=127.0.0.1",
            f"--port={port}",
            *([f"--workers={workers}"] * bool(workers)),
        ],
        env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        wait_for(base, server)
    except BaseException:
        stopped(server)
        raise
    return server, base


def stopped(server: "subprocess.Popen[bytes]") -> None:
    server.terminate()
    server.wait(timeout=30)


def server_processes(pid: int) -> list[str]:
    """The server's process and its workers' (Linux's /proc)."""
    return [str(pid), *Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def smaps(pid: int | str) -> dict[str, int]:
    """A process's memory totals in kB (Linux's /proc/PID/smaps_rollup): Rss, Pss, …"""
    out = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, _, rest = line.partition(":")
        out[name] = int(rest.split()[0])
    return out


def _cpu_ticks(pid: str, children: bool = False) -> int:
    """A process's CPU ticks (utime, stime) and, with `children`, those of the children it
    has reaped (cutime, cstime): a database connection that closes leaves its time there."""
    after_name = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    fields = after_name[11:15] if children else after_name[11:13]
    return sum(int(f) for f in fields)


def server_cpu_s(pid: int) -> float | None:
    """CPU seconds used so far by the server and its worker processes (Linux's /proc), or
    None elsewhere: what a page costs the server, apart from the load generator sharing the
    cores and from waiting."""
    try:
        total = sum(_cpu_ticks(p) for p in server_processes(pid))
    except (OSError, IndexError, ValueError):
        return None
    return total / os.sysconf("SC_CLK_TCK")


def server_memory_mib(pid: int) -> float | None:
    """The memory the server and its workers hold (Linux's PSS: a page they share counts
    once, split between them), or None where /proc cannot tell (bench/memory.py has more)."""
    try:
        total = sum(smaps(p)["Pss"] for p in server_processes(pid))
    except (OSError, KeyError, ValueError):
        return None
    return round(total / 1024, 1)


def database_cpu_s() -> float | None:
    """CPU seconds used so far by a PostgreSQL server on this machine (its processes, named
    `postgres` in /proc), or None without one: the database shares the cores too."""
    total, seen = 0, False
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if (entry / "comm").read_text().strip() != "postgres":
                continue
            total += _cpu_ticks(entry.name, children=True)
            seen = True
        except (OSError, IndexError, ValueError):
            continue  # it ended while being read
    return total / os.sysconf("SC_CLK_TCK") if seen else None


def cpu_times() -> tuple[int, int]:
    """The machine's CPU ticks so far (/proc/stat): all of them, and those stolen by the
    host for other guests, which a page's timings suffer and its CPU counts never see."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return sum(fields[:8]), fields[7]  # user … steal; guest time is counted in user's


def _reachable(database_url: str) -> None:
    """Stops with what to do when the PostgreSQL database to build the practice in cannot
    be opened, rather than with the builder's traceback."""
    import psycopg

    try:
        psycopg.connect(database_url, connect_timeout=10).close()
    except psycopg.OperationalError as e:
        url = urllib.parse.urlsplit(database_url)
        name = url.path.lstrip("/")
        createdb = ["createdb", name]
        if url.hostname:
            createdb[1:1] = ["-h", url.hostname]
        if url.username:
            createdb[1:1] = ["-U", url.username]
        hint = f"; create it once: {' '.join(createdb)}" if "does not exist" in str(e) else ""
        raise SystemExit(f"cannot open {name} on PostgreSQL: {str(e).strip()}{hint}") from None


def practice(
    clients: int, years: float, data_dir: str = "", database_url: str = ""
) -> tuple[dict[str, str], float]:
    """Builds (or reuses) the synthetic practice with `mutuality demo`: the environment that
    names it, and the seconds building took."""
    label = f"{clients}x{years:g}" + ("-pg" if database_url else "")
    data = Path(data_dir or Path(tempfile.gettempdir()) / f"mutuality-load-{label}")
    env = {
        **os.environ,
        "MUTUALITY_DATA_DIR": str(data),
        "MUTUALITY_SECRET_KEY": "benchmark-only-not-a-secret",
        "MUTUALITY_ALLOWED_HOSTS": "127.0.0.1,testserver",
        "PYTHONPATH": str(ROOT / "src"),
    }
    if database_url:
        env["DATABASE_URL"] = database_url
        _reachable(database_url)
    built = time.perf_counter()
    loader = mutuality(
        ["demo", "--no-serve", f"--clients={clients}", f"--years={years}"],
        env,
        stdout=subprocess.DEVNULL,
    )
    if loader.wait() != 0:
        raise SystemExit("building the practice failed")
    return env, time.perf_counter() - built


def practice_options(parser: argparse.ArgumentParser) -> None:
    """`--data-dir` and `--database-url`: which copy of the 200 × 5 practice to measure."""
    parser.add_argument("--data-dir", default="", help="default: $TMPDIR/mutuality-load-200x5")
    parser.add_argument("--database-url", default="", help="PostgreSQL (default: SQLite)")


# The pages measured, in the order they are run and reported.
PAGES = (
    "minimal (/healthz/)", "layout only (/account/)", "caseload", "client", "map", "measures",
    "timeline", "session", "sessions list", "plan", "client's view", "note form",
    "questionnaire (PHQ-9)",
)  # fmt: skip


def pages(get: Callable[[str], bytes]) -> dict[str, str]:
    """The minimal view, the layout alone, and the clinician pages for a client with a long
    history (`get` fetches a page as the signed-in clinician)."""
    client = re.search(rb'href="/clients/(\d+)/"', get("/"))
    assert client, "no client on the caseload"
    cid = int(client.group(1))
    session = re.search(rb'href="/sessions/(\d+)/"', get(f"/clients/{cid}/sessions/"))
    assert session, "the client has no session"
    found = {
        "minimal (/healthz/)": "/healthz/",
        # A signed-in page of the layout and nothing of a client: the floor under every page.
        "layout only (/account/)": "/account/",
        "caseload": "/",
        "client": f"/clients/{cid}/",
        "map": f"/clients/{cid}/map/",
        "measures": f"/clients/{cid}/measures/",
        "timeline": f"/clients/{cid}/timeline/",
        "session": f"/sessions/{int(session.group(1))}/",
        "sessions list": f"/clients/{cid}/sessions/",
        "plan": f"/clients/{cid}/plan/",
        "client's view": f"/clients/{cid}/progress/",
        # The forms a clinician fills in most: a session's note and a questionnaire's answers.
        "note form": f"/sessions/{int(session.group(1))}/note/",
        "questionnaire (PHQ-9)": f"/clients/{cid}/measures/phq9/",
    }
    assert tuple(found) == PAGES, "PAGES names every page, in order"
    return found


def served_workers() -> int:
    """How many workers `mutuality serve` starts when not told."""
    from mutuality.site.server import default_workers

    return default_workers()


def in_process(warm: int) -> tuple[Any, dict[str, str]]:
    """Django set up in this process, on the practice the environment names: a test client
    signed in as the demo clinician, and the pages, each requested `warm` times first (what
    a long-running server has warm). For bench/pages.py and bench/instructions.py."""
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    settings.DEBUG = False
    browser = Client()
    browser.force_login(get_user_model().objects.get(username="ana"))
    found = pages(lambda path: bytes(browser.get(path).content))
    for _ in range(warm):
        for path in found.values():
            browser.get(path)
    return browser, found


def hammer(users: list[tuple[User, str]], total: int, timeout: float) -> dict[str, float]:
    """`total` GETs shared by the users, each user one request at a time to its own path."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    left = [total]
    deadline = time.monotonic() + timeout

    def run(user: User, path: str) -> None:
        nonlocal errors
        while time.monotonic() < deadline:
            with lock:
                if left[0] == 0:
                    return
                left[0] -= 1
            start = time.perf_counter()
            status, _ = user.get(path)
            took = time.perf_counter() - start
            with lock:
                latencies.append(took)
                errors += status != 200

    threads = [threading.Thread(target=run, args=pair) for pair in users]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - began
    ms = sorted(x * 1000 for x in latencies)
    q = statistics.quantiles(ms, n=100, method="inclusive")
    return {
        "requests": len(ms),
        "errors": errors,
        "p50_ms": round(q[49], 1),
        "p95_ms": round(q[94], 1),
        "p99_ms": round(q[98], 1),
        "requests_per_s": round(len(ms) / wall, 1),
    }


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--clients", type=int, default=200)
    p.add_argument("--years", type=float, default=5)
    p.add_argument("--users", type=int, default=16)
    p.add_argument("--requests", type=int, default=1000, help="per page (default 1000)")
    p.add_argument("--timeout", type=float, default=120, help="seconds per page at most")
    p.add_argument("--workers", type=int, default=0, help="server workers (default: cores + 1)")
    p.add_argument("--only", default="", help="comma-separated page names to run")
    p.add_argument("--database-url", default="", help="PostgreSQL instead of SQLite")
    p.add_argument("--data-dir", default="", help="default: $TMPDIR/mutuality-load-CxY[-pg]")
    p.add_argument(
        "--close",
        action="store_true",
        help="a new connection for every request (as measured before the seventh round)",
    )
    args = p.parse_args()

    env, build_s = practice(args.clients, args.years, args.data_dir, args.database_url)

    server, base = serving(env, args.workers)
    try:
        users = [User(base, "ana" if n % 2 == 0 else "ben", args.close) for n in range(args.users)]
        # each clinician's own client and session
        urls = [pages(u.body) for u in users[:2]]
        for n, u in enumerate(users[:4]):  # warm the workers' caches once
            for path in urls[n % 2].values():
                u.get(path)
        results = {}
        # SQLite's work is the server's own; a PostgreSQL server is counted only when used.
        database_cpu = database_cpu_s if args.database_url else lambda: None
        for name in urls[0]:
            if args.only and name not in args.only.split(",") and not name.startswith("minimal"):
                continue
            before = server_cpu_s(server.pid), database_cpu(), time.process_time()
            ticks = cpu_times()
            results[name] = hammer(
                [(u, urls[n % 2][name]) for n, u in enumerate(users)], args.requests, args.timeout
            )
            after = server_cpu_s(server.pid), database_cpu(), time.process_time()
            (total, stolen), (total0, stolen0) = cpu_times(), ticks
            # A share of the machine's time the host gave to others: such a run's timings
            # are the host's as much as the code's.
            results[name]["stolen_share"] = round((stolen - stolen0) / max(total - total0, 1), 3)
            # Where the two cores went, per request: the server, PostgreSQL's processes, the
            # load generator (this process).
            for label, start, end in zip(
                ("server", "database", "load"), before, after, strict=True
            ):
                if start is not None and end is not None:
                    per_request = 1000 * (end - start) / results[name]["requests"]
                    results[name][f"{label}_cpu_ms_per_request"] = round(per_request, 1)
        memory = server_memory_mib(server.pid)
    finally:
        stopped(server)
    floor = results["minimal (/healthz/)"]["p95_ms"]
    for r in results.values():
        r["p95_vs_minimal"] = round(r["p95_ms"] / floor, 2)
    print(
        json.dumps(
            {
                "practice": {
                    "clients": args.clients,
                    "years": args.years,
                    "build_s": round(build_s),
                },
                "database": "postgresql" if args.database_url else "sqlite",
                "users": args.users,
                "connections": "a new one per request" if args.close else "kept, one per user",
                "workers": args.workers or served_workers(),
                "cores": os.cpu_count(),
                # The server's processes after the run, shared pages counted once (PSS).
                "server_memory_mib": memory,
                "pages": results,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
