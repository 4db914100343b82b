"""Units: the noun a number counts («2100 شحنة» -> «شحنه», «60% من القوات» -> «قوات»).

The stance engine only compares figures about the same measured thing (2100 shipments against
5000 shipments, not against 5000 soldiers), so the parser (:mod:`factcheck.figures.quantities`)
records each number's :attr:`~factcheck.records.Quantity.unit`: the folded head noun, without
the article or the accusative alif. Arabic puts it after the number, indefinite («2100 شحنة»,
«مئة عام») or after «من» («60% من القوات»); before it for «واحد» and ordinals («جندي واحد»,
«الجولة الرابعة»); or after a count word shortly before it («بلغ عدد القتلى 50»).

Which words are *not* units is the other half of the job: function words, number and month words,
hedges, date words (:data:`NOT_UNITS`).
"""

from __future__ import annotations

from factcheck.figures.dates import LEXICON, RELATIVE_WORDS, YEAR_LEADS, YEAR_NOUNS
from factcheck.figures.hedges import HEDGE_WORDS
from factcheck.figures.numerals import PERCENT_AFTER_FI, PERCENT_WORDS, Tokens, clitics
from factcheck.text.arabic import STOPWORDS

__all__ = ["LABEL_WORDS", "NOT_UNITS", "noun_before", "unit_after", "unit_before"]

_FILLERS = frozenset({"فقط", "تقريبا", "تحديدا"})
LABEL_WORDS = clitics("رقم", ("", "و", "ب", "ال", "بال"))
"""Words that make the number after them a label, counting nothing: «القرار رقم 2254»."""
_COUNT_NOUNS = clitics("عدد نسبه معدل حصيله", ("", "و", "ب", "ل", "ال", "وال", "بال"))
NOT_UNITS = (
    STOPWORDS
    | frozenset(LEXICON)
    | RELATIVE_WORDS
    | YEAR_LEADS
    | PERCENT_WORDS
    | PERCENT_AFTER_FI
    | HEDGE_WORDS
    | clitics("فقط نحو وقد بينما بينهم منهم بنسبه نسبه اعتبارا", ("",))
    | (YEAR_NOUNS - {"عام", "سنه"})
)
"""Folded words that are never the noun a figure counts («مئة عام» does count years)."""
_UNIT_ARTICLE = ("وبال", "وال", "فال", "بال", "كال", "ولل", "فلل", "لل", "ال")
_PREP_ARTICLE = _UNIT_ARTICLE[:-1]


def _unit_form(word: str) -> str:
    """The matching form of a counted noun: no article, no accusative alif («شخصًا» -> شخص)."""
    for p in _UNIT_ARTICLE:
        if word.startswith(p) and len(word) - len(p) >= 2:
            word = word[len(p) :]
            break
    # «جنديًا», «عاما», «دولارا» lose the alif; «ضحايا», «قضايا» keep it (it is the word's own).
    if len(word) >= 4 and word[-1] == "ا" and word[-2] != "ا" and not word.endswith("ايا"):
        word = word[:-1]
    return word


def _unit_ok(word: str) -> bool:
    return len(word) >= 2 and word not in NOT_UNITS


def unit_after(
    ts: Tokens, k: int, *, direct: bool = True, definite: bool = False
) -> tuple[str, int]:
    """Counted noun at token ``k`` (or after «من» there): (unit, last token) or ("", k - 1).

    The noun a number counts follows it indefinite («2100 شحنة», «مئة عام») or after «من»
    («60% من القوات»); a definite word right after a number is an adjective («الـ24 الماضية»)
    and one with a preposition glued on starts a new phrase («الذكرى الـ20 للحرب»). Fractions
    take a definite noun («نصف القوات»): ``definite``. Percentages only count after «من»:
    ``direct=False`` («بالمئة اعتبارا من»).
    """
    w = ts.word(k)
    if w in _FILLERS and ts.word(k + 1) == "من":  # «60% فقط من القوات»
        k, w = k + 1, "من"
    if w == "من":
        w2 = ts.word(k + 1)
        if _unit_ok(w2) and not w2.startswith(_PREP_ARTICLE):
            return _unit_form(w2), k + 1
    elif (
        direct
        and _unit_ok(w)
        and not w.startswith(_PREP_ARTICLE)
        and (definite or not w.startswith("ال"))
    ):
        return _unit_form(w), k
    return "", k - 1


def unit_before(ts: Tokens, i: int) -> str:
    """«بلغ عدد القتلى 50», «نسبة البطالة 10%»: the noun after a count word shortly before token
    ``i``, or ``""``."""
    for j in range(i - 1, max(i - 5, -1), -1):
        if ts.kind[j] != "W":
            return ""
        if ts.text[j] in _COUNT_NOUNS and j + 1 < i and _unit_ok(ts.text[j + 1]):
            return _unit_form(ts.text[j + 1])
    return ""


def noun_before(ts: Tokens, i: int) -> str:
    """The noun right before token ``i`` as a unit («جندي واحد», «الجولة الرابعة»), or ``""``."""
    w = ts.word(i - 1)
    return _unit_form(w) if _unit_ok(w) else ""
