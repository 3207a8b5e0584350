"""Commands for session analysis: analyse transcripts, add empathy levels to a CSV."""

import argparse
import os
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any

Job = tuple[str, str, tuple[str, ...], tuple[str, ...]]  # file, model, clinicians, clients
Outcome = tuple[Job, "dict[str, Any] | Exception"]


def _analyze_one(job: Job) -> dict[str, Any]:
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


CSV_MARKERS = [
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


def _pool(workers: int) -> ProcessPoolExecutor:
    """A pool of processes started clean, from a server process forked before anything was
    loaded (where the platform has one; elsewhere each is spawned anyway). Forked from a
    process that has already run the transformer model, a child can hang or die in the
    model library's thread pool, which does not survive a fork."""
    import multiprocessing

    clean = "forkserver" in multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver") if clean else None
    return ProcessPoolExecutor(max_workers=workers, mp_context=context)


def _outcomes(jobs: list[Job], workers: int, dask: str) -> Iterator[Outcome]:
    """(job, result or error) in the order of the jobs, as each becomes ready: on this
    machine's cores (a process pool), or on a Dask cluster when `dask` names a scheduler."""
    from contextlib import ExitStack

    from mutuality.core.errors import MutualityError

    with ExitStack() as stack:
        futures: list[Any]
        if dask:
            try:
                from distributed import Client
            except ImportError:
                raise SystemExit(
                    "error: --dask needs the dask extra: pip install 'mutuality[dask]'"
                ) from None
            client = stack.enter_context(Client(dask))  # type: ignore[no-untyped-call]
            futures = client.map(_analyze_one, jobs, pure=False)
        else:
            pool = stack.enter_context(_pool(workers))
            futures = [pool.submit(_analyze_one, job) for job in jobs]
        for job, future in zip(jobs, futures, strict=True):
            try:
                yield job, future.result()
            except MutualityError as e:
                yield job, e


def cmd_analyze(args: argparse.Namespace) -> int:
    """Analyses every file, writing each result as soon as it and those before it are done,
    so thousands of sessions never sit in memory together."""
    import csv
    import json

    from tqdm import tqdm

    jobs = [
        (f, args.model, tuple(args.clinician_name), tuple(args.client_name)) for f in args.files
    ]
    missing = [f for f in args.files if not os.path.isfile(f)]
    if missing:
        print(f"error: no such file: {', '.join(missing)}", file=sys.stderr)
        return 2
    workers = max(1, min(len(jobs), args.workers or os.cpu_count() or 1))
    writer = csv.writer(sys.stdout, lineterminator="\n")
    if args.csv:
        writer.writerow(["file", "index", "speaker", "role", "start", "text", *CSV_MARKERS])
    failed = 0
    with tqdm(total=len(jobs), unit=" files", disable=None, file=sys.stderr) as bar:
        for job, result in _outcomes(jobs, workers, args.dask):
            bar.update(1)
            if isinstance(result, Exception):
                print(f"error: {job[0]}: {result}", file=sys.stderr)
                failed += 1
            elif args.json:
                print(json.dumps(result, ensure_ascii=False), flush=True)
            elif args.csv:
                writer.writerows(_csv_rows(result))
            else:
                _print_table(result)
    return 2 if failed else 0


def _csv_rows(r: dict[str, Any]) -> Iterator[list[Any]]:
    for u in r["utterances"]:
        values = [u["markers"].get(k, "") for k in CSV_MARKERS]
        values = [" ".join(v) if isinstance(v, list) else v for v in values]
        start = u["start"] if u["start"] is not None else ""
        yield [r["file"], u["index"], u["speaker"], u["role"], start, u["text"], *values]


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


def _levels(job: tuple[str, list[str], list[str]]) -> list[dict[str, int]]:
    """Predicted levels for one chunk of (response, seeker post) pairs, in a worker."""
    from mutuality.analysis.pipeline import load_models
    from mutuality.core.analysis.markers import MECHANISMS, empathy_probabilities

    model, responses, seekers = job
    probs = empathy_probabilities(load_models(model), responses, seekers)
    return [{m: int(p[m].argmax()) for m in MECHANISMS} for p in probs]


def cmd_empathy(args: argparse.Namespace) -> int:
    import csv

    from tqdm import tqdm

    from mutuality.analysis.pipeline import load_models
    from mutuality.core.analysis.markers import MECHANISMS
    from mutuality.core.errors import MutualityError

    try:
        load_models(args.model)  # a missing model fails here, before any worker starts
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
            parts = [rows[start : start + chunk] for start in range(0, len(rows), chunk)]
            jobs = [
                (args.model, [r["response_post"] for r in p], [r["seeker_post"] for r in p])
                for p in parts
            ]
            workers = max(1, min(len(jobs), args.workers or os.cpu_count() or 1))
            with _pool(workers) as pool:
                levels = pool.map(_levels, jobs)  # in order, as each chunk is done
                for part, found in tqdm(
                    zip(parts, levels, strict=True),
                    total=len(parts),
                    unit=" chunks",
                    disable=None,
                    file=sys.stderr,
                ):
                    for row, level in zip(part, found, strict=True):
                        writer.writerow({**row, **level})
    except (OSError, MutualityError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    print(f"Wrote {len(rows)} rows with predicted empathy levels to {args.output}", file=sys.stderr)
    return 0
