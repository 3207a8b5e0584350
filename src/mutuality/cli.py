"""The `mutuality` command.

Commands that touch the database set Django up; the rest call `core` directly.
"""

import argparse
import getpass
import os
import sys
from collections.abc import Sequence

from mutuality import __version__

DEMO_PASSWORD = "mutuality-demo"  # noqa: S105 - documented password of the synthetic demo practice


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mutuality.site.settings")
    import django

    django.setup()


def _prepare_database() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)


def _serve(host: str, port: int) -> int:
    from waitress import serve

    from mutuality.site.wsgi import application

    print(f"Mutuality is running at http://{host}:{port}/  (Ctrl+C to stop)", flush=True)
    serve(application, host=host, port=port, threads=8, ident="Mutuality")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    _setup_django()
    _prepare_database()
    return _serve(args.host, args.port)


def cmd_demo(args: argparse.Namespace) -> int:
    _setup_django()
    _prepare_database()
    from mutuality.demo.practice import DEMO_CLINICIANS, load_demo_practice
    from mutuality.site.paths import data_dir

    created = load_demo_practice(password=DEMO_PASSWORD)
    print(f"Data directory: {data_dir()}")
    print("Loaded the synthetic demo practice." if created else "Demo practice already loaded.")
    print("Demo logins (synthetic data only; never use this in a real practice):")
    for username, name in DEMO_CLINICIANS:
        print(f"  {username} / {DEMO_PASSWORD}   ({name})")
    if args.no_serve:
        return 0
    return _serve(args.host, args.port)


def cmd_init(args: argparse.Namespace) -> int:
    _setup_django()
    _prepare_database()
    from django.core.exceptions import ValidationError

    from mutuality.practices.actions import create_clinician

    username = args.username or input("Username: ").strip()
    display_name = args.display_name or input("Your name as colleagues see it: ").strip()
    practice = args.practice or input("Practice name: ").strip()
    password = args.password or os.environ.get("MUTUALITY_INIT_PASSWORD")
    if password is None:
        if args.no_input:
            print(
                "error: --password (or MUTUALITY_INIT_PASSWORD) is needed with --no-input",
                file=sys.stderr,
            )
            return 2
        password = getpass.getpass("Password: ")
        if getpass.getpass("Password again: ") != password:
            print("error: the two passwords differ", file=sys.stderr)
            return 2
    try:
        create_clinician(
            username=username,
            password=password,
            display_name=display_name,
            practice_name=practice,
            staff=args.staff,
        )
    except ValidationError as e:
        for message in e.messages:
            print(f"error: {message}", file=sys.stderr)
        return 2
    print(f"Created clinician '{username}' in practice '{practice}'. Start with: mutuality serve")
    return 0


def cmd_manage(args: argparse.Namespace) -> int:
    _setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["mutuality manage", *args.args])
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="mutuality",
        description="Mutuality: a local-first clinical workspace for Relational-Cultural Therapy.",
        epilog="Data lives in MUTUALITY_DATA_DIR (default ./var); DATABASE_URL selects PostgreSQL.",
    )
    p.add_argument("--version", action="version", version=f"mutuality {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add_server_options(sp: argparse.ArgumentParser) -> None:
        sp.add_argument(
            "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)"
        )
        sp.add_argument(
            "--port",
            type=int,
            default=int(os.environ.get("PORT", "8000")),
            help="port to listen on (default $PORT or 8000)",
        )

    s = sub.add_parser("serve", help="migrate the database and serve the web app")
    add_server_options(s)
    s.set_defaults(func=cmd_serve)

    d = sub.add_parser("demo", help="load the synthetic demo practice (if empty) and serve it")
    add_server_options(d)
    d.add_argument("--no-serve", action="store_true", help="load the demo practice and exit")
    d.set_defaults(func=cmd_demo)

    i = sub.add_parser("init", help="create the database and a clinician account")
    i.add_argument("--username", help="login name of the clinician")
    i.add_argument("--display-name", help="the clinician's name as colleagues see it")
    i.add_argument("--practice", help="practice name (created if new)")
    i.add_argument("--password", help="password (prefer MUTUALITY_INIT_PASSWORD or the prompt)")
    i.add_argument("--staff", action="store_true", help="also allow the admin site")
    i.add_argument(
        "--no-input", action="store_true", help="never prompt; fail if a value is missing"
    )
    i.set_defaults(func=cmd_init)

    m = sub.add_parser("manage", help="run a Django management command, e.g. 'manage check'")
    m.add_argument("args", nargs=argparse.REMAINDER, help="the management command and its options")
    m.set_defaults(func=cmd_manage)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if (
        args.command == "init"
        and args.no_input
        and not (args.username and args.practice and args.display_name)
    ):
        print(
            "error: --username, --display-name and --practice are needed with --no-input",
            file=sys.stderr,
        )
        return 2
    result: int = args.func(args)
    return result
