"""Per-folder metadata: ``sources.csv``/``metadata.csv`` mapping files or ids to their outlet.

A scraped corpus rarely carries its metadata inside the article files, so a folder may hold one
CSV file with a ``file`` column (a file name, with or without its extension) and/or a ``doc_id``
column, plus any of ``source``, ``url``, ``date`` and ``title``. :func:`load_corpus
<factcheck.ingest.corpus.load_corpus>` lets these values win over what a file says about itself.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from factcheck.ingest.decoding import DecodeError, decode_text
from factcheck.ingest.tables import csv_rows, header_names
from factcheck.records import Skipped

__all__ = [
    "EMPTY_METADATA",
    "METADATA_FIELDS",
    "METADATA_FILES",
    "Metadata",
    "is_metadata_file",
    "metadata_file",
    "read_metadata",
]

METADATA_FILES: tuple[str, ...] = ("sources.csv", "metadata.csv")
"""File names reserved for per-folder metadata; they are never loaded as documents."""

METADATA_FIELDS: tuple[str, ...] = ("source", "url", "date", "title")
"""The metadata a document can have, wherever it comes from (a metadata file, Markdown front
matter, HTML ``<meta>`` tags, JSON/CSV fields)."""


@dataclass(frozen=True)
class Metadata:
    """Metadata rows of a folder, keyed by file name and by document id."""

    by_file: dict[str, dict[str, str]]
    by_id: dict[str, dict[str, str]]

    def lookup(self, file_name: str, doc_id: str) -> dict[str, str]:
        """Non-empty fields for a record: the ``doc_id`` row wins over the ``file`` row."""
        merged: dict[str, str] = {}
        stem = file_name.rsplit(".", 1)[0] if "." in file_name[1:] else file_name
        for row in (self.by_file.get(stem), self.by_file.get(file_name), self.by_id.get(doc_id)):
            if row:
                merged.update({k: v for k, v in row.items() if v})
        return merged


EMPTY_METADATA = Metadata({}, {})
"""The metadata of a folder without a metadata file."""


def read_metadata(path: str | Path) -> tuple[Metadata, list[Skipped]]:
    """Read a ``sources.csv``/``metadata.csv`` file (columns ``file`` and/or ``doc_id`` plus
    any of ``source``, ``url``, ``date``, ``title``); bad rows come back as :class:`Skipped`."""
    path = Path(path)
    try:
        decoded = decode_text(path.read_bytes())
    except (OSError, DecodeError) as exc:
        return EMPTY_METADATA, [Skipped(str(path), f"metadata file not read: {exc}")]
    by_file: dict[str, dict[str, str]] = {}
    by_id: dict[str, dict[str, str]] = {}
    skipped: list[Skipped] = []
    header: list[str] | None = None
    for row_number, line, fields, error in csv_rows(decoded.text):
        if fields is None:
            skipped.append(Skipped(str(path), f"{path.name} line {line}: {error}"))
            continue
        if header is None:
            header = header_names(fields)
            if "file" not in header and "doc_id" not in header:
                return EMPTY_METADATA, [
                    Skipped(str(path), f"{path.name}: metadata needs a 'file' or 'doc_id' column")
                ]
            continue
        row = {k: (v or "").strip() for k, v in zip(header, fields, strict=False)}
        values = {k: row.get(k, "") for k in METADATA_FIELDS}
        if row.get("file"):
            by_file[row["file"]] = values
        if row.get("doc_id"):
            by_id[row["doc_id"]] = values
        if not row.get("file") and not row.get("doc_id") and any(row.values()):
            skipped.append(
                Skipped(
                    str(path), f"{path.name} row {row_number - 1} (line {line}): no file or doc_id"
                )
            )
    return Metadata(by_file, by_id), skipped


def is_metadata_file(path: Path) -> bool:
    """Whether ``path`` is named like a metadata file (case-insensitively)."""
    return path.name.lower() in METADATA_FILES


def metadata_file(folder: Path) -> Path | None:
    """The metadata file of a folder, if any (``sources.csv`` before ``metadata.csv``; the
    names are matched case-insensitively, like :func:`~factcheck.ingest.readers.collect_files`
    leaves them out)."""
    if not folder.is_dir():
        return None
    # One pass over the names without a stat per file: an archive folder holds 100,000 articles
    # and every partition of a build loads its files' folder metadata (Path.is_file on each
    # entry made that a stat per article per partition).
    with os.scandir(folder) as entries:
        names = {e.name.lower(): e for e in entries if e.name.lower() in METADATA_FILES}
    for name in METADATA_FILES:
        entry = names.get(name)
        if entry is not None and entry.is_file():
            return Path(entry.path)
    return None
