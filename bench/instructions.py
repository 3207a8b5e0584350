"""Each clinician page's cost in CPU instructions, counted by Valgrind's callgrind: the same
count for the same code and data whatever else the machine is doing, so two versions of a
page compare closely on a shared machine, where timings move by half between runs.

The practice and the pages are bench/load.py's (200 clients × 5 years, on SQLite, or on
PostgreSQL with `--database-url`: then only this process's instructions are counted, its
driver's included, and not the database server's). Under
`valgrind --tool=callgrind`, a child process signs in, warms every page, then requests each
page N times; only the requests are counted (the collection is switched on inside
`functools.reduce`, which runs them), and a dump after each page splits the counts. Prints
JSON: instructions per request for each page, and each page's ratio to the minimal view.

Run:  .venv/bin/python bench/instructions.py [--requests 5] [--data-dir DIR]
      [--database-url postgresql://...]
Needs Debian's valgrind, and a Python whose library keeps its symbols (pyenv's does).
"""

import argparse
import functools
import gc
import glob
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import load

TOGGLE = "functools_reduce"  # the C function inside which instructions are counted


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--requests", type=int, default=5, help="per page (default 5)")
    load.practice_options(p)
    p.add_argument("--inner", default="", help=argparse.SUPPRESS)  # the counted child's dumps
    args = p.parse_args()
    if args.inner:
        requests(args.inner, args.requests)
        return
    os.environ.pop("DATABASE_URL", None)
    env, _ = load.practice(200, 5, args.data_dir, args.database_url)
    with tempfile.TemporaryDirectory() as tmp:
        out = str(Path(tmp) / "callgrind")
        command = [
            "valgrind", "--tool=callgrind", f"--callgrind-out-file={out}",
            "--collect-atstart=no", f"--toggle-collect={TOGGLE}",
            sys.executable, __file__, f"--inner={out}", f"--requests={args.requests}",
        ]  # fmt: skip
        child = {**env, "PYTHONHASHSEED": "0", "DJANGO_SETTINGS_MODULE": "mutuality.site.settings"}
        subprocess.run(command, env=child, check=True, capture_output=True)  # noqa: S603
        counts = dumps(out)
    if not any(counts.values()):
        raise SystemExit(f"callgrind counted nothing: this Python's library has no {TOGGLE}")
    floor = next(iter(counts.values())) / args.requests
    pages = {
        name: {
            "instructions_per_request": round(total / args.requests),
            "vs_minimal": round(total / args.requests / floor, 1),
        }
        for name, total in counts.items()
    }
    print(
        json.dumps(
            {
                "clients": 200,
                "years": 5,
                "database": "postgresql" if args.database_url else "sqlite",
                "requests": args.requests,
                "pages": pages,
            },
            indent=2,
        )
    )


def dumps(out: str) -> dict[str, int]:
    """Each page's counted instructions, from the dump made after it."""
    counts = {}
    for path in sorted(glob.glob(out + ".*"), key=lambda f: int(f.rsplit(".", 1)[1])):
        text = Path(path).read_text()
        label = re.search(r"^desc: Trigger: dump page-([0-9a-f]+)$", text, re.M)
        total = re.search(r"^totals: (\d+)$", text, re.M)
        if label and total:
            counts[bytes.fromhex(label.group(1)).decode()] = int(total.group(1))
    return counts


def requests(out: str, n: int) -> None:
    browser, pages = load.in_process(warm=2)
    for name, path in pages.items():
        # Each page from the collector's same state: otherwise a change to one page moves
        # where the others' collections fall, a few per cent of a page's count.
        gc.collect()
        functools.reduce(lambda _, __: browser.get(path).status_code, range(n), 0)
        dump(out, "page-" + name.encode().hex())


def dump(out: str, label: str) -> None:
    """Asks callgrind for a dump and waits for it (outside the counted requests: waiting here
    is not counted)."""
    before = len(glob.glob(out + ".*"))
    control = ["callgrind_control", "-d", label, str(os.getpid())]
    asked = subprocess.Popen(control, stdout=subprocess.DEVNULL)  # noqa: S603
    deadline = time.monotonic() + 120
    while len(glob.glob(out + ".*")) == before:  # callgrind acts only while this one runs
        if time.monotonic() > deadline:
            raise SystemExit("callgrind did not dump")
    asked.wait()


if __name__ == "__main__":
    main()
