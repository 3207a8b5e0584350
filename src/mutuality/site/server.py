"""`mutuality serve` on Gunicorn: worker processes (one per core by default), each with a
few threads for requests that wait on the database. Nothing is kept in a worker between
requests but caches of immutable data: sessions live in the database, so several servers
can share one PostgreSQL behind a reverse proxy (docs/deployment.md)."""

from typing import Any

from gunicorn.app.base import BaseApplication

THREADS = 4


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
    _Mutuality(
        {
            "bind": f"{host}:{port}",
            "workers": workers,
            "worker_class": "gthread",
            "threads": THREADS,
            "preload_app": True,  # Django set up once, then forked
            "timeout": 60,
            "graceful_timeout": 20,
            "accesslog": None,  # request lines would carry client-link tokens
            "errorlog": "-",
            "loglevel": "warning",
            "proc_name": "mutuality",
        }
    ).run()
