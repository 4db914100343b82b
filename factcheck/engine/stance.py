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
from functools import lru_cache

from factcheck.engine.analysis import Analyzer, Term
from factcheck.engine.speakers import attribution
from factcheck.figures.quantities import dates_compatible, extract_quantities
from factcheck.records import Quantity, Stance
from factcheck.text.arabic import STOPWORDS, Folded, fold_with_map
from factcheck.text.arabic import fold as fold_text
from factcheck.text.vocabulary import strip_conjunction

__all__ = ["ClaimView", "Judgement", "judge", "view_claim"]

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

_PRE_WINDOW = 5  # tokens before the matched words in which a negator still governs them
_GOVERN_WINDOW = 3  # tokens after a cessation word in which it still governs a claim word
_TEMPORAL = frozenset({"بحلول", "حلول", "بعد", "قبل", "حتي", "مع", "منذ", "عند", "لدي"})
_CLAUSE_BREAK = re.compile(r"[,;:.!?\"()\[\]\n]|\s-\s")
_CLAUSE_WORDS = frozenset({"بل", "لكن", "لكنه", "لكنها", "ولكن", "بينما", "الا", "اما"})
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
    reasons: tuple[str, ...]
    coverage: float
    matched: tuple[tuple[int, int], ...]
    quantity_spans: tuple[tuple[int, int], ...]
    figures_compared: bool = False
    """True when a figure or date of the claim was compared with one in the passage."""


def _is_content(term: Term) -> bool:
    return term.word not in STOPWORDS and not term.word[0].isdigit() and len(term.word) > 1


def _negation_cues(terms: Sequence[Term], lo: int, hi: int, analyzer: Analyzer) -> list[int]:
    """Indices in ``terms[lo:hi]`` where a negation particle starts (not «لا تزال» and kin)."""
    lex = analyzer.lexicon
    words = [t.word for t in terms]
    hits = []
    i = lo
    while i < hi:
        w = words[i]
        bare = strip_conjunction(w)
        two = (bare, words[i + 1]) if i + 1 < len(words) else None
        if two in lex.not_negation or (bare,) in lex.not_negation:
            i += 2
            continue
        if (bare,) in lex.negators or two in lex.negators:
            hits.append(i)
        i += 1
    return hits


_STILL = frozenset({"زال", "زالت", "يزال", "تزال", "يزالون", "زالوا"})


def _asserts_continuation(terms: Sequence[Term]) -> bool:
    """True when the text says something *still* holds (لا تزال، ما زال، مازال …)."""
    prev = ""
    for t in terms:
        w = strip_conjunction(t.word, rest=3)
        if (w in _STILL and prev in ("لا", "ما")) or (w[:2] == "ما" and w[2:] in _STILL):
            return True
        prev = w if len(w) > 1 else prev
    return False


@lru_cache(maxsize=16)
def _by_head(phrases: frozenset[tuple[str, ...]]) -> dict[str, list[tuple[str, ...]]]:
    heads: dict[str, list[tuple[str, ...]]] = {}
    for p in phrases:
        heads.setdefault(p[0], []).append(p)
    return heads


def _find_phrases(words: Sequence[str], phrases: frozenset[tuple[str, ...]], lo: int, hi: int):
    """Start indices in ``words[lo:hi]`` of any phrase (first word may carry و/ف)."""
    heads = _by_head(phrases)
    out = []
    for i in range(lo, hi):
        w, bare = words[i], strip_conjunction(words[i])
        for cand in (w,) if bare == w else (w, bare):
            for p in heads.get(cand, ()):
                if tuple(words[i + 1 : i + len(p)]) == p[1:]:
                    out.append((i, len(p)))
                    break
    return out


def _polarity(
    terms: Sequence[Term],
    folded: str,
    lo: int,
    hi: int,
    s_lo: int,
    s_hi: int,
    analyzer: Analyzer,
    wanted: frozenset[str] | set[str] = frozenset(),
) -> list[tuple[str, int, int]]:
    """Negation events governing ``terms[lo:hi]`` inside sentence ``terms[s_lo:s_hi]``.

    Returns (kind, first token index, token count) for each event: a negator in or just before
    the matched words (not across a clause break), a denial verb earlier in the sentence, a
    falsity predicate later in it, or a cessation word (انسحاب، إنهاء، توقف …) that is not itself
    a claim word but governs claim words (``wanted``). Cessation is negation of presence:
    «ستنهي مهمتها القتالية» says what «لن تكون هناك قوات قتالية» says. A cessation word the claim
    shares («بدأ الانسحاب» / «لم تجرِ عملية انسحاب») cancels out and is not counted; one after a
    temporal preposition («بحلول نهاية العام»، «بعد الانسحاب») is a time, not a predicate.
    Denial, falsity and cessation each count once: «غير دقيق وغير صحيح» is one denial.
    """
    lex = analyzer.lexicon
    words = [t.word for t in terms]
    events: list[tuple[str, int, int]] = []

    falsity = _find_phrases(words, lex.falsity, s_lo, s_hi)
    in_falsity = {i + k for i, n in falsity for k in range(n)}

    start = lo
    while start > max(s_lo, lo - _PRE_WINDOW):
        gap = folded[terms[start - 1].end : terms[start].start]
        if _CLAUSE_BREAK.search(gap) or words[start - 1] in _CLAUSE_WORDS:
            break
        start -= 1
    negs = [i for i in _negation_cues(terms, start, hi, analyzer) if i not in in_falsity]
    # Adjacent particles (لا ... ولا) negate one thing; count runs, not tokens.
    runs = [i for k, i in enumerate(negs) if k == 0 or i - negs[k - 1] > 2]
    events += [("negation", i, 1) for i in runs]

    # A denial verb governs what follows it: before the matched words («نفت الوزارة أن …») or
    # among them in headline order («الحكومة تنفي تمديد …»), never after the last of them.
    for i in range(s_lo, hi - 1):
        w = words[i]
        if w in lex.denial or strip_conjunction(w) in lex.denial:
            events.append(("denial", i, 1))
            break
    later = [(i, n) for i, n in falsity if i >= lo]
    if later:
        events.append(("falsity", later[0][0], later[0][1]))
    for i in range(start, hi):
        t = terms[i].term
        if t not in lex.cessation or t in wanted or (i > 0 and words[i - 1] in _TEMPORAL):
            continue
        if any(
            terms[k].term in wanted
            and not _CLAUSE_BREAK.search(folded[terms[i].end : terms[k].start])
            for k in range(i + 1, min(hi, i + 1 + _GOVERN_WINDOW))
        ):
            events.append(("cessation", i, 1))
            break
    return events


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
    events = _polarity(terms, folded, 0, len(terms), 0, len(terms), analyzer, set(content))
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


def _interval(q: Quantity) -> tuple[float, float]:
    """Reporting convention for qualified figures: «أكثر من X» is read as X..1.5X, «نحو X» as
    ±15 %, «أقل من X» as X/2..X, so «أكثر من 2100» does not back a claim of 5000."""
    v = float(q.value or 0.0)
    qual = getattr(q, "qualifier", "") or ""
    if qual == "more_than":
        return v, v * 1.5
    if qual == "less_than":
        return v * 0.5, v
    if qual == "about":
        return v * 0.85, v * 1.15
    tol = abs(v) * 0.005
    return v - tol, v + tol


def _overlap(a: Quantity, b: Quantity) -> bool:
    a_lo, a_hi = _interval(a)
    b_lo, b_hi = _interval(b)
    return a_lo <= b_hi and b_lo <= a_hi


def _show(q: Quantity) -> str:
    return q.text.strip()


# The role a date plays is read off the word before it: «بحلول/حتى/قبل 31 ديسمبر» is a deadline,
# «منذ 2014» a start, «بعد» a later point, anything else («في 26 تموز»، «هو 30 نوفمبر») the time
# of the event. Only dates in the same role can clash: «أعلن في 26 تموز ... بحلول نهاية العام»
# says nothing against a deadline of 31 December.
_DATE_ROLES = {
    "بحلول": "deadline",
    "حلول": "deadline",
    "حتي": "deadline",
    "قبل": "deadline",
    "موعد": "deadline",
    "اقصاه": "deadline",
    "منذ": "since",
    "بعد": "after",
}
_WORD_BEFORE = re.compile(r"(\w+)\W*$")


def _date_role(text: str, q: Quantity) -> str:
    m = _WORD_BEFORE.search(fold_text(text[max(0, q.start - 40) : q.start]))
    if not m:
        return "at"
    word = m.group(1)
    if word not in _DATE_ROLES:
        word = strip_conjunction(word, rest=3)
    return _DATE_ROLES.get(word, "at")


def _compare_quantities(
    claim: ClaimView, qs: Sequence[Quantity], analyzer: Analyzer, passage_text: str = ""
) -> tuple[list[str], list[str], list[Quantity]]:
    """(agreements, conflicts, passage quantities involved) for the claim's figures."""
    agree: list[str] = []
    conflict: list[str] = []
    used: list[Quantity] = []
    for qc in claim.quantities:
        if qc.kind == "date":
            cands = [q for q in qs if q.kind == "date" and q.date is not None]
            if qc.date is None or not cands:
                continue
            ok = [q for q in cands if dates_compatible(qc.date, q.date)]
            if ok:
                agree.append(f"التاريخ نفسه: «{_show(ok[0])}» (same date)")
                used.append(ok[0])
                continue
            # Only dates of the same precision and the same role can clash (a year alone vs a
            # day is no clash; nor is the day something was announced vs a deadline).
            role = _date_role(claim.text, qc)
            same_grain = [
                q
                for q in cands
                if (q.date.day is None) == (qc.date.day is None)
                and (q.date.month is None) == (qc.date.month is None)
                and _date_role(passage_text, q) == role
            ]
            if same_grain:
                conflict.append(
                    f"تاريخ مختلف: «{_show(same_grain[0])}» مقابل «{_show(qc)}» (different date)"
                )
                used.append(same_grain[0])
            continue
        if qc.value is None:
            continue
        if qc.kind == "percent":
            cands = [q for q in qs if q.kind == "percent" and q.value is not None]
        else:
            unit = analyzer.term(fold_text(qc.unit)) if qc.unit else ""
            if not unit:
                continue
            cands = [
                q
                for q in qs
                if q.kind == "number"
                and q.value is not None
                and q.unit
                and analyzer.term(fold_text(q.unit)) == unit
            ]
        if not cands:
            continue
        ok = [q for q in cands if _overlap(qc, q)]
        if ok:
            agree.append(f"الرقم نفسه: «{_show(ok[0])}» (same figure)")
            used.append(ok[0])
        else:
            conflict.append(
                f"رقم مختلف: «{_show(cands[0])}» مقابل «{_show(qc)}» (different figure)"
            )
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


@lru_cache(maxsize=4096)
def _passage_view(
    text: str, analyzer: Analyzer
) -> tuple[Folded, tuple[Term, ...], tuple[Quantity, ...]]:
    """A passage's folded form, terms and figures: claim-independent, so cached; an editor checks
    many claims against the same few hundred passages of a story."""
    fm = fold_with_map(text)
    return fm, tuple(analyzer.positioned(fm.text)), extract_quantities(text)


def judge(claim: ClaimView, passage_text: str, analyzer: Analyzer, speaker: str = "") -> Judgement:
    """Judge one passage (original text) against an analysed claim.

    ``speaker`` is the passage's attributed speaker (:mod:`factcheck.engine.speakers` resolves
    «وأضاف أن ...» continuations); when it names the claim's speaker, the claim's attribution
    words count as matched.
    """
    fm, terms, qs = _passage_view(passage_text, analyzer)
    lex = analyzer.lexicon
    total = sum(claim.weights.values()) or 1.0
    wanted = set(claim.content)

    hits = [i for i, t in enumerate(terms) if t.term in wanted]
    found = {terms[i].term for i in hits}
    reasons: list[str] = []
    if claim.speaker_terms and speaker:
        spoken = set(analyzer.terms(speaker))
        same = claim.speaker_terms & spoken
        if same:
            found |= claim.speaker_terms
            reasons.append(f"المتحدث نفسه: {speaker} (same speaker)")
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
        return Judgement(
            "neutral", 0.0, ("لا تطابق مع الادعاء (no overlap with the claim)",), 0.0, (), ()
        )

    agree, conflict, _ = _compare_quantities(claim, qs, analyzer, passage_text)
    compared = bool(agree or conflict)
    q_spans = tuple((q.start, q.end) for q in qs)
    matched_words = "، ".join(dict.fromkeys(terms[i].word for i in hits))
    reasons.insert(0, f"تغطية {coverage:.0%} من كلمات الادعاء: {matched_words} (claim coverage)")

    if coverage < REL_NEUTRAL:
        reasons.append("يذكر الموضوع فقط (mentions the topic only)")
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
        if not inside or share / total < 0.3:
            continue
        events += _polarity(terms, fm.text, inside[0], inside[-1] + 1, s_lo, s_hi, analyzer, wanted)
    flips = len(events) + len(antonym_hits)
    for kind, i, n in events:
        a, _ = fm.to_original(terms[i].start, terms[i].end)
        _, b = fm.to_original(terms[i + n - 1].start, terms[i + n - 1].end)
        label = {
            "negation": "نفي",
            "denial": "تكذيب",
            "falsity": "وصف بعدم الصحة",
            "cessation": "انتهاء أو انسحاب",
        }[kind]
        reasons.append(f"{label}: «{passage_text[a:b]}» ({kind})")
    for _, i in antonym_hits:
        a, b = fm.to_original(terms[i].start, terms[i].end)
        reasons.append(f"عكس المعنى: «{passage_text[a:b]}» (opposite meaning)")
    if claim.negations:
        reasons.append(f"الادعاء نفسه منفي ({', '.join(claim.negations)})")
    flipped = (flips + len(claim.negations)) % 2 == 1
    # A passage that simply does not repeat the claim's negation has not asserted the opposite
    # unless it states nearly everything else the claim says.
    # «لا تزال/ما زال» asserts the positive explicitly, as strongly as a negation denies it.
    needed = REL_CONTRADICT if flips or _asserts_continuation(terms) else REL_CONTRADICT_UNNEGATED

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
        reasons.append("النفي لا يخص الادعاء كاملاً (negation, but partial match)")
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
        reasons.append("لا يذكر الرقم أو التاريخ الوارد في الادعاء (figure not stated)")
    else:
        reasons.append("تطابق جزئي (partial match)")
    return Judgement(
        "neutral", round(1 - coverage / 2, 2), tuple(reasons), coverage, matched, q_spans, compared
    )


def quantity_summary_of(quantities: Sequence[Quantity]) -> list[dict]:
    """Parsed figures for display and JSON output."""
    out = []
    for q in quantities:
        item = {"kind": q.kind, "text": q.text, "start": q.start, "end": q.end}
        if q.value is not None:
            item["value"] = q.value
        if q.date is not None:
            item["date"] = str(q.date)
        if q.unit:
            item["unit"] = q.unit
        out.append(item)
    return out
