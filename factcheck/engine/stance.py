"""Stance of a passage towards a claim: support, contradict or neutral, with checkable reasons.

The judgement is built from evidence an editor can verify by reading the passage:

1. **Alignment.** Claim content terms (folded, stemmed, synonym concepts; see
   :mod:`factcheck.engine.analysis`) are matched in the passage's best sentence. *Coverage* is the
   weighted share of claim terms found there (rare terms weigh more). A passage that only
   mentions the topic covers little of the claim and stays ``neutral``.
2. **Polarity.** Negation particles (لم، لن، لا، ليس، غير، عدم …) governing the matched words,
   a denial verb introducing them (نفى، نفت، أنكر …) or a falsity predicate about them
   («غير صحيح»، «عارٍ عن الصحة» …) flip the passage's polarity; the claim gets the same
   analysis, so «غير قابل للتمديد» supports a claim that the date cannot be extended and
   contradicts one that it can. Antonyms from the lexicon (خفض ↔ زيادة …) flip it too, and
   so do cessation words (انسحاب، إنهاء، وقف …) governing claim words: they negate presence.
   A passage that merely lacks the claim's negation must state nearly all of the claim before
   it counts as asserting the opposite.
3. **Quantities and dates.** The claim's figures are compared with the passage's figures of
   the same kind about the same measured thing (the unit noun: 2100 شحنة vs 5000 شحنة; percent
   vs percent; dates as partial dates, so «31 ديسمبر 2021», «31 كانون الأول» and «31/12/2021»
   agree, and only dates in the same role clash: a deadline «بحلول …» is not the day of an
   announcement). A different figure contradicts; the same figure supports; a claim about a
   figure or a day is not supported by a passage that does not state it.

Each rule earns its place on the dev set in ``benchmarks/evidence_eval.py`` (figures in the
README); thresholds are module constants so a newsroom can audit them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from factcheck.engine.analysis import Analyzer, Term
from factcheck.engine.polarity import asserts_continuation, polarity_events
from factcheck.engine.speakers import attribution
from factcheck.figures import (
    comparable,
    date_role,
    extract_quantities,
    figures_agree,
    same_precision,
)
from factcheck.records import Quantity, Reason, Stance
from factcheck.text.arabic import STOPWORDS, Folded, fold_with_map
from factcheck.text.arabic import fold as fold_text

__all__ = ["ClaimView", "Judgement", "PassageView", "judge", "view_claim", "view_passage"]

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
ATTRIBUTION_WEIGHT = 0.3
"""Weight factor of a claim's attribution words («قال اللواء ... إن»)."""
SENTENCE_SHARE = 0.3
"""Share of the claim's weight a sentence must carry before its negations count (a passing
mention of a claim word in another sentence does not flip the passage)."""

_SENTENCE_END = re.compile(r"[.!?\n]+")


@dataclass(frozen=True)
class ClaimView:
    """A claim analysed once, reused against every candidate passage."""

    text: str
    folded: str
    terms: tuple[Term, ...]
    content: tuple[str, ...]
    weights: dict[str, float]
    negations: tuple[str, ...]
    quantities: tuple[Quantity, ...]
    speaker_terms: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Judgement:
    stance: Stance
    confidence: float
    reasons: tuple[Reason, ...]
    coverage: float
    matched: tuple[tuple[int, int], ...]
    quantity_spans: tuple[tuple[int, int], ...]
    figures_compared: bool = False
    """True when a figure or date of the claim was compared with one in the passage."""


def _is_content(term: Term) -> bool:
    return term.word not in STOPWORDS and not term.word[0].isdigit() and len(term.word) > 1


def view_claim(
    claim: str, analyzer: Analyzer, idf: Callable[[str], float], idf_max: float
) -> ClaimView:
    """Analyse a claim once: content terms with weights, its own negations, its quantities."""
    fm = fold_with_map(claim)
    folded = fm.text
    terms = tuple(analyzer.positioned(folded))
    # «قال X إن Y»: the statement to check is Y; who said it is checked against the passage's
    # speaker instead, so the attribution words weigh little on their own.
    attrib = attribution(claim)
    in_attrib: set[str] = set()
    if attrib is not None:
        a_lo, a_hi = attrib.span
        for t in terms:
            o_lo, o_hi = fm.to_original(t.start, t.end)
            if (a_lo <= o_lo and o_hi <= a_hi) or claim[o_lo:o_hi] == attrib.cue:
                in_attrib.add(t.term)
    quantities = tuple(extract_quantities(claim))
    # Words of a figure or date («30 نوفمبر 2021») are compared as quantities, not as words.
    in_quantity = {
        i
        for i, t in enumerate(terms)
        for q in quantities
        if q.start <= fm.to_original(t.start, t.end)[0] < q.end
    }
    content: list[str] = []
    weights: dict[str, float] = {}
    for i, t in enumerate(terms):
        if _is_content(t) and t.term not in weights and i not in in_quantity:
            content.append(t.term)
            known = idf(t.term)
            # Weights stay in [0.5, 1] so that tiny corpora (a headline pair) still judge sanely;
            # a term unknown to the corpus weighs fully: its absence is informative.
            w = 1.0 if known <= 0 else 0.5 + 0.5 * min(1.0, known / max(idf_max, 1e-9))
            weights[t.term] = w * ATTRIBUTION_WEIGHT if t.term in in_attrib else w
    events = polarity_events(terms, folded, 0, len(terms), 0, len(terms), analyzer, set(content))
    # (a claim's own cessation words are claim words, so only its negations count here)
    return ClaimView(
        text=claim,
        folded=folded,
        terms=terms,
        content=tuple(content),
        weights=weights,
        negations=tuple(k for k, _, _ in events),
        quantities=quantities,
        speaker_terms=frozenset(in_attrib & weights.keys()),
    )


def _show(q: Quantity) -> str:
    return q.text.strip()


def _compare_quantities(
    claim: ClaimView, qs: Sequence[Quantity], analyzer: Analyzer, passage_text: str = ""
) -> tuple[list[Reason], list[Reason], list[Quantity]]:
    """(agreements, conflicts, passage quantities involved) for the claim's figures."""
    agree: list[Reason] = []
    conflict: list[Reason] = []
    used: list[Quantity] = []
    for qc in claim.quantities:
        if qc.kind == "date":
            cands = [q for q in qs if q.kind == "date" and q.date is not None]
            if qc.date is None or not cands:
                continue
            ok = [q for q in cands if figures_agree(qc, q)]
            if ok:
                agree.append(Reason("same_date", _show(ok[0]), _show(qc)))
                used.append(ok[0])
                continue
            # Only dates of the same precision and the same role can clash (a year alone vs a
            # day is no clash; nor is the day something was announced vs a deadline).
            role = date_role(claim.text, qc)
            same_grain = [
                q
                for q in cands
                if same_precision(q.date, qc.date) and date_role(passage_text, q) == role
            ]
            if same_grain:
                conflict.append(Reason("different_date", _show(same_grain[0]), _show(qc)))
                used.append(same_grain[0])
            continue
        if qc.value is None:
            continue
        if qc.kind == "percent":
            cands = [q for q in qs if comparable(qc, q)]
        else:
            unit = analyzer.term(fold_text(qc.unit)) if qc.unit else ""
            if not unit:
                continue
            cands = [
                q
                for q in qs
                if comparable(qc, q) and q.unit and analyzer.term(fold_text(q.unit)) == unit
            ]
        if not cands:
            continue
        ok = [q for q in cands if figures_agree(qc, q)]
        if ok:
            agree.append(Reason("same_figure", _show(ok[0]), _show(qc)))
            used.append(ok[0])
        else:
            conflict.append(Reason("different_figure", _show(cands[0]), _show(qc)))
            used.append(cands[0])
    return agree, conflict, used


def _sentences(terms: Sequence[Term], folded: str) -> list[tuple[int, int]]:
    bounds = []
    lo = 0
    for i in range(1, len(terms)):
        if _SENTENCE_END.search(folded[terms[i - 1].end : terms[i].start]):
            bounds.append((lo, i))
            lo = i
    bounds.append((lo, len(terms)))
    return bounds


@dataclass(frozen=True)
class PassageView:
    """A passage analysed once, whatever the claim: folded form with its offset map, terms and
    figures. The engine caches these per passage (an editor checks many claims against the same
    few hundred passages of a story)."""

    folded: Folded
    terms: tuple[Term, ...]
    quantities: tuple[Quantity, ...]

    @property
    def text(self) -> str:
        return self.folded.original


def view_passage(text: str, analyzer: Analyzer) -> PassageView:
    """Analyse one passage (original text) for :func:`judge`."""
    fm = fold_with_map(text)
    return PassageView(fm, tuple(analyzer.positioned(fm.text)), extract_quantities(text))


def judge(
    claim: ClaimView, passage: PassageView, analyzer: Analyzer, speaker: str = ""
) -> Judgement:
    """Judge one analysed passage (:func:`view_passage`) against an analysed claim.

    ``speaker`` is the passage's attributed speaker (:mod:`factcheck.engine.speakers` resolves
    «وأضاف أن ...» continuations); when it names the claim's speaker, the claim's attribution
    words count as matched.
    """
    fm, terms, qs = passage.folded, passage.terms, passage.quantities
    passage_text = passage.text
    lex = analyzer.lexicon
    total = sum(claim.weights.values()) or 1.0
    wanted = set(claim.content)

    hits = [i for i, t in enumerate(terms) if t.term in wanted]
    found = {terms[i].term for i in hits}
    reasons: list[Reason] = []
    if claim.speaker_terms and speaker:
        spoken = set(analyzer.terms(speaker))
        same = claim.speaker_terms & spoken
        if same:
            found |= claim.speaker_terms
            reasons.append(Reason("speaker", speaker))
    got = sum(claim.weights[t] for t in found)

    antonym_hits: list[tuple[str, int]] = []
    if lex.antonyms:
        present: dict[str, int] = {}
        for i, t in enumerate(terms):
            present.setdefault(t.term, i)
        for t in wanted - found:
            for u, i in present.items():
                if (t, u) in lex.antonyms:
                    antonym_hits.append((t, i))
                    got += claim.weights[t]
                    break
    coverage = min(1.0, got / total)
    matched = tuple(fm.to_original(terms[i].start, terms[i].end) for i in hits)
    if not hits:
        return Judgement("neutral", 0.0, (Reason("no_overlap"),), 0.0, (), ())

    agree, conflict, _ = _compare_quantities(claim, qs, analyzer, passage_text)
    compared = bool(agree or conflict)
    q_spans = tuple((q.start, q.end) for q in qs)
    matched_words = "، ".join(
        dict.fromkeys(
            passage_text[slice(*fm.to_original(terms[i].start, terms[i].end))] for i in hits
        )
    )
    reasons.insert(0, Reason("coverage", matched_words, f"{coverage:.0%}"))

    if coverage < REL_NEUTRAL:
        reasons.append(Reason("topic_only"))
        return Judgement(
            "neutral", round(1 - coverage, 2), tuple(reasons), coverage, matched, q_spans
        )

    # Polarity is read sentence by sentence, around the claim words each sentence carries, and
    # only in sentences that carry a real share of the claim (not a passing mention).
    events: list[tuple[str, int, int]] = []
    anchors = sorted(hits + [i for _, i in antonym_hits])
    for s_lo, s_hi in _sentences(terms, fm.text):
        inside = [i for i in anchors if s_lo <= i < s_hi]
        share = sum(claim.weights[t] for t in {terms[i].term for i in inside} & wanted)
        if not inside or share / total < SENTENCE_SHARE:
            continue
        events += polarity_events(
            terms, fm.text, inside[0], inside[-1] + 1, s_lo, s_hi, analyzer, wanted
        )
    flips = len(events) + len(antonym_hits)
    for kind, i, n in events:
        a, _ = fm.to_original(terms[i].start, terms[i].end)
        _, b = fm.to_original(terms[i + n - 1].start, terms[i + n - 1].end)
        reasons.append(Reason(kind, passage_text[a:b]))
    for _, i in antonym_hits:
        a, b = fm.to_original(terms[i].start, terms[i].end)
        reasons.append(Reason("antonym", passage_text[a:b]))
    if claim.negations:
        reasons.append(Reason("claim_negated", detail=", ".join(claim.negations)))
    flipped = (flips + len(claim.negations)) % 2 == 1
    # A passage that simply does not repeat the claim's negation has not asserted the opposite
    # unless it states nearly everything else the claim says.
    # «لا تزال/ما زال» asserts the positive explicitly, as strongly as a negation denies it.
    needed = REL_CONTRADICT if flips or asserts_continuation(terms) else REL_CONTRADICT_UNNEGATED

    if flipped and coverage >= needed:
        reasons.extend(conflict)
        conf = min(0.95, 0.5 + 0.5 * coverage)
        return Judgement(
            "contradict", round(conf, 2), tuple(reasons), coverage, matched, q_spans, compared
        )
    if conflict and coverage >= REL_FIGURE:
        reasons.extend(conflict)
        conf = min(0.95, 0.45 + 0.5 * coverage)
        return Judgement(
            "contradict", round(conf, 2), tuple(reasons), coverage, matched, q_spans, compared
        )
    if flipped:
        reasons.append(Reason("partial_negation"))
        return Judgement("neutral", 0.5, tuple(reasons), coverage, matched, q_spans, compared)

    reasons.extend(agree)
    if agree and coverage >= REL_FIGURE:
        conf = min(0.95, 0.5 + 0.5 * coverage)
        return Judgement(
            "support", round(conf, 2), tuple(reasons), coverage, matched, q_spans, compared
        )
    # A claim about a figure (a percent, a count of something, a day or month) is only confirmed
    # by that figure; a bare year does not block support.
    figure_claim = any(
        q.kind == "percent"
        or (q.kind == "number" and q.unit)
        or (q.kind == "date" and q.date is not None and q.date.month is not None)
        for q in claim.quantities
    )
    if coverage >= REL_SUPPORT and not (figure_claim and not agree):
        conf = min(0.9, 0.3 + 0.6 * coverage)
        return Judgement(
            "support", round(conf, 2), tuple(reasons), coverage, matched, q_spans, compared
        )
    if figure_claim and not agree:
        reasons.append(
            Reason("figure_missing", detail="، ".join(_show(q) for q in claim.quantities))
        )
    else:
        reasons.append(Reason("partial"))
    return Judgement(
        "neutral", round(1 - coverage / 2, 2), tuple(reasons), coverage, matched, q_spans, compared
    )
