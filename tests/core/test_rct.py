"""The RCT knowledge core is complete, consistent and cited."""

import re

import pytest

from mutuality.core import rct
from mutuality.core.errors import UnknownConcept
from mutuality.core.rct.concepts import ConceptKind
from mutuality.core.rct.vocabulary import DisconnectionOutcome, GoodThing

CONCEPT_KEYS = {c.key for c in rct.CONCEPTS}


def test_it_gives_every_concept_a_unique_key():
    keys = [c.key for c in rct.CONCEPTS]
    assert len(keys) == len(set(keys))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", k) for k in keys)


@pytest.mark.parametrize("concept", rct.CONCEPTS, ids=lambda c: c.key)
def test_it_gives_every_concept_text_and_a_known_source(concept):
    assert concept.name.strip()
    assert len(concept.summary) > 20
    assert len(concept.body) > 40
    assert concept.sources, f"{concept.key} has no source"
    for source in concept.sources:
        assert source in rct.SOURCES, f"{concept.key} cites unknown source {source}"
    for key in concept.related:
        assert key in CONCEPT_KEYS, f"{concept.key} relates to unknown {key}"
        assert key != concept.key


def test_it_covers_every_kind_of_concept():
    kinds = {c.kind for c in rct.CONCEPTS}
    assert kinds == set(ConceptKind)


@pytest.mark.parametrize(
    ("kind", "count"),
    [
        (ConceptKind.GOOD_THING, 5),
        (ConceptKind.DISCONNECTION_OUTCOME, 5),
        (ConceptKind.EMPATHY_COMPONENT, 4),
        (ConceptKind.RELATIONAL_PROCESS, 4),
    ],
)
def test_it_holds_the_canonical_lists(kind, count):
    assert sum(1 for c in rct.CONCEPTS if c.kind is kind) == count


@pytest.mark.parametrize(
    "key",
    [
        "central-relational-paradox",
        "relational-images",
        "controlling-images",
        "condemned-isolation",
        "power-over",
        "power-with",
        "stratified-identities",
        "relational-resilience",
        "strategies-of-disconnection",
        "mutual-empathy",
        "authenticity",
        "mutual-empowerment",
        "movement-toward-mutuality",
    ],
)
def test_it_explains_each_core_idea(key):
    assert rct.lookup(key).key == key


def test_it_links_every_good_thing_and_outcome_to_its_guide_entry():
    for member in [*GoodThing, *DisconnectionOutcome]:
        concept = rct.lookup(member.value)
        assert concept.name == member.label or member.label in concept.name


@pytest.mark.parametrize("goal", rct.GOALS, ids=lambda g: g.key)
def test_it_makes_every_smart_template_name_a_goal_and_a_mechanism(goal):
    assert goal.name.strip()
    assert goal.mechanism.strip()
    assert re.search(r"\b(\d+|one|two|three)\b", goal.smart_objective), "measurable"
    assert re.search(r"week|month", goal.smart_objective), "time-bound"
    assert goal.concepts
    assert all(k in CONCEPT_KEYS for k in goal.concepts)
    assert goal.sources
    assert all(s in rct.SOURCES for s in goal.sources)


@pytest.mark.parametrize("problem", rct.PROBLEMS, ids=lambda p: p.key)
def test_it_gives_every_problem_for_work_goals_concepts_and_sources(problem):
    assert [rct.goal(g).key for g in problem.goals] == list(problem.goals)
    assert problem.concepts
    assert all(k in CONCEPT_KEYS for k in problem.concepts)
    assert problem.sources
    assert all(s in rct.SOURCES for s in problem.sources)


def test_it_uses_every_treatment_goal_in_some_problem():
    used = {g for p in rct.PROBLEMS for g in p.goals}
    assert used == {g.key for g in rct.GOALS}


@pytest.mark.parametrize("question", rct.QUESTIONS, ids=lambda q: q.key)
def test_it_ties_every_supervision_question_to_concepts(question):
    assert question.question.endswith("?")
    assert question.concepts
    assert all(k in CONCEPT_KEYS for k in question.concepts)
    assert question.sources
    assert all(s in rct.SOURCES for s in question.sources)


def test_it_finds_concepts_by_any_word_with_name_matches_first():
    hits = rct.search("paradox")
    assert hits[0].key == "central-relational-paradox"
    assert {c.key for c in rct.search("power")} >= {"power-over", "power-with"}
    assert rct.search("zzzz-nothing") == []
    assert len(rct.search("  ")) == len(rct.CONCEPTS)


def test_it_refuses_unknown_keys_with_a_readable_error():
    with pytest.raises(UnknownConcept, match="'nope' is not a concept"):
        rct.lookup("nope")
    with pytest.raises(UnknownConcept, match="treatment goal"):
        rct.goal("nope")
    with pytest.raises(UnknownConcept, match="problem-for-work"):
        rct.problem("nope")
