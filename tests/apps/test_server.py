"""`mutuality serve` as a practice runs it: Gunicorn's workers, each answering one request
at a time and closing the connection after it (site.server), so that every request goes to
whichever worker is free."""

import contextlib
import http.client
import os
import socket
import time
from pathlib import Path

import pytest

from tests.apps.conftest import free_port, own_database, server_env, start_server
from tests.conftest import cannot_run

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def serving(tmp_path):
    """A new practice served on a free port: (port, server process)."""
    with own_database(server_env(tmp_path), "serve") as env:
        port = free_port()
        server = start_server(env, port, "--workers=2")
        try:
            yield port, server
        finally:
            with contextlib.suppress(ProcessLookupError):  # none left of its group
                os.killpg(server.pid, 15)
            server.wait(timeout=30)


def _get(port: int, path: str) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path)
    return connection.getresponse()


def test_each_answer_closes_its_connection(serving):
    """A kept-alive connection would tie its next requests to the worker that accepted it,
    busy or not."""
    port, _ = serving
    response = _get(port, "/healthz/")
    assert response.status == 200
    assert response.read().strip() == b"ok"
    assert response.getheader("Connection") == "close"


def test_silent_connections_do_not_stop_the_server(serving):
    """Browsers open connections ahead of need and may send nothing on them. One such
    connection for every worker must not keep a request waiting until the workers are
    killed as hung (60 s), as Gunicorn's plain synchronous workers would."""
    port, _ = serving
    silent = [socket.create_connection(("127.0.0.1", port)) for _ in range(2)]
    try:
        response = _get(port, "/healthz/")  # fails after 30 s if nobody answers
        assert response.status == 200
    finally:
        for s in silent:
            s.close()


def test_it_runs_one_worker_more_than_the_cores_unless_told_and_one_runner(serving):
    port, server = serving
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children")
    if not children.exists():
        cannot_run("reading a process's children needs Linux's /proc")
    commands = [Path(f"/proc/{pid}/cmdline").read_bytes() for pid in children.read_text().split()]
    runners = [c for c in commands if b"analyse-queued" in c]
    from mutuality.analysis.encoder import available

    # The analysis runner for the transformer model's queued transcripts (transcripts.runner)
    assert len(runners) == (1 if available() else 0)
    assert len(commands) - len(runners) == 2  # --workers=2

    from mutuality.site.server import default_workers, options

    assert default_workers() == (os.cpu_count() or 1) + 1
    assert options(host="127.0.0.1", port=port, workers=0)["workers"] == default_workers()


def test_stopping_the_server_stops_its_runner(serving):
    """A service manager stops `mutuality serve` by signalling it alone: its analysis runner
    must not outlive it."""
    _, server = serving
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children")
    if not children.exists():
        cannot_run("reading a process's children needs Linux's /proc")
    pids = children.read_text().split()
    runner = next(
        (p for p in pids if b"analyse-queued" in Path(f"/proc/{p}/cmdline").read_bytes()), None
    )
    if runner is None:
        cannot_run("no runner: the transformer extra, whose analyses it runs, is not installed")
    os.kill(server.pid, 15)
    assert server.wait(timeout=30) == 0
    deadline = time.monotonic() + 30
    while Path(f"/proc/{runner}").exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not Path(f"/proc/{runner}").exists()


def test_a_worker_that_exits_leaves_the_runner_running(serving):
    """Gunicorn's workers are forked from the process that started the runner, and a worker
    leaving (a graceful restart, a reload) unwinds the same code as the server stopping:
    only the server may stop the runner."""
    _, server = serving
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children")
    if not children.exists():
        cannot_run("reading a process's children needs Linux's /proc")
    pids = children.read_text().split()
    runners = [p for p in pids if b"analyse-queued" in Path(f"/proc/{p}/cmdline").read_bytes()]
    if not runners:
        cannot_run("no runner: the transformer extra, whose analyses it runs, is not installed")
    worker = next(p for p in pids if p not in runners)
    os.kill(int(worker), 15)  # a worker's graceful exit; the arbiter starts another
    deadline = time.monotonic() + 30
    while Path(f"/proc/{worker}/status").exists() and time.monotonic() < deadline:
        if "zombie" in Path(f"/proc/{worker}/status").read_text():
            break
        time.sleep(0.1)
    time.sleep(2)  # what the worker's exit would do to the runner, it has done by now
    state = Path(f"/proc/{runners[0]}/status")
    assert state.exists()
    assert "zombie" not in state.read_text()
    assert _get(serving[0], "/healthz/").status == 200
