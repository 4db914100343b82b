"""Numerals: how figures are written in Arabic news text -- digit tokens and number words.

The lowest layer of the figure parser (:mod:`factcheck.figures.quantities` finds numbers,
percentages and dates; :mod:`factcheck.figures.dates` reads the dates), kept apart because it is a
vocabulary and a grammar of its own:

* the token stream of a folded text (:class:`Tokens`): words, numbers (thousands with «,» or a
  space, decimals with «.», a decimal comma before «%» or a scale word), numeric dates and clock
  times kept whole so that their digits are never read as counts, and punctuation;
* the clitic system: which proclitics (و، ف، ب، ل، ك، ال and their combinations) a word may
  carry (:func:`clitics`), and how many of their letters fall outside a figure's span
  (:data:`SPAN_SKIP`);
* the lexicon of number words -- units, teens, tens, hundreds, scales (ألف، مليون، مليار),
  fractions, ordinals -- expanded with every clitic form once at import, on the folded form
  (:func:`factcheck.text.arabic.fold`: «أربعة» is looked up as «اربعه»): :data:`NUMBER_WORDS`;
* the parser of cardinal phrases (:func:`cardinal`): «خمسة وعشرون», «ثلاثة آلاف وخمسمئة»,
  «مليون و200 ألف», «2.5 مليون», «نصف مليون», «مليون ونصف».

Hand-written for the reasons given in :mod:`factcheck.figures.quantities` (character offsets,
regional forms, cost per call). The public names here are the figure parser's shared machinery,
used by :mod:`factcheck.figures.dates`, :mod:`factcheck.figures.units` and
:mod:`factcheck.figures.quantities`; the rest of the package goes through
:mod:`factcheck.figures`.
"""

from __future__ import annotations

import math
import re
from typing import NamedTuple

__all__ = [
    "NO_ARTICLE",
    "NUMBER_WORDS",
    "PERCENT_AFTER_FI",
    "PERCENT_WORDS",
    "SPAN_SKIP",
    "TEN_WORDS",
    "WITH_ARTICLE",
    "Cardinal",
    "LexEntry",
    "Stems",
    "Tokens",
    "cardinal",
    "clitics",
]


# --------------------------------------------------------------------------------------------
# Tokens
# --------------------------------------------------------------------------------------------

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


class Tokens:
    """The tokens of one folded text, which every reader of the figure parser walks.

    ``kind[i]`` is ``"W"`` (a word), ``"N"`` (a number), ``"D"`` (a numeric date such as
    «31/12/2021»), ``"T"`` (a clock time) or ``"P"`` (one punctuation character); ``text[i]`` is
    the token's folded string and ``n`` their number. Kinds and strings are lists (read for
    every token in the hot loop); offsets are read from the match objects only for the few
    tokens that need them (:meth:`start`, :meth:`end`). The accessors take any index and answer
    "no" out of range, so readers look ahead and behind without bounds checks.
    """

    __slots__ = ("kind", "matches", "n", "text")

    def __init__(self, folded: str, pattern: re.Pattern[str] = _TOKEN_RE) -> None:
        # ``pattern``: another script's token regex with the same group names (the Latin-script
        # reader, :mod:`factcheck.figures.latin`, walks its tokens with these accessors).
        self.matches = ms = list(pattern.finditer(folded))
        self.kind: list[str] = [m.lastgroup or "P" for m in ms]
        self.text: list[str] = [m.group() for m in ms]
        self.n = len(ms)

    def start(self, i: int) -> int:
        """Folded start offset of token ``i``."""
        return self.matches[i].start()

    def end(self, i: int) -> int:
        """Folded end offset of token ``i``."""
        return self.matches[i].end()

    def word(self, i: int) -> str:
        """Token ``i`` if it exists and is a word, else ``""``."""
        return self.text[i] if 0 <= i < self.n and self.kind[i] == "W" else ""

    def is_token(self, i: int, kind: str, text: str | None = None) -> bool:
        """Token ``i`` exists, is of ``kind`` and, when given, reads ``text``."""
        return 0 <= i < self.n and self.kind[i] == kind and (text is None or self.text[i] == text)

    def touching(self, i: int, j: int) -> bool:
        """No space between token ``i`` and token ``j = i + 1``."""
        return self.matches[i].end() == self.matches[j].start()


def _num_value(tok: str) -> float:
    head, comma, tail = tok.rpartition(",")
    if comma and len(tail) < 3:  # «5,9%»: a decimal comma (the regex only allows it there)
        return float(head + "." + tail)
    return float(tok.replace(",", "").replace(" ", ""))


# --------------------------------------------------------------------------------------------
# Clitics and the number-word lexicon (folded forms), expanded once at import
# --------------------------------------------------------------------------------------------

SPAN_SKIP: dict[str, int] = {
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
"""Every proclitic a figure word may carry -> how many of its letters fall outside the figure's
span: the conjunction or preposition is not part of the number's wording, the article is
(«والرابعة» -> «الرابعة»)."""
_ALL = tuple(SPAN_SKIP)
NO_ARTICLE: tuple[str, ...] = tuple(
    p for p in _ALL if "ال" not in p and p != "لل" and not p.endswith("لل")
)
"""The proclitics without the article (و، ب، ول ...), for words that never take it."""
WITH_ARTICLE: tuple[str, ...] = ("ال", "وال", "فال", "بال", "كال", "لل", "ولل", "فلل", "وبال")
"""The proclitics that end in the article, for words that only count when definite."""
_ORD_PREFIXES = ("", "و", "ل", "ك", *WITH_ARTICLE)


def clitics(stems: str, prefixes: tuple[str, ...]) -> frozenset[str]:
    """Every ``prefix + stem`` of the space-separated folded ``stems``: a word list with the
    clitic forms it is written in, so that a look-up is one set membership test."""
    return frozenset(p + s for s in stems.split() for p in prefixes)


class LexEntry(NamedTuple):
    """What a clitic form of a listed word is: «والخمسة» -> (وال, unit, 5, خمسه)."""

    prefix: str
    """The proclitic the form carries (a key of :data:`SPAN_SKIP`), ``""`` for the bare stem."""
    category: str
    """The word's class: ``unit``, ``ten``, ``tens``, ``hund``, ``scale``, ``frac``, ``ord``...
    for number words, ``month``, ``hijri``... for month names (:mod:`factcheck.figures.dates`)."""
    value: float
    """The number the word stands for (the month's number for a month name, 0 for Hijri)."""
    stem: str
    """The folded stem without the proclitic."""


# (folded stem, category, value, allowed prefixes)
_Stem = tuple[str, str, float, tuple[str, ...]]


class Stems:
    """One word list: its stems with category, value and allowed prefixes, and the lexicon of
    their clitic forms. Number words are one list (:data:`NUMBER_WORDS`); month names
    (:mod:`factcheck.figures.dates`) another."""

    def __init__(self) -> None:
        self.stems: list[_Stem] = []

    def add(self, cat: str, value: float, forms: str, prefixes: tuple[str, ...] = _ALL) -> None:
        """List every space-separated folded form of ``forms`` as ``cat`` with ``value``."""
        for form in forms.split():
            self.stems.append((form, cat, value, prefixes))

    def lexicon(self) -> dict[str, LexEntry]:
        """Every clitic form -> its :class:`LexEntry`. Bare stems win over prefixed forms
        («واحد» is one, not و + «احد»)."""
        lex: dict[str, LexEntry] = {}
        for stem, cat, value, prefixes in self.stems:
            if "" in prefixes:
                lex.setdefault(stem, LexEntry("", cat, value, stem))
        for stem, cat, value, prefixes in self.stems:
            for p in prefixes:
                if p:
                    lex.setdefault(p + stem, LexEntry(p, cat, value, stem))
        return lex


_NUMBER_STEMS = Stems()
_add = _NUMBER_STEMS.add

_add("unit", 1, "واحد واحده")
_add("unit", 2, "اثنان اثنتان اثنتين")
_add("unit", 2, "اثنين", NO_ARTICLE)  # «الاثنين» is Monday
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
_add("hund", 100, "مئه مائه", NO_ARTICLE)  # «المئة» belongs to «في المئة»
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
_add("ord", 2, "ثانيه", WITH_ARTICLE)
_add("ord", 4, "رابعه", WITH_ARTICLE)
_add("ordteen", 1, "حادي حاديه", WITH_ARTICLE)

NUMBER_WORDS: dict[str, LexEntry] = _NUMBER_STEMS.lexicon()
"""Every clitic form of every number word -> its :class:`LexEntry`."""
_CARDINAL = frozenset({"unit", "ten", "teenpre", "tens", "hund", "scale", "scale2", "scalep"})
_CARDINAL |= {"frac", "fracp"}
TEN_WORDS = frozenset({"عشر", "عشره"})
"""The second word of a teen («ثلاثة عشر», «الحادي عشر»)."""
PERCENT_WORDS = frozenset({"بالمئه", "بالمائه", "بالميه"})
"""The one word after a number that makes it a percentage: «60 بالمئة»."""
PERCENT_AFTER_FI = frozenset({"المئه", "المائه", "الميه"})
"""The word after «في» that makes a number a percentage: «60 في المئة»."""


# ---- cardinal phrases ------------------------------------------------------------------------


def _atom(ts: Tokens, j: int) -> tuple[str, float, bool, str, int] | None:
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
    entry = NUMBER_WORDS.get(ts.text[j])
    if entry is None or entry.category not in _CARDINAL:
        return None
    prefix, cat, value, stem = entry
    if stem == "واحد" and ts.word(j + 1) in TEN_WORDS:
        # «وأحد عشر» folds to «واحد عشر»: the conjunction plus «أحد», eleven
        return "teen", 11.0, True, "", j + 1
    if prefix.startswith("و"):
        if conj:
            return None
        conj, prefix = True, prefix[1:]
    if cat in ("unit", "teenpre") and ts.word(j + 1) in TEN_WORDS:
        return "teen", value + 10, conj, prefix, j + 1
    if cat == "teenpre":
        return None
    return cat, value, conj, prefix, j


class Cardinal(NamedTuple):
    """A cardinal phrase read by :func:`cardinal`."""

    value: float
    """What the phrase counts: 3500 for «ثلاثة آلاف وخمسمئة»."""
    last: int
    """Index of its last token."""
    first_category: str
    """The :attr:`LexEntry.category` of its first word (``teen`` for «أحد عشر», ``digits`` when it
    opens with digits): readers tell «نصف القوات» (``frac``) and «2100 شحنة» apart by it."""
    atoms: int
    """How many number words or digit tokens it joins (1 for «ثلاثة», 2 for «ثلاثة آلاف»)."""


def cardinal(ts: Tokens, i: int) -> Cardinal | None:
    """The longest cardinal phrase from token ``i``, or None when no number starts there.

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
                tail = NUMBER_WORDS.get(ts.word(a_last + 1))
                if tail is not None and tail.category == "scale" and tail.value == top:
                    a_last += 1
            elif cat == "scale" and after_scale and v < top:
                total, top, ok = total + v, v, True
        if not ok:
            break
        prev, last, atoms = cat, a_last, atoms + 1
        if prev == "frac":
            break
    return Cardinal(total + cur, last, first[0], atoms)
