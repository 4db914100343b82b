"""Numbers, percentages, counts and dates in Arabic news text: :func:`extract_quantities`.

A text written mostly in Latin letters (an English or French claim:
:func:`~factcheck.figures.latin_text.latin_script`) goes to the Latin-script reader,
:mod:`factcheck.figures.latin`, which returns the same records; everything else, including an
Arabic passage that quotes "60%" or "F-16", is read here exactly as before.

The stance engine compares the figures of a claim with those of its evidence (2100 shipments
against 5000, 31 December against 30 December) and the desk highlights them, so every
:class:`~factcheck.records.Quantity` carries its value *and* its span in the original,
never-altered text.

Matching runs on the folded form (:func:`factcheck.text.arabic.fold`: ASCII digits, ``%`` and ``.``
for ``٪`` and ``٫``, no diacritics, one alef, ``ى -> ي``, ``ة -> ه``) and spans map back with
:meth:`Folded.to_original`, so ``text[q.start:q.end]`` is the original wording, diacritics
included.

Why hand-written rather than a library: the candidates (pyarabic's ``number`` module,
dateparser, number-parser) either return no character offsets, know no Levantine/Iraqi month
names (كانون الأول، آب، أيار) or cost milliseconds per call, while this runs over whole corpora
for claim extraction. The parser is a small token-level state machine over one compiled regex and
dictionary look-ups of every clitic form of every number word, built once at import.

It is layered: :mod:`factcheck.figures.numerals` (tokens, clitics, number words, cardinal phrases),
:mod:`factcheck.figures.dates` (month names, date wordings, the :class:`Hit` readers return),
:mod:`factcheck.figures.hedges` («أكثر من»، «على الأقل»), :mod:`factcheck.figures.units` (the
noun a number counts), and this module: numbers, percentages and ordinals, the scan that sends
each token to the right reader, and the records it returns. Whether two figures agree is
:mod:`factcheck.figures.agreement`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from factcheck.figures.dates import (
    HIJRI_SUFFIX,
    LEXICON,
    MONTH_CATEGORIES,
    RANGE_FROM,
    RANGE_TO,
    YEAR_LEADS,
    YEAR_NOUNS,
    Hit,
    Reading,
    date_from_month,
    numeric_date,
    span_start,
    year_after_keyword,
    year_at,
)
from factcheck.figures.hedges import qualifier
from factcheck.figures.latin import scan_latin
from factcheck.figures.latin_text import latin_script
from factcheck.figures.latin_words import figure_words
from factcheck.figures.numerals import (
    PERCENT_AFTER_FI,
    PERCENT_WORDS,
    TEN_WORDS,
    WITH_ARTICLE,
    Tokens,
    cardinal,
)
from factcheck.figures.units import LABEL_WORDS, noun_before, unit_after, unit_before
from factcheck.records import DateValue, Quantity
from factcheck.text.arabic import fold, fold_with_map

__all__ = ["extract_quantities", "quantity_summary_of"]


_WORD_RE = re.compile(r"[^\W\d_]+")
_DIGIT_RE = re.compile(r"\d")
_LATIN_RE = re.compile(r"[a-z]+")
# Characters whose folded form is not exactly one character (diacritics, tatweel, bidi marks,
# ligatures), plus everything outside the BMP. A text without any folds character for
# character, so folded offsets *are* original offsets and the (slower) offset map of
# fold_with_map is only built when one of these occurs.
_NOT_ONE_TO_ONE_RE = re.compile(
    "["
    + "".join(re.escape(c) for c in map(chr, range(0x10000)) if len(fold(c)) != 1)
    + "\U00010000-\U0010ffff]"
)
_TRIGGERS: frozenset[str] = frozenset(LEXICON) | YEAR_NOUNS | YEAR_LEADS
_FIGURE_WORDS: frozenset[str] = frozenset(LEXICON) | figure_words()
"""Arabic, English and French words that can open a figure: one set, one look-up per word."""
_LATIN_LETTER_RE = re.compile("[a-z]")


# ---- numbers ---------------------------------------------------------------------------------


def _phone_like(ts: Tokens, i: int) -> bool:
    """Phone numbers, ids and model names («F-16», «كوفيد-19», «5G») are not quantities."""
    tok = ts.text[i]
    digits = tok.replace(",", "").replace(" ", "").replace(".", "")
    if len(digits) >= 9 or (tok[0] == "0" and len(tok) >= 3 and tok[1] != "."):
        return True
    if i > 0 and ts.touching(i - 1, i):
        prev = ts.text[i - 1]
        if prev == "+" or (ts.kind[i - 1] == "W" and _LATIN_RE.fullmatch(prev)):
            return True
        if (
            prev in "-/"
            and ts.kind[i - 1] == "P"
            and i > 1
            and ts.kind[i - 2] == "W"
            and ts.touching(i - 2, i - 1)
        ):
            return True
    if i + 1 < ts.n and ts.touching(i, i + 1):
        nxt = ts.text[i + 1]
        if ts.kind[i + 1] == "W" and _LATIN_RE.fullmatch(nxt):
            return True
        if nxt == "." and ts.is_token(i + 2, "N") and ts.touching(i + 1, i + 2):
            return True  # versions and addresses: «1.2.3», «192.168.1.1»
    return False


_PERIOD_LAST = frozenset({"الاخير", "الاخيره", "الاول", "الاولي"})


def _number(ts: Tokens, i: int, pct_first: int | None = None) -> Reading | None:
    """Number or percentage starting at token ``i`` (``pct_first``: a «%» before it)."""
    found = cardinal(ts, i)
    if found is None:
        return None
    value, last, first_cat, atoms = found
    if first_cat == "frac" and atoms == 1 and ts.text[i].startswith("ال"):
        nxt = LEXICON.get(ts.word(last + 1))
        if ts.word(last + 1) in _PERIOD_LAST or (nxt is not None and nxt.category == "ord"):
            return None  # «الربع الثاني»، «الثلث الأخير»: a period of the year, not 1/4
    start_tok = i if pct_first is None else pct_first
    kind = "number" if pct_first is None else "percent"
    k = last + 1
    if kind == "number":
        if ts.is_token(k, "P", "%") or ts.word(k) in PERCENT_WORDS:
            kind, last = "percent", k
        elif ts.word(k) == "في" and ts.word(k + 1) in PERCENT_AFTER_FI:
            kind, last = "percent", k + 1
    ordinal = (
        kind == "number"
        and first_cat == "digits"
        and atoms == 1
        and ts.word(i - 1) in ("ال", "وال", "بال", "لل")
    )
    unit, after = "", last + 1
    if ts.word(start_tok - 1) in LABEL_WORDS:
        pass  # «القرار رقم 2254»: a label, it counts nothing
    elif first_cat == "unit" and atoms == 1 and value <= 2:
        unit = noun_before(ts, start_tok)  # «جندي واحد»
    if not unit and ts.word(start_tok - 1) not in LABEL_WORDS:
        unit, u_last = unit_after(
            ts, last + 1, direct=kind == "number", definite=first_cat == "frac"
        )
        after = u_last + 1
    if not unit and ts.word(start_tok - 1) not in LABEL_WORDS:
        unit = unit_before(ts, start_tok)
    bound = qualifier(ts, start_tok, after)
    if not bound and after != last + 1:
        bound = qualifier(ts, start_tok, last + 1)
    a, b = span_start(ts, start_tok), ts.end(last)
    return [Hit(kind, a, b, value, unit=unit, qualifier=bound, ordinal=ordinal)], last + 1


def _ordinal(ts: Tokens, i: int) -> Reading | None:
    """«الرابعة», «الحادي عشر», «الخامس والعشرون»; «الأول من ديسمبر» is a date."""
    prefix, cat, v, stem = LEXICON[ts.text[i]]
    value, last = int(v), i
    if ts.word(i + 1) in TEN_WORDS:
        value, last = value + 10, i + 1
    else:
        nxt = LEXICON.get(ts.word(i + 1))
        if nxt is not None and nxt.category == "tens" and nxt.prefix in ("و", "وال"):
            value, last = value + int(nxt.value), i + 1
        elif cat == "ordteen":
            return None
    if stem == "ثاني" and ts.word(i + 1).startswith("اكسيد"):
        return None  # «ثاني أكسيد الكربون»
    if ts.word(last + 1) == "من" and value <= 31:
        date = date_from_month(ts, i, last + 2, value)
        if date is not None:
            return date
    # «الجولة الرابعة» qualifies the noun before it; «أول قوة», «ثالث أكبر» the noun after.
    unit = noun_before(ts, i) if prefix in WITH_ARTICLE else unit_after(ts, last + 1)[0]
    hit = Hit("number", span_start(ts, i), ts.end(last), float(value), unit=unit, ordinal=True)
    return [hit], last + 1


# ---- dispatch --------------------------------------------------------------------------------


def _at_number(ts: Tokens, i: int) -> Reading:
    """Figures from the number token ``i``: a day before a month, «2021م», a span of years, a
    phone number (set aside) or a number or percentage."""
    tok = ts.text[i]
    if tok.isdigit() and len(tok) <= 2 and 1 <= int(tok) <= 31:
        j = i + 2 if ts.word(i + 1) == "من" else i + 1
        date = date_from_month(ts, i, j, int(tok))
        if date is not None:
            return date
    if year_at(ts, i) is not None and ts.word(i + 1) == "م" and ts.touching(i, i + 1):
        year = DateValue(int(tok))
        return [Hit("date", ts.start(i), ts.end(i + 1), date=year)], i + 2
    if tok.isdigit() and len(tok) == 4 and ts.word(i + 1) in HIJRI_SUFFIX:
        return [], i + 2
    if (
        year_at(ts, i) is not None
        and ts.word(i - 1) in RANGE_FROM
        and (ts.word(i + 1) in RANGE_TO or ts.is_token(i + 1, "P", "-"))
        and year_at(ts, i + 2) is not None
    ):  # «من 2014 إلى 2017», «بين 2014 و2017»: a span of years, not two counts
        return [
            Hit("date", ts.start(k), ts.end(k), date=DateValue(int(ts.text[k]))) for k in (i, i + 2)
        ], i + 3
    if _phone_like(ts, i):
        k = i + 1  # the rest of a spaced phone number goes with it
        while ts.is_token(k, "N") or (
            ts.is_token(k, "P") and ts.text[k] in "-." and ts.is_token(k + 1, "N")
        ):
            k += 1
        return [], k
    return _number(ts, i) or ([], i + 1)


def _at_word(ts: Tokens, i: int) -> Reading | None:
    """Figures from the word token ``i``: a year after its keyword, a month, an ordinal or a
    number word; None when nothing starts there."""
    w = ts.text[i]
    if (w in YEAR_NOUNS or w in YEAR_LEADS) and ts.is_token(i + 1, "N"):
        found = year_after_keyword(ts, i)
        if found is not None:
            return found
    entry = LEXICON.get(w)
    if entry is None:
        return None
    cat = entry.category
    if cat in MONTH_CATEGORIES:
        return date_from_month(ts, i, i, None)
    if cat in ("ord", "ordteen"):
        return _ordinal(ts, i)
    return _number(ts, i)


def _scan(folded: str) -> list[Hit]:
    """Every figure of a folded text, in order: each token goes to the reader it can open."""
    ts = Tokens(folded)
    hits: list[Hit] = []
    kinds, n, i = ts.kind, ts.n, 0
    while i < n:
        k = kinds[i]
        found: Reading | None = None
        if k == "W":
            if ts.text[i] not in _TRIGGERS:
                i += 1
                continue
            found = _at_word(ts, i)
        elif k == "N":
            found = _at_number(ts, i)
        elif k == "D":
            date = numeric_date(ts.text[i])
            if date is not None:
                hits.append(Hit("date", ts.start(i), ts.end(i), date=date))
            found = ([], i + 1)
        elif k == "T":
            found = ([], i + 1)
        elif (
            ts.text[i] == "%"
            and ts.is_token(i + 1, "N")
            and ts.touching(i, i + 1)
            and not (i > 0 and kinds[i - 1] == "N" and ts.touching(i - 1, i))
        ):
            found = _number(ts, i + 1, pct_first=i)  # «%60», as bidi-mangled text writes it
        if found is None:
            i += 1
            continue
        hits.extend(found[0])
        i = max(found[1], i + 1)
    return hits


def _identity(start: int, end: int) -> tuple[int, int]:
    return start, end


def extract_quantities(text: str) -> tuple[Quantity, ...]:
    """Numbers, percentages and dates of ``text`` in order, with spans into ``text``.

    >>> [(q.kind, q.value, q.unit, q.text) for q in extract_quantities("أكثر من ٢١٠٠ شحنة")]
    [('number', 2100.0, 'شحنه', '٢١٠٠')]
    >>> [str(q.date) for q in extract_quantities("في 31 كانون الأول 2021")]
    ['2021-12-31']
    >>> [(q.kind, q.value, q.unit, q.qualifier) for q in extract_quantities("over 2,100 shipments")]
    [('number', 2100.0, 'shipments', 'more_than')]

    Quantities never overlap and come sorted by ``start``; the digits of a date are not also
    reported as numbers. Cost: one :func:`fold`, one regex tokenisation, dictionary look-ups;
    the offset map of :func:`fold_with_map` is built (or read from its cache) only when the
    text has a character that does not fold one-to-one (diacritics, tatweel, bidi marks). An
    Arabic text with a digit or a figure word pays one more regex search (for a Latin letter).
    """
    folded = fold(text)
    # Fast path: most passages of a corpus hold no digit and no number or month word.
    if _DIGIT_RE.search(folded) is None and _FIGURE_WORDS.isdisjoint(_WORD_RE.findall(folded)):
        return ()
    if _LATIN_LETTER_RE.search(folded) is not None and latin_script(folded):
        hits = scan_latin(text)  # spans already index the original
        to_original = _identity
    else:
        hits = _scan(folded)
        to_original = _identity if _NOT_ONE_TO_ONE_RE.search(text) is None else None
        if to_original is None and hits:
            to_original = fold_with_map(text).to_original
    if not hits:
        return ()
    out = []
    for hit in hits:
        start, end = to_original(hit.start, hit.end)
        out.append(
            Quantity(
                kind=hit.kind,
                start=start,
                end=end,
                text=text[start:end],
                value=hit.value,
                date=hit.date,
                unit=hit.unit,
                qualifier=hit.qualifier,
                ordinal=hit.ordinal,
            )
        )
    return tuple(out)


def quantity_summary_of(quantities: Sequence[Quantity]) -> list[dict]:
    """Figures as plain dicts for display and JSON output: kind, original text and span, and the
    value, ISO date (:meth:`~factcheck.records.DateValue.iso`) and unit when there is one."""
    out = []
    for q in quantities:
        item: dict = {"kind": q.kind, "text": q.text, "start": q.start, "end": q.end}
        if q.value is not None:
            item["value"] = q.value
        if q.date is not None:
            item["date"] = str(q.date)
        if q.unit:
            item["unit"] = q.unit
        out.append(item)
    return out
