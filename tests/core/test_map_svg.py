"""The map picture is well-formed SVG that shows every relationship and its marks."""

import math
import xml.etree.ElementTree as ET
from datetime import date

from mutuality.core.map_svg import CX, CY, NODE_R, render_map, score_colour
from mutuality.core.rct.vocabulary import Power, PowerDirection, RelationshipKind
from mutuality.core.relational_map import Assessment, Tie, compare

NS = {"svg": "http://www.w3.org/2000/svg"}
D1, D2 = date(2026, 1, 1), date(2026, 6, 1)
TIES = [
    Tie("1", "Mum <& co>", RelationshipKind.FAMILY),
    Tie("2", "Boss", RelationshipKind.WORK),
    Tie("3", "Therapy", RelationshipKind.THERAPY),
]
HISTORY = [
    Assessment("1", D1, 1, 1, 1, 1),
    Assessment("1", D2, 3, 3, 3, 4, Power.WITH),
    Assessment("2", D1, 0, 0, 0, 1, Power.OVER, PowerDirection.OTHER_OVER_CLIENT),
    Assessment("3", D2, 3, 3, 3, 3, Power.MOSTLY_WITH),
]


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def test_it_draws_one_node_per_relationship_with_escaped_names():
    root = parse(render_map("Quinn", TIES, compare(TIES, HISTORY, D2, D2), comparing=False))
    names = [str(g.get("data-tie")) for g in root.iterfind(".//svg:g[@class='tie']", NS)]
    assert sorted(names) == ["1", "2", "3"]
    assert "Mum <& co>" in "".join(root.itertext())
    assert root.get("role") == "img"
    title = root.find("svg:title", NS)
    assert title is not None
    assert title.text == "Quinn: relational map as of 01 Jun 2026"


def test_it_marks_power_over_and_power_with():
    root = parse(render_map("Quinn", TIES, compare(TIES, HISTORY, D2, D2), comparing=False))
    assert len(root.findall(".//svg:polygon[@class='power-over']", NS)) == 1
    assert len(root.findall(".//svg:circle[@class='power-with']", NS)) == 2


def test_it_shows_where_relationships_stood_before_in_a_comparison():
    svg = render_map("Quinn", TIES, compare(TIES, HISTORY, D1, D2), comparing=True)
    root = parse(svg)
    assert len(root.findall(".//svg:circle[@class='ghost']", NS)) == 1  # only Mum moved
    text = "".join(root.itertext())
    assert "Therapy · new" in text
    assert "Boss · not reassessed" in text
    assert "Mum <& co> · +" in text
    assert "01 Jan 2026 → 01 Jun 2026" in text


def test_it_says_so_when_nothing_is_assessed_yet():
    svg = render_map(
        "Quinn", TIES, compare(TIES, HISTORY, date(2025, 1, 1), date(2025, 1, 1)), comparing=False
    )
    assert "No relationships assessed by this date yet." in svg


def test_it_colours_scores_from_brick_through_ochre_to_teal():
    assert score_colour(0) == "#b4443c"
    assert score_colour(50) == "#c9a227"
    assert score_colour(100) == "#1f7a6d"
    assert score_colour(-5) == score_colour(0)
    assert score_colour(140) == score_colour(100)


def test_it_picks_readable_text_on_every_score_colour():
    from mutuality.core.map_svg import text_colour

    def contrast(score: int) -> float:
        def lum(hex_colour: str) -> float:
            cs = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
            lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in cs]
            return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

        a, b = lum(score_colour(score)), lum(text_colour(score))
        return (max(a, b) + 0.05) / (min(a, b) + 0.05)

    assert text_colour(50) == "#000000"  # ochre needs dark text
    assert text_colour(0) == "#ffffff"
    assert min(contrast(s) for s in range(101)) >= 4.5


def test_a_tie_that_moved_closer_is_named_beyond_where_it_stood_before():
    """The arrow of its move then runs between its name and its node, not through its name."""
    root = parse(render_map("Quinn", TIES, compare(TIES, HISTORY, D1, D2), comparing=True))
    ghost = root.find(".//svg:circle[@class='ghost']", NS)
    mum = root.find(".//svg:text[@data-tie='1']", NS)
    assert ghost is not None  # Mum moved from closeness 1 to 4
    assert mum is not None
    name_at = from_centre(mum.get("x"), mum.get("y"))
    assert name_at > from_centre(ghost.get("cx"), ghost.get("cy")) + NODE_R


def from_centre(x: str | None, y: str | None) -> float:
    return math.hypot(float(x or 0) - CX, float(y or 0) - CY)
