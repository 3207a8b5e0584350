"""Scoring many administrations at once with NumPy, for research files.

Gives the same results as `scoring.score` row by row (a test holds them equal), in a
fraction of the time. Missing answers are NaN.
"""

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from mutuality.core.measures.model import Instrument, Method, Scale
from mutuality.core.measures.scoring import InvalidAnswers

Matrix = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class BatchScale:
    scale: Scale
    raw: Matrix  # NaN where the missing-data rule refuses a score
    answered: npt.NDArray[np.int64]
    prorated: npt.NDArray[np.bool_]

    def bands(self) -> list[str]:
        if not self.scale.bands:
            return [""] * len(self.raw)
        lowers = np.array([b.lower for b in self.scale.bands])
        labels = np.array([b.label for b in self.scale.bands] + [""], dtype=object)
        index = np.searchsorted(lowers, self.raw, side="right") - 1
        index[np.isnan(self.raw) | (index < 0)] = len(self.scale.bands)
        return list(labels[index])


def check_matrix(instrument: Instrument, matrix: Matrix, first_row: int = 1) -> None:
    """Raises InvalidAnswers naming the first row and item with a code the item lacks."""
    for j, item in enumerate(instrument.items):
        column = matrix[:, j]
        allowed = np.array(sorted(item.values), dtype=np.float64)
        bad = ~np.isnan(column) & ~np.isin(column, allowed)
        if bad.any():
            row = int(np.argmax(bad))
            value = column[row]
            shown = int(value) if float(value).is_integer() else value
            raise InvalidAnswers(
                f"row {row + first_row}, item '{item.key}': {shown} is not an answer code "
                f"(allowed: {', '.join(str(v) for v in sorted(item.values))})"
            )


def score_matrix(instrument: Instrument, matrix: Matrix) -> list[BatchScale]:
    """Scores every row; columns are the instrument's items in order."""
    position = {key: j for j, key in enumerate(instrument.item_keys)}
    out = []
    for scale in instrument.scales:
        cols = matrix[:, [position[k] for k in scale.items]].copy()
        for j, key in enumerate(scale.items):
            if key in scale.reverse:
                item = instrument.item(key)
                cols[:, j] = item.low + item.high - cols[:, j]
        answered = (~np.isnan(cols)).sum(axis=1)
        total = np.nansum(cols, axis=1)
        n = len(scale.items)
        missing = n - answered
        with np.errstate(invalid="ignore", divide="ignore"):
            if scale.method is Method.MEAN:
                raw = np.round(total / answered, 2)
            else:
                raw = np.where(missing > 0, np.round(total * n / answered, 2), total)
        refused = (missing > scale.max_missing) | (answered == 0)
        raw[refused] = np.nan
        prorated = (missing > 0) & ~refused & (scale.method is Method.SUM)
        out.append(BatchScale(scale, raw, answered.astype(np.int64), prorated))
    return out
