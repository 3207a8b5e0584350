"""Commands for instruments: score answers or research files, list and import instruments."""

import argparse
import sys
from typing import TYPE_CHECKING

from mutuality.cli.practice import _setup_django

if TYPE_CHECKING:
    from mutuality.core.measures.model import Instrument


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

    from mutuality.cli.scorefile import score_file

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
