"""What changed between two snapshots of a treatment plan, in sentences a clinician reads."""

from typing import Any

GOAL_FIELDS = {"title": "title", "mechanism": "mechanism", "interventions": "interventions"}
OBJECTIVE_FIELDS = {
    "behaviour": "behaviour",
    "measure_kind": "measured by",
    "log_kind": "log",
    "instrument": "instrument",
    "scale": "scale",
    "target": "target",
    "frequency": "frequency",
    "start": "start",
    "due": "due date",
}


def _by_id(rows: list[dict[str, Any]]) -> dict[int, dict[str, Any]]:
    return {r["id"]: r for r in rows}


def compare_plans(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    out = []
    if before.get("review_due") != after.get("review_due"):
        out.append(
            f"Review date: {before.get('review_due') or '—'} → {after.get('review_due') or '—'}"
        )
    old, new = _by_id(before["goals"]), _by_id(after["goals"])
    for gid, goal in new.items():
        if gid not in old:
            out.append(f"Goal added: {goal['title']}")
            continue
        prev = old[gid]
        for key, label in GOAL_FIELDS.items():
            if prev.get(key) != goal.get(key):
                out.append(f"Goal '{goal['title']}': {label} changed")
        if prev.get("closed") != goal.get("closed"):
            out.append(f"Goal '{goal['title']}': {'closed' if goal['closed'] else 'reopened'}")
        old_o, new_o = _by_id(prev["objectives"]), _by_id(goal["objectives"])
        for oid, o in new_o.items():
            if oid not in old_o:
                out.append(f"Objective added to '{goal['title']}': {o['behaviour']}")
                continue
            for key, label in OBJECTIVE_FIELDS.items():
                if old_o[oid].get(key) != o.get(key):
                    out.append(
                        f"Objective '{o['behaviour'][:60]}': {label} "
                        f"{old_o[oid].get(key) or '—'} → {o.get(key) or '—'}"
                    )
        for oid, o in old_o.items():
            if oid not in new_o:
                out.append(f"Objective removed from '{goal['title']}': {o['behaviour']}")
    for gid, goal in old.items():
        if gid not in new:
            out.append(f"Goal removed: {goal['title']}")
    return out
