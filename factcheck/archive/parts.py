"""One partition of an index build: files in, documents, terms, claim units and vectors out.

:func:`ingest_part` is the function a Dask worker runs (it is also run in-process for small
builds). It depends on nothing but its arguments, so any worker of any machine gives the same
part, and the build's result does not depend on how files were spread over workers.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from factcheck.engine.analysis import Analyzer
from factcheck.engine.claims import ClaimUnit, document_units
from factcheck.engine.semantic import default_embedder
from factcheck.ingest.corpus import load_corpus
from factcheck.records import Document, Skipped

__all__ = ["EMBED_BATCH", "Part", "file_digest", "ingest_part"]

EMBED_BATCH = 64
"""Passages embedded per model call on a worker."""


@dataclass
class Part:
    """What one partition of files became (see :func:`ingest_part`)."""

    number: int
    documents: list[Document]
    skipped: list[Skipped]
    files: list[tuple[str, str, int]]
    """(absolute path, sha256 of its bytes, documents read from it), in file order."""
    vocab: list[str]
    offsets: np.ndarray
    """Passage ``i`` of the part has terms ``vocab[ids[offsets[i]:offsets[i + 1]]]``."""
    ids: np.ndarray
    units: list[ClaimUnit]
    vectors: np.ndarray | None = None
    seconds: dict[str, float] = field(default_factory=dict)


def file_digest(path: str | Path) -> str:
    """SHA-256 of a file's bytes: how ``index add`` knows a file is already in the index."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


@lru_cache(maxsize=4)
def _analyzer(lexicons: tuple[str, ...]) -> Analyzer:
    # One per worker process and lexicon set: building one reads and compiles the lexicons.
    return Analyzer(lexicons=lexicons)


def ingest_part(
    number: int,
    files: Sequence[str],
    lexicons: Sequence[str] = (),
    embed: bool = False,
) -> Part:
    """Load, clean and segment ``files`` (in order), analyse every passage's terms, find the
    claim units of every document and, with ``embed``, embed every passage."""
    import time

    t0 = time.perf_counter()
    corpus = load_corpus([Path(f) for f in files])
    t1 = time.perf_counter()
    per_file: dict[str, int] = {}
    for d in corpus.documents:
        per_file[d.path] = per_file.get(d.path, 0) + 1
    digests = [(str(Path(f).resolve()), file_digest(f), per_file.get(str(f), 0)) for f in files]
    analyzer = _analyzer(tuple(lexicons))
    vocab: dict[str, int] = {}
    offsets = [0]
    ids: list[int] = []
    for d in corpus.documents:
        for p in d.passages:
            ids.extend(vocab.setdefault(t, len(vocab)) for t in analyzer.terms(p.text))
            offsets.append(len(ids))
    t2 = time.perf_counter()
    units = [u for d in corpus.documents for u in document_units(d)]
    t3 = time.perf_counter()
    vectors = None
    if embed:
        embedder = default_embedder()
        if embedder is None:
            raise RuntimeError("embedding requested but the embedding model cannot load")
        texts = [p.text for d in corpus.documents for p in d.passages]
        chunks = [
            embedder.embed(texts[i : i + EMBED_BATCH]) for i in range(0, len(texts), EMBED_BATCH)
        ]
        vectors = (
            np.vstack(chunks).astype(np.float32)
            if chunks
            else np.zeros((0, embedder.dim), dtype=np.float32)
        )
    t4 = time.perf_counter()
    return Part(
        number=number,
        documents=list(corpus.documents),
        skipped=list(corpus.skipped),
        files=digests,
        vocab=list(vocab),
        offsets=np.asarray(offsets, dtype=np.int64),
        ids=np.asarray(ids, dtype=np.int32),
        units=units,
        vectors=vectors,
        seconds={"ingest": t1 - t0, "terms": t2 - t1, "claims": t3 - t2, "embed": t4 - t3},
    )
