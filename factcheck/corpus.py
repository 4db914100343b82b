"""Corpus records: documents, passages and files that could not be loaded.

A :class:`Corpus` is an immutable value. Loading (file formats, encodings), cleaning (scraped
boilerplate) and segmentation (passages) live in their own modules; :func:`load_corpus` is the
one-call front over them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

__all__ = ["Corpus", "Document", "Passage", "Skipped", "load_corpus", "sample_corpus_path"]


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
    _by_doc: dict[str, Document] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        seen = {}
        for d in self.documents:
            if d.doc_id in seen:
                raise ValueError(f"duplicate document id {d.doc_id!r} ({d.path} and {seen[d.doc_id].path})")
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

    def passage(self, passage_id: str) -> Passage:
        """The passage with this id (``KeyError`` naming it otherwise)."""
        try:
            return self._by_passage[passage_id]
        except KeyError:
            raise KeyError(f"no passage {passage_id!r} in corpus") from None

    @classmethod
    def from_documents(cls, documents: Iterable[Document], skipped: Iterable[Skipped] = ()) -> Corpus:
        return cls(tuple(documents), tuple(skipped))


def sample_corpus_path() -> Path:
    """Folder of the five sample articles shipped with the package (plus ``sources.csv``)."""
    return Path(__file__).parent / "data" / "sample"


def load_corpus(source: str | Path | Iterable[str | Path]) -> Corpus:
    """Load a folder, one file, or a list of files into a cleaned, segmented :class:`Corpus`."""
    raise NotImplementedError  # implemented by the ingestion work (issue 2)
