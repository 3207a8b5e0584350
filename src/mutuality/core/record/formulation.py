"""The RCT formulation as typed data, its readable summary, and what changed between two
versions.

The parts follow Relational-Cultural Theory: the central relational paradox and the
strategies of disconnection that keep it going (Miller & Stiver, 1997); relational images
(Miller & Stiver, 1997) and controlling images (Collins, 1990); condemned isolation
(Miller, 1988); relational resilience (Jordan, 1992; Hartling, 2004); and power and
culture inside the therapy relationship itself (Walker, 2002).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from mutuality.core.errors import MutualityError


class ImageStatus(StrEnum):
    ACTIVE = "active"
    SHIFTING = "shifting"
    REVISED = "revised"


class Internalised(StrEnum):
    LITTLE = "little"
    PARTLY = "partly"
    LARGELY = "largely"


@dataclass(frozen=True, slots=True)
class Strategy:
    strategy: str
    where: str = ""
    protects: str = ""
    relationship: int | None = None


@dataclass(frozen=True, slots=True)
class RelationalImage:
    words: str
    origin: str = ""
    status: ImageStatus = ImageStatus.ACTIVE
    relationship: int | None = None


@dataclass(frozen=True, slots=True)
class ControllingImage:
    image: str
    source: str = ""
    internalised: Internalised = Internalised.PARTLY


@dataclass(frozen=True, slots=True)
class Formulation:
    yearnings: tuple[str, ...] = ()
    strategies: tuple[Strategy, ...] = ()
    relational_images: tuple[RelationalImage, ...] = ()
    controlling_images: tuple[ControllingImage, ...] = ()
    isolation: tuple[str, ...] = ()
    resilience: tuple[str, ...] = ()
    therapy_power_culture: str = ""
    clinician_location: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "yearnings": list(self.yearnings),
            "strategies": [
                {"strategy": s.strategy, "where": s.where, "protects": s.protects,
                 "relationship": s.relationship}
                for s in self.strategies
            ],
            "relational_images": [
                {"words": r.words, "origin": r.origin, "status": r.status.value,
                 "relationship": r.relationship}
                for r in self.relational_images
            ],
            "controlling_images": [
                {"image": c.image, "source": c.source, "internalised": c.internalised.value}
                for c in self.controlling_images
            ],
            "isolation": list(self.isolation),
            "resilience": list(self.resilience),
            "therapy_power_culture": self.therapy_power_culture,
            "clinician_location": self.clinician_location,
        }  # fmt: skip

    def is_empty(self) -> bool:
        return not any(v for v in self.as_dict().values())


def _texts(data: Mapping[str, Any], key: str) -> tuple[str, ...]:
    values = data.get(key) or []
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise MutualityError(f"{key}: expected a list of texts")
    return tuple(v.strip() for v in values if v.strip())


def _rows(data: Mapping[str, Any], key: str, first: str) -> list[Mapping[str, Any]]:
    rows = data.get(key) or []
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise MutualityError(f"{key}: expected a list of entries")
    return [r for r in rows if str(r.get(first) or "").strip()]


def _choice(enum: type[StrEnum], value: Any, where: str) -> Any:
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(e.value for e in enum)
        raise MutualityError(f"{where}: '{value}' is not one of {allowed}") from None


def parse(data: Mapping[str, Any]) -> Formulation:
    """A formulation from its stored JSON; raises MutualityError naming the bad part."""
    strategies = tuple(
        Strategy(
            str(r["strategy"]).strip(), str(r.get("where") or "").strip(),
            str(r.get("protects") or "").strip(), r.get("relationship"),
        )
        for r in _rows(data, "strategies", "strategy")
    )  # fmt: skip
    images = tuple(
        RelationalImage(
            str(r["words"]).strip(), str(r.get("origin") or "").strip(),
            _choice(ImageStatus, r.get("status") or "active", f"relational image {n}"),
            r.get("relationship"),
        )
        for n, r in enumerate(_rows(data, "relational_images", "words"), 1)
    )  # fmt: skip
    controlling = tuple(
        ControllingImage(
            str(r["image"]).strip(), str(r.get("source") or "").strip(),
            _choice(Internalised, r.get("internalised") or "partly", f"controlling image {n}"),
        )
        for n, r in enumerate(_rows(data, "controlling_images", "image"), 1)
    )  # fmt: skip
    return Formulation(
        yearnings=_texts(data, "yearnings"),
        strategies=strategies,
        relational_images=images,
        controlling_images=controlling,
        isolation=_texts(data, "isolation"),
        resilience=_texts(data, "resilience"),
        therapy_power_culture=str(data.get("therapy_power_culture") or "").strip(),
        clinician_location=str(data.get("clinician_location") or "").strip(),
    )


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def summary(f: Formulation, name: str, places: Mapping[int, str] | None = None) -> list[str]:
    """Plain paragraphs generated from the structured parts, in a fixed order, so the
    same formulation always reads the same. `places` names map relationships by id."""
    places = places or {}

    def at(rel: int | None) -> str:
        return f" (with {places[rel]})" if rel is not None and rel in places else ""

    out = []
    if f.yearnings or f.strategies:
        text = "The central relational paradox. "
        if f.yearnings:
            text += f"{name} yearns for {_join(list(f.yearnings))}. "
        if f.strategies:
            parts = []
            for s in f.strategies:
                part = s.strategy + at(s.relationship)
                if s.where:
                    part += f", shown {s.where}"
                if s.protects:
                    part += f", which protects against {s.protects}"
                parts.append(part)
            text += "To stay safe, they keep parts of themselves out of connection: "
            text += "; ".join(parts) + "."
        out.append(text.strip())
    if f.relational_images:
        parts = [
            f"“{r.words}”{at(r.relationship)}"
            + (f", learned {r.origin}" if r.origin else "")
            + f" ({r.status.value})"
            for r in f.relational_images
        ]
        out.append("Relational images at play: " + "; ".join(parts) + ".")
    if f.controlling_images:
        parts = [
            f"“{c.image}”" + (f" from {c.source}" if c.source else "")
            + f", {c.internalised.value} internalised"
            for c in f.controlling_images
        ]  # fmt: skip
        out.append("Controlling images: " + "; ".join(parts) + ".")
    if f.isolation:
        out.append("Experiences of condemned isolation and marginalisation: "
                   + "; ".join(f.isolation) + ".")  # fmt: skip
    if f.resilience:
        out.append("Sources of relational resilience and strength: "
                   + "; ".join(f.resilience) + ".")  # fmt: skip
    if f.therapy_power_culture or f.clinician_location:
        text = "Power and culture in the therapy relationship: "
        text += f.therapy_power_culture.rstrip(".") + "." if f.therapy_power_culture else ""
        if f.clinician_location:
            text += f" The clinician's own social location: {f.clinician_location.rstrip('.')}."
        out.append(text.strip())
    return out


@dataclass(frozen=True, slots=True)
class SectionChange:
    section: str
    added: tuple[str, ...]
    removed: tuple[str, ...]
    changed: tuple[str, ...]


def _keyed(f: Formulation) -> dict[str, dict[str, str]]:
    """Each section as {an item's identity: how it reads}, for comparison."""
    return {
        "Yearnings": {y: y for y in f.yearnings},
        "Strategies of disconnection": {
            s.strategy: f"{s.strategy} — {s.where} — protects {s.protects}" for s in f.strategies
        },
        "Relational images": {
            r.words: f"“{r.words}” ({r.status.value})" for r in f.relational_images
        },
        "Controlling images": {
            c.image: f"“{c.image}” ({c.internalised.value} internalised)"
            for c in f.controlling_images
        },
        "Condemned isolation": {i: i for i in f.isolation},
        "Relational resilience": {r: r for r in f.resilience},
        "Power and culture in therapy": (
            {"text": f.therapy_power_culture} if f.therapy_power_culture else {}
        ),
        "Clinician's social location": (
            {"text": f.clinician_location} if f.clinician_location else {}
        ),
    }


def compare(before: Formulation, after: Formulation) -> list[SectionChange]:
    """What was added, removed or changed, section by section; unchanged sections omitted."""
    out = []
    a, b = _keyed(before), _keyed(after)
    for section in a:
        old, new = a[section], b[section]
        added = tuple(new[k] for k in new if k not in old)
        removed = tuple(old[k] for k in old if k not in new)
        changed = tuple(f"{old[k]} → {new[k]}" for k in new if k in old and old[k] != new[k])
        if added or removed or changed:
            out.append(SectionChange(section, added, removed, changed))
    return out
