"""Loading a corpus: files in, a cleaned and segmented :class:`~factcheck.records.Corpus` out.

The records themselves live in :mod:`factcheck.records`. Reading (:mod:`~factcheck.ingest.readers`,
with :mod:`~factcheck.ingest.decoding`, :mod:`~factcheck.ingest.markup` and
:mod:`~factcheck.ingest.metadata`), cleaning (:mod:`~factcheck.ingest.cleaning`) and segmentation
(:mod:`~factcheck.ingest.segmentation`) live in their own modules; :func:`load_corpus` is the
one-call front over them.
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from factcheck.ingest.cleaning import CleaningRules, clean
from factcheck.ingest.metadata import EMPTY_METADATA, Metadata, metadata_file, read_metadata
from factcheck.ingest.readers import RawRecord, collect_files, read_file
from factcheck.ingest.segmentation import segment
from factcheck.records import Corpus, Document, Skipped

__all__ = ["load_corpus", "sample_corpus_path"]


def sample_corpus_path() -> Path:
    """Folder of the five sample articles shipped with the package (plus ``sources.csv``)."""
    return Path(str(resources.files("factcheck.data").joinpath("sample")))


def load_corpus(
    source: str | Path | Iterable[str | Path],
    *,
    rules: CleaningRules | None = None,
) -> Corpus:
    """Load a folder, one file, or a list of files into a cleaned, segmented :class:`Corpus`.

    A folder is read in file-name order (not recursively); its ``sources.csv``/``metadata.csv``
    supplies source, url, date and title per file or document id, and wins over metadata found
    in the files themselves. ``rules`` replaces the default cleaning rules
    (:data:`factcheck.ingest.cleaning.DEFAULT_RULES`, which a newsroom can ``.extend``).

    Files that cannot be used -- unsupported type, binary, empty, undecodable, bad JSON or CSV
    lines, duplicate ids, nothing left after cleaning -- are listed in :attr:`Corpus.skipped`
    with the reason; loading carries on with the rest. Only a missing ``source`` path raises
    (``FileNotFoundError``).
    """
    files, skipped = collect_files(source)
    folders: dict[Path, Metadata] = {}
    documents: list[Document] = []
    seen: dict[str, str] = {}
    for path in files:
        metadata = _folder_metadata(path.parent, folders, skipped)
        records, problems = read_file(path)
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


def _where(record: RawRecord) -> str:
    """ "feed.jsonl line 3: " / "rows.csv row 2: " for records of multi-record files."""
    if not record.line:
        return ""
    unit = "row" if record.path.lower().endswith(".csv") else "line"
    return f"{Path(record.path).name} {unit} {record.line}: "


def _folder_metadata(folder: Path, cache: dict[Path, Metadata], skipped: list[Skipped]) -> Metadata:
    """The metadata of a folder, read once per load (problems reported once)."""
    if folder not in cache:
        meta_path = metadata_file(folder)
        if meta_path is None:
            cache[folder] = EMPTY_METADATA
        else:
            cache[folder], problems = read_metadata(meta_path)
            skipped.extend(problems)
    return cache[folder]


def _build_document(
    record: RawRecord, metadata: dict[str, str], rules: CleaningRules | None
) -> Document | Skipped:
    """Clean and segment one record; metadata-file fields win over the record's own."""
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
