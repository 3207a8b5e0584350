"""A group practice runs several app servers against one database behind a reverse proxy
(docs/deployment.md): any server answers any request, so nothing a request needs may live
in one server's memory. Two real `mutuality serve` processes share one practice here (one
PostgreSQL database under DATABASE_URL, else one SQLite file), and one browser's requests
go to either, as a proxy spreads them: its sign-in, sign-out, sign-in failures and writes
must hold on both, and the audit entries both servers append must form one chain."""

import csv
import io
import os
import re
import threading

import pytest

from tests.apps.conftest import (
    Browser,
    free_port,
    own_database,
    run_mutuality,
    server_env,
    start_server,
)

pytestmark = pytest.mark.django_db(transaction=True)
LOCKOUT_FAILURES = 4


@pytest.fixture
def servers(tmp_path):
    """(environment, first server's base URL, second's): two clinicians, w0 and w1."""
    env = server_env(
        tmp_path,
        MUTUALITY_INIT_PASSWORD=Browser.PASSWORD,
        MUTUALITY_LOCKOUT_FAILURES=str(LOCKOUT_FAILURES),
    )
    with own_database(env, "servers") as env:
        for n in range(2):
            done = run_mutuality(
                ["init", "--no-input", f"--username=w{n}", f"--display-name=W{n}", "--practice=P"],
                env,
            )
            assert done.returncode == 0, done.stderr
        started = []
        try:
            # One migrates as it starts, then the other starts: as the upgrade steps say.
            for _ in range(2):
                port = free_port()
                started.append((port, start_server(env, port, "--workers=1")))
            yield env, *(f"http://127.0.0.1:{port}" for port, _ in started)
        finally:
            for _, server in started:
                os.killpg(server.pid, 15)
                server.wait(timeout=30)


def _new_client(browser: Browser, name: str) -> int:
    status, location = browser.request(
        "/clients/new/", {"display_name": name, "start_date": "2026-01-05", "status": "active"}
    )
    assert status == 302, status
    found = re.fullmatch(r"/clients/(\d+)/", location)
    assert found, location
    return int(found.group(1))


def test_a_sign_in_on_one_server_holds_on_the_other_and_a_sign_out_ends_it_on_both(servers):
    _, first, second = servers
    browser = Browser(first)
    browser.sign_in("w0")
    browser.base = second
    client = _new_client(browser, "Robin Served")
    browser.base = first
    status, _, body = browser.page(f"/clients/{client}/")
    assert status == 200
    assert "Robin Served" in body

    browser.base = second
    assert browser.request("/logout/", {})[0] == 302
    browser.base = first
    status, location = browser.request(f"/clients/{client}/")
    assert status == 302
    assert location.startswith("/login/")


def test_sign_in_failures_on_either_server_count_towards_one_lockout(servers):
    _, first, second = servers
    browser = Browser(first)
    browser.request("/login/")
    statuses = []
    for n in range(LOCKOUT_FAILURES):  # each server sees only half of them
        browser.base = (first, second)[n % 2]
        status, _ = browser.request("/login/", {"username": "w0", "password": "wrong guess"})
        statuses.append(status)
    assert statuses == [200] * (LOCKOUT_FAILURES - 1) + [429]  # the form again, then locked
    browser.base = first
    status, _ = browser.request("/login/", {"username": "w0", "password": Browser.PASSWORD})
    assert status == 429  # the right password too, on either server, until the cool-off


def test_writes_through_both_servers_form_one_audit_chain(servers):
    env, first, second = servers
    browsers = [Browser(first), Browser(second)]
    for n, browser in enumerate(browsers):
        browser.sign_in(f"w{n}")
    clients = [_new_client(b, f"Client {n}") for n, b in enumerate(browsers)]
    statuses: list[int] = []

    def write(browser: Browser, client: int) -> None:
        for n in range(15):
            status, _ = browser.request(
                f"/clients/{client}/sessions/",
                {"held_on": "2026-03-02", "duration_minutes": "50", "attendees": f"a{n}"},
            )
            statuses.append(status)

    threads = [
        threading.Thread(target=write, args=pair) for pair in zip(browsers, clients, strict=True)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert statuses == [302] * 30

    checked = run_mutuality(["audit", "verify"], env)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.startswith("audit chain intact")
    for n, client in enumerate(clients):  # each server's appends, all in the one chain
        report = run_mutuality(["audit", "report", str(client)], env)
        rows = list(csv.DictReader(io.StringIO(report.stdout)))
        created = [r for r in rows if r["object"] == "session" and r["who"] == f"w{n}"]
        assert len(created) == 15, rows
