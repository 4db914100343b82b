"""Lemmas from camel-tools' morphological analyzer, used instead of stems when its data is there.

A lemma (``الانسحاب``, ``وانسحابها`` -> ``انسحاب``; ``القوات`` -> ``قوة``; ``الأميركية``,
``الأمريكية`` -> ``أمريكي``) is what a stemmer approximates: it undoes broken plurals and
spelling variants by dictionary, not by rule. camel-tools' morphology database (calima-msa,
about 40 MB) is optional: it is found through ``CAMELTOOLS_DATA``, a folder holding
camel-tools' ``catalogue.json`` and ``data/morphology_db/<name>/morphology.db`` (the layout
``camel_data`` installs). Without it, :func:`default_analyzer` is the stemmer analysis of
:mod:`factcheck.text.stemming`.

Never the network. ``camel_tools.morphology`` imports ``camel_tools.data``, which loads
camel-tools' catalogue at import time and *downloads* it when ``catalogue.json`` is missing. So
this module imports ``camel_tools.morphology`` only inside :meth:`Lemmatizer.from_db`, after
checking that the catalogue is on disk, and ``import factcheck`` never imports it.

Input: folded words. The analyzer normalises its input (أ إ آ ٱ -> ا, ى -> ي, ة -> ه, no
diacritics) before looking it up, which is what :func:`factcheck.text.arabic.fold` does, so a folded
word gets the same analyses as the original spelling (a test checks it); folded words are what
the index has, so lemmatising them needs no second pass over the raw text. Among a word's
analyses the one with the highest ``pos_lex_logprob`` wins (the database's unigram estimate;
the first one when the database has none); its lemma is folded.

Speed: an analysis costs far more than a stem (tens to hundreds of microseconds a word with the
full database), so lemmas are cached per word like stems are; a news vocabulary is Zipfian and
the cache absorbs most of it, but a cold index build is slower than with stems. Lemma mode
trades that speed for recall.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from factcheck.text.arabic import fold
from factcheck.text.stemming import CachedStemmer, Stemmer, default_stemmer

__all__ = [
    "LemmaDataError",
    "Lemmatizer",
    "best_lemma",
    "find_morphology_db",
    "lemma_or_stem",
]

Analyses = Callable[[str], Iterable[Mapping[str, Any]]]


class LemmaDataError(RuntimeError):
    """camel-tools data is present but unusable (the message says which file and why)."""


def _camel_home() -> Path:
    # Where camel-tools looks when CAMELTOOLS_DATA is unset (camel_tools.data.catalogue).
    if sys.platform == "win32":
        return Path.home() / "AppData" / "Roaming" / "camel_tools"
    return Path.home() / ".camel_tools"


def find_morphology_db(environ: Mapping[str, str] | None = None) -> Path | None:
    """The morphology database under ``$CAMELTOOLS_DATA``, or None when there is none.

    The catalogue's default ``MorphologyDB`` dataset comes first, then its other datasets, then
    any ``data/morphology_db/*/morphology.db``. Reads files only; imports no camel-tools module.

    Raises:
        LemmaDataError: ``catalogue.json`` exists but is not valid JSON.
    """
    env = os.environ if environ is None else environ
    root_s = env.get("CAMELTOOLS_DATA")
    if not root_s:
        return None
    root = Path(root_s).expanduser()
    catalogue = root / "catalogue.json"
    if not catalogue.is_file():
        return None
    try:
        data = json.loads(catalogue.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise LemmaDataError(f"{catalogue}: unreadable camel-tools catalogue: {exc}") from None
    candidates: list[Path] = []
    component = data.get("components", {}).get("MorphologyDB", {}) if isinstance(data, dict) else {}
    datasets = component.get("datasets", {}) if isinstance(component, dict) else {}
    if isinstance(datasets, dict):
        default = component.get("default")
        names = sorted(datasets, key=lambda n: (n != default, n))
        for name in names:
            entry = datasets[name]
            if isinstance(entry, dict) and isinstance(entry.get("path"), str):
                candidates.append(root / "data" / entry["path"] / "morphology.db")
    candidates.extend(sorted((root / "data" / "morphology_db").glob("*/morphology.db")))
    return next((c for c in candidates if c.is_file()), None)


def _check_catalogue() -> None:
    """Refuse to import camel_tools.morphology when that import would download a catalogue."""
    if "camel_tools.data" in sys.modules:
        return  # already imported: its catalogue is loaded, nothing more is fetched
    root_s = os.environ.get("CAMELTOOLS_DATA")
    base = Path(root_s).expanduser() if root_s else _camel_home()
    catalogue = base / "catalogue.json"
    if not catalogue.is_file():
        raise LemmaDataError(
            f"{catalogue} is missing: camel-tools would download it on import; install the "
            "data with camel_data (or point CAMELTOOLS_DATA at a folder that has it)"
        )


def _logprob(analysis: Mapping[str, Any], key: str) -> float:
    try:
        return float(analysis.get(key, -99.0))
    except (TypeError, ValueError):
        return -99.0


def best_lemma(analyses: Iterable[Mapping[str, Any]]) -> str | None:
    """Folded lemma of the most probable analysis (``pos_lex_logprob``, then ``lex_logprob``;
    ties and missing scores keep the database order), or None when there is no analysis."""
    best: str | None = None
    best_key: tuple[float, float] | None = None
    for a in analyses:
        lex = a.get("lex")
        if not isinstance(lex, str) or not lex:
            continue
        key = (_logprob(a, "pos_lex_logprob"), _logprob(a, "lex_logprob"))
        if best_key is None or key > best_key:
            best, best_key = lex, key
    if best is None:
        return None
    return fold(best) or None


class Lemmatizer(CachedStemmer):
    """Folded word -> folded lemma, through camel-tools' analyzer; cached per word.

    Words the database does not know (names, typos, new coinages) get the ``fallback`` stemmer's
    term instead (the default stemmer unless told otherwise). Numbers and Latin words are kept
    as they are, like every :class:`~factcheck.text.stemming.CachedStemmer`.
    """

    def __init__(
        self,
        analyses: Analyses,
        fallback: Stemmer | None = None,
        *,
        name: str = "camel-lemma",
        maxsize: int = 1 << 20,
    ) -> None:
        self._analyses = analyses
        self.fallback: Stemmer = default_stemmer() if fallback is None else fallback
        self.name = name
        super().__init__(maxsize)

    @classmethod
    def from_db(cls, path: str | Path, fallback: Stemmer | None = None) -> Lemmatizer:
        """A lemmatizer over the morphology database file at ``path``.

        Raises:
            LemmaDataError: no such file, no camel-tools catalogue on disk (importing the
                analyzer would download one), or the file is not a morphology database.
        """
        path = Path(path)
        if not path.is_file():
            raise LemmaDataError(f"{path}: no such morphology database")
        _check_catalogue()
        # Imported here, never at module level: see the module docstring.
        from camel_tools.morphology.analyzer import Analyzer
        from camel_tools.morphology.database import MorphologyDB

        try:
            db = MorphologyDB(str(path), "a")
        except Exception as exc:  # camel-tools raises bare KeyError/ValueError on bad files
            raise LemmaDataError(f"{path}: not a camel-tools morphology database: {exc!r}") from exc
        return cls(
            Analyzer(db, backoff="NONE").analyze, fallback, name=f"camel-lemma:{path.parent.name}"
        )

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str] | None = None, fallback: Stemmer | None = None
    ) -> Lemmatizer | None:
        """The lemmatizer over ``$CAMELTOOLS_DATA``'s morphology database, or None without one."""
        path = find_morphology_db(environ)
        return None if path is None else cls.from_db(path, fallback)

    def lemma(self, folded_word: str) -> str | None:
        """The folded lemma of one folded word, or None when the database has no analysis
        (not cached: :meth:`__call__` is the cached path)."""
        return best_lemma(self._analyses(folded_word))

    def _stem(self, word: str) -> str:
        return self.lemma(word) or self.fallback(word)


@lru_cache(maxsize=1)
def lemma_or_stem() -> Stemmer:
    """The lemmatizer when ``$CAMELTOOLS_DATA`` has a morphology database, else the default
    stemmer. Decided once per process (``lemma_or_stem.cache_clear()`` to look again)."""
    lemmatizer = Lemmatizer.from_env()
    return default_stemmer() if lemmatizer is None else lemmatizer
