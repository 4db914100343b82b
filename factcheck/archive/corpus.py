"""An opened index: a :class:`~factcheck.records.Corpus` that reads itself from disk on demand
and brings its prebuilt parts (BM25 index, embeddings, clusters, claims) to the engine.

Opening reads the manifest, the document and passage tables (ids, offsets, metadata; the text
column on first use), and nothing else; the BM25 score matrix and the embeddings are
memory-mapped when the engine first asks for them. An index of 100,000 articles opens in
seconds with memory bounded by what is touched.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cached_property
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from factcheck.archive.layout import REBUILD, ArchiveError, Manifest, read_manifest
from factcheck.archive.segments import EMBEDDINGS
from factcheck.archive.tables import (
    CLAIMS,
    DOCUMENTS,
    PASSAGES,
    SKIPPED,
    DocumentTable,
    PassageTable,
    read_claims,
    read_table,
)
from factcheck.engine.analysis import Analyzer
from factcheck.engine.prebuilt import Prebuilt
from factcheck.engine.retrieval import BM25Index
from factcheck.records import Corpus, Document, Passage, Skipped
from factcheck.text.ids import cluster_id_for

__all__ = [
    "BM25_DIR",
    "CLUSTER_MEMBERS",
    "CLUSTER_OFFSETS",
    "PASSAGE_CLUSTER",
    "ArchiveCorpus",
    "ArrayClusters",
    "StackedRows",
    "open_index",
    "read_segments",
]

BM25_DIR = "bm25"
PASSAGE_CLUSTER = "passage_cluster.npy"
CLUSTER_OFFSETS = "cluster_offsets.npy"
CLUSTER_MEMBERS = "cluster_members.npy"


def _damaged(root: Path, path: Path, exc: BaseException) -> ArchiveError:
    return ArchiveError(f"{path}: cannot be read ({exc}); " + REBUILD.format(root=root))


def segment_dirs(gen: Path) -> list[Path]:
    return sorted(p for p in gen.iterdir() if p.is_dir() and p.name.startswith("seg-"))


def read_segments(root: Path, gen: Path) -> tuple[pa.Table, pa.Table, list[Path]]:
    """The documents and passages tables of every segment, concatenated, with row references
    made global (a segment's rows count from the end of the segments before it)."""
    segments = segment_dirs(gen)
    docs, passages = [], []
    n_docs = n_passages = 0
    for seg in segments:
        try:
            d = read_table(seg / DOCUMENTS, _DOC_COLUMNS)
            p = read_table(seg / PASSAGES)
        except (OSError, pa.ArrowException) as exc:
            raise _damaged(root, seg, exc) from None
        d = d.set_column(
            d.schema.get_field_index("first"), "first", pc.add(d.column("first"), n_passages)
        )
        p = p.set_column(
            p.schema.get_field_index("doc"),
            "doc",
            pc.add(p.column("doc"), pa.scalar(n_docs, pa.int32())),
        )
        docs.append(d)
        passages.append(p)
        n_docs += len(d)
        n_passages += len(p)
    return pa.concat_tables(docs), pa.concat_tables(passages), segments


_DOC_COLUMNS = ("doc_id", "text", "source", "title", "date", "url", "path", "first", "count")


class StackedRows:
    """The embeddings of several segments as one matrix for what the engine does with it
    (``len``, ``rows[positions]``, ``rows @ vector``), without copying them into one array."""

    def __init__(self, parts: Sequence[np.ndarray]):
        self._parts = list(parts)
        self._bounds = np.cumsum([0] + [len(p) for p in self._parts])
        self.shape = (int(self._bounds[-1]), int(self._parts[0].shape[1]) if self._parts else 0)

    def __len__(self) -> int:
        return self.shape[0]

    def __getitem__(self, positions: Sequence[int]) -> np.ndarray:
        pos = np.asarray(positions, dtype=np.int64)
        seg = np.searchsorted(self._bounds, pos, side="right") - 1
        out = np.empty((len(pos), self.shape[1]), dtype=np.float32)
        for s in np.unique(seg):
            mask = seg == s
            out[mask] = self._parts[s][pos[mask] - self._bounds[s]]
        return out

    def __matmul__(self, vector: np.ndarray) -> np.ndarray:
        return np.concatenate([p @ vector for p in self._parts]) if self._parts else np.zeros(0)


class ArchiveCorpus(Corpus):
    """A corpus read from an index directory (see :func:`open_index`)."""

    def __init__(
        self,
        root: str | Path,
        *,
        generation: Path | None = None,
        manifest: Manifest | None = None,
    ):
        """Open the index at ``root`` (its current generation); the index build opens the
        generation it is writing by passing ``generation`` and its provisional ``manifest``."""
        root = Path(root)
        if generation is None or manifest is None:
            gen, manifest = read_manifest(root)
        else:
            gen = generation
        docs, passages, segments = read_segments(root, gen)
        table = DocumentTable(docs)
        table.passages = PassageTable(passages, table)
        skipped: list[Skipped] = []
        for seg in segments:
            try:
                rows = read_table(seg / SKIPPED).to_pylist()
            except (OSError, pa.ArrowException) as exc:
                raise _damaged(root, seg / SKIPPED, exc) from None
            skipped.extend(Skipped(r["path"], r["error"]) for r in rows)
        object.__setattr__(self, "documents", table)
        object.__setattr__(self, "skipped", tuple(skipped))
        object.__setattr__(self, "_by_doc", {})
        object.__setattr__(self, "root", root)
        object.__setattr__(self, "generation", gen)
        object.__setattr__(self, "manifest", manifest)
        object.__setattr__(self, "segments", segments)

    root: Path
    generation: Path
    manifest: Manifest
    segments: list[Path]

    def __repr__(self) -> str:
        return f"ArchiveCorpus({str(self.root)!r}: {len(self)} documents)"

    def __len__(self) -> int:
        return len(self.documents)

    def __iter__(self) -> Iterator[Document]:
        return iter(self.documents)

    def __eq__(self, other: object) -> bool:
        return self is other

    def __hash__(self) -> int:
        return id(self)

    @property
    def passages(self) -> PassageTable:  # type: ignore[override]
        table = self.documents.passages  # type: ignore[attr-defined]
        assert table is not None
        return table

    def document(self, doc_id: str) -> Document:
        row = self.documents.row_of(doc_id)  # type: ignore[attr-defined]
        if row is None:
            raise KeyError(f"no document {doc_id!r} in corpus")
        return self.documents[row]

    def document_number(self, doc_id: str) -> int:
        row = self.documents.row_of(doc_id)  # type: ignore[attr-defined]
        if row is None:
            raise KeyError(f"no document {doc_id!r} in corpus")
        return row + 1

    def passage_row(self, passage_id: str) -> int | None:
        """The row of a passage (its position for the engine), or None."""
        doc_id, _, _ = passage_id.rpartition(":")
        table: DocumentTable = self.documents  # type: ignore[assignment]
        row = table.row_of(doc_id)
        if row is None:
            return None
        for r in table.passage_rows(row):
            if self.passages.passage_id(r) == passage_id:
                return r
        return None

    def passage(self, passage_id: str) -> Passage:
        row = self.passage_row(passage_id)
        if row is None:
            raise KeyError(f"no passage {passage_id!r} in corpus")
        return self.passages[row]

    def analyzer_lexicons(self) -> list[Path]:
        """The newsroom lexicon files the index was built with (copies inside it)."""
        return [self.generation / name for name in self.manifest.lexicons]

    def analyzer(self) -> Analyzer:
        """An analyzer like the one that made the index's terms (its newsroom lexicons)."""
        return Analyzer(lexicons=self.analyzer_lexicons())

    @cached_property
    def _prebuilt(self) -> Prebuilt:
        root, gen = self.root, self.generation
        try:
            index = BM25Index.load(gen / BM25_DIR)
        except (OSError, ValueError, KeyError) as exc:
            raise _damaged(root, gen / BM25_DIR, exc) from None
        vectors = None
        if self.manifest.embedder:
            try:
                parts = [np.load(s / EMBEDDINGS, mmap_mode="r") for s in self.segments]
            except (OSError, ValueError) as exc:
                raise _damaged(root, gen, exc) from None
            vectors = parts[0] if len(parts) == 1 else StackedRows(parts)
        try:
            claims = read_claims(read_table(gen / CLAIMS))
            clusters = ArrayClusters(self, gen)
        except (OSError, ValueError, pa.ArrowException) as exc:
            raise _damaged(root, gen, exc) from None
        return Prebuilt(
            analyzer=self.manifest.analyzer,
            index=index,
            embedder=self.manifest.embedder,
            vectors=vectors,  # type: ignore[arg-type]
            clusters=clusters,
            claims=claims,
        )

    def prebuilt(self) -> Prebuilt:
        """The index's BM25 index, embeddings, clusters and claims (read on first call)."""
        return self._prebuilt


class ArrayClusters:
    """Syndication clusters answered from the index's arrays (the engine's
    :class:`~factcheck.engine.prebuilt.PassageClusters`): no per-passage Python objects."""

    def __init__(self, corpus: ArchiveCorpus, gen: Path):
        self._corpus = corpus
        self._of = np.load(gen / PASSAGE_CLUSTER, mmap_mode="r")
        self._offsets = np.load(gen / CLUSTER_OFFSETS, mmap_mode="r")
        self._members = np.load(gen / CLUSTER_MEMBERS, mmap_mode="r")
        if len(self._of) != len(corpus.passages):
            raise ValueError(
                f"{gen / PASSAGE_CLUSTER}: {len(self._of)} rows for {len(corpus.passages)} passages"
            )

    def _row(self, passage_id: str) -> int:
        row = self._corpus.passage_row(passage_id)
        if row is None:
            raise KeyError(f"passage {passage_id!r} was not clustered")
        return row

    def _member_rows(self, cluster: int) -> np.ndarray:
        return self._members[self._offsets[cluster] : self._offsets[cluster + 1]]

    def __contains__(self, passage_id: object) -> bool:
        return isinstance(passage_id, str) and self._corpus.passage_row(passage_id) is not None

    def __getitem__(self, passage_id: str) -> str:
        return self.cluster_of(passage_id)

    def cluster_of(self, passage_id: str) -> str:
        rows = self._member_rows(int(self._of[self._row(passage_id)]))
        return cluster_id_for(self._corpus.passages.passage_id(int(rows[0])))

    def copies_of(self, passage_id: str) -> tuple[str, ...]:
        table = self._corpus.passages
        row = self._row(passage_id)
        members = np.asarray(self._member_rows(int(self._of[row])))
        # Vectorised: a wire paragraph can have thousands of copies.
        others = members[table.doc_rows(members) != table.doc_row(row)]
        return tuple(table.passage_ids_at(others))

    def is_independent(self, passage_id: str) -> bool:
        table = self._corpus.passages
        row = self._row(passage_id)
        original = int(self._member_rows(int(self._of[row]))[0])
        return table.doc_row(row) == table.doc_row(original)


def open_index(root: str | Path) -> ArchiveCorpus:
    """Open an index directory (``ArchiveError`` naming the file when it cannot be used)."""
    return ArchiveCorpus(root)
