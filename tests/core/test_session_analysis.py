"""Session summaries, rupture and repair candidates, and the timeline, from known markers."""

import xml.etree.ElementTree as ET

from mutuality.core.analysis.markers import Marked
from mutuality.core.analysis.session import ruptures, summary
from mutuality.core.analysis.timeline_svg import render_timeline
from mutuality.core.transcripts.model import Role, Utterance

NONE = {"emotional_reactions": 0, "interpretations": 0, "explorations": 0, "behaviour": "question"}


def clin(i, text="Mm.", start=None, **levels):
    return Marked(Utterance(i, "Clinician", text, Role.CLINICIAN, start), {**NONE, **levels})


def cli(i, text="Yes.", start=None, **marks):
    return Marked(Utterance(i, "Client", text, Role.CLIENT, start), {"isolation": False, **marks})


def test_it_finds_a_rupture_and_its_repair():
    session = [
        cli(0, isolation=True),
        clin(1),
        clin(2),
        cli(3),
        clin(4, emotional_reactions=2),
    ]
    assert [(r.at, r.cue, r.repaired_at) for r in ruptures(session)] == [(0, "isolation", 4)]


def test_it_calls_no_rupture_when_the_clinician_responds_with_empathy():
    assert ruptures([cli(0, shame=True), clin(1, interpretations=1), clin(2)]) == []


def test_it_leaves_a_rupture_unrepaired_when_connection_does_not_return():
    session = [cli(0, concealment=True), clin(1), clin(2), cli(3), clin(4), cli(5), clin(6)]
    assert [(r.cue, r.repaired_at) for r in ruptures(session)] == [("concealment", None)]


def test_it_counts_a_client_voicing_yearning_as_repair():
    session = [cli(0, isolation=True), clin(1), clin(2), cli(3, yearning=True)]
    assert ruptures(session)[0].repaired_at == 3


def test_it_summarises_talk_turns_and_empathy():
    session = [
        clin(0, "How are you today?", start=0.0, explorations=2),
        cli(1, "Tired and alone, really.", start=4.0, isolation=True),
        clin(2, "That sounds heavy.", start=10.0, emotional_reactions=1),
        cli(3, "It is.", start=13.0),
    ]
    s = summary(session)
    assert s["turns"] == {"clinician": 2, "client": 2, "other": 0}
    assert s["words"] == {"clinician": 7, "client": 6, "other": 0}
    assert s["talk_share"] == {"clinician": 0.538, "client": 0.462, "other": 0.0}
    assert s["talk_seconds"] == {
        "clinician": 7.0,
        "client": 6.0,
        "other": 0.0,
    }  # last turn has no end
    assert s["empathy"]["explorations"] == {"mean": 1.0, "levels": [1, 0, 1]}
    assert s["empathic_turns"] == 1.0
    assert s["client_rates"]["isolation"] == 0.5


def test_it_draws_every_utterance_and_the_rupture_on_the_timeline():
    session = [cli(0, isolation=True), clin(1), clin(2), cli(3), clin(4, emotional_reactions=2)]
    root = ET.fromstring(render_timeline(session, "Session of 2 Mar 2026"))
    ns = {"s": "http://www.w3.org/2000/svg"}
    assert len(root.findall(".//s:rect[@class='utterance']", ns)) == 5
    assert len(root.findall(".//s:rect[@class='rupture']", ns)) == 1
    assert len(root.findall(".//s:circle[@class='empathy']", ns)) == 1
