"""Dates in English and French text: the date half of the Latin-script reader.

Claims give a day and a month ("by December 31"), a year ("since 2014") or all three, in the
orders each language writes them, and the engine compares them with Arabic passages' dates part
by part, so each reading gives a :class:`~factcheck.records.DateValue` with the parts the text
states and no others (dateparser fills the missing ones with today's: one reason it is not used,
see :mod:`factcheck.figures.latin`):

* month first: "December 31, 2021", "Dec. 31", "December 31st", "December 2021", «décembre
  2021», and a month alone ("in December", «en mars»; "May", "March", «mars» and abbreviations,
  also ordinary words, need a day, a year or a cue word such as "in", and in English a capital);
* day first: "31 December 2021", "31st of December", «31 décembre 2021», «le 1er janvier»,
  «premier janvier», «décembre dernier»;
* years after a keyword ("in 2014", "by the end of 2021", «depuis 2003», «mi-2021») and spans
  of years ("from 2014 to 2017", "between 2014 and 2017", "the 2014-2017 period", «de 2014 à
  2017»).

Numeric dates («31/12/2021», «2021-12-31») are read by
:func:`factcheck.figures.dates.numeric_date`, for both scripts.
"""

from __future__ import annotations

import calendar

from factcheck.figures.dates import Hit, Reading
from factcheck.figures.latin_text import LatinTokens
from factcheck.records import DateValue

__all__ = ["day_first", "month_first", "years"]

_PERIOD_WORDS = frozenset({"end", "start", "beginning", "middle", "rest", "half", "quarter"})
"""Words before "of" that make the year after it a date: "by the end of 2021"."""


def _year_at(ts: LatinTokens, i: int, lo: int = 1800, hi: int = 2100) -> int | None:
    """Token ``i`` as a year in ``lo..hi`` (four plain digits), or None."""
    if not ts.is_token(i, "N"):
        return None
    tok = ts.text[i]
    if len(tok) != 4 or not tok.isdigit() or not lo <= int(tok) <= hi:
        return None
    return int(tok)


def _not_a_year(ts: LatinTokens, j: int) -> bool:
    """A four-digit number that a percent sign, scale or duration follows: "in 2000 years"."""
    k, w = j + 1, ts.words
    nxt = ts.wkey(k)
    return (
        ts.is_token(k, "P", "%")
        or nxt in w.time_nouns
        or nxt in w.numbers
        or (nxt,) in w.percent
        or (nxt, ts.wkey(k + 1)) in w.percent
    )


def _year_after(ts: LatinTokens, k: int) -> tuple[int | None, int]:
    """A year at token ``k`` or after a comma there: (year, its token) or (None, k - 1)."""
    j = k + 1 if ts.is_token(k, "P", ",") else k
    year = _year_at(ts, j)
    if year is None or _not_a_year(ts, j):
        return None, k - 1
    return year, j


def _month_at(ts: LatinTokens, j: int) -> tuple[int, bool, int] | None:
    """Month name at token ``j``: (month, weak, last token) or None; the last token is the dot
    after an abbreviation when a number follows it («Dec. 31», «Dec. 2021»)."""
    entry = ts.words.months.get(ts.wkey(j))
    if entry is None:
        return None
    last = j
    if entry[1] and ts.is_token(j + 1, "P", ".") and ts.joined(j) and ts.is_token(j + 2, "N"):
        last = j + 1
    return entry[0], entry[1], last


def _relative(ts: LatinTokens, last: int) -> int:
    """Take a relative word after a month («décembre dernier») into the date's wording."""
    return last + 1 if ts.wkey(last + 1) in ts.words.relative_after else last


def _hit(ts: LatinTokens, first: int, last: int, date: DateValue) -> Reading:
    return [Hit("date", ts.start(first), ts.end(last), date=date)], last + 1


def _day_fits(day: int, month: int, year: int | None) -> bool:
    return 1 <= day <= calendar.monthrange(year or 2000, month)[1]


def day_first(ts: LatinTokens, i: int, day: int) -> Reading | None:
    """The date whose day (``day``: a number, «1er», «premier») is token ``i`` and whose month
    follows: «31 December 2021», "31st of December", «1er janvier»; None when no month does."""
    j = i + 1
    if ts.wkey(j) in ts.words.day_suffixes and ts.joined(i):
        j += 1
    if ts.wkey(j) == "of" and ts.wkey(j + 1) in ts.words.months:
        j += 1
    found = _month_at(ts, j)
    if found is None:
        return None
    month, _, last = found
    year, y_last = _year_after(ts, last + 1)
    last = y_last if year is not None else _relative(ts, j)
    if not _day_fits(day, month, year):
        return None
    return _hit(ts, i, last, DateValue(year, month, day))


def _day_after(ts: LatinTokens, k: int, month: int) -> tuple[int, int] | None:
    """A day number at token ``k`` after a month name ("December 31", "December 31st"):
    (day, last token) or None."""
    tok = ts.text[k] if ts.is_token(k, "N") else ""
    if not (tok.isdigit() and len(tok) <= 2 and _day_fits(int(tok), month, None)):
        return None
    if ts.joined(k) and ts.wkey(k + 1):
        if ts.wkey(k + 1) not in ts.words.day_suffixes:
            return None  # «May 5G»
        return int(tok), k + 1
    return int(tok), k


def month_first(ts: LatinTokens, i: int) -> Reading | None:
    """The date whose month name is token ``i``: "December 31, 2021", "Dec. 31", «décembre
    2021», "in May"; None for a weak month name with nothing that makes it a month."""
    month, weak, m_last = _month_at(ts, i) or (0, False, i)
    if not month or (weak and ts.words.capital_months and not ts.text[i][0].isupper()):
        return None  # "may", "march": the verb
    day = _day_after(ts, m_last + 1, month)
    last = i if day is None else day[1]
    year, y_last = _year_after(ts, (m_last if day is None else last) + 1)
    if year is not None:
        last = y_last
    elif day is None:
        last = _relative(ts, i)
        if weak and last == i and ts.word_before(i) not in ts.words.month_cues:
            return None
    if day is not None and not _day_fits(day[0], month, year):
        return None
    return _hit(ts, i, last, DateValue(year, month, None if day is None else day[0]))


def years(ts: LatinTokens, i: int) -> Reading | None:
    """The year at token ``i`` when a keyword before it makes it one ("in 2014", «depuis
    2003», "by the end of 2021") and the second year of a span ("from 2014 to 2017", «2014-2017»);
    None for a number that is no year."""
    year = _year_at(ts, i, 1900, 2100)
    if year is None or _not_a_year(ts, i):
        return None
    w, before, k = ts.words, ts.word_before(i), i + 1
    if before == "of" and ts.word_before(i - 1) in w.year_leads | _PERIOD_WORDS:
        before = "in"  # "by the end of 2021"
    span = ts.is_token(k, "P", "-") and ts.joined(i) and ts.joined(k)
    if not span and ts.wkey(k) in w.range_to:
        span = before in w.range_from or before in w.year_leads
    second = _year_at(ts, k + 1, 1900, 2100) if span else None
    if second is not None and _not_a_year(ts, k + 1):
        second = None
    if second is None and before not in w.year_leads:
        return None
    hits = [Hit("date", ts.start(i), ts.end(i), date=DateValue(year))]
    if second is None or second < year:
        return hits, i + 1
    hits.append(Hit("date", ts.start(k + 1), ts.end(k + 1), date=DateValue(second)))
    return hits, k + 2
