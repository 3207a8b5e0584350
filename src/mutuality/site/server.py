"""`mutuality serve` on Gunicorn: worker processes that each answer one request at a time,
one more of them than there are cores, so that one works while another waits on the
database. Nothing is kept in a worker between requests but caches of immutable data:
sessions live in the database, so several servers can share one PostgreSQL behind a
reverse proxy (docs/deployment.md).

Every request goes to a worker that is free. A worker accepts a connection only when it
has nothing else to do, and closes it after the response, so the next request waits in the
listening socket for whichever worker frees first. A kept-alive connection would instead
stay with the worker that accepted it: with 16 users clicking without pause, one worker was
seen answering 13 of them while the other answered 3, and their pages took four times as
long (docs/benchmarks.md, twelfth round). Behind a reverse proxy each request comes on a
connection of its own anyway; in front of browsers on the practice's network the cost is a
TCP handshake per request.

The workers are Gunicorn's threaded kind with one thread, not its plain synchronous kind,
which waits without limit for a request on a connection a browser opened ahead of need
(Chrome does) and counts a long request (a transcript's analysis) as a hung worker. This
kind parks a silent connection after five seconds and keeps its heartbeat on its own thread.
"""

import os
from typing import Any

from gunicorn.app.base import BaseApplication


def default_workers() -> int:
    return (os.cpu_count() or 1) + 1


def options(*, host: str, port: int, workers: int) -> dict[str, Any]:
    return {
        "bind": f"{host}:{port}",
        "workers": workers or default_workers(),
        "worker_class": "gthread",
        "threads": 1,
        "worker_connections": 1,  # accept only when free...
        "keepalive": 0,  # ...and close after answering: the next request goes to a free worker
        "preload_app": True,  # Django set up once, then forked
        "timeout": 60,
        "graceful_timeout": 20,
        "accesslog": None,  # request lines would carry client-link tokens
        "errorlog": "-",
        "loglevel": "warning",
        "proc_name": "mutuality",
    }


class _Mutuality(BaseApplication):  # type: ignore[misc]
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        from mutuality.site.wsgi import application

        return application


def run(*, host: str, port: int, workers: int) -> None:
    from django.db import connections

    connections.close_all()  # opened by migrate in this process: never share one across fork
    _Mutuality(options(host=host, port=port, workers=workers)).run()
