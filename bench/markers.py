"""The other trained markers, cross-validated on the development data. Prints JSON.

Nested: in each of the five outer folds, each head's regularisation is chosen on grouped
inner folds of the outer training part only (mutuality.analysis.training.choose_c); the
outer fold is scored once. The figures are the outer folds'.

Run: .venv/bin/python bench/markers.py [--data ../shared/data]

- behaviour: AnnoMI therapist utterances, 5-fold grouped by transcript, macro-F1 over
  question / reflection / input / other (annotators: Fleiss' kappa 0.74);
- self_disclosure and affirmation: ESConv supporter turns, 5-fold grouped by conversation,
  F1 of the positive class at the threshold the product uses and at 0.5;
- isolation: IRF thwarted belongingness, 5-fold stratified, F1 at the product threshold.
"""

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import GroupKFold, StratifiedKFold

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from mutuality.analysis.training import Task, behaviour, choose_c, fit, isolation, support
from mutuality.core.analysis.markers import ISOLATION_THRESHOLD, SUPPORT_THRESHOLD


def folds(
    task: Task, stratify: np.ndarray | None = None
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    if stratify is not None:
        yield from StratifiedKFold(5, shuffle=True, random_state=7).split(task.texts, stratify)
    else:
        yield from GroupKFold(5).split(task.texts, groups=task.groups)


def probabilities(
    task: Task, head: str, stratify: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    y = task.labels[head]
    out = np.zeros((len(y), len(set(y.tolist()))))
    for train, test in folds(task, stratify):
        part = [task.texts[i] for i in train]
        c = choose_c(part, {head: y[train]}, [task.groups[i] for i in train])
        model = fit(part, {head: y[train]}, c=c)
        for i in test:
            out[i] = model.probabilities(task.texts[i])[head]
    return y, out


def binary(y: np.ndarray, p: np.ndarray, threshold: float) -> dict[str, object]:
    predicted = (p[:, 1] >= threshold).astype(int)
    return {
        "threshold": threshold,
        "f1": round(100 * f1_score(y, predicted), 2),
        "precision_recall": [
            round(100 * v, 1)
            for v in (
                (predicted & y).sum() / max(predicted.sum(), 1),
                (predicted & y).sum() / max(y.sum(), 1),
            )
        ],
        "accuracy": round(100 * accuracy_score(y, predicted), 2),
    }


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--data", type=Path, default=Path("../shared/data"))
    args = p.parse_args()
    out: dict[str, object] = {"benchmark": "markers"}
    b = behaviour(args.data)
    y, prob = probabilities(b, "behaviour")
    pred = prob.argmax(1)
    out["behaviour"] = {
        "data": "AnnoMI",
        "utterances": len(y),
        "macro_f1": round(100 * f1_score(y, pred, average="macro"), 2),
        "accuracy": round(100 * accuracy_score(y, pred), 2),
        "goal_macro_f1": 70.0,
    }
    s = support(args.data)
    for head in ("self_disclosure", "affirmation"):
        y, prob = probabilities(s, head)
        out[head] = {
            "data": "ESConv supporter turns",
            "turns": len(y),
            "positives": int(y.sum()),
            "at_product_threshold": binary(y, prob, SUPPORT_THRESHOLD),
            "at_0.5": binary(y, prob, 0.5),
        }
    i = isolation(args.data)
    y, prob = probabilities(i, "isolation", stratify=i.labels["isolation"])
    out["isolation"] = {
        "data": "IRF (belong)",
        "posts": len(y),
        "positives": int(y.sum()),
        "at_product_threshold": binary(y, prob, ISOLATION_THRESHOLD),
        "at_0.5": binary(y, prob, 0.5),
    }
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
