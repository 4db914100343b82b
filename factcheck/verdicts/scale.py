"""Verdict scale: the labels an editor can give a claim, in Arabic and English, with their
ClaimReview rating values and chart colours.

The desk ships a default scale (``factcheck/data/verdict_scale.toml``: صحيح / True,
صحيح جزئياً / Half true, مضلل / Misleading, خاطئ / False, غير مثبت / Unproven). A newsroom
replaces it with its own TOML file of the same shape; :func:`load_scale` validates it and fails
with a :class:`ScaleError` that names the file and the entry.

Ratings: ``best`` and ``worst`` are the ends of the numeric ClaimReview scale (schema.org
``bestRating`` / ``worstRating``). A label without a ``rating`` (the default "unproven") is not a
point on the true..false axis: putting it at a number would tell search engines it is "halfway
false", so its ClaimReview carries only the textual rating (``alternateName``).

The key ``"retracted"`` is reserved: the verdict log uses it for undo rows (see
:mod:`factcheck.verdicts.log`), so no scale may define it.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from factcheck.text.arabic import fold

__all__ = [
    "DEFAULT_SCALE_SOURCE",
    "RETRACTED",
    "SCALE_ENV",
    "Label",
    "Scale",
    "ScaleError",
    "default_scale",
    "load_scale",
    "parse_scale",
    "resolve_scale",
]

RETRACTED = "retracted"
"""Reserved verdict key of a log row that undoes (retracts) an earlier verdict."""

SCALE_ENV = "FACTCHECK_SCALE"
"""Environment variable naming a newsroom scale file used when no scale is passed explicitly."""

DEFAULT_SCALE_SOURCE = "factcheck/data/verdict_scale.toml"

_KEY_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_COLOR_RE = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_SPACE_RE = re.compile(r"\s+")
_TOP_FIELDS = frozenset({"name", "best", "worst", "label"})
_LABEL_FIELDS = frozenset({"key", "ar", "en", "rating", "color"})
_LABEL_REQUIRED = ("key", "ar", "en", "color")


class ScaleError(ValueError):
    """An invalid scale file; the message names the file and the entry."""


def _match_form(text: str) -> str:
    """The form a typed label is compared in: folded (diacritics, hamza forms, case) and with
    whitespace collapsed, so "صحيح جزئياً", "صحيح جزئيا" and " Half  TRUE " all match."""
    return _SPACE_RE.sub(" ", fold(text)).strip()


@dataclass(frozen=True)
class Label:
    """One verdict of a scale. ``rating`` is ``None`` for a verdict off the numeric scale."""

    key: str
    ar: str
    en: str
    rating: int | float | None
    color: str

    def name(self, language: str = "ar") -> str:
        """The label in ``"ar"`` or ``"en"``."""
        if language == "ar":
            return self.ar
        if language == "en":
            return self.en
        raise ValueError(f"language: expected 'ar' or 'en', got {language!r}")


@dataclass(frozen=True)
class Scale:
    """An ordered set of verdict labels plus the ends of the numeric ClaimReview scale."""

    labels: tuple[Label, ...]
    best: int | float
    worst: int | float
    name: str = ""
    source: str = ""
    _lookup: dict[str, Label] = field(default_factory=dict, init=False, repr=False, compare=False)
    _by_key: dict[str, Label] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        lookup: dict[str, Label] = {}
        for label in self.labels:
            for text in (label.key, label.ar, label.en):
                lookup.setdefault(_match_form(text), label)
        object.__setattr__(self, "_lookup", lookup)
        object.__setattr__(self, "_by_key", {label.key: label for label in self.labels})

    def __iter__(self) -> Iterator[Label]:
        return iter(self.labels)

    def __len__(self) -> int:
        return len(self.labels)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key in self._by_key

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(label.key for label in self.labels)

    def __getitem__(self, key: str) -> Label:
        """The label with this exact key (``KeyError`` naming it otherwise)."""
        try:
            return self._by_key[key]
        except KeyError:
            pass
        raise KeyError(f"no verdict {key!r} in scale {self.name or self.source!r}")

    def resolve(self, text: str) -> Label:
        """The label an editor meant: its key, or its Arabic or English name, compared folded.

        Raises ``ValueError`` naming the field (``verdict``) and the accepted values.
        """
        label = self._by_key.get(text)  # fast path: the stored key, as the log writes it
        if label is None:
            label = self._lookup.get(_match_form(text))
        if label is None:
            choices = ", ".join(f"{lb.key} ({lb.ar} / {lb.en})" for lb in self.labels)
            raise ValueError(f"verdict: unknown label {text!r}; expected one of: {choices}")
        return label


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def parse_scale(data: Mapping[str, Any], source: str = "<scale>") -> Scale:
    """Validate an already parsed scale table (the TOML's content) into a :class:`Scale`.

    Every message starts with ``source`` and names the entry, e.g.
    ``my_scale.toml: label #3 ('misleading'): rating 7 is outside worst..best (1..5)``.
    """

    def fail(where: str, message: str) -> ScaleError:
        return ScaleError(f"{source}: {where}: {message}")

    unknown = sorted(set(data) - _TOP_FIELDS)
    if unknown:
        expected = _fmt(_TOP_FIELDS)
        raise fail("top level", f"unknown field(s) {', '.join(unknown)} (expected {expected})")
    for end in ("best", "worst"):
        if end not in data:
            raise fail("top level", f"missing {end!r} (the {end} ClaimReview rating, a number)")
        if not _number(data[end]):
            raise fail(end, f"must be a number, got {data[end]!r}")
    best, worst = data["best"], data["worst"]
    if best == worst:
        raise fail("best/worst", f"must differ (both are {best!r})")
    low, high = min(best, worst), max(best, worst)
    name = data.get("name", "")
    if not isinstance(name, str):
        raise fail("name", f"must be a string, got {name!r}")
    raw_labels = data.get("label")
    if not isinstance(raw_labels, list) or not raw_labels:
        raise fail("label", "the scale needs at least one [[label]] table")

    labels: list[Label] = []
    seen: dict[str, str] = {}  # match form -> "label #n ('key')"
    for n, entry in enumerate(raw_labels, start=1):
        where = f"label #{n}"
        if not isinstance(entry, Mapping):
            raise fail(where, "must be a [[label]] table")
        if isinstance(entry.get("key"), str):
            where = f"label #{n} ({entry['key']!r})"
        unknown = sorted(set(entry) - _LABEL_FIELDS)
        if unknown:
            expected = _fmt(_LABEL_FIELDS)
            raise fail(where, f"unknown field(s) {', '.join(unknown)} (expected {expected})")
        for req in _LABEL_REQUIRED:
            if req not in entry:
                raise fail(where, f"missing {req!r}")
            if not isinstance(entry[req], str) or not entry[req].strip():
                raise fail(where, f"{req!r} must be a non-empty string, got {entry[req]!r}")
        key = entry["key"]
        if not _KEY_RE.match(key):
            raise fail(where, "key must be lower-case ASCII letters, digits and '-'")
        if key == RETRACTED:
            raise fail(where, f"key {RETRACTED!r} is reserved for undo rows of the verdict log")
        rating = entry.get("rating")
        if rating is not None:
            if not _number(rating):
                raise fail(where, f"rating must be a number, got {rating!r}")
            if not low <= rating <= high:
                raise fail(where, f"rating {rating!r} is outside worst..best ({worst}..{best})")
        color = entry["color"]
        if not _COLOR_RE.match(color):
            raise fail(where, f"bad color {color!r} (expected '#rrggbb' or '#rgb')")
        forms = dict.fromkeys(_match_form(entry[f]) for f in ("key", "ar", "en"))
        for form in forms:
            if form in seen:
                raise fail(where, f"duplicate label {form!r}: already used by {seen[form]}")
        for form in forms:
            seen[form] = where
        labels.append(Label(key=key, ar=entry["ar"], en=entry["en"], rating=rating, color=color))
    return Scale(labels=tuple(labels), best=best, worst=worst, name=name, source=source)


def _fmt(names: frozenset[str]) -> str:
    return ", ".join(sorted(names))


def load_scale(path: str | os.PathLike[str]) -> Scale:
    """Load and validate a newsroom scale file (TOML). Errors name the file and the entry."""
    source = str(path)
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise ScaleError(f"{source}: scale file not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise ScaleError(f"{source}: not valid TOML: {exc}") from None
    except OSError as exc:
        raise ScaleError(f"{source}: cannot read scale file: {exc.strerror or exc}") from None
    return parse_scale(data, source=source)


@lru_cache(maxsize=1)
def default_scale() -> Scale:
    """The scale shipped with the desk (Arabic and English, five labels)."""
    text = resources.files("factcheck.data").joinpath("verdict_scale.toml").read_text("utf-8")
    return parse_scale(tomllib.loads(text), source=DEFAULT_SCALE_SOURCE)


def resolve_scale(scale: Scale | str | os.PathLike[str] | None = None) -> Scale:
    """The scale to use: ``scale`` itself, a file path, else ``$FACTCHECK_SCALE``, else the
    default."""
    if isinstance(scale, Scale):
        return scale
    if scale is not None:
        return load_scale(Path(scale))
    env = os.environ.get(SCALE_ENV, "").strip()
    if env:
        return load_scale(Path(env))
    return default_scale()
