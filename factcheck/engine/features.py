"""What a passage says about a claim, measured: the facts a stance is decided on.

:func:`observe` aligns the claim with the passage (:mod:`factcheck.engine.alignment`) and reads,
in the sentence that carries the claim: the polarity events governing the claim's words
(:mod:`factcheck.engine.polarity`), the claim's figures and dates against the passage's
(:mod:`factcheck.figures`), the speaker, and how close the two are in meaning (the semantic
layer, when it is on). The result, :class:`Observations`, keeps every fact with the passage's
own words, so whatever decides the stance (the learned model, or the hand-set rules kept as a
baseline) can say why, quoting both sides.

:data:`FEATURES` is the fixed vector the stance model reads (:func:`vector`); its order is part
of the model file, so a change here means retraining (``factcheck stance train``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from factcheck.engine.alignment import Alignment, align
from factcheck.engine.analysis import Analyzer
from factcheck.engine.polarity import (
    asserts_continuation,
    names_a_time,
    negation_cues,
    polarity_events,
)
from factcheck.engine.views import ClaimView, PassageView
from factcheck.figures import comparable, date_role, figures_agree, same_precision
from factcheck.records import Quantity, Reason
from factcheck.text.arabic import fold
from factcheck.text.gazetteer import Gazetteer

__all__ = ["FEATURES", "SENTENCE_SHARE", "Observations", "observe", "vector"]

SENTENCE_SHARE = 0.3
"""Share of the claim's weight a sentence must carry before its negations count (a passing
mention of a claim word in another sentence does not flip the passage)."""

FEATURES: tuple[str, ...] = (
    "coverage",
    "unmatched",
    "extra",
    "order",
    "window_words",
    "claim_words",
    "matched_words",
    "slot_place",
    "slot_opposite",
    "slot_name",
    "place_conflict",
    "negation",
    "denial",
    "falsity",
    "cessation",
    "antonym",
    "claim_negated",
    "flipped",
    "continuation",
    "negators_claim",
    "negators_passage",
    "figure_agree",
    "figure_conflict",
    "date_agree",
    "date_conflict",
    "figure_missing",
    "speaker",
    "similarity",
    "crosslingual",
)
"""The stance model's inputs, in order (see :func:`vector` for what each measures)."""


@dataclass(frozen=True)
class Observations:
    """Every fact about one (claim, passage) pair, with quotes for the reasons."""

    alignment: Alignment
    events: tuple[Reason, ...]
    """Negation, denial, falsity and cessation governing the claim's words, quoted."""
    antonyms: tuple[Reason, ...]
    agree: tuple[Reason, ...]
    """Same figure / same date."""
    conflict: tuple[Reason, ...]
    """Different figure / different date (same measured thing, same role)."""
    figure_missing: str
    """The claim's figures when it is about a figure or a day the passage does not state."""
    speaker: str
    """The passage's speaker when it is the claim's speaker, else ``""``."""
    claim_negations: tuple[str, ...]
    continuation: bool
    similarity: float | None
    """Cosine of the claim's embedding and the window's (the sentence that carries the claim);
    ``None`` when the semantic layer is off."""
    negators: tuple[int, int]
    """Negation particles anywhere in the claim, and in the passage's window (governing the
    claim's words or not: headline rewrites often move them)."""
    crosslingual: bool
    matched_spans: tuple[tuple[int, int], ...]
    quantity_spans: tuple[tuple[int, int], ...]

    @property
    def coverage(self) -> float:
        return self.alignment.coverage

    @property
    def flipped(self) -> bool:
        """The passage's polarity differs from the claim's (an odd number of flips)."""
        flips = len(self.events) + len(self.antonyms) + len(self.claim_negations)
        return flips % 2 == 1

    @property
    def figures_compared(self) -> bool:
        return bool(self.agree or self.conflict)


def _show(q: Quantity) -> str:
    return q.text.strip()


def _figure_claim(claim: ClaimView) -> bool:
    """A claim about a figure (a percent, a count of something, a day or month), which only
    that figure confirms; a bare year does not count."""
    return any(
        q.kind == "percent"
        or (q.kind == "number" and q.unit)
        or (q.kind == "date" and q.date is not None and q.date.month is not None)
        for q in claim.quantities
    )


def compare_figures(
    claim: ClaimView, passage: PassageView, analyzer: Analyzer
) -> tuple[list[Reason], list[Reason]]:
    """(agreements, conflicts) between the claim's figures and dates and the passage's.

    Numbers are compared on the same measured thing (the counted noun, one term: 2100 شحنة vs
    5000 شحنة), percentages with percentages, dates in the same precision and role
    (:func:`~factcheck.figures.date_role`). Across languages a counted noun cannot be matched,
    so a count only agrees there (the same value), never conflicts.
    """
    agree: list[Reason] = []
    conflict: list[Reason] = []
    qs = passage.quantities
    for qc in claim.quantities:
        if qc.kind == "date":
            cands = [q for q in qs if q.kind == "date" and q.date is not None]
            if qc.date is None or not cands:
                continue
            ok = [q for q in cands if figures_agree(qc, q)]
            if ok:
                agree.append(Reason("same_date", _show(ok[0]), _show(qc)))
                continue
            role = date_role(claim.text, qc)
            clash = [
                q
                for q in cands
                if same_precision(q.date, qc.date) and date_role(passage.text, q) == role
            ]
            if clash:
                conflict.append(Reason("different_date", _show(clash[0]), _show(qc)))
            continue
        if qc.value is None:
            continue
        if qc.kind == "percent":
            cands = [q for q in qs if comparable(qc, q)]
        elif claim.crosslingual:
            cands = [q for q in qs if comparable(qc, q) and figures_agree(qc, q)]
        else:
            unit = analyzer.term(fold(qc.unit)) if qc.unit else ""
            if not unit:
                continue
            cands = [
                q
                for q in qs
                if comparable(qc, q) and q.unit and analyzer.term(fold(q.unit)) == unit
            ]
        if not cands:
            continue
        ok = [q for q in cands if figures_agree(qc, q)]
        if ok:
            agree.append(Reason("same_figure", _show(ok[0]), _show(qc)))
        else:
            conflict.append(Reason("different_figure", _show(cands[0]), _show(qc)))
    return agree, conflict


def observe(
    claim: ClaimView,
    passage: PassageView,
    analyzer: Analyzer,
    speaker: str = "",
    similarity: float | None = None,
) -> Observations:
    """Measure everything about ``passage`` against ``claim`` (see the module docstring).

    ``speaker`` is the passage's attributed speaker (:mod:`factcheck.engine.speakers`); when it
    names the claim's speaker, the claim's attribution words count as stated.
    """
    al = align(claim, passage, analyzer)
    terms, folded = passage.terms, passage.folded.text
    lo, hi = al.window
    said = ""
    if claim.speaker_terms and speaker and claim.speaker_terms & set(analyzer.terms(speaker)):
        said = speaker
        extra = sum(claim.weights[t] for t in claim.speaker_terms if t not in al.matched)
        al = _with_speaker(al, claim, extra)
    wanted = set(claim.content)
    anchors = sorted(al.matched.values())
    antonyms: list[Reason] = []
    lex = analyzer.lexicon
    if lex.antonyms:
        present: dict[str, int] = {}
        for i in range(lo, hi):
            if not names_a_time(terms, i):
                present.setdefault(terms[i].term, i)
        for t in al.unmatched:
            for u, i in present.items():
                if (t, u) in lex.antonyms:
                    antonyms.append(Reason("antonym", passage.quote(i)))
                    anchors.append(i)
                    break
    events: list[Reason] = []
    share = sum(claim.weights[t] for t in al.matched) / claim.total
    if not _event_kept(claim, passage, lo, hi):
        a_lo = a_hi = -1  # another place's event: its denials say nothing of the claim
    elif anchors and share >= SENTENCE_SHARE:
        a_lo, a_hi = min(anchors), max(anchors) + 1
    elif claim.crosslingual:
        a_lo, a_hi = lo, hi  # nothing to anchor on: the sentence's own polarity
    else:
        a_lo = a_hi = -1
    if a_lo >= 0:
        for kind, i, n in polarity_events(terms, folded, a_lo, a_hi, lo, hi, analyzer, wanted):
            events.append(Reason(kind, passage.quote(i, i + n - 1)))
    agree, conflict = compare_figures(claim, passage, analyzer)
    return Observations(
        alignment=al,
        events=tuple(events),
        antonyms=tuple(antonyms),
        agree=tuple(agree),
        conflict=tuple(conflict),
        figure_missing=(
            "، ".join(_show(q) for q in claim.quantities)
            if _figure_claim(claim) and not agree
            else ""
        ),
        speaker=said,
        claim_negations=claim.negations,
        continuation=asserts_continuation(terms[lo:hi]),
        similarity=similarity,
        negators=(
            len(negation_cues(claim.terms, 0, len(claim.terms), analyzer)),
            len(negation_cues(terms, lo, hi, analyzer)),
        ),
        crosslingual=claim.crosslingual,
        matched_spans=tuple(passage.span(i) for i in sorted(set(al.matched.values()))),
        quantity_spans=tuple((q.start, q.end) for q in passage.quantities),
    )


def _event_kept(claim: ClaimView, passage: PassageView, lo: int, hi: int) -> bool:
    """False when the claim names places and the window names places, none of them the
    claim's (nor compatible): the window tells of an event elsewhere."""
    cplaces = list(dict.fromkeys(claim.passage.places.values()))
    wplaces = [passage.places[i] for i in range(lo, hi) if i in passage.places]
    if not cplaces or not wplaces:
        return True
    return any(
        Gazetteer.compatible(x, y)
        for c in cplaces
        for p in wplaces
        for x in c.places
        for y in p.places
    )


def _with_speaker(al: Alignment, claim: ClaimView, extra: float) -> Alignment:
    return replace(
        al,
        coverage=min(1.0, al.coverage + extra / claim.total),
        unmatched=tuple(t for t in al.unmatched if t not in claim.speaker_terms),
    )


def _count(reasons: Sequence[Reason], kind: str) -> float:
    return float(sum(1 for r in reasons if r.kind == kind))


def vector(obs: Observations) -> list[float]:
    """The observations as numbers, in :data:`FEATURES` order."""
    al = obs.alignment
    slots = al.slots
    return [
        al.coverage,
        1.0 - al.coverage,
        al.extra / max(1, al.window_words),
        al.order,
        float(min(al.window_words, 60)),
        float(len(al.matched) + len(al.unmatched)),
        float(len(al.matched)),
        float(sum(s.kind == "place" for s in slots)),
        float(sum(s.kind == "opposite" for s in slots)),
        float(sum(s.kind == "name" for s in slots)),
        1.0 if al.place_conflict else 0.0,
        _count(obs.events, "negation"),
        _count(obs.events, "denial"),
        _count(obs.events, "falsity"),
        _count(obs.events, "cessation"),
        float(len(obs.antonyms)),
        float(len(obs.claim_negations)),
        1.0 if obs.flipped else 0.0,
        1.0 if obs.continuation else 0.0,
        float(obs.negators[0]),
        float(obs.negators[1]),
        _count(obs.agree, "same_figure"),
        _count(obs.conflict, "different_figure"),
        _count(obs.agree, "same_date"),
        _count(obs.conflict, "different_date"),
        1.0 if obs.figure_missing else 0.0,
        1.0 if obs.speaker else 0.0,
        obs.similarity if obs.similarity is not None else float("nan"),
        1.0 if obs.crosslingual else 0.0,
    ]
