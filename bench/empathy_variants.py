"""What else was tried for the EPITOME gap: variants of the transformer model, each
cross-validated like bench/empathy.py (5-fold GroupKFold by seeker post). Prints JSON.

Run: .venv/bin/python bench/empathy_variants.py      (about 15 minutes on 2 cores)

Variants: seeker-post TF-IDF as context; ordinal heads (P(level >= 1), P(level >= 2));
softer class weights; other regularisation strengths; sentence-level rationale detectors
trained on EPITOME's rationale spans (inside each training fold) whose max and mean
sentence scores are added as features; and the embedding pair features |R - S| or S
added to the shipped R and R x S.
"""

import json
import re
import sys
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import GroupKFold

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from mutuality.analysis.training import CHAR, MECHANISMS, WORD, embed, empathy

SENTENCE = re.compile(r"[^.!?]+[.!?]*")


def main() -> None:
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("../shared/data")
    task = empathy(data)
    assert task.context is not None
    texts, seekers = task.texts, task.context
    dense = embed(texts, seekers)
    rationales = _rationales(data)
    sentences = [[s.strip() for s in SENTENCE.findall(t) if s.strip()] or [t] for t in texts]
    variants = (
        "base",
        "seeker",
        "ordinal",
        "weights^0.5",
        "C=1",
        "C=8",
        "rationale",
        "embeddings+|R-S|",
        "embeddings+S",
    )
    from mutuality.analysis.encoder import encode

    r, s = encode(texts), encode(seekers)
    scores: dict[str, dict[str, list[float]]] = {v: {m: [] for m in MECHANISMS} for v in variants}
    for train, test in GroupKFold(5).split(texts, groups=task.groups):
        word, char = (
            TfidfVectorizer(sublinear_tf=True, **WORD),
            TfidfVectorizer(sublinear_tf=True, **CHAR),
        )
        a = [
            word.fit_transform([texts[i] for i in train]),
            char.fit_transform([texts[i] for i in train]),
            csr_matrix(dense[train]),
        ]
        b = [
            word.transform([texts[i] for i in test]),
            char.transform([texts[i] for i in test]),
            csr_matrix(dense[test]),
        ]
        base = (hstack(a).tocsr(), hstack(b).tocsr())
        seek = TfidfVectorizer(sublinear_tf=True, min_df=2, max_features=10000)
        with_seeker = (
            hstack([*a, 0.5 * seek.fit_transform([seekers[i] for i in train])]).tocsr(),
            hstack([*b, 0.5 * seek.transform([seekers[i] for i in test])]).tocsr(),
        )
        extra = _rationale_features(sentences, rationales, train, test)
        wider = {
            name: (
                hstack([base[0], csr_matrix(more[train])]).tocsr(),
                hstack([base[1], csr_matrix(more[test])]).tocsr(),
            )
            for name, more in (("embeddings+|R-S|", np.abs(r - s)), ("embeddings+S", s))
        }
        with_rationale = (
            hstack([base[0], csr_matrix(extra[0])]).tocsr(),
            hstack([base[1], csr_matrix(extra[1])]).tocsr(),
        )
        for m in MECHANISMS:
            y = task.labels[m]
            for variant in variants:
                x_train, x_test = {
                    "seeker": with_seeker,
                    "rationale": with_rationale,
                    **wider,
                }.get(variant, base)
                predicted = _predict(variant, x_train, y[train], x_test)
                scores[variant][m].append(f1_score(y[test], predicted, average="macro"))
    result = {
        v: {m: round(100 * float(np.mean(s)), 2) for m, s in ms.items()} for v, ms in scores.items()
    }
    print(
        json.dumps(
            {"benchmark": "empathy variants (transformer model), macro-F1", "variants": result},
            indent=2,
        )
    )


def _predict(variant: str, x: csr_matrix, y: np.ndarray, x_test: csr_matrix) -> np.ndarray:
    if variant == "ordinal":
        p1 = (
            LogisticRegression(C=2.0, max_iter=3000, class_weight="balanced")
            .fit(x, y >= 1)
            .predict_proba(x_test)[:, 1]
        )
        p2 = (
            LogisticRegression(C=2.0, max_iter=3000, class_weight="balanced")
            .fit(x, y >= 2)
            .predict_proba(x_test)[:, 1]
        )
        return np.where(p2 >= 0.5, 2, np.where(p1 >= 0.5, 1, 0))
    c = {"C=1": 1.0, "C=8": 8.0}.get(variant, 2.0)
    weights: str | dict[int, float] = "balanced"
    if variant == "weights^0.5":
        counts = np.bincount(y)
        weights = {i: float((len(y) / (len(counts) * n)) ** 0.5) for i, n in enumerate(counts)}
    predicted: np.ndarray = (
        LogisticRegression(C=c, max_iter=3000, class_weight=weights).fit(x, y).predict(x_test)
    )
    return predicted


def _rationales(data: Path) -> list[dict[str, list[str]]]:
    import csv

    with (data / "epitome" / "epitome-reddit-dev.csv").open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return [
        {m: [s.strip() for s in r[f"{m}_rationale"].split("|") if s.strip()] for m in MECHANISMS}
        for r in rows
    ]


def _rationale_features(
    sentences: list[list[str]],
    rationales: list[dict[str, list[str]]],
    train: np.ndarray,
    test: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    vec = TfidfVectorizer(ngram_range=(1, 3), min_df=2, sublinear_tf=True)
    x = vec.fit_transform([s for i in train for s in sentences[i]])
    out_train, out_test = [], []
    for m in MECHANISMS:
        y = [
            int(any(r[:25] in s or s[:25] in r for r in rationales[i][m]))
            for i in train
            for s in sentences[i]
        ]
        detector = LogisticRegression(C=4.0, max_iter=3000, class_weight="balanced").fit(x, y)

        def pooled(idx: np.ndarray, detector: LogisticRegression = detector) -> np.ndarray:
            rows = []
            for i in idx:
                p = detector.predict_proba(vec.transform(sentences[i]))[:, 1]
                rows.append([p.max(), p.mean()])
            return np.array(rows)

        out_train.append(pooled(train))
        out_test.append(pooled(test))
    return np.hstack(out_train), np.hstack(out_test)


if __name__ == "__main__":
    main()
