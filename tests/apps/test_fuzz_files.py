"""Fuzzed files, for every reader of outside data: the transcript parsers, the FHIR
Questionnaire importer and the CSV scoring path. Hypothesis mixes real files' structure
with damage (cut, doubled, retyped, random bytes); each reader either returns its result
or raises Mutuality's own error with a message — never another exception — and a refused
import leaves nothing saved."""

import copy
import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mutuality.cli.scorefile import score_file
from mutuality.core.errors import MutualityError
from mutuality.core.measures import built_in
from mutuality.core.transcripts.parsers import parse
from mutuality.measures.fhir import questionnaire_to_instrument

FIXTURES = Path(__file__).parents[1] / "fixtures"
TRANSCRIPTS = sorted((FIXTURES / "transcripts").iterdir())
QUESTIONNAIRE = json.loads((FIXTURES / "questionnaire-rest.json").read_text())
FAST = settings(max_examples=150, deadline=None, derandomize=True)


def attempt(read: Any, *args: Any) -> tuple[Any, MutualityError | None]:
    """What a reader returned, or Mutuality's own error; any other exception propagates."""
    try:
        return read(*args), None
    except MutualityError as e:
        return None, e


@st.composite
def damaged(draw: st.DrawFn, original: bytes) -> bytes:
    """A real file with a few cuts, repeats, insertions and byte flips."""
    data = bytearray(original)
    for _ in range(draw(st.integers(0, 6))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        kind = draw(st.sampled_from(["cut", "repeat", "insert", "flip"]))
        if kind == "cut":
            del data[at : at + draw(st.integers(1, 200))]
        elif kind == "repeat":
            data[at:at] = data[at : at + draw(st.integers(1, 200))]
        elif kind == "insert":
            data[at:at] = draw(st.binary(max_size=40))
        else:
            data[at] = draw(st.integers(0, 255))
    return bytes(data)


@pytest.mark.parametrize("path", TRANSCRIPTS, ids=[p.name for p in TRANSCRIPTS])
def test_a_damaged_transcript_parses_or_says_what_is_wrong(path: Path) -> None:
    @FAST
    @given(damaged(path.read_bytes()), st.sampled_from([None, "txt", "vtt", "srt", "json"]))
    def check(data: bytes, fmt: str | None) -> None:
        transcript, error = attempt(parse, data, path.name, fmt)
        if error:
            assert str(error)
        else:
            assert all(u.text.strip() for u in transcript.utterances)

    check()


@FAST
@given(st.one_of(st.binary(max_size=3000), st.text(max_size=3000)))
def test_random_input_parses_or_says_what_is_wrong(data: bytes | str) -> None:
    for name in ("x.txt", "x.vtt", "x.srt", "x.json"):
        _, error = attempt(parse, data, name)
        assert error is None or str(error)


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, (*prefix, i))
    return out


PATHS = _paths(QUESTIONNAIRE)[1:]


@st.composite
def damaged_questionnaire(draw: st.DrawFn) -> Any:
    """The real Questionnaire with some of its values replaced or removed."""
    data = copy.deepcopy(QUESTIONNAIRE)
    for path in draw(st.lists(st.sampled_from(PATHS), max_size=4)):
        parent = data
        try:
            for step in path[:-1]:
                parent = parent[step]
            if draw(st.booleans()) and isinstance(parent, dict):
                parent.pop(path[-1], None)
            else:
                parent[path[-1]] = draw(JSONISH)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change removed this path
    return data


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.one_of(damaged_questionnaire(), JSONISH))
def test_a_damaged_questionnaire_imports_or_says_what_is_wrong(data: Any) -> None:
    result, error = attempt(questionnaire_to_instrument, data)
    if error:
        assert str(error)
    else:
        assert result[0].item_keys


@pytest.mark.django_db
@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(damaged(json.dumps(QUESTIONNAIRE).encode()))
def test_a_refused_upload_saves_nothing(alice, client, raw: bytes) -> None:
    from mutuality.measures.models import ImportedInstrument

    client.force_login(alice)
    upload = io.BytesIO(raw)
    upload.name = "q.json"
    before = ImportedInstrument.objects.count()
    response = client.post("/instruments/import/", {"file": upload})
    assert response.status_code in (200, 302, 400)
    if response.status_code == 400:
        assert ImportedInstrument.objects.count() == before
    ImportedInstrument.objects.all().delete()


PHQ9 = built_in("phq9")
CELL = st.one_of(
    st.sampled_from(["0", "1", "2", "3", "", " 2 ", "4", "-1", "1.5", "x", "NaN"]),
    st.text(max_size=6),
)


@FAST
@given(
    st.lists(st.sampled_from([*PHQ9.item_keys, "id", "", "q1"]), max_size=12),
    st.lists(st.lists(CELL, max_size=12), max_size=20),
)
def test_a_scoring_file_scores_or_says_which_row_is_wrong(
    header: list[str], rows: list[list[str]]
) -> None:
    import csv

    text = io.StringIO()
    csv.writer(text).writerows([header, *rows])
    n, error = attempt(score_file, PHQ9, io.StringIO(text.getvalue()), io.StringIO())
    if error:
        assert str(error)
    else:
        assert n == len(rows)
