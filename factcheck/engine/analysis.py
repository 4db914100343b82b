"""Terms: what the index and the stance engine compare.

A *term* is a folded word, stemmed (or lemmatised when camel-tools morphology data is
installed), then mapped to its synonym concept from the lexicon. Numbers become canonical
number terms (``2,100`` -> ``2100``; ``٦٠٪`` -> ``60%``). Passages and claims go through the
same :class:`Analyzer`, so a claim typed with other spellings, digits or word forms lands on
the same terms as the article.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from factcheck.text.arabic import STOPWORDS, fold, tokenize, words
from factcheck.text.lexicon import CONCEPT_MARK, Lexicon, load_lexicon

__all__ = ["Analyzer", "Term", "default_analyzer", "number_term"]

_CHUNK_CACHE = 1 << 20  # distinct chunks kept; emptied when full (frequent ones return fast)
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?:\D|$))")
_NUMERIC = re.compile(r"\d")
_PROCLITICS = frozenset("بلكفو")


def number_term(token: str) -> str:
    """Canonical form of a numeric token: thousands commas dropped, decimal comma to point."""
    out = _THOUSANDS.sub("", token)
    return out.replace(",", ".")


def format_number(value: float, percent: bool = False) -> str:
    """The number term for a parsed value (``60.0`` -> ``"60"``; percent -> ``"60%"``)."""
    text = f"{value:.6g}" if value != int(value) else str(int(value))
    return text + "%" if percent else text


@dataclass(frozen=True)
class Term:
    """A term with its word's span in the folded text it came from."""

    term: str
    word: str
    start: int
    end: int


def _default_stem() -> Callable[[str], str]:
    """Lemmas when camel-tools morphology data is installed (``$CAMELTOOLS_DATA``), else the
    stemmer chosen by ``factcheck.text.stemming`` (see its docstring for the comparison)."""
    from factcheck.text.lemmas import lemma_or_stem

    return lemma_or_stem()


class Analyzer:
    """Folds, tokenizes, stems and maps words to concepts; caches per word (Zipfian vocab)."""

    def __init__(
        self,
        stem: Callable[[str], str] | None = None,
        lexicon: Lexicon | None = None,
        lexicons: Sequence[str | Path] = (),
    ):
        """``lexicon`` replaces the default lexicon; ``lexicons`` are newsroom files merged on top
        of it (see :func:`~factcheck.text.lexicon.load_lexicon`)."""
        self._stem = stem or _default_stem()
        self._cache: dict[str, str] = {}
        self._chunks: dict[str, tuple[str, ...]] = {}
        self.lexicon = lexicon or load_lexicon(self._stem_only, extra=lexicons)

    @cached_property
    def fingerprint(self) -> str:
        """What this analyzer's terms depend on, hashed: the stemmer's name and the lexicon's
        content. Terms stored by one analyzer (an archive's index) are valid for another only
        when their fingerprints are equal."""
        lex = self.lexicon
        parts: list[object] = [getattr(self._stem, "name", type(self._stem).__qualname__)]
        parts += [sorted(lex.concept.items()), sorted(lex.surface.items())]
        parts += [sorted(lex.antonyms), sorted(lex.negators), sorted(lex.not_negation)]
        parts += [sorted(lex.denial), sorted(lex.falsity), sorted(lex.cessation)]
        return hashlib.sha1(repr(parts).encode("utf-8")).hexdigest()[:16]

    def _stem_only(self, word: str) -> str:
        if _NUMERIC.match(word):
            return number_term(word)
        return self._stem(word)

    def term(self, word: str) -> str:
        """The term of one folded word (stem -> concept).

        A word the lexicon does not know may still be a listed word behind a one-letter
        proclitic the light stemmer keeps (ب ل ك ف و: «لأعلى» is «أعلى»): it then takes that
        word's concept. Only listed concepts match this way, so no other word is merged.
        """
        t = self._cache.get(word)
        if t is None:
            t = self._concept(word)
            if not t.startswith(CONCEPT_MARK) and len(word) > 3 and word[0] in _PROCLITICS:
                bare = self._concept(word[1:])
                t = bare if bare.startswith(CONCEPT_MARK) else t
            self._cache[word] = t
        return t

    def _concept(self, word: str) -> str:
        return self.lexicon.surface.get(word) or self.lexicon.key(self._stem_only(word))

    def terms(self, text: str) -> list[str]:
        """Content terms of raw text, in order (stopwords dropped): what the index stores.

        Folding is per character and no token spans white space, so the text is analysed one
        white-space chunk at a time and each chunk's terms are cached: news vocabulary is
        Zipfian and most chunks («القوات»، «العراق،») recur, which skips fold, the token regex
        and the stemmer for them (same output as analysing the whole text at once).
        """
        chunks = self._chunks
        out: list[str] = []
        for chunk in text.split():
            found = chunks.get(chunk)
            if found is None:
                found = tuple(self.term(w) for w in words(fold(chunk)) if w not in STOPWORDS)
                if len(chunks) >= _CHUNK_CACHE:
                    chunks.clear()
                chunks[chunk] = found
            out.extend(found)
        return out

    def positioned(self, folded: str) -> list[Term]:
        """Every token of an already folded text with its term and span (stopwords kept)."""
        return [Term(self.term(tok.text), tok.text, tok.start, tok.end) for tok in tokenize(folded)]


@lru_cache(maxsize=1)
def default_analyzer() -> Analyzer:
    """The shared default analyzer (built once per process)."""
    return Analyzer()
