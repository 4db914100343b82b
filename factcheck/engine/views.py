"""Claims and passages analysed once: terms, weights, figures, places, sentences, language.

Stance compares one claim with many passages, and an editor checks many claims against the same
passages, so each side is analysed once (:func:`view_claim`, :func:`view_passage`) and the
judgement only aligns two views.

Words weigh by their **rarity in the language** (``wordfreq``'s Zipf frequency of the word as
written): «انسحاب» says more than «القوات», a name unknown to the word list says the most. It is
the language's rarity, not the corpus's, so a claim weighs the same against a headline pair, a
five-article sample and a 100,000-article archive, and the stance model learns one scale.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from factcheck.engine.analysis import Analyzer, Term
from factcheck.engine.polarity import polarity_events
from factcheck.engine.speakers import attribution
from factcheck.figures import extract_quantities
from factcheck.records import Quantity
from factcheck.text.arabic import STOPWORDS, Folded, fold_with_map, is_arabic
from factcheck.text.gazetteer import PlaceMention, default_gazetteer

__all__ = [
    "ATTRIBUTION_WEIGHT",
    "ClaimView",
    "PassageView",
    "is_content",
    "language_of",
    "rarity",
    "view_claim",
    "view_passage",
]

ATTRIBUTION_WEIGHT = 0.3
"""Weight factor of a claim's attribution words («قال اللواء ... إن»): who said it is checked
against the passage's speaker, the statement is what must match."""

_LATIN_WORD = re.compile(r"[A-Za-zÀ-ÿ]+")
_SENTENCE_END = re.compile(r"[.!?\n]+")
_FRENCH = frozenset(
    "le la les des du une est sont pas ont été qui que dans pour avec par sur aux au ne plus "
    "ces cette selon lors".split()
)


def language_of(text: str) -> str:
    """``"ar"`` for Arabic text; ``"fr"`` or ``"en"`` for Latin-script text (a handful of French
    function words decide); ``""`` when there are no letters at all."""
    if is_arabic(text):
        return "ar"
    latin = [w.lower() for w in _LATIN_WORD.findall(text)]
    if not latin:
        return ""
    return "fr" if sum(w in _FRENCH for w in latin) >= max(1, len(latin) // 8) else "en"


@lru_cache(maxsize=1 << 16)
def rarity(word: str, lang: str = "ar") -> float:
    """How much a word says, in [0.25, 1]: 1 for rare words (and words the list does not know:
    names, typos), falling with frequency to 0.25 for the commonest (Zipf 7 and up)."""
    from wordfreq import zipf_frequency  # loads its table on first use (~0.3 s)

    zipf = zipf_frequency(word, lang or "ar")
    if zipf <= 0:
        return 1.0
    return min(1.0, max(0.25, (7.0 - zipf) / 4.0))


def is_content(term: Term) -> bool:
    """A word that carries content: no function word, figure or single letter."""
    return term.word not in STOPWORDS and not term.word[0].isdigit() and len(term.word) > 1


def _sentences(terms: tuple[Term, ...], folded: str) -> tuple[tuple[int, int], ...]:
    """Term-index bounds ``[lo, hi)`` of each sentence."""
    bounds = []
    lo = 0
    for i in range(1, len(terms)):
        if _SENTENCE_END.search(folded[terms[i - 1].end : terms[i].start]):
            bounds.append((lo, i))
            lo = i
    bounds.append((lo, len(terms)))
    return tuple(bounds)


def _place_terms(
    folded: Folded, terms: tuple[Term, ...], mentions: list[PlaceMention]
) -> dict[int, PlaceMention]:
    """Term index -> the place mention the term is part of."""
    out: dict[int, PlaceMention] = {}
    if not mentions:
        return out
    for i, t in enumerate(terms):
        lo, hi = folded.to_original(t.start, t.end)
        for m in mentions:
            if lo < m.end and m.start < hi:
                out[i] = m
                break
    return out


@dataclass(frozen=True)
class PassageView:
    """A passage analysed once, whatever the claim. The engine caches these per passage."""

    folded: Folded
    terms: tuple[Term, ...]
    quantities: tuple[Quantity, ...]
    places: dict[int, PlaceMention]
    """Term index -> the place the term names (part of)."""
    sentences: tuple[tuple[int, int], ...]
    language: str

    @property
    def text(self) -> str:
        return self.folded.original

    def span(self, i: int, j: int | None = None) -> tuple[int, int]:
        """Original-text span of terms ``i`` (to ``j`` inclusive)."""
        a, b = self.folded.to_original(self.terms[i].start, self.terms[i].end)
        if j is not None and j != i:
            b = self.folded.to_original(self.terms[j].start, self.terms[j].end)[1]
        return a, b

    def window_text(self, lo: int, hi: int) -> str:
        """The original text of terms ``[lo, hi)`` (a sentence: what the claim is compared with)."""
        if (lo == 0 and hi >= len(self.terms)) or hi <= lo:
            return self.text
        a, b = self.span(lo, hi - 1)
        return self.text[a:b]

    def quote(self, i: int, j: int | None = None) -> str:
        """The original words of terms ``i`` (to ``j``)."""
        a, b = self.span(i, j)
        return self.text[a:b]


def view_passage(text: str, analyzer: Analyzer) -> PassageView:
    """Analyse one passage (original text)."""
    fm = fold_with_map(text)
    terms = tuple(analyzer.positioned(fm.text))
    places = _place_terms(fm, terms, default_gazetteer().find(text))
    return PassageView(
        folded=fm,
        terms=terms,
        quantities=extract_quantities(text),
        places=places,
        sentences=_sentences(terms, fm.text),
        language=language_of(text),
    )


@dataclass(frozen=True)
class ClaimView:
    """A claim analysed once, reused against every candidate passage.

    ``content`` are the claim's content terms, in order, once each (words of its figures and
    dates are left to the figures); ``weights`` their weight (:func:`rarity`, attribution words
    damped); ``negations`` the negation events of the claim itself; ``speaker_terms`` the terms
    of a «قال X إن» attribution; ``language`` ``"ar"``, ``"en"`` or ``"fr"``.
    """

    passage: PassageView
    content: tuple[str, ...]
    weights: dict[str, float]
    negations: tuple[str, ...]
    speaker_terms: frozenset[str]
    language: str
    first: dict[str, int]
    """Content term -> index of its first occurrence in ``passage.terms``."""

    @property
    def text(self) -> str:
        return self.passage.text

    @property
    def terms(self) -> tuple[Term, ...]:
        return self.passage.terms

    @property
    def quantities(self) -> tuple[Quantity, ...]:
        return self.passage.quantities

    @property
    def crosslingual(self) -> bool:
        """A claim not in Arabic: only figures, places and meaning can meet Arabic passages."""
        return self.language not in ("ar", "")

    @property
    def total(self) -> float:
        return sum(self.weights.values()) or 1.0


def view_claim(claim: str, analyzer: Analyzer) -> ClaimView:
    """Analyse a claim once: content terms with weights, its own negations, figures, places."""
    pv = view_passage(claim, analyzer)
    fm, terms = pv.folded, pv.terms
    lang = pv.language or "ar"
    # «قال X إن Y»: the statement to check is Y; who said it is checked against the passage's
    # speaker instead, so the attribution words weigh little on their own.
    attrib = attribution(claim) if lang == "ar" else None
    in_attrib: set[str] = set()
    if attrib is not None:
        a_lo, a_hi = attrib.span
        for t in terms:
            o_lo, o_hi = fm.to_original(t.start, t.end)
            if (a_lo <= o_lo and o_hi <= a_hi) or claim[o_lo:o_hi] == attrib.cue:
                in_attrib.add(t.term)
    in_quantity = {
        i
        for i, t in enumerate(terms)
        for q in pv.quantities
        if q.start <= fm.to_original(t.start, t.end)[0] < q.end
    }
    content: list[str] = []
    weights: dict[str, float] = {}
    first: dict[str, int] = {}
    for i, t in enumerate(terms):
        if is_content(t) and t.term not in weights and i not in in_quantity:
            content.append(t.term)
            first[t.term] = i
            w = rarity(pv.quote(i), lang)
            weights[t.term] = w * ATTRIBUTION_WEIGHT if t.term in in_attrib else w
    events = polarity_events(terms, fm.text, 0, len(terms), 0, len(terms), analyzer, set(content))
    return ClaimView(
        passage=pv,
        content=tuple(content),
        weights=weights,
        negations=tuple(k for k, _, _ in events),
        speaker_terms=frozenset(in_attrib & weights.keys()),
        language=lang,
        first=first,
    )
