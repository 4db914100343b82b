"""The hand-set stance rules: the baseline the learned model is measured against.

Version 0.1 of the desk decided stance with these thresholds on coverage, polarity and figures
(they were tuned on the sample articles' dev set). They stay as the "rules only" row of the
ablation (``benchmarks/stance_eval.py``) and as the decision when no stance model file can be
read. The learned model (:mod:`factcheck.engine.model`) reads the same
:class:`~factcheck.engine.features.Observations`.
"""

from __future__ import annotations

from factcheck.engine.features import Observations
from factcheck.records import Reason, Stance

__all__ = [
    "REL_CONTRADICT",
    "REL_CONTRADICT_UNNEGATED",
    "REL_FIGURE",
    "REL_NEUTRAL",
    "REL_SUPPORT",
    "decide_by_rules",
]

REL_NEUTRAL = 0.45
"""Below this coverage a passage is about something else, or only mentions the topic."""
REL_CONTRADICT = 0.65
"""Coverage needed before a negation or antonym can contradict (same statement, flipped)."""
REL_CONTRADICT_UNNEGATED = 0.85
"""Coverage needed when only the claim is negated (the passage states it positively)."""
REL_FIGURE = 0.5
"""Coverage needed before a different figure or date on the same measured thing contradicts."""
REL_SUPPORT = 0.8
"""Coverage needed to support without an agreeing figure or date."""


def decide_by_rules(obs: Observations) -> tuple[Stance, float, tuple[Reason, ...]]:
    """(stance, confidence, the reasons that decided it) by the version 0.1 thresholds."""
    coverage = obs.coverage
    if not obs.alignment.matched:
        return "neutral", 0.0, (Reason("no_overlap"),)
    if coverage < REL_NEUTRAL:
        return "neutral", round(1 - coverage, 2), (Reason("topic_only"),)
    flips = obs.events + obs.antonyms
    negated = (Reason("claim_negated", detail=", ".join(obs.claim_negations)),)
    claim_neg = negated if obs.claim_negations else ()
    # A passage that merely lacks the claim's negation has not asserted the opposite unless it
    # states nearly everything else the claim says; «لا تزال» asserts the positive explicitly.
    needed = REL_CONTRADICT if flips or obs.continuation else REL_CONTRADICT_UNNEGATED
    if obs.flipped and coverage >= needed:
        why = (*flips, *claim_neg, *obs.conflict)
        return "contradict", round(min(0.95, 0.5 + 0.5 * coverage), 2), why
    if obs.conflict and coverage >= REL_FIGURE:
        return "contradict", round(min(0.95, 0.45 + 0.5 * coverage), 2), obs.conflict
    if obs.flipped:
        return "neutral", 0.5, (*flips, *claim_neg, Reason("partial_negation"))
    if obs.agree and coverage >= REL_FIGURE:
        return "support", round(min(0.95, 0.5 + 0.5 * coverage), 2), obs.agree
    if coverage >= REL_SUPPORT and not obs.figure_missing:
        return "support", round(min(0.9, 0.3 + 0.6 * coverage), 2), obs.agree
    closing = (
        Reason("figure_missing", detail=obs.figure_missing)
        if obs.figure_missing
        else Reason("partial")
    )
    return "neutral", round(1 - coverage / 2, 2), (closing,)
