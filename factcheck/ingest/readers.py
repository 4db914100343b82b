"""File formats and encodings: turn the files of a corpus into raw text records.

A reader never cleans or segments; it only decodes bytes and pulls text and metadata out of a
file format. Every problem is reported as a :class:`~factcheck.ingest.corpus.Skipped` that names the
file (and the line or row for ``.jsonl``/``.csv``), and one bad file or line never stops the
others from loading.

Formats: ``.txt``; ``.md`` (via ``markdown-it-py``, the CommonMark parser); ``.html``/``.htm``
(BeautifulSoup with lxml); ``.jsonl`` (one object per line); ``.csv`` (one row per document).
A folder may also hold a metadata file (``sources.csv`` or ``metadata.csv``) mapping a file name
(``file`` column) or a document id (``doc_id`` column) to ``source``, ``url``, ``date`` and
``title``.

Encodings: UTF-8 (with or without BOM), UTF-16/32 with a BOM, and single-byte Arabic code pages.
Strict UTF-8 is tried first because it almost never decodes anything else by accident; after
that ``charset-normalizer`` proposes candidates, and every candidate is checked for plausibility
("mostly Arabic letters, not mojibake") because detectors often mistake Windows-1256 for
Windows-1252 or Cyrillic code pages on short texts.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from factcheck.records import Skipped

__all__ = [
    "METADATA_FILES",
    "SUPPORTED_SUFFIXES",
    "DecodeError",
    "Decoded",
    "Metadata",
    "RawRecord",
    "binary_kind",
    "collect_files",
    "decode_bytes",
    "html_to_text",
    "markdown_to_text",
    "metadata_file",
    "read_file",
    "read_metadata",
]

METADATA_FILES: tuple[str, ...] = ("sources.csv", "metadata.csv")
"""File names reserved for per-folder metadata; they are never loaded as documents."""

METADATA_FIELDS: tuple[str, ...] = ("source", "url", "date", "title")


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


@dataclass(frozen=True)
class Decoded:
    """Decoded text and the name of the encoding that produced it."""

    text: str
    encoding: str


class DecodeError(ValueError):
    """The bytes are not text in any encoding the desk accepts (the message says why)."""


# --------------------------------------------------------------------------- encodings

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its little-endian BOM starts with the UTF-16 one.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"%PDF-", "PDF document"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"PK\x03\x04", "ZIP archive (docx/xlsx/epub...)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy MS Office document"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"\x7fELF", "executable"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\x1a\x45\xdf\xa3", "Matroska/WebM video"),
)

_ARABIC_LETTER_RE = re.compile(
    r"[\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff\ufb50-\ufdff\ufe70-\ufefc]"
)
_LETTER_RE = re.compile(r"[^\W\d_]")
# Latin-1 letters: in text decoded as cp1256 they betray ISO-8859-6 or another Arabic code page.
_LATIN1_LETTER_RE = re.compile(r"[\u00c0-\u00ff]")
# ط and ظ are the cp1256 reading of the UTF-8 lead bytes 0xD8/0xD9: a flood of them is mojibake.
_MOJIBAKE_RE = re.compile(r"[طظ]")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_C0_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
_C1_UTF8_RE = re.compile(rb"\xc2[\x80-\x9f]")
_ASCII_BYTES = bytes(range(0x80))
_ARABIC_CODECS = frozenset({"cp1256", "iso8859_6", "cp864", "cp720", "mac_arabic"})


def binary_kind(data: bytes) -> str | None:
    """Name the kind of binary file ``data`` is (magic number or NUL bytes), ``None`` for text."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if data[4:8] == b"ftyp":
        return "MP4/QuickTime media"
    if data.find(b"\x00", 0, 8192) >= 0 and not any(data.startswith(bom) for bom, _ in _BOMS):
        return "binary data (NUL bytes)"
    return None


def _looks_arabic(text: str) -> bool:
    """Plausible Arabic: letters are mostly Arabic script, not Latin-1 accents, not mojibake."""
    letters = len(_LETTER_RE.findall(text))
    if letters == 0:
        return False
    arabic = len(_ARABIC_LETTER_RE.findall(text))
    return (
        arabic / letters >= 0.5
        and len(_LATIN1_LETTER_RE.findall(text)) <= 0.03 * letters
        and len(_MOJIBAKE_RE.findall(text)) <= 0.25 * arabic
        and len(_CONTROL_RE.findall(text)) <= 0.005 * len(text)
    )


def _looks_like_text(text: str) -> bool:
    """Plausible text in any script: hardly any control characters, some letters."""
    if not text:
        return False
    return (
        len(_CONTROL_RE.findall(text)) <= 0.005 * len(text)
        and text.count("\ufffd") <= 0.005 * len(text)
        and _LETTER_RE.search(text) is not None
    )


def _utf16_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 text saved without a BOM: NUL bytes at every other position of ASCII characters."""
    if len(data) % 2:
        return None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text) and (_looks_arabic(text) or text.isascii()):
            return Decoded(text, codec)
    return None


def decode_bytes(data: bytes) -> Decoded:
    """Decode the bytes of a text file, raising :class:`DecodeError` with the reason.

    Order: BOM (UTF-8/16/32) -> strict UTF-8 -> UTF-8 with a handful of corrupt bytes
    (replaced by U+FFFD, e.g. a truncated download) -> single-byte candidates from
    ``charset-normalizer``, with Windows-1256 preferred whenever it reads as Arabic.
    Binary data (magic numbers, NUL bytes, control codes) is refused.
    """
    decoded = _decode(data)
    text = decoded.text
    # Valid UTF-8 can still be binary (control codes). For plain UTF-8 the bytes tell at C
    # speed that there are none: no C0 control byte, and no C1 control (C2 80..C2 9F).
    plain = (
        decoded.encoding == "utf-8"
        and len(data.translate(None, _C0_BYTES)) == len(data)
        and _C1_UTF8_RE.search(data) is None
    )
    if not plain and _CONTROL_RE.search(text) and len(_CONTROL_RE.findall(text)) > 0.01 * len(text):
        raise DecodeError("binary data (control characters), not text")
    return decoded


def _decode(data: bytes) -> Decoded:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom) :].decode(codec), codec + " (BOM)")
            except UnicodeDecodeError as exc:
                raise DecodeError(
                    f"invalid {codec} data after its byte-order mark: {exc.reason}"
                ) from None
    kind = binary_kind(data)
    if kind is not None:
        utf16 = _utf16_without_bom(data) if kind.startswith("binary data") else None
        if utf16 is None:
            raise DecodeError(f"binary file ({kind}), not text")
        return utf16
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    # Mostly valid UTF-8 with a few corrupt bytes: many valid multi-byte characters per bad byte.
    # A single-byte file read as UTF-8 has almost no valid multi-byte sequences instead.
    lenient = data.decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd")
    multibyte = len(lenient) - bad - (len(data) - len(data.translate(None, _ASCII_BYTES)))
    if bad and multibyte >= 50 * bad:
        return Decoded(lenient, f"utf-8 ({bad} invalid byte sequence(s) replaced)")
    return _decode_single_byte(data)


def _decode_single_byte(data: bytes) -> Decoded:
    from charset_normalizer import from_bytes  # lazy: only legacy code pages need it

    cp1256 = data.decode("cp1256")  # every byte is mapped in cp1256, so this cannot fail
    if _looks_arabic(cp1256):
        return Decoded(cp1256, "cp1256")
    candidates = list(from_bytes(data))
    for match in candidates:
        if match.encoding in _ARABIC_CODECS and _looks_arabic(str(match)):
            return Decoded(str(match), match.encoding)
    # Not Arabic: take the detector's choice, but Windows-1252 first whenever the detector
    # lists it -- short French or English text with a few accents is otherwise often read as
    # a Central European code page.
    latin = sorted(candidates, key=lambda m: m.encoding != "cp1252")
    for match in latin:
        text = str(match)
        if _ARABIC_LETTER_RE.search(text) is None and _looks_like_text(text):
            return Decoded(text, match.encoding)
    raise DecodeError(
        "undecodable: not UTF-8/UTF-16, and no single-byte code page gives readable text"
    )


_NEWLINES_RE = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")


def _normalise_newlines(text: str) -> str:
    """CRLF, CR and the other line separators become "\n" (checked with ``in`` first: a regex
    substitution scans the whole text even when there is nothing to replace)."""
    if any(sep in text for sep in _OTHER_NEWLINES):
        text = _NEWLINES_RE.sub("\n", text)
    return text.lstrip("\ufeff")


_OTHER_NEWLINES = ("\r", "\u2028", "\u2029", "\x0b", "\x0c", "\x85")


# --------------------------------------------------------------------------- formats

_Reader = Callable[[Path, bytes], tuple[list[RawRecord], list[Skipped]]]


def _decode_for(data: bytes) -> Decoded:
    decoded = decode_bytes(data)
    return Decoded(_normalise_newlines(decoded.text), decoded.encoding)


def _read_txt(path: Path, data: bytes) -> tuple[list[RawRecord], list[Skipped]]:
    decoded = _decode_for(data)
    return [RawRecord(path.stem, decoded.text, str(path), encoding=decoded.encoding)], []


# Simple YAML-style front matter (``key: value`` lines between ``---`` fences). Hand-written
# because only four flat string keys are read; a YAML parser would be a dependency for that.
_FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_FRONT_KEY_RE = re.compile(r"^([A-Za-z_]+)[ \t]*:[ \t]*(.*?)[ \t]*$", re.MULTILINE)


def markdown_to_text(markdown: str) -> tuple[str, dict[str, str]]:
    """Plain text of a Markdown document (one line per block or soft line) plus metadata.

    Markup, link targets, images, raw HTML and code blocks are dropped; link texts are kept.
    Metadata comes from front matter (``title``, ``source``, ``url``, ``date``) or the first
    level-1 heading (``title``).
    """
    from markdown_it import MarkdownIt  # lazy: only .md files need it

    meta: dict[str, str] = {}
    front = _FRONT_MATTER_RE.match(markdown)
    if front:
        for key, value in _FRONT_KEY_RE.findall(front.group(1)):
            key = key.lower()
            if key in METADATA_FIELDS and value:
                meta[key] = value.strip().strip("\"'")
        markdown = markdown[front.end() :]
    tokens = MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(markdown)
    lines: list[str] = []
    in_h1 = False
    for tok in tokens:
        if tok.type == "heading_open":
            in_h1 = tok.tag == "h1"
        elif tok.type == "heading_close":
            in_h1 = False
        elif tok.type == "inline":
            parts: list[str] = []
            for child in tok.children or ():
                if child.type in ("text", "code_inline"):
                    parts.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    parts.append("\n")
            block = "".join(parts)
            if in_h1 and "title" not in meta and block.strip():
                meta["title"] = " ".join(block.split())
            lines.extend(line.strip() for line in block.split("\n"))
    return "\n".join(line for line in lines if line), meta


def _read_markdown(path: Path, data: bytes) -> tuple[list[RawRecord], list[Skipped]]:
    decoded = _decode_for(data)
    text, meta = markdown_to_text(decoded.text)
    return [RawRecord(path.stem, text, str(path), encoding=decoded.encoding, **meta)], []


_HTML_DROP = (
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
    "svg",
    "button",
    "figcaption",
    "select",
)
_HTML_BLOCKS = frozenset(
    [
        "address",
        "article",
        "blockquote",
        "dd",
        "div",
        "dl",
        "dt",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "li",
        "main",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "br",
    ]
)
_HTML_CHARSET_RE = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_SPACES_RE = re.compile(r"[^\S\n]+")


def _meta_content(soup, *selectors: tuple[str, str]) -> str:
    for attr, value in selectors:
        tag = soup.find("meta", attrs={attr: value})
        if tag is not None and tag.get("content", "").strip():
            return " ".join(tag["content"].split())
    return ""


def html_to_text(html: str) -> tuple[str, dict[str, str]]:
    """Visible article text of an HTML page (one line per block element) plus metadata.

    Scripts, styles, navigation, headers, footers, asides, forms and figure captions are
    dropped; when the page has ``<article>`` elements the longest one is used, else ``<main>``,
    else ``<body>``. Metadata: ``og:title`` or ``<title>``, ``article:published_time`` (or
    ``<time datetime>``), ``og:site_name``, ``og:url`` or the canonical link.
    """
    from bs4 import BeautifulSoup  # lazy: only .html files need it

    soup = BeautifulSoup(html, "lxml")
    meta = {
        "title": _meta_content(soup, ("property", "og:title"), ("name", "twitter:title")),
        "date": _meta_content(
            soup,
            ("property", "article:published_time"),
            ("itemprop", "datePublished"),
            ("name", "pubdate"),
            ("name", "date"),
        ),
        "source": _meta_content(soup, ("property", "og:site_name"), ("name", "application-name")),
        "url": _meta_content(soup, ("property", "og:url")),
    }
    if not meta["title"] and soup.title is not None and soup.title.string:
        meta["title"] = " ".join(soup.title.string.split())
    if not meta["url"]:
        canonical = soup.find("link", rel="canonical")
        if canonical is not None and canonical.get("href"):
            meta["url"] = canonical["href"].strip()
    if not meta["date"]:
        time_tag = soup.find("time", datetime=True)
        if time_tag is not None:
            meta["date"] = time_tag["datetime"].strip()
    for tag in soup.find_all(_HTML_DROP):
        tag.decompose()
    articles = soup.find_all("article")
    if articles:
        root = max(articles, key=lambda a: len(a.get_text()))
    else:
        root = soup.find("main") or soup.body or soup
    # Block elements become line breaks; inline elements (<b>, <a>, <span>) stay in the line.
    for tag in root.find_all(_HTML_BLOCKS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    text = root.get_text()
    lines = (_SPACES_RE.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line), {k: v for k, v in meta.items() if v}


def _decode_html(data: bytes) -> Decoded:
    """Decode a page: a BOM or valid UTF-8 wins, then a ``<meta charset>`` declaration, then
    detection. Pages re-saved as UTF-8 often keep a stale ``windows-1256`` declaration, so the
    declaration is only trusted when the bytes are not UTF."""
    declared = _HTML_CHARSET_RE.search(data[:4096])
    try:
        decoded: Decoded | None = _decode_for(data)
    except DecodeError:
        if declared is None:
            raise
        decoded = None
    if decoded is not None and (declared is None or decoded.encoding.startswith("utf")):
        return decoded
    try:
        codec = codecs.lookup(declared.group(1).decode("ascii")).name
        return Decoded(_normalise_newlines(data.decode(codec)), codec + " (declared)")
    except (LookupError, UnicodeDecodeError):
        if decoded is not None:
            return decoded
        raise DecodeError(
            f"undecodable as its declared charset {declared.group(1).decode()!r}"
        ) from None


def _read_html(path: Path, data: bytes) -> tuple[list[RawRecord], list[Skipped]]:
    decoded = _decode_html(data)
    text, meta = html_to_text(decoded.text)
    return [RawRecord(path.stem, text, str(path), encoding=decoded.encoding, **meta)], []


def _field(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value).strip()
    raise ValueError(f"expected a string, got {type(value).__name__}")


def _record_from_mapping(
    path: Path, row: dict[str, object], default_id: str, line: int, encoding: str
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
        text=_normalise_newlines(text),
        path=str(path),
        encoding=encoding,
        line=line,
        **fields,
    )


def _read_jsonl(path: Path, data: bytes) -> tuple[list[RawRecord], list[Skipped]]:
    decoded = _decode_for(data)
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


def _csv_rows(text: str) -> Iterable[tuple[int, int, list[str] | None, str]]:
    """(row number, first line, fields or None, error) for each CSV row, surviving bad rows."""
    reader = csv.reader(io.StringIO(text))
    row_number = 0
    while True:
        first_line = reader.line_num + 1
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            row_number += 1
            yield row_number, first_line, None, f"malformed CSV: {exc}"
            continue
        row_number += 1
        yield row_number, first_line, fields, ""


def _read_csv(path: Path, data: bytes) -> tuple[list[RawRecord], list[Skipped]]:
    """Rows of a CSV file; ids default to ``<stem>-<row>`` (row 1 = the first data row)."""
    decoded = _decode_for(data)
    rows = _csv_rows(decoded.text)
    header: list[str] | None = None
    records: list[RawRecord] = []
    skipped: list[Skipped] = []
    for row_number, line, fields, error in rows:
        if header is None:
            if fields is None:
                return [], [Skipped(str(path), f"{path.name} line {line}: header: {error}")]
            header = [name.strip().lstrip("\ufeff").lower() for name in fields]
            if "text" not in header:
                return [], [
                    Skipped(
                        str(path), f"{path.name}: no 'text' column (columns: {', '.join(header)})"
                    )
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
            skipped.append(
                Skipped(
                    str(path), f"{where}: {len(fields)} fields but the header has {len(header)}"
                )
            )
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


_READERS: dict[str, _Reader] = {
    ".txt": _read_txt,
    ".text": _read_txt,
    ".md": _read_markdown,
    ".markdown": _read_markdown,
    ".html": _read_html,
    ".htm": _read_html,
    ".jsonl": _read_jsonl,
    ".csv": _read_csv,
}
SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(_READERS)


def read_file(path: str | Path) -> tuple[list[RawRecord], list[Skipped]]:
    """Read one file into raw records; problems come back as :class:`Skipped`, never raised."""
    path = Path(path)
    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        kind = f"file type {path.suffix!r}" if path.suffix else "file without an extension"
        return [], [
            Skipped(str(path), f"unsupported {kind} (supported: {', '.join(SUPPORTED_SUFFIXES)})")
        ]
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


# --------------------------------------------------------------------------- metadata


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


def read_metadata(path: str | Path) -> tuple[Metadata, list[Skipped]]:
    """Read a ``sources.csv``/``metadata.csv`` file (columns ``file`` and/or ``doc_id`` plus
    any of ``source``, ``url``, ``date``, ``title``)."""
    path = Path(path)
    try:
        decoded = _decode_for(path.read_bytes())
    except (OSError, DecodeError) as exc:
        return EMPTY_METADATA, [Skipped(str(path), f"metadata file not read: {exc}")]
    by_file: dict[str, dict[str, str]] = {}
    by_id: dict[str, dict[str, str]] = {}
    skipped: list[Skipped] = []
    header: list[str] | None = None
    for row_number, line, fields, error in _csv_rows(decoded.text):
        if fields is None:
            skipped.append(Skipped(str(path), f"{path.name} line {line}: {error}"))
            continue
        if header is None:
            header = [name.strip().lstrip("\ufeff").lower() for name in fields]
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
                if child.name.startswith(".") or child.name.lower() in METADATA_FILES:
                    continue
                if child.is_dir():
                    skipped.append(
                        Skipped(str(child), "sub-folder not loaded (pass it explicitly)")
                    )
                else:
                    files.append(child)
        elif entry.is_file():
            if entry.name.lower() not in METADATA_FILES:
                files.append(entry)
        else:
            skipped.append(Skipped(str(entry), "no such file or folder"))
    return files, skipped


def metadata_file(folder: Path) -> Path | None:
    """The metadata file of a folder, if any (``sources.csv`` before ``metadata.csv``; the
    names are matched case-insensitively, like :func:`collect_files` leaves them out)."""
    if not folder.is_dir():
        return None
    names = {p.name.lower(): p for p in folder.iterdir() if p.is_file()}
    for name in METADATA_FILES:
        if name in names:
            return names[name]
    return None
