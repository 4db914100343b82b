"""Bytes to text: byte-order marks, UTF-8/16/32, single-byte Arabic code pages, newlines.

Every reader (:mod:`factcheck.ingest.readers`) and the metadata file
(:mod:`factcheck.ingest.metadata`) decode through here, so an encoding problem is recognised and
worded the same way for every format.

Strict UTF-8 is tried first because it almost never decodes anything else by accident; after
that ``charset-normalizer`` proposes candidates, and every candidate is checked for plausibility
("mostly Arabic letters, not mojibake") because detectors often mistake Windows-1256 for
Windows-1252 or Cyrillic code pages on short texts. Binary files (images, archives, PDFs, NUL
bytes, control codes) are refused with a :class:`DecodeError` that says what they are.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

__all__ = [
    "DecodeError",
    "Decoded",
    "binary_kind",
    "decode_bytes",
    "decode_text",
    "normalise_newlines",
]


@dataclass(frozen=True)
class Decoded:
    """Decoded text and the name of the encoding that produced it."""

    text: str
    encoding: str


class DecodeError(ValueError):
    """The bytes are not text in any encoding the desk accepts (the message says why)."""


_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its little-endian BOM starts with the UTF-16 one.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Hand-written rather than ``python-magic``/``filetype``: a dozen magic numbers are all the desk
# needs to name what a mis-named file really is, and libmagic is a system library.
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
_OTHER_NEWLINES = ("\r", "\u2028", "\u2029", "\x0b", "\x0c", "\x85")


def normalise_newlines(text: str) -> str:
    """CRLF, CR and the other line separators become "\\n", and a leading BOM goes.

    Cleaning and segmentation split on "\\n" only. (Checked with ``in`` first: a regex
    substitution scans the whole text even when there is nothing to replace.)
    """
    if any(sep in text for sep in _OTHER_NEWLINES):
        text = _NEWLINES_RE.sub("\n", text)
    return text.lstrip("\ufeff")


def decode_text(data: bytes) -> Decoded:
    """:func:`decode_bytes` with newlines normalised: what every reader starts from."""
    decoded = decode_bytes(data)
    return Decoded(normalise_newlines(decoded.text), decoded.encoding)
