"""The `mutuality` command.

Commands that touch the database set Django up; the rest call `core` directly.
"""

import argparse
import getpass
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from mutuality import __version__

if TYPE_CHECKING:
    from mutuality.core.measures.model import Instrument

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


def _instrument(key: str) -> "Instrument":
    """A built-in instrument straight from core; an imported one needs the database."""
    from mutuality.core.measures import built_in
    from mutuality.core.measures.instruments import BUILT_IN

    if key in BUILT_IN:
        return built_in(key)
    _setup_django()
    from mutuality.measures.registry import get_instrument

    return get_instrument(key)


def _parse_answers(instrument: "Instrument", text: str) -> dict[str, int | None]:
    from mutuality.core.measures.scoring import InvalidAnswers

    parts = [p.strip() for p in text.split(",")]
    if len(parts) != len(instrument.items):
        raise InvalidAnswers(
            f"{instrument.title} has {len(instrument.items)} items; got {len(parts)} answers "
            "(leave a blank between commas for an unanswered item)"
        )
    answers: dict[str, int | None] = {}
    for n, (item, part) in enumerate(zip(instrument.items, parts, strict=True), start=1):
        try:
            answers[item.key] = int(part) if part else None
        except ValueError:
            raise InvalidAnswers(
                f"answer {n} ('{item.key}'): '{part}' is not a whole number"
            ) from None
    return answers


def cmd_score(args: argparse.Namespace) -> int:
    import json

    from mutuality.core.errors import MutualityError
    from mutuality.core.measures.scoring import score

    try:
        instrument = _instrument(args.instrument)
        if args.answers is not None:
            scored = score(instrument, _parse_answers(instrument, args.answers))
            result = {
                "instrument": instrument.key,
                "version": instrument.version,
                "validation": instrument.validation.value,
                "scales": [s.as_dict() for s in scored.scales],
                "risk_items": list(scored.risk_items),
            }
            print(json.dumps(result, indent=2))
            return 0
        return _score_csv(instrument, args)
    except MutualityError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2


def _score_csv(instrument: "Instrument", args: argparse.Namespace) -> int:
    from pathlib import Path

    from tqdm import tqdm

    from mutuality.scorefile import score_file

    source = Path(args.csv)
    if not source.is_file():
        print(f"error: {source}: no such file", file=sys.stderr)
        return 2
    as_json = args.format == "json" or (
        args.format is None and str(args.output or "").endswith((".json", ".jsonl"))
    )
    out = open(args.output, "w", newline="", encoding="utf-8") if args.output else sys.stdout  # noqa: SIM115
    try:
        with (
            source.open(newline="", encoding="utf-8-sig") as f,
            tqdm(unit=" rows", desc=instrument.title, disable=None, file=sys.stderr) as bar,
        ):
            rows = score_file(instrument, f, out, as_json=as_json, on_chunk=bar.update)
    finally:
        if args.output:
            out.close()
    if args.output:
        print(f"Scored {rows} rows of {instrument.title} into {args.output}", file=sys.stderr)
    return 0


def cmd_instruments(args: argparse.Namespace) -> int:
    _setup_django()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    if args.action == "import":
        return _import_instrument(args.file)
    from mutuality.measures.registry import all_instruments

    print(f"{'key':28} {'version':8} {'status':14} title")
    for i in all_instruments():
        print(f"{i.key:28} {i.version:8} {i.validation.value:14} {i.title}")
    return 0


def _import_instrument(path: str | None) -> int:
    import json
    from pathlib import Path

    from mutuality.core.errors import MutualityError
    from mutuality.measures.actions import import_questionnaire
    from mutuality.measures.fhir import InvalidQuestionnaire

    if not path:
        print(
            "error: give the Questionnaire file: mutuality instruments import FILE.json",
            file=sys.stderr,
        )
        return 2
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except OSError as e:
        print(f"error: {path}: {e.strerror}", file=sys.stderr)
        return 2
    except json.JSONDecodeError as e:
        print(
            f"error: {path}: not valid JSON: line {e.lineno}, column {e.colno}: {e.msg}",
            file=sys.stderr,
        )
        return 2
    try:
        imported = import_questionnaire(data=data, by=None)
    except InvalidQuestionnaire as e:
        print(f"error: {path} was not installed:", file=sys.stderr)
        for message in e.errors:
            print(f"  {message}", file=sys.stderr)
        return 2
    except MutualityError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    print(f"Installed '{imported.key}' version {imported.version}: {imported.title}")
    return 0


def _analyze_one(job: tuple[str, str, tuple[str, ...], tuple[str, ...]]) -> dict[str, Any]:
    from pathlib import Path

    from mutuality.analysis import analyze, load_models

    path, model, clinicians, clients = job
    result = analyze(
        Path(path).read_bytes(),
        path,
        models=load_models(model),
        clinician_names=clinicians,
        client_names=clients,
    )
    return {"file": path, **result}


def cmd_analyze(args: argparse.Namespace) -> int:
    import csv
    import json
    from concurrent.futures import ProcessPoolExecutor

    from tqdm import tqdm

    from mutuality.core.errors import MutualityError

    jobs = [
        (f, args.model, tuple(args.clinician_name), tuple(args.client_name)) for f in args.files
    ]
    missing = [f for f in args.files if not os.path.isfile(f)]
    if missing:
        print(f"error: no such file: {', '.join(missing)}", file=sys.stderr)
        return 2
    workers = min(len(jobs), os.cpu_count() or 1, 2)
    results: list[dict[str, Any]] = []
    failed = 0
    with (
        ProcessPoolExecutor(max_workers=workers) as pool,
        tqdm(total=len(jobs), unit=" files", disable=None, file=sys.stderr) as bar,
    ):
        futures = [pool.submit(_analyze_one, job) for job in jobs]
        for job, future in zip(jobs, futures, strict=True):
            try:
                results.append(future.result())
            except MutualityError as e:
                print(f"error: {job[0]}: {e}", file=sys.stderr)
                failed += 1
            bar.update(1)
    if args.json:
        for r in results:
            print(json.dumps(r, ensure_ascii=False))
    elif args.csv:
        keys = [
            "emotional_reactions",
            "interpretations",
            "explorations",
            "behaviour",
            "self_disclosure",
            "affirmation",
            "isolation",
            "yearning",
            "concealment",
            "shame",
            "five_good_things",
        ]
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(["file", "index", "speaker", "role", "start", "text", *keys])
        for r in results:
            for u in r["utterances"]:
                values = [u["markers"].get(k, "") for k in keys]
                values = [" ".join(v) if isinstance(v, list) else v for v in values]
                writer.writerow(
                    [
                        r["file"],
                        u["index"],
                        u["speaker"],
                        u["role"],
                        u["start"] if u["start"] is not None else "",
                        u["text"],
                        *values,
                    ]
                )
    else:
        for r in results:
            _print_table(r)
    return 2 if failed else 0


def _print_table(result: dict[str, Any]) -> None:
    s = result["summary"]
    print(f"{result['file']}  ({result['model']} model; markers are evidence, not judgements)")
    talk = s["talk_share"]
    print(
        f"  talk share: clinician {talk['clinician']:.0%}, client {talk['client']:.0%}; "
        f"clinician turns with empathy {s['empathic_turns']:.0%}; "
        f"rupture candidates {len(s['ruptures'])}"
    )
    for u in result["utterances"]:
        marks = [
            f"{k}={v}" if not isinstance(v, bool) else k
            for k, v in u["markers"].items()
            if v not in (0, False, [], None) and not (k == "behaviour" and v == "other")
        ]
        text = u["text"] if len(u["text"]) <= 60 else u["text"][:57] + "..."
        print(f"  {u['index']:>4} {u['speaker'][:10]:<10} {text:<60}  {', '.join(marks)}")


def cmd_empathy(args: argparse.Namespace) -> int:
    import csv

    from tqdm import tqdm

    from mutuality.analysis import load_models
    from mutuality.core.analysis.markers import MECHANISMS, empathy_probabilities
    from mutuality.core.errors import MutualityError

    try:
        models = load_models(args.model)
        with open(args.input, newline="", encoding="utf-8-sig") as f:
            reader = csv.DictReader(f)
            fields = reader.fieldnames or []
            for column in ("seeker_post", "response_post"):
                if column not in fields:
                    print(
                        f"error: {args.input}: no '{column}' column (found: {', '.join(fields)})",
                        file=sys.stderr,
                    )
                    return 2
            rows = list(reader)
        with open(args.output, "w", newline="", encoding="utf-8") as out:
            writer = csv.DictWriter(
                out, [*fields, *[m for m in MECHANISMS if m not in fields]], lineterminator="\n"
            )
            writer.writeheader()
            chunk = 256
            for start in tqdm(
                range(0, len(rows), chunk), unit=" chunks", disable=None, file=sys.stderr
            ):
                part = rows[start : start + chunk]
                probs = empathy_probabilities(
                    models, [r["response_post"] for r in part], [r["seeker_post"] for r in part]
                )
                for row, p in zip(part, probs, strict=True):
                    writer.writerow({**row, **{m: int(p[m].argmax()) for m in MECHANISMS}})
    except (OSError, MutualityError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    print(f"Wrote {len(rows)} rows with predicted empathy levels to {args.output}", file=sys.stderr)
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

    sc = sub.add_parser(
        "score",
        help="score an instrument from answers or a CSV file, without the database",
        description="Score answers to an instrument. Prints JSON for --answers; writes CSV "
        "(or JSON lines) for --csv, one output row per input row.",
    )
    sc.add_argument(
        "instrument", help="instrument key, e.g. phq9 (see 'mutuality instruments list')"
    )
    given = sc.add_mutually_exclusive_group(required=True)
    given.add_argument(
        "--answers", help="answer codes in item order, e.g. 1,2,0,,3 (blank = unanswered)"
    )
    given.add_argument(
        "--csv",
        metavar="FILE",
        help="a CSV file with one row per administration, item keys as columns",
    )
    sc.add_argument(
        "--output", metavar="OUT", help="where to write the scored rows (default: standard output)"
    )
    sc.add_argument(
        "--format",
        choices=["csv", "json"],
        help="output format (default: from OUT's suffix, else csv)",
    )
    sc.set_defaults(func=cmd_score)

    ins = sub.add_parser(
        "instruments", help="list installed instruments or import a FHIR Questionnaire"
    )
    ins.add_argument("action", choices=["list", "import"], help="list, or import FILE.json")
    ins.add_argument("file", nargs="?", help="the FHIR R4 Questionnaire JSON file to import")
    ins.set_defaults(func=cmd_instruments)

    an = sub.add_parser(
        "analyze",
        help="analyse session transcripts on this machine (de-identified first)",
        description="Reads WebVTT, SRT, 'Name: text' plain text or JSON transcripts, "
        "de-identifies them and marks empathy, behaviour, disconnection and connection per "
        "utterance. Markers are evidence for a clinician, not judgements.",
    )
    an.add_argument("files", nargs="+", metavar="FILE")
    shape = an.add_mutually_exclusive_group()
    shape.add_argument(
        "--json", action="store_true", help="one JSON object per file: utterances and summary"
    )
    shape.add_argument("--csv", action="store_true", help="one CSV row per utterance")
    an.add_argument("--model", choices=["default", "transformer"], default="default")
    an.add_argument(
        "--clinician-name", action="append", default=[], help="a name the clinician appears under"
    )
    an.add_argument(
        "--client-name", action="append", default=[], help="a name the client appears under"
    )
    an.set_defaults(func=cmd_analyze)

    em = sub.add_parser(
        "empathy",
        help="predict EPITOME empathy levels for a CSV of seeker and response posts",
        description="Reads columns seeker_post,response_post and writes the same rows plus "
        "emotional_reactions, interpretations, explorations (predicted levels 0-2).",
    )
    em.add_argument("input", metavar="INPUT.csv")
    em.add_argument("--output", required=True, metavar="OUT.csv")
    em.add_argument("--model", choices=["default", "transformer"], default="default")
    em.set_defaults(func=cmd_empathy)

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
