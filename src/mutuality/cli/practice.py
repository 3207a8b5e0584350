"""Commands that run a practice: serve, demo, init and the management passthrough."""

import argparse
import getpass
import os
import signal
import subprocess
import sys
import threading

DEMO_PASSWORD = "mutuality-demo"  # noqa: S105 - documented password of the synthetic demo practice


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mutuality.site.settings")
    import django

    django.setup()


def _prepare_database() -> None:
    from django.core.management import call_command

    from mutuality.site.paths import data_dir

    data_dir().mkdir(parents=True, exist_ok=True, mode=0o700)  # a new practice's first run
    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)


def _serve(host: str, port: int, workers: int = 0) -> int:
    """Gunicorn with worker processes, one more than the cores unless `workers` says
    (site.server); waitress where gunicorn cannot run (Windows). Beside them, where the
    transformer extra is installed, the analysis runner for queued transcripts
    (`cmd_analyse_queued`), stopped when they stop."""
    print(f"Mutuality is running at http://{host}:{port}/  (Ctrl+C to stop)", flush=True)
    from mutuality.analysis.encoder import available

    # Only the transformer model's analyses are queued: without its extra, no runner.
    runner, owner = None, os.getpid()
    if available():
        runner = subprocess.Popen([sys.executable, "-m", "mutuality", "analyse-queued"])
    try:
        try:
            from mutuality.site.server import run
        except ImportError:  # no fork(): one process, threads
            from waitress import serve

            from mutuality.site.wsgi import application

            serve(application, host=host, port=port, threads=8, ident="Mutuality")
            return 0
        run(host=host, port=port, workers=workers)
        return 0
    finally:  # a Gunicorn worker, forked from here, unwinds this too as it exits
        if runner is not None and os.getpid() == owner:
            runner.terminate()
            try:
                runner.wait(timeout=30)
            except subprocess.TimeoutExpired:
                runner.kill()


def cmd_analyse_queued(args: argparse.Namespace) -> int:
    """Analyses queued transcripts until stopped (transcripts.runner). The analysis leaves
    one core to the web workers: its model's threads are the cores less one."""
    threads = str(max(1, (os.cpu_count() or 1) - 1))
    for name in ("OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, threads)  # read when the model's library first loads
    _setup_django()
    from mutuality.transcripts.runner import run

    stop = threading.Event()
    for stopping in (signal.SIGTERM, signal.SIGINT):
        signal.signal(stopping, lambda *_: stop.set())
    run(stop)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    _setup_django()
    _prepare_database()
    return _serve(args.host, args.port, args.workers)


def cmd_demo(args: argparse.Namespace) -> int:
    _setup_django()
    _prepare_database()
    from mutuality.demo.practice import DEMO_CLINICIANS, DEMO_STAFF, load_demo_practice
    from mutuality.site.paths import data_dir

    if not 13 <= args.clients <= 5000 or not 0 <= args.years <= 20:
        print(
            "error: --clients goes from 13 (the stories) to 5000, --years from 0 to 20",
            file=sys.stderr,
        )
        return 2
    created = load_demo_practice(password=DEMO_PASSWORD, clients=args.clients, years=args.years)
    if created:
        from django.db import connection

        from mutuality.site.postgresql import after_bulk_load

        after_bulk_load(connection)
    print(f"Data directory: {data_dir()}")
    print("Loaded the synthetic demo practice." if created else "Demo practice already loaded.")
    print("Demo logins (synthetic data only; never use this in a real practice):")
    for username, name in DEMO_CLINICIANS:
        print(f"  {username} / {DEMO_PASSWORD}   ({name})")
    for username, name, role in DEMO_STAFF:
        print(f"  {username} / {DEMO_PASSWORD}   ({name}, {role}: sets up two-factor first)")
    if args.no_serve:
        return 0
    return _serve(args.host, args.port, args.workers)


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
        account = create_clinician(
            username=username,
            password=password,
            display_name=display_name,
            practice_name=practice,
            staff=args.staff,
            role=args.role,
        )
    except ValidationError as e:
        for message in e.messages:
            print(f"error: {message}", file=sys.stderr)
        return 2
    print(
        f"Created {account.get_role_display().lower()} '{username}' in practice '{practice}'. "
        "Start with: mutuality serve"
    )
    if args.role != "clinician":
        print("Two-factor sign-in is required for this role: it is set up at the first sign-in.")
    return 0


def cmd_manage(args: argparse.Namespace) -> int:
    _setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["mutuality manage", *args.args])
    return 0
