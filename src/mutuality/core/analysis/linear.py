"""Linear text models evaluated with NumPy alone: TF-IDF blocks and softmax heads.

The analyzers reproduce scikit-learn's `TfidfVectorizer` (lower-cased word n-grams with
its default token pattern, and `char_wb` n-grams) so that a model trained there scores
identically here without scikit-learn, torch or pickles (a test holds the two equal).
"""

import re
from collections import Counter
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

_TOKEN = re.compile(r"(?u)\b\w\w+\b")
_SPACE = re.compile(r"\s\s+")

Vector = npt.NDArray[np.float64]


def word_ngrams(text: str, low: int, high: int) -> list[str]:
    tokens = _TOKEN.findall(text.lower())
    if high == 1:
        return tokens
    out = list(tokens) if low == 1 else []
    for n in range(max(low, 2), high + 1):
        out += [" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]
    return out


def char_wb_ngrams(text: str, low: int, high: int) -> list[str]:
    out = []
    for word in _SPACE.sub(" ", text.lower()).split():
        w = f" {word} "
        for n in range(low, high + 1):
            offset = 0
            out.append(w[offset : offset + n])
            while offset + n < len(w):
                offset += 1
                out.append(w[offset : offset + n])
            if offset == 0:
                break
    return out


@dataclass(frozen=True)
class Block:
    """One TF-IDF vectorizer: its analyzer, vocabulary and idf weights (l2-normalised)."""

    analyzer: str  # "word" or "char_wb"
    low: int
    high: int
    vocabulary: dict[str, int]
    idf: Vector
    sublinear: bool = True

    def grams(self, text: str) -> list[str]:
        if self.analyzer == "word":
            return word_ngrams(text, self.low, self.high)
        return char_wb_ngrams(text, self.low, self.high)

    def features(self, text: str) -> tuple[npt.NDArray[np.int64], Vector]:
        vocab = self.vocabulary
        counts = Counter(g for g in self.grams(text) if g in vocab)
        if not counts:
            return np.empty(0, np.int64), np.empty(0)
        idx = np.fromiter((vocab[g] for g in counts), np.int64, len(counts))
        tf = np.fromiter(counts.values(), np.float64, len(counts))
        if self.sublinear:
            tf = np.log(tf) + 1
        values = tf * self.idf[idx]
        return idx, values / np.linalg.norm(values)


@dataclass(frozen=True)
class Head:
    """A softmax layer over the stacked blocks (and any dense features after them)."""

    classes: tuple[int, ...]
    coef: Vector  # (classes, features)
    intercept: Vector


@dataclass(frozen=True)
class LinearTextModel:
    blocks: tuple[Block, ...]
    heads: dict[str, Head]
    dense_size: int = 0  # features appended after the blocks, e.g. sentence embeddings

    def sparse(self, text: str) -> tuple[npt.NDArray[np.int64], Vector]:
        parts_i, parts_v, offset = [], [], 0
        for block in self.blocks:
            idx, values = block.features(text)
            parts_i.append(idx + offset)
            parts_v.append(values)
            offset += len(block.idf)
        return np.concatenate(parts_i), np.concatenate(parts_v)

    @property
    def sparse_size(self) -> int:
        return sum(len(b.idf) for b in self.blocks)

    def probabilities(self, text: str, dense: Vector | None = None) -> dict[str, Vector]:
        idx, values = self.sparse(text)
        out = {}
        for name, head in self.heads.items():
            logits = head.coef[:, idx] @ values + head.intercept
            if self.dense_size:
                if dense is None:
                    raise ValueError(f"the {name} head needs {self.dense_size} dense features")
                logits = logits + head.coef[:, self.sparse_size :] @ dense
            logits = logits - logits.max()
            p = np.exp(logits)
            out[name] = p / p.sum()
        return out
