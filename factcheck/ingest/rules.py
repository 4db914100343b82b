"""Cleaning rules: how a line is seen, what a rule is, and how a list of rules marks a page.

A rule sees each non-empty line of an article as a :class:`Line`: the original ``text``, its
``folded`` form (:func:`factcheck.text.arabic.fold` plus collapsed whitespace), its word count
and whether it ends like a sentence. Patterns are matched against ``folded``, so one pattern
covers the spellings أيضاً/ايضا, إقرأ/اقرأ, ة/ه, ى/ي...; pattern strings are written in ordinary
Arabic and folded when the rule is built (:func:`compile_folded`).

Which lines are boilerplate is decided in :mod:`factcheck.ingest.cleaning` (the default rules)
with the tests of :mod:`factcheck.ingest.shapes`; this module is only the machinery, kept apart
so that a newsroom's own rules use exactly what the default ones use.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple, overload

from factcheck.text.arabic import fold, match_key
from factcheck.text.vocabulary import ends_sentence

__all__ = [
    "REPEAT_REASON",
    "TITLE_REASON",
    "CleaningRules",
    "Line",
    "Page",
    "Predicate",
    "Rule",
    "compile_folded",
]

TITLE_REASON = "title_line"
"""The reason recorded for the headline line (given in metadata or guessed): it is metadata,
not a widget, so context rules do not count it as boilerplate around a line."""

REPEAT_REASON = "repeated_paragraph"
"""The reason recorded for a second copy of a kept paragraph: article text, not a widget."""

_REGEX_META = frozenset(".^$*+?{}[]\\|()")
_ESCAPE_RE = re.compile(r"\\.", re.DOTALL)


def _fold_literal(chunk: str) -> str:
    out = []
    for k, ch in enumerate(chunk):
        if ch.isascii():
            # Folded text is lower-case; "(?P<name>" and other "(?X" syntax keep their letter.
            out.append(ch if chunk[max(0, k - 2) : k] == "(?" else ch.lower())
            continue
        folded = fold(ch)
        # e.g. "؟" folds to "?" and "…" to "...": keep them literal, not regex operators.
        out.append(re.escape(folded) if any(c in _REGEX_META for c in folded) else folded)
    return "".join(out)


def compile_folded(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """Compile a pattern written in ordinary Arabic (or Latin) so it matches *folded* text.

    Letters are folded like the text (أ->ا, ة->ه, ى->ي, diacritics dropped, Latin lower-cased);
    backslash escapes are left alone. (Not ``re.IGNORECASE``: it would slow every rule down
    several times on Arabic text, and folded text has no capitals.) Hand-written: no regex
    library folds the literals of a pattern while leaving its syntax alone.
    """
    parts: list[str] = []
    pos = 0
    for m in _ESCAPE_RE.finditer(pattern):
        parts.append(_fold_literal(pattern[pos : m.start()]))
        parts.append(m.group())
        pos = m.end()
    parts.append(_fold_literal(pattern[pos:]))
    return re.compile("".join(parts), flags)


class Line(NamedTuple):
    """One non-empty line as rules see it (a tuple: one is built per line of every article)."""

    index: int
    text: str
    folded: str  # the matching form: folded, whitespace collapsed (what patterns see)
    words: int
    sentence: bool  # ends like a sentence (see :func:`ends_sentence`)


def _line(index: int, text: str, folded: str) -> Line:
    """The rules' view of a stripped line, given the line folded (not yet stripped)."""
    # The usual case -- single plain spaces, none at the ends -- is recognised at C speed.
    if (
        folded
        and "  " not in folded
        and folded.isprintable()
        and not folded.startswith(" ")
        and not folded.endswith(" ")
    ):
        words = folded.count(" ") + 1
    else:
        parts = folded.split()
        folded, words = " ".join(parts), len(parts)
    return Line(index, text, folded, words, ends_sentence(folded))


def _lines(text: str) -> list[Line]:
    """The non-empty lines of ``text``. The whole text is folded in one call (folding never
    adds or removes a line break), which saves a call per line."""
    raw_lines = text.split("\n")
    folded_lines = fold(text).split("\n")
    if len(folded_lines) != len(raw_lines):  # defensive: fold line by line instead
        folded_lines = [fold(raw) for raw in raw_lines]
    lines: list[Line] = []
    for raw, folded in zip(raw_lines, folded_lines, strict=True):
        stripped = raw.strip()
        if stripped and not folded.isspace() and folded:  # invisible-only lines are empty too
            lines.append(_line(len(lines), stripped, folded))
    return lines


@dataclass
class Page:
    """The document being cleaned: its lines and, per line, why it was dropped (or None).

    ``context[k]`` is true when line ``k`` was dropped by an ``after`` rule, i.e. for what
    surrounds it rather than for what it says. ``source`` and ``title`` are in matching form.
    (Mutable on purpose: it is the working state of one :func:`~factcheck.ingest.cleaning.clean`
    call and never leaves it.)
    """

    lines: list[Line]
    dropped: list[str | None]
    context: list[bool]
    source: str = ""
    title: str = ""

    @classmethod
    def from_text(cls, text: str, *, source: str = "", title: str = "") -> Page:
        """A page of the non-empty lines of ``text``, nothing dropped yet."""
        lines = _lines(text)
        n = len(lines)
        return cls(lines, [None] * n, [False] * n, match_key(source), match_key(title))

    def neighbour(self, line: Line, step: int) -> Line | None:
        """The previous (``step=-1``) or next (``step=1``) non-empty line."""
        k = line.index + step
        return self.lines[k] if 0 <= k < len(self.lines) else None

    def is_widget(self, index: int) -> bool:
        """Line ``index`` was dropped as page furniture (the headline and repeated article
        paragraphs do not count)."""
        reason = self.dropped[index]
        return reason is not None and not reason.startswith((TITLE_REASON, REPEAT_REASON))

    def drop_repeats(self) -> None:
        """Drop every later copy of a kept paragraph, compared in matching form."""
        seen: set[str] = set()
        for line in self.lines:
            if self.dropped[line.index] is None:
                if line.folded in seen:
                    self.dropped[line.index] = REPEAT_REASON
                seen.add(line.folded)


Predicate = Callable[[Line, Page], bool]
_Check = tuple["Rule", tuple[str, ...], "Callable[[str], object] | None", "Predicate | None"]


@dataclass(frozen=True)
class Rule:
    """A named class of boilerplate lines.

    A line matches when it has at most ``max_words`` words, contains one of the ``keywords``
    (if given), the ``pattern`` (searched in the folded line) and the ``predicate`` (if given)
    both accept it and, with ``not_sentence``, it does not end like a sentence. ``then=N``
    also drops up to N following lines while they read like headlines (a "read also:" label
    and its link). ``after=True`` rules run after the others and may look at what they dropped
    (:attr:`Page.dropped`), e.g. a short line stranded between two boilerplate lines.

    A ``pattern`` string is compiled with :func:`compile_folded` (write it in ordinary Arabic);
    a compiled pattern is used as is and must be written for folded text.

    ``keywords`` are a speed-up for patterns not anchored at the start of the line: plain
    substrings (folded like the text), at least one of which any match must contain, checked
    with ``in`` before the regular expression runs. ``why`` documents the rule.
    """

    name: str
    why: str
    pattern: str | re.Pattern[str] | None = None
    predicate: Predicate | None = None
    max_words: int = 20
    not_sentence: bool = False
    then: int = 0
    after: bool = False
    keywords: tuple[str, ...] = ()
    regex: re.Pattern[str] | None = field(default=None, init=False, repr=False, compare=False)
    """The compiled ``pattern`` (set when the rule is built)."""

    def __post_init__(self) -> None:
        if self.pattern is None and self.predicate is None:
            raise ValueError(f"rule {self.name!r} needs a pattern or a predicate")
        if not self.why.strip():
            raise ValueError(f"rule {self.name!r} needs a 'why'")
        regex = compile_folded(self.pattern) if isinstance(self.pattern, str) else self.pattern
        object.__setattr__(self, "regex", regex)
        object.__setattr__(self, "keywords", tuple(match_key(k) for k in self.keywords))

    def matches(self, line: Line, page: Page) -> bool:
        """Whether this rule recognises ``line`` of ``page`` as boilerplate."""
        if line.words > self.max_words or (self.not_sentence and line.sentence):
            return False
        return _first_match((self._check(),), line, page) is not None

    def _check(self) -> _Check:
        search = self.regex.search if self.regex is not None else None
        return self, self.keywords, search, self.predicate


def _first_match(checks: Iterable[_Check], line: Line, page: Page) -> Rule | None:
    """The first rule whose keywords, pattern and predicate accept the line (word count and
    sentence ending were checked when the checks were selected). Inlined for speed: this runs
    for every line of every article."""
    folded = line.folded
    for rule, keywords, search, predicate in checks:
        if keywords:
            for keyword in keywords:
                if keyword in folded:
                    break
            else:
                continue
        if search is not None and search(folded) is None:
            continue
        if predicate is not None and not predicate(line, page):
            continue
        return rule
    return None


class CleaningRules(Sequence[Rule]):
    """An immutable, ordered list of :class:`Rule` with unique names.

    :meth:`extend` and :meth:`without` return new lists, so the shared default list can never
    be changed by accident. :meth:`mark` and :meth:`mark_context` apply the list to a page.
    """

    def __init__(self, rules: Iterable[Rule] = ()) -> None:
        self._rules: tuple[Rule, ...] = tuple(rules)
        seen: set[str] = set()
        for rule in self._rules:
            if not isinstance(rule, Rule):
                raise TypeError(f"expected a Rule, got {type(rule).__name__}")
            if rule.name in seen:
                raise ValueError(f"duplicate rule name {rule.name!r}")
            seen.add(rule.name)
        self._after_any = any(r.after for r in self._rules)
        self._checks: dict[tuple[bool, int, bool], tuple[_Check, ...]] = {}

    def _applicable(self, line: Line, after: bool) -> tuple[_Check, ...]:
        """The checks of the rules that can match a line of this length and ending, in order:
        long article paragraphs then meet only the few rules that may match them."""
        key = (after, min(line.words, 10_000), line.sentence)
        checks = self._checks.get(key)
        if checks is None:
            checks = self._checks[key] = tuple(
                rule._check()
                for rule in self._rules
                if rule.after == after
                and rule.max_words >= line.words
                and not (rule.not_sentence and line.sentence)
            )
        return checks

    def mark(self, page: Page) -> None:
        """Mark the lines the content rules (not ``after``) recognise, and the lines their
        ``then`` takes along: following lines up to the first sentence."""
        dropped = page.dropped
        pending, pending_name = 0, ""
        for line in page.lines:
            rule = _first_match(self._applicable(line, False), line, page)
            if pending:
                if rule is None and line.sentence:
                    pending = 0  # a sentence: the linked headlines are over
                else:
                    pending -= 1
                    if rule is None:
                        dropped[line.index] = f"{pending_name} (following line)"
            if rule is not None:
                dropped[line.index] = rule.name
                if rule.then:
                    pending, pending_name = rule.then, rule.name

    def mark_context(self, page: Page) -> None:
        """Apply the ``after`` rules until nothing changes (islands and trailing blocks chain)."""
        changed = self._after_any
        while changed:
            changed = False
            for line in page.lines:
                if page.dropped[line.index] is None:
                    rule = _first_match(self._applicable(line, True), line, page)
                    if rule is not None:
                        page.dropped[line.index] = rule.name
                        page.context[line.index] = True
                        changed = True

    @overload
    def __getitem__(self, index: int) -> Rule: ...
    @overload
    def __getitem__(self, index: slice) -> CleaningRules: ...
    def __getitem__(self, index: int | slice) -> Rule | CleaningRules:
        if isinstance(index, slice):
            return CleaningRules(self._rules[index])
        return self._rules[index]

    def __len__(self) -> int:
        return len(self._rules)

    def __iter__(self) -> Iterator[Rule]:
        return iter(self._rules)

    def __repr__(self) -> str:
        return f"CleaningRules({list(self.names)!r})"

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(r.name for r in self._rules)

    def get(self, name: str) -> Rule:
        for rule in self._rules:
            if rule.name == name:
                return rule
        raise KeyError(f"no cleaning rule named {name!r}")

    def extend(self, *rules: Rule | Iterable[Rule]) -> CleaningRules:
        """A new list with ``rules`` appended (rules or iterables of rules)."""
        added: list[Rule] = []
        for item in rules:
            added.extend([item] if isinstance(item, Rule) else item)
        return CleaningRules((*self._rules, *added))

    def without(self, *names: str) -> CleaningRules:
        """A new list without the named rules (``KeyError`` for an unknown name)."""
        for name in names:
            self.get(name)
        return CleaningRules(r for r in self._rules if r.name not in names)
