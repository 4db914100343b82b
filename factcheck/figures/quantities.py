"""Numbers, percentages, counts and dates in Arabic news text.

The stance engine compares the figures of a claim with those of its evidence (2100 shipments
against 5000, 31 December against 30 December) and the desk highlights them, so every
:class:`Quantity` carries its value *and* its span in the original, never-altered text.

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
:mod:`factcheck.figures.dates` (:class:`DateValue`, month names, date wordings), and this module
(counted units, hedges such as «أكثر من», percentages, ordinals, the scan that sends each token
to the right reader, and the comparison of figures).
"""

from __future__ import annotations

import math
import re

from factcheck.figures.dates import (
    _HIJRI_SUFFIX,
    _LEX,
    _MONTHS,
    _RANGE_FROM,
    _RANGE_TO,
    _RELATIVE,
    _YEAR_EXCL,
    _YEAR_INCL,
    _date_from_month,
    _Hit,
    _numeric_date,
    _skip,
    _year,
    _year_after_keyword,
)
from factcheck.figures.numerals import (
    _PCT_ONE,
    _PCT_TWO,
    _TEN,
    _WITH_ARTICLE,
    _cardinal,
    _clitics,
    _Toks,
)
from factcheck.records import KINDS, QUALIFIERS, DateValue, Quantity
from factcheck.text.arabic import STOPWORDS, fold, fold_with_map

__all__ = [
    "KINDS",
    "QUALIFIERS",
    "DateValue",
    "Quantity",
    "dates_compatible",
    "extract_quantities",
    "numbers_agree",
]


# --------------------------------------------------------------------------------------------
# Units and hedges (folded forms)
# --------------------------------------------------------------------------------------------

_FILLERS = frozenset({"فقط", "تقريبا", "تحديدا"})
_LABEL_WORDS = _clitics("رقم", ("", "و", "ب", "ال", "بال"))
_COUNT_NOUNS = _clitics("عدد نسبه معدل حصيله", ("", "و", "ب", "ل", "ال", "وال", "بال"))


def _phrases(text: str, qualifier: str, first_prefixes: tuple[str, ...]) -> dict:
    out: dict[tuple[str, ...], str] = {}
    for phrase in text.split("|"):
        words = tuple(phrase.split())
        for p in first_prefixes:
            out[(p + words[0], *words[1:])] = qualifier
    return out


_PRE = ("", "و", "ف", "ب", "ل")
_QUAL_PRE: dict[tuple[str, ...], str] = {
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
_QUAL_POST: dict[tuple[str, ...], str] = {
    **_phrases("تقريبا", "about", ("",)),
    **_phrases("علي الاقل|كحد ادني|ونيف|فاكثر|فما فوق|او اكثر|علي اقل تقدير", "more_than", ("",)),
    **_phrases("علي الاكثر|كحد اقصي|فاقل|او اقل|بحد اقصي", "less_than", ("",)),
}
_NOT_UNIT = (
    STOPWORDS
    | frozenset(_LEX)
    | _RELATIVE
    | _YEAR_EXCL
    | _PCT_ONE
    | _PCT_TWO
    | frozenset(w for phrase in (*_QUAL_PRE, *_QUAL_POST) for w in phrase)
    | _clitics("فقط نحو وقد بينما بينهم منهم بنسبه نسبه اعتبارا", ("",))
    | (_YEAR_INCL - {"عام", "سنه"})
)
_UNIT_ARTICLE = ("وبال", "وال", "فال", "بال", "كال", "ولل", "فلل", "لل", "ال")
_PREP_ARTICLE = _UNIT_ARTICLE[:-1]

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
_TRIGGERS: frozenset[str] = frozenset(_LEX) | _YEAR_INCL | _YEAR_EXCL


# --------------------------------------------------------------------------------------------
# Scanner
# --------------------------------------------------------------------------------------------

# ---- counted units and hedges ----------------------------------------------------------------


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
    return len(word) >= 2 and word not in _NOT_UNIT


def _unit_after(
    ts: _Toks, k: int, *, direct: bool = True, definite: bool = False
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


def _unit_before(ts: _Toks, i: int) -> str:
    """«بلغ عدد القتلى 50», «نسبة البطالة 10%»: the noun after a count word shortly before."""
    for j in range(i - 1, max(i - 5, -1), -1):
        if ts.kind[j] != "W":
            return ""
        if ts.text[j] in _COUNT_NOUNS and j + 1 < i and _unit_ok(ts.text[j + 1]):
            return _unit_form(ts.text[j + 1])
    return ""


def _noun_before(ts: _Toks, i: int) -> str:
    w = ts.word(i - 1)
    return _unit_form(w) if _unit_ok(w) else ""


def _qualifier(ts: _Toks, first: int, after: int) -> str:
    """Hedge before token ``first`` («أكثر من») or from token ``after`` on («على الأقل»)."""
    text = ts.text
    for size in (4, 3, 2, 1):
        if first - size >= 0:
            q = _QUAL_PRE.get(tuple(text[first - size : first]))
            if q:
                return q
    for size in (3, 2, 1):
        if after + size <= ts.n:
            q = _QUAL_POST.get(tuple(text[after : after + size]))
            if q:
                return q
    return ""


# ---- numbers ---------------------------------------------------------------------------------


def _phone_like(ts: _Toks, i: int) -> bool:
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
        if nxt == "." and ts.is_(i + 2, "N") and ts.touching(i + 1, i + 2):
            return True  # versions and addresses: «1.2.3», «192.168.1.1»
    return False


_PERIOD_LAST = frozenset({"الاخير", "الاخيره", "الاول", "الاولي"})


def _number(ts: _Toks, i: int, pct_first: int | None = None) -> tuple[list[_Hit], int] | None:
    """Number or percentage starting at token ``i`` (``pct_first``: a «%» before it)."""
    found = _cardinal(ts, i)
    if found is None:
        return None
    value, last, first_cat, atoms = found
    if first_cat == "frac" and atoms == 1 and ts.text[i].startswith("ال"):
        nxt = _LEX.get(ts.word(last + 1))
        if ts.word(last + 1) in _PERIOD_LAST or (nxt is not None and nxt[1] == "ord"):
            return None  # «الربع الثاني»، «الثلث الأخير»: a period of the year, not 1/4
    start_tok = i if pct_first is None else pct_first
    kind = "number" if pct_first is None else "percent"
    k = last + 1
    if kind == "number":
        if ts.is_(k, "P", "%") or ts.word(k) in _PCT_ONE:
            kind, last = "percent", k
        elif ts.word(k) == "في" and ts.word(k + 1) in _PCT_TWO:
            kind, last = "percent", k + 1
    ordinal = (
        kind == "number"
        and first_cat == "digits"
        and atoms == 1
        and ts.word(i - 1) in ("ال", "وال", "بال", "لل")
    )
    unit, after = "", last + 1
    if ts.word(start_tok - 1) in _LABEL_WORDS:
        pass  # «القرار رقم 2254»: a label, it counts nothing
    elif first_cat == "unit" and atoms == 1 and value <= 2:
        unit = _noun_before(ts, start_tok)  # «جندي واحد»
    if not unit and ts.word(start_tok - 1) not in _LABEL_WORDS:
        unit, u_last = _unit_after(
            ts, last + 1, direct=kind == "number", definite=first_cat == "frac"
        )
        after = u_last + 1
    if not unit and ts.word(start_tok - 1) not in _LABEL_WORDS:
        unit = _unit_before(ts, start_tok)
    qualifier = _qualifier(ts, start_tok, after)
    if not qualifier and after != last + 1:
        qualifier = _qualifier(ts, start_tok, last + 1)
    hit = (kind, _skip(ts, start_tok), ts.e(last), value, None, unit, qualifier, ordinal)
    return [hit], last + 1


def _ordinal(ts: _Toks, i: int) -> tuple[list[_Hit], int] | None:
    """«الرابعة», «الحادي عشر», «الخامس والعشرون»; «الأول من ديسمبر» is a date."""
    prefix, cat, v, stem = _LEX[ts.text[i]]
    value, last = int(v), i
    if ts.word(i + 1) in _TEN:
        value, last = value + 10, i + 1
    else:
        nxt = _LEX.get(ts.word(i + 1))
        if nxt is not None and nxt[1] == "tens" and nxt[0] in ("و", "وال"):
            value, last = value + int(nxt[2]), i + 1
        elif cat == "ordteen":
            return None
    if stem == "ثاني" and ts.word(i + 1).startswith("اكسيد"):
        return None  # «ثاني أكسيد الكربون»
    if ts.word(last + 1) == "من" and value <= 31:
        date = _date_from_month(ts, i, last + 2, value)
        if date is not None:
            return date
    # «الجولة الرابعة» qualifies the noun before it; «أول قوة», «ثالث أكبر» the noun after.
    unit = _noun_before(ts, i) if prefix in _WITH_ARTICLE else _unit_after(ts, last + 1)[0]
    hit = ("number", _skip(ts, i), ts.e(last), float(value), None, unit, "", True)
    return [hit], last + 1


# ---- dispatch --------------------------------------------------------------------------------


def _at_number(ts: _Toks, i: int) -> tuple[list[_Hit], int]:
    tok = ts.text[i]
    if tok.isdigit() and len(tok) <= 2 and 1 <= int(tok) <= 31:
        j = i + 2 if ts.word(i + 1) == "من" else i + 1
        date = _date_from_month(ts, i, j, int(tok))
        if date is not None:
            return date
    if _year(ts, i) is not None and ts.word(i + 1) == "م" and ts.touching(i, i + 1):
        year = DateValue(int(tok))
        return [("date", ts.s(i), ts.e(i + 1), None, year, "", "", False)], i + 2
    if tok.isdigit() and len(tok) == 4 and ts.word(i + 1) in _HIJRI_SUFFIX:
        return [], i + 2
    if (
        _year(ts, i) is not None
        and ts.word(i - 1) in _RANGE_FROM
        and (ts.word(i + 1) in _RANGE_TO or ts.is_(i + 1, "P", "-"))
        and _year(ts, i + 2) is not None
    ):  # «من 2014 إلى 2017», «بين 2014 و2017»: a span of years, not two counts
        return [
            ("date", ts.s(k), ts.e(k), None, DateValue(int(ts.text[k])), "", "", False)
            for k in (i, i + 2)
        ], i + 3
    if _phone_like(ts, i):
        k = i + 1  # the rest of a spaced phone number goes with it
        while ts.is_(k, "N") or (ts.is_(k, "P") and ts.text[k] in "-." and ts.is_(k + 1, "N")):
            k += 1
        return [], k
    return _number(ts, i) or ([], i + 1)


def _at_word(ts: _Toks, i: int) -> tuple[list[_Hit], int] | None:
    w = ts.text[i]
    if (w in _YEAR_INCL or w in _YEAR_EXCL) and ts.is_(i + 1, "N"):
        found = _year_after_keyword(ts, i)
        if found is not None:
            return found
    entry = _LEX.get(w)
    if entry is None:
        return None
    cat = entry[1]
    if cat in _MONTHS:
        return _date_from_month(ts, i, i, None)
    if cat in ("ord", "ordteen"):
        return _ordinal(ts, i)
    return _number(ts, i)


def _scan(folded: str) -> list[_Hit]:
    ts = _Toks(folded)
    hits: list[_Hit] = []
    kinds, n, i = ts.kind, ts.n, 0
    while i < n:
        k = kinds[i]
        found: tuple[list[_Hit], int] | None = None
        if k == "W":
            if ts.text[i] not in _TRIGGERS:
                i += 1
                continue
            found = _at_word(ts, i)
        elif k == "N":
            found = _at_number(ts, i)
        elif k == "D":
            date = _numeric_date(ts.text[i])
            if date is not None:
                hits.append(("date", ts.s(i), ts.e(i), None, date, "", "", False))
            found = ([], i + 1)
        elif k == "T":
            found = ([], i + 1)
        elif (
            ts.text[i] == "%"
            and ts.is_(i + 1, "N")
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

    Quantities never overlap and come sorted by ``start``; the digits of a date are not also
    reported as numbers. Cost: one :func:`fold`, one regex tokenisation, dictionary look-ups;
    the offset map of :func:`fold_with_map` is built (or read from its cache) only when the
    text has a character that does not fold one-to-one (diacritics, tatweel, bidi marks).
    """
    folded = fold(text)
    # Fast path: most passages of a corpus hold no digit and no number or month word.
    if _DIGIT_RE.search(folded) is None and _LEX.keys().isdisjoint(_WORD_RE.findall(folded)):
        return ()
    hits = _scan(folded)
    if not hits:
        return ()
    to_original = _identity if _NOT_ONE_TO_ONE_RE.search(text) is None else None
    if to_original is None:
        to_original = fold_with_map(text).to_original
    out = []
    for kind, a, b, value, date, unit, qualifier, ordinal in hits:
        start, end = to_original(a, b)
        out.append(
            Quantity(
                kind=kind,
                start=start,
                end=end,
                text=text[start:end],
                value=value,
                date=date,
                unit=unit,
                qualifier=qualifier,
                ordinal=ordinal,
            )
        )
    return tuple(out)


# --------------------------------------------------------------------------------------------
# Comparison
# --------------------------------------------------------------------------------------------


def dates_compatible(a: DateValue, b: DateValue) -> bool:
    """True when every field present in both dates agrees (31 Dec 2021 ~ «31 كانون الأول»)."""
    return all(
        x is None or y is None or x == y
        for x, y in ((a.year, b.year), (a.month, b.month), (a.day, b.day))
    )


def _interval(q: Quantity, rel_tol: float, exact_tol: float) -> tuple[float, float]:
    v = q.value if q.value is not None else math.nan
    if q.qualifier == "more_than":
        return v, math.inf
    if q.qualifier == "less_than":
        return -math.inf, v
    tol = (rel_tol if q.qualifier == "about" else exact_tol) * abs(v)
    return v - tol, v + tol


def numbers_agree(
    a: Quantity,
    b: Quantity,
    *,
    rel_tol: float = 0.1,
    exact_tol: float = 1e-9,
    check_unit: bool = False,
) -> bool | None:
    """Whether two figures can both be true; None when they cannot be compared.

    Incomparable: different kinds, dates (use :func:`dates_compatible`), an ordinal against a
    cardinal, and with ``check_unit`` two different non-empty units. Each figure stands for an
    interval: exact figures ``v ± exact_tol·v`` (tight: 2100 is not 2101), «نحو v»
    ``v ± rel_tol·v``, «أكثر من v» ``[v, ∞)`` and «أقل من v» ``(-∞, v]`` (bounds inclusive, as
    newsrooms use them loosely); they agree when the intervals overlap.
    """
    if a.kind != b.kind or a.kind == "date" or a.value is None or b.value is None:
        return None
    if a.ordinal != b.ordinal:
        return None
    if check_unit and a.unit and b.unit and a.unit != b.unit:
        return None
    lo_a, hi_a = _interval(a, rel_tol, exact_tol)
    lo_b, hi_b = _interval(b, rel_tol, exact_tol)
    return lo_a <= hi_b and lo_b <= hi_a
