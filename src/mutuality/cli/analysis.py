"""Commands for session analysis: analyse transcripts, add empathy levels to a CSV."""

import argparse
import os
import sys
from typing import Any


def _analyze_one(job: tuple[str, str, tuple[str, ...], tuple[str, ...]]) -> dict[str, Any]:
    from pathlib import Path

    from mutuality.analysis.pipeline import analyze, load_models

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

    from mutuality.analysis.pipeline import load_models
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
