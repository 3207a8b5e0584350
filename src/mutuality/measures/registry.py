"""Every installed instrument: those shipped with Mutuality and those the practice imported."""

from mutuality.core.measures import UnknownInstrument, built_in
from mutuality.core.measures.definition import from_dict
from mutuality.core.measures.instruments import BUILT_IN
from mutuality.core.measures.model import Instrument
from mutuality.measures.models import ImportedInstrument
from mutuality.site.prepared import Prepared


def get_instrument(key: str, version: str | None = None) -> Instrument:
    if key in BUILT_IN:
        return built_in(key)
    imported = ImportedInstrument.objects.filter(key=key)
    if version:
        imported = imported.filter(version=version)
    found = imported.order_by("-imported_at").first()
    if found is None:
        raise UnknownInstrument(f"no instrument called '{key}' is installed")
    return from_dict(found.definition)


def title_of(key: str, version: str | None = None) -> str:
    """The instrument's title ('PHQ-9'), or its key when it is no longer installed."""
    try:
        return get_instrument(key, version).title
    except UnknownInstrument:
        return key


def questionnaire_url(key: str, version: str) -> str | None:
    found = ImportedInstrument.objects.filter(key=key, version=version).first()
    return None if found is None else found.questionnaire.get("url")


# The imported instruments' definitions, in one statement built once (site.prepared): the
# measures page and the plan's forms list every instrument on each visit.
IMPORTED = Prepared(lambda: ImportedInstrument.objects.values_list("definition"))


def all_instruments() -> list[Instrument]:
    imported = [from_dict(definition) for (definition,) in IMPORTED.rows()]
    return [*BUILT_IN.values(), *imported]
