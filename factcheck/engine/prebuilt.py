"""Prebuilt parts: what a corpus can bring along so the engine does not rebuild it.

An archive index (:mod:`factcheck.archive`) has analysed, indexed, embedded and clustered its
passages and extracted its claims once, at build time. A corpus that carries such parts
implements :class:`Prepared`; the evidence engine and :func:`~factcheck.engine.claims.
extract_claims` then take them instead of recomputing them, each only when it was made the way
the engine would make it (the same analyzer, the same embedding model), so an engine never
mixes terms or vectors of two kinds. The engine defines this protocol and the archive
implements it, so the arrow of the import points down.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

import numpy as np

from factcheck.engine.retrieval import PassageIndex
from factcheck.records import Claim

__all__ = ["PassageClusters", "Prebuilt", "Prepared"]


@runtime_checkable
class PassageClusters(Protocol):
    """What the engine asks of syndication clusters (:class:`~factcheck.engine.provenance.
    Clusters` in memory; an archive answers from arrays without building every cluster)."""

    def __contains__(self, passage_id: object) -> bool: ...

    def __getitem__(self, passage_id: str) -> str:
        """The cluster id of a passage."""
        ...

    def cluster_of(self, passage_id: str) -> str: ...

    def copies_of(self, passage_id: str) -> tuple[str, ...]:
        """Passage ids carrying the same text in other documents, original first."""
        ...

    def is_independent(self, passage_id: str) -> bool:
        """False for a copy whose text first appeared in another document."""
        ...


@dataclass(frozen=True, eq=False)
class Prebuilt:
    """Parts made ahead of time for one corpus; any of them may be missing (``None``)."""

    analyzer: str
    """:attr:`~factcheck.engine.analysis.Analyzer.fingerprint` of the analyzer that made
    ``index``'s terms."""
    index: PassageIndex | None = None
    embedder: str = ""
    """Name of the embedding model that made ``vectors``."""
    vectors: np.ndarray | None = None
    """One unit row per passage, in passage order (may be a read-only memory map)."""
    clusters: PassageClusters | None = None
    claims: Sequence[Claim] | None = None
    """The corpus's claims, ranked as :func:`~factcheck.engine.claims.extract_claims` ranks."""


@runtime_checkable
class Prepared(Protocol):
    """A corpus that brings prebuilt parts (loaded on first call, then kept)."""

    def prebuilt(self) -> Prebuilt: ...
