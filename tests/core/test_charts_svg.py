"""Progress charts label their points as strftime's "%d %b %Y" would, place each point
where the line passes through it, and name their bands where no point can cover them."""

import re
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from mutuality.core.charts_svg import Chart, Series, _day, render_chart

# Dated scores of a scale from 0 to 27, one a day at most, oldest first.
POINTS = st.lists(
    st.tuples(st.dates(date(2020, 1, 1), date(2026, 12, 31)), st.integers(0, 27)),
    min_size=1,
    max_size=40,
    unique_by=lambda p: p[0],
).map(lambda ps: tuple(sorted((d, float(v)) for d, v in ps)))


@given(st.dates(min_value=date(1000, 1, 1)))
def test_point_labels_read_as_strftime_prints_them(d):
    assert _day(d) == d.strftime("%d %b %Y")


@given(POINTS)
def test_every_point_sits_on_the_line(points):
    svg = render_chart(Chart("PHQ-9", (Series("total", points),), 0, 27))
    path = re.search(r'<path d="([^"]+)"', svg)
    assert path is not None
    vertices = re.findall(r"[ML]([\d.]+),([\d.]+)", path.group(1))
    circles = re.findall(r'<circle class="point" cx="([\d.]+)" cy="([\d.]+)"', svg)
    assert vertices == circles
    titles = re.findall(r"<title>total (\d\d \w\w\w \d{4}): ([\d.]+)</title>", svg)
    assert titles == [(d.strftime("%d %b %Y"), f"{v:g}") for d, v in points]


@given(POINTS)
def test_band_labels_sit_right_of_every_point_and_inside_the_picture(points):
    bands = ((0.0, "minimal"), (5.0, "mild"), (10.0, "moderate"), (15.0, "moderately severe"))
    svg = render_chart(Chart("PHQ-9", (Series("total", points),), 0, 27, bands=bands))
    labels = re.findall(r'<text x="([\d.]+)" y="[\d.]+" class="b">([^<]+)</text>', svg)
    assert [name for _, name in labels] == [name for _, name in bands]
    rightmost = max(float(cx) for cx in re.findall(r'<circle class="point" cx="([\d.]+)"', svg))
    for x, name in labels:
        assert float(x) > rightmost + 7  # clear of a reliable-change ring (r=7)
        assert float(x) + 5.8 * len(name) <= 720  # the chart's width


@given(POINTS, st.sampled_from(["session", "map review", "a <note> & more"]))
def test_an_event_on_a_points_day_is_drawn_through_it_and_named_with_its_day(points, label):
    outside = (date(2019, 12, 31), label)  # before the first point: not drawn
    notes = (outside, *((d, label) for d, _ in points))
    svg = render_chart(Chart("PHQ-9", (Series("total", points),), 0, 27, annotations=notes))
    lines = re.findall(r'<line x1="([\d.]+)" x2="([\d.]+)" [^>]*><title>([^<]+)</title>', svg)
    circles = re.findall(r'<circle class="point" cx="([\d.]+)"', svg)
    shown = label.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert lines == [
        (cx, cx, f"{shown} {d.strftime('%d %b %Y')}")
        for cx, (d, _) in zip(circles, points, strict=True)
    ]
