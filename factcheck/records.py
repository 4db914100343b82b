"""The records every layer hands to the next: corpus, figures, claims and evidence.

They are plain frozen dataclasses, so they compare in tests, serialise with
:func:`dataclasses.asdict` and cache without surprises. This module is the floor of the house:
it imports nothing else from the package, so any layer may use it. How ids are *made* is a
text concern (they hash the matching form): see :mod:`factcheck.text.ids`.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

__all__ = [
    "KINDS",
    "QUALIFIERS",
    "REASON_KINDS",
    "STANCES",
    "Claim",
    "Corpus",
    "DateValue",
    "Document",
    "Evidence",
    "EvidenceResult",
    "Passage",
    "Quantity",
    "Reason",
    "Skipped",
    "Stance",
]

# --- corpus --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Passage:
    """A unit of evidence: a sentence or short paragraph of one cleaned document.

    ``start``/``end`` are character offsets into :attr:`Document.text` (the cleaned text), so
    ``document.text[start:end] == text``. ``passage_id`` is derived from the document id and the
    passage text, so the same text gets the same id on every load.
    """

    passage_id: str
    doc_id: str
    text: str
    start: int
    end: int
    index: int = 0


@dataclass(frozen=True)
class Document:
    """One article after cleaning. ``source`` is the outlet; unknown metadata is ``""``."""

    doc_id: str
    text: str
    passages: tuple[Passage, ...] = ()
    source: str = ""
    title: str = ""
    date: str = ""
    url: str = ""
    path: str = ""


@dataclass(frozen=True)
class Skipped:
    """A file that was not loaded, and the reason, naming the file."""

    path: str
    error: str


@dataclass(frozen=True)
class Corpus:
    """Documents plus the files that were skipped while loading them."""

    documents: tuple[Document, ...] = ()
    skipped: tuple[Skipped, ...] = ()
    _by_doc: dict[str, Document] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        seen = {}
        for d in self.documents:
            if d.doc_id in seen:
                raise ValueError(
                    f"duplicate document id {d.doc_id!r} ({d.path} and {seen[d.doc_id].path})"
                )
            seen[d.doc_id] = d
        object.__setattr__(self, "_by_doc", seen)

    def __len__(self) -> int:
        return len(self.documents)

    def __iter__(self) -> Iterator[Document]:
        return iter(self.documents)

    @cached_property
    def passages(self) -> tuple[Passage, ...]:
        """Every passage of every document, in document order."""
        return tuple(p for d in self.documents for p in d.passages)

    @cached_property
    def _by_passage(self) -> dict[str, Passage]:
        return {p.passage_id: p for p in self.passages}

    def document(self, doc_id: str) -> Document:
        """The document with this id (``KeyError`` naming it otherwise)."""
        try:
            return self._by_doc[doc_id]
        except KeyError:
            raise KeyError(f"no document {doc_id!r} in corpus") from None

    @cached_property
    def _numbers(self) -> dict[str, int]:
        return {d.doc_id: i for i, d in enumerate(self.documents, 1)}

    def document_number(self, doc_id: str) -> int:
        """The document's place in the corpus, counting from 1 (what the desk calls a document
        whose outlet is unknown); ``KeyError`` naming it when it is not in the corpus."""
        try:
            return self._numbers[doc_id]
        except KeyError:
            raise KeyError(f"no document {doc_id!r} in corpus") from None

    def passage(self, passage_id: str) -> Passage:
        """The passage with this id (``KeyError`` naming it otherwise)."""
        try:
            return self._by_passage[passage_id]
        except KeyError:
            raise KeyError(f"no passage {passage_id!r} in corpus") from None

    @classmethod
    def from_documents(
        cls, documents: Iterable[Document], skipped: Iterable[Skipped] = ()
    ) -> Corpus:
        return cls(tuple(documents), tuple(skipped))


# --- figures -------------------------------------------------------------------------------

KINDS: tuple[str, ...] = ("number", "percent", "date")
"""What a :class:`Quantity` can be."""
QUALIFIERS: tuple[str, ...] = ("more_than", "less_than", "about", "")
"""The bound a hedge word puts on a figure («أكثر من» -> ``more_than``)."""


@dataclass(frozen=True)
class DateValue:
    """A possibly partial Gregorian date: news often gives only a day and month, or a year."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} outside 1..12")
        if self.day is not None:
            last = calendar.monthrange(self.year or 2000, self.month)[1] if self.month else 31
            if not 1 <= self.day <= last:
                raise ValueError(f"day {self.day} outside 1..{last}")

    def iso(self) -> str:
        """ISO 8601 text with omitted parts: ``2021-12-31``, ``2021-12``, ``--12-31``, ``--12``."""
        y, m, d = self.year, self.month, self.day
        if y is not None:
            if m is None:
                return f"{y:04d}"
            return f"{y:04d}-{m:02d}" + (f"-{d:02d}" if d is not None else "")
        if m is not None:
            return f"--{m:02d}" + (f"-{d:02d}" if d is not None else "")
        return f"---{d:02d}" if d is not None else ""

    def __str__(self) -> str:
        return self.iso()


@dataclass(frozen=True, kw_only=True)
class Quantity:
    """One number, percentage or date found in a text.

    ``start``/``end`` index the original text and ``text`` is ``original[start:end]``. ``value``
    is set for numbers and percentages (60 for «60%»), ``date`` for dates. ``unit`` is the folded
    head noun the number counts («2100 شحنة» -> ``"شحنه"``, «60% من القوات» -> ``"قوات"``),
    without the article, ``""`` when there is none. ``qualifier`` is the bound a hedge word puts
    on the figure («أكثر من» -> ``"more_than"``); ``approx`` is true whenever there is one.
    ``ordinal`` marks «الرابعة» (value 4) apart from «أربعة».
    """

    kind: str
    start: int
    end: int
    text: str
    value: float | None = None
    date: DateValue | None = None
    unit: str = ""
    qualifier: str = ""
    ordinal: bool = False
    approx: bool = field(init=False)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"kind {self.kind!r} not one of {KINDS}")
        if self.qualifier not in QUALIFIERS:
            raise ValueError(f"qualifier {self.qualifier!r} not one of {QUALIFIERS}")
        object.__setattr__(self, "approx", self.qualifier != "")


# --- claims and evidence -------------------------------------------------------------------

Stance = Literal["support", "contradict", "neutral"]
STANCES: tuple[Stance, ...] = ("support", "contradict", "neutral")


@dataclass(frozen=True)
class Claim:
    """A check-worthy statement found in the corpus, merged across the outlets that carry it.

    ``kinds`` say why it is check-worthy (``"number"``, ``"percent"``, ``"date"``,
    ``"attributed"``, ``"quote"``, ``"absolute"``); ``score`` ranks check-worthiness.
    """

    claim_id: str
    text: str
    kinds: tuple[str, ...]
    doc_ids: tuple[str, ...]
    passage_ids: tuple[str, ...]
    score: float
    sources: tuple[str, ...] = ()
    speaker: str = ""
    """Who the claim is attributed to (``""`` when it names nobody)."""
    statement: str = ""
    """What the claim states, without the attribution («قال X إن ...» -> «...»); ``""`` means
    the text itself."""


REASON_KINDS: tuple[str, ...] = (
    "coverage",
    "speaker",
    "negation",
    "denial",
    "falsity",
    "cessation",
    "antonym",
    "substitution",
    "claim_negated",
    "same_figure",
    "different_figure",
    "same_date",
    "different_date",
    "figure_missing",
    "similarity",
    "unstated",
    "model_only",
    "partial_negation",
    "partial",
    "topic_only",
    "no_overlap",
)
"""Every kind of reason the stance judge gives (see :class:`Reason`)."""


@dataclass(frozen=True)
class Reason:
    """Why a passage got its stance, as data: what the engine saw, never display text.

    ``kind`` is one of :data:`REASON_KINDS`; ``quote`` is the passage's own words that show it
    (as written, ``""`` when none); ``detail`` is the other side or a measure: the claim's
    figure against a different one, the matched words, the coverage as a percentage. The
    desk and the CLI turn a reason into Arabic / English text (:mod:`factcheck.desk.render`).
    """

    kind: str
    quote: str = ""
    detail: str = ""

    def __post_init__(self) -> None:
        if self.kind not in REASON_KINDS:
            raise ValueError(f"reason kind {self.kind!r} not one of {REASON_KINDS}")


@dataclass(frozen=True)
class Evidence:
    """One passage judged against one claim.

    ``matched`` and ``quantity_spans`` are ``(start, end)`` offsets into ``passage.text`` (the
    original, un-normalised text) so a renderer can highlight them without re-analysing.
    ``copies`` are the passage ids of the same (or nearly the same) text in *other* documents:
    syndicated copies. ``independent`` is False for a passage whose text first appeared in
    another document of the corpus, so charts can count independent outlets separately.
    ``origin`` is True for a passage the claim itself was found in: it shows who made the claim,
    it is no independent support for it.
    """

    passage: Passage
    source: str
    date: str
    score: float
    stance: Stance
    confidence: float
    reasons: tuple[Reason, ...]
    speaker: str
    cluster_id: str
    copies: tuple[str, ...] = ()
    independent: bool = True
    matched: tuple[tuple[int, int], ...] = ()
    quantity_spans: tuple[tuple[int, int], ...] = ()
    origin: bool = False


@dataclass(frozen=True)
class EvidenceResult:
    """The ranked evidence for one claim (most relevant first)."""

    claim: str
    claim_id: str
    quantities: tuple[Quantity, ...]
    evidence: tuple[Evidence, ...]

    def by_stance(self, stance: Stance) -> tuple[Evidence, ...]:
        """Evidence with this stance, in relevance order."""
        return tuple(e for e in self.evidence if e.stance == stance)

    @property
    def supports(self) -> tuple[Evidence, ...]:
        return self.by_stance("support")

    @property
    def contradicts(self) -> tuple[Evidence, ...]:
        return self.by_stance("contradict")
