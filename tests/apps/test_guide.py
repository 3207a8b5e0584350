"""The Guide: every concept browsable, searchable, cited and cross-linked."""

import pytest

from mutuality.core import rct


def test_it_lists_every_concept_and_problem(signed_in):
    page = signed_in.get("/guide/").content.decode()
    for concept in rct.CONCEPTS:
        assert f'href="/guide/{concept.key}/"' in page
    for problem in rct.PROBLEMS:
        assert f'href="/guide/problems/{problem.key}/"' in page


def test_it_searches_the_guide(signed_in):
    page = signed_in.get("/guide/?q=paradox").content.decode()
    assert "Central relational paradox" in page
    assert 'href="/guide/zest/"' not in page
    assert "Nothing in the Guide matches" in signed_in.get("/guide/?q=xylophone").content.decode()


@pytest.mark.parametrize("concept", rct.CONCEPTS, ids=lambda c: c.key)
def test_it_shows_each_concept_with_its_sources_and_links(signed_in, concept):
    page = signed_in.get(f"/guide/{concept.key}/").content.decode()
    assert concept.name.replace("'", "&#39;") in page
    for key in concept.sources:
        assert rct.SOURCES[key].title.replace("'", "&#39;") in page
    for key in concept.related:
        assert f'href="/guide/{key}/"' in page


def test_it_shows_a_problem_with_its_goals_objectives_and_mechanisms(signed_in):
    page = signed_in.get("/guide/problems/isolation/").content.decode()
    for key in rct.problem("isolation").goals:
        goal = rct.goal(key)
        assert goal.name in page
        assert goal.mechanism in page


def test_it_lists_supervision_questions_and_sources(signed_in):
    page = signed_in.get("/guide/supervision/").content.decode()
    assert all(q.question.replace("'", "&#39;") in page for q in rct.QUESTIONS)
    assert "Toward a New Psychology of Women" in signed_in.get("/guide/sources/").content.decode()


def test_it_answers_404_for_an_unknown_entry(signed_in):
    assert signed_in.get("/guide/not-a-thing/").status_code == 404
    assert signed_in.get("/guide/problems/not-a-thing/").status_code == 404
