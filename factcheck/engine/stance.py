"""Stance of a passage towards a claim: support, contradict or neutral, with checkable reasons.

1. **Observe** (:mod:`factcheck.engine.features`): align the claim with the passage's best
   sentence (matched and unstated words, weighted by rarity; substituted slots such as another
   country, an opposite direction), read the polarity governing the claim's words (negation,
   denial, falsity, cessation), compare figures and dates, the speaker, and the closeness in
   meaning when the semantic layer is on.
2. **Decide**: the learned model (:mod:`factcheck.engine.model`; gradient-boosted trees or a
   logistic regression trained by ``factcheck stance train`` on public Arabic stance pairs and
   the project's own), or the hand-set rules of version 0.1 (:mod:`factcheck.engine.rules`),
   kept as the baseline and as the fallback when no model file can be read.
3. **Explain**: every call keeps its reasons as :class:`~factcheck.records.Reason` records: how
   much of the claim the passage states, then the observations that pushed the model toward
   its answer (largest push first), each quoting the passage and, for a substitution or a
   different figure, the claim ("the claim says اليمن, the passage says سوريا").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from factcheck.engine.analysis import Analyzer
from factcheck.engine.features import FEATURES, Observations, observe, vector
from factcheck.engine.model import ModelError, Prediction, StanceModels, default_models
from factcheck.engine.rules import REL_NEUTRAL, decide_by_rules
from factcheck.engine.views import ClaimView, PassageView
from factcheck.records import Reason, Stance

__all__ = ["PUSH", "Judgement", "StanceJudge"]

Embed = Callable[[Sequence[str]], np.ndarray]
"""Embeds texts, one unit row each (the engine's cached embedder)."""

STATES_THE_CLAIM = 0.5
"""Coverage from which the words a passage shares with the claim are themselves the reason
for a support."""

PUSH = 0.05
"""Smallest contribution (log-odds toward the chosen stance) for an observation to be named as a
reason: below it, a feature did not drive the call."""


@dataclass(frozen=True)
class Judgement:
    """The stance of one passage, how sure, why, and what to highlight."""

    stance: Stance
    confidence: float
    reasons: tuple[Reason, ...]
    coverage: float
    matched: tuple[tuple[int, int], ...]
    quantity_spans: tuple[tuple[int, int], ...]
    figures_compared: bool = False
    """True when a figure or date of the claim was compared with one in the passage."""


def _substitutions(obs: Observations, kinds: tuple[str, ...]) -> list[Reason]:
    out = [
        Reason("substitution", s.passage, s.claim) for s in obs.alignment.slots if s.kind in kinds
    ]
    if "place" in kinds and obs.alignment.place_conflict and not out:
        claim_place, passage_place = obs.alignment.place_conflict
        out.append(Reason("substitution", passage_place, claim_place))
    return out


def _unstated(obs: Observations, claim: ClaimView) -> list[Reason]:
    words = [claim.passage.quote(claim.first[t]) for t in obs.alignment.unmatched]
    return [Reason("unstated", detail="، ".join(words[:6]))] if words else []


def _evidence_for(feature: str, obs: Observations, claim: ClaimView) -> list[Reason]:
    """The observations behind one feature, as reasons (empty when it has nothing to quote)."""
    if feature in ("negation", "denial", "falsity", "cessation"):
        return [r for r in obs.events if r.kind == feature]
    if feature in ("slot_place", "place_conflict"):
        return _substitutions(obs, ("place",))
    if feature == "slot_opposite":
        return _substitutions(obs, ("opposite",))
    if feature == "slot_name":
        return _substitutions(obs, ("name",))
    if feature == "antonym":
        return list(obs.antonyms)
    if feature == "claim_negated" and obs.claim_negations:
        return [Reason("claim_negated", detail=", ".join(obs.claim_negations))]
    if feature in ("figure_agree", "date_agree"):
        kind = "same_figure" if feature == "figure_agree" else "same_date"
        return [r for r in obs.agree if r.kind == kind]
    if feature in ("figure_conflict", "date_conflict"):
        kind = "different_figure" if feature == "figure_conflict" else "different_date"
        return [r for r in obs.conflict if r.kind == kind]
    if feature == "figure_missing" and obs.figure_missing:
        return [Reason("figure_missing", detail=obs.figure_missing)]
    if feature == "similarity" and obs.similarity is not None:
        return [Reason("similarity", detail=f"{max(0.0, obs.similarity):.0%}")]
    if feature in ("unmatched", "coverage"):
        return _unstated(obs, claim) if obs.alignment.unmatched else []
    return []


def _coverage_reason(obs: Observations, passage: PassageView) -> Reason:
    quoted = dict.fromkeys(passage.quote(i) for i in sorted(set(obs.alignment.matched.values())))
    return Reason("coverage", "، ".join(quoted), f"{obs.coverage:.0%}")


BEARS_ON: dict[str, frozenset[str]] = {
    "contradict": frozenset(
        {"negation", "denial", "falsity", "cessation", "antonym", "substitution", "claim_negated"}
        | {"different_figure", "different_date"}
    ),
    "support": frozenset({"speaker", "same_figure", "same_date", "similarity"}),
    "neutral": frozenset({"unstated", "figure_missing"}),
}
"""Which reasons can explain which stance: a reason is shown for a call only when it bears on
it, so an editor never reads "same figure" as the reason for a contradiction."""


def _explain(stance: Stance, pred: Prediction, obs: Observations, claim: ClaimView) -> list[Reason]:
    """The reasons for a learned call: the observations that bear on the stance, those that
    pushed the model most first, then any other observation of that kind (an editor sees every
    negation of the claim's words, even one the model weighed little)."""
    bearing = BEARS_ON[stance]
    ranked = sorted(FEATURES, key=lambda f: -pred.contributions.get(f, 0.0))
    reasons: list[Reason] = []
    for feature in ranked:
        pushed = pred.contributions.get(feature, 0.0) >= PUSH
        for r in _evidence_for(feature, obs, claim):
            # Similarity is shown only when it drove the call: it is always observed.
            if r.kind in bearing and r not in reasons and (pushed or r.kind != "similarity"):
                reasons.append(r)
    if obs.speaker and stance != "neutral" and Reason("speaker", obs.speaker) not in reasons:
        reasons.insert(0, Reason("speaker", obs.speaker))
    if stance == "contradict" and not reasons:
        reasons.append(Reason("model_only", detail=f"{pred.confidence:.0%}"))
    if stance == "neutral" and not reasons:
        reasons.append(Reason("topic_only" if obs.coverage < REL_NEUTRAL else "partial"))
    return reasons


def _grounded(pred: Prediction, obs: Observations, claim: ClaimView) -> Prediction:
    """A learned support with nothing an editor could check (it states less than
    :data:`STATES_THE_CLAIM` of the claim, and no speaker, figure, date or closeness in meaning
    drove it) is only a relation: neutral. It applies with the semantic layer on, where meaning
    can ground a support: there it changes no call on ANS dev nor on the stance table and keeps
    the desk's promise that a call shows its reasons. Without embeddings, ANS paraphrases that
    share few words have only the model's word, and the check would cost them (ANS dev macro-F1
    of the lexical model 0.72 without it, 0.58 with)."""
    if pred.stance != "support" or obs.coverage >= STATES_THE_CLAIM or obs.similarity is None:
        return pred
    if _explain("support", pred, obs, claim):
        return pred
    return replace(pred, stance="neutral", confidence=round(1 - pred.confidence, 3))


def _contradicted(obs: Observations) -> bool:
    """The passage states what the claim cannot also be: another figure or date for the same
    thing, another place in the claim's slot, the opposite direction."""
    slots = obs.alignment.slots
    return (
        bool(obs.conflict)
        or bool(obs.alignment.place_conflict)
        or any(s.kind in ("place", "opposite") for s in slots)
    )


def _consistent(pred: Prediction, obs: Observations) -> Prediction:
    """A support is impossible beside a contradiction the alignment found: the model weighs
    these observations but, trained on few pairs where a date or a country differs in a long
    passage that otherwise restates the claim, it can outvote them, and "supported" with the
    wrong date is the worst answer a desk can give. The call becomes the model's next most
    likely stance other than support, with that stance's own pushes as its reasons."""
    if pred.stance != "support" or not _contradicted(obs):
        return pred
    return next(p for p in pred.runners_up if p.stance != "support")


class StanceJudge:
    """Decides the stance of analysed passages towards an analysed claim.

    ``models`` is a :class:`~factcheck.engine.model.StanceModels` (default: the packaged one),
    or ``"rules"`` for the hand-set rules. If the packaged model cannot be read, the judge
    falls back to the rules and says why in :attr:`status`.
    """

    def __init__(self, analyzer: Analyzer, models: StanceModels | str | None = None):
        self.analyzer = analyzer
        self.status = ""
        if models == "rules":
            self.models: StanceModels | None = None
        elif isinstance(models, StanceModels):
            self.models = models
        else:
            try:
                self.models = default_models()
            except ModelError as exc:
                self.models = None
                self.status = f"stance model unavailable, using the rules: {exc}"

    def mode(self, semantic: bool) -> str:
        """``"rules"``, ``"learned"`` or ``"learned+semantic"``: what decides the calls, given
        whether similarities are available."""
        if self.models is None:
            return "rules"
        return (
            "learned+semantic"
            if "similarity" in self.models.choose(semantic).features
            else "learned"
        )

    def judge(
        self,
        claim: ClaimView,
        passage: PassageView,
        speaker: str = "",
        claim_vector: np.ndarray | None = None,
        embed: Embed | None = None,
    ) -> Judgement:
        """Judge one passage (see :meth:`judge_many`)."""
        return self.judge_many(claim, [passage], [speaker], claim_vector, embed)[0]

    def judge_many(
        self,
        claim: ClaimView,
        passages: Sequence[PassageView],
        speakers: Sequence[str],
        claim_vector: np.ndarray | None = None,
        embed: Embed | None = None,
    ) -> list[Judgement]:
        """Judge several passages against one claim in one model call (the model's fixed cost
        is per call, not per passage).

        With the semantic layer on, ``claim_vector`` is the claim's embedding and ``embed``
        embeds texts (the caller caches): the meaning is compared with the sentence that
        carries the claim (the alignment's window), not with the whole passage, so that a long
        passage is not called unlike the claim for what else it says. (A tighter span around
        the claim's words scored two sample passages better but cost an embedding per
        candidate, 250 ms a first click; a sentence is most often the passage itself, whose
        embedding the engine already holds.)
        """
        semantic = claim_vector is not None and embed is not None
        model = (
            self.models.choose(semantic, claim.crosslingual) if self.models is not None else None
        )
        observed = [
            observe(claim, p, self.analyzer, s) for p, s in zip(passages, speakers, strict=True)
        ]
        if semantic:
            windows = [
                p.window_text(*o.alignment.window) for p, o in zip(passages, observed, strict=True)
            ]
            sims = embed(windows) @ claim_vector  # type: ignore[misc,operator]
            observed = [
                replace(o, similarity=float(s)) for o, s in zip(observed, sims, strict=True)
            ]
        if model is None:
            decided = [decide_by_rules(o) for o in observed]
            reasons = [
                ([Reason("speaker", o.speaker)] if o.speaker else []) + list(why)
                for o, (_, _, why) in zip(observed, decided, strict=True)
            ]
            calls = [(s, c) for s, c, _ in decided]
        else:
            rows = [dict(zip(FEATURES, vector(o), strict=True)) for o in observed]
            preds = [
                _grounded(_consistent(p, o), o, claim)
                for p, o in zip(model.predict(rows), observed, strict=True)
            ]
            calls = [(p.stance, p.confidence) for p in preds]
            reasons = [
                _explain(p.stance, p, o, claim) for p, o in zip(preds, observed, strict=True)
            ]
        out = []
        for o, p, (stance, conf), why in zip(observed, passages, calls, reasons, strict=True):
            if not o.alignment.matched and not o.figures_compared and o.similarity is None:
                why = [Reason("no_overlap")] if stance == "neutral" else why
            out.append(
                Judgement(
                    stance=stance,
                    confidence=conf,
                    # Across languages no word can match: coverage would say 0 % of nothing.
                    reasons=tuple(why) if claim.crosslingual else (_coverage_reason(o, p), *why),
                    coverage=o.coverage,
                    matched=o.matched_spans,
                    quantity_spans=o.quantity_spans,
                    figures_compared=o.figures_compared,
                )
            )
        return out
