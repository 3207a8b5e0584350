"""A session as a picture: one lane per speaker role, a bar per utterance, and its markers.

Clinician bars carry empathy dots (bigger for stronger); client bars are coloured by
disconnection cues (brick) or connection (teal); rupture candidates are shaded and joined
to their repair.
"""

from xml.sax.saxutils import escape

from mutuality.core.analysis.markers import MECHANISMS, Marked
from mutuality.core.analysis.session import DISCONNECTION, ruptures
from mutuality.core.transcripts.model import Role

WIDTH, HEIGHT = 960, 230
LEFT, RIGHT = 86, 20
LANES = {Role.CLINICIAN: 70, Role.CLIENT: 160}


def render_timeline(marked: list[Marked], title: str) -> str:
    n = max(len(marked), 1)
    step = (WIDTH - LEFT - RIGHT) / n
    bar = max(1.0, min(step * 0.8, 14))

    def x(i: int) -> float:
        return LEFT + i * step + (step - bar) / 2

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'class="timeline" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        "<style>text{font:11px system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;fill:#52525b}"
        ".t{font-size:13px;font-weight:700;fill:#27272a}</style>",
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#fff"/>',
        f'<text x="{LEFT}" y="18" class="t">{escape(title)}</text>',
        f'<text x="{LEFT - 8}" y="{LANES[Role.CLINICIAN] + 4}" text-anchor="end">clinician</text>',
        f'<text x="{LEFT - 8}" y="{LANES[Role.CLIENT] + 4}" text-anchor="end">client</text>',
    ]
    for r in ruptures(marked):
        end = r.repaired_at if r.repaired_at is not None else min(r.at + 3, n - 1)
        out.append(
            f'<rect class="rupture" x="{x(r.at) - 2:.1f}" y="32" '
            f'width="{x(end) - x(r.at) + bar + 4:.1f}" '
            f'height="{HEIGHT - 60}" fill="#f8e1d9" opacity="0.7"><title>rupture candidate after '
            f"{escape(r.cue)}{'' if r.repaired_at is None else ', repaired'}</title></rect>"
        )
    for lane in LANES.values():
        out.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{lane}" y2="{lane}" stroke="#e4e4e7"/>'
        )
    for i, m in enumerate(marked):
        u = m.utterance
        if u.role not in LANES:
            continue
        lane = LANES[u.role]
        h = min(36, 4 + len(u.text.split()) / 2)
        colour = "#a1a1aa"
        if u.role is Role.CLIENT:
            if any(m.markers.get(k) for k in DISCONNECTION):
                colour = "#b4443c"
            elif m.markers.get("yearning") or m.markers.get("five_good_things"):
                colour = "#1f7a6d"
        marks = ", ".join(
            f"{k}={v}" for k, v in m.markers.items() if v not in (0, False, [], "other")
        )
        out.append(
            f'<rect class="utterance" data-index="{u.index}" x="{x(i):.1f}" y="{lane - h / 2:.1f}" '
            f'width="{bar:.1f}" height="{h:.1f}" rx="2" fill="{colour}"><title>#{u.index} '
            f"{escape(u.speaker)}: {escape(marks or 'no markers')}</title></rect>"
        )
        if u.role is Role.CLINICIAN:
            level = max(m.level(k) for k in MECHANISMS)
            if level:
                out.append(
                    f'<circle class="empathy" cx="{x(i) + bar / 2:.1f}" cy="{lane - 26:.1f}" '
                    f'r="{2 + 2 * level}" fill="#c9a227">'
                    f"<title>empathy level {level}</title></circle>"
                )
    legend = [
        ("#c9a227", "clinician empathy (size = strength)"),
        ("#b4443c", "client disconnection cue"),
        ("#1f7a6d", "client connection"),
        ("#f8e1d9", "rupture candidate → repair"),
    ]
    lx = float(LEFT)
    for colour, label in legend:
        out.append(f'<rect x="{lx}" y="{HEIGHT - 18}" width="12" height="12" fill="{colour}"/>')
        out.append(f'<text x="{lx + 16}" y="{HEIGHT - 8}">{escape(label)}</text>')
        lx += 26 + 6.2 * len(label)
    out.append("</svg>")
    return "\n".join(out)
