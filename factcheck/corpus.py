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
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only for annotations: these modules import the records below
    from factcheck import readers
    from factcheck.cleaning import CleaningRules

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


def sample_corpus_path() -> Path:
    """Folder of the five sample articles shipped with the package (plus ``sources.csv``)."""
    return Path(__file__).parent / "data" / "sample"


def load_corpus(
    source: str | Path | Iterable[str | Path],
    *,
    rules: CleaningRules | None = None,
) -> Corpus:
    """Load a folder, one file, or a list of files into a cleaned, segmented :class:`Corpus`.

    A folder is read in file-name order (not recursively); its ``sources.csv``/``metadata.csv``
    supplies source, url, date and title per file or document id, and wins over metadata found
    in the files themselves. ``rules`` replaces the default cleaning rules
    (:data:`factcheck.cleaning.DEFAULT_RULES`, which a newsroom can ``.extend``).

    Files that cannot be used -- unsupported type, binary, empty, undecodable, bad JSON or CSV
    lines, duplicate ids, nothing left after cleaning -- are listed in :attr:`Corpus.skipped`
    with the reason; loading carries on with the rest. Only a missing ``source`` path raises
    (``FileNotFoundError``).
    """
    # Imported here, not at the top: readers and segmentation import the records defined above.
    from factcheck import readers

    files, skipped = readers.collect_files(source)
    folders: dict[Path, readers.Metadata] = {}
    documents: list[Document] = []
    seen: dict[str, str] = {}
    for path in files:
        metadata = _folder_metadata(path.parent, folders, skipped)
        records, problems = readers.read_file(path)
        skipped.extend(problems)
        for record in records:
            built = _build_document(record, metadata.lookup(path.name, record.doc_id), rules)
            if isinstance(built, Skipped):
                skipped.append(built)
            elif built.doc_id in seen:
                skipped.append(
                    Skipped(
                        record.path,
                        f"{_where(record)}duplicate document id {built.doc_id!r} "
                        f"(already loaded from {seen[built.doc_id]})",
                    )
                )
            else:
                seen[built.doc_id] = built.path
                documents.append(built)
    return Corpus(tuple(documents), tuple(skipped))


def _where(record: readers.RawRecord) -> str:
    """ "feed.jsonl line 3: " / "rows.csv row 2: " for records of multi-record files."""
    if not record.line:
        return ""
    unit = "row" if record.path.lower().endswith(".csv") else "line"
    return f"{Path(record.path).name} {unit} {record.line}: "


def _folder_metadata(
    folder: Path, cache: dict[Path, readers.Metadata], skipped: list[Skipped]
) -> readers.Metadata:
    """The metadata of a folder, read once per load (problems reported once)."""
    from factcheck import readers

    if folder not in cache:
        meta_path = readers.metadata_file(folder)
        if meta_path is None:
            cache[folder] = readers.EMPTY_METADATA
        else:
            cache[folder], problems = readers.read_metadata(meta_path)
            skipped.extend(problems)
    return cache[folder]


def _build_document(
    record: readers.RawRecord, metadata: dict[str, str], rules: CleaningRules | None
) -> Document | Skipped:
    """Clean and segment one record; metadata-file fields win over the record's own."""
    from factcheck.cleaning import clean
    from factcheck.segmentation import segment

    fields = {
        name: metadata.get(name) or getattr(record, name)
        for name in ("source", "title", "date", "url")
    }
    cleaned = clean(record.text, rules, source=fields["source"], title=fields["title"])
    if not cleaned.text:
        return Skipped(
            record.path, f"{_where(record)}no article text left after cleaning (only boilerplate)"
        )
    return Document(
        doc_id=record.doc_id,
        text=cleaned.text,
        passages=segment(record.doc_id, cleaned.text, cleaned.keys),
        source=fields["source"],
        title=fields["title"] or cleaned.title,
        date=fields["date"],
        url=fields["url"],
        path=record.path,
    )
