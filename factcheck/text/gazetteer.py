"""Gazetteer: which places a text names, in Arabic, English or French, and whether two agree.

The stance engine needs to notice a *substitution*: the claim says اليمن, the passage says
سوريا; the claim says Mosul, the passage says الموصل (the same city, so no substitution). This
module finds place mentions and decides whether two places can both be right:

* :meth:`Gazetteer.find` returns :class:`PlaceMention` spans in the *original* text (diacritics
  and all, through :func:`~factcheck.text.arabic.fold_with_map`), longest name first (up to
  five words: «الولايات المتحدة الأمريكية», "New York"), reading through the Arabic proclitics
  و ف ب ل ك (والعراق، بسوريا، للسعودية) and nationality forms (للقوات الروسية -> Russia);
* :meth:`Gazetteer.compatible` says whether two places can be named for the same fact (a city
  and the country it is in can; two countries, or cities in two countries, cannot).

The names live in ``factcheck/data/places.tsv`` (CLDR, GeoNames and countryinfo, made by
``scripts/make_places.py``; ``places.README.md`` beside it says how). Every name there is in
folded form with its words joined by one space, exactly what :func:`tokenize` gives here, so
matching is a dictionary lookup per token. The table is read on first use, once per process
(:func:`default_gazetteer`).

A name several places share (طرابلس: Libya and Lebanon; عمان: Oman and Amman) resolves to the
most populous, and the others ride along in :attr:`PlaceMention.alternatives`, so a caller
can ask whether *any* reading is compatible before calling something a substitution.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from factcheck.text.arabic import Folded, Token, fold, fold_with_map, is_arabic, tokenize, words

__all__ = [
    "COLUMNS",
    "Gazetteer",
    "Place",
    "PlaceMention",
    "default_gazetteer",
]

COLUMNS = ("id", "kind", "country", "lang", "form", "name", "population", "label")
"""The header of ``places.tsv``, in order (the loader refuses any other)."""

KINDS = frozenset({"country", "city", "region"})
FORMS = ("name", "alias", "demonym")  # preference order when one place has a key twice
MAX_WORDS = 5

# Disputed or occupied land, where news names either country for the same city: a city or
# region GeoNames puts in one of a pair is compatible with the other country of the pair
# (القدس is in IL for GeoNames, in فلسطين for most Arabic copy; العيون is in EH or in المغرب).
# Hand-written because no source records contested sovereignty; two countries of a pair are
# still not compatible with each other.
_SHARED_SOVEREIGNTY: frozenset[frozenset[str]] = frozenset(
    {frozenset({"IL", "PS"}), frozenset({"MA", "EH"})}
)

# Between two words of one name: spaces, a hyphen, a dot or an apostrophe ("U.S.",
# "États-Unis", "Côte d'Ivoire", "الكونغو - كينشاسا"); anything else ends the name.
_JOINER = re.compile(r"[\s\-.']{1,3}")
_CONJUNCTIONS = "وف"
_PREPOSITIONS = "بلك"


@dataclass(frozen=True)
class Place:
    """A country, a territory or region of one, or a city.

    ``country`` is the ISO 3166-1 alpha-2 code the place is in (a country's own code);
    ``name`` is an English name for display; ``population`` ranks places sharing a name.
    """

    id: str
    kind: str
    country: str
    name: str
    population: int = 0


@dataclass(frozen=True)
class PlaceMention:
    """A place named in a text: ``text[start:end]`` of the original, without its proclitics.

    ``form`` says how it was named (``name``, ``alias`` or ``demonym``), ``lang`` in which
    language, ``key`` is the folded name that matched, and ``alternatives`` are the other
    places the same words can name, most populous first. In «للسعودية» the span is «لسعودية»:
    the article's alef is elided after the preposition ل, and ``key`` is «السعوديه».
    """

    start: int
    end: int
    place: Place
    form: str
    lang: str = ""
    key: str = ""
    alternatives: tuple[Place, ...] = ()

    @property
    def places(self) -> tuple[Place, ...]:
        """Every reading, the chosen one first."""
        return (self.place, *self.alternatives)


@dataclass(frozen=True)
class _Entry:
    place: Place
    lang: str
    form: str
    acronym: bool  # a Latin name of at most 3 letters (US, UK, UAE): only in capitals


class Gazetteer:
    """Place names indexed for matching. Build with :meth:`from_rows` or :meth:`from_tsv`."""

    def __init__(self, places: dict[str, Place], index: dict[str, tuple[_Entry, ...]]) -> None:
        self._places = places
        self._index = index
        self._names_by_place: dict[tuple[str, str], tuple[str, ...]] | None = None
        # first word -> most words of any name starting with it: bounds the longest-first scan
        self._span: dict[str, int] = {}
        for key in index:
            first, n = key.split(" ", 1)[0], key.count(" ") + 1
            self._span[first] = max(n, self._span.get(first, 0))

    # --- building --------------------------------------------------------------------------

    @classmethod
    def from_tsv(cls, text: str) -> Gazetteer:
        """Read the ``places.tsv`` format (header :data:`COLUMNS`, tab-separated)."""
        lines = text.splitlines()
        if not lines or tuple(lines[0].split("\t")) != COLUMNS:
            found = lines[0] if lines else "(empty)"
            raise ValueError(f"places table header is {found!r}, expected {COLUMNS!r}")
        rows = []
        for number, line in enumerate(lines[1:], start=2):
            cells = line.split("\t")
            if len(cells) != len(COLUMNS):
                raise ValueError(f"places table line {number}: {len(cells)} cells, not 8")
            rows.append(cells)
        return cls.from_rows(rows)

    @classmethod
    def from_rows(cls, rows: Iterable[Sequence[str]]) -> Gazetteer:
        """Build from ``(id, kind, country, lang, form, name, population, label)`` rows."""
        rows = list(rows)
        meta: dict[str, tuple[str, str, int]] = {}
        labels: dict[str, str] = {}
        for pid, kind, country, _lang, form, name, population, label in rows:
            if kind not in KINDS or form not in FORMS:
                raise ValueError(f"places table: bad kind/form {kind!r}/{form!r} for {pid}")
            meta[pid] = (kind, country, int(population or 0))
            if label or pid not in labels:
                labels[pid] = label or labels.get(pid) or name
        places = {
            pid: Place(pid, kind, country, labels[pid], pop)
            for pid, (kind, country, pop) in meta.items()
        }
        grouped: dict[str, dict[str, _Entry]] = {}
        for pid, _, _, lang, form, name, _, _ in rows:
            key = " ".join(words(fold(name)))  # the data is folded already; this is a guard
            acronym = not is_arabic(key) and len(key.replace(" ", "")) <= 3
            entry = _Entry(places[pid], lang, form, acronym)
            held = grouped.setdefault(key, {})
            if pid not in held or FORMS.index(form) < FORMS.index(held[pid].form):
                held[pid] = entry
        index = {
            key: tuple(sorted(held.values(), key=lambda e: (-e.place.population, e.place.id)))
            for key, held in grouped.items()
        }
        return cls(places, index)

    # --- looking up ------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._places)

    def place(self, place_id: str) -> Place:
        """The place with this id (``SY``, ``geonames:99072``); KeyError when unknown."""
        return self._places[place_id]

    def lookup(self, name: str) -> list[Place]:
        """Places a whole name (any spelling, no proclitics) names, most populous first."""
        key = " ".join(words(fold(name)))
        return [e.place for e in self._index.get(key, ())]

    def names(self) -> frozenset[str]:
        """Every stored (folded) name: for tests and for callers that filter vocabularies."""
        return frozenset(self._index)

    def names_of(self, place_id: str, lang: str = "ar") -> tuple[str, ...]:
        """The folded names (and nationality forms) of a place in one language: how a claim in
        English asks an Arabic index for «العراق» when it says Iraq."""
        if self._names_by_place is None:
            by_place: dict[tuple[str, str], list[str]] = {}
            for key, entries in self._index.items():
                for e in entries:
                    by_place.setdefault((e.place.id, e.lang), []).append(key)
            self._names_by_place = {k: tuple(sorted(v)) for k, v in by_place.items()}
        return self._names_by_place.get((place_id, lang), ())

    def find(self, text: str) -> list[PlaceMention]:
        """Place mentions in ``text``, left to right, each the longest name at its position."""
        folded = fold_with_map(text)
        tokens = tokenize(folded.text)
        mentions: list[PlaceMention] = []
        i = 0
        while i < len(tokens):
            found = self._match_at(tokens, i, folded)
            if found is None:
                i += 1
                continue
            mention, used = found
            mentions.append(mention)
            i += used
        return mentions

    def _match_at(
        self, tokens: list[Token], i: int, folded: Folded
    ) -> tuple[PlaceMention, int] | None:
        """The longest mention starting at token ``i`` and how many tokens it used, or None."""
        first, original = tokens[i], folded.original
        readings = [
            (skip, head, self._span[head])
            for skip, head in _proclitic_readings(first.text)
            if head in self._span
        ]
        if not readings:
            return None
        # how many tokens follow, each joined to the one before closely enough
        reach, most = 1, min(MAX_WORDS, max(longest for _, _, longest in readings))
        while reach < most and i + reach < len(tokens):
            gap = folded.text[tokens[i + reach - 1].end : tokens[i + reach].start]
            if not _JOINER.fullmatch(gap):
                break
            reach += 1
        found: list[tuple[int, int, str]] = []  # (words, letters skipped, key), per reading
        for skip, head, longest in readings:
            for n in range(min(longest, reach), 0, -1):
                key = " ".join([head, *(t.text for t in tokens[i + 1 : i + n])])
                if key in self._index:
                    found.append((n, skip, key))
                    break
        if not found:
            return None
        n = max(words_ for words_, _, _ in found)
        # the most words win, then the fewest proclitics (وجدة is Oujda before و + جدة)
        found = sorted(f for f in found if f[0] == n)
        _, skip, key = found[0]
        start, end = folded.to_original(first.start + skip, tokens[i + n - 1].end)
        entries = [
            e for e in self._index[key] if not e.acronym or _all_capitals(original, start, end)
        ]
        if not entries or (not is_arabic(key) and not original[start].isupper()):
            return None  # a Latin name is a proper noun: "Turkey", not "turkey"
        chosen = entries[0]
        others = [e.place for e in entries[1:]]
        others += [e.place for _, _, other in found[1:] for e in self._index[other]]
        alternatives = tuple(dict.fromkeys(p for p in others if p != chosen.place))
        mention = PlaceMention(
            start, end, chosen.place, chosen.form, chosen.lang, key, alternatives
        )
        return mention, n

    # --- comparing -------------------------------------------------------------------------

    @staticmethod
    def same_place(a: Place, b: Place) -> bool:
        """True when ``a`` and ``b`` are one place (named in any language or form)."""
        return a.id == b.id

    @staticmethod
    def compatible(a: Place, b: Place) -> bool:
        """True when naming ``a`` and naming ``b`` for the same fact is no contradiction.

        The same place; a city or region and the country it is in (or the other country of a
        disputed pair, see ``_SHARED_SOVEREIGNTY``); a region and a city of its country (no
        source says which cities a region holds, so they are not called different). Two
        countries, two cities, or a city and another country's region are not compatible.
        """
        if a.id == b.id:
            return True
        if a.kind == "country" and b.kind == "country":
            return False
        if a.kind == "country" or b.kind == "country":
            country, part = (a, b) if a.kind == "country" else (b, a)
            return part.country == country.id or _shared(part.country, country.id)
        if "region" in (a.kind, b.kind) and a.kind != b.kind:
            return a.country == b.country
        return False


def _shared(a: str, b: str) -> bool:
    return frozenset({a, b}) in _SHARED_SOVEREIGNTY


def _all_capitals(text: str, start: int, end: int) -> bool:
    letters = [c for c in text[start:end] if c.isalpha()]
    return all(c.isupper() for c in letters)


@lru_cache(maxsize=4096)  # a news vocabulary is Zipfian: most tokens repeat
def _proclitic_readings(word: str) -> tuple[tuple[int, str], ...]:
    """The ways to read ``word`` as proclitics + rest: ``(letters skipped, rest)``, whole first.

    One conjunction و/ف, then one preposition ب/ل/ك, may precede a name (وبسوريا); after
    ل the article loses its alef (للسعودية = ل + السعودية), which is put back. The rest must
    keep at least three letters, and ك only precedes a name with the article (كالعراق):
    a bare ك would read كبيرة as ك + بيرة.
    """
    readings = [(0, word)]
    if not is_arabic(word):
        return tuple(readings)
    rest, skip = word, 0
    if len(rest) > 3 and rest[0] in _CONJUNCTIONS:
        rest, skip = rest[1:], 1
        readings.append((skip, rest))
    if len(rest) > 3 and rest[0] in _PREPOSITIONS:
        after = rest[1:]
        if rest[0] == "ل" and after.startswith("ل"):
            readings.append((skip + 1, "ا" + after))  # للسعودية; and للندن below
        if rest[0] != "ك" or after.startswith("ال"):
            readings.append((skip + 1, after))
    return tuple(readings)


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The shared gazetteer of ``factcheck/data/places.tsv``, read on first call."""
    text = resources.files("factcheck.data").joinpath("places.tsv").read_text(encoding="utf-8")
    return Gazetteer.from_tsv(text)
