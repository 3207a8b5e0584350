"""The Guide is written in Mutuality's own words: no run of eight words from the seeds."""

import re
from pathlib import Path

from mutuality.core import rct
from tests.conftest import cannot_run

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
RUN = 8


def shingles(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z']+", text.lower())
    return {tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}


def guide_texts() -> dict[str, str]:
    texts = {f"concept {c.key}": f"{c.summary} {c.body}" for c in rct.CONCEPTS}
    texts |= {f"goal {g.key}": f"{g.smart_objective} {g.mechanism}" for g in rct.GOALS}
    texts |= {f"problem {p.key}": p.summary for p in rct.PROBLEMS}
    texts |= {f"question {q.key}": q.question for q in rct.QUESTIONS}
    return texts


def test_it_copies_no_sentence_from_the_seed_documents():
    if not SEEDS.is_dir():
        cannot_run(f"the seed documents are not at {SEEDS}")
    seed = set().union(*(shingles(p.read_text()) for p in SEEDS.glob("*.txt")))
    copied = {name: shingles(text) & seed for name, text in guide_texts().items()}
    assert {name: runs for name, runs in copied.items() if runs} == {}
