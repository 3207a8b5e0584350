"""A session's summary: talk, empathy profile, marker rates, ruptures and repairs.

A rupture candidate is a client disconnection cue (isolation, concealment or shame)
followed by at least two clinician turns without any empathy marker; a repair is
connection returning within the next six utterances (clinician empathy at level 2, or the
client voicing yearning or one of the five good things). Candidates for a clinician to
look at, not findings.
"""

from dataclasses import dataclass

from mutuality.core.analysis.markers import MECHANISMS, Marked
from mutuality.core.transcripts.model import Role

DISCONNECTION = ("isolation", "concealment", "shame")
REPAIR_WINDOW = 6


@dataclass(frozen=True)
class Rupture:
    at: int  # index of the client's cue
    cue: str
    repaired_at: int | None


def _words(m: Marked) -> int:
    return len(m.utterance.text.split())


def _empathic(m: Marked, level: int = 1) -> bool:
    return any(m.level(k) >= level for k in MECHANISMS)


def _connection(m: Marked) -> bool:
    role = m.utterance.role
    if role is Role.CLINICIAN:
        return _empathic(m, 2)
    return bool(m.markers.get("yearning")) or bool(m.markers.get("five_good_things"))


def ruptures(marked: list[Marked]) -> list[Rupture]:
    out = []
    for i, m in enumerate(marked):
        if m.utterance.role is not Role.CLIENT:
            continue
        cue = next((k for k in DISCONNECTION if m.markers.get(k)), None)
        if cue is None:
            continue
        following = [x for x in marked[i + 1 :] if x.utterance.role is Role.CLINICIAN][:2]
        if len(following) < 2 or any(_empathic(x) for x in following):
            continue
        window = marked[i + 1 : i + 1 + REPAIR_WINDOW]
        repair = next((x.utterance.index for x in window if _connection(x)), None)
        out.append(Rupture(m.utterance.index, cue, repair))
    return out


def summary(marked: list[Marked]) -> dict[str, object]:
    by_role: dict[str, list[Marked]] = {r.value: [] for r in Role}
    for m in marked:
        by_role[m.utterance.role.value].append(m)
    words = {r: sum(_words(m) for m in ms) for r, ms in by_role.items()}
    total_words = sum(words.values()) or 1
    seconds: dict[str, float] = dict.fromkeys(by_role, 0.0)
    timed = False
    for m, nxt in zip(marked, [*marked[1:], None], strict=True):
        u = m.utterance
        end = u.end if u.end is not None else (nxt.utterance.start if nxt else None)
        if u.start is not None and end is not None and end >= u.start:
            seconds[u.role.value] += end - u.start
            timed = True
    clinician, client = by_role["clinician"], by_role["client"]

    def rate(ms: list[Marked], key: str) -> float:
        return round(sum(1 for m in ms if m.markers.get(key)) / len(ms), 3) if ms else 0.0

    profile = {
        k: {
            "mean": round(sum(m.level(k) for m in clinician) / len(clinician), 3)
            if clinician
            else 0.0,
            "levels": [sum(1 for m in clinician if m.markers[k] == lv) for lv in (0, 1, 2)],
        }
        for k in MECHANISMS
    }
    behaviours: dict[str, int] = {}
    for m in clinician:
        b = str(m.markers["behaviour"])
        behaviours[b] = behaviours.get(b, 0) + 1
    found = ruptures(marked)
    return {
        "utterances": len(marked),
        "turns": {r: len(ms) for r, ms in by_role.items()},
        "turn_share": {r: round(len(ms) / (len(marked) or 1), 3) for r, ms in by_role.items()},
        "words": words,
        "talk_share": {r: round(w / total_words, 3) for r, w in words.items()},
        "talk_seconds": {r: round(s, 1) for r, s in seconds.items()} if timed else None,
        "empathy": profile,
        "empathic_turns": round(sum(1 for m in clinician if _empathic(m)) / len(clinician), 3)
        if clinician
        else 0.0,
        "behaviour": behaviours,
        "clinician_rates": {k: rate(clinician, k) for k in ("self_disclosure", "affirmation")},
        "client_rates": {
            k: rate(client, k)
            for k in ("isolation", "yearning", "concealment", "shame", "five_good_things")
        },
        "ruptures": [{"at": r.at, "cue": r.cue, "repaired_at": r.repaired_at} for r in found],
    }
