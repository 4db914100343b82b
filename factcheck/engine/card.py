"""The stance model's card: what it was trained on, how it scores, and the terms of its data.

Written next to the model file by ``factcheck stance train`` (``stance_model.md``), from what
the model file itself records, so the card cannot drift from the model it describes.
"""

from __future__ import annotations

from collections.abc import Sequence

from factcheck.engine.model import StanceModels

__all__ = ["model_card"]

_ATTRIBUTION = """\
The Arabic News Stance corpus (ANS), stance part, train and dev splits, is used under the
Apache License 2.0 (data/ans/README.md). Cite: Jude Khouja. 2020. *Stance Prediction and Claim
Verification: An Arabic Perspective.* Proceedings of the Third Workshop on Fact Extraction and
VERification (FEVER), pages 8-17. arXiv:2005.10410. The ANS test split was not used. The
cross-lingual pairs are hand translations of the claim side of ANS train rows
(data/stance/README.md); the news pairs are the project's own."""


def _scores_table(models: StanceModels) -> list[str]:
    rows = ["| model | kind | dev macro-F1 | support F1 | contradict F1 | neutral F1 | n |"]
    rows.append("| --- | --- | --- | --- | --- | --- | --- |")
    for name, card in models.data.get("scores", {}).items():
        dev = card["dev"]
        f1 = dev["f1"]
        rows.append(
            f"| {name} | {card['chosen']} | {dev['macro_f1']:.3f} | {f1.get('support', 0):.3f} "
            f"| {f1.get('contradict', 0):.3f} | {f1.get('neutral', 0):.3f} | {dev['n']} |"
        )
    return rows


def model_card(models: StanceModels, train: Sequence[str], dev: Sequence[str]) -> str:
    """The Markdown card of a trained model file."""
    data = models.data
    pairs = data.get("training_pairs", {})
    lines = [
        "# Stance model card",
        "",
        "Decides whether a passage supports a claim, contradicts it or only mentions its topic,",
        "from the observations of `factcheck.engine.features` (alignment, substitutions,",
        "polarity, figures and dates, speaker, closeness in meaning). Made by",
        "`factcheck stance train`; `factcheck stance eval` scores it.",
        "",
        f"- Trained: {data.get('trained', '?')}, seed {data.get('seed', '?')}, by:",
        "",
        "  ```bash",
        "  factcheck stance train "
        + " ".join(train)
        + " --dev "
        + " ".join(dev)
        + f" --seed {data.get('seed', '?')} --out factcheck/data/stance_model.json",
        "  ```",
        "",
        f"- Embedding model: {data.get('embedder') or 'none (lexical only)'}.",
        f"- Training files: {', '.join(f'`{p}`' for p in train)}.",
        f"- Dev files: {', '.join(f'`{p}`' for p in dev)}; the cross-lingual model is tuned on",
        "  a held-out share of the cross-lingual training claims.",
        "- Training pairs by source (after generation): "
        + ", ".join(f"{k} {v}" for k, v in sorted(pairs.items())),
        f"- Features: {', '.join(f'`{f}`' for f in data.get('features', []))}.",
        "",
        "## Scores on dev",
        "",
        *_scores_table(models),
        "",
        "## Intended use and limits",
        "",
        "A first call for an editor, with its reasons; never a verdict. It was trained mostly on",
        "headline pairs: on long passages it reads the sentence that carries the claim. A claim",
        "in English or French is judged from its meaning, figures, dates, places and negation",
        "only (its words cannot be matched in Arabic), so its calls are weaker.",
        "",
        "## Data terms",
        "",
        _ATTRIBUTION,
        "",
    ]
    return "\n".join(lines)
