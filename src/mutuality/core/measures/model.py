"""What an instrument is, as data: items with answer codes, scales with their scoring
rules, bands, norms and the reliability used for change statistics.

No item wording from third-party questionnaires lives here: standard instruments carry
item numbers and short topic labels of Mutuality's own, and the scoring facts with their
citations. Mutuality's own check-ins carry their full wording.
"""

from dataclasses import dataclass, field
from enum import StrEnum


class Validation(StrEnum):
    VALIDATED = "validated"
    NOT_VALIDATED = "not-validated"
    IMPORTED = "imported"

    @property
    def label(self) -> str:
        return self.value.replace("-", " ")

    @property
    def statement(self) -> str:
        if self is Validation.VALIDATED:
            return "A published, validated instrument."
        if self is Validation.IMPORTED:
            return (
                "Imported by this practice from a FHIR Questionnaire; its validation status "
                "is whatever its publisher states. Scores are plain sums of the answer weights."
            )
        return (
            "Not a validated instrument — for following one person's change over time; "
            "no reliable change is claimed."
        )


class Method(StrEnum):
    SUM = "sum"
    MEAN = "mean"


class ReliabilityKind(StrEnum):
    TEST_RETEST = "test-retest"
    INTERNAL_CONSISTENCY = "internal consistency"


@dataclass(frozen=True, slots=True)
class Option:
    value: int
    label: str
    code: str = ""  # the answer's code in an imported FHIR Questionnaire

    @property
    def fhir_code(self) -> str:
        return self.code or str(self.value)


@dataclass(frozen=True, slots=True)
class Item:
    key: str
    label: str
    options: tuple[Option, ...]
    risk_above: int | None = None  # an answer above this raises a risk alert
    # Derived once from the options: scoring reads them for every answer.
    values: frozenset[int] = field(init=False, repr=False, compare=False)
    low: int = field(init=False, repr=False, compare=False)
    high: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        values = frozenset(o.value for o in self.options)
        object.__setattr__(self, "values", values)
        object.__setattr__(self, "low", min(values))
        object.__setattr__(self, "high", max(values))


@dataclass(frozen=True, slots=True)
class Band:
    lower: float  # a score belongs to the last band whose lower bound it reaches
    label: str


@dataclass(frozen=True, slots=True)
class Norm:
    population: str
    mean: float
    sd: float
    source: str


@dataclass(frozen=True, slots=True)
class Reliability:
    value: float
    kind: ReliabilityKind
    source: str


@dataclass(frozen=True, slots=True)
class Scale:
    key: str
    name: str
    items: tuple[str, ...]
    method: Method = Method.SUM
    reverse: frozenset[str] = frozenset()
    max_missing: int = 0
    higher_is_worse: bool = True
    bands: tuple[Band, ...] = ()
    clinical_norm: Norm | None = None
    functional_norm: Norm | None = None
    reliability: Reliability | None = None
    loinc: str | None = None
    missing_rule_source: str = ""

    def band(self, score: float) -> Band | None:
        found = None
        for band in self.bands:
            if score >= band.lower:
                found = band
        return found


@dataclass(frozen=True, slots=True)
class Instrument:
    key: str
    version: str
    title: str
    citation: str
    validation: Validation
    period: str
    items: tuple[Item, ...]
    scales: tuple[Scale, ...]
    licence: str = ""
    loinc_panel: str | None = None
    instructions: str = ""
    wording_is_ours: bool = True
    about: str = ""
    pair: str | None = None  # the key of the instrument asking the same from the other side
    notes: tuple[str, ...] = field(default_factory=tuple)
    _by_key: dict[str, Item] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_key", {i.key: i for i in self.items})

    def item(self, key: str) -> Item:
        return self._by_key[key]

    @property
    def has_wording(self) -> bool:
        """Whether the items carry wording a client can answer (ours, or the practice's)."""
        return self.wording_is_ours or self.validation is Validation.IMPORTED

    @property
    def item_keys(self) -> tuple[str, ...]:
        return tuple(i.key for i in self.items)
