"""Agreement: when two figures can both be true, and what role a date plays in its sentence.

The stance engine contradicts a passage whose figure differs from the claim's and supports one
that states the same figure, so "the same figure" needs one definition, here.

**Numbers and percentages.** Each figure stands for an interval, by the reporting convention of
news text rather than by logic: «أكثر من 2100» is read as 2100..3150 (:data:`MORE_THAN_SPAN`),
not as "anything above 2100", because a newsroom that had 5000 would have said so; «أقل من 40»
as 20..40 (:data:`LESS_THAN_SPAN`); «نحو 5000» as ±15 % (:data:`ABOUT_TOLERANCE`); an exact
figure as itself (:data:`EXACT_TOLERANCE`: 2100 is not 2110). Two figures agree when their
intervals overlap (bounds inclusive): «أكثر من 2100» agrees with 2500 and not with 5000, «نحو
60%» with 55 %, and «أكثر من 100» does not agree with «أكثر من 2100» (different magnitudes).

**Dates.** Partial dates agree when every part present in both is equal
(:func:`dates_compatible`: «31 كانون الأول» ~ 31/12/2021). Two dates that do not agree only
clash when they are of the same precision (:func:`same_precision`: a year alone says nothing
against a day) and play the same role (:func:`date_role`: a deadline «بحلول 31 ديسمبر» is not
the day of an announcement «في 26 تموز»).

Whether two figures measure the same thing (2100 shipments against 5000 soldiers) is the
caller's question: the engine matches units with its own analyser; :func:`comparable` says
whether two figures are of a kind that can be compared at all.

Measured on the dev set of ``benchmarks/evidence_eval.py``: reading «أكثر من v» as unbounded
loses a case the engine gets right (stance accuracy 0.974 -> 0.947); the exact tolerance (the
engine's ±0.5 % made 2100 agree with 2110) and ±10 % instead of ±15 % for «نحو» change no case.
"""

from __future__ import annotations

import re

from factcheck.records import DateValue, Quantity
from factcheck.text.arabic import fold
from factcheck.text.vocabulary import strip_conjunction

__all__ = [
    "ABOUT_TOLERANCE",
    "DATE_ROLES",
    "EXACT_TOLERANCE",
    "LESS_THAN_SPAN",
    "MORE_THAN_SPAN",
    "comparable",
    "date_role",
    "dates_compatible",
    "figures_agree",
    "interval",
    "same_precision",
]

MORE_THAN_SPAN = 1.5
"""«أكثر من v» (``more_than``) stands for ``v .. MORE_THAN_SPAN·v``."""
LESS_THAN_SPAN = 0.5
"""«أقل من v» (``less_than``) stands for ``LESS_THAN_SPAN·v .. v``."""
ABOUT_TOLERANCE = 0.15
"""«نحو v» (``about``) stands for ``v ± ABOUT_TOLERANCE·v``."""
EXACT_TOLERANCE = 1e-9
"""An unhedged figure stands for ``v ± EXACT_TOLERANCE·v``: itself, up to floating-point noise
(«2.5 مليون» is 2,500,000; 2100 is neither 2101 nor 2110)."""


def interval(q: Quantity) -> tuple[float, float]:
    """The range ``(low, high)`` a number or percentage stands for, by its hedge.

    ``ValueError`` for a figure without a value (a date).
    """
    if q.value is None:
        raise ValueError(f"{q.kind} «{q.text}» has no value")
    v = float(q.value)
    if q.qualifier == "more_than":
        lo, hi = v, v * MORE_THAN_SPAN
    elif q.qualifier == "less_than":
        lo, hi = v * LESS_THAN_SPAN, v
    else:
        tol = abs(v) * (ABOUT_TOLERANCE if q.qualifier == "about" else EXACT_TOLERANCE)
        lo, hi = v - tol, v + tol
    return (lo, hi) if lo <= hi else (hi, lo)  # a negative value scales the other way


def comparable(a: Quantity, b: Quantity) -> bool:
    """Whether the two figures can be compared at all: the same kind, with a date or value each,
    and for numbers both ordinals or both counts («الجولة الرابعة» is no count of four).

    Units are not looked at: the engine matches them with its analyser (stems, synonyms).
    """
    if a.kind != b.kind:
        return False
    if a.kind == "date":
        return a.date is not None and b.date is not None
    return a.value is not None and b.value is not None and a.ordinal == b.ordinal


def figures_agree(a: Quantity, b: Quantity) -> bool:
    """Whether both figures can be true at once (symmetric; a figure agrees with itself).

    Dates: :func:`dates_compatible`. Numbers and percentages: their :func:`interval` overlap.
    Figures of different kinds, or without a date or value, never agree. Ordinal and unit are
    not looked at (see :func:`comparable`).
    """
    if a.kind != b.kind:
        return False
    if a.kind == "date":
        return a.date is not None and b.date is not None and dates_compatible(a.date, b.date)
    if a.value is None or b.value is None:
        return False
    a_lo, a_hi = interval(a)
    b_lo, b_hi = interval(b)
    return a_lo <= b_hi and b_lo <= a_hi


def dates_compatible(a: DateValue, b: DateValue) -> bool:
    """True when every field present in both dates agrees (31 Dec 2021 ~ «31 كانون الأول»)."""
    return all(
        x is None or y is None or x == y
        for x, y in ((a.year, b.year), (a.month, b.month), (a.day, b.day))
    )


def same_precision(a: DateValue, b: DateValue) -> bool:
    """Both dates give a day, or neither; and a month, or neither. Only such dates can clash:
    «عام 2014» says nothing against «31 كانون الأول»."""
    return (a.day is None) == (b.day is None) and (a.month is None) == (b.month is None)


# --------------------------------------------------------------------------------------------
# Date roles
# --------------------------------------------------------------------------------------------

DATE_ROLES: dict[str, str] = {
    "بحلول": "deadline",
    "حلول": "deadline",
    "حتي": "deadline",
    "قبل": "deadline",
    "موعد": "deadline",
    "اقصاه": "deadline",
    "منذ": "since",
    "بعد": "after",
    # English and French claims ("by December 31", «d'ici le 31 décembre»), folded
    "by": "deadline",
    "until": "deadline",
    "till": "deadline",
    "before": "deadline",
    "deadline": "deadline",
    "avant": "deadline",
    "ici": "deadline",
    "jusqu": "deadline",
    "since": "since",
    "depuis": "since",
    "dès": "since",
    "partir": "since",
    "after": "after",
    "après": "after",
}
"""Folded word right before a date -> the role it gives the date: «بحلول/حتى/قبل 31 ديسمبر» a
deadline, «منذ 2014» a start, «بعد» a later point. Any other word («في 26 تموز»، «هو 30
نوفمبر») makes it the time of the event: ``"at"``."""
_LATIN_FILLERS = frozenset(
    "the of on end early late mid le la les l au du de d fin début mi".split()
)
"""Words between a Latin-script role word and its date, looked past: "by *the end of* 2021",
«jusqu'*au* 31 décembre», «d'ici *le* 31 décembre»."""
_LOOK_BEHIND = 40  # characters before a date searched for the word before it
_WORDS = re.compile(r"\w+")


def date_role(text: str, q: Quantity) -> str:
    """The role of the date ``q`` found in the original ``text``: ``"deadline"``, ``"since"``,
    ``"after"`` or ``"at"``, read off the word before it (with «و»/«ف»: «وحتى»; past "the end
    of", «le», «au» in English and French), by :data:`DATE_ROLES`. Only dates in the same role
    can clash: «أعلن في 26 تموز ... بحلول نهاية العام» says nothing against a deadline of 31
    December."""
    before = _WORDS.findall(fold(text[max(0, q.start - _LOOK_BEHIND) : q.start]))
    while len(before) > 1 and before[-1] in _LATIN_FILLERS:
        before.pop()
    if not before:
        return "at"
    word = before[-1]
    if word not in DATE_ROLES:
        word = strip_conjunction(word, rest=3)
    return DATE_ROLES.get(word, "at")
