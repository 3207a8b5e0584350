"""Transcript parsers on real-format fixtures, malformed ones included; speaker roles."""

from pathlib import Path

import pytest

from mutuality.core.transcripts.model import MAX_BYTES, Role, TranscriptError
from mutuality.core.transcripts.parsers import detect, parse
from mutuality.core.transcripts.speakers import guess_roles

FIXTURES = Path(__file__).parents[1] / "fixtures" / "transcripts"


def load(name):
    return parse((FIXTURES / name).read_bytes(), name)


def test_it_reads_webvtt_cues_with_voices_and_times():
    t = load("session.vtt")
    assert [(u.speaker, u.start, u.end) for u in t.utterances] == [
        ("Therapist", 1.0, 5.5),
        ("Client", 6.0, 12.25),
        ("Client", 12.5, 14.0),
        ("Therapist", 15.0, 21.0),
    ]
    assert t.utterances[1].text == "Quiet. I didn't call anyone, not even Priya."


def test_it_keeps_consecutive_utterances_by_one_speaker_apart():
    for name in ("session.vtt", "session.srt", "session.txt", "session.json"):
        speakers = [u.speaker for u in load(name).utterances]
        assert speakers[1] == speakers[2], name
        assert len(speakers) >= 3


def test_it_reads_srt_with_multi_line_cues():
    t = load("session.srt")
    assert t.utterances[1].text == "Quiet. I didn't call anyone, not even Priya."
    assert t.utterances[1].start == 6.0


def test_it_reads_plain_text_and_json():
    assert [u.speaker for u in load("session.txt").utterances] == ["T", "C", "C", "Therapist"]
    j = load("session.json")
    assert [(u.speaker, u.start) for u in j.utterances] == [
        ("Ana", 1.0),
        ("Riley", 6.0),
        ("Riley", None),
    ]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "a.vtt",
            "00:00:01.000 --> 00:00:02.000\nT: hi\n",
            "line 1: a WebVTT file must start with 'WEBVTT'",
        ),
        (
            "a.vtt",
            "WEBVTT\n\n1\n00:00:01.000 -> 00:00:02.000\nT: hi\n",
            "line 3: a cue without a 'start --> end' timing line",
        ),
        (
            "a.vtt",
            "WEBVTT\n\n00:00:05.000 --> 00:00:02.000\n<v T>hi\n",
            "line 3: the cue ends before it starts",
        ),
        (
            "a.vtt",
            "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nno speaker here\n",
            "line 4: no speaker before the text 'no speaker here'",
        ),
        (
            "a.vtt",
            "WEBVTT\n\n00:00:01.000 --> 00:61:02.000\n<v T>hi\n",
            "line 3: '00:00:01.000 --> 00:61:02.000' is not a valid cue time",
        ),
        (
            "a.srt",
            "one\n00:00:01,000 --> 00:00:02,000\nT: hi\n",
            "line 1: an SRT cue number must be a number, not 'one'",
        ),
        ("a.srt", "1\n00:00:01,000 --> 00:00:02,000\n\n", "line 2: a cue with no text"),
        (
            "a.txt",
            "T: hello\nand then this line\n",
            "line 2: no speaker before the text (expected 'Name: text', e.g. 'T: ...')",
        ),
        (
            "a.json",
            '[{"speaker": "T", "text": "hi"}, {"text": "no speaker"}]',
            "entry 2: 'speaker' must be a non-empty string",
        ),
        (
            "a.json",
            '[{"speaker": "T", "text": "hi", "start": "soon"}]',
            "entry 1: 'start' must be seconds",
        ),
        (
            "a.json",
            '{"speaker": "T"}',
            "the JSON must be a list of {speaker, text, start?} objects",
        ),
        ("a.json", '[{"speaker": "T",\n "text": }]', "line 2: not valid JSON"),
        ("a.txt", "", "the transcript has no utterances"),
    ],
)
def test_it_names_the_line_and_problem_in_a_malformed_transcript(name, data, message):
    with pytest.raises(TranscriptError) as e:
        parse(data.encode(), name)
    assert message in str(e.value)


def test_it_refuses_a_huge_file_and_a_binary_one():
    with pytest.raises(TranscriptError, match="the limit is 2 MB"):
        parse(b"T: a\n" * (MAX_BYTES // 5 + 1))
    with pytest.raises(TranscriptError, match="line 2: the file is not UTF-8 text"):
        parse(b"T: hello\nC: \xff\xfe\n")


@pytest.mark.parametrize(
    ("name", "text", "fmt"),
    [
        ("x.vtt", "", "vtt"),
        ("x", "WEBVTT\n", "vtt"),
        ("x", '[{"a": 1}]', "json"),
        ("x", "1\n00:00:01,000 --> 00:00:02,000\nhi", "srt"),
        ("x", "T: hi", "txt"),
    ],
)
def test_it_detects_the_format(name, text, fmt):
    assert detect(name, text) == fmt


@pytest.mark.parametrize(
    ("speakers", "clinicians", "clients", "expected"),
    [
        (("T", "C"), (), (), {"T": Role.CLINICIAN, "C": Role.CLIENT}),
        (
            ("Therapist", "Client", "Interpreter"),
            (),
            (),
            {"Therapist": Role.CLINICIAN, "Client": Role.CLIENT, "Interpreter": Role.OTHER},
        ),
        (("Ana", "Riley"), ("Ana Moreno",), (), {"Ana": Role.CLINICIAN, "Riley": Role.CLIENT}),
        (("Ana", "Riley"), (), ("Riley",), {"Ana": Role.CLINICIAN, "Riley": Role.CLIENT}),
        (("Sam", "Jo"), (), (), {"Sam": Role.OTHER, "Jo": Role.OTHER}),
    ],
)
def test_it_maps_speakers_to_roles(speakers, clinicians, clients, expected):
    assert guess_roles(speakers, clinicians, clients) == expected
