"""First names for de-identification, beyond the names on the record and the map.

The list is the project's own small artifact (`models/first-names.txt`), built once by
`python -m mutuality.analysis.namelist` from the US Census Bureau's 1990 first-name files
(public domain; as packaged in `names`, MIT) — 5,163 names. Names that are more often
an everyday English word than a name are left out (`will`, `may`, `hope`, `long`): a name
stays when its English word frequency (wordfreq, Apache-2.0) is below AMBIGUITY times
its share of people. The list is US-centred: names from elsewhere are caught only by the
other rules. Large multi-country lists exist, but were built from leaked social-network
data, which a privacy tool should not ship.
"""

import argparse
from functools import cache
from pathlib import Path

HERE = Path(__file__).parent / "models"
FILE = HERE / "first-names.txt"
AMBIGUITY = 0.05


def build(out: Path = FILE) -> int:
    import names  # development-only dependencies
    from wordfreq import word_frequency

    census = Path(names.__file__).parent
    share: dict[str, float] = {}
    for part in ("dist.male.first", "dist.female.first"):
        for line in (census / part).read_text().splitlines():
            name, percent, *_ = line.split()
            key = name.lower()
            share[key] = max(share.get(key, 0.0), float(percent) / 100 / 2)
    kept = sorted(
        n for n, s in share.items() if len(n) > 2 and word_frequency(n, "en") < AMBIGUITY * s
    )
    out.write_text("\n".join(kept) + "\n")
    return len(kept)


@cache
def first_names() -> frozenset[str]:
    return frozenset(FILE.read_text().split())


if __name__ == "__main__":
    argparse.ArgumentParser(description=__doc__).parse_args()
    print(f"{build()} first names written to {FILE}")
