"""Polarity: what turns a passage against the claim words it carries.

Negation particles governing the matched words (لم، لن، لا، ليس، غير، عدم …), a denial verb
introducing them (نفى، نفت، أنكر …), a falsity predicate about them («غير صحيح»، «عارٍ عن
الصحة» …) and cessation words governing claim words (انسحاب، إنهاء، وقف …: negation of
presence). The cue lists are the lexicon's (:mod:`factcheck.text.lexicon`); this module reads
them off a passage's terms, sentence by sentence, and says where each event is so that the
desk can quote it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from factcheck.engine.analysis import Analyzer, Term
from factcheck.text.vocabulary import folded_set, month_words, strip_conjunction

__all__ = [
    "asserts_continuation",
    "find_phrases",
    "names_a_time",
    "negation_cues",
    "polarity_events",
]

_PRE_WINDOW = 5  # tokens before the matched words in which a negator still governs them
_GOVERN_WINDOW = 3  # tokens after a cessation word in which it still governs a claim word
_TEMPORAL = frozenset({"بحلول", "حلول", "بعد", "قبل", "حتي", "مع", "منذ", "عند", "لدي"})
_DEMONSTRATIVES = folded_set("هذا هذه ذلك تلك")
# Nouns of time after which «نهاية/بداية/آخر» name a time, not an event («نهاية العام»).
_TIME_NOUNS = month_words() | folded_set(
    "العام عام السنة سنة الشهر شهر الأسبوع أسبوع اليوم يوم الفترة المطاف الموسم العقد القرن "
    "الأسبوع الولاية الدورة"
)
CLAUSE_BREAK = re.compile(r"[,;:.!?\"()\[\]\n]|\s-\s")
_CLAUSE_WORDS = frozenset({"بل", "لكن", "لكنه", "لكنها", "ولكن", "بينما", "الا", "اما"})


def names_a_time(terms: Sequence[Term], i: int) -> bool:
    """True when ``terms[i]`` names a time rather than an event: after a temporal preposition
    («بحلول نهاية العام»، «بعد الانسحاب») or before a noun of time («نهاية العام»، «بداية
    الشهر»). Such a word («نهاية»، «بداية») is no predicate to flip a claim with."""
    before = terms[i - 1].word if i > 0 else ""
    j = i + 1
    if j < len(terms) and terms[j].word in _DEMONSTRATIVES:  # «نهاية هذا العام»
        j += 1
    after = strip_conjunction(terms[j].word) if j < len(terms) else ""
    return before in _TEMPORAL or after in _TIME_NOUNS


def negation_cues(terms: Sequence[Term], lo: int, hi: int, analyzer: Analyzer) -> list[int]:
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


def asserts_continuation(terms: Sequence[Term]) -> bool:
    """True when the text says something *still* holds (لا تزال، ما زال، مازال …)."""
    prev = ""
    for t in terms:
        w = strip_conjunction(t.word, rest=3)
        if (w in _STILL and prev in ("لا", "ما")) or (w[:2] == "ما" and w[2:] in _STILL):
            return True
        prev = w if len(w) > 1 else prev
    return False


def find_phrases(
    words: Sequence[str], heads: Mapping[str, Sequence[tuple[str, ...]]], lo: int, hi: int
) -> list[tuple[int, int]]:
    """(start, length) in ``words[lo:hi]`` of any phrase, given by first word (which may carry
    و/ف)."""
    out = []
    for i in range(lo, hi):
        w, bare = words[i], strip_conjunction(words[i])
        for cand in (w,) if bare == w else (w, bare):
            for p in heads.get(cand, ()):
                if tuple(words[i + 1 : i + len(p)]) == p[1:]:
                    out.append((i, len(p)))
                    break
    return out


def polarity_events(
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

    falsity = find_phrases(words, lex.falsity_heads, s_lo, s_hi)
    in_falsity = {i + k for i, n in falsity for k in range(n)}

    start = lo
    while start > max(s_lo, lo - _PRE_WINDOW):
        gap = folded[terms[start - 1].end : terms[start].start]
        if CLAUSE_BREAK.search(gap) or words[start - 1] in _CLAUSE_WORDS:
            break
        start -= 1
    negs = [i for i in negation_cues(terms, start, hi, analyzer) if i not in in_falsity]
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
        if t not in lex.cessation or t in wanted or names_a_time(terms, i):
            continue
        if any(
            terms[k].term in wanted
            and not CLAUSE_BREAK.search(folded[terms[i].end : terms[k].start])
            for k in range(i + 1, min(hi, i + 1 + _GOVERN_WINDOW))
        ):
            events.append(("cessation", i, 1))
            break
    return events
