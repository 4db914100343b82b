"""CSV rows that survive malformed lines, and the one way a header row is read.

Both the ``.csv`` document reader (:mod:`factcheck.ingest.readers`) and per-folder metadata files
(:mod:`factcheck.ingest.metadata`) are CSV; they share this so that a bad row is reported with the
same row and line numbers, and headers are matched the same way, in both.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

__all__ = ["csv_rows", "header_names"]


def csv_rows(text: str) -> Iterator[tuple[int, int, list[str] | None, str]]:
    """``(row number, first line, fields or None, error)`` for each CSV row.

    The standard library parser raises on a malformed row and would stop the file there; this
    reports the row (``fields is None`` and ``error`` says why) and carries on with the next.
    Row 1 is the header; ``first line`` is the physical line the row starts on.
    """
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


def header_names(fields: list[str]) -> list[str]:
    """Column names as matched: stripped, lower-case, without a byte-order mark that a
    spreadsheet left on the first one."""
    return [name.strip().lstrip("\ufeff").lower() for name in fields]
