"""Numbers, percentages and dates in English and French text: the Latin-script reader.

Editors type claims in English or French ("Iraq cut foreign troops by 60%", "the withdrawal must
end by December 31, 2021", «plus de 2 100 soldats») and the engine compares their figures with
those of Arabic passages, so a Latin-script text must give the same records as an Arabic one:
:func:`scan_latin` returns the :class:`~factcheck.figures.dates.Hit` the Arabic readers return,
and :func:`factcheck.figures.quantities.extract_quantities` sends a text here when most of its
letters are Latin (:func:`~factcheck.figures.latin_text.latin_script`) and builds the records.
It reads:

* numbers in digits, in either convention (2,100 and 2.5 in English; 2 100, 2.100 and 2,5 in
  French), and in words ("three", "twenty-five", "2.5 million", "a million and a half", «deux
  mille», «quatre-vingt-dix», «un million et demi»), with the noun they count ("2,100
  shipments" -> ``shipments``, «2 millions de barils» -> ``barils``) and a currency sign ("$2.5
  billion" -> ``dollars``);
* percentages: "60%", "60 %", "60 percent", "60 per cent", "sixty percent", «60 pour cent»,
  counting the noun after "of"/«de» ("60% of the troops" -> ``troops``);
* dates (:mod:`factcheck.figures.latin_dates`) and numeric dates («31/12/2021», «2021-12-31»);
* hedges before or after a figure ("more than", "at least", "nearly", "up to", «plus de»,
  «environ», «jusqu'à», "or more", a glued «+») as its qualifier.

It sets aside ordinals ("the third time", "27th"), model names and ids ("Boeing 737",
"COVID-19", "F-16", "5G", "MH17"), labels ("Resolution 2254", "No. 5"), phone numbers, clock
times ("10 a.m.", «14h30»), URLs, and vague plurals ("thousands of", «des milliers»). Fractions
("half of", "two-thirds") are not read.

The layers: :mod:`~factcheck.figures.latin_words` (the vocabulary) ->
:mod:`~factcheck.figures.latin_text` (the view, tokens, language, cardinal phrases) ->
:mod:`~factcheck.figures.latin_dates` -> this module (numbers, percentages and the scan).

Why hand-written rather than a library, measured on this machine: ``dateparser`` 1.5.0
(``search.search_dates``) returns no offsets, fills a missing year or day with today's ("on 26
July" -> this year, "on Dec. 31" -> December 2 of this year) and costs about 4 ms a sentence;
``number-parser`` 0.3.2 has no French and no offsets; ``word2number`` 1.1 converts a whole
string, English only; ``text2num`` 3.1.0 (``find_numbers``: token offsets, English and French,
about 20 µs a sentence) comes closest, but reads "2.5 million" and "a million and a half" as
1,000,000, counts the adjective «neuf» (new) as nine and knows no dates, percentages or hedges;
the grammar of number words is the small part of this reader, so depending on it would save
little.
"""

from __future__ import annotations

import re

from factcheck.figures.dates import Hit, Reading, numeric_date
from factcheck.figures.latin_dates import day_first, month_first, years
from factcheck.figures.latin_text import VIEW, LatinTokens, cardinal
from factcheck.figures.latin_words import latin_key
from factcheck.text.arabic import fold

__all__ = ["scan_latin"]

_PHONE_RE = re.compile(
    r"\+ ?\d[\d ().-]{6,}\d"  # +964 770 123 4567, +1 (202) 555-0143
    r"|\(\d{2,4}\) ?\d{3,4}[ .-]?\d{3,4}(?!\d)"  # (202) 555-0143
    r"|\d{2,4}[ .-]\d{3}[ .-]\d{4}(?!\d)"  # 202-555-0143, 202 555 0143
    r"|0\d(?:[ .]\d{2}){4}(?!\d)"  # 01 23 45 67 89
    r"|\d{9,}"  # long digit runs: ids, phone numbers
)
_CURRENCY = {"$": "dollars", "€": "euros", "£": "pounds"}
_TIME_WORDS = frozenset({"am", "pm", "h"})
_GLUED_UNITS = frozenset({"bn", "km", "kg", "mm", "cm", "m", "mw", "gw", "kw", "kwh", "mph"})
"""Letters glued to a number that leave it a number («10km»); any others make it an id («5G»)."""


def scan_latin(text: str) -> list[Hit]:
    """Every figure of an English or French ``text``, in order, spans into ``text`` itself."""
    ts = LatinTokens(text.translate(VIEW))
    w, hits, i = ts.words, [], 0
    while i < ts.n:
        kind = ts.kind[i]
        found: Reading | None = None
        if kind == "N":
            found = _at_number(ts, i)
        elif kind == "W":
            k = ts.key[i]
            if k in w.months:
                found = month_first(ts, i)
            if found is None and k in w.day_words:
                found = day_first(ts, i, w.day_words[k])
            if found is None and k in w.numbers:
                found = _number(ts, i)
        elif kind == "D":
            date = numeric_date(ts.text[i])
            found = ([Hit("date", ts.start(i), ts.end(i), date=date)] if date else [], i + 1)
        elif kind == "P" and ts.text[i] in _CURRENCY and ts.is_token(i + 1, "N") and ts.joined(i):
            found = _number(ts, i + 1, first=i)
        if found is None:
            i += 1
        else:
            hits.extend(found[0])
            i = max(found[1], i + 1)
    return hits


# ---- what is no figure -----------------------------------------------------------------------


def _skip_id(ts: LatinTokens, i: int) -> Reading:
    """Set aside the id or label at token ``i`` and what is glued to it («737-800»)."""
    k = i
    while ts.joined(k) and ts.joined(k + 1) and ts.text[k + 1] in ("-", "/", "."):
        k += 2
    return [], k + 1


def _phone(ts: LatinTokens, i: int) -> Reading | None:
    """A phone number or long id from the digit token ``i`` (or the «+»/«(» glued before it),
    read and set aside; None when there is none."""
    tok = ts.text[i]
    opener = i - 1 if ts.joined(i - 1) and ts.text[i - 1] in ("+", "(") else i
    m = _PHONE_RE.match(ts.view, ts.start(opener))
    if m is None and not (tok[0] == "0" and len(tok) >= 3 and tok[1] not in ".,"):
        return None
    end = m.end() if m is not None else ts.end(i)
    k = i + 1
    while k < ts.n and ts.start(k) < end:
        k += 1
    return [], k


def _clock_time(ts: LatinTokens, i: int) -> bool:
    """«10 am», «10 a.m.», «14 h 30»: a time of day."""
    k = ts.wkey(i + 1)
    return k in _TIME_WORDS or (
        k == "a" and ts.text[i + 2 : i + 3] == ["."] and ts.wkey(i + 3) == "m"
    )


def _label_before(ts: LatinTokens, i: int) -> bool:
    """A label: the number names something and counts nothing ("Resolution 2254", "No. 5",
    «n° 3», "Boeing 737").

    A capitalised word the reader does not know, right before a bare number, is taken as a name
    ("Boeing 737", "Oscars 2018"), unless the whole text is in title case."""
    k = ts.wkey(i - 1)
    if k in ts.words.labels:
        return True
    if ts.text[i - 1 : i] in (["."], ["°"]) and ts.wkey(i - 2) in ("no", "n", "nr"):
        return True
    raw = ts.text[i - 1] if k else ""
    if not raw or not raw[0].isupper() or not ts.text[i].isdigit() or len(ts.text[i]) > 5:
        return False
    if k in ts.never_unit or k in ts.words.numbers or k in ts.words.year_leads:
        return False
    return not ts.title_case()


def _at_number(ts: LatinTokens, i: int) -> Reading | None:
    """Figures from the digit token ``i``: a phone number, id or label (set aside), a day before
    a month, a year, an ordinal or clock time (set aside), or a number or percentage."""
    tok = ts.text[i]
    phone = _phone(ts, i)
    if phone is not None:
        return phone
    if ts.joined(i - 1):
        before = ts.text[i - 1]
        if ts.kind[i - 1] == "W" or before == "#":  # «MH17», «G20», «#5»
            return _skip_id(ts, i)
        lead = ts.wkey(i - 2)
        if before in ("-", "/") and lead and ts.joined(i - 2) and lead not in ts.words.year_leads:
            return _skip_id(ts, i)  # «COVID-19», «F-16»; "mid-2021" is a year
    glued = ts.wkey(i + 1) if ts.joined(i) else ""
    if glued and glued not in ts.words.numbers:
        if glued in ts.words.day_suffixes and tok.isdigit():
            return day_first(ts, i, int(tok)) or ([], i + 2)  # «1er janvier»; "27th"
        if glued not in _GLUED_UNITS:
            return [], i + 2  # «5G», «10am», «1990s», «14h30»
    if tok.isdigit() and len(tok) <= 2:
        date = day_first(ts, i, int(tok))
        if date is not None:
            return date
    if _clock_time(ts, i):
        return [], i + 2
    found = years(ts, i)
    if found is not None:
        return found
    if _label_before(ts, i):
        return _skip_id(ts, i)
    return _number(ts, i)


# ---- numbers and percentages -----------------------------------------------------------------


def _percent_after(ts: LatinTokens, k: int) -> int | None:
    """Last token of a percent sign or word at token ``k``, or None."""
    if ts.is_token(k, "P", "%"):
        return k
    w = ts.wkey(k)
    if (w,) in ts.words.percent:
        return k
    return k + 1 if (w, ts.wkey(k + 1)) in ts.words.percent else None


def _range_percent(ts: LatinTokens, k: int) -> bool:
    """«9.5-9.7 percent», "5 to 7 percent": the number after token ``k`` is a percentage."""
    if not ts.is_token(k + 1, "N"):
        return False
    hyphen = ts.text[k : k + 1] == ["-"] and ts.joined(k - 1) and ts.joined(k)
    if not hyphen and ts.wkey(k) not in ("to", "a"):
        return False
    return _percent_after(ts, k + 2) is not None


def _unit_form(ts: LatinTokens, j: int) -> str:
    """The counted noun as a unit: folded (lower case), without an elision apostrophe."""
    return fold(ts.text[j]).rstrip("'")


def _noun_ok(ts: LatinTokens, j: int) -> bool:
    k = ts.wkey(j)
    return len(k) >= 2 and k not in ts.never_unit


def _modifier(ts: LatinTokens, j: int) -> bool:
    """An adjective before the counted noun: "new", "foreign", "US", "Iraqi", «nouveaux»."""
    k = ts.wkey(j)
    if not k:
        return False
    raw = ts.text[j]
    # A capitalised word before a lower-case noun is a name or nationality used as an adjective
    # ("8 Turkish soldiers", "two Hurghada tourists"); one ending in -s is the noun itself
    # ("3 Billboards wins").
    return k in ts.words.modifiers or raw.isupper() or (raw[0].isupper() and raw[-1] != "s")


def _noun_after(ts: LatinTokens, k: int, *, percent: bool) -> tuple[str, int]:
    """The noun a figure counts, from token ``k``: (unit, last token) or ("", k - 1).

    Right after a count ("2,100 shipments", «2 100 soldats»), or after "of"/«de» ("60% of the
    troops", «2 millions de barils»: a percentage counts only there), past articles and up to
    two adjectives ("2,100 new US shipments")."""
    w, j = ts.words, k
    if ts.wkey(j) in w.of_words:
        j += 1
        for _ in range(2):
            if ts.wkey(j) in w.determiners:
                j += 1
    elif percent:
        return "", k - 1
    for _ in range(2):
        if _modifier(ts, j) and _noun_ok(ts, j + 1) and ts.text[j + 1].islower():
            j += 1
    if _noun_ok(ts, j):
        return _unit_form(ts, j), j
    return "", k - 1


def _qualifier(ts: LatinTokens, first: int, after: int, last: int) -> str:
    """The bound a hedge puts on the figure whose wording is tokens ``first..last``: a phrase
    right before it ("more than", «plus de»), a «+» glued to it, or a phrase from token
    ``after`` (past the counted noun) or right after the figure ("or more", «au moins»)."""
    key, before, behind = ts.key, ts.words.hedges_before, ts.words.hedges_after
    for size in (4, 3, 2, 1):
        if first - size >= 0:
            q = before.get(tuple(key[first - size : first]))
            if q:
                return q
    if ts.text[last + 1 : last + 2] == ["+"] and ts.joined(last):
        return "more_than"
    for at in dict.fromkeys((after, last + 1)):
        for size in (3, 2, 1):
            q = behind.get(tuple(key[at : at + size]))
            if q:
                return q
    return ""


def _number(ts: LatinTokens, i: int, first: int | None = None) -> Reading | None:
    """Number or percentage starting at token ``i`` (``first``: a currency sign glued before
    it), with the noun it counts and the hedge around it; None when none starts there."""
    found = cardinal(ts, i)
    if found is None:
        return None
    value, last, atoms = found
    w, kind, unit = ts.words, "number", ""
    start = i if first is None else first
    pct = _percent_after(ts, last + 1)
    if pct is not None:
        kind, last = "percent", pct
    elif _range_percent(ts, last + 1):
        kind = "percent"  # «9.5-9.7 percent»: the first bound is a percentage too
    elif first is not None:
        unit = _CURRENCY[ts.text[first]]
    elif ts.kind[last + 1 : last + 2] == ["P"] and ts.text[last + 1] in _CURRENCY:
        unit, last = _CURRENCY[ts.text[last + 1]], last + 1  # «5 €»
    after = last + 1
    if ts.text[after : after + 1] == ["+"] and ts.joined(last):
        after += 1  # "300+ soldiers": the qualifier reads the «+»
    if ts.text[after : after + 1] == ["-"] and ts.joined(after - 1) and ts.wkey(after + 1):
        if ts.wkey(after + 1) in w.fractions:
            return None  # "two-thirds"
        if not unit and kind == "number" and ts.joined(after):
            unit, after = _unit_form(ts, after + 1), after + 2  # "a 10-day truce"
    elif not unit:
        unit, u_last = _noun_after(ts, after, percent=kind == "percent")
        if unit in w.fractions:
            return None  # "one third"
        after = u_last + 1
    alone = atoms == 1 and ts.kind[i] == "W" and ts.key[i] in w.alone_needs_noun
    if alone and (not unit or ts.wkey(i - 1) in w.not_after_alone):
        return None  # "one of them", "no one", «un bâtiment neuf»
    bound = _qualifier(ts, start, after, last)
    if bound and ts.wkey(start - 1) == "over" and latin_key(unit) in w.time_nouns:
        bound = ""  # "over 10 years": during them, not more than ten
    return [Hit(kind, ts.start(start), ts.end(last), value, unit=unit, qualifier=bound)], after
