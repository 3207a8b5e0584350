"""`mutuality analyze` and `mutuality empathy` round trips."""

import csv
import json
from pathlib import Path

from mutuality.cli import main
from tests.conftest import cannot_run

FIXTURES = Path(__file__).parents[1] / "fixtures" / "transcripts"


def test_it_analyses_transcripts_to_json(capsys):
    code = main(
        ["analyze", "--json", str(FIXTURES / "session.vtt"), str(FIXTURES / "session.json")]
    )
    out = capsys.readouterr().out.splitlines()
    assert code == 0
    assert len(out) == 2
    first = json.loads(out[0])
    assert first["file"].endswith("session.vtt")
    u = first["utterances"][0]
    assert set(u) >= {"index", "speaker", "role", "start", "text", "markers", "evidence"}
    assert (u["speaker"], u["role"], u["start"]) == ("Clinician", "clinician", 1.0)
    assert set(u["markers"]) >= {
        "emotional_reactions",
        "interpretations",
        "explorations",
        "behaviour",
        "self_disclosure",
        "affirmation",
    }
    assert "[NAME-1]" in first["utterances"][1]["text"]  # 'Priya' de-identified
    assert set(first["summary"]) >= {
        "talk_share",
        "turn_share",
        "empathy",
        "ruptures",
        "client_rates",
    }
    second = json.loads(out[1])
    assert [u["role"] for u in second["utterances"]] == ["other", "other", "other"]


def test_it_takes_names_to_assign_roles(capsys):
    main(["analyze", "--json", "--clinician-name", "Ana", str(FIXTURES / "session.json")])
    result = json.loads(capsys.readouterr().out)
    assert [u["role"] for u in result["utterances"]] == ["clinician", "client", "client"]
    assert "isolation" in result["utterances"][1]["markers"]


def test_it_writes_csv_and_a_readable_table(capsys):
    main(["analyze", "--csv", str(FIXTURES / "session.srt")])
    rows = list(csv.DictReader(capsys.readouterr().out.splitlines()))
    assert len(rows) == 3
    assert rows[0]["role"] == "clinician"
    main(["analyze", str(FIXTURES / "session.txt")])
    table = capsys.readouterr().out
    assert "markers are evidence, not judgements" in table


def test_it_reports_a_bad_file_and_still_analyses_the_others(capsys, tmp_path):
    bad = tmp_path / "bad.vtt"
    bad.write_text("not a vtt\n")
    code = main(["analyze", "--json", str(bad), str(FIXTURES / "session.txt")])
    captured = capsys.readouterr()
    assert code == 2
    assert "bad.vtt: line 1: a WebVTT file must start with 'WEBVTT'" in captured.err
    assert len(captured.out.splitlines()) == 1


def test_it_adds_empathy_levels_to_a_csv(capsys, tmp_path):
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    with src.open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "seeker_post", "response_post"])
        w.writerow(
            ["1", "I feel so alone lately.", "That sounds really lonely. I'm sorry. What happened?"]
        )
        w.writerow(["2", "Nobody gets me.", "ok"])
    assert main(["empathy", str(src), "--output", str(out)]) == 0
    rows = list(csv.DictReader(out.open()))
    assert [r["id"] for r in rows] == ["1", "2"]
    for r in rows:
        assert {r[k] for k in ("emotional_reactions", "interpretations", "explorations")} <= {
            "0",
            "1",
            "2",
        }
    assert rows[0]["explorations"] != "0" or rows[0]["emotional_reactions"] != "0"


def test_it_names_a_missing_column(capsys, tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("seeker,response\na,b\n")
    assert main(["empathy", str(src), "--output", str(tmp_path / "o.csv")]) == 2
    assert "no 'seeker_post' column (found: seeker, response)" in capsys.readouterr().err


def test_it_runs_the_transformer_model_offline_from_the_packaged_weights(
    capsys, tmp_path, monkeypatch
):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    assert main(["analyze", "--json", "--model", "transformer", str(FIXTURES / "session.vtt")]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["model"] == "transformer"
    clinician = [u for u in result["utterances"] if u["role"] == "clinician"]
    assert all(0 <= u["markers"]["interpretations"] <= 2 for u in clinician)
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    src.write_text(
        "seeker_post,response_post\nI feel alone.,That sounds so lonely. What happened?\n"
    )
    assert main(["empathy", str(src), "--output", str(out), "--model", "transformer"]) == 0
    assert next(iter(csv.DictReader(out.open())))["emotional_reactions"] in {"0", "1", "2"}


def test_it_uses_several_processes_and_keeps_the_order_of_the_files(capsys):
    files = [str(FIXTURES / name) for name in ("session.vtt", "session.srt", "session.txt")]
    assert main(["analyze", "--json", "--workers", "1", *files]) == 0
    one = capsys.readouterr().out
    assert main(["analyze", "--json", "--workers", "3", *files]) == 0
    three = capsys.readouterr().out
    assert one == three
    assert [json.loads(line)["file"] for line in three.splitlines()] == files


def test_it_runs_the_same_analysis_on_a_dask_cluster(capsys):
    try:
        import distributed
    except ImportError:
        cannot_run("the dask extra is not installed (pip install 'mutuality[dask]')")
    files = [str(FIXTURES / name) for name in ("session.vtt", "session.txt")]
    assert main(["analyze", "--json", "--workers", "1", *files]) == 0
    local = capsys.readouterr().out
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True) as cluster:
        assert main(["analyze", "--json", "--dask", cluster.scheduler_address, *files]) == 0
    assert capsys.readouterr().out == local
