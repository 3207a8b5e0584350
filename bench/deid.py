"""Recall and precision of de-identification on Mutuality's synthetic set. Prints JSON.

Run: .venv/bin/python bench/deid.py [--sentences 5000]

An identifier counts as caught when predicted spans cover all of its characters (any
type); a predicted span counts as correct when it overlaps a true identifier.
"""

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from mutuality.core.transcripts.deid import Deidentifier
from mutuality.core.transcripts.synthetic import corpus


def evaluate(n: int) -> dict[str, object]:
    caught: Counter[str] = Counter()
    total: Counter[str] = Counter()
    correct = predicted = 0
    for sentence in corpus(n):
        spans = Deidentifier().spans(sentence.text)
        predicted += len(spans)
        correct += sum(any(p.start < e and s < p.end for s, e, _ in sentence.spans) for p in spans)
        for s, e, kind in sentence.spans:
            total[kind] += 1
            covered = set()
            for p in spans:
                covered |= set(range(max(s, p.start), min(e, p.end)))
            caught[kind] += covered == set(range(s, e))
    return {
        "benchmark": "deidentification",
        "sentences": n,
        "identifiers": sum(total.values()),
        "recall": round(sum(caught.values()) / sum(total.values()), 4),
        "precision": round(correct / predicted, 4) if predicted else None,
        "recall_by_kind": {k: round(caught[k] / total[k], 4) for k in sorted(total)},
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--sentences", type=int, default=5000)
    print(json.dumps(evaluate(parser.parse_args().sentences), indent=2))
