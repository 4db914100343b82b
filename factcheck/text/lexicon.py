"""The engine's word knowledge: synonym concepts, antonyms, negation, denial and falsity cues.

The lists live in ``factcheck/data/lexicon.toml`` so a newsroom can extend them without touching
code. They are compiled against a *term function* (fold + stem, the same analysis the index
uses), so they match every spelling and word form the analysis merges: write a word once and
its inflections follow.

Why hand-written lists: no maintained Arabic package ships negation, denial and falsity cue
inventories or antonym pairs usable offline (Arabic WordNet needs a download and covers general
senses poorly). Sentence embeddings (:mod:`factcheck.engine.semantic`) bring closeness in
meaning, but they cannot tell «نفى» from «أكد» reliably, and they may be off; the synonym groups
carry paraphrase when they are. The default list is general news vocabulary; a desk's own story
words go in a newsroom lexicon loaded on top (:func:`example_lexicon_path` shows one). The lists'
worth is measured by ``benchmarks/evidence_eval.py --ablate lexicon``.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path

from factcheck.text.arabic import fold, words

__all__ = [
    "CONCEPT_MARK",
    "Lexicon",
    "concept_key",
    "default_lexicon_path",
    "example_lexicon_path",
    "load_lexicon",
]

TermFn = Callable[[str], str]

MIN_STEM = 3
"""Shortest stem a listed word may map its concept through: a one- or two-letter stem (بيان ->
«بي», وفاة -> «فا») is shared by unrelated words, so such a word maps only as written."""


CONCEPT_MARK = "~"
"""Concept keys start with this mark, so a group named ``end`` never meets the English word
"end" of a claim typed in English (terms are folded words, concept keys are not)."""


def concept_key(group: str) -> str:
    """The term a synonym group's words map to."""
    return CONCEPT_MARK + group


def example_lexicon_path(name: str) -> Path:
    """An example newsroom lexicon shipped with the package (``"defence"``), to load on top of
    the general one."""
    path = Path(str(resources.files("factcheck.data").joinpath("lexicons", f"{name}.toml")))
    if not path.is_file():
        raise FileNotFoundError(f"no example lexicon {name!r} ({path})")
    return path


def default_lexicon_path() -> Path:
    return Path(str(resources.files("factcheck.data").joinpath("lexicon.toml")))


def _phrase(text: str, term: TermFn) -> tuple[str, ...]:
    return tuple(term(w) for w in words(fold(text)))


@dataclass(frozen=True)
class Lexicon:
    """Compiled word lists. All keys are *terms* (outputs of the term function)."""

    concept: dict[str, str] = field(default_factory=dict)
    """term -> concept name for every member of a synonym group."""
    surface: dict[str, str] = field(default_factory=dict)
    """folded word, exactly as listed -> concept (for words a stemmer mangles, e.g. وافق)."""
    antonyms: frozenset[tuple[str, str]] = frozenset()
    """(concept-or-term, concept-or-term) pairs, both orders."""
    # Cue lists below are *surface* word sequences (folded, not stemmed): stemmers mangle short
    # function words such as لم/لن/غير, and cues are closed-class words with few forms anyway.
    negators: frozenset[tuple[str, ...]] = frozenset()
    not_negation: frozenset[tuple[str, ...]] = frozenset()
    denial: frozenset[str] = frozenset()
    falsity: frozenset[tuple[str, ...]] = frozenset()
    cessation: frozenset[str] = frozenset()
    """Terms/concepts that end or remove something (withdraw, end, stop): negation of presence."""

    @cached_property
    def falsity_heads(self) -> dict[str, list[tuple[str, ...]]]:
        """The falsity phrases by first word, for a scan that looks up each word once."""
        heads: dict[str, list[tuple[str, ...]]] = {}
        for phrase in sorted(self.falsity, key=lambda p: (-len(p), p)):  # longest first
            heads.setdefault(phrase[0], []).append(phrase)
        return heads

    def key(self, term: str) -> str:
        """The concept a term belongs to, or the term itself.

        Light stemmers leave verb inflections on (ارتفعت، يرتفع، سيرتفع); when the term itself
        is not listed, the lookup also tries it without one person/tense affix, so listing
        «ارتفع» covers its conjugations. Only listed concepts can match this way, which keeps
        the stripping from merging unrelated words.
        """
        found = self.concept.get(term)
        if found is not None:
            return found
        for variant in _verb_variants(term):
            found = self.concept.get(variant)
            if found is not None:
                return found
        return term


_SUFFIXES = ("ت", "وا", "ون", "ين", "ان", "تا", "ن")
_PREFIXES = ("سي", "ست", "سن", "ي", "ت", "ن", "ا")


def _verb_variants(term: str) -> list[str]:
    if len(term) < 4:
        return []
    out = [term[: -len(s)] for s in _SUFFIXES if term.endswith(s) and len(term) - len(s) >= 3]
    for p in _PREFIXES:
        if term.startswith(p) and len(term) - len(p) >= 3:
            rest = term[len(p) :]
            out.append(rest)
            out += [
                rest[: -len(s)] for s in _SUFFIXES if rest.endswith(s) and len(rest) - len(s) >= 3
            ]
    return out


def _read(path: Path) -> dict:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{path}: invalid lexicon file: {exc}") from None


def _merge(base: dict, extra: dict) -> dict:
    out = {k: dict(v) if isinstance(v, dict) else v for k, v in base.items()}
    for section, body in extra.items():
        if not isinstance(body, dict):
            raise ValueError(f"lexicon section [{section}] must be a table")
        target = out.setdefault(section, {})
        for key, value in body.items():
            if isinstance(value, list) and isinstance(target.get(key), list):
                target[key] = [*target[key], *value]
            else:
                target[key] = value
    return out


def load_lexicon(term: TermFn, extra: Iterable[str | Path] = ()) -> Lexicon:
    """Compile the default lexicon (plus any ``extra`` TOML files) against ``term``."""
    data = _read(default_lexicon_path())
    for path in extra:
        data = _merge(data, _read(Path(path)))

    concept: dict[str, str] = {}
    listed: dict[str, str] = {}
    ambiguous: set[str] = set()
    for group, members in data.get("synonyms", {}).items():
        if not isinstance(members, list) or not all(isinstance(m, str) for m in members):
            raise ValueError(f"lexicon synonyms.{group} must be a list of words")
        name = concept_key(group)
        for m in members:
            toks = _phrase(m, term)
            if len(toks) != 1:  # multi-word synonyms are not single terms; skip them
                continue
            listed.setdefault(fold(m).strip(), name)
            if len(toks[0]) < MIN_STEM:
                continue  # the exact word still maps (``surface``); its stem is too short
            if concept.setdefault(toks[0], name) != name:
                ambiguous.add(toks[0])
    # A stem two groups share (مقاتلة "fighting" and مقتل "killing" both stem to مقتل) would
    # merge unrelated concepts: such stems stay plain terms.
    for t in ambiguous:
        del concept[t]

    def side(word: str) -> str:
        if word in data.get("synonyms", {}):
            return concept_key(word)
        toks = _phrase(word, term)
        return concept.get(toks[0], toks[0]) if toks else word

    pairs: set[tuple[str, str]] = set()
    for pair in data.get("antonyms", {}).get("pairs", []):
        if not (isinstance(pair, list) and len(pair) == 2):
            raise ValueError(f"lexicon antonyms.pairs entry {pair!r} must be a pair of words")
        a, b = side(pair[0]), side(pair[1])
        pairs |= {(a, b), (b, a)}

    neg = data.get("negation", {})

    def surface(key: str) -> frozenset[tuple[str, ...]]:
        return frozenset(tuple(words(fold(p))) for p in neg.get(key, []))

    return Lexicon(
        concept=concept,
        surface=listed,
        antonyms=frozenset(pairs),
        negators=surface("particles"),
        not_negation=surface("not_negation"),
        denial=frozenset(w for p in neg.get("denial_verbs", []) for w in words(fold(p))),
        falsity=surface("falsity"),
        cessation=frozenset(side(w) for w in neg.get("cessation", [])),
    )
