from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from mutuality.core import rct
from mutuality.core.errors import UnknownConcept
from mutuality.core.rct.concepts import ConceptKind


def index(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    hits = rct.search(query)
    sections = [(kind, [c for c in hits if c.kind is kind]) for kind in ConceptKind]
    return render(
        request,
        "guide/index.html",
        {
            "query": query,
            "sections": [(k, cs) for k, cs in sections if cs],
            "hits": len(hits),
            "problems": rct.PROBLEMS if not query else [],
        },
    )


def concept(request: HttpRequest, key: str) -> HttpResponse:
    try:
        c = rct.lookup(key)
    except UnknownConcept as e:
        raise Http404(str(e)) from None
    return render(
        request,
        "guide/concept.html",
        {
            "concept": c,
            "sources": [rct.SOURCES[s] for s in c.sources],
            "related": [rct.lookup(k) for k in c.related],
            "problems": [p for p in rct.PROBLEMS if key in p.concepts],
            "goals": [g for g in rct.GOALS if key in g.concepts],
            "questions": [q for q in rct.QUESTIONS if key in q.concepts],
        },
    )


def problem(request: HttpRequest, key: str) -> HttpResponse:
    try:
        p = rct.problem(key)
    except UnknownConcept as e:
        raise Http404(str(e)) from None
    return render(
        request,
        "guide/problem.html",
        {
            "problem": p,
            "goals": [rct.goal(g) for g in p.goals],
            "concepts": [rct.lookup(k) for k in p.concepts],
            "sources": [rct.SOURCES[s] for s in p.sources],
        },
    )


def supervision(request: HttpRequest) -> HttpResponse:
    return render(request, "guide/supervision.html", {"questions": rct.QUESTIONS})


def sources(request: HttpRequest) -> HttpResponse:
    ordered = sorted(rct.SOURCES.values(), key=lambda s: (s.authors, s.year))
    return render(request, "guide/sources.html", {"sources": ordered})
