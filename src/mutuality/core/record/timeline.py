"""The client timeline: events from every part of the record in one date order."""

from collections.abc import Collection, Iterable
from datetime import date
from enum import StrEnum
from typing import NamedTuple


class EventKind(StrEnum):
    SESSION = "session"
    NOTE = "note"
    MEASURE = "measure"
    MAP = "map"
    FORMULATION = "formulation"
    PLAN = "plan"
    LOG = "log"

    @property
    def label(self) -> str:
        return {
            "map": "map assessments",
            "measure": "measures and check-ins",
            "log": "client logs",
        }.get(self.value, f"{self.value}s")


class Event(NamedTuple):  # a tuple: a year of a long history is hundreds of events
    on: date
    kind: EventKind
    title: str
    detail: str = ""
    url: str = ""
    order: int = 0  # ties on one day: a stable secondary order (e.g. the row id)


def merge(events: Iterable[Event], kinds: Collection[EventKind] | None = None) -> list[Event]:
    """Newest first; only the chosen kinds when any are chosen."""
    chosen = [e for e in events if not kinds or e.kind in kinds]
    return sorted(chosen, key=lambda e: (e.on, e.kind, e.order), reverse=True)  # kinds by name
