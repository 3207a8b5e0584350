"""Synthetic session talk with known identifiers, for measuring de-identification.

Everything here is invented. Each sentence comes with the exact spans of the identifiers
it contains, so recall and precision can be computed; some sentences hold capitalised
words that are not identifiers, to keep precision honest.
"""

import random
import re
from dataclasses import dataclass

NAMES = (
    "Marcus",
    "Priya",
    "Tomasz",
    "Aisha",
    "Joaquín",
    "Siobhan",
    "Kwame",
    "Mei",
    "Dmitri",
    "Fatima",
    "Oliver",
    "Ngozi",
    "Hamish",
    "Leila",
    "Sven",
    "Rosa",
    "Tariq",
    "Imogen",
    "Kenji",
    "Chiara",
    "Declan",
    "Yusuf",
    "Beatriz",
    "Callum",
)
PLACES = (
    "Leeds",
    "Bristol",
    "Glasgow",
    "Cardiff",
    "Manchester",
    "Lagos",
    "Krakow",
    "Toronto",
    "Brighton",
    "Dundee",
    "Sheffield",
    "Porto",
    "Norwich",
    "Belfast",
)
TEMPLATES = (
    "I finally told {NAME} how I felt about it.",
    "My sister moved to {PLACE} last spring and I miss her.",
    "We met on {DATE} and it went badly.",
    "You can reach me on {PHONE} if the link fails.",
    "I emailed {EMAIL} but nobody answered.",
    "There is a support page at {URL} that helped.",
    "The letter had my reference {ID} on it.",
    "{NAME} keeps saying I should just get over it.",
    "It was at the café in {PLACE} where {NAME} and I used to meet.",
    "The appointment is on {DATE}, so we can talk before then.",
    "When I was back in {PLACE}, I felt like a stranger.",
    "My manager {NAME} copied everyone on the email.",
    "I wrote the number down, {PHONE}, but I never called.",
    "Honestly, {NAME} is the only one who asks how I am.",
    "I grew up near {PLACE} and left when I was eighteen.",
    "The hearing is set for {DATE} at the county court.",
    "Text me at {PHONE} or write to {EMAIL}.",
    "I saw {NAME} and {NAME} at the party and hid in the kitchen.",
)
DISTRACTORS = (
    "I watched Netflix all weekend and did not call anyone.",
    "On Sunday I went to Church with Mum and felt nothing.",
    "I told my GP about the panic on Monday.",
    "We speak Polish at home and English at work.",
    "I keep thinking about what happened at Christmas.",
    "Dad says I am too sensitive, and maybe he is right.",
    "I had a bad night and then a worse morning.",
    "It was hard. Really hard, if I am honest.",
    "Work is hard and home is not much easier.",
    "Everything was grey for weeks.",
    "Things said at work still hurt.",
    "Nobody called, and I did not expect them to.",
    "Life has been heavy since the move.",
    "People keep telling me to be grateful.",
    "Home was never somewhere I could rest.",
    "Something shifted when I said it out loud.",
)


@dataclass(frozen=True, slots=True)
class Labelled:
    text: str
    spans: tuple[tuple[int, int, str], ...]


def _value(kind: str, rng: random.Random) -> str:
    if kind == "NAME":
        return rng.choice(NAMES)
    if kind == "PLACE":
        return rng.choice(PLACES)
    if kind == "DATE":
        month = rng.choice(("March", "June", "October", "January", "August"))
        return rng.choice(
            (
                f"{rng.randint(1, 28)} {month} {rng.randint(2019, 2026)}",
                f"{month} {rng.randint(1, 28)}th",
                f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/2025",
            )
        )
    if kind == "PHONE":
        return rng.choice(
            (
                f"07{rng.randint(100, 999)} {rng.randint(100000, 999999)}",
                f"+44 20 {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}",
                f"555-{rng.randint(100, 999)}-{rng.randint(1000, 9999)}",
            )
        )
    if kind == "EMAIL":
        return f"{rng.choice(NAMES).lower()}.{rng.randint(1, 99)}@example.org"
    if kind == "URL":
        return f"https://www.example.net/help/{rng.randint(100, 999)}"
    return f"{rng.choice(('AB', 'QX', 'ZR'))}{rng.randint(100000, 999999)}{rng.choice('ABCD')}"


def corpus(n: int, seed: int = 20261122) -> list[Labelled]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        if rng.random() < 0.25:
            out.append(Labelled(rng.choice(DISTRACTORS), ()))
            continue
        template = rng.choice(TEMPLATES)
        text, spans, last = "", [], 0
        for m in re.finditer(r"\{(\w+)\}", template):
            text += template[last : m.start()]
            value = _value(m.group(1), rng)
            spans.append((len(text), len(text) + len(value), m.group(1)))
            text += value
            last = m.end()
        text += template[last:]
        out.append(Labelled(text, tuple(spans)))
    return out
