"""Mutuality's trained artifacts: compressed NumPy files beside this module, no pickles.

`load(name)` turns one into a `LinearTextModel`; `save` is used by `mutuality.analysis.training`.
Model cards are in docs/models.md.
"""

import json
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from mutuality.core.analysis.linear import Block, Head, LinearTextModel

HERE = Path(__file__).parent


def save(model: LinearTextModel, path: Path, meta: dict[str, Any]) -> None:
    arrays: dict[str, Any] = {}
    blocks = []
    for n, b in enumerate(model.blocks):
        terms = sorted(b.vocabulary, key=b.vocabulary.__getitem__)
        arrays[f"b{n}_terms"] = np.frombuffer("\n".join(terms).encode(), dtype=np.uint8)
        arrays[f"b{n}_idf"] = b.idf.astype(np.float32)
        blocks.append(
            {"analyzer": b.analyzer, "low": b.low, "high": b.high, "sublinear": b.sublinear}
        )
    heads = {}
    for name, h in model.heads.items():
        arrays[f"h_{name}_coef"] = h.coef.astype(np.float16)
        arrays[f"h_{name}_intercept"] = h.intercept.astype(np.float32)
        heads[name] = {"classes": list(h.classes)}
    info = {**meta, "blocks": blocks, "heads": heads, "dense_size": model.dense_size}
    arrays["meta"] = np.frombuffer(json.dumps(info).encode(), dtype=np.uint8)
    np.savez_compressed(path, **arrays)


@cache
def load(name: str) -> tuple[LinearTextModel, dict[str, Any]]:
    with np.load(HERE / f"{name}.npz", allow_pickle=False) as data:
        meta = json.loads(data["meta"].tobytes().decode())
        blocks = []
        for n, b in enumerate(meta["blocks"]):
            terms = data[f"b{n}_terms"].tobytes().decode().split("\n")
            blocks.append(
                Block(
                    b["analyzer"],
                    b["low"],
                    b["high"],
                    {t: i for i, t in enumerate(terms)},
                    data[f"b{n}_idf"].astype(np.float64),
                    b["sublinear"],
                )
            )
        heads = {
            name: Head(
                tuple(h["classes"]),
                data[f"h_{name}_coef"].astype(np.float64),
                data[f"h_{name}_intercept"].astype(np.float64),
            )
            for name, h in meta["heads"].items()
        }
    return LinearTextModel(tuple(blocks), heads, meta["dense_size"]), meta


def available() -> list[str]:
    return sorted(p.stem for p in HERE.glob("*.npz"))
