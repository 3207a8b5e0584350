"""Markers per utterance, each with a confidence and, where there is one, its evidence.

Clinician: the EPITOME empathy mechanisms (0/1/2), behaviour (AnnoMI's codes), and
ESConv's self-disclosure and affirmation. Client: isolation (IRF model plus phrases),
yearning, concealment, shame and the five good things (phrases). Markers are evidence for
a clinician, not judgements.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

import numpy as np

from mutuality.core.analysis import lexicon
from mutuality.core.analysis.linear import LinearTextModel, Vector
from mutuality.core.transcripts.model import Role, Transcript, Utterance

MECHANISMS = ("emotional_reactions", "interpretations", "explorations")
BEHAVIOURS = ("question", "reflection", "input", "other")
_SENTENCE = re.compile(r"[^.!?]+[.!?]*")
# The support heads were trained with balanced class weights, which over-marks rare
# strategies. 0.8 favours precision over recall: on the development data, self-disclosure
# precision 67% / recall 45% at 0.8 against 52% / 70% at 0.5 (bench/markers.py).
SUPPORT_THRESHOLD = 0.8
ISOLATION_THRESHOLD = 0.6

Encoder = Callable[[list[str]], Vector]


@dataclass(frozen=True)
class Models:
    empathy: LinearTextModel
    behaviour: LinearTextModel
    support: LinearTextModel
    isolation: LinearTextModel
    empathy_dense: LinearTextModel | None = None  # the transformer model's heads
    encoder: Encoder | None = None

    @property
    def name(self) -> str:
        return "transformer" if self.empathy_dense is not None else "default"


@dataclass(frozen=True)
class Marked:
    utterance: Utterance
    markers: dict[str, object] = field(default_factory=dict)
    confidence: dict[str, float] = field(default_factory=dict)
    evidence: dict[str, str] = field(default_factory=dict)

    def level(self, key: str) -> int:
        """An empathy mechanism's level (0 when absent)."""
        value = self.markers.get(key, 0)
        return value if isinstance(value, int) else 0


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.findall(text) if s.strip()] or [text]


def _best_sentence(text: str, score: Callable[[str], float]) -> str:
    sentences = _sentences(text)
    return sentences[0] if len(sentences) == 1 else max(sentences, key=score)


def empathy_probabilities(
    models: Models, responses: list[str], contexts: list[str]
) -> list[dict[str, Vector]]:
    if models.empathy_dense is not None and models.encoder is not None:
        r, s = models.encoder(responses), models.encoder(contexts)
        dense = np.hstack([r, r * s])
        return [
            models.empathy_dense.probabilities(t, d) for t, d in zip(responses, dense, strict=True)
        ]
    return [models.empathy.probabilities(t) for t in responses]


def mark_clinician(u: Utterance, models: Models, empathy: dict[str, Vector]) -> Marked:
    m = Marked(u)
    # Evidence scores the utterance's sentences; each sentence is scored once for all heads.
    sentence_empathy = cache(models.empathy.probabilities)
    sentence_support = cache(models.support.probabilities)
    for name in MECHANISMS:
        probs = empathy[name]
        level = int(np.argmax(probs))
        m.markers[name] = level
        m.confidence[name] = round(float(probs[level]), 3)
        if level > 0:

            def any_level(s: str, n: str = name) -> float:
                return 1 - float(sentence_empathy(s)[n][0])

            m.evidence[name] = _best_sentence(u.text, any_level)
    b = models.behaviour.probabilities(u.text)["behaviour"]
    m.markers["behaviour"] = BEHAVIOURS[int(np.argmax(b))]
    m.confidence["behaviour"] = round(float(b.max()), 3)
    support = models.support.probabilities(u.text)
    for name in ("self_disclosure", "affirmation"):
        p = float(support[name][1])
        m.markers[name] = p >= SUPPORT_THRESHOLD
        m.confidence[name] = round(max(p, 1 - p), 3)
        if p >= SUPPORT_THRESHOLD:

            def strategy(s: str, n: str = name) -> float:
                return float(sentence_support(s)[n][1])

            m.evidence[name] = _best_sentence(u.text, strategy)
    return m


def mark_client(u: Utterance, models: Models) -> Marked:
    m = Marked(u)
    p = float(models.isolation.probabilities(u.text)["isolation"][1])
    phrase = lexicon.first(lexicon.ISOLATION, u.text)
    m.markers["isolation"] = p >= ISOLATION_THRESHOLD or phrase is not None
    m.confidence["isolation"] = round(max(p, 0.9) if phrase else max(p, 1 - p), 3)
    if m.markers["isolation"]:
        m.evidence["isolation"] = phrase or _best_sentence(
            u.text, lambda s: float(models.isolation.probabilities(s)["isolation"][1])
        )
    for name, pattern in (
        ("yearning", lexicon.YEARNING),
        ("concealment", lexicon.CONCEALMENT),
        ("shame", lexicon.SHAME),
    ):
        hit = lexicon.first(pattern, u.text)
        m.markers[name] = hit is not None
        if hit:
            m.evidence[name] = hit
    good = {k: lexicon.first(p, u.text) for k, p in lexicon.GOOD_THINGS.items()}
    m.markers["five_good_things"] = sorted(k for k, v in good.items() if v)
    if m.markers["five_good_things"]:
        m.evidence["five_good_things"] = "; ".join(v for v in good.values() if v)
    return m


def mark(transcript: Transcript, models: Models) -> list[Marked]:
    clinician = [u for u in transcript.utterances if u.role is Role.CLINICIAN]
    contexts = []
    last_client = ""
    for u in transcript.utterances:
        if u.role is Role.CLIENT:
            last_client = u.text
        elif u.role is Role.CLINICIAN:
            contexts.append(last_client)
    empathy = dict(
        zip(
            (u.index for u in clinician),
            empathy_probabilities(models, [u.text for u in clinician], contexts),
            strict=True,
        )
    )
    out = []
    for u in transcript.utterances:
        if u.role is Role.CLINICIAN:
            out.append(mark_clinician(u, models, empathy[u.index]))
        elif u.role is Role.CLIENT:
            out.append(mark_client(u, models))
        else:
            out.append(Marked(u))
    return out
