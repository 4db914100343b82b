"""Index terms for retrieval: folded words, minus function words, reduced to a stem.

:func:`analyze` is ``fold -> words -> drop STOPWORDS -> stem`` (numbers such as ``60%`` or
``2100`` are kept as they are); :func:`analyze_words` does the last two steps on words already
folded. Every stemmer here takes FOLDED words (ة as ه, ى as ي, أ إ آ as ا) and caches its
answers in a dict, because a news vocabulary is Zipfian.

The default, :data:`DEFAULT_STEMMER` = ``"light10-skeleton"``: Larkey's light10 stemmer
(hand-written, :func:`light10`) plus one general rule for loanword spellings and broken plurals:
when the light stem still has four letters or more once its inner long vowels ا و ي are removed,
that :func:`skeleton` is the term (أميركي / أمريكي -> ``امرك``, ترامب / ترمب, الأجانب /
الأجنبية); shorter skeletons would merge native three-consonant words (عراق / عرق), so those
keep the light stem.

How it was chosen (``python benchmarks/stemming_eval.py --pipeline --speed``; full tables and
the reasoning in ``docs/stemming.md``). 48 queries worded differently from the five sample
articles (other word forms, spellings, Arabic-Indic digits), BM25 (``bm25s``) over their 107
non-empty lines; R@k = share of queries with a right line in the first k:

==================  =====  =====  =====  =====  ==================  ==================
stemmer             R@1    R@5    R@10   MRR    distinct words      loanword spellings
                                                merged (of 46)      joined (of 17)
==================  =====  =====  =====  =====  ==================  ==================
none                0.854  0.938  0.938  0.891   0                   0
light10             0.896  0.979  0.979  0.923   1                   0
light10-skeleton    0.958  1.000  1.000  0.969   7                  12
snowball            0.875  0.958  0.958  0.909   0                   0
tashaphyne (light)  0.917  0.958  0.958  0.934   3                   0
tashaphyne-root *   0.938  1.000  1.000  0.960  25                  11
isri (root, NLTK)   0.958  1.000  1.000  0.970  30                   7
==================  =====  =====  =====  =====  ==================  ==================

(* Tashaphyne's root extraction is not deterministic: its figures move with the hash seed.)

The two root stemmers retrieve as well on this small single-topic sample, but merge most pairs
of unrelated common words (أمريكي = أمر, العراق = عرق, الجانب = الأجنبي, مقتل = قتال), which
a large archive would pay for in precision, and which makes the lexicon's "kill" and "combat"
(and "decrease" and "reduce", "approve" and "agreement") one concept in the stance engine. Also
indexing the unstemmed folded word next to the stem helps the root stemmer (MRR 0.970 -> 0.976)
but not the default (0.969 -> 0.946), so :func:`analyze` emits one term per word.

Speed (same machine, same process, 2 shared cores): :func:`analyze` runs 1.2-2.1 M tokens/s on
text it has seen (3-4x ``words(fold(text))`` alone, thanks to the per-chunk cache), and
0.1-0.3 M tokens/s on a new stemmer's first pass, where every word is a miss.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Protocol, TypeVar, runtime_checkable

from factcheck.text.arabic import STOPWORDS, fold, words

__all__ = [
    "DEFAULT_STEMMER",
    "STEMMERS",
    "CachedStemmer",
    "IdentityStemmer",
    "Light10Stemmer",
    "Stemmer",
    "analyze",
    "analyze_words",
    "default_stemmer",
    "get_stemmer",
    "light10",
    "skeleton",
]


@runtime_checkable
class Stemmer(Protocol):
    """Maps one FOLDED word (see :func:`factcheck.text.arabic.fold`) to its index term."""

    name: str

    def __call__(self, word: str) -> str: ...


_V = TypeVar("_V")


class _Memo(dict[str, _V]):
    """Key -> value cache whose hits run at C speed (``dict.__getitem__``).

    News vocabularies are Zipfian: a few thousand words make most of the tokens, so a plain dict
    beats ``functools.lru_cache`` (no per-call Python frame, no recency bookkeeping). When it
    reaches ``maxsize`` it is simply emptied: the frequent words come back within a few articles.
    """

    __slots__ = ("_fn", "_lock", "_maxsize")

    def __init__(self, fn: Callable[[str], _V], maxsize: int) -> None:
        super().__init__()
        self._fn = fn
        self._maxsize = maxsize
        # Some wrapped stemmers keep per-call state on their instance: serialise the misses.
        self._lock = threading.Lock()

    def __missing__(self, key: str) -> _V:
        with self._lock:
            value = self._fn(key)
            if len(self) >= self._maxsize:
                self.clear()
            self[key] = value
        return value


def _is_arabic_word(word: str) -> bool:
    # Folded Arabic words hold only base letters U+0621..U+064A; numbers and Latin words are
    # kept verbatim (a stemmer must not turn "2100" or "oth" into something else).
    return "\u0621" <= word[:1] <= "\u064a"


class CachedStemmer:
    """Base of the stemmers below: each Arabic word goes to :meth:`_stem` once, then hits a dict.

    Subclasses implement ``_stem(folded_arabic_word) -> str``. Numbers and Latin words never
    reach it. :func:`analyze` also keeps, per stemmer, the terms of each whitespace-separated
    chunk of raw text it has seen (see there).
    """

    name = "cached"

    def __init__(self, maxsize: int = 1 << 20) -> None:
        self._memo: _Memo[str] = _Memo(self._stem_or_keep, maxsize)
        # The bound dict method: the bulk path calls it without a Python frame per word.
        self.lookup: Callable[[str], str] = self._memo.__getitem__
        self._chunks: _Memo[tuple[str, ...]] = _Memo(self._chunk_terms, maxsize >> 2)

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

    def _chunk_terms(self, chunk: str) -> tuple[str, ...]:
        lookup = self.lookup
        return tuple(lookup(w) for w in words(fold(chunk)) if w not in STOPWORDS)


_INNER_LONG_VOWELS = str.maketrans("", "", "اوي")


def skeleton(term: str) -> str:
    """``term`` without the long vowels ا و ي between its first and last letter.

    Loanwords are written with their vowels in different places (أميركي / أمريكي, ترامب /
    ترمب, كورونا / كرونا, ديسمبر / دسمبر) and broken plurals differ from their singular by
    long vowels (أجانب / أجنبي, مناطق / منطقة): the skeletons are equal. Terms of fewer than
    four letters, numbers and Latin words are returned unchanged.
    """
    if len(term) < 4 or not _is_arabic_word(term):
        return term
    return term[0] + term[1:-1].translate(_INNER_LONG_VOWELS) + term[-1]


# Larkey's light10 affixes, written in the folded alphabet (ة -> ه, so ية/ة coincide with يه/ه).
_LIGHT10_ARTICLES = ("وال", "بال", "كال", "فال", "لل", "ال")
_LIGHT10_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")


def light10(word: str) -> str:
    """Larkey's light10 stemmer on a folded word.

    Hand-written because no maintained package ships it (Snowball's and Tashaphyne's Arabic
    stemmers are different algorithms, measured in ``benchmarks/stemming_eval.py``) and it is a
    dozen lines. Light10 is the reference light stemmer of Arabic IR (Larkey, Ballesteros &
    Connell, SIGIR 2002; Larkey, Connell & AbdulJaleel, 2007) and was designed for exactly our
    matching form: diacritics removed, أ إ آ -> ا, ى -> ي, ة -> ه. Steps: drop a leading و if 3+
    letters remain; drop one definite article (وال بال كال فال لل ال) if 2+ letters remain; then
    try each suffix once, in order, dropping it if 2+ letters remain.
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


class IdentityStemmer(CachedStemmer):
    """No stemming: the folded word is the term (the baseline of the benchmark)."""

    name = "none"

    def _stem(self, word: str) -> str:
        return word


class Light10Stemmer(CachedStemmer):
    """:func:`light10`, and by default the loanword/broken-plural rule on top of it.

    With ``skeleton=True`` (the default stemmer) the term is the :func:`skeleton` of the light
    stem when that skeleton keeps at least four letters, and the light stem otherwise. Native
    words are mostly built on three-consonant roots, so a skeleton of three letters would merge
    unrelated words (عراق / عرق, سفير / سفر, مطار / مطر); four or more consonants are
    distinctive enough, and both spellings of a word share one skeleton, so they take the same
    branch. Measured false merges: ``docs/stemming.md``.
    """

    def __init__(self, skeleton: bool = True, maxsize: int = 1 << 20) -> None:
        self._skeleton = skeleton
        self.name = "light10-skeleton" if skeleton else "light10"
        super().__init__(maxsize)

    def _stem(self, word: str) -> str:
        stem = light10(word)
        if self._skeleton:
            k = skeleton(stem)
            if len(k) >= 4:
                return k
        return stem


STEMMERS: dict[str, Callable[[], CachedStemmer]] = {
    "none": IdentityStemmer,
    "light10": lambda: Light10Stemmer(skeleton=False),
    "light10-skeleton": Light10Stemmer,
}
"""The library's stemmers by name. The third-party ones it was compared with (Snowball,
Tashaphyne, ISRI) live with the comparison, in ``benchmarks/stemmers.py``."""

DEFAULT_STEMMER = "light10-skeleton"
"""Name of the stemmer :func:`analyze` uses, chosen by ``benchmarks/stemming_eval.py``."""


def get_stemmer(name: str) -> CachedStemmer:
    """A new stemmer by name (see :data:`STEMMERS`), with its own cache."""
    try:
        factory = STEMMERS[name]
    except KeyError:
        raise ValueError(f"unknown stemmer {name!r}; known: {', '.join(STEMMERS)}") from None
    return factory()


@lru_cache(maxsize=1)
def default_stemmer() -> CachedStemmer:
    """The shared instance of :data:`DEFAULT_STEMMER` (so its cache is shared too)."""
    return get_stemmer(DEFAULT_STEMMER)


def analyze_words(folded_words: Iterable[str], stemmer: Stemmer | None = None) -> list[str]:
    """Index terms of already folded words: drop :data:`STOPWORDS`, stem the rest.

    One term per kept word, in order. Numbers (``60%``, ``2100``, ``31/12/2021``) and Latin
    words are never stopwords and are kept as they are.
    """
    st = default_stemmer() if stemmer is None else stemmer
    term = getattr(st, "lookup", st)
    stop = STOPWORDS
    return [term(w) for w in folded_words if w not in stop]


def analyze(text: str, stemmer: Stemmer | None = None) -> list[str]:
    """Index terms of raw text: ``analyze_words(words(fold(text)), stemmer)``.

    What a BM25 index and its queries use, so a query and a passage meet on terms. For speed,
    a :class:`CachedStemmer` also caches the terms of each whitespace-separated chunk of
    ``text``: folding never turns whitespace into a word character nor deletes it, so a token
    never spans two chunks and the chunked result equals the plain pipeline (a property test
    checks it).
    """
    st = default_stemmer() if stemmer is None else stemmer
    if isinstance(st, CachedStemmer):
        chunks = st._chunks
        return [t for c in text.split() for t in chunks[c]]
    return analyze_words(words(fold(text)), st)
