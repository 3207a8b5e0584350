"""Who is speaking: names and labels mapped to clinician, client or other."""

import re

from mutuality.core.transcripts.model import Role

CLINICIAN_LABELS = {
    "t",
    "th",
    "therapist",
    "clinician",
    "counsellor",
    "counselor",
    "psychologist",
    "p",
}
CLIENT_LABELS = {"c", "cl", "client", "patient", "pt"}

# "Name:" at the start of a line: up to four words, no sentence punctuation.
SPEAKER_PREFIX = re.compile(r"^\s*([A-Za-z][\w .'’-]{0,40}?)\s*:\s+(.*)$")


def guess_roles(
    speakers: tuple[str, ...],
    clinician_names: tuple[str, ...] = (),
    client_names: tuple[str, ...] = (),
) -> dict[str, Role]:
    """Roles from standard labels and known names; with two speakers, one settles the other."""
    clinicians = _names(clinician_names) | CLINICIAN_LABELS
    clients = _names(client_names) | CLIENT_LABELS
    roles = {}
    for s in speakers:
        key = s.casefold().strip()
        first = key.split()[0] if key.split() else key
        if key in clinicians or first in clinicians:
            roles[s] = Role.CLINICIAN
        elif key in clients or first in clients:
            roles[s] = Role.CLIENT
        else:
            roles[s] = Role.OTHER
    if len(speakers) == 2:
        a, b = speakers
        other = {Role.CLINICIAN: Role.CLIENT, Role.CLIENT: Role.CLINICIAN}
        if roles[a] in other and roles[b] is Role.OTHER:
            roles[b] = other[roles[a]]
        elif roles[b] in other and roles[a] is Role.OTHER:
            roles[a] = other[roles[b]]
    return roles


def _names(names: tuple[str, ...]) -> set[str]:
    """Full names and each of their words: 'Ana Moreno' answers to 'Ana' too."""
    out = set()
    for name in names:
        out.add(name.casefold())
        out |= {w.casefold() for w in name.split() if len(w) > 1}
    return out
