"""Arabic matching form: the one normalisation every comparison in the desk goes through.

Two texts "match" when their *folded* forms are equal. Folding is built from camel-tools'
own steps (``normalize_unicode``, ``dediac_ar``, ``normalize_alef_ar``,
``normalize_alef_maksura_ar``, ``normalize_teh_marbuta_ar``) plus the few things a news desk
needs on top of them (digits, percent and decimal signs, quotes, bidi controls, Latin case).

Why it is not simply those camel-tools calls chained: they map ``str -> str`` and forget where
each character came from, but the desk highlights matches on the *original* article text, which
is never altered for display. So the camel-tools steps are applied once per code point at import
time to build a translation table, and that table is used two ways:

* :func:`fold` -- ``str.translate`` at C speed, for indexing millions of passages;
* :func:`fold_with_map` -- the same table applied character by character, recording for every
  folded character the index of the original character it came from, so a span found on the
  folded text maps back with :meth:`Folded.to_original` onto whole original characters
  (a letter together with its diacritics).

Both use the same table, so ``fold_with_map(s).text == fold(s)`` for every string.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from camel_tools.utils.dediac import dediac_ar
from camel_tools.utils.normalize import (
    normalize_alef_ar,
    normalize_alef_maksura_ar,
    normalize_teh_marbuta_ar,
    normalize_unicode,
)

__all__ = [
    "STOPWORDS",
    "Folded",
    "Token",
    "fold",
    "fold_with_map",
    "is_arabic",
    "match_key",
    "tokenize",
    "words",
]

# Characters camel-tools leaves alone that still split spellings of the same word.
_EXTRA: dict[str, str] = {
    "\u0640": "",  # tatweel (kashida): pure decoration
    "\u0671": "ا",  # alef wasla
    "\u0672": "ا",
    "\u0673": "ا",
    "\u0675": "ا",
    "\u0653": "",  # combining madda / hamza above / below: folded with the alef they sit on
    "\u0654": "",
    "\u0655": "",
    "\u0670": "",  # dagger alef
    "\u06a9": "ك",  # Persian keheh
    "\u06cc": "ي",  # Farsi yeh
    "\u06c1": "ه",  # heh goal
    "\u06d5": "ه",  # ae
    "\u066a": "%",  # Arabic percent sign
    "\u066b": ".",  # Arabic decimal separator: 3٫5 -> 3.5
    "\u066c": "",  # Arabic thousands separator: 10٬000 -> 10000
    "\u060c": ",",  # Arabic comma
    "\u061b": ";",  # Arabic semicolon
    "\u061f": "?",  # Arabic question mark
    "\u06d4": ".",  # Arabic full stop
    "«": '"',
    "»": '"',
    "“": '"',
    "”": '"',
    "„": '"',
    "‟": '"',
    "″": '"',
    "‹": "'",
    "›": "'",
    "‘": "'",
    "’": "'",
    "‚": "'",
    "\u00a0": " ",  # no-break space
    "\u200b": "",  # zero-width space
    "\u200c": "",  # ZWNJ
    "\u200d": "",  # ZWJ
    "\u200e": "",  # LRM
    "\u200f": "",  # RLM
    "\u061c": "",  # Arabic letter mark
    "\u202a": "",
    "\u202b": "",
    "\u202c": "",
    "\u202d": "",
    "\u202e": "",
    "\u2066": "",
    "\u2067": "",
    "\u2068": "",
    "\u2069": "",
    "\ufeff": "",  # BOM / zero-width no-break space
    "–": "-",
    "—": "-",
    "…": "...",
}

# Code point ranges whose folding differs from identity: Arabic, Arabic Supplement,
# presentation forms, Arabic-Indic and Extended (Persian) digits, Latin letters, punctuation.
_RANGES = (
    (0x0041, 0x005A),
    (0x00A0, 0x00FF),
    (0x0600, 0x06FF),
    (0x0750, 0x077F),
    (0x08A0, 0x08FF),
    (0x2000, 0x206F),
    (0xFB50, 0xFDFF),
    (0xFE70, 0xFEFF),
)


# Quranic annotation signs and rare combining marks that camel-tools' dediac leaves in place;
# they sit on letters like diacritics do, so they must not split a word.
_EXTRA.update(
    {
        chr(cp): ""
        for lo, hi in (
            (0x0610, 0x061A),
            (0x0656, 0x065F),
            (0x06D6, 0x06DC),
            (0x06DF, 0x06E8),
            (0x06EA, 0x06ED),
        )
        for cp in range(lo, hi + 1)
    }
)


def _fold_char(ch: str) -> str:
    """Fold one character with camel-tools' steps plus :data:`_EXTRA` (import time only)."""
    if ch in _EXTRA:
        return _EXTRA[ch]
    out = normalize_unicode(ch)  # NFKC: presentation forms, ligatures, digits
    out = dediac_ar(out)
    out = normalize_alef_ar(out)
    out = normalize_alef_maksura_ar(out)
    out = normalize_teh_marbuta_ar(out)
    out = "".join(_EXTRA.get(c, c) for c in out)
    # Arabic-Indic (U+0660..) and Persian (U+06F0..) digits: NFKC keeps them, we want ASCII.
    out = "".join(str(unicodedata.digit(c)) if c.isdigit() and not c.isascii() else c for c in out)
    return out.lower()


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for lo, hi in _RANGES:
        for cp in range(lo, hi + 1):
            ch = chr(cp)
            folded = _fold_char(ch)
            if folded != ch:
                table[cp] = folded
    for ch in _EXTRA:
        table[ord(ch)] = _fold_char(ch)
    return table


_TABLE: dict[int, str] = _build_table()
# The same table as a list indexed by code point: str.translate looks it up faster than a dict,
# and code points past its end raise IndexError, which translate reads as "keep unchanged".
_TABLE_LIST: list[int | str] = list(range(max(_TABLE) + 1))
for _cp, _rep in _TABLE.items():
    _TABLE_LIST[_cp] = _rep


def match_key(text: str) -> str:
    """The form texts are compared and hashed in: folded, white space collapsed and trimmed."""
    return " ".join(fold(text).split())


def fold(text: str) -> str:
    """Return the matching form of ``text`` (fast path, no offset map).

    >>> fold("الأَمِيرْكِيَّة") == fold("الامريكية".replace("ر", "ير")) == "الاميركيه"
    True
    >>> fold("خفّض ٦٠٪")
    'خفض 60%'
    """
    return text.translate(_TABLE_LIST)


@dataclass(frozen=True)
class Folded:
    """A folded text plus, for each folded character, the index of its original character.

    ``origin`` has ``len(text) + 1`` entries; the last is ``len(original)`` so that spans ending
    at the end of the text map cleanly.
    """

    original: str
    text: str
    origin: tuple[int, ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the folded text onto whole characters of the original.

        The span grows to the end of the last original character it touches, including any
        diacritics, tatweel or bidi marks that folding removed after it.
        """
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(
                f"span ({start}, {end}) outside folded text of length {len(self.text)}"
            )
        o_start = self.origin[start]
        if end == start:
            return o_start, o_start
        last = self.origin[end - 1]
        o_end = len(self.original)
        for k in range(end, len(self.text)):
            if self.origin[k] > last:
                o_end = self.origin[k]
                break
        return o_start, o_end


# Characters whose folding is not one-to-one (deleted marks, expanded ligatures). Between two
# of them the folded text runs in lockstep with the original, so the offset map is built from
# ranges instead of a per-character Python loop.
_NON_UNIT = re.compile(
    "[" + "".join(re.escape(chr(cp)) for cp, rep in sorted(_TABLE.items()) if len(rep) != 1) + "]"
)


@lru_cache(maxsize=1024)  # passages, not articles, are the hot set; an entry is ~10 B/char
def fold_with_map(text: str) -> Folded:
    """Fold ``text`` and keep the offset map back to it (for highlighting and spans).

    Cached: stance, quantities and speaker attribution all read the same passages.
    """
    origin: list[int] = []
    pos = 0
    for m in _NON_UNIT.finditer(text):
        i = m.start()
        origin.extend(range(pos, i))
        origin.extend([i] * len(_TABLE[ord(text[i])]))
        pos = i + 1
    origin.extend(range(pos, len(text) + 1))
    return Folded(original=text, text=text.translate(_TABLE_LIST), origin=tuple(origin))


@dataclass(frozen=True)
class Token:
    """One token of a folded text with its span in that folded text."""

    text: str
    start: int
    end: int


# A token is a run of letters/marks, or a number with its internal separators (2,100  3.5
# 31/12/2021) and an optional trailing percent sign. Compiled once (camel-tools style).
_TOKEN_RE = re.compile(r"\d+(?:[.,/]\d+)*%?|[^\W\d_]+", re.UNICODE)
_ARABIC_RE = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")


def tokenize(folded: str) -> list[Token]:
    """Tokens of an already folded text, with spans (use :func:`fold` first)."""
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(folded)]


def words(folded: str) -> list[str]:
    """Token strings of an already folded text (fast path for indexing: no spans)."""
    return _TOKEN_RE.findall(folded)


def is_arabic(text: str) -> bool:
    """True when ``text`` contains at least one Arabic-script character."""
    return _ARABIC_RE.search(text) is not None


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    words = """
    في من الى على عن مع ان انه انها او ام ثم بل لكن حتى اذا اذ كما ما ماذا لم لن لا ليس غير
    هذا هذه ذلك تلك هو هي هم هن نحن انت انتم الذي التي الذين اللذين اللتين كان كانت يكون تكون
    قد لقد وقد فقد كل بعض اي عند بعد قبل بين حول خلال منذ ضمن عبر لدى نحو دون الا اما ايضا
    و ف ب ل ك به بها لها له فيه فيها منه منها عليه عليها اليه اليها وان وفي ومن والى وعلى وهو وهي
    وكان وكانت الذي والتي التي ذات هناك هنا حيث ضد لدي يمكن ويمكن يجب سوف تم يتم جري
    اصبح باتت بات صار كما فقط ايضا اي ازاء تجاه وفق وفقا بحسب حسب نحو اكثر اقل
    """
    return frozenset(fold(w) for w in words.split())


STOPWORDS: frozenset[str] = _stopwords()
"""Function words (folded) that carry no topic; negations are kept out of retrieval but the
stance module reads them from the raw token stream, so dropping them here loses nothing."""
