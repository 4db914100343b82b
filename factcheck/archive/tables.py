"""The index's tables: documents, passages, claims and claim units as Parquet, read lazily.

Passages are stored as offsets into their document's cleaned text, not as text, so an
archive's text is on disk once. :class:`DocumentTable` and :class:`PassageTable` are read-only
sequences of :class:`~factcheck.records.Document` and :class:`~factcheck.records.Passage`
built on demand from Arrow columns: an index of a million passages opens without making a
million Python objects, and the engine takes the few it retrieves.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, overload

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from factcheck.engine.claims import ClaimUnit
from factcheck.records import Claim, Document, Passage

__all__ = [
    "CLAIMS",
    "DOCUMENTS",
    "FILES",
    "PASSAGES",
    "SKIPPED",
    "UNITS",
    "DocumentTable",
    "PassageTable",
    "claims_table",
    "documents_table",
    "open_writer",
    "passages_table",
    "read_claims",
    "read_table",
    "read_units",
    "units_table",
    "write_table",
]

DOCUMENTS = "documents.parquet"
PASSAGES = "passages.parquet"
CLAIMS = "claims.parquet"
UNITS = "units.parquet"
FILES = "files.parquet"
SKIPPED = "skipped.parquet"

DOCUMENT_SCHEMA = pa.schema(
    [
        ("doc_id", pa.string()),
        ("text", pa.large_string()),
        ("source", pa.string()),
        ("title", pa.string()),
        ("date", pa.string()),
        ("url", pa.string()),
        ("path", pa.string()),
        ("first", pa.int64()),
        ("count", pa.int32()),
    ]
)
PASSAGE_SCHEMA = pa.schema(
    [
        ("passage_id", pa.string()),
        ("doc", pa.int32()),
        ("start", pa.int32()),
        ("end", pa.int32()),
        ("index", pa.int32()),
    ]
)
CLAIM_SCHEMA = pa.schema(
    [
        ("claim_id", pa.string()),
        ("text", pa.string()),
        ("kinds", pa.list_(pa.string())),
        ("doc_ids", pa.list_(pa.string())),
        ("passage_ids", pa.list_(pa.string())),
        ("score", pa.float64()),
        ("sources", pa.list_(pa.string())),
        ("speaker", pa.string()),
        ("statement", pa.string()),
    ]
)
UNIT_SCHEMA = pa.schema(
    [
        ("uid", pa.string()),
        ("text", pa.string()),
        ("passage", pa.int64()),
        ("k", pa.int32()),
        ("kinds", pa.list_(pa.string())),
        ("speaker", pa.string()),
    ]
)
FILE_SCHEMA = pa.schema([("path", pa.string()), ("sha256", pa.string()), ("documents", pa.int32())])
SKIPPED_SCHEMA = pa.schema([("path", pa.string()), ("error", pa.string())])


def write_table(path: Path, table: pa.Table) -> None:
    """One Parquet file (zstd; row groups of 64k rows so a reader can take part of it)."""
    pq.write_table(table, path, compression="zstd", row_group_size=65_536)


def open_writer(path: Path, schema: pa.Schema) -> pq.ParquetWriter:
    """A Parquet writer for tables written piece by piece (same settings as :func:`write_table`)."""
    return pq.ParquetWriter(path, schema, compression="zstd")


def read_table(path: Path, columns: Sequence[str] | None = None) -> pa.Table:
    """A Parquet table (``OSError``/``ArrowInvalid`` on a damaged file, caught by the caller)."""
    return pq.read_table(path, columns=list(columns) if columns else None, memory_map=True)


def documents_table(docs: Sequence[Document], first: int = 0) -> pa.Table:
    """Documents as rows; ``first`` is the row of the first document's first passage."""
    starts, counts, at = [], [], first
    for d in docs:
        starts.append(at)
        counts.append(len(d.passages))
        at += len(d.passages)
    cols: dict[str, Any] = {
        name: [getattr(d, name) for d in docs]
        for name in ("doc_id", "text", "source", "title", "date", "url", "path")
    }
    cols["first"], cols["count"] = starts, counts
    return pa.table(cols, schema=DOCUMENT_SCHEMA)


def passages_table(docs: Sequence[Document], first_doc: int = 0) -> pa.Table:
    """The documents' passages as rows (``doc`` is the document's row)."""
    rows = [(p, first_doc + i) for i, d in enumerate(docs) for p in d.passages]
    return pa.table(
        {
            "passage_id": [p.passage_id for p, _ in rows],
            "doc": [i for _, i in rows],
            "start": [p.start for p, _ in rows],
            "end": [p.end for p, _ in rows],
            "index": [p.index for p, _ in rows],
        },
        schema=PASSAGE_SCHEMA,
    )


def units_table(units: Sequence[ClaimUnit], rows: dict[str, int]) -> pa.Table:
    """Claim units with their passage's row (``rows``: passage id -> row)."""
    return pa.table(
        {
            "uid": [u.uid for u in units],
            "text": [u.text for u in units],
            "passage": [rows[u.passage.passage_id] for u in units],
            "k": [u.k for u in units],
            "kinds": [list(u.kinds) for u in units],
            "speaker": [u.speaker for u in units],
        },
        schema=UNIT_SCHEMA,
    )


def read_units(table: pa.Table, passages: Sequence[Passage]) -> list[ClaimUnit]:
    cols = table.to_pydict()
    return [
        ClaimUnit(uid, text, passages[row], k, tuple(kinds), speaker)
        for uid, text, row, k, kinds, speaker in zip(
            cols["uid"],
            cols["text"],
            cols["passage"],
            cols["k"],
            cols["kinds"],
            cols["speaker"],
            strict=True,
        )
    ]


def claims_table(claims: Sequence[Claim]) -> pa.Table:
    return pa.table(
        {
            "claim_id": [c.claim_id for c in claims],
            "text": [c.text for c in claims],
            "kinds": [list(c.kinds) for c in claims],
            "doc_ids": [list(c.doc_ids) for c in claims],
            "passage_ids": [list(c.passage_ids) for c in claims],
            "score": [c.score for c in claims],
            "sources": [list(c.sources) for c in claims],
            "speaker": [c.speaker for c in claims],
            "statement": [c.statement for c in claims],
        },
        schema=CLAIM_SCHEMA,
    )


def read_claims(table: pa.Table) -> tuple[Claim, ...]:
    cols = table.to_pydict()
    return tuple(
        Claim(
            claim_id=cid,
            text=text,
            kinds=tuple(kinds),
            doc_ids=tuple(docs),
            passage_ids=tuple(pids),
            score=score,
            sources=tuple(sources),
            speaker=speaker,
            statement=statement,
        )
        for cid, text, kinds, docs, pids, score, sources, speaker, statement in zip(
            cols["claim_id"],
            cols["text"],
            cols["kinds"],
            cols["doc_ids"],
            cols["passage_ids"],
            cols["score"],
            cols["sources"],
            cols["speaker"],
            cols["statement"],
            strict=True,
        )
    )


class PassageTable(Sequence[Passage]):
    """Every passage of an index, in corpus order, as :class:`Passage` records made on access."""

    def __init__(self, passages: pa.Table, documents: DocumentTable):
        self._ids = passages.column("passage_id").combine_chunks()
        self._doc = passages.column("doc").to_numpy()
        self._start = passages.column("start").to_numpy()
        self._end = passages.column("end").to_numpy()
        self._index = passages.column("index").to_numpy()
        self._documents = documents

    def __len__(self) -> int:
        return len(self._doc)

    @overload
    def __getitem__(self, i: int) -> Passage: ...

    @overload
    def __getitem__(self, i: slice) -> list[Passage]: ...

    def __getitem__(self, i: int | slice) -> Passage | list[Passage]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(f"passage row {i} out of range ({len(self)} passages)")
        d = int(self._doc[i])
        start, end = int(self._start[i]), int(self._end[i])
        return Passage(
            passage_id=self._ids[i].as_py(),
            doc_id=self._documents.doc_id(d),
            text=self._documents.text(d)[start:end],
            start=start,
            end=end,
            index=int(self._index[i]),
        )

    def __iter__(self) -> Iterator[Passage]:
        return (self[i] for i in range(len(self)))

    def doc_row(self, i: int) -> int:
        return int(self._doc[i])

    def passage_id(self, i: int) -> str:
        return self._ids[i].as_py()

    def doc_rows(self, rows: np.ndarray) -> np.ndarray:
        """The document row of each passage row."""
        return self._doc[rows]

    def passage_ids_at(self, rows: np.ndarray) -> list[str]:
        """The passage ids of these rows, in their order."""
        return self._ids.take(pa.array(rows, type=pa.int64())).to_pylist()

    def passage_ids(self) -> list[str]:
        """Every passage id, in row order."""
        return self._ids.to_pylist()

    def indexes_at(self, rows: np.ndarray) -> np.ndarray:
        """The position in its document of the passage of each row."""
        return self._index[rows]


class DocumentTable(Sequence[Document]):
    """Every document of an index, in corpus order, made on access (with its passages)."""

    def __init__(self, table: pa.Table):
        self._table = table
        self.ids: list[str] = table.column("doc_id").to_pylist()
        self._row = {d: i for i, d in enumerate(self.ids)}
        self._first = table.column("first").to_numpy()
        self._count = table.column("count").to_numpy()
        self._text: pa.Array | None = None
        self._last: tuple[int, str] = (-1, "")
        self.passages: PassageTable | None = None

    def __len__(self) -> int:
        return len(self.ids)

    def doc_id(self, row: int) -> str:
        return self.ids[row]

    def row_of(self, doc_id: str) -> int | None:
        return self._row.get(doc_id)

    def text(self, row: int) -> str:
        """A document's cleaned text. The last one is kept: passages of one document are
        usually read one after another, and each needs the whole text to slice."""
        if self._last[0] == row:
            return self._last[1]
        if self._text is None:
            self._text = self._table.column("text").combine_chunks()
        text = self._text[row].as_py()
        self._last = (row, text)
        return text

    def column(self, name: str) -> list[str]:
        """One metadata column for every document (``source``, ``date``...)."""
        return self._table.column(name).to_pylist()

    def column_at(self, name: str, rows: Sequence[int]) -> list[str]:
        """One metadata column for the documents of ``rows`` (in their order)."""
        return self._table.column(name).take(pa.array(rows, type=pa.int64())).to_pylist()

    def passage_rows(self, row: int) -> range:
        first = int(self._first[row])
        return range(first, first + int(self._count[row]))

    @overload
    def __getitem__(self, i: int) -> Document: ...

    @overload
    def __getitem__(self, i: slice) -> list[Document]: ...

    def __getitem__(self, i: int | slice) -> Document | list[Document]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(f"document row {i} out of range ({len(self)} documents)")
        assert self.passages is not None
        row = self._table.slice(i, 1).drop_columns(["text"]).to_pylist()[0]
        return Document(
            doc_id=row["doc_id"],
            text=self.text(i),
            passages=tuple(self.passages[j] for j in self.passage_rows(i)),
            source=row["source"],
            title=row["title"],
            date=row["date"],
            url=row["url"],
            path=row["path"],
        )

    def __iter__(self) -> Iterator[Document]:
        return (self[i] for i in range(len(self)))
