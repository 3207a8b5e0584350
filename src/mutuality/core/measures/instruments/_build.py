"""Small builders shared by the instrument modules."""

from mutuality.core.measures.model import Item, Option


def codes(low: int, high: int, low_label: str = "", high_label: str = "") -> tuple[Option, ...]:
    """Answer codes low..high; only the ends carry a word, in Mutuality's own phrasing."""
    out = []
    for v in range(low, high + 1):
        label = str(v)
        if v == low and low_label:
            label = f"{v} · {low_label}"
        elif v == high and high_label:
            label = f"{v} · {high_label}"
        out.append(Option(v, label))
    return tuple(out)


def numbered(
    topics: tuple[str, ...], options: tuple[Option, ...], risk: dict[int, int] | None = None
) -> tuple[Item, ...]:
    """Items q1..qN identified by number and a short topic label of Mutuality's own."""
    risk = risk or {}
    return tuple(
        Item(f"q{n}", f"{n}. {topic}", options, risk_above=risk.get(n))
        for n, topic in enumerate(topics, start=1)
    )
