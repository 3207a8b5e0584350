"""The NumPy inference scores exactly as the scikit-learn pipeline it was trained as."""

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from mutuality.analysis.training import fit
from mutuality.core.analysis.linear import char_wb_ngrams, word_ngrams

TEXTS = [
    "That sounds really hard. I'm sorry you're going through this.",
    "Have you talked to anyone about how you feel?",
    "I went through something similar last year and it got better.",
    "What do you mean by 'stuck'?   Tell me more.",
    "You are not alone in this, it makes sense you feel that way.",
    "Go for a run, it always helps me.",
    "Ugh. That's awful!! Why would they say that to you?",
    "It sounds like you feel invisible at work.",
] * 3
LABELS = {
    "three": np.array([0, 2, 1, 2, 1, 0, 1, 1] * 3),
    "two": np.array([1, 0, 0, 0, 1, 0, 1, 1] * 3),
}


@pytest.mark.parametrize("analyzer", ["word", "char_wb"])
def test_it_builds_the_same_ngrams_as_scikit_learn(analyzer):
    ngram = (1, 2) if analyzer == "word" else (2, 5)
    ours = word_ngrams if analyzer == "word" else char_wb_ngrams
    v = TfidfVectorizer(analyzer=analyzer, ngram_range=ngram)
    analyse = v.build_analyzer()
    for text in [*TEXTS, "a", "I  x", "Ünïcode café naïve"]:
        assert sorted(ours(text, *ngram)) == sorted(analyse(text))


def test_it_gives_the_same_probabilities_as_scikit_learn():
    from scipy.sparse import hstack
    from sklearn.linear_model import LogisticRegression

    from mutuality.analysis.training import CHAR, WORD

    strength = {"three": 2.0, "two": 0.5}  # each head with its own regularisation
    model = fit(TEXTS, LABELS, c=strength)
    word = TfidfVectorizer(sublinear_tf=True, **WORD).fit(TEXTS)
    char = TfidfVectorizer(sublinear_tf=True, **CHAR).fit(TEXTS)
    x = hstack([word.transform(TEXTS), char.transform(TEXTS)]).tocsr()
    for name, y in LABELS.items():
        expected = (
            LogisticRegression(C=strength[name], max_iter=3000, class_weight="balanced")
            .fit(x, y)
            .predict_proba(x)
        )
        ours = np.array([model.probabilities(t)[name] for t in TEXTS])
        np.testing.assert_allclose(ours, expected, atol=1e-6)


def test_it_chooses_each_heads_regularisation_on_grouped_folds_of_the_training_texts():
    from mutuality.analysis.training import C_GRID, choose_c

    groups = [str(n % 8) for n in range(len(TEXTS))]  # each text's copies stay together
    chosen = choose_c(TEXTS, LABELS, groups)
    assert set(chosen) == set(LABELS)
    assert all(c in C_GRID for c in chosen.values())


def test_it_needs_the_dense_features_a_head_was_trained_with():
    model = fit(TEXTS, {"two": LABELS["two"]}, dense=np.ones((len(TEXTS), 3)))
    with pytest.raises(ValueError, match="needs 3 dense features"):
        model.probabilities(TEXTS[0])
    assert model.probabilities(TEXTS[0], np.ones(3))["two"].shape == (2,)


def test_it_keeps_the_model_cards_document_current():
    from pathlib import Path

    from mutuality.analysis.models.cards import CARDS, markdown, metrics

    doc = Path(__file__).parents[2] / "docs" / "models.md"
    assert doc.read_text() == markdown(), (
        "regenerate: python -m mutuality.analysis.models.cards > docs/models.md"
    )
    trained = {c.key for c in CARDS} - {"phrases", "deidentification"}  # rules, no training
    assert trained <= set(metrics()), "every trained model needs measured figures in metrics.json"


def test_it_ships_small_artifacts_that_load_without_scikit_learn():
    import subprocess
    import sys

    from mutuality.analysis.models import HERE, available

    assert set(available()) >= {
        "empathy",
        "empathy-transformer",
        "behaviour",
        "support",
        "isolation",
    }
    assert sum(p.stat().st_size for p in HERE.glob("*.npz")) < 10_000_000
    code = (
        "import sys; sys.modules['sklearn'] = None\n"
        "from mutuality.analysis.pipeline import load_models\n"
        "m = load_models()\n"
        "p = m.empathy.probabilities('That sounds so painful.')\n"
        "print(int(p['emotional_reactions'].argmax()))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() in {"0", "1", "2"}
