"""Instruments to and from plain JSON, for instruments a practice imports and stores."""

from typing import Any

from mutuality.core.errors import MutualityError
from mutuality.core.measures.model import (
    Band,
    Instrument,
    Item,
    Method,
    Norm,
    Option,
    Reliability,
    ReliabilityKind,
    Scale,
    Validation,
)


class InvalidDefinition(MutualityError):
    """A stored instrument definition that does not fit the schema."""


def _norm(n: Norm | None) -> dict[str, Any] | None:
    return (
        None
        if n is None
        else {"population": n.population, "mean": n.mean, "sd": n.sd, "source": n.source}
    )


def to_dict(i: Instrument) -> dict[str, Any]:
    return {
        "key": i.key,
        "version": i.version,
        "title": i.title,
        "citation": i.citation,
        "validation": i.validation.value,
        "period": i.period,
        "licence": i.licence,
        "instructions": i.instructions,
        "wording_is_ours": i.wording_is_ours,
        "about": i.about,
        "items": [
            {
                "key": it.key,
                "label": it.label,
                "risk_above": it.risk_above,
                "options": [
                    {"value": o.value, "label": o.label, "code": o.code} for o in it.options
                ],
            }
            for it in i.items
        ],
        "scales": [
            {
                "key": s.key,
                "name": s.name,
                "items": list(s.items),
                "method": s.method.value,
                "reverse": sorted(s.reverse),
                "max_missing": s.max_missing,
                "higher_is_worse": s.higher_is_worse,
                "bands": [{"lower": b.lower, "label": b.label} for b in s.bands],
                "clinical_norm": _norm(s.clinical_norm),
                "functional_norm": _norm(s.functional_norm),
                "reliability": None
                if s.reliability is None
                else {
                    "value": s.reliability.value,
                    "kind": s.reliability.kind.value,
                    "source": s.reliability.source,
                },
                "loinc": s.loinc,
            }
            for s in i.scales
        ],
    }


def _norm_from(d: dict[str, Any] | None) -> Norm | None:
    return (
        None if d is None else Norm(d["population"], float(d["mean"]), float(d["sd"]), d["source"])
    )


def from_dict(d: dict[str, Any]) -> Instrument:
    try:
        return Instrument(
            key=d["key"],
            version=d["version"],
            title=d["title"],
            citation=d["citation"],
            validation=Validation(d["validation"]),
            period=d["period"],
            licence=d.get("licence", ""),
            instructions=d.get("instructions", ""),
            wording_is_ours=d.get("wording_is_ours", True),
            about=d.get("about", ""),
            items=tuple(
                Item(
                    it["key"],
                    it["label"],
                    tuple(
                        Option(int(o["value"]), o["label"], o.get("code", ""))
                        for o in it["options"]
                    ),
                    it.get("risk_above"),
                )
                for it in d["items"]
            ),
            scales=tuple(
                Scale(
                    key=s["key"],
                    name=s["name"],
                    items=tuple(s["items"]),
                    method=Method(s.get("method", "sum")),
                    reverse=frozenset(s.get("reverse", [])),
                    max_missing=int(s.get("max_missing", 0)),
                    higher_is_worse=bool(s.get("higher_is_worse", True)),
                    bands=tuple(Band(float(b["lower"]), b["label"]) for b in s.get("bands", [])),
                    clinical_norm=_norm_from(s.get("clinical_norm")),
                    functional_norm=_norm_from(s.get("functional_norm")),
                    reliability=None
                    if s.get("reliability") is None
                    else Reliability(
                        float(s["reliability"]["value"]),
                        ReliabilityKind(s["reliability"]["kind"]),
                        s["reliability"]["source"],
                    ),
                    loinc=s.get("loinc"),
                )
                for s in d["scales"]
            ),
        )
    except (KeyError, TypeError, ValueError) as e:
        raise InvalidDefinition(f"stored instrument definition is malformed: {e}") from None
