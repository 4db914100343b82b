"""Segments: the part of an index one build or one add wrote, never rewritten afterwards.

A generation (:mod:`factcheck.archive.layout`) is a list of segments plus what is computed over
all of them (the BM25 index, syndication clusters, claims). ``index add`` writes one new
segment and hard-links the old ones into the new generation, so adding costs what is added.

A segment directory ``seg-NNNN/`` holds:

* ``documents.parquet``, ``passages.parquet``, ``units.parquet`` (claim units),
  ``files.parquet`` (each source file's SHA-256), ``skipped.parquet``
  (:mod:`factcheck.archive.tables`); rows refer to rows of the same segment;
* ``terms.npz``-like arrays ``term_offsets.npy``, ``term_ids.npy`` and ``vocab.json``: each
  passage's analysed terms (the segment's own vocabulary), from which the BM25 index over every
  segment is rebuilt;
* ``embeddings.npy`` (float32, one unit row per passage) when embeddings were made;
* the copy index of its passages and claim units (:mod:`factcheck.archive.copies`), with which
  a later add finds copies of what it adds without comparing it with every passage.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pyarrow as pa

from factcheck.archive.copies import copy_segment_files
from factcheck.archive.parts import Part
from factcheck.archive.tables import (
    DOCUMENT_SCHEMA,
    DOCUMENTS,
    FILE_SCHEMA,
    FILES,
    PASSAGE_SCHEMA,
    PASSAGES,
    SKIPPED,
    SKIPPED_SCHEMA,
    UNIT_SCHEMA,
    UNITS,
    documents_table,
    open_writer,
    passages_table,
    units_table,
    write_table,
)
from factcheck.records import Document, Skipped

__all__ = [
    "EMBEDDINGS",
    "SEGMENT_FILES",
    "SegmentWriter",
    "link_segment",
    "segment_files",
]

EMBEDDINGS = "embeddings.npy"
TERM_OFFSETS = "term_offsets.npy"
TERM_IDS = "term_ids.npy"
VOCAB = "vocab.json"
SEGMENT_FILES = (
    DOCUMENTS,
    PASSAGES,
    UNITS,
    FILES,
    SKIPPED,
    TERM_OFFSETS,
    TERM_IDS,
    VOCAB,
    *copy_segment_files(),
)
"""Files every segment has (``embeddings.npy`` besides, when made); the copy index
(:mod:`factcheck.archive.copies`) is written by the build or add after the segment's tables."""


def segment_files(seg: Path) -> list[str]:
    """The data files of a segment, relative to it."""
    names = list(SEGMENT_FILES)
    if (seg / EMBEDDINGS).exists():
        names.append(EMBEDDINGS)
    return names


def link_segment(old: Path, new: Path) -> None:
    """Put an existing segment into a new generation: hard links (no copy) where the file
    system allows them, copies elsewhere."""
    new.mkdir()
    for name in segment_files(old):
        try:
            os.link(old / name, new / name)
        except OSError:
            import shutil

            shutil.copy2(old / name, new / name)


@dataclass
class SegmentWriter:
    """Writes one segment from parts given in file order; documents whose id is already taken
    (by an earlier part or segment: ``taken``) are skipped with a message, as loading skips
    them."""

    folder: Path
    taken: dict[str, str] = field(default_factory=dict)
    """doc id -> the file it was read from, for every document before this segment's."""
    skipped: list[Skipped] = field(default_factory=list)
    """Files already known to be unusable (listing the corpus found them)."""
    embed_dim: int = 0

    def __post_init__(self) -> None:
        self.folder.mkdir(parents=True)
        # Streamed to disk part by part: a segment's text never sits in memory whole.
        self._docs = open_writer(self.folder / DOCUMENTS, DOCUMENT_SCHEMA)
        self._passages = open_writer(self.folder / PASSAGES, PASSAGE_SCHEMA)
        self._units = open_writer(self.folder / UNITS, UNIT_SCHEMA)
        self._vector_tmp = self.folder / (EMBEDDINGS + ".tmp")
        self._vector_file: BinaryIO | None = None
        self._files: list[tuple[str, str, int]] = []
        self._skipped: list[Skipped] = list(self.skipped)
        self._vocab: dict[str, int] = {}
        self._offsets: list[np.ndarray] = [np.zeros(1, dtype=np.int64)]
        self._ids: list[np.ndarray] = []
        self._n_terms = 0
        self.documents = 0
        self.passages = 0
        self.units = 0

    def add(self, part: Part) -> None:
        """Append one part (the next in file order)."""
        self._skipped.extend(part.skipped)
        self._files.extend(part.files)
        keep: list[Document] = []
        rows: list[int] = []  # passage rows of the part that are kept
        at = 0
        for d in part.documents:
            n = len(d.passages)
            if d.doc_id in self.taken:
                self._skipped.append(
                    Skipped(
                        d.path,
                        f"duplicate document id {d.doc_id!r} "
                        f"(already loaded from {self.taken[d.doc_id]})",
                    )
                )
            else:
                self.taken[d.doc_id] = d.path
                keep.append(d)
                rows.extend(range(at, at + n))
            at += n
        if not keep:
            return
        self._docs.write_table(documents_table(keep, first=self.passages))
        self._passages.write_table(passages_table(keep, first_doc=self.documents))
        local = {p.passage_id: self.passages + i for i, p in enumerate(_passages(keep))}
        kept_ids = {d.doc_id for d in keep}
        units = [u for u in part.units if u.passage.doc_id in kept_ids]
        self._units.write_table(units_table(units, local))
        # Terms: the part's vocabulary mapped into the segment's.
        mapping = np.array(
            [self._vocab.setdefault(t, len(self._vocab)) for t in part.vocab], dtype=np.int32
        )
        if len(rows) == at:  # the usual case: every document kept
            ids, ends = part.ids, part.offsets[1:]
        else:
            pieces = [part.ids[part.offsets[r] : part.offsets[r + 1]] for r in rows]
            ids = np.concatenate(pieces) if pieces else part.ids[:0]
            ends = np.cumsum([len(x) for x in pieces], dtype=np.int64)
        self._ids.append(mapping[ids] if len(ids) else ids)
        self._offsets.append(np.asarray(ends, dtype=np.int64) + self._n_terms)
        self._n_terms += len(ids)
        if part.vectors is not None:
            if self._vector_file is None:
                self._vector_file = open(self._vector_tmp, "wb")  # noqa: SIM115 (closed in close)
            vectors = np.ascontiguousarray(part.vectors[rows], dtype=np.float32)
            self._vector_file.write(vectors.tobytes())
            self.embed_dim = vectors.shape[1]
        self.documents += len(keep)
        self.passages += len(rows)
        self.units += len(units)

    def close(self) -> None:
        """Write the rest of the segment's files."""
        for writer in (self._docs, self._passages, self._units):
            writer.close()
        files = list(zip(*self._files, strict=True)) if self._files else [(), (), ()]
        write_table(
            self.folder / FILES,
            pa.table(
                {"path": files[0], "sha256": files[1], "documents": files[2]},
                schema=FILE_SCHEMA,
            ),
        )
        write_table(
            self.folder / SKIPPED,
            pa.table(
                {
                    "path": [s.path for s in self._skipped],
                    "error": [s.error for s in self._skipped],
                },
                schema=SKIPPED_SCHEMA,
            ),
        )
        np.save(self.folder / TERM_OFFSETS, np.concatenate(self._offsets))
        ids = np.concatenate(self._ids) if self._ids else np.zeros(0, dtype=np.int32)
        np.save(self.folder / TERM_IDS, ids.astype(np.int32))
        (self.folder / VOCAB).write_text(json.dumps(list(self._vocab), ensure_ascii=False))
        if self._vector_file is not None:
            self._vector_file.close()
            raw = np.memmap(self._vector_tmp, dtype=np.float32, mode="r")
            out = np.lib.format.open_memmap(
                self.folder / EMBEDDINGS,
                mode="w+",
                dtype=np.float32,
                shape=(self.passages, self.embed_dim),
            )
            out[:] = raw.reshape(self.passages, self.embed_dim)
            out.flush()
            del out, raw
            self._vector_tmp.unlink()


def _passages(docs: Iterable[Document]) -> Iterable:
    return (p for d in docs for p in d.passages)
