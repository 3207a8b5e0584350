"""`mutuality score`: JSON for one administration, CSV or JSON lines for a research file."""

import csv
import io
import json

import pytest

from mutuality.cli import main


def run(capsys, *argv):
    code = main(["score", *argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_it_scores_answers_given_on_the_command_line(capsys):
    code, out, _ = run(capsys, "phq9", "--answers", "1,2,0,,3,1,1,2,1")
    assert code == 0
    result = json.loads(out)
    assert result["instrument"] == "phq9"
    assert result["validation"] == "validated"
    assert result["scales"] == [
        {
            "scale": "total",
            "raw": 12.38,
            "band": "moderate",
            "answered": 8,
            "items": 9,
            "prorated": True,
            "refused": None,
        }
    ]
    assert result["risk_items"] == ["q9"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["phq9", "--answers", "1,2,3"], "PHQ-9 has 9 items; got 3 answers"),
        (["phq9", "--answers", "1,2,0,0,0,0,0,0,x"], "answer 9 ('q9'): 'x' is not a whole number"),
        (
            ["phq9", "--answers", "4,0,0,0,0,0,0,0,0"],
            "item 'q1' (1. interest or pleasure): 4 is not an answer code",
        ),
        (["bdi", "--answers", "1"], "no instrument called 'bdi'"),
    ],
)
def test_it_explains_bad_answers_and_exits_2(capsys, db, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert message in err


def write(tmp_path, text):
    path = tmp_path / "in.csv"
    path.write_text(text)
    return path


def test_it_scores_a_csv_file_row_by_row(capsys, tmp_path):
    src = write(
        tmp_path,
        "id,q1,q2,q3,q4,q5,q6,q7,q8,q9,q10\nA,0,0,0,0,0,0,0,0,0,0\nB,2,2,2,,2,0,2,2,2,2\nC,,,1,1,1,1,1,1,1,1\n",
    )
    out = tmp_path / "out.csv"
    code, _, err = run(capsys, "core10", "--csv", str(src), "--output", str(out))
    assert code == 0
    assert "Scored 3 rows of CORE-10" in err
    rows = list(csv.DictReader(out.open()))
    assert [
        (r["id"], r["total"], r["total_band"], r["total_prorated"], r["total_refused"])
        for r in rows
    ] == [
        ("A", "8", "low level", "no", "no"),
        ("B", "17.78", "moderate", "yes", "no"),
        ("C", "", "", "no", "yes"),
    ]


def test_it_writes_json_lines_when_asked(capsys, tmp_path):
    src = write(tmp_path, "q1,q2,q3\n1,2,3\n")
    code, out, _ = run(capsys, "loneliness3", "--csv", str(src), "--format", "json")
    assert code == 0
    assert json.loads(out) == {
        "q1": "1",
        "q2": "2",
        "q3": "3",
        "total": "6",
        "total_band": "lonely",
        "total_prorated": "no",
        "total_refused": "no",
    }


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the file is empty"),
        ("q1,q2\n1,1\n", "missing columns for Three-item loneliness scale: q3"),
        (
            "q1,q2,q3\n1,1,1\n1,4,1\n",
            "row 3, item 'q2': 4 is not an answer code (allowed: 1, 2, 3)",
        ),
        ("q1,q2,q3\n1,1,1\n1,one,1\n", "row 3, item 'q2': 'one' is not a number"),
        ("q1,q2,q3\n1,1\n", "row 2: too few columns"),
    ],
)
def test_it_names_the_row_and_item_of_a_bad_file(capsys, tmp_path, text, message):
    code, _, err = run(
        capsys,
        "loneliness3",
        "--csv",
        str(write(tmp_path, text)),
        "--output",
        str(tmp_path / "o.csv"),
    )
    assert code == 2
    assert message in err


def test_it_says_when_the_file_is_missing(capsys, tmp_path):
    code, _, err = run(capsys, "phq9", "--csv", str(tmp_path / "nope.csv"))
    assert code == 2
    assert "no such file" in err


def test_it_scores_large_files_in_chunks(capsys, tmp_path, monkeypatch):
    from mutuality.cli import scorefile

    monkeypatch.setattr(scorefile, "CHUNK", 7)
    body = "".join(f"{n % 4},{(n + 1) % 4},0,0,0,0,0\n" for n in range(50))
    src = write(tmp_path, "q1,q2,q3,q4,q5,q6,q7\n" + body)
    code, out, _ = run(capsys, "gad7", "--csv", str(src))
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0
    assert len(rows) == 50
    assert [r["total"] for r in rows[:4]] == ["1", "3", "5", "3"]
