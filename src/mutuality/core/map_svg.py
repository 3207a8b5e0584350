"""The relational-cultural map as an SVG picture.

The client sits at the centre; each relationship sits on a ring by felt closeness (the
closer the ring, the closer it feels). Colour, line width and line style all encode the
growth-fostering score, so the picture reads without colour too. A triangle on a line
marks power-over and points at the person held under it; a hollow circle marks
power-with. In a comparison, a dashed ghost shows where a relationship stood at the first
date and an arrow shows how it moved.
"""

import itertools
import math
from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape

from mutuality.core.rct.vocabulary import Power, PowerDirection, RelationshipKind
from mutuality.core.relational_map import (
    DISCONNECTING_MAX,
    GROWTH_FOSTERING_MIN,
    RATING_MAX,
    Assessment,
    MapChange,
    Movement,
    Tie,
)

WIDTH, HEIGHT = 1060, 700
CX, CY = 420, 350
INNER, RING_STEP = 108, 50
LABEL_MAX = 18
NODE_R, CLIENT_R = 19, 36
KIND_ORDER = list(RelationshipKind)
RING_LABELS = ("very close", "close", "in between", "some distance", "distant")

_STOPS = ((0, (180, 68, 60)), (50, (201, 162, 39)), (100, (31, 122, 109)))


def score_colour(score: int) -> str:
    """Brick (disconnecting) through ochre (mixed) to teal (growth-fostering)."""
    s = max(0, min(100, score))
    for (s0, c0), (s1, c1) in itertools.pairwise(_STOPS):
        if s <= s1:
            t = (s - s0) / (s1 - s0)
            r, g, b = (round(a + (b - a) * t) for a, b in zip(c0, c1, strict=True))
            return f"#{r:02x}{g:02x}{b:02x}"
    raise AssertionError("unreachable: score is clamped to 0..100")


def text_colour(score: int) -> str:
    """Dark or white text, whichever reads better on the score's colour (WCAG contrast)."""
    fill = score_colour(score)
    channels = [int(fill[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    # Black rather than a softer dark: with it, the worse of the two choices still reaches
    # sqrt(21) = 4.58:1 on any fill, above WCAG AA's 4.5:1.
    white = 1.05 / (luminance + 0.05)
    black = (luminance + 0.05) / 0.05
    return "#ffffff" if white >= black else "#000000"


def score_chip(score: int) -> str:
    """The score on its own colour, as the pages' tables show it (HTML)."""
    return (
        f'<span class="score-chip" style="background:{score_colour(score)};'
        f'color:{text_colour(score)}">{score}</span>'
    )


def _dash(score: int) -> str:
    if score >= GROWTH_FOSTERING_MIN:
        return ""
    if score <= DISCONNECTING_MAX:
        return ' stroke-dasharray="2 5" stroke-linecap="round"'
    return ' stroke-dasharray="8 5"'


def ring_radius(closeness: int) -> float:
    return INNER + (RATING_MAX - closeness) * RING_STEP


def _point(angle: float, radius: float) -> tuple[float, float]:
    return CX + radius * math.cos(angle), CY + radius * math.sin(angle)


@dataclass(frozen=True, slots=True)
class _Placed:
    tie: Tie
    angle: float
    now: Assessment
    then: Assessment | None
    movement: Movement


def _place(ties: list[Tie], change: MapChange) -> list[_Placed]:
    by_key = {c.tie: c for c in change.ties}
    shown = [t for t in ties if t.key in by_key]
    shown.sort(key=lambda t: (KIND_ORDER.index(t.kind), t.name.casefold()))
    step = 2 * math.pi / max(len(shown), 1)
    placed = []
    for i, tie in enumerate(shown):
        c = by_key[tie.key]
        now = c.after or c.before
        assert now is not None  # a TieChange always has at least one side
        # Half a step off the vertical keeps the top free for the ring labels.
        angle = -math.pi / 2 + (i + 0.5) * step
        placed.append(_Placed(tie, angle, now, c.before, c.movement))
    return placed


def _f(x: float) -> str:
    return f"{x:.1f}"


def _edge(p: _Placed) -> list[str]:
    a, s = p.now, p.now.score
    r = ring_radius(a.closeness)
    x0, y0 = _point(p.angle, CLIENT_R + 2)
    x1, y1 = _point(p.angle, r - NODE_R - 2)
    width = 1.5 + 4.5 * s / 100
    out = [
        f'<line x1="{_f(x0)}" y1="{_f(y0)}" x2="{_f(x1)}" y2="{_f(y1)}" '
        f'stroke="{score_colour(s)}" stroke-width="{width:.1f}"{_dash(s)}/>'
    ]
    mx, my = _point(p.angle, (CLIENT_R + r - NODE_R) / 2)
    if a.power >= Power.MOSTLY_OVER:
        inward = a.power_direction is not PowerDirection.CLIENT_OVER_OTHER
        d = p.angle + (math.pi if inward else 0)
        tip = (mx + 9 * math.cos(d), my + 9 * math.sin(d))
        left = (mx - 7 * math.cos(d) + 7 * math.sin(d), my - 7 * math.sin(d) - 7 * math.cos(d))
        right = (mx - 7 * math.cos(d) - 7 * math.sin(d), my - 7 * math.sin(d) + 7 * math.cos(d))
        pts = " ".join(f"{_f(x)},{_f(y)}" for x, y in (tip, left, right))
        title = "power-over" if a.power is Power.OVER else "mostly power-over"
        out.append(
            f'<polygon class="power-over" points="{pts}" fill="#27272a">'
            f"<title>{title}</title></polygon>"
        )
    elif a.power <= Power.MOSTLY_WITH:
        out.append(
            f'<circle class="power-with" cx="{_f(mx)}" cy="{_f(my)}" r="6" fill="#fff" '
            f'stroke="#27272a" stroke-width="2"><title>power-with</title></circle>'
        )
    return out


def _label_anchor(angle: float) -> str:
    """Labels run away from the vertical, so the two nodes nearest the top or bottom
    (half a step either side of it) never write over each other."""
    c = math.cos(angle)
    return "middle" if abs(c) < 1e-6 else ("start" if c > 0 else "end")


def _node(p: _Placed, comparing: bool) -> list[str]:
    a, s = p.now, p.now.score
    x, y = _point(p.angle, ring_radius(a.closeness))
    stale = comparing and p.movement is Movement.NOT_REASSESSED
    fade = ' opacity="0.45"' if stale else ""
    out = [f'<g class="tie" data-tie="{escape(p.tie.key)}"{fade}>']
    out.append(f"<title>{escape(p.tie.name)}: growth-fostering score {s}</title>")
    if p.tie.kind is RelationshipKind.THERAPY:
        out.append(
            f'<circle cx="{_f(x)}" cy="{_f(y)}" r="{NODE_R + 5}" fill="none" '
            f'stroke="{score_colour(s)}" stroke-width="2"/>'
        )
    out.append(
        f'<circle cx="{_f(x)}" cy="{_f(y)}" r="{NODE_R}" fill="{score_colour(s)}" '
        f'stroke="#fff" stroke-width="2"/>'
    )
    out.append(
        f'<text x="{_f(x)}" y="{_f(y + 4.5)}" text-anchor="middle" class="score" '
        f'fill="{text_colour(s)}">{s}</text>'
    )
    out.append("</g>")
    return out


def _label(p: _Placed, comparing: bool) -> str:
    """The name and its change, drawn after every node so no node covers a name; beyond
    where the tie stood before when it has moved closer, so the arrow of its move runs
    between the name and the node rather than through the name."""
    a, s = p.now, p.now.score
    stale = comparing and p.movement is Movement.NOT_REASSESSED
    radius = ring_radius(a.closeness)
    if comparing and (before := _stood_before(p)) is not None:
        radius = max(radius, ring_radius(before.closeness))
    lx, ly = _point(p.angle, radius + NODE_R + 9)
    anchor = _label_anchor(p.angle)
    ly += 4 + (8 if math.sin(p.angle) > 0.7 else -4 if math.sin(p.angle) < -0.7 else 0)
    note = ""
    if comparing:
        if p.movement is Movement.NEW:
            note = " · new"
        elif stale:
            note = " · not reassessed"
        elif p.then is not None:
            delta = s - p.then.score
            note = f" · {'+' if delta > 0 else '−' if delta < 0 else '±'}{abs(delta)}"
    name = p.tie.name if len(p.tie.name) <= LABEL_MAX else p.tie.name[: LABEL_MAX - 1] + "…"
    fade = ' opacity="0.6"' if stale else ""
    return (
        f'<text x="{_f(lx)}" y="{_f(ly)}" text-anchor="{anchor}" class="name" '
        f'data-tie="{escape(p.tie.key)}"{fade}>'
        f'{escape(name)}<tspan class="note">{escape(note)}</tspan></text>'
    )


def _stood_before(p: _Placed) -> Assessment | None:
    """Where a tie stood at the earlier date, if it was assessed at both."""
    if p.then is None or p.movement in (Movement.NEW, Movement.NOT_REASSESSED):
        return None
    return p.then


def _ghost(p: _Placed) -> list[str]:
    before = _stood_before(p)
    if before is None:
        return []
    x0, y0 = _point(p.angle, ring_radius(before.closeness))
    x1, y1 = _point(p.angle, ring_radius(p.now.closeness))
    out = [
        f'<circle class="ghost" cx="{_f(x0)}" cy="{_f(y0)}" r="{NODE_R - 3}" fill="'
        f'{score_colour(before.score)}" fill-opacity="0.25" stroke="#52525b" '
        f'stroke-dasharray="3 3"/>'
    ]
    dist = math.hypot(x1 - x0, y1 - y0)
    if dist > 2 * NODE_R:
        ux, uy = (x1 - x0) / dist, (y1 - y0) / dist
        sx, sy = x0 + ux * (NODE_R - 1), y0 + uy * (NODE_R - 1)
        ex, ey = x1 - ux * (NODE_R + 4), y1 - uy * (NODE_R + 4)
        out.append(
            f'<line x1="{_f(sx)}" y1="{_f(sy)}" x2="{_f(ex)}" y2="{_f(ey)}" stroke="#52525b" '
            f'stroke-width="1.5" marker-end="url(#arrow)"/>'
        )
    return out


def _rings() -> list[str]:
    out = []
    for closeness in range(RATING_MAX, -1, -1):
        r = ring_radius(closeness)
        out.append(
            f'<circle cx="{CX}" cy="{CY}" r="{r}" fill="none" stroke="#e4e4e7" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{CX}" y="{_f(CY - r - 3)}" text-anchor="middle" class="ring">'
            f"{RING_LABELS[RATING_MAX - closeness]}</text>"
        )
    return out


def _legend(comparing: bool) -> list[str]:
    x = 820
    out = [f'<g class="legend" transform="translate({x},40)">']
    out.append('<text x="0" y="0" class="legend-head">Growth-fostering score</text>')
    for i in range(0, 101, 5):
        out.append(f'<rect x="{i * 2}" y="10" width="11" height="12" fill="{score_colour(i)}"/>')
    out.append('<text x="0" y="38" class="legend-small">0</text>')
    out.append('<text x="100" y="38" text-anchor="middle" class="legend-small">50</text>')
    out.append('<text x="206" y="38" text-anchor="end" class="legend-small">100</text>')
    rows = [
        ("", f"growth-fostering ({GROWTH_FOSTERING_MIN}+)", 5.5),
        (' stroke-dasharray="8 5"', "mixed", 3.5),
        (
            ' stroke-dasharray="2 5" stroke-linecap="round"',
            f"disconnecting (≤{DISCONNECTING_MAX})",
            2.5,
        ),
    ]
    y = 62
    for dash, label, w in rows:
        out.append(
            f'<line x1="0" y1="{y}" x2="40" y2="{y}" stroke="#3f3f46" stroke-width="{w}"{dash}/>'
        )
        out.append(f'<text x="50" y="{y + 4}" class="legend-text">{label}</text>')
        y += 22
    y += 6
    out.append(f'<polygon points="20,{y - 7} 27,{y + 6} 13,{y + 6}" fill="#27272a"/>')
    out.append(f'<text x="50" y="{y + 4}" class="legend-text">power-over, pointing at</text>')
    out.append(f'<text x="50" y="{y + 19}" class="legend-text">the one held under it</text>')
    y += 38
    out.append(f'<circle cx="20" cy="{y}" r="6" fill="#fff" stroke="#27272a" stroke-width="2"/>')
    out.append(f'<text x="50" y="{y + 4}" class="legend-text">power-with</text>')
    y += 24
    out.append(f'<circle cx="20" cy="{y}" r="10" fill="none" stroke="#3f3f46" stroke-width="2"/>')
    out.append(f'<circle cx="20" cy="{y}" r="6" fill="#3f3f46"/>')
    out.append(f'<text x="50" y="{y + 4}" class="legend-text">the therapeutic relationship</text>')
    y += 28
    out.append(f'<text x="0" y="{y}" class="legend-text">Rings: how close it feels</text>')
    out.append(f'<text x="0" y="{y + 16}" class="legend-text">(nearer the centre = closer)</text>')
    if comparing:
        y += 42
        out.append(
            f'<circle cx="20" cy="{y}" r="10" fill="#a1a1aa" fill-opacity="0.25" '
            f'stroke="#52525b" stroke-dasharray="3 3"/>'
        )
        out.append(f'<text x="50" y="{y + 4}" class="legend-text">where it stood before</text>')
        y += 24
        out.append(
            f'<line x1="4" y1="{y}" x2="34" y2="{y}" stroke="#52525b" stroke-width="1.5" '
            f'marker-end="url(#arrow)"/>'
        )
        out.append(
            f'<text x="50" y="{y + 4}" class="legend-text">how it moved; ± score change</text>'
        )
    out.append("</g>")
    return out


_STYLE = (
    "<style>"
    "text{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;fill:#27272a}"
    ".score{font-size:12px;font-weight:700}"
    ".name{font-size:13px;font-weight:600;paint-order:stroke;stroke:#fff;stroke-width:4px}"
    ".note{font-weight:500;fill:#52525b}"
    ".ring{font-size:10px;fill:#a1a1aa;letter-spacing:.04em;paint-order:stroke;stroke:#fff;stroke-width:3px}"
    ".legend-head{font-size:13px;font-weight:700}"
    ".legend-text{font-size:12px;fill:#3f3f46}"
    ".legend-small{font-size:10px;fill:#71717a}"
    ".client{font-size:13px;font-weight:700;fill:#fff}"
    "</style>"
)


def render_map(
    client_label: str,
    ties: list[Tie],
    change: MapChange,
    *,
    comparing: bool,
) -> str:
    """The map as of `change.after.on`, with movement since `change.before.on` if comparing."""
    placed = _place(ties, change)
    after: date = change.after.on
    if comparing:
        heading = f"{client_label}: relational map, {change.before.on:%d %b %Y} → {after:%d %b %Y}"
    else:
        heading = f"{client_label}: relational map as of {after:%d %b %Y}"
    desc = (
        f"{len(placed)} relationships; {change.after.growth_fostering} growth-fostering, "
        f"{change.after.power_over} leaning power-over."
    )
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-labelledby="map-title map-desc" class="relational-map">',
        f'<title id="map-title">{escape(heading)}</title>',
        f'<desc id="map-desc">{escape(desc)}</desc>',
        _STYLE,
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
        'fill="#52525b"/></marker></defs>',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#fff"/>',
    ]
    out += _rings()
    if comparing:
        for p in placed:
            out += _ghost(p)
    for p in placed:
        out += _edge(p)
    out.append(f'<circle cx="{CX}" cy="{CY}" r="{CLIENT_R}" fill="#3f3f46"/>')
    short = client_label if len(client_label) <= 9 else client_label[:8] + "…"
    out.append(
        f'<text x="{CX}" y="{CY + 4.5}" text-anchor="middle" class="client">{escape(short)}</text>'
    )
    for p in placed:
        out += _node(p, comparing)
    out += [_label(p, comparing) for p in placed]
    if not placed:
        out.append(
            f'<text x="{CX}" y="{CY + 70}" text-anchor="middle" class="legend-text">'
            "No relationships assessed by this date yet.</text>"
        )
    out += _legend(comparing)
    out.append("</svg>")
    return "\n".join(out)
