"""A transcript as Mutuality reads it: utterances in order, each with a speaker and role.

Each cue or line is one utterance; consecutive utterances by one speaker are not merged.
"""

from dataclasses import dataclass, replace
from enum import StrEnum

from mutuality.core.errors import MutualityError

MAX_BYTES = 2_000_000
MAX_UTTERANCES = 10_000


class TranscriptError(MutualityError):
    """A transcript Mutuality cannot read; the message names the line and the problem."""


class Role(StrEnum):
    CLINICIAN = "clinician"
    CLIENT = "client"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Utterance:
    index: int
    speaker: str
    text: str
    role: Role = Role.OTHER
    start: float | None = None  # seconds from the start of the session
    end: float | None = None


@dataclass(frozen=True, slots=True)
class Transcript:
    utterances: tuple[Utterance, ...]

    @property
    def speakers(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for u in self.utterances:
            seen.setdefault(u.speaker, None)
        return tuple(seen)

    def with_roles(self, roles: dict[str, Role]) -> "Transcript":
        return Transcript(
            tuple(replace(u, role=roles.get(u.speaker, Role.OTHER)) for u in self.utterances)
        )
