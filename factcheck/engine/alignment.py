"""Alignment of a claim with a passage: which claim words the passage states, in which sentence,
and where it says something else in the same place (a *substitution*).

1. **Matching.** A claim content term meets a passage term when both are the same term (folded,
   stemmed, one synonym concept: :mod:`factcheck.engine.analysis`), name compatible places
   (:mod:`factcheck.text.gazetteer`: «الروسية» and «روسيا», «الموصل» and Mosul), or are near
   spellings of one word (character trigrams: «الإيراني»/«إيران», «مقاتلين»/«مقاتلون»).
2. **The window.** The sentence that states the largest weighted share of the claim: a long
   passage is judged on the sentence that carries the claim, not on its average.
3. **Slots.** The claim's content words and the window's are aligned in order
   (:class:`difflib.SequenceMatcher`, stdlib); a short run where each side holds words the
   other lacks, between words both share, is a slot where the passage says something else:
   «فهم الصراع في **اليمن**» / «فهم الصراع في **سوريا**». Only *typed* slots count: both
   sides hold a place (two incompatible places), a pair of opposites (أعلى/أدنى, ارتفع/انخفض),
   or names (words the language rarely uses: people, organisations); two common words in one
   slot are a rewording more often than not.
   Figures and dates are compared by :mod:`factcheck.figures`, not here.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import lru_cache

from factcheck.engine.analysis import Analyzer
from factcheck.engine.views import ClaimView, PassageView, is_content, rarity
from factcheck.text.gazetteer import Gazetteer, PlaceMention

__all__ = [
    "NAME_RARITY",
    "NEAR",
    "REST_STATED",
    "SLOT_WORDS",
    "Alignment",
    "Slot",
    "align",
]

NEAR = 0.5
"""Character-trigram Jaccard similarity from which two different words count as one."""
SLOT_WORDS = 3
"""Longest run (in content words, each side) read as one substituted slot."""
REST_STATED = 0.5
"""Share of the claim's other words (by weight) the window must state before a different place
in it counts as a substitution. Across languages the other words cannot be matched: there the
stance model weighs the place against the closeness in meaning."""
NAME_RARITY = 0.9
"""Rarity (:func:`~factcheck.engine.views.rarity`) from which a word counts as a name: Zipf
frequency 3.4 or less, about one use in 400,000 words."""


@lru_cache(maxsize=1 << 16)
def _grams(word: str) -> frozenset[str]:
    w = f"#{word}#"
    return frozenset(w[i : i + 3] for i in range(len(w) - 2))


def _near(a: str, b: str) -> bool:
    if len(a) < 3 or len(b) < 3 or a[0].isdigit() or b[0].isdigit():
        return False
    ga, gb = _grams(a), _grams(b)
    return len(ga & gb) >= NEAR * len(ga | gb)


def _names(claim: ClaimView, cterms: list[str], passage: PassageView, pidx: list[int]) -> bool:
    """True when both sides of a slot are names: words the language rarely uses
    (:data:`NAME_RARITY`), such as people and organisations; no named-entity model is needed
    to tell «ترامب» from «القوات», and none that runs offline covers Arabic news names."""
    lang = claim.language or "ar"
    sides = [claim.passage.quote(claim.first[t]) for t in cterms]
    sides += [passage.quote(i) for i in pidx]
    return all(rarity(w, lang) >= NAME_RARITY for w in sides)


def _places_agree(a: PlaceMention, b: PlaceMention) -> bool:
    return any(Gazetteer.compatible(x, y) for x in a.places for y in b.places)


@dataclass(frozen=True)
class Slot:
    """Claim words and passage words aligned in the same place, with nothing in common.

    ``kind`` is ``"place"`` (incompatible places), ``"opposite"`` (a pair of antonyms) or
    ``"name"`` (two names: people, organisations); ``weight`` the claim words' weight;
    ``claim``/``passage`` the words as written; ``span`` the passage words' span in the
    passage's original text.
    """

    kind: str
    claim: str
    passage: str
    weight: float
    span: tuple[int, int]


@dataclass(frozen=True)
class Alignment:
    """What of the claim one passage states, and where it states something else."""

    window: tuple[int, int]
    """Term bounds ``[lo, hi)`` of the sentence that carries the claim."""
    matched: dict[str, int]
    """Claim content term -> passage term index that states it."""
    coverage: float
    """Weighted share of the claim's content the window states (1 = all of it)."""
    unmatched: tuple[str, ...]
    """Claim content terms the window does not state."""
    extra: int
    """Content words of the window that state nothing of the claim."""
    window_words: int
    order: float
    """How much of the claim's word order the window keeps (difflib ratio, 0..1)."""
    slots: tuple[Slot, ...]
    place_conflict: tuple[str, str] | None
    """(claim place, passage place) when the claim names a place the window contradicts."""


def _match(
    claim: ClaimView, passage: PassageView, lo: int, hi: int
) -> tuple[dict[str, int], float]:
    matched: dict[str, int] = {}
    wanted = set(claim.content)
    cterms = claim.passage.terms
    for i in range(lo, hi):
        t = passage.terms[i].term
        if t in wanted and t not in matched:
            matched[t] = i
    for term in claim.content:
        if term in matched:
            continue
        ci = claim.first[term]
        cplace = claim.passage.places.get(ci)
        cword = cterms[ci].word
        for i in range(lo, hi):
            pplace = passage.places.get(i)
            if cplace is not None and pplace is not None:
                if _places_agree(cplace, pplace):
                    matched[term] = i
                    break
                continue
            if _near(cword, passage.terms[i].word) or _near(term, passage.terms[i].term):
                matched[term] = i
                break
    got = sum(claim.weights[t] for t in matched)
    return matched, got / claim.total


def _content_positions(passage: PassageView, lo: int, hi: int) -> list[int]:
    return [i for i in range(lo, hi) if is_content(passage.terms[i])]


def _place_conflict(
    claim: ClaimView, passage: PassageView, lo: int, hi: int, matched: dict[str, int]
) -> tuple[bool, tuple[str, str] | None]:
    """(whether places in this window can be substitutions, the first substituted pair).

    A substitution changes one thing and keeps the rest: the window keeps one of the claim's
    places, or, when the claim names one place only, states the claim's other words
    (:data:`REST_STATED`; not checkable across languages). A passage that keeps nothing of the
    claim's event tells of another one, in which another country is no contradiction.
    """
    cplaces = list(dict.fromkeys(claim.passage.places.values()))
    wplaces = [passage.places[i] for i in range(lo, hi) if i in passage.places]
    if not cplaces or not wplaces:
        return False, None
    kept = [c for c in cplaces if any(_places_agree(c, p) for p in wplaces)]
    rest = [t for t in claim.content if claim.first[t] not in claim.passage.places]
    total = sum(claim.weights[t] for t in rest)
    stated = sum(claim.weights[t] for t in rest if t in matched)
    rest_ok = claim.crosslingual or total == 0 or stated / total >= REST_STATED
    # A kept place shows it is the claim's event; otherwise the rest of the claim must.
    if not (kept or (len(cplaces) == 1 and rest_ok)):
        return False, None
    for c in cplaces:
        others = [p for p in wplaces if not _places_agree(c, p)]
        if c not in kept and others:
            return True, (
                claim.text[c.start : c.end],
                passage.text[others[0].start : others[0].end],
            )
    return True, None


def align(claim: ClaimView, passage: PassageView, analyzer: Analyzer) -> Alignment:
    """Align ``claim`` with ``passage`` (both analysed with ``analyzer``)."""
    best: tuple[float, int, dict[str, int], tuple[int, int]] | None = None
    for lo, hi in passage.sentences or ((0, len(passage.terms)),):
        matched, cov = _match(claim, passage, lo, hi)
        if best is None or cov > best[0] + 1e-9:
            best = (cov, lo, matched, (lo, hi))
    assert best is not None
    coverage, _, matched, (lo, hi) = best
    substitutable, conflict = _place_conflict(claim, passage, lo, hi, matched)

    positions = _content_positions(passage, lo, hi)
    claim_keys = list(claim.content)
    by_index = {i: t for t, i in matched.items()}
    wanted = set(claim_keys)

    def key(i: int) -> str:
        # The term itself when the claim has it (every occurrence, not only the matched one),
        # the claim term it stands for when it matched softly, else a key no claim term has.
        term = passage.terms[i].term
        return term if term in wanted else by_index.get(i, f"\x00{term}")

    window_keys = [key(i) for i in positions]
    sm = difflib.SequenceMatcher(a=claim_keys, b=window_keys, autojunk=False)
    slots: list[Slot] = []
    antonyms = analyzer.lexicon.antonyms
    for op, a1, a2, b1, b2 in sm.get_opcodes():
        if op != "replace" or a2 - a1 > SLOT_WORDS or b2 - b1 > SLOT_WORDS:
            continue
        cterms = claim_keys[a1:a2]
        pidx = positions[b1:b2]
        cplaces = [claim.passage.places.get(claim.first[t]) for t in cterms]
        pplaces = [passage.places.get(i) for i in pidx]
        if any(cplaces) and any(pplaces):
            if not substitutable or any(
                _places_agree(c, p) for c in cplaces if c for p in pplaces if p
            ):
                continue
            kind = "place"
        elif any((c, passage.terms[i].term) in antonyms for c in cterms for i in pidx):
            kind = "opposite"
        elif claim.crosslingual or not _names(claim, cterms, passage, pidx):
            # Two common words in one slot are most often a rewording (القوات / الجنود,
            # تشكّل / شُكّل); across languages words always differ. Only names are checked.
            continue
        else:
            kind = "name"
        words = [claim.passage.quote(claim.first[t]) for t in cterms]
        slots.append(
            Slot(
                kind=kind,
                claim=" ".join(words),
                passage=passage.quote(pidx[0], pidx[-1]),
                weight=sum(claim.weights[t] for t in cterms),
                span=passage.span(pidx[0], pidx[-1]),
            )
        )
    return Alignment(
        window=(lo, hi),
        matched=matched,
        coverage=min(1.0, coverage),
        unmatched=tuple(t for t in claim.content if t not in matched),
        extra=sum(1 for k in window_keys if k.startswith("\x00")),
        window_words=len(positions),
        order=sm.ratio(),
        slots=tuple(slots),
        place_conflict=conflict,
    )
