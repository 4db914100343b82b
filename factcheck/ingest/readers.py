"""File formats: turn the files of a corpus into raw text records, through a reader registry.

A reader never cleans or segments; it only pulls text and metadata out of one file format.
Every problem is reported as a :class:`~factcheck.records.Skipped` that names the file (and the
line or row for ``.jsonl``/``.csv``), and one bad file or line never stops the others from
loading. Bytes become text in :mod:`factcheck.ingest.decoding`; markup becomes lines in
:mod:`factcheck.ingest.markup`; per-folder metadata files are :mod:`factcheck.ingest.metadata`.

Built-in formats: ``.txt``; ``.md``; ``.html``/``.htm``; ``.jsonl`` (one object per line);
``.csv`` (one row per document). A newsroom adds its own format by registering a
:data:`Reader` for a suffix::

    from factcheck.ingest.decoding import decode_text
    from factcheck.ingest.readers import RawRecord, register_reader

    @register_reader(".xml")
    def read_our_xml(path, data):
        decoded = decode_text(data)
        return [RawRecord(path.stem, our_xml_body(decoded.text), str(path))], []
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import overload

from factcheck.ingest.decoding import DecodeError, decode_text, normalise_newlines
from factcheck.ingest.markup import decode_html, html_to_text, markdown_to_text
from factcheck.ingest.metadata import METADATA_FIELDS, is_metadata_file
from factcheck.ingest.tables import csv_rows, header_names
from factcheck.records import Skipped

__all__ = [
    "READERS",
    "SUPPORTED_SUFFIXES",
    "RawRecord",
    "Reader",
    "collect_files",
    "read_csv",
    "read_file",
    "read_html",
    "read_jsonl",
    "read_markdown",
    "read_txt",
    "register_reader",
    "unregister_reader",
]


@dataclass(frozen=True)
class RawRecord:
    """One document as read from a file: decoded text plus whatever metadata the file carried.

    ``line`` is the line (``.jsonl``) or row (``.csv``) the record came from, 0 for whole files.
    """

    doc_id: str
    text: str
    path: str
    title: str = ""
    source: str = ""
    url: str = ""
    date: str = ""
    encoding: str = ""
    line: int = 0


Reader = Callable[[Path, bytes], tuple[list[RawRecord], list[Skipped]]]
"""A format reader: ``(path, file bytes) -> (records, skipped)``.

It may raise :class:`~factcheck.ingest.decoding.DecodeError` (or anything else): :func:`read_file`
turns the exception into one :class:`Skipped` for the file.
"""


# --------------------------------------------------------------------------- formats


def read_txt(path: Path, data: bytes) -> tuple[list[RawRecord], list[Skipped]]:
    """A plain-text file is one document; its id is the file name without the extension."""
    decoded = decode_text(data)
    return [RawRecord(path.stem, decoded.text, str(path), encoding=decoded.encoding)], []


def read_markdown(path: Path, data: bytes) -> tuple[list[RawRecord], list[Skipped]]:
    """A Markdown file is one document (see :func:`~factcheck.ingest.markup.markdown_to_text`)."""
    decoded = decode_text(data)
    text, meta = markdown_to_text(decoded.text)
    return [RawRecord(path.stem, text, str(path), encoding=decoded.encoding, **meta)], []


def read_html(path: Path, data: bytes) -> tuple[list[RawRecord], list[Skipped]]:
    """An HTML page is one document (see :func:`~factcheck.ingest.markup.html_to_text`)."""
    decoded = decode_html(data)
    text, meta = html_to_text(decoded.text)
    return [RawRecord(path.stem, text, str(path), encoding=decoded.encoding, **meta)], []


def _field(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value).strip()
    raise ValueError(f"expected a string, got {type(value).__name__}")


def _record_from_mapping(
    path: Path, row: Mapping[str, object], default_id: str, line: int, encoding: str
) -> RawRecord:
    """One record from a JSON object or CSV row; ``ValueError`` says what is wrong with it."""
    text = row.get("text")
    if text is None:
        raise ValueError("no 'text' field")
    if not isinstance(text, str):
        raise ValueError(f"'text' is a {type(text).__name__}, not a string")
    if not text.strip():
        raise ValueError("empty 'text'")
    fields = {}
    for name in (*METADATA_FIELDS, "id"):
        try:
            fields[name] = _field(row.get(name))
        except ValueError as exc:
            raise ValueError(f"field {name!r}: {exc}") from None
    return RawRecord(
        doc_id=fields.pop("id") or default_id,
        text=normalise_newlines(text),
        path=str(path),
        encoding=encoding,
        line=line,
        **fields,
    )


def read_jsonl(path: Path, data: bytes) -> tuple[list[RawRecord], list[Skipped]]:
    """One document per JSON object line (``text`` plus optional ``id`` and metadata fields);
    ids default to ``<stem>-<line>``."""
    decoded = decode_text(data)
    records: list[RawRecord] = []
    skipped: list[Skipped] = []
    for number, line in enumerate(decoded.text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{path.name} line {number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            skipped.append(
                Skipped(str(path), f"{where}: invalid JSON: {exc.msg} (column {exc.colno})")
            )
            continue
        if not isinstance(obj, dict):
            skipped.append(
                Skipped(str(path), f"{where}: expected a JSON object, got {type(obj).__name__}")
            )
            continue
        try:
            records.append(
                _record_from_mapping(path, obj, f"{path.stem}-{number}", number, decoded.encoding)
            )
        except ValueError as exc:
            skipped.append(Skipped(str(path), f"{where}: {exc}"))
    return records, skipped


def read_csv(path: Path, data: bytes) -> tuple[list[RawRecord], list[Skipped]]:
    """One document per CSV row (a ``text`` column plus optional ``id``/``doc_id`` and
    metadata columns); ids default to ``<stem>-<row>`` (row 1 = the first data row)."""
    decoded = decode_text(data)
    header: list[str] | None = None
    records: list[RawRecord] = []
    skipped: list[Skipped] = []
    for row_number, line, fields, error in csv_rows(decoded.text):
        if header is None:
            if fields is None:
                return [], [Skipped(str(path), f"{path.name} line {line}: header: {error}")]
            header = header_names(fields)
            if "text" not in header:
                columns = ", ".join(header)
                return [], [
                    Skipped(str(path), f"{path.name}: no 'text' column (columns: {columns})")
                ]
            continue
        data_row = row_number - 1
        where = f"{path.name} row {data_row} (line {line})"
        if fields is None:
            skipped.append(Skipped(str(path), f"{where}: {error}"))
            continue
        if not any(f.strip() for f in fields):
            continue
        if len(fields) > len(header):
            problem = f"{len(fields)} fields but the header has {len(header)}"
            skipped.append(Skipped(str(path), f"{where}: {problem}"))
            continue
        mapping: dict[str, object] = dict(zip(header, fields, strict=False))
        if "id" not in mapping and "doc_id" in mapping:
            mapping["id"] = mapping["doc_id"]
        try:
            records.append(
                _record_from_mapping(
                    path, mapping, f"{path.stem}-{data_row}", data_row, decoded.encoding
                )
            )
        except ValueError as exc:
            skipped.append(Skipped(str(path), f"{where}: {exc}"))
    if header is None:
        return [], [Skipped(str(path), f"{path.name}: empty CSV file")]
    return records, skipped


# --------------------------------------------------------------------------- the registry

_registry: dict[str, Reader] = {
    ".txt": read_txt,
    ".text": read_txt,
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".html": read_html,
    ".htm": read_html,
    ".jsonl": read_jsonl,
    ".csv": read_csv,
}

SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(_registry)
"""The suffixes read out of the box (:data:`READERS` also has those registered since)."""

READERS: Mapping[str, Reader] = MappingProxyType(_registry)
"""Suffix (lower-case, with its dot) -> reader: a live, read-only view of the registry.
Change it with :func:`register_reader` and :func:`unregister_reader`."""


def _suffix_key(suffix: str) -> str:
    key = suffix.strip().lower()
    if not key.startswith(".") or len(key) < 2 or "/" in key or key.count(".") != 1:
        raise ValueError(f"a suffix looks like '.xml', got {suffix!r}")
    return key


@overload
def register_reader(suffix: str, reader: Reader, *, replace: bool = False) -> Reader: ...
@overload
def register_reader(
    suffix: str, reader: None = None, *, replace: bool = False
) -> Callable[[Reader], Reader]: ...
def register_reader(
    suffix: str, reader: Reader | None = None, *, replace: bool = False
) -> Reader | Callable[[Reader], Reader]:
    """Read files ending in ``suffix`` (matched case-insensitively) with ``reader``.

    Use it as a call, ``register_reader(".xml", read_xml)``, or as a decorator,
    ``@register_reader(".xml")``; either way the reader comes back unchanged. A suffix that
    already has a reader needs ``replace=True`` (so a typo cannot silently replace the ``.csv``
    reader).
    """
    key = _suffix_key(suffix)

    def register(func: Reader) -> Reader:
        if not callable(func):
            raise TypeError(f"a reader is a function (path, bytes) -> (records, skipped): {func!r}")
        if key in _registry and not replace and _registry[key] is not func:
            raise ValueError(f"{key} files already have a reader; pass replace=True to change it")
        _registry[key] = func
        return func

    return register if reader is None else register(reader)


def unregister_reader(suffix: str) -> Reader:
    """Stop reading files ending in ``suffix``; returns the reader that was registered."""
    key = _suffix_key(suffix)
    if key not in _registry:
        raise KeyError(f"no reader registered for {key} files")
    return _registry.pop(key)


def read_file(path: str | Path) -> tuple[list[RawRecord], list[Skipped]]:
    """Read one file into raw records; problems come back as :class:`Skipped`, never raised."""
    path = Path(path)
    reader = _registry.get(path.suffix.lower())
    if reader is None:
        kind = f"file type {path.suffix!r}" if path.suffix else "file without an extension"
        return [], [Skipped(str(path), f"unsupported {kind} (supported: {', '.join(_registry)})")]
    try:
        data = path.read_bytes()
    except OSError as exc:
        return [], [Skipped(str(path), f"cannot read file: {exc.strerror or exc}")]
    if not data or data.isspace():
        return [], [Skipped(str(path), "empty file")]
    try:
        records, skipped = reader(path, data)
    except DecodeError as exc:
        return [], [Skipped(str(path), str(exc))]
    except Exception as exc:  # a parser bug or odd input must not stop the rest of the corpus
        return [], [
            Skipped(str(path), f"could not read {path.suffix} file: {type(exc).__name__}: {exc}")
        ]
    if not records and not skipped:
        return [], [Skipped(str(path), "empty file (no text)")]
    if len(records) == 1 and (not records[0].text or records[0].text.isspace()):
        return [], [Skipped(str(path), "empty file (only whitespace or markup)")]
    return records, skipped


def collect_files(source: str | Path | Iterable[str | Path]) -> tuple[list[Path], list[Skipped]]:
    """Files to load from a folder, a file, or a list of either, in a deterministic order.

    A folder is listed by file name (not recursively); hidden entries and metadata files are
    left out silently; sub-folders are reported as skipped. A missing top-level path raises
    ``FileNotFoundError``; a missing entry of a list is reported as skipped.
    """
    if isinstance(source, (str, Path)):
        path = Path(source)
        if not path.exists():
            raise FileNotFoundError(f"corpus path does not exist: {path}")
        entries: list[Path] = [path]
    else:
        entries = [Path(p) for p in source]
    files: list[Path] = []
    skipped: list[Skipped] = []
    for entry in entries:
        if entry.is_dir():
            for child in sorted(entry.iterdir(), key=lambda p: p.name):
                if child.name.startswith(".") or is_metadata_file(child):
                    continue
                if child.is_dir():
                    skipped.append(
                        Skipped(str(child), "sub-folder not loaded (pass it explicitly)")
                    )
                else:
                    files.append(child)
        elif entry.is_file():
            if not is_metadata_file(entry):
                files.append(entry)
        else:
            skipped.append(Skipped(str(entry), "no such file or folder"))
    return files, skipped
