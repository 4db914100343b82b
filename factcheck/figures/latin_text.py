"""Latin-script text as the figure reader sees it: a one-to-one view, tokens, the language, and
cardinal phrases.

The lowest layer of the Latin-script reader (:mod:`factcheck.figures.latin_words` ->
**latin_text** -> :mod:`factcheck.figures.latin_dates` -> :mod:`factcheck.figures.latin`), the
counterpart of :mod:`factcheck.figures.numerals` for Arabic:

* the *view* of a text (:data:`VIEW`): no-break and thin spaces, curly apostrophes and quotes,
  dashes and bidi marks mapped one character for one, so that a view offset *is* an original
  offset and no offset map is needed; case is kept (the label and month rules read it);
* its tokens (:class:`LatinTokens`, the :class:`~factcheck.figures.numerals.Tokens` accessors
  over a Latin token regex): elided articles («l'», «d'», «jusqu'»), words, numeric dates, clock
  times, numbers in either convention (2,100.5 / 2 100,5 / 2.100) and punctuation; each word's
  key (:func:`~factcheck.figures.latin_words.latin_key`); nothing in a URL or e-mail address;
* which script and language a text is in (:func:`latin_script`, :func:`guess_language`), which
  decides how «2.100» and «sept» read;
* cardinal phrases (:func:`cardinal`): "three thousand two hundred", "twenty-five", "2.5
  million", "a million and a half", "half a million", «deux mille», «quatre-vingt-dix»,
  «soixante et onze», «un million et demi».
"""

from __future__ import annotations

import math
import re
from typing import NamedTuple

from factcheck.figures.latin_words import LATIN_WORDS, LatinWords, cue_words, latin_key
from factcheck.figures.numerals import Tokens

__all__ = ["VIEW", "Cardinal", "LatinTokens", "cardinal", "guess_language", "latin_script"]

_SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f"
_INVISIBLE = "\u00ad\u061c\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060"
VIEW = str.maketrans(
    {
        **dict.fromkeys(_SPACES + "\u3000" + _INVISIBLE + "\u2066\u2067\u2068\u2069\ufeff", " "),
        **dict.fromkeys("’‘‛ʼ`´", "'"),
        **dict.fromkeys("“”„‟«»", '"'),
        **dict.fromkeys("‐‑‒–—―−", "-"),
        "٪": "%",
        "٫": ".",
        "٬": ",",
        "،": ",",
    }
)
"""``str.translate`` table of the view: one character for one, so view offsets are original
offsets."""

# A token is an elided article («l'», «d'», «jusqu'»), a word, a numeric date, a clock time, a
# number (thousands with «,», «.» or a space, decimals with «.» or «,»), or one punctuation mark.
_TOKEN_RE = re.compile(
    r"(?P<W>(?i:jusqu|lorsqu|puisqu|presqu|quoiqu|qu|[cdjlmnst])'(?=[^\W\d_])"
    r"|[^\W\d_](?:[^\W\d_]|[\u0300-\u036f])*)"
    r"|(?P<D>(?<![\d.,/-])\d{1,4}(?P<sep>[/.-])\d{1,2}(?P=sep)\d{2,4}(?![\d/-]|\.\d))"
    r"|(?P<T>(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?!\d))"
    r"|(?P<N>(?<![\d.,])(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,]|\.\d)"
    r"|\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![\d.]|,\d)"
    r"|\d{1,3}(?: \d{3})+(?:,\d+)?(?!\d|[.,]\d)"
    r"|\d+(?:\.\d+|,\d{1,2}(?!\d))?))"
    r"|(?P<P>[^\s\w]|_)"
)
_URL_RE = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.]+")
_ACCENTED_RE = re.compile(r"[àâçéèêëîïôûùüÿœ]")
_LATIN_LETTERS_RE = re.compile(r"[a-z\u00c0-\u024f]+")
_ARABIC_LETTERS_RE = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]+")
_CUES = cue_words()


def latin_script(folded: str) -> bool:
    """Whether a folded text is written mostly in Latin letters (more Latin than Arabic): an
    Arabic passage quoting "60%" or "F-16" is still Arabic."""
    latin = sum(map(len, _LATIN_LETTERS_RE.findall(folded)))
    return latin > sum(map(len, _ARABIC_LETTERS_RE.findall(folded)))


def guess_language(keys: list[str], view: str) -> str:
    """``"fr"`` when a text has more French than English cue words (accented letters count for
    French; :func:`~factcheck.figures.latin_words.cue_words`), else ``"en"``."""
    n_en = sum(k in _CUES["en"] for k in keys)
    n_fr = sum(k in _CUES["fr"] for k in keys) + len(_ACCENTED_RE.findall(view.lower()))
    return "fr" if n_fr > n_en else "en"


def _swap(t: str) -> str:
    """«1.234,5» -> «1234.5»."""
    return t.replace(".", "").replace(",", ".")


class LatinTokens(Tokens):
    """The tokens of one Latin-script text's view, with their keys and the language's words.

    ``kind[i]`` is as for :class:`~factcheck.figures.numerals.Tokens`, or ``"U"`` for a token
    inside a URL or e-mail address (read by nobody); ``key[i]`` is a word's
    :func:`~factcheck.figures.latin_words.latin_key` and any other token's text; ``words`` is
    the :class:`~factcheck.figures.latin_words.LatinWords` of the text's language and
    ``never_unit`` the keys that are never the noun a figure counts (its function words, month
    names and hedge words).
    """

    __slots__ = ("_title_case", "key", "never_unit", "view", "words")

    def __init__(self, view: str) -> None:
        super().__init__(view, _TOKEN_RE)
        self.view = view
        self.key = [
            latin_key(t) if k == "W" else t for k, t in zip(self.kind, self.text, strict=True)
        ]
        for m in _URL_RE.finditer(view):  # nothing in a URL or an e-mail address is a figure
            for i in range(self.n):
                if m.start() <= self.start(i) < m.end():
                    self.kind[i] = "U"
        self.words: LatinWords = LATIN_WORDS[guess_language(self.key, view)]
        w = self.words
        hedges = frozenset(k for p in (*w.hedges_before, *w.hedges_after) for k in p)
        self.never_unit = w.not_units | frozenset(w.months) | hedges
        self._title_case: bool | None = None

    def wkey(self, i: int) -> str:
        """Key of token ``i`` if it exists and is a word, else ``""``."""
        return self.key[i] if 0 <= i < self.n and self.kind[i] == "W" else ""

    def joined(self, i: int) -> bool:
        """Tokens ``i`` and ``i + 1`` exist and touch."""
        return i >= 0 and i + 1 < self.n and self.touching(i, i + 1)

    def word_before(self, i: int) -> str:
        """Key of the word before token ``i``, across a touching hyphen ("mid-2021")."""
        if self.text[i - 1 : i] == ["-"] and self.joined(i - 1) and self.joined(i - 2):
            return self.wkey(i - 2)
        return self.wkey(i - 1)

    def value(self, tok: str) -> float:
        """A digit token's value by the language's convention: «2,100» is 2100 in English and
        2.1 in French, «2.100» the other way round; «1,5», «2.5» and grouped «1,500,000» or
        «1.500.000» read the same in both."""
        t = tok.replace(" ", "")
        commas, dots = t.count(","), t.count(".")
        if commas and dots:
            return float(t.replace(",", "") if t.rfind(".") > t.rfind(",") else _swap(t))
        sep, n_sep = (",", commas) if commas else (".", dots)
        if n_sep > 1:
            return float(t.replace(sep, ""))
        if n_sep == 1:
            head, tail = t.split(sep)
            thousands = len(tail) == 3 and head[0] != "0"
            if thousands and self.words.decimal_comma == (sep == "."):
                return float(head + tail)
            return float(head + "." + tail)
        return float(t)

    def title_case(self) -> bool:
        """Whether most longer words are capitalised: a headline in title case, where a
        capital says nothing about a name."""
        if self._title_case is None:
            words = [
                t
                for t, k, kind in zip(self.text, self.key, self.kind, strict=True)
                if kind == "W" and len(t) >= 4 and k not in self.never_unit
            ]
            upper = sum(t[0].isupper() for t in words)
            self._title_case = len(words) >= 3 and upper >= 0.6 * len(words)
        return self._title_case


class Cardinal(NamedTuple):
    """A cardinal phrase read by :func:`cardinal`."""

    value: float
    last: int
    """Index of its last token."""
    atoms: int
    """How many number words or digit tokens it joins."""


def _and_a_half(ts: LatinTokens, j: int) -> int | None:
    """Last token of "a half" / «demi» at token ``j`` (after the joiner), or None."""
    half = j + 1 if ts.wkey(j) in ("a", "an") else j
    return half if ts.words.numbers.get(ts.wkey(half), ("",))[0] == "half" else None


def _start(ts: LatinTokens, i: int) -> tuple[str, float] | Cardinal | None:
    """The first atom of a cardinal at token ``i``: (category, value), a whole cardinal ("half
    a million"), or None when no cardinal starts there."""
    nums = ts.words.numbers
    if ts.kind[i] == "N":
        return "digits", ts.value(ts.text[i])
    cat, v = nums[ts.key[i]]
    nxt = nums.get(ts.wkey(i + 1), ("", 0.0))
    if cat == "article":  # "a hundred", "a million", "a dozen", «un million»
        return (cat, v) if nxt[0] in ("hund", "scale", "dozen") else None
    if cat == "half":  # "half a million"
        after = nums.get(ts.wkey(i + 2), ("", 0.0))
        if ts.wkey(i + 1) in ("a", "an") and after[0] == "scale":
            return Cardinal(0.5 * after[1], i + 2, 3)
        return None
    if cat in ("scalep", "dozen") or (cat == "scale" and ts.key[i] != "mille"):
        return None  # "thousands of", "dozens": vague; "million" alone needs "a"
    if cat == "hund" and ts.key[i] != "cent":
        return None  # "hundred" alone needs "a" or a number; «cent» is a hundred
    return cat, v


def cardinal(ts: LatinTokens, i: int) -> Cardinal | None:
    """The longest cardinal phrase from token ``i`` (digits or a number word), or None."""
    first = _start(ts, i)
    if first is None or isinstance(first, Cardinal):
        return first
    nums, key, french = ts.words.numbers, ts.key, ts.words.joiner == "et"
    prev, v = first
    total, cur, top, last, atoms = 0.0, v, math.inf, i, 1
    if prev == "scale":
        total, cur, top = v, 0.0, v
    while True:
        j, how = last + 1, ""
        if ts.text[j : j + 1] == ["-"] and ts.joined(last) and ts.joined(j):
            j, how = j + 1, "-"
        elif ts.wkey(j) == ts.words.joiner:
            j, how = j + 1, "and"
            half = _and_a_half(ts, j)
            if half is not None:  # "a million and a half", "two and a half million"
                if prev in ("scale", "scalep") and cur == 0:
                    total, last, atoms = total + 0.5 * top, half, atoms + 1
                elif prev in ("digits", "unit", "ten", "teen", "tens"):
                    cur, last, prev, atoms = cur + 0.5, half, "half", atoms + 1
                    continue
                break
        entry = nums.get(ts.wkey(j))
        if entry is None:
            break
        cat, v = entry
        small, ok = cur % 100, False
        if cat in ("scale", "scalep"):
            ok = how != "and" and cur > 0 and v < top and prev != "dozen"
            if ok:
                total, cur, top = total + cur * v, 0.0, v
        elif cat == "hund" and how != "and":
            if 0 < cur < 100 and prev in ("unit", "teen", "digits", "article"):
                cur, ok = cur * 100, True
            elif cur == 0 and prev == "scale" and key[j] == "cent":
                cur, ok = 100.0, True  # «mille cent»
        elif cat == "dozen" and not how and prev in ("article", "unit", "digits"):
            cur, ok = cur * 12, True
        elif cat in ("unit", "ten", "teen", "tens") or (cat == "article" and french):
            cat = "unit" if cat == "article" else cat  # «vingt et un», «cent un»
            if prev == "tens" and how == "-":  # "twenty-five", «soixante-dix»
                ok = (cat == "unit" and v > 0) or (french and cat != "tens" and small in (60, 80))
            elif prev == "tens" and how == "and" and french:
                ok = v == 1 or (v == 11 and small in (60, 80))  # «vingt et un», «soixante et onze»
            elif prev == "ten" and how == "-":
                ok = cat == "unit" and v >= 7  # «dix-sept»
            elif (prev == "hund" and small == 0) or (prev in ("scale", "scalep") and cur == 0):
                ok = True  # "one hundred and five", "a thousand and one"
            elif french and prev == "unit" and small == 4 and key[j] in ("vingt", "vingts"):
                cur, cat, v, ok = cur + 76, "tens", 0.0, True  # «quatre-vingt»
            if ok:
                cur += v
        if not ok:
            break
        prev, last, atoms = cat, j, atoms + 1
    return Cardinal(total + cur, last, atoms)
