"""Records the evidence engine hands to the CLI, the charts and the desk.

They are plain frozen dataclasses so they can be compared in tests, serialised with
:func:`dataclasses.asdict` and cached without surprises.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from factcheck.corpus import Passage

if TYPE_CHECKING:
    from factcheck.quantities import Quantity

__all__ = ["STANCES", "Claim", "Evidence", "EvidenceResult", "Stance"]

Stance = Literal["support", "contradict", "neutral"]
STANCES: tuple[Stance, ...] = ("support", "contradict", "neutral")


@dataclass(frozen=True)
class Evidence:
    """One passage judged against one claim.

    ``matched`` and ``quantity_spans`` are ``(start, end)`` offsets into ``passage.text`` (the
    original, un-normalised text) so a renderer can highlight them without re-analysing.
    ``copies`` are the passage ids of the same (or nearly the same) text in *other* documents:
    syndicated copies. ``independent`` is False for a passage whose text first appeared in
    another document of the corpus, so charts can count independent outlets separately.
    """

    passage: Passage
    source: str
    date: str
    score: float
    stance: Stance
    confidence: float
    reasons: tuple[str, ...]
    speaker: str
    cluster_id: str
    copies: tuple[str, ...] = ()
    independent: bool = True
    matched: tuple[tuple[int, int], ...] = ()
    quantity_spans: tuple[tuple[int, int], ...] = ()


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
