"""Scoring research files: one row per administration, item keys as columns.

Reads in chunks so a million-row file needs little memory; writes the same rows with each
scale's raw score, band, and whether it was prorated or refused, as CSV or JSON lines.
"""

import csv
import json
from collections.abc import Callable, Iterator
from itertools import islice
from typing import TextIO

import numpy as np

from mutuality.core.errors import MutualityError
from mutuality.core.measures.batch import BatchScale, Matrix, check_matrix, score_matrix
from mutuality.core.measures.model import Instrument

CHUNK = 50_000


class BadScoreFile(MutualityError):
    """A research file that cannot be scored; the message names the row or column."""


# Answer codes are short integers: a lookup is far cheaper than parsing every cell.
_CODES = {str(v): float(v) for v in range(-100, 101)} | {"": float("nan")}
_ODD = -1.0e308  # marks a cell the lookup does not know, to be parsed carefully


def _column(instrument: Instrument, rows: list[list[str]], col: int, j: int, first: int) -> Matrix:
    get = _CODES.get
    try:
        values = np.fromiter((get(r[col], _ODD) for r in rows), np.float64, len(rows))
    except IndexError:
        short = next(n for n, r in enumerate(rows) if len(r) <= col)
        raise BadScoreFile(f"row {first + short}: too few columns") from None
    for n in np.flatnonzero(values == _ODD).tolist():
        cell = rows[n][col].strip()
        try:
            values[n] = float(cell) if cell else np.nan
        except ValueError:
            key = instrument.item_keys[j]
            raise BadScoreFile(f"row {first + n}, item '{key}': '{cell}' is not a number") from None
    return values


def _matrix(instrument: Instrument, rows: list[list[str]], index: list[int], first: int) -> Matrix:
    matrix = np.empty((len(rows), len(index)), dtype=np.float64)
    for j, col in enumerate(index):
        matrix[:, j] = _column(instrument, rows, col, j, first)
    return matrix


_FORMATTED: dict[float, str] = {}


def _fmt(x: float) -> str:
    """A score as text, memoised: a file holds few distinct scores."""
    text = _FORMATTED.get(x)
    if text is None:
        text = "" if x != x else f"{x:g}"
        if x == x:
            _FORMATTED[x] = text
    return text


def _columns(scored: list[BatchScale]) -> tuple[list[str], list[list[str]]]:
    names: list[str] = []
    cols: list[list[str]] = []
    for s in scored:
        k = s.scale.key
        names += [k, f"{k}_band", f"{k}_prorated", f"{k}_refused"]
        refused = np.isnan(s.raw)
        cols += [
            [_fmt(x) for x in s.raw.tolist()],
            s.bands(),
            ["yes" if p else "no" for p in s.prorated.tolist()],
            ["yes" if r else "no" for r in refused.tolist()],
        ]
    return names, cols


def score_file(
    instrument: Instrument,
    source: TextIO,
    out: TextIO,
    *,
    as_json: bool = False,
    on_chunk: Callable[[int], None] = lambda n: None,
) -> int:
    """Scores every row of `source` into `out`; returns the number of rows."""
    reader = csv.reader(source)
    header = next(reader, None)
    if header is None:
        raise BadScoreFile("the file is empty: expected a header row with item keys")
    header = [h.strip() for h in header]
    missing = [k for k in instrument.item_keys if k not in header]
    if missing:
        raise BadScoreFile(
            f"missing columns for {instrument.title}: {', '.join(missing)} "
            f"(the header must name every item: {', '.join(instrument.item_keys)})"
        )
    index = [header.index(k) for k in instrument.item_keys]
    writer = csv.writer(out, lineterminator="\n")
    total, wrote_header = 0, False
    for chunk in _chunks(reader):
        first = total + 2  # 1-based, after the header
        matrix = _matrix(instrument, chunk, index, first)
        check_matrix(instrument, matrix, first_row=first)
        names, cols = _columns(score_matrix(instrument, matrix))
        if as_json:
            for row, extra in zip(chunk, zip(*cols, strict=True), strict=True):
                out.write(
                    json.dumps(dict(zip(header + names, row + list(extra), strict=False))) + "\n"
                )
        else:
            if not wrote_header:
                writer.writerow(header + names)
                wrote_header = True
            writer.writerows(
                row + list(extra) for row, extra in zip(chunk, zip(*cols, strict=True), strict=True)
            )
        total += len(chunk)
        on_chunk(len(chunk))
    if not as_json and not wrote_header:
        writer.writerow(header + _columns(score_matrix(instrument, np.empty((0, len(index)))))[0])
    return total


def _chunks(reader: Iterator[list[str]]) -> Iterator[list[list[str]]]:
    while chunk := list(islice(reader, CHUNK)):
        yield chunk
