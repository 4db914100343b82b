"""Numbers, percentages, counts and dates in Arabic news text.

The stance engine compares the figures of a claim with those of its evidence (2100 shipments
against 5000, 31 December against 30 December) and the desk highlights them, so every
:class:`Quantity` carries its value *and* its span in the original, never-altered text.

Matching runs on the folded form (:func:`factcheck.arabic.fold`: ASCII digits, ``%`` and ``.``
for ``٪`` and ``٫``, no diacritics, one alef, ``ى -> ي``, ``ة -> ه``) and spans map back with
:meth:`Folded.to_original`, so ``text[q.start:q.end]`` is the original wording, diacritics
included.

Why hand-written rather than a library: the candidates (pyarabic's ``number`` module,
dateparser, number-parser) either return no character offsets, know no Levantine/Iraqi month
names (كانون الأول، آب، أيار) or cost milliseconds per call, while this runs over whole corpora
for claim extraction. The parser is a small token-level state machine over one compiled regex and
dictionary look-ups of every clitic form of every number word, built once at import.
"""

from __future__ import annotations

import calendar
import math
import re
from dataclasses import dataclass, field

from factcheck.arabic import STOPWORDS, fold, fold_with_map

__all__ = [
    "KINDS",
    "QUALIFIERS",
    "DateValue",
    "Quantity",
    "dates_compatible",
    "extract_quantities",
    "numbers_agree",
]

KINDS: tuple[str, ...] = ("number", "percent", "date")
QUALIFIERS: tuple[str, ...] = ("more_than", "less_than", "about", "")


# --------------------------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DateValue:
    """A possibly partial Gregorian date: news often gives only a day and month, or a year."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} outside 1..12")
        if self.day is not None:
            last = calendar.monthrange(self.year or 2000, self.month)[1] if self.month else 31
            if not 1 <= self.day <= last:
                raise ValueError(f"day {self.day} outside 1..{last}")

    def iso(self) -> str:
        """ISO 8601 text with omitted parts: ``2021-12-31``, ``2021-12``, ``--12-31``, ``--12``."""
        y, m, d = self.year, self.month, self.day
        if y is not None:
            if m is None:
                return f"{y:04d}"
            return f"{y:04d}-{m:02d}" + (f"-{d:02d}" if d is not None else "")
        if m is not None:
            return f"--{m:02d}" + (f"-{d:02d}" if d is not None else "")
        return f"---{d:02d}" if d is not None else ""

    def __str__(self) -> str:
        return self.iso()


@dataclass(frozen=True, kw_only=True)
class Quantity:
    """One number, percentage or date found in a text.

    ``start``/``end`` index the original text and ``text`` is ``original[start:end]``. ``value``
    is set for numbers and percentages (60 for «60%»), ``date`` for dates. ``unit`` is the folded
    head noun the number counts («2100 شحنة» -> ``"شحنه"``, «60% من القوات» -> ``"قوات"``),
    without the article, ``""`` when there is none. ``qualifier`` is the bound a hedge word puts
    on the figure («أكثر من» -> ``"more_than"``); ``approx`` is true whenever there is one.
    ``ordinal`` marks «الرابعة» (value 4) apart from «أربعة».
    """

    kind: str
    start: int
    end: int
    text: str
    value: float | None = None
    date: DateValue | None = None
    unit: str = ""
    qualifier: str = ""
    ordinal: bool = False
    approx: bool = field(init=False)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"kind {self.kind!r} not one of {KINDS}")
        if self.qualifier not in QUALIFIERS:
            raise ValueError(f"qualifier {self.qualifier!r} not one of {QUALIFIERS}")
        object.__setattr__(self, "approx", self.qualifier != "")


# --------------------------------------------------------------------------------------------
# Lexicon (folded forms), expanded with clitic prefixes once at import
# --------------------------------------------------------------------------------------------

# Proclitics and how many of their letters fall outside the quantity's span: the conjunction or
# preposition is not part of the number's wording, the article is («الرابعة»).
_SPAN_SKIP: dict[str, int] = {
    "": 0,
    "و": 1,
    "ف": 1,
    "ب": 1,
    "ل": 1,
    "ك": 1,
    "وب": 2,
    "ول": 2,
    "فب": 2,
    "فل": 2,
    "وك": 2,
    "ال": 0,
    "وال": 1,
    "فال": 1,
    "بال": 1,
    "كال": 1,
    "لل": 0,
    "ولل": 1,
    "فلل": 1,
    "وبال": 2,
}
_ALL = tuple(_SPAN_SKIP)
_NO_ARTICLE = tuple(p for p in _ALL if "ال" not in p and p != "لل" and not p.endswith("لل"))
_WITH_ARTICLE = ("ال", "وال", "فال", "بال", "كال", "لل", "ولل", "فلل", "وبال")
_ORD_PREFIXES = ("", "و", "ل", "ك", *_WITH_ARTICLE)
_MONTH_PREFIXES = ("", "و", "ب", "ل", "ف")

# (folded stem, category, value, allowed prefixes)
_Stem = tuple[str, str, float, tuple[str, ...]]
_STEMS: list[_Stem] = []


def _add(cat: str, value: float, forms: str, prefixes: tuple[str, ...] = _ALL) -> None:
    for form in forms.split():
        _STEMS.append((form, cat, value, prefixes))


_add("unit", 1, "واحد واحده")
_add("unit", 2, "اثنان اثنتان اثنتين")
_add("unit", 2, "اثنين", _NO_ARTICLE)  # «الاثنين» is Monday
_add("unit", 3, "ثلاث ثلاثه")
_add("unit", 4, "اربع اربعه")
_add("unit", 5, "خمس خمسه")
_add("unit", 6, "سته")
_add("unit", 6, "ست", ("", "و"))  # «لست» (I am not), «الست» (the lady)
_add("unit", 7, "سبع سبعه")
_add("unit", 8, "ثمان ثماني ثمانيه")
_add("unit", 9, "تسع تسعه")
_add("ten", 10, "عشر عشره")
_add("teenpre", 1, "احد احدي", ("", "و"))  # alone «أحد» is "one of", «الأحد» Sunday
_add("teenpre", 2, "اثنا اثني اثنتا اثنتي", ("", "و"))
for _v, _forms in (
    (20, "عشرون عشرين"),
    (30, "ثلاثون ثلاثين"),
    (40, "اربعون اربعين"),
    (50, "خمسون خمسين"),
    (60, "ستون ستين"),
    (70, "سبعون سبعين"),
    (80, "ثمانون ثمانين"),
    (90, "تسعون تسعين"),
):
    _add("tens", _v, _forms)
_add("hund", 100, "مئه مائه", _NO_ARTICLE)  # «المئة» belongs to «في المئة»
_add("hund", 200, "مئتان مئتين مائتان مائتين مئتا مئتي مائتا مائتي")
for _v, _stem in enumerate(("ثلاث ثلث", "اربع", "خمس", "ست", "سبع", "ثمان ثماني", "تسع"), 3):
    _add("hund", _v * 100, " ".join(s + m for s in _stem.split() for m in ("مئه", "مائه")))
for _v, _sing, _dual, _plural in (
    (1e3, "الف الفا", "الفان الفين الفي", "الاف"),
    (1e6, "مليون مليونا", "مليونان مليونين مليوني", "ملايين"),
    (1e9, "مليار مليارا بليون بليونا", "ملياران مليارين ملياري بليونان بليونين", "مليارات بلايين"),
    (1e12, "تريليون تريليونا ترليون", "تريليونان تريليونين", "تريليونات"),
):
    _add("scale", _v, _sing)
    _add("scale2", _v, _dual)
    _add("scalep", _v, _plural)
_add("frac", 0.5, "نصف")
_add("frac", 0.25, "ربع")
_add("frac", 1 / 3, "ثلث")
_add("frac", 2 / 3, "ثلثا ثلثي")
_add("fracp", 0.25, "ارباع")
# No «ب» before ordinals: «باول» is Powell far more often than «بأول».
for _v, _forms in enumerate(
    (
        "اول اولي",
        "ثاني",
        "ثالث ثالثه",
        "رابع",
        "خامس خامسه",
        "سادس سادسه",
        "سابع سابعه",
        "ثامن ثامنه",
        "تاسع تاسعه",
        "عاشر عاشره",
    ),
    1,
):
    _add("ord", _v, _forms, _ORD_PREFIXES)
# Bare «ثانية» is mostly "a second" / "again", bare «رابعة» a name (Rabaa square).
_add("ord", 2, "ثانيه", _WITH_ARTICLE)
_add("ord", 4, "رابعه", _WITH_ARTICLE)
_add("ordteen", 1, "حادي حاديه", _WITH_ARTICLE)

for _v, _forms in (
    (1, "يناير جانفي"),
    (2, "فبراير فيفري شباط"),
    (3, "اذار"),
    (4, "ابريل افريل"),
    (5, "مايو ايار"),
    (6, "يونيو يونيه حزيران"),
    (7, "يوليو يوليه يوليوز جويليه"),
    (8, "اغسطس غشت"),
    (9, "سبتمبر شتنبر ايلول"),
    (10, "اكتوبر"),
    (11, "نوفمبر نونبر"),
    (12, "ديسمبر دجنبر"),
):
    _add("month", _v, _forms, _MONTH_PREFIXES)
# Month names that are also ordinary words (مارس "practised", آب/أب "father", نيسان the car
# maker, تموز a name): a date only with a day, a year, «الماضي»-like word or «شهر»/«في» before.
for _v, _forms in ((3, "مارس"), (4, "نيسان"), (5, "ماي"), (6, "جوان"), (7, "تموز"), (8, "اوت")):
    _add("monthw", _v, _forms, ("", "و"))
_add("monthw", 8, "اب", ("",))
_add("month2", 0, "كانون تشرين", _MONTH_PREFIXES)
_add("hijri", 0, "محرم صفر رجب شعبان رمضان شوال", ("", "و", "ب", "ل"))
_add("hijri2", 0, "ربيع جمادي ذو ذي", ("", "و", "ب", "ل"))

_SECOND_WORD: dict[str, dict[str, int]] = {
    "كانون": {"الاول": 12, "اول": 12, "الثاني": 1, "ثاني": 1},
    "تشرين": {"الاول": 10, "اول": 10, "الثاني": 11, "ثاني": 11},
    "ربيع": dict.fromkeys(("الاول", "اول", "الثاني", "ثاني", "الاخر", "اخر"), 0),
    "جمادي": dict.fromkeys(
        ("الاولي", "اولي", "الاول", "الثانيه", "ثانيه", "الثاني", "الاخره", "اخره", "الاخر"), 0
    ),
    "ذو": {"القعده": 0, "الحجه": 0},
    "ذي": {"القعده": 0, "الحجه": 0},
}


def _build_lexicon() -> dict[str, tuple[str, str, float, str]]:
    """Every clitic form -> (prefix, category, value, stem). Bare stems win over prefixed forms
    («واحد» is one, not و + «احد»)."""
    lex: dict[str, tuple[str, str, float, str]] = {}
    for stem, cat, value, prefixes in _STEMS:
        if "" in prefixes:
            lex.setdefault(stem, ("", cat, value, stem))
    for stem, cat, value, prefixes in _STEMS:
        for p in prefixes:
            if p:
                lex.setdefault(p + stem, (p, cat, value, stem))
    return lex


_LEX = _build_lexicon()
_CARDINAL = frozenset({"unit", "ten", "teenpre", "tens", "hund", "scale", "scale2", "scalep"})
_CARDINAL |= {"frac", "fracp"}
_MONTHS = frozenset({"month", "monthw", "month2", "hijri", "hijri2"})
_TEN = frozenset({"عشر", "عشره"})


def _clitics(stems: str, prefixes: tuple[str, ...]) -> frozenset[str]:
    return frozenset(p + s for s in stems.split() for p in prefixes)


_YEAR_INCL = _clitics("عام سنه عامي صيف شتاء ربيع خريف", (*_NO_ARTICLE, *_WITH_ARTICLE))
_YEAR_EXCL = _clitics(
    "في منذ حتي خلال بحلول قبل بعد مطلع اوائل اواخر منتصف اواسط نهايه بدايه", ("", "و", "ف")
)
_MONTH_CTX = _YEAR_EXCL | _clitics("شهر غره", ("", "و", "ب", "ل"))
_YEAR_WORDS = frozenset({"عام", "العام", "سنه", "السنه"})
_RELATIVE = _clitics("الماضي المقبل القادم الحالي الجاري المنصرم المنقضي الفائت", ("",))
_FILLERS = frozenset({"فقط", "تقريبا", "تحديدا"})
_LABEL_WORDS = _clitics("رقم", ("", "و", "ب", "ال", "بال"))
_PCT_ONE = frozenset({"بالمئه", "بالمائه", "بالميه"})
_PCT_TWO = frozenset({"المئه", "المائه", "الميه"})
_HIJRI_SUFFIX = frozenset({"ه", "هجري", "هجريه", "للهجره"})
_TIME_NOUNS = _clitics("عام عاما سنه سنوات اعوام يوم ايام يوما شهر اشهر شهور", ("",))
_RANGE_FROM = _clitics("من بين", ("", "و", "ف"))
_RANGE_TO = frozenset({"الي", "حتي", "و"})
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

# A token is a numeric date, a clock time, a number (thousands with «,» or a space, decimals
# with «.»), a word, or one punctuation character; the gaps between tokens are whitespace only.
_TOKEN_RE = re.compile(
    r"(?P<W>[^\W\d_]+)"  # words first: most tokens are words, and W never matches a digit
    r"|(?P<D>(?<![\d.,/-])\d{1,4}(?P<sep>[/.-])\d{1,2}(?P=sep)\d{2,4}(?![\d/-]|\.\d))"
    r"|(?P<T>(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?!\d))"
    r"|(?P<N>(?<!\d)\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d|,\d)"
    r"|(?<![\d.])\d{1,3}(?: \d{3})+(?!\d|[.,]\d)"
    r"|\d+,\d{1,2}(?= ?(?:%|مليون|مليار|ملايين|الف|الاف))"  # decimal comma: «5,9%»
    r"|\d+(?:\.\d+)?)"
    r"|(?P<P>[^\s\w]|_)"
)
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

# A hit in folded coordinates: (kind, start, end, value, date, unit, qualifier, ordinal)
_Hit = tuple[str, int, int, "float | None", "DateValue | None", str, str, bool]


class _Toks:
    """Tokens of one folded text. Kinds and strings are lists (read for every token in the hot
    loop); offsets are read from the match objects only for the few tokens that need them."""

    __slots__ = ("kind", "matches", "n", "text")

    def __init__(self, folded: str) -> None:
        self.matches = ms = list(_TOKEN_RE.finditer(folded))
        self.kind: list[str] = [m.lastgroup or "P" for m in ms]
        self.text: list[str] = [m.group() for m in ms]
        self.n = len(ms)

    def s(self, i: int) -> int:
        """Folded start offset of token ``i``."""
        return self.matches[i].start()

    def e(self, i: int) -> int:
        """Folded end offset of token ``i``."""
        return self.matches[i].end()

    def word(self, i: int) -> str:
        """Token ``i`` if it exists and is a word, else ``""``."""
        return self.text[i] if 0 <= i < self.n and self.kind[i] == "W" else ""

    def is_(self, i: int, kind: str, text: str | None = None) -> bool:
        return 0 <= i < self.n and self.kind[i] == kind and (text is None or self.text[i] == text)

    def touching(self, i: int, j: int) -> bool:
        """No space between token ``i`` and token ``j = i + 1``."""
        return self.matches[i].end() == self.matches[j].start()


def _num_value(tok: str) -> float:
    head, comma, tail = tok.rpartition(",")
    if comma and len(tail) < 3:  # «5,9%»: a decimal comma (the regex only allows it there)
        return float(head + "." + tail)
    return float(tok.replace(",", "").replace(" ", ""))


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


def _skip(ts: _Toks, i: int) -> int:
    """Folded start of token ``i`` without its conjunction/preposition proclitic."""
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


# ---- dates -----------------------------------------------------------------------------------


def _month_at(ts: _Toks, j: int) -> tuple[int, bool, int] | None:
    """Month name at token ``j``: (month or 0 for Hijri, weak, last token) or None."""
    entry = _LEX.get(ts.word(j))
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


# ---- numbers ---------------------------------------------------------------------------------


def _atom(ts: _Toks, j: int) -> tuple[str, float, bool, str, int] | None:
    """Number atom at token ``j``: (category, value, conjoined, prefix, last token).

    A standalone «و» before the atom counts as the conjunction; teens («ثلاثة عشر»,
    «أحد عشر») come back as one atom of category ``teen``.
    """
    conj = False
    if ts.word(j) == "و" and j + 1 < ts.n:
        conj, j = True, j + 1
    kind = ts.kind[j] if j < ts.n else ""
    if kind == "N":
        return "digits", _num_value(ts.text[j]), conj, "", j
    if kind != "W":
        return None
    entry = _LEX.get(ts.text[j])
    if entry is None or entry[1] not in _CARDINAL:
        return None
    prefix, cat, value, stem = entry
    if stem == "واحد" and ts.word(j + 1) in _TEN:
        # «وأحد عشر» folds to «واحد عشر»: the conjunction plus «أحد», eleven
        return "teen", 11.0, True, "", j + 1
    if prefix.startswith("و"):
        if conj:
            return None
        conj, prefix = True, prefix[1:]
    if cat in ("unit", "teenpre") and ts.word(j + 1) in _TEN:
        return "teen", value + 10, conj, prefix, j + 1
    if cat == "teenpre":
        return None
    return cat, value, conj, prefix, j


def _cardinal(ts: _Toks, i: int) -> tuple[float, int, str, int] | None:
    """Longest cardinal phrase from token ``i``: (value, last token, first category, atoms).

    Arabic compounds: «خمسة وعشرون» (5 + 20), «مئة وخمسون», «ثلاثة آلاف وخمسمئة»,
    «مليون و200 ألف», «2.5 مليون», «عشرة آلاف», «نصف مليون», «مليون ونصف».
    """
    first = _atom(ts, i)
    if first is None:
        return None
    cat, v, _, first_prefix, last = first
    # «الخمسة والعشرين»: a definite compound repeats the article on each part
    article = "ال" if first_prefix.endswith("ال") or first_prefix == "لل" else ""
    total, cur, top = 0.0, 0.0, math.inf
    if cat == "scalep" or cat == "fracp":
        return None  # «آلاف الغارات»: vague, not a figure
    if cat == "scale":
        total, top = v, v
    elif cat == "scale2":
        total, top = 2 * v, v
    else:
        cur = v
    prev, atoms = cat, 1
    while True:
        a = _atom(ts, last + 1)
        if a is None or (a[3] and a[3] != article):
            break
        cat, v, conj, _, a_last = a
        ok = False
        if not conj:
            if cat in ("scale", "scalep") and cur > 0 and v < top:
                if cat == "scalep" and not (prev == "digits" or 3 <= cur <= 10):
                    break
                total, cur, top, ok = total + cur * v, 0.0, v, True
            elif cat == "hund" and v == 100 and prev == "unit" and 3 <= cur <= 9:
                cur, ok = cur * 100, True  # «ثلاث مئة»
            elif cat == "fracp" and prev == "unit" and 1 <= cur <= 3:
                cur, ok = cur * v, True  # «ثلاثة أرباع»
        else:
            after_scale = prev in ("scale", "scale2", "scalep") and cur == 0
            small = cur % 100 if cur == int(cur) else 1.0
            if cat == "tens":  # «خمسة وعشرون», «مئة وعشرون», «ألف وعشرون»
                ok = (prev in ("unit", "hund") and small < 10) or after_scale
            elif cat in ("unit", "ten", "teen"):  # «مئة وخمسة», «ألف وأحد عشر»
                ok = (prev == "hund" or after_scale) and small == 0
            if ok:
                cur += v
            elif cat in ("hund", "digits") and after_scale:
                cur, ok = v, True
            elif cat == "frac" and after_scale and v == 0.5:
                total, ok = total + v * top, True  # «مليون ونصف», «مليون ونصف المليون»
                tail = _LEX.get(ts.word(a_last + 1))
                if tail is not None and tail[1] == "scale" and tail[2] == top:
                    a_last += 1
            elif cat == "scale" and after_scale and v < top:
                total, top, ok = total + v, v, True
        if not ok:
            break
        prev, last, atoms = cat, a_last, atoms + 1
        if prev == "frac":
            break
    return total + cur, last, first[0], atoms


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


def _number(ts: _Toks, i: int, pct_first: int | None = None) -> tuple[list[_Hit], int] | None:
    """Number or percentage starting at token ``i`` (``pct_first``: a «%» before it)."""
    found = _cardinal(ts, i)
    if found is None:
        return None
    value, last, first_cat, atoms = found
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
