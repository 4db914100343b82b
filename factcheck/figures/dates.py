"""Dates in Arabic news text: partial Gregorian dates and the wordings that give them.

News gives a day and a month («31 كانون الأول»), a year («عام 2011»), or all three in many
spellings, so a date is a :class:`DateValue` with optional parts, compared part by part
(:func:`factcheck.figures.quantities.dates_compatible`). This module holds the date half of the
quantity parser (:mod:`factcheck.figures.quantities` dispatches to it;
:mod:`factcheck.figures.numerals` supplies the
tokens, clitics and number words):

* month names in Egyptian/Gulf (يناير), Levantine/Iraqi (كانون الثاني، آب، أيار) and Maghrebi
  (جانفي، غشت) usage, with their clitic forms; names that are also ordinary words (مارس، آب،
  نيسان، تموز) only count with a day, a year, «الماضي»-like word or «شهر»/«في» before them;
* «ديسمبر/كانون الأول» and «ديسمبر (كانون الأول)» as one date; Hijri months and «1443هـ» read
  and set aside (out of scope, but their numbers are not loose counts either);
* numeric dates («31/12/2021», «2021-12-31», «31.12.21»), years after a keyword («عام 2011»،
  «في 2014»، «منذ 2003») and year ranges («عامي 2014 و2017»، «من 2014 إلى 2017»).
"""

from __future__ import annotations

import calendar
import re

from factcheck.figures.numerals import (
    _NO_ARTICLE,
    _NUMBER_WORDS,
    _PCT_ONE,
    _PCT_TWO,
    _SPAN_SKIP,
    _TEN,
    _WITH_ARTICLE,
    _clitics,
    _Stems,
    _Toks,
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

__all__ = ["DateValue"]


# --------------------------------------------------------------------------------------------
# Month names and date words (folded forms)
# --------------------------------------------------------------------------------------------

_MONTH_PREFIXES = ("", "و", "ب", "ل", "ف")

_MONTH_STEMS = _Stems()
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
_MONTHS = frozenset({"month", "monthw", "month2", "hijri", "hijri2"})
_LEX = _NUMBER_WORDS | _MONTH_WORDS
"""Number and month words in one table (the two share no form), for the look-ups that take
either: a quantity's first word, the word after a year."""

# Words before a year: part of the date's wording («عام 2011») or not («في 2014»).
_YEAR_INCL = _clitics("عام سنه عامي صيف شتاء ربيع خريف", (*_NO_ARTICLE, *_WITH_ARTICLE))
_YEAR_EXCL = _clitics(
    "في منذ حتي خلال بحلول قبل بعد مطلع اوائل اواخر منتصف اواسط نهايه بدايه", ("", "و", "ف")
)
_MONTH_CTX = _YEAR_EXCL | _clitics("شهر غره", ("", "و", "ب", "ل"))
_YEAR_WORDS = frozenset({"عام", "العام", "سنه", "السنه"})
_RELATIVE = _clitics("الماضي المقبل القادم الحالي الجاري المنصرم المنقضي الفائت", ("",))
_HIJRI_SUFFIX = frozenset({"ه", "هجري", "هجريه", "للهجره"})
_TIME_NOUNS = _clitics("عام عاما سنه سنوات اعوام يوم ايام يوما شهر اشهر شهور", ("",))
_RANGE_FROM = _clitics("من بين", ("", "و", "ف"))
_RANGE_TO = frozenset({"الي", "حتي", "و"})


# --------------------------------------------------------------------------------------------
# Date wordings
# --------------------------------------------------------------------------------------------

# A hit in folded coordinates: (kind, start, end, value, date, unit, qualifier, ordinal)
_Hit = tuple[str, int, int, "float | None", "DateValue | None", str, str, bool]


def _skip(ts: _Toks, i: int) -> int:
    """Folded start of token ``i`` without its conjunction/preposition proclitic.

    Token ``i`` opens a quantity: a number word, a month name, a year keyword or digits. It lives
    here, where both lexicons are known; :mod:`~factcheck.figures.quantities` uses it for
    numbers too.
    """
    if ts.kind[i] == "W":
        entry = _LEX.get(ts.text[i])
        if entry is not None:
            if entry[3] == "واحد" and ts.word(i + 1) in _TEN:
                return ts.s(i) + 1  # «وأحد عشر»
            return ts.s(i) + _SPAN_SKIP[entry[0]]
        w = ts.text[i]
        if w in _YEAR_INCL and len(w) > 3:
            for p in ("وبال", "وال", "بال", "فال", "ولل", "وب", "ول", "و", "ب", "ل", "ف"):
                if w.startswith(p) and w[len(p) :] in _YEAR_INCL:
                    return ts.s(i) + _SPAN_SKIP[p]
    return ts.s(i)


def _year(ts: _Toks, i: int, lo: int = 1900, hi: int = 2100) -> int | None:
    """Token ``i`` as a Gregorian year in ``lo..hi``, or None (also None for «1443هـ»)."""
    if not ts.is_(i, "N"):
        return None
    tok = ts.text[i]
    if len(tok) != 4 or not tok.isdigit() or not lo <= int(tok) <= hi:
        return None
    if ts.word(i + 1) in _HIJRI_SUFFIX:
        return None
    return int(tok)


def _month_at(ts: _Toks, j: int) -> tuple[int, bool, int] | None:
    """Month name at token ``j``: (month or 0 for Hijri, weak, last token) or None."""
    entry = _MONTH_WORDS.get(ts.word(j))
    if entry is None or entry[1] not in _MONTHS:
        return None
    cat = entry[1]
    if cat in ("month", "monthw"):
        return int(entry[2]), cat == "monthw", j
    if cat == "hijri":
        return 0, False, j
    second = _SECOND_WORD[entry[3]].get(ts.word(j + 1))
    if second is None:
        return None
    return second, False, j + 1


def _valid_day(day: int, month: int, year: int | None) -> bool:
    return 1 <= day <= calendar.monthrange(year or 2000, month)[1]


def _date_from_month(
    ts: _Toks, first: int, j: int, day: int | None
) -> tuple[list[_Hit], int] | None:
    """Date whose month name is at token ``j`` and whose wording starts at token ``first``."""
    found = _month_at(ts, j)
    if found is None:
        return None
    month, weak, last = found
    if month == 0:  # Hijri: out of scope, but its day and year are not loose numbers either
        k = last + 1
        if ts.is_(k, "N") and len(ts.text[k]) == 4:
            k += 1
            if ts.word(k) in _HIJRI_SUFFIX:
                k += 1
        return [], k
    k = last + 1
    # «ديسمبر/كانون الأول» and «ديسمبر (كانون الأول)»: the same month in both calendars
    if ts.is_(k, "P") and ts.text[k] in "/(":
        alt = _month_at(ts, k + 1)
        if alt is not None and alt[0] == month:
            opened = ts.text[k] == "("
            last = alt[2]
            k = last + 1
            if opened and ts.is_(k, "P", ")"):
                last = k
                k += 1
    year = None
    relative = False
    kk = k
    if day is not None and ts.is_(kk, "P", ","):
        kk += 1
    if ts.word(kk) == "من":
        kk += 1
    if ts.word(kk) in _YEAR_WORDS:
        kk += 1
    year = _year(ts, kk, 1800, 2100)
    if year is not None:
        last = kk
        if ts.word(kk + 1) == "م":
            last = kk + 1
    elif ts.word(k) in _RELATIVE:
        relative, last = True, k
    elif ts.word(k) == "من" and ts.word(k + 1) in _YEAR_WORDS and ts.word(k + 2) in _RELATIVE:
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
    hit = ("date", _skip(ts, first), ts.e(last), None, DateValue(year, month, day), "", "", False)
    return [hit], last + 1


def _numeric_date(tok: str) -> DateValue | None:
    """«31/12/2021», «31-12-2021», «2021-12-31», «31.12.21» (day first unless year first)."""
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


_SEP_RE = re.compile(r"[/.-]")


def _year_after_keyword(ts: _Toks, i: int) -> tuple[list[_Hit], int] | None:
    """«عام 2011», «سنة 2014», «في 2014», «منذ 2003» ... and ranges «عامي 2014 و2017»."""
    j = i + 1
    year = _year(ts, j)
    if year is None:
        return None
    nxt = ts.word(j + 1)
    if ts.is_(j + 1, "P", "%") or nxt in _PCT_ONE or nxt in _TIME_NOUNS:
        return None  # «في 2000 بالمئة», «قبل 2000 عام» (two thousand years ago)
    entry = _LEX.get(nxt)
    if entry is not None and entry[1] in ("scale", "scalep", "scale2", "month", "month2"):
        return None
    if nxt == "في" and ts.word(j + 2) in _PCT_TWO:
        return None
    first = i if ts.text[i] in _YEAR_INCL else j
    last = j + 1 if nxt == "م" else j
    hits: list[_Hit] = [
        ("date", _skip(ts, first), ts.e(last), None, DateValue(year), "", "", False)
    ]
    k = last + 1
    while ts.is_(k, "P", "-") or ts.word(k) in _RANGE_TO:
        y2 = _year(ts, k + 1)
        if y2 is None:
            break
        hits.append(("date", ts.s(k + 1), ts.e(k + 1), None, DateValue(y2), "", "", False))
        k += 2
    return hits, k
