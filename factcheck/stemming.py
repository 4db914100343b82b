"""Index terms for retrieval: folded words, minus function words, reduced to a stem.

Placeholder docstring: replaced by the measured figures once the benchmark has run.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Protocol, runtime_checkable

from factcheck.arabic import STOPWORDS, fold, words

__all__ = [
    "DEFAULT_STEMMER",
    "STEMMERS",
    "IdentityStemmer",
    "IsriRootStemmer",
    "Light10Stemmer",
    "SnowballStemmer",
    "Stemmer",
    "TashaphyneLightStemmer",
    "TashaphyneRootStemmer",
    "analyze",
    "analyze_words",
    "default_stemmer",
    "get_stemmer",
    "light10",
    "skeleton",
]


@runtime_checkable
class Stemmer(Protocol):
    """Maps one FOLDED word (see :func:`factcheck.arabic.fold`) to its index term."""

    name: str

    def __call__(self, word: str) -> str: ...


class _Memo(dict[str, str]):
    """Word -> term cache whose hits run at C speed (``dict.__getitem__``).

    News vocabularies are Zipfian: a few thousand words make most of the tokens, so a plain dict
    beats ``functools.lru_cache`` (no per-call Python frame, no recency bookkeeping). When it
    reaches ``maxsize`` it is simply emptied: the frequent words come back within a few articles.
    """

    __slots__ = ("_fn", "_lock", "_maxsize")

    def __init__(self, fn: Callable[[str], str], maxsize: int) -> None:
        super().__init__()
        self._fn = fn
        self._maxsize = maxsize
        # The pure-Python stemmers keep per-call state on their instance: serialise the misses.
        self._lock = threading.Lock()

    def __missing__(self, word: str) -> str:
        with self._lock:
            term = self._fn(word)
            if len(self) >= self._maxsize:
                self.clear()
            self[word] = term
        return term


def _is_arabic_word(word: str) -> bool:
    # Folded Arabic words hold only base letters U+0621..U+064A; numbers and Latin words are
    # kept verbatim (a stemmer must not turn "2100" or "oth" into something else).
    return "\u0621" <= word[:1] <= "\u064a"


class _CachedStemmer:
    """Base for the stemmers below: Arabic words go to :meth:`_stem` once, then hit the cache."""

    name = "base"

    def __init__(self, maxsize: int = 1 << 20) -> None:
        self._memo = _Memo(self._stem_or_keep, maxsize)
        # Bound method of the dict: the bulk path in analyze_words calls it without a frame.
        self.lookup: Callable[[str], str] = self._memo.__getitem__

    def __call__(self, word: str) -> str:
        return self._memo[word]

    def __repr__(self) -> str:
        return f"{type(self).__name__}(name={self.name!r}, cached={len(self._memo)})"

    @property
    def cache_size(self) -> int:
        """Number of distinct words currently cached."""
        return len(self._memo)

    def _stem_or_keep(self, word: str) -> str:
        return self._stem(word) if _is_arabic_word(word) else word

    def _stem(self, word: str) -> str:
        raise NotImplementedError


_INNER_LONG_VOWELS = str.maketrans("", "", "اوي")


def skeleton(term: str) -> str:
    """``term`` without the long vowels ا و ي between its first and last letter.

    Loanwords are spelled with their vowels in different places (أميركي / أمريكي, بريطانيا /
    بريطانيه is already folded); the consonant skeleton is equal. Terms of fewer than four
    letters, numbers and Latin words are returned as they are.
    """
    if len(term) < 4 or not _is_arabic_word(term):
        return term
    return term[0] + term[1:-1].translate(_INNER_LONG_VOWELS) + term[-1]


def _restore_teh_marbuta(word: str) -> str:
    """Undo the one fold step that changes what the Arabic stemmers strip.

    Folding writes teh marbuta as heh (ة -> ه). Snowball and Tashaphyne treat a final ه as the
    pronoun "his", which Snowball refuses to strip after the article ال, so the folded
    ``العراقيه`` stems to ``عراقيه`` while ``العراقية`` stems to ``عراق``. Writing a final ه back
    as ة is a function of the folded word alone, so equal folded words still get equal terms;
    a genuine pronoun ه (``كتابه``) loses its last letter either way.
    """
    if len(word) > 2 and word[-1] == "ه":
        return word[:-1] + "ة"
    return word


class IdentityStemmer(_CachedStemmer):
    """No stemming: the folded word is the term (the baseline of the benchmark)."""

    name = "none"

    def __init__(self, maxsize: int = 1 << 20) -> None:
        super().__init__(maxsize)
        self.lookup = str  # identity on str, no cache needed
        self._memo.clear()

    def __call__(self, word: str) -> str:
        return word

    def _stem(self, word: str) -> str:
        return word


# Larkey's light10 affixes, written in the folded alphabet (ة -> ه, so ية/ة coincide with يه/ه).
_LIGHT10_ARTICLES = ("وال", "بال", "كال", "فال", "لل", "ال")
_LIGHT10_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")


def light10(word: str) -> str:
    """Larkey's light10 stemmer on a folded word.

    Hand-written because no maintained package ships it (Snowball's and Tashaphyne's Arabic
    stemmers are different algorithms), and it is a dozen lines. Light10 is the standard light
    stemmer of Arabic IR (Larkey, Ballesteros & Connell, SIGIR 2002; Larkey, Connell &
    AbdulJaleel, 2007) and was designed for exactly our matching form: diacritics removed,
    أ إ آ -> ا, ى -> ي, ة -> ه. Steps: drop a leading و if 3+ letters remain; drop one definite
    article (وال بال كال فال لل ال) if 2+ letters remain; then try each suffix once, in order,
    dropping it if 2+ letters remain.
    """
    if len(word) > 3 and word[0] == "و":
        word = word[1:]
    for art in _LIGHT10_ARTICLES:
        if word.startswith(art) and len(word) - len(art) >= 2:
            word = word[len(art) :]
            break
    for suf in _LIGHT10_SUFFIXES:
        if word.endswith(suf) and len(word) - len(suf) >= 2:
            word = word[: -len(suf)]
    return word


class Light10Stemmer(_CachedStemmer):
    """Larkey's light10 (see :func:`light10`), cached."""

    name = "light10"

    def _stem(self, word: str) -> str:
        return light10(word)


class SnowballStemmer(_CachedStemmer):
    """Snowball's Arabic light stemmer (``snowballstemmer``, pure Python, a dependency)."""

    def __init__(self, restore_teh_marbuta: bool = True, maxsize: int = 1 << 20) -> None:
        import snowballstemmer

        self._impl = snowballstemmer.stemmer("arabic")
        self._restore = restore_teh_marbuta
        self.name = "snowball" if restore_teh_marbuta else "snowball-folded"
        super().__init__(maxsize)

    def _stem(self, word: str) -> str:
        if self._restore:
            word = _restore_teh_marbuta(word)
        return fold(self._impl.stemWord(word))


class TashaphyneLightStemmer(_CachedStemmer):
    """Tashaphyne's light stemmer (``pip install tashaphyne``; optional)."""

    def __init__(self, restore_teh_marbuta: bool = True, maxsize: int = 1 << 20) -> None:
        from tashaphyne.stemming import ArabicLightStemmer

        self._impl = ArabicLightStemmer()
        self._restore = restore_teh_marbuta
        self.name = "tashaphyne" if restore_teh_marbuta else "tashaphyne-folded"
        super().__init__(maxsize)

    def _stem(self, word: str) -> str:
        if self._restore:
            word = _restore_teh_marbuta(word)
        self._impl.light_stem(word)
        return fold(self._impl.get_stem()) or word


class TashaphyneRootStemmer(_CachedStemmer):
    """Tashaphyne's root extractor (``pip install tashaphyne``; optional)."""

    name = "tashaphyne-root"

    def __init__(self, maxsize: int = 1 << 20) -> None:
        from tashaphyne.stemming import ArabicLightStemmer

        self._impl = ArabicLightStemmer()
        super().__init__(maxsize)

    def _stem(self, word: str) -> str:
        self._impl.light_stem(_restore_teh_marbuta(word))
        return fold(self._impl.get_root()) or word


class IsriRootStemmer(_CachedStemmer):
    """NLTK's ISRI root stemmer (``pip install nltk``; optional, not a project dependency)."""

    name = "isri"

    def __init__(self, maxsize: int = 1 << 20) -> None:
        from nltk.stem.isri import ISRIStemmer

        self._impl = ISRIStemmer()
        super().__init__(maxsize)

    def _stem(self, word: str) -> str:
        return fold(self._impl.stem(_restore_teh_marbuta(word))) or word


STEMMERS: dict[str, Callable[[], Stemmer]] = {
    "none": IdentityStemmer,
    "light10": Light10Stemmer,
    "snowball": SnowballStemmer,
    "snowball-folded": lambda: SnowballStemmer(restore_teh_marbuta=False),
    "tashaphyne": TashaphyneLightStemmer,
    "tashaphyne-folded": lambda: TashaphyneLightStemmer(restore_teh_marbuta=False),
    "tashaphyne-root": TashaphyneRootStemmer,
    "isri": IsriRootStemmer,
}
"""Stemmer factories by name; the optional ones raise ImportError when their package is absent."""

DEFAULT_STEMMER = "snowball"
"""Name of the stemmer :func:`analyze` uses (chosen by ``benchmarks/stemming_eval.py``)."""


def get_stemmer(name: str) -> Stemmer:
    """A new stemmer by name (see :data:`STEMMERS`)."""
    try:
        factory = STEMMERS[name]
    except KeyError:
        raise ValueError(f"unknown stemmer {name!r}; known: {', '.join(STEMMERS)}") from None
    return factory()


@lru_cache(maxsize=1)
def default_stemmer() -> Stemmer:
    """The shared instance of :data:`DEFAULT_STEMMER` (its cache is shared too)."""
    return get_stemmer(DEFAULT_STEMMER)


def analyze_words(folded_words: Iterable[str], stemmer: Stemmer | None = None) -> list[str]:
    """Index terms of already folded words: drop :data:`STOPWORDS`, stem the rest.

    Numbers (``60%``, ``2100``, ``31/12/2021``) and Latin words are never stopwords and are
    kept as they are.
    """
    st = default_stemmer() if stemmer is None else stemmer
    term = getattr(st, "lookup", st)
    stop = STOPWORDS
    return [term(w) for w in folded_words if w not in stop]


def analyze(text: str, stemmer: Stemmer | None = None) -> list[str]:
    """Index terms of raw text: :func:`fold` -> :func:`words` -> :func:`analyze_words`.

    This is what the BM25 index and its queries use, so a query and a passage match on terms.
    """
    return analyze_words(words(fold(text)), stemmer)
