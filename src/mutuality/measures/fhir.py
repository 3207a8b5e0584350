"""FHIR R4 interchange: Questionnaires in, QuestionnaireResponses and Observations out.

Resources are parsed and built with the `fhir.resources` models (its R4B package, whose
Questionnaire, QuestionnaireResponse, Observation and Bundle match R4 for everything used
here). Answer scores come from the `ordinalValue` extension (R4) or its successor
`itemWeight`.
"""

import re
import uuid
from datetime import datetime
from typing import Any

from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.questionnaire import Questionnaire
from pydantic import ValidationError

from mutuality.core.errors import MutualityError
from mutuality.core.measures.model import Instrument, Item, Option, Scale, Validation
from mutuality.core.measures.scoring import Scored

WEIGHT_URLS = (
    "http://hl7.org/fhir/StructureDefinition/ordinalValue",
    "http://hl7.org/fhir/StructureDefinition/itemWeight",
)
STATUSES = {"draft", "active", "retired", "unknown"}
SCALE_SYSTEM = "urn:mutuality:scale"
LOINC = "http://loinc.org"


class InvalidQuestionnaire(MutualityError):
    """A Questionnaire Mutuality cannot administer; `errors` name each place and problem."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("; ".join(errors))
        self.errors = errors


def _located(e: ValidationError) -> list[str]:
    out = []
    for err in e.errors():
        where = ".".join(str(p) for p in err["loc"]) or "Questionnaire"
        out.append(f"{where}: {err['msg']}")
    return out


def _weight(option: Any) -> float | None:
    for ext in option.extension or []:
        if ext.url in WEIGHT_URLS:
            value = ext.valueDecimal if ext.valueDecimal is not None else ext.valueInteger
            return None if value is None else float(value)
    coding = option.valueCoding
    for ext in (coding.extension if coding is not None else None) or []:
        if ext.url in WEIGHT_URLS:
            value = ext.valueDecimal if ext.valueDecimal is not None else ext.valueInteger
            return None if value is None else float(value)
    return None


def _option(item_id: str, n: int, option: Any, errors: list[str]) -> Option | None:
    where = f"item '{item_id}', answer option {n}"
    weight = _weight(option)
    if weight is None:
        errors.append(f"{where}: no score (add an ordinalValue or itemWeight extension)")
        return None
    if not weight.is_integer():
        errors.append(f"{where}: score {weight:g} is not a whole number")
        return None
    if option.valueCoding is not None:
        code = option.valueCoding.code or ""
        label = option.valueCoding.display or code
    elif option.valueInteger is not None:
        code = label = str(option.valueInteger)
    elif option.valueString is not None:
        code = label = option.valueString
    else:
        errors.append(f"{where}: only coding, integer or string answers are supported")
        return None
    return Option(int(weight), f"{int(weight)} · {label}", code)


def _items(items: list[Any], errors: list[str], path: str = "item") -> list[Item]:
    out: list[Item] = []
    for n, item in enumerate(items or []):
        where = f"{path}[{n}] '{item.linkId}'"
        if item.type == "group":
            out += _items(item.item or [], errors, f"{where}.item")
        elif item.type == "display":
            continue
        elif item.type != "choice":
            errors.append(
                f"{where}: type '{item.type}' is not supported "
                "(choice items with scored answers only)"
            )
        elif not item.answerOption:
            errors.append(
                f"{where}: a choice item needs answerOption entries "
                "(answerValueSet is not supported)"
            )
        else:
            options = [
                _option(item.linkId, k + 1, o, errors) for k, o in enumerate(item.answerOption)
            ]
            if all(options):
                values = [o.value for o in options if o]
                if len(set(values)) != len(values):
                    errors.append(f"{where}: two answer options share one score")
                out.append(
                    Item(item.linkId, item.text or item.linkId, tuple(o for o in options if o))
                )
    return out


def questionnaire_to_instrument(data: dict[str, Any]) -> tuple[Instrument, dict[str, Any]]:
    """An Instrument to administer, and the validated Questionnaire as JSON to keep."""
    if not isinstance(data, dict) or data.get("resourceType") != "Questionnaire":
        raise InvalidQuestionnaire(["resourceType: expected 'Questionnaire'"])
    try:
        q = Questionnaire.model_validate(data)
    except ValidationError as e:
        raise InvalidQuestionnaire(_located(e)) from None
    errors: list[str] = []
    if q.status not in STATUSES:
        errors.append(f"status: '{q.status}' is not one of {', '.join(sorted(STATUSES))}")
    name = q.name or q.id or q.title or ""
    key = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:60]
    if not key:
        errors.append("name: the Questionnaire needs a name, id or title to identify it")
    items = _items(q.item or [], errors)
    ids = [i.key for i in items]
    if len(set(ids)) != len(ids):
        errors.append("item: two items share one linkId")
    if not items and not errors:
        errors.append("item: no scored choice items to administer")
    if errors:
        raise InvalidQuestionnaire(errors)
    instrument = Instrument(
        key=key,
        version=q.version or "1",
        title=q.title or name,
        citation=q.publisher or q.url or "Imported FHIR Questionnaire",
        validation=Validation.IMPORTED,
        period="",
        items=tuple(items),
        scales=(Scale("total", f"{q.title or name} total", tuple(ids)),),
        licence=q.copyright or "",
        wording_is_ours=False,
        about=q.description or "",
    )
    return instrument, q.model_dump(mode="json", exclude_none=True)


def canonical(instrument: Instrument, url: str | None = None) -> str:
    return f"{url or f'urn:mutuality:instrument:{instrument.key}'}|{instrument.version}"


def _answer(item: Item, value: int) -> dict[str, Any]:
    option = next(o for o in item.options if o.value == value)
    return {"valueCoding": {"code": option.fhir_code, "display": option.label}}


def _observation(
    scale: Scale, raw: float, band: str | None, subject: dict[str, str], when: str, qr: str
) -> dict[str, Any]:
    coding = [{"system": SCALE_SYSTEM, "code": f"{scale.key}", "display": scale.name}]
    if scale.loinc:
        coding.insert(0, {"system": LOINC, "code": scale.loinc, "display": scale.name})
    obs: dict[str, Any] = {
        "resourceType": "Observation",
        "status": "final",
        "category": [
            {
                "coding": [
                    {
                        "system": "http://terminology.hl7.org/CodeSystem/observation-category",
                        "code": "survey",
                    }
                ]
            }
        ],
        "code": {"coding": coding, "text": scale.name},
        "subject": subject,
        "effectiveDateTime": when,
        "valueQuantity": {
            "value": raw,
            "unit": "{score}",
            "system": "http://unitsofmeasure.org",
            "code": "{score}",
        },
        "derivedFrom": [{"reference": qr}],
    }
    if band:
        obs["interpretation"] = [{"text": band}]
    return obs


def administration_resources(
    scored: Scored,
    answers: dict[str, int | None],
    *,
    taken_at: datetime,
    subject: dict[str, str],
    response_url: str,
    questionnaire_url: str | None = None,
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The QuestionnaireResponse and one Observation per scored scale, as plain FHIR JSON,
    not yet validated: the Observations derive from the response at `response_url`. The
    caller validates them once, in the Bundle it puts them in (a client's whole record
    holds over a thousand administrations, and validating each on its own doubles the
    export's time)."""
    instrument = scored.instrument
    when = taken_at.isoformat()
    response = {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": canonical(instrument, questionnaire_url),
        "status": "completed",
        "subject": subject,
        "authored": when,
        "item": [
            {"linkId": item.key, "text": item.label, "answer": [_answer(item, value)]}
            for item in instrument.items
            if (value := answers.get(item.key)) is not None
        ],
    }
    observations = [
        _observation(s.scale, s.raw, s.band.label if s.band else None, subject, when, response_url)
        for s in scored.scales
        if s.raw is not None
    ]
    return response, observations


def administration_bundle(
    scored: Scored,
    answers: dict[str, int | None],
    *,
    taken_at: datetime,
    subject_id: str,
    subject_label: str,
    questionnaire_url: str | None = None,
) -> dict[str, Any]:
    """A collection Bundle: the QuestionnaireResponse and one Observation per scored scale."""
    subject = {"reference": f"Patient/{subject_id}", "display": subject_label}
    qr_url = f"urn:uuid:{uuid.uuid4()}"
    response, observations = administration_resources(
        scored,
        answers,
        taken_at=taken_at,
        subject=subject,
        response_url=qr_url,
        questionnaire_url=questionnaire_url,
    )
    entries = [{"fullUrl": qr_url, "resource": response}]
    entries += [{"fullUrl": f"urn:uuid:{uuid.uuid4()}", "resource": o} for o in observations]
    bundle = Bundle.model_validate(
        {"resourceType": "Bundle", "type": "collection", "entry": entries}
    )
    result: dict[str, Any] = bundle.model_dump(mode="json", exclude_none=True)
    return result
