"""One entry point for a corpus or an index: what :func:`factcheck.load_corpus` and
:func:`factcheck.check` are."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from factcheck.archive.corpus import ArchiveCorpus, open_index
from factcheck.archive.layout import is_index
from factcheck.engine.evidence import EvidenceEngine
from factcheck.ingest.cleaning import CleaningRules
from factcheck.ingest.corpus import load_corpus as load_files
from factcheck.records import Corpus, EvidenceResult

__all__ = ["check", "engine_for", "load_corpus"]


def load_corpus(
    source: str | Path | Iterable[str | Path], *, rules: CleaningRules | None = None
) -> Corpus:
    """An index directory opened (:func:`~factcheck.archive.corpus.open_index`), or articles
    loaded (:func:`factcheck.ingest.corpus.load_corpus`: a folder, a file or a list)."""
    if isinstance(source, (str, Path)) and is_index(source):
        if rules is not None:
            raise ValueError(
                f"{source}: an index is cleaned when it is built; cleaning rules apply to files"
            )
        return open_index(source)
    return load_files(source, rules=rules)


def check(claim: str, corpus: Corpus | str | Path, top_k: int = 10) -> EvidenceResult:
    """One call: the ranked evidence for ``claim`` in ``corpus`` (a Corpus, a folder or file of
    articles, or an index directory).

    It builds an engine for this one call and keeps nothing; to check several claims, build an
    :class:`~factcheck.engine.evidence.EvidenceEngine` once. Over an index the engine takes the
    index's BM25 index, embeddings and clusters, so a call costs a query, not a build.
    """
    if not isinstance(corpus, Corpus):
        corpus = load_corpus(corpus)
    return engine_for(corpus).check(claim, top_k)


def engine_for(corpus: Corpus, **kwargs: Any) -> EvidenceEngine:
    """An :class:`EvidenceEngine` over ``corpus``; over an index, with an analyzer like the
    one that built it (its newsroom lexicons), so the engine takes the index's BM25 index
    instead of rebuilding one. ``kwargs`` go to the engine."""
    if isinstance(corpus, ArchiveCorpus) and "analyzer" not in kwargs:
        kwargs["analyzer"] = corpus.analyzer()
    return EvidenceEngine(corpus, **kwargs)
