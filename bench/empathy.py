"""EPITOME empathy: nested cross-validation grouped by seeker post, for each linear model,
beside the paper's Table 3; and throughput on this machine. Prints JSON.

Run: .venv/bin/python bench/empathy.py [--data ../shared/data] [--skip-transformer]

Five outer folds, grouped by seeker post. In each, the regularisation of every head is
chosen by grouped inner folds of the outer training part alone
(mutuality.analysis.training.choose_c); the model is then fitted on that part and the outer
fold scored once, through the NumPy inference the product uses. Only the outer figures are
reported. The sentence embeddings are computed once (the encoder is not trained). The
fine-tuned cross-encoder has its own run: python -m mutuality.analysis.finetune evaluate.
"""

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import GroupKFold

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from mutuality.analysis.training import MECHANISMS, choose_c, embed, empathy, fit

PAPER = {  # Sharma et al. 2020, Table 3 (Reddit): accuracy / macro-F1
    "emotional_reactions": (79.43, 74.46),
    "interpretations": (84.04, 62.60),
    "explorations": (92.61, 72.58),
}


def cross_validate(
    texts: list[str],
    labels: dict[str, np.ndarray],
    groups: list[str],
    dense: np.ndarray | None = None,
) -> dict[str, object]:
    scores: dict[str, dict[str, list[float]]] = {
        m: {"accuracy": [], "macro_f1": []} for m in MECHANISMS
    }
    chosen: list[dict[str, float]] = []
    for train, test in GroupKFold(5).split(texts, groups=groups):
        part = [texts[i] for i in train]
        part_labels = {m: labels[m][train] for m in MECHANISMS}
        part_dense = None if dense is None else dense[train]
        c = choose_c(part, part_labels, [groups[i] for i in train], part_dense)
        chosen.append(c)
        model = fit(part, part_labels, part_dense, c)
        for m in MECHANISMS:
            predicted = [
                int(
                    np.argmax(model.probabilities(texts[i], None if dense is None else dense[i])[m])
                )
                for i in test
            ]
            scores[m]["accuracy"].append(accuracy_score(labels[m][test], predicted))
            scores[m]["macro_f1"].append(f1_score(labels[m][test], predicted, average="macro"))
    return {
        "outer": {
            m: {k: round(100 * float(np.mean(v)), 2) for k, v in s.items()}
            for m, s in scores.items()
        },
        "c_chosen_per_fold": chosen,
    }


def throughput_default(texts: list[str]) -> float:
    from mutuality.analysis.models import load

    model, _ = load("empathy")
    start = time.perf_counter()
    for t in texts:
        model.probabilities(t)
    return round(len(texts) / (time.perf_counter() - start), 1)


def throughput_transformer(texts: list[str], contexts: list[str]) -> float:
    from mutuality.analysis.models import load

    model, _ = load("empathy-transformer")
    start = time.perf_counter()
    dense = embed(texts, contexts)
    for t, d in zip(texts, dense, strict=True):
        model.probabilities(t, d)
    return round(len(texts) / (time.perf_counter() - start), 1)


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--data", type=Path, default=Path("../shared/data"))
    p.add_argument("--skip-transformer", action="store_true")
    args = p.parse_args()
    task = empathy(args.data)
    models: dict[str, object] = {}
    result: dict[str, object] = {
        "benchmark": "empathy",
        "data": "epitome-reddit-dev.csv",
        "responses": len(task.texts),
        "split": "nested: 5 outer GroupKFold folds by seeker post; C per head chosen on 3 "
        "grouped inner folds of each outer training part",
        "paper_table_3": PAPER,
        "models": models,
    }
    models["default"] = {
        "cv": cross_validate(task.texts, task.labels, task.groups),
        "responses_per_second": throughput_default(task.texts),
    }
    if not args.skip_transformer:
        assert task.context is not None
        dense = embed(task.texts, task.context)
        models["transformer"] = {
            "cv": cross_validate(task.texts, task.labels, task.groups, dense),
            "responses_per_second": throughput_transformer(task.texts[:300], task.context[:300]),
        }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
