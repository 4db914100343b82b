"""Dates in Arabic news text: partial Gregorian dates and the wordings that give them.

News gives a day and a month («31 كانون الأول»), a year («عام 2011»), or all three in many
spellings, so a date is a :class:`~factcheck.records.DateValue` with optional parts, compared part
by part (:func:`factcheck.figures.agreement.dates_compatible`). This module holds the date half of
the figure parser (:mod:`factcheck.figures.quantities` dispatches to it;
:mod:`factcheck.figures.numerals` supplies the tokens, clitics and number words):

* month names in Egyptian/Gulf (يناير), Levantine/Iraqi (كانون الثاني، آب، أيار) and Maghrebi
  (جانفي، غشت) usage, with their clitic forms; names that are also ordinary words (مارس، آب،
  نيسان، تموز) only count with a day, a year, «الماضي»-like word or «شهر»/«في» before them;
* «ديسمبر/كانون الأول» and «ديسمبر (كانون الأول)» as one date; Hijri months and «1443هـ» read
  and set aside (out of scope, but their numbers are not loose counts either);
* numeric dates («31/12/2021», «2021-12-31», «31.12.21»), years after a keyword («عام 2011»،
  «في 2014»، «منذ 2003») and year ranges («عامي 2014 و2017»، «من 2014 إلى 2017»).

It also holds what every reader of the parser shares and that needs the month names as well as
the number words: the :class:`Hit` record readers return, :data:`LEXICON` (number and month
words) and :func:`span_start` (where a figure's wording begins).
"""

from __future__ import annotations

import calendar
import re
from typing import NamedTuple

from factcheck.figures.numerals import (
    NO_ARTICLE,
    NUMBER_WORDS,
    PERCENT_AFTER_FI,
    PERCENT_WORDS,
    SPAN_SKIP,
    TEN_WORDS,
    WITH_ARTICLE,
    LexEntry,
    Stems,
    Tokens,
    clitics,
)
from factcheck.records import DateValue
from factcheck.text.arabic import fold
from factcheck.text.vocabulary import (
    HIJRI_MONTHS,
    HIJRI_TWO_WORD_MONTHS,
    MONTHS,
    MONTHS_ALSO_WORDS,
    TWO_WORD_MONTHS,
)

__all__ = [
    "HIJRI_SUFFIX",
    "LEXICON",
    "MONTH_CATEGORIES",
    "RANGE_FROM",
    "RANGE_TO",
    "RELATIVE_WORDS",
    "YEAR_LEADS",
    "YEAR_NOUNS",
    "Hit",
    "Reading",
    "date_from_month",
    "numeric_date",
    "span_start",
    "year_after_keyword",
    "year_at",
]


# --------------------------------------------------------------------------------------------
# Month names and date words (folded forms)
# --------------------------------------------------------------------------------------------

_MONTH_PREFIXES = ("", "و", "ب", "ل", "ف")

_MONTH_STEMS = Stems()
_add = _MONTH_STEMS.add

for _v, _names in MONTHS.items():
    _add("month", _v, " ".join(map(fold, _names)), _MONTH_PREFIXES)
# Month names that are also ordinary words: a date only with a day, a year, a «الماضي»-like word
# or «شهر»/«في» before them. A two-letter one («آب») takes no و either: «وأب» is "and father".
for _v, _names in MONTHS_ALSO_WORDS.items():
    for _name in map(fold, _names):
        _add("monthw", _v, _name, ("", "و") if len(_name) > 2 else ("",))
_add("month2", 0, " ".join(map(fold, TWO_WORD_MONTHS)), _MONTH_PREFIXES)
_add("hijri", 0, " ".join(map(fold, HIJRI_MONTHS)), ("", "و", "ب", "ل"))
_add("hijri2", 0, " ".join(map(fold, HIJRI_TWO_WORD_MONTHS)), ("", "و", "ب", "ل"))


def _with_bare(seconds: dict[str, int]) -> dict[str, int]:
    """Second words folded, each also without its article («كانون أول» is written too)."""
    out = {}
    for word, month in seconds.items():
        w = fold(word)
        out[w] = month
        out[w.removeprefix("ال")] = month
    return out


# First word -> second word -> month number (0 for Hijri: read, then set aside).
_SECOND_WORD: dict[str, dict[str, int]] = {
    **{fold(k): _with_bare(v) for k, v in TWO_WORD_MONTHS.items()},
    **{fold(k): _with_bare(dict.fromkeys(v, 0)) for k, v in HIJRI_TWO_WORD_MONTHS.items()},
}

_MONTH_WORDS = _MONTH_STEMS.lexicon()
"""Every clitic form of every month name -> (prefix, category, value or 0, stem)."""
MONTH_CATEGORIES = frozenset({"month", "monthw", "month2", "hijri", "hijri2"})
"""The :attr:`~factcheck.figures.numerals.LexEntry.category` of a month name in :data:`LEXICON`
(``monthw``: also an ordinary word; ``month2``/``hijri2``: the first of two words)."""
LEXICON: dict[str, LexEntry] = NUMBER_WORDS | _MONTH_WORDS
"""Number and month words in one table (the two share no form), for the look-ups that take
either: a figure's first word, the word after a year."""

YEAR_NOUNS = clitics("عام سنه عامي صيف شتاء ربيع خريف", (*NO_ARTICLE, *WITH_ARTICLE))
"""Words before a year that are part of the date's wording: «عام 2011», «صيف 2014»."""
YEAR_LEADS = clitics(
    "في منذ حتي خلال بحلول قبل بعد مطلع اوائل اواخر منتصف اواسط نهايه بدايه", ("", "و", "ف")
)
"""Words before a year that make it a year but are not part of its wording: «في 2014»."""
_MONTH_CTX = YEAR_LEADS | clitics("شهر غره", ("", "و", "ب", "ل"))
_YEAR_WORDS = frozenset({"عام", "العام", "سنه", "السنه"})
RELATIVE_WORDS = clitics("الماضي المقبل القادم الحالي الجاري المنصرم المنقضي الفائت", ("",))
"""Words after a month that place it relative to now: «آب الماضي», «ديسمبر المقبل»."""
HIJRI_SUFFIX = frozenset({"ه", "هجري", "هجريه", "للهجره"})
"""Words after a year that make it Hijri («1443هـ»): out of scope, and not a count either."""
_TIME_NOUNS = clitics("عام عاما سنه سنوات اعوام يوم ايام يوما شهر اشهر شهور", ("",))
RANGE_FROM = clitics("من بين", ("", "و", "ف"))
"""Words that open a span of years: «من 2014 إلى 2017», «بين 2014 و2017»."""
RANGE_TO = frozenset({"الي", "حتي", "و"})
"""Words between the two years of a span."""


# --------------------------------------------------------------------------------------------
# What readers return
# --------------------------------------------------------------------------------------------


class Hit(NamedTuple):
    """One figure found by a reader of the parser, in folded coordinates.

    The fields are those of :class:`~factcheck.records.Quantity`;
    :func:`factcheck.figures.quantities.extract_quantities` maps ``start``/``end`` back to the
    original text and builds the record.
    """

    kind: str
    start: int
    end: int
    value: float | None = None
    date: DateValue | None = None
    unit: str = ""
    qualifier: str = ""
    ordinal: bool = False


Reading = tuple[list[Hit], int]
"""What a reader returns: the figures it found (possibly none: a Hijri date is read and set
aside) and the index of the first token after them."""


def span_start(ts: Tokens, i: int) -> int:
    """Folded start of token ``i`` without its conjunction/preposition proclitic.

    Token ``i`` opens a figure: a number word, a month name, a year keyword or digits. The
    figure's span starts after «و»/«ب»... but keeps the article («والرابعة» -> «الرابعة»,
    «لعام 2019» -> «عام 2019»); see :data:`~factcheck.figures.numerals.SPAN_SKIP`. It lives here,
    where both lexicons are known.
    """
    if ts.kind[i] == "W":
        entry = LEXICON.get(ts.text[i])
        if entry is not None:
            if entry.stem == "واحد" and ts.word(i + 1) in TEN_WORDS:
                return ts.start(i) + 1  # «وأحد عشر»
            return ts.start(i) + SPAN_SKIP[entry.prefix]
        w = ts.text[i]
        if w in YEAR_NOUNS and len(w) > 3:
            for p in ("وبال", "وال", "بال", "فال", "ولل", "وب", "ول", "و", "ب", "ل", "ف"):
                if w.startswith(p) and w[len(p) :] in YEAR_NOUNS:
                    return ts.start(i) + SPAN_SKIP[p]
    return ts.start(i)


def year_at(ts: Tokens, i: int, lo: int = 1900, hi: int = 2100) -> int | None:
    """Token ``i`` as a Gregorian year in ``lo..hi``, or None (also None for «1443هـ»)."""
    if not ts.is_token(i, "N"):
        return None
    tok = ts.text[i]
    if len(tok) != 4 or not tok.isdigit() or not lo <= int(tok) <= hi:
        return None
    if ts.word(i + 1) in HIJRI_SUFFIX:
        return None
    return int(tok)


# --------------------------------------------------------------------------------------------
# Date wordings
# --------------------------------------------------------------------------------------------


def _month_at(ts: Tokens, j: int) -> tuple[int, bool, int] | None:
    """Month name at token ``j``: (month or 0 for Hijri, weak, last token) or None."""
    entry = _MONTH_WORDS.get(ts.word(j))
    if entry is None or entry.category not in MONTH_CATEGORIES:
        return None
    cat = entry.category
    if cat in ("month", "monthw"):
        return int(entry.value), cat == "monthw", j
    if cat == "hijri":
        return 0, False, j
    second = _SECOND_WORD[entry.stem].get(ts.word(j + 1))
    if second is None:
        return None
    return second, False, j + 1


def _valid_day(day: int, month: int, year: int | None) -> bool:
    return 1 <= day <= calendar.monthrange(year or 2000, month)[1]


def date_from_month(ts: Tokens, first: int, j: int, day: int | None) -> Reading | None:
    """The date whose month name is at token ``j`` and whose wording starts at token ``first``
    (the day «31», the ordinal «الأول من», or the month itself), or None when there is none.

    ``day`` is the day already read before the month. The year or a relative word («الماضي»)
    after the month completes it; a month name that is also an ordinary word needs one of them,
    a day, or a context word before it.
    """
    found = _month_at(ts, j)
    if found is None:
        return None
    month, weak, last = found
    if month == 0:  # Hijri: out of scope, but its day and year are not loose numbers either
        k = last + 1
        if ts.is_token(k, "N") and len(ts.text[k]) == 4:
            k += 1
            if ts.word(k) in HIJRI_SUFFIX:
                k += 1
        return [], k
    k = last + 1
    # «ديسمبر/كانون الأول» and «ديسمبر (كانون الأول)»: the same month in both calendars
    if ts.is_token(k, "P") and ts.text[k] in "/(":
        alt = _month_at(ts, k + 1)
        if alt is not None and alt[0] == month:
            opened = ts.text[k] == "("
            last = alt[2]
            k = last + 1
            if opened and ts.is_token(k, "P", ")"):
                last = k
                k += 1
    year = None
    relative = False
    kk = k
    if day is not None and ts.is_token(kk, "P", ","):
        kk += 1
    if ts.word(kk) == "من":
        kk += 1
    if ts.word(kk) in _YEAR_WORDS:
        kk += 1
    year = year_at(ts, kk, 1800, 2100)
    if year is not None:
        last = kk
        if ts.word(kk + 1) == "م":
            last = kk + 1
    elif ts.word(k) in RELATIVE_WORDS:
        relative, last = True, k
    elif ts.word(k) == "من" and ts.word(k + 1) in _YEAR_WORDS and ts.word(k + 2) in RELATIVE_WORDS:
        relative, last = True, k + 2
    if (
        weak
        and day is None
        and year is None
        and not relative
        and ts.word(first - 1) not in (_MONTH_CTX)
    ):
        return None
    if day is not None and not _valid_day(day, month, year):
        return None
    date = DateValue(year, month, day)
    return [Hit("date", span_start(ts, first), ts.end(last), date=date)], last + 1


_SEP_RE = re.compile(r"[/.-]")


def numeric_date(tok: str) -> DateValue | None:
    """«31/12/2021», «31-12-2021», «2021-12-31», «31.12.21» (day first unless year first), or
    None when the token is not a valid date (it is then neither a date nor a count)."""
    a, b, c = _SEP_RE.split(tok)
    if len(a) == 4:
        y, m, d = int(a), int(b), int(c)
        if len(c) > 2:
            return None
    elif len(a) <= 2:
        d, m, y = int(a), int(b), int(c)
        if len(c) == 2:
            y += 2000 if y < 50 else 1900
        elif len(c) != 4:
            return None
        if m > 12 and d <= 12:  # month-first, as some agencies write it
            d, m = m, d
    else:
        return None
    if not (1800 <= y <= 2100 and 1 <= m <= 12) or not _valid_day(d, m, y):
        return None
    return DateValue(y, m, d)


def year_after_keyword(ts: Tokens, i: int) -> Reading | None:
    """«عام 2011», «سنة 2014», «في 2014», «منذ 2003» ... and ranges «عامي 2014 و2017», read
    from the keyword at token ``i``; None when the number after it is not a year («في 2000
    بالمئة», «قبل 2000 عام»)."""
    j = i + 1
    year = year_at(ts, j)
    if year is None:
        return None
    nxt = ts.word(j + 1)
    if ts.is_token(j + 1, "P", "%") or nxt in PERCENT_WORDS or nxt in _TIME_NOUNS:
        return None  # «في 2000 بالمئة», «قبل 2000 عام» (two thousand years ago)
    entry = LEXICON.get(nxt)
    if entry is not None and entry.category in ("scale", "scalep", "scale2", "month", "month2"):
        return None
    if nxt == "في" and ts.word(j + 2) in PERCENT_AFTER_FI:
        return None
    first = i if ts.text[i] in YEAR_NOUNS else j
    last = j + 1 if nxt == "م" else j
    hits = [Hit("date", span_start(ts, first), ts.end(last), date=DateValue(year))]
    k = last + 1
    while ts.is_token(k, "P", "-") or ts.word(k) in RANGE_TO:
        y2 = year_at(ts, k + 1)
        if y2 is None:
            break
        hits.append(Hit("date", ts.start(k + 1), ts.end(k + 1), date=DateValue(y2)))
        k += 2
    return hits, k
