"""Instruments as data, their scoring and change statistics."""

from mutuality.core.errors import MutualityError
from mutuality.core.measures.instruments import BUILT_IN
from mutuality.core.measures.model import Instrument


class UnknownInstrument(MutualityError):
    """A key that names no installed instrument."""


def built_in(key: str) -> Instrument:
    try:
        return BUILT_IN[key]
    except KeyError:
        known = ", ".join(sorted(BUILT_IN))
        raise UnknownInstrument(f"no instrument called '{key}' (installed: {known})") from None
