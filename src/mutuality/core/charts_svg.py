"""Progress charts as SVG: a scale over time with its bands shaded, reliable-change
markers and dated annotations; small multiples; paired lines.

Server-side, so the same picture serves the clinician's page, the client's view and a
report. Every chart has a title and a description for screen readers, and a table of
the same figures sits beside it on the page.
"""

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from xml.sax.saxutils import escape

BAND_FILLS_WORSE = ("#eef6f4", "#f6f3e4", "#f9ecd9", "#f8e1d9", "#f3d3cf", "#eec5c0")
LINE = "#1f7a6d"
SECOND = "#b07d12"


@dataclass(frozen=True, slots=True)
class Series:
    label: str
    points: tuple[tuple[date, float], ...]
    colour: str = LINE
    dashed: bool = False


@dataclass(frozen=True, slots=True)
class Marker:
    on: date
    value: float
    kind: str  # "improved" or "deteriorated"


@dataclass(frozen=True, slots=True)
class Chart:
    title: str
    series: tuple[Series, ...]
    low: float
    high: float
    bands: tuple[tuple[float, str], ...] = ()
    higher_is_worse: bool = True
    markers: tuple[Marker, ...] = ()
    annotations: tuple[tuple[date, str], ...] = ()
    width: int = 720
    height: int = 230
    note: str = ""


BAND_CHAR_WIDTH = 5.8  # px per character of a band label at 10px, generously


def _f(x: float) -> str:
    return f"{x:.1f}"


# English month abbreviations, as strftime's %b prints them (also the pages' `day` filter).
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@lru_cache(maxsize=8192)  # a page's charts label the same days: its sessions, its weeks
def _day(d: date) -> str:
    """`d` as "05 Mar 2026" (what strftime's "%d %b %Y" prints in English, at a fraction
    of its cost: a chart of five years labels hundreds of points)."""
    return f"{d.day:02d} {MONTHS[d.month - 1]} {d.year}"


def render_chart(c: Chart) -> str:
    # Band labels sit in a margin right of the plot, where no point can cover them.
    right = 16 if not c.bands else 16 + round(BAND_CHAR_WIDTH * max(len(b) for _, b in c.bands))
    left, top, bottom = 44, (48 if len(c.series) > 1 else 30), 34
    w, h = c.width - left - right, c.height - top - bottom
    dates = sorted({d for s in c.series for d, _ in s.points})
    start, end = (dates[0], dates[-1]) if dates else (date.today(), date.today())
    span = max((end - start).days, 1)

    spread = len(dates) > 1
    low, rise = c.low, c.high - c.low or 1
    first = start.toordinal()

    def x(d: date) -> float:
        return left + w * ((d.toordinal() - first) / span if spread else 0.5)

    def y(v: float) -> float:
        return top + h * (1 - (v - low) / rise)

    # Each day's and each value's place printed once: a chart's series share their days,
    # and scores repeat (a few whole numbers), where a year of points is hundreds of places.
    xs: dict[date, tuple[str, str]] = {}  # place across, the day as printed
    ys: dict[float, tuple[str, str]] = {}  # place up, the value as printed

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {c.width} {c.height}" role="img" '
        f'class="chart" aria-label="{escape(c.title)}">',
        f"<title>{escape(c.title)}</title>",
        "<desc>"
        + escape(
            "; ".join(
                f"{s.label}: " + ", ".join(f"{_day(d)} {v:g}" for d, v in s.points[-6:])
                for s in c.series
            )
        )
        + "</desc>",
        "<style>text{font:11px system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;fill:#52525b}"
        ".t{font-size:13px;font-weight:700;fill:#27272a}.b{font-size:10px;fill:#71717a}</style>",
        f'<rect width="{c.width}" height="{c.height}" fill="#fff"/>',
        f'<text x="{left}" y="18" class="t">{escape(c.title)}</text>',
    ]
    fills = BAND_FILLS_WORSE if c.higher_is_worse else tuple(reversed(BAND_FILLS_WORSE))
    for n, (lower, label) in enumerate(c.bands):
        upper = c.bands[n + 1][0] if n + 1 < len(c.bands) else c.high
        y0, y1 = y(min(upper, c.high)), y(max(lower, c.low))
        fill = fills[min(n, len(fills) - 1)]
        out.append(
            f'<rect x="{left}" y="{_f(y0)}" width="{w}" height="{_f(y1 - y0)}" fill="{fill}"/>'
        )
        out.append(f'<text x="{left + w + 10}" y="{_f(y1 - 4)}" class="b">{escape(label)}</text>')
    for v in (c.low, (c.low + c.high) / 2, c.high):
        out.append(
            f'<line x1="{left}" x2="{left + w}" y1="{_f(y(v))}" y2="{_f(y(v))}" stroke="#e4e4e7"/>'
        )
        out.append(f'<text x="{left - 6}" y="{_f(y(v) + 4)}" text-anchor="end">{v:g}</text>')
    labels: dict[str, str] = {}  # escaped once: a year of sessions repeats "session"
    down = f'" y1="{top}" y2="{top + h}" stroke="#a1a1aa" stroke-dasharray="3 3"><title>'
    for d, label in c.annotations:
        if start <= d <= end:
            if (place := xs.get(d)) is None:
                place = xs[d] = (f"{x(d):.1f}", _day(d))
            if (shown := labels.get(label)) is None:
                shown = labels[label] = escape(label)
            across, when = place
            out.append(f'<line x1="{across}" x2="{across}{down}{shown} {when}</title></line>')
    if dates:
        out.append(f'<text x="{left}" y="{c.height - 12}">{_day(start)}</text>')
        if len(dates) > 1:
            out.append(
                f'<text x="{left + w}" y="{c.height - 12}" text-anchor="end">{_day(end)}</text>'
            )
    for s in c.series:
        if not s.points:
            continue
        radius = "3.2" if len(s.points) < 60 else "1.8"
        # what follows a point's place up in its circle, to the day in its title
        rest = f'" r="{radius}" fill="{s.colour}"><title>{escape(s.label)} '
        moves, dots = [], []
        for d, v in s.points:
            if (place := xs.get(d)) is None:
                place = xs[d] = (f"{x(d):.1f}", _day(d))
            if (level := ys.get(v)) is None:
                level = ys[v] = (f"{y(v):.1f}", f"{v:g}")
            (cx, when), (cy, shown) = place, level
            moves.append(f"{cx},{cy}")
            dots.append(
                f'<circle class="point" cx="{cx}" cy="{cy}{rest}{when}: {shown}</title></circle>'
            )
        dash = ' stroke-dasharray="6 4"' if s.dashed else ""
        path = " L".join(moves)
        out.append(f'<path d="M{path}" fill="none" stroke="{s.colour}" stroke-width="2.2"{dash}/>')
        out.extend(dots)
    for m in c.markers:
        colour = "#15803d" if m.kind == "improved" else "#b4443c"
        out.append(
            f'<circle class="rc-{m.kind}" cx="{_f(x(m.on))}" cy="{_f(y(m.value))}" r="7" '
            f'fill="none" '
            f'stroke="{colour}" stroke-width="2"><title>reliable {m.kind} since the first score'
            f"</title></circle>"
        )
    if len(c.series) > 1:  # the legend sits under the title, left-aligned
        lx = float(left)
        for s in c.series:
            dash = ' stroke-dasharray="6 4"' if s.dashed else ""
            out.append(
                f'<line x1="{lx:.1f}" x2="{lx + 22:.1f}" y1="{top - 8}" y2="{top - 8}" '
                f'stroke="{s.colour}" stroke-width="2.2"{dash}/>'
            )
            out.append(f'<text x="{lx + 28:.1f}" y="{top - 4}">{escape(s.label)}</text>')
            lx += 48 + 6.4 * len(s.label)
    if not dates:
        out.append(
            f'<text x="{left + w / 2}" y="{top + h / 2}" text-anchor="middle">No scores yet.</text>'
        )
    if c.note:
        out.append(
            f'<text x="{left + w}" y="18" text-anchor="end" class="b">{escape(c.note)}</text>'
        )
    out.append("</svg>")
    return "\n".join(out)
