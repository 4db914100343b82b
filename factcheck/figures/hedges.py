"""Hedges: the words that put a bound on a figure («أكثر من 2100», «300 على الأقل», «نحو 60%»).

A hedged figure is not a point: «أكثر من 2100 شحنة» is no contradiction of 2500 shipments. The
parser (:mod:`factcheck.figures.quantities`) records the bound as the figure's
:attr:`~factcheck.records.Quantity.qualifier` (one of :data:`~factcheck.records.QUALIFIERS`);
:mod:`factcheck.figures.agreement` says what range each bound stands for.

Hedges come before the figure (:data:`HEDGES_BEFORE`: «أكثر من»، «ما يزيد على»، «حوالي») or
after it (:data:`HEDGES_AFTER`: «على الأقل»، «فأكثر»، «تقريبا»), as phrases of folded words; a
phrase before the figure may carry a conjunction or preposition on its first word («وأكثر من»).
"""

from __future__ import annotations

from factcheck.figures.numerals import Tokens

__all__ = ["HEDGES_AFTER", "HEDGES_BEFORE", "HEDGE_WORDS", "qualifier"]


def _phrases(text: str, bound: str, first_prefixes: tuple[str, ...]) -> dict[tuple[str, ...], str]:
    """``|``-separated folded phrases -> ``bound``, each first word also with the prefixes."""
    out: dict[tuple[str, ...], str] = {}
    for phrase in text.split("|"):
        words = tuple(phrase.split())
        for p in first_prefixes:
            out[(p + words[0], *words[1:])] = bound
    return out


_PRE = ("", "و", "ف", "ب", "ل")
HEDGES_BEFORE: dict[tuple[str, ...], str] = {
    **_phrases(
        "اكثر من|ازيد من|ما يزيد علي|ما يزيد عن|يزيد علي|يزيد عن|ما يربو علي|ما يربو عن|"
        "يربو علي|يربو عن|ما يفوق|يفوق|تفوق|ما يتجاوز|يتجاوز|تتجاوز|تجاوز|ما لا يقل عن|"
        "لا يقل عن|لا تقل عن|ما فوق|فوق|اكثر قليلا من|ما يزيد قليلا علي|اعلي من",
        "more_than",
        _PRE,
    ),
    **_phrases(
        "اقل من|ما يقل عن|يقل عن|تقل عن|ما دون|دون|لا يتجاوز|لا تتجاوز|ما لا يتجاوز|"
        "لا يزيد عن|لا يزيد علي|ما لا يزيد عن|ما لا يزيد علي|لا يتعدي|ما لا يتعدي|اقل قليلا من",
        "less_than",
        _PRE,
    ),
    **_phrases(
        "نحو|حوالي|قرابه|ما يقارب|يقارب|تقارب|زهاء|ما يناهز|يناهز|تناهز|ما يقرب من|"
        "يقرب من|في حدود|بحدود|حدود|تقريبا|ما مجموعه نحو",
        "about",
        _PRE,
    ),
}
"""Folded phrases before a figure -> the bound they put on it («اكثر من» -> ``more_than``)."""
HEDGES_AFTER: dict[tuple[str, ...], str] = {
    **_phrases("تقريبا", "about", ("",)),
    **_phrases("علي الاقل|كحد ادني|ونيف|فاكثر|فما فوق|او اكثر|علي اقل تقدير", "more_than", ("",)),
    **_phrases("علي الاكثر|كحد اقصي|فاقل|او اقل|بحد اقصي", "less_than", ("",)),
}
"""Folded phrases after a figure (or after the noun it counts) -> the bound they put on it."""
HEDGE_WORDS = frozenset(w for phrase in (*HEDGES_BEFORE, *HEDGES_AFTER) for w in phrase)
"""Every word of every hedge phrase: none of them is the noun a figure counts."""


def qualifier(ts: Tokens, first: int, after: int) -> str:
    """The bound a hedge puts on the figure whose wording starts at token ``first``: a phrase
    right before it («أكثر من») or from token ``after`` on («على الأقل»); ``""`` when none."""
    text = ts.text
    for size in (4, 3, 2, 1):
        if first - size >= 0:
            q = HEDGES_BEFORE.get(tuple(text[first - size : first]))
            if q:
                return q
    for size in (3, 2, 1):
        if after + size <= ts.n:
            q = HEDGES_AFTER.get(tuple(text[after : after + size]))
            if q:
                return q
    return ""
