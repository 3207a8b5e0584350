"""What `mutuality serve` holds in memory on the 200 × 5 practice: the server's processes as
they start, once every page is warm, after thousands of page views (does a worker grow?),
and after the requests that hold the most at once: a five-year client's FHIR export, the
printed record, and a long session transcript analysed by each model installed.

The server runs as a practice runs it (`mutuality serve`, Gunicorn), first with one worker,
so that every request lands on the worker measured; a practice's server holds one such
worker per process (`--workers`, by default the cores plus one) beside the arbiter. Uploading a
transcript writes to the record, so the practice bench/load.py builds is first copied (the
SQLite file, or on PostgreSQL a new database from it as a template) and the copy dropped
after.

For each step, each process's resident memory (RSS), its proportional share (PSS: a page
shared with other processes counts a share; the workers are forked from an arbiter that
loaded Django, so much of a worker is shared until written), the memory it alone holds
(USS: what ending it would free) and its peak RSS so far (Linux's /proc/PID/smaps_rollup
and status); each step starts a new peak. Then the whole server as a practice runs it (the
default number of workers, or `--workers`): its processes' PSS added up once every worker
has served every page, and once as many transcripts as there are workers have been uploaded
at the same time and analysed, with the heaviest model installed. The analysis runner that
`mutuality serve` starts beside its workers (transcripts.runner: the transformer model's
analyses are queued to it) is measured with the server. Prints JSON, in MiB.

Run:  .venv/bin/python bench/memory.py [--views 2000] [--minutes 90] [--workers N]
      [--data-dir DIR] [--database-url postgresql://...]
Linux only (/proc); loopback only.
"""

import argparse
import json
import os
import re
import shutil
import sqlite3
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path
from typing import Any

import load


def memory(pid: int) -> dict[str, float]:
    """A process's memory in MiB: RSS, PSS and USS (private pages) from smaps_rollup, and its
    peak RSS (VmHWM) from status."""
    rollup = load.smaps(pid)
    status = Path(f"/proc/{pid}/status").read_text()
    peak = int(re.search(r"^VmHWM:\s+(\d+)", status, re.M).group(1))  # type: ignore[union-attr]
    mib = 1024
    return {
        "rss": round(rollup["Rss"] / mib, 1),
        "pss": round(rollup["Pss"] / mib, 1),
        "uss": round((rollup["Private_Clean"] + rollup["Private_Dirty"]) / mib, 1),
        "peak_rss": round(peak / mib, 1),
    }


def reset_peak(pid: int) -> None:
    """Starts a new peak RSS for the process (Linux: writing 5 to clear_refs)."""
    Path(f"/proc/{pid}/clear_refs").write_text("5")


def _runs(pid: int | str, command: bytes) -> bool:
    return command in Path(f"/proc/{pid}/cmdline").read_bytes()


def children_of(pid: int, runner: bool = False) -> list[int]:
    """The server's web workers, or with `runner` its analysis runner (transcripts.runner),
    if it starts one."""
    children = load.server_processes(pid)[1:]
    return [int(p) for p in children if _runs(p, b"analyse-queued") == runner]


def snapshot(server: int) -> dict[str, Any]:
    """The arbiter's, the worker's and the analysis runner's memory now, their peaks since
    the last snapshot; then a new peak starts."""
    found = children_of(server)
    assert len(found) == 1, f"one worker expected, found {len(found)}"
    now = {"arbiter": memory(server), "worker": memory(found[0])}
    runners = children_of(server, runner=True)
    if runners:
        now["runner"] = memory(runners[0])
    for pid in (server, found[0], *runners):
        reset_peak(pid)
    return now


DATABASE = "mutuality.sqlite3"  # in the data directory (site.settings)


def copied(env: dict[str, str], database_url: str) -> tuple[dict[str, str], Any]:
    """The environment of a throwaway copy of the practice, and what drops it."""
    if database_url:
        import psycopg

        url = urllib.parse.urlsplit(database_url)
        name = f"mutuality_memory_{uuid.uuid4().hex[:8]}"
        admin = url._replace(path="/postgres").geturl()
        with psycopg.connect(admin, autocommit=True) as c:
            c.execute(f'CREATE DATABASE "{name}" TEMPLATE "{url.path.lstrip("/")}"')

        def drop() -> None:
            with psycopg.connect(admin, autocommit=True) as c:
                c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

        return {**env, "DATABASE_URL": url._replace(path=f"/{name}").geturl()}, drop
    copy = Path(tempfile.mkdtemp(prefix="mutuality-memory-"))
    source = Path(env["MUTUALITY_DATA_DIR"])
    for item in source.iterdir():
        if item.is_file() and not item.name.startswith(DATABASE):
            shutil.copy2(item, copy / item.name)  # the keys
    with sqlite3.connect(source / DATABASE) as database, sqlite3.connect(copy / DATABASE) as to:
        database.backup(to)  # with what its write-ahead log holds
    return {**env, "MUTUALITY_DATA_DIR": str(copy)}, lambda: shutil.rmtree(copy)


def throwaway(args: argparse.Namespace) -> tuple[dict[str, str], Any]:
    """The environment of a copy of the 200 × 5 practice that `--data-dir` or
    `--database-url` names (built first if need be), set up in this process too, and what
    drops the copy."""
    os.environ.pop("DATABASE_URL", None)
    env, _ = load.practice(200, 5, args.data_dir, args.database_url)
    env, drop = copied(env, args.database_url)
    sys.path.insert(0, str(load.ROOT / "src"))
    os.environ.update(env, DJANGO_SETTINGS_MODULE="mutuality.site.settings")
    return env, drop


def transcript(minutes: int) -> bytes:
    """A synthetic session of about `minutes` minutes (some 150 words a minute), in
    'Name: text' lines, from the demo's own two transcripts."""
    import django

    django.setup()  # the demo's module reads its models
    from mutuality.demo.transcripts import EARLY, LATER

    lines = (EARLY + LATER).strip().splitlines()
    out: list[str] = []
    words = 0
    while words < 150 * minutes:
        line = lines[len(out) % len(lines)]
        out.append(line)
        words += len(line.split())
    return ("\n".join(out) + "\n").encode()


def upload(user: load.User, path: str, data: bytes, model: str) -> int:
    """Posts a transcript file to a session's transcript page, as the form does."""
    token = re.search(r"csrftoken=([^;]+)", user.cookies)
    assert token, "signed in with a CSRF cookie"
    boundary = uuid.uuid4().hex
    parts = [
        ("csrfmiddlewaretoken", None, token.group(1).encode()),
        ("model", None, model.encode()),
        ("file", "session.txt", data),
    ]
    body = b""
    for name, filename, value in parts:
        body += f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"'.encode()
        if filename:
            body += f'; filename="{filename}"\r\nContent-Type: text/plain'.encode()
        body += b"\r\n\r\n" + value + b"\r\n"
    body += f"--{boundary}--\r\n".encode()
    request = urllib.request.Request(  # noqa: S310 - http://127.0.0.1 only
        user.base + path,
        data=body,
        headers={
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "Cookie": user.cookies,
            "Referer": user.base + path,
        },
    )
    opener = urllib.request.build_opener(NoRedirect())
    try:
        with opener.open(request, timeout=600) as r:
            return int(r.status)
    except urllib.error.HTTPError as e:
        return e.code


def sessions_of(user: load.User, pages: dict[str, str], count: int) -> list[str]:
    """The ids of `count` sessions of the user's client (bench/load.py's `pages`), newest
    first: one for each transcript uploaded at once."""
    listed = user.body(pages["sessions list"]).decode()
    sessions = list(dict.fromkeys(re.findall(r'href="/sessions/(\d+)/"', listed)))[:count]
    assert len(sessions) == count, "a session for each transcript"
    return sessions


def analysed(user: load.User, path: str, data: bytes, model: str) -> tuple[int, float, float]:
    """Uploads a transcript, then waits until its analysis is saved: the upload's status, the
    seconds until it was answered and until the analysis was on the page. An analysis
    the upload queued (the transformer model's, done by the server's analysis runner) is
    on the page once it no longer says it is being analysed."""
    began = time.perf_counter()
    status = upload(user, path, data, model)
    answered = time.perf_counter() - began
    deadline = began + 600
    while status == 302 and time.perf_counter() < deadline:
        if b'role="status"' not in user.body(path):
            break
        time.sleep(0.25)
    return status, round(answered, 1), round(time.perf_counter() - began, 1)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # the 302 after a saved upload is the answer


def one_worker(env: dict[str, str], views: int, models: list[str], data: bytes) -> dict[str, Any]:
    """Each step on one worker: what it holds after it, and its peak during it."""
    steps: dict[str, Any] = {}
    statuses: dict[str, int] = {}
    server, base = load.serving(env, 1)
    time.sleep(1)  # its first request (/healthz/) has settled
    try:
        steps["started"] = snapshot(server.pid)
        user = load.User(base, "ana")
        steps["after signing in"] = snapshot(server.pid)  # Argon2 hashes in memory
        pages = load.pages(user.body)
        for _ in range(3):
            for path in pages.values():
                user.get(path)
        steps["every page warm"] = snapshot(server.pid)
        paths = list(pages.values())
        for n in range(views):
            user.get(paths[n % len(paths)])
        steps[f"after {views} more page views"] = snapshot(server.pid)
        client = re.search(r"/clients/(\d+)/", pages["client"]).group(1)  # type: ignore[union-attr]
        for label, path in (
            ("the FHIR export", f"/clients/{client}/export.fhir.json"),
            ("the printed record", f"/clients/{client}/record/"),
        ):
            statuses[label] = user.get(path)[0]
            steps[f"after {label}"] = snapshot(server.pid)
        session = pages["session"].rstrip("/").rsplit("/", 1)[1]
        for model in models:
            label = f"a transcript, {model} model"
            statuses[label] = analysed(user, f"/sessions/{session}/transcript/", data, model)[0]
            steps[f"after {label}"] = snapshot(server.pid)
    finally:
        load.stopped(server)
    return {"statuses": statuses, "steps": steps}


def every_worker(env: dict[str, str], workers: int, model: str, data: bytes) -> dict[str, Any]:
    """The whole server with `workers` workers: its processes' PSS added up once every
    worker has served every page, and again once as many transcripts as workers, uploaded
    at the same time (each to a session of its own), have been analysed."""
    server, base = load.serving(env, workers)

    def total() -> float:  # the arbiter, its workers and its analysis runner
        pids = load.server_processes(server.pid)
        return round(sum(memory(int(pid))["pss"] for pid in pids), 1)

    try:
        users = [load.User(base, "ana") for _ in range(workers)]
        pages = load.pages(users[0].body)
        for path in pages.values():  # concurrent users: every worker serves each page
            load.hammer([(u, path) for u in users], 4 * workers, 120)
        warm = total()
        sessions = sessions_of(users[0], pages, workers)
        statuses: list[int] = []
        threads = [
            threading.Thread(
                target=lambda u=u, s=s: statuses.append(
                    analysed(u, f"/sessions/{s}/transcript/", data, model)[0]
                )
            )
            for u, s in zip(users, sessions, strict=True)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        done = total()
    finally:
        load.stopped(server)
    return {
        "workers": workers,
        "statuses": statuses,
        "pss_every_page_warm": warm,
        f"pss_after_{model}_transcripts": done,
    }


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--views", type=int, default=2000, help="page views after warming")
    p.add_argument("--minutes", type=int, default=90, help="length of the transcript")
    p.add_argument("--workers", type=int, default=0, help="for the whole server (default: served)")
    load.practice_options(p)
    args = p.parse_args()
    env, drop = throwaway(args)
    from mutuality.analysis.encoder import available

    models = ["default", *(["transformer"] if available() else [])]
    data = transcript(args.minutes)
    workers = args.workers or load.served_workers()
    try:
        one = one_worker(env, args.views, models, data)
        whole = every_worker(env, workers, models[-1], data)
    finally:
        drop()
    print(
        json.dumps(
            {
                "database": "postgresql" if args.database_url else "sqlite",
                "unit": "MiB",
                "transcript": {"minutes": args.minutes, "kb": round(len(data) / 1024, 1)},
                "one_worker": one,
                "whole_server": whole,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
