"""The third-party stemmers factcheck's default was compared with (``stemming_eval.py``).

They are benchmark code, not library code: the library ships only what it uses
(:mod:`factcheck.text.stemming`: none, light10, light10-skeleton). Install them with
``pip install -e '.[bench]'`` (snowballstemmer, tashaphyne, nltk).
"""

from __future__ import annotations

from collections.abc import Callable

from factcheck.text.arabic import fold
from factcheck.text.stemming import STEMMERS as LIBRARY_STEMMERS
from factcheck.text.stemming import CachedStemmer, skeleton

__all__ = [
    "STEMMERS",
    "IsriRootStemmer",
    "SnowballStemmer",
    "TashaphyneLightStemmer",
    "TashaphyneRootStemmer",
    "get_stemmer",
]


def restore_teh_marbuta(word: str) -> str:
    """Undo the one fold step that changes what Snowball, Tashaphyne and ISRI strip.

    Folding writes teh marbuta as heh (ة -> ه). Those stemmers read a final ه as the pronoun
    "his", which Snowball refuses to strip after the article ال, so the folded ``العراقيه``
    stems to ``عراقيه`` while ``العراقية`` stems to ``عراق``. Writing a final ه back as ة is a
    function of the folded word alone, so equal folded words still get equal terms.
    """
    if len(word) > 2 and word[-1] == "ه":
        return word[:-1] + "ة"
    return word


class SnowballStemmer(CachedStemmer):
    """Snowball's Arabic stemmer (``snowballstemmer``, a dependency; compared, not the default)."""

    def __init__(self, restore_teh_marbuta: bool = True, maxsize: int = 1 << 20) -> None:
        import snowballstemmer

        self._impl = snowballstemmer.stemmer("arabic")
        self._restore = restore_teh_marbuta
        self.name = "snowball" if restore_teh_marbuta else "snowball-folded"
        super().__init__(maxsize)

    def _stem(self, word: str) -> str:
        if self._restore:
            word = restore_teh_marbuta(word)
        return fold(self._impl.stemWord(word)) or word


class TashaphyneLightStemmer(CachedStemmer):
    """Tashaphyne's light stemmer (``pip install tashaphyne``; optional, compared only)."""

    def __init__(self, restore_teh_marbuta: bool = True, maxsize: int = 1 << 20) -> None:
        from tashaphyne.stemming import ArabicLightStemmer

        self._impl = ArabicLightStemmer()
        self._restore = restore_teh_marbuta
        self.name = "tashaphyne" if restore_teh_marbuta else "tashaphyne-folded"
        super().__init__(maxsize)

    def _stem(self, word: str) -> str:
        if self._restore:
            word = restore_teh_marbuta(word)
        self._impl.light_stem(word)
        return fold(self._impl.get_stem()) or word


class TashaphyneRootStemmer(CachedStemmer):
    """Tashaphyne's root extractor (``pip install tashaphyne``; optional, compared only)."""

    name = "tashaphyne-root"

    def __init__(self, maxsize: int = 1 << 20) -> None:
        from tashaphyne.stemming import ArabicLightStemmer

        self._impl = ArabicLightStemmer()
        super().__init__(maxsize)

    def _stem(self, word: str) -> str:
        self._impl.light_stem(restore_teh_marbuta(word))
        return fold(self._impl.get_root()) or word


class IsriRootStemmer(CachedStemmer):
    """NLTK's ISRI root stemmer (``pip install nltk``; optional, compared only).

    With ``skeleton=True`` the :func:`skeleton` is applied to what ISRI leaves unreduced (four
    letters or more: mostly loanwords and names); three-letter roots are unchanged by it.
    """

    def __init__(self, skeleton: bool = False, maxsize: int = 1 << 20) -> None:
        from nltk.stem.isri import ISRIStemmer

        self._impl = ISRIStemmer()
        self._skeleton = skeleton
        self.name = "isri-skeleton" if skeleton else "isri"
        super().__init__(maxsize)

    def _stem(self, word: str) -> str:
        root = fold(self._impl.stem(restore_teh_marbuta(word))) or word
        return skeleton(root) if self._skeleton else root


STEMMERS: dict[str, Callable[[], CachedStemmer]] = {
    **LIBRARY_STEMMERS,
    "snowball": SnowballStemmer,
    "snowball-folded": lambda: SnowballStemmer(restore_teh_marbuta=False),
    "tashaphyne": TashaphyneLightStemmer,
    "tashaphyne-folded": lambda: TashaphyneLightStemmer(restore_teh_marbuta=False),
    "tashaphyne-root": TashaphyneRootStemmer,
    "isri": IsriRootStemmer,
    "isri-skeleton": lambda: IsriRootStemmer(skeleton=True),
}
"""Every stemmer compared, by name; the third-party ones raise ImportError when their package is
absent."""


def get_stemmer(name: str) -> CachedStemmer:
    """A new stemmer by name (see :data:`STEMMERS`), with its own cache."""
    try:
        factory = STEMMERS[name]
    except KeyError:
        raise ValueError(f"unknown stemmer {name!r}; known: {', '.join(STEMMERS)}") from None
    return factory()
