"""De-identification on real speech: recall per kind of identifier, and over-redaction.

Carriers are real counselling utterances no one on the team wrote (AnnoMI transcripts in
../shared/data, research use). Into a sample of them an identifier of a person or place the
record does not know is injected — a name, a phone number, a street address, a town, an
e-mail address or a date — drawn by Faker in eight locales, in one of several sentence
shapes, and in a third of cases lowercased without punctuation as speech-to-text writes.

- recall: share of injected identifiers whose every character is inside a placeholder;
- over-redaction: placeholders per 1,000 words of the untouched utterances (an upper bound:
  the demonstration videos' own first names count against it).

Transcripts are split by id: one in five is the test split, never used to choose anything;
`--split tune` reads the others. Prints JSON.

Run: .venv/bin/python bench/deid_real.py [--split test|tune] [--per-kind 400]
"""

import argparse
import csv
import json
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from faker import Faker

from mutuality.analysis.namelist import first_names
from mutuality.analysis.placelist import places
from mutuality.core.transcripts.deid import Deidentifier

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "annomi" / "annomi-dev.csv"
LOCALES = ("en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "pl_PL", "pt_BR", "it_IT")
SHAPES = {  # {x}: the identifier
    "name": [
        "I talked to my sister {x} about it.",
        "{x} said I should come here.",
        "My neighbour {x} has been helping out.",
        "I keep thinking about what {x} told me.",
        "me and {x} went out on saturday",
        "It was {x}'s idea really.",
        "I haven't spoken to {x} since the funeral.",
        "My boss, {x}, doesn't get it.",
    ],
    "phone": [
        "You can text me on {x}.",
        "My number is {x} if anything changes.",
        "call me at {x} after five",
        "The clinic gave me {x} to ring.",
    ],
    "address": [
        "We moved to {x} last spring.",
        "I'm staying at {x} for now.",
        "her flat is on {x}",
        "Send it to {x}, please.",
    ],
    "town": [
        "I grew up in {x}.",
        "We drove out to {x} for the weekend.",
        "my dad still lives in {x}",
        "{x} is where it all started.",
    ],
    "email": ["My email is {x}.", "just email {x} and they'll sort it"],
    "date": ["It happened on {x}.", "My appointment is {x}.", "since {x} things got worse"],
}


def identifier(kind: str, fake: Faker) -> str:
    value: object = {
        "name": fake.first_name,
        "phone": fake.phone_number,
        "address": fake.street_address,
        "town": fake.city,
        "email": fake.email,
        "date": lambda: fake.date_between("-5y").strftime(
            random.choice(["%d %B %Y", "%B %d", "%d/%m/%Y", "%Y-%m-%d"])
        ),
    }[kind]()  # type: ignore[no-untyped-call]
    return " ".join(str(value).split())  # Faker addresses may hold a line break


def utterances(split: str) -> list[str]:
    rows = csv.DictReader(DATA.open(encoding="utf-8"))
    out = []
    for row in rows:
        test = int(row["transcript_id"]) % 5 == 0
        if (split == "test") == test and len(row["utterance_text"].split()) >= 4:
            out.append(row["utterance_text"])
    return out


def speech_to_text(text: str) -> str:
    """Lowercase, without the punctuation that ends words or sentences (inside a token,
    as in an e-mail address or a date, it stays)."""
    return re.sub(r"[.,!?;:](?=\s|$)", "", text).lower()


def evaluate(split: str, per_kind: int, seed: int = 11) -> dict[str, object]:
    rng = random.Random(seed)
    random.seed(seed)
    carriers = utterances(split)
    fakers = {loc: Faker(loc) for loc in LOCALES}
    for n, f in enumerate(fakers.values()):
        f.seed_instance(seed + n)
    caught: Counter[str] = Counter()
    total: Counter[str] = Counter()
    by_locale: dict[str, Counter[str]] = defaultdict(Counter)
    misses: dict[str, list[str]] = defaultdict(list)
    for kind, shapes in SHAPES.items():
        for i in range(per_kind):
            locale = LOCALES[i % len(LOCALES)]
            value = identifier(kind, fakers[locale])
            sentence = rng.choice(shapes).replace("{x}", value)
            text = f"{rng.choice(carriers)} {sentence}"
            lower = rng.random() < 1 / 3
            if lower:
                text, value = speech_to_text(text), speech_to_text(value)
            start = text.rfind(value)
            end = start + len(value)
            spans = Deidentifier(first_names=first_names(), places=places()).spans(text)
            covered = set()
            for s in spans:
                covered |= set(range(max(start, s.start), min(end, s.end)))
            ok = covered >= {i for i in range(start, end) if not text[i].isspace()}
            total[kind] += 1
            caught[kind] += ok
            by_locale[locale]["total"] += 1
            by_locale[locale]["caught"] += ok
            if not ok and len(misses[kind]) < 5:
                misses[kind].append(value)
    words = placeholders = 0
    for text in carriers:
        words += len(text.split())
        placeholders += len(Deidentifier(first_names=first_names(), places=places()).spans(text))
    return {
        "benchmark": "deidentification on real speech (AnnoMI carriers, Faker identifiers)",
        "split": split,
        "carriers": len(carriers),
        "injected": sum(total.values()),
        "recall": round(sum(caught.values()) / sum(total.values()), 3),
        "recall_by_kind": {k: round(caught[k] / total[k], 3) for k in SHAPES},
        "recall_by_locale": {k: round(v["caught"] / v["total"], 3) for k, v in by_locale.items()},
        "placeholders_per_1000_clean_words": round(1000 * placeholders / words, 1),
        "examples_missed": misses,
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", choices=["test", "tune"], default="test")
    parser.add_argument("--per-kind", type=int, default=400)
    args = parser.parse_args()
    print(json.dumps(evaluate(args.split, args.per_kind), indent=2, ensure_ascii=False))
