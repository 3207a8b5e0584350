"""Session note forms (DAP, SOAP, BIRP) with an RCT process section, and the content hash
that a signature seals.

The three forms are the common structures of progress notes in mental-health practice;
the process section asks about the relational movement RCT attends to (Jordan, 2010):
connection and disconnection, rupture and repair, the clinician's authentic response, and
power and culture in the room.
"""

import hashlib
import json
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class NoteForm(StrEnum):
    DAP = "dap"
    SOAP = "soap"
    BIRP = "birp"

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(f.value, FORMS[f].title) for f in cls]


@dataclass(frozen=True, slots=True)
class Section:
    key: str
    label: str
    prompt: str


@dataclass(frozen=True, slots=True)
class FormDefinition:
    title: str
    sections: tuple[Section, ...]


FORMS: dict[NoteForm, FormDefinition] = {
    NoteForm.DAP: FormDefinition(
        "DAP (data, assessment, plan)",
        (
            Section("data", "Data", "What was said and observed in the session."),
            Section("assessment", "Assessment", "Your understanding of it, now."),
            Section("plan", "Plan", "What comes next, in and between sessions."),
        ),
    ),
    NoteForm.SOAP: FormDefinition(
        "SOAP (subjective, objective, assessment, plan)",
        (
            Section("subjective", "Subjective", "The client's account, in their words."),
            Section("objective", "Objective", "What you observed; measures given."),
            Section("assessment", "Assessment", "Your understanding of it, now."),
            Section("plan", "Plan", "What comes next."),
        ),
    ),
    NoteForm.BIRP: FormDefinition(
        "BIRP (behaviour, intervention, response, plan)",
        (
            Section("behavior", "Behaviour", "How the client presented; what they brought."),
            Section("intervention", "Intervention", "What you offered."),
            Section("response", "Response", "How the client met it."),
            Section("plan", "Plan", "What comes next."),
        ),
    ),
}

PROCESS: tuple[Section, ...] = (
    Section(
        "connection",
        "Moments of connection",
        "When did the two of you meet each other? What moved?",
    ),
    Section(
        "disconnection",
        "Moments of disconnection",
        "When did the client (or you) step out of connection? What strategy showed?",
    ),
    Section("rupture_repair", "Rupture and repair", "Any rupture, and what repair was tried."),
    Section(
        "authentic_response",
        "Your authentic response",
        "What you let the client see of how they affected you, and why.",
    ),
    Section(
        "power_culture",
        "Power and culture in the room",
        "Identities, privilege or power named or felt between you.",
    ),
)


def sections_for(form: str) -> tuple[Section, ...]:
    return FORMS[NoteForm(form)].sections


def content_hash(content: dict[str, Any]) -> str:
    """SHA-256 of the note's canonical JSON: the same content always gives the same hash,
    and any change to a word, a key or a reviewed measure gives another."""
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()
