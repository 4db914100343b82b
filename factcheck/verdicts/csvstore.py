"""CSV store: the verdict log as one CSV file several kernels append to, a
:class:`~factcheck.verdicts.store.LogStore`.

It keeps rows (column -> text, :data:`factcheck.verdicts.rows.COLUMNS`) safely in the file and
reads them back with every problem located by physical line; what the rows mean is the log's
business (:mod:`factcheck.verdicts.log`).

File format
-----------
* UTF-8 with a byte-order mark (written once, when the file is created) so Excel and LibreOffice
  open the Arabic correctly; RFC 4180 CSV written by the stdlib :mod:`csv` module (comma, ``"``
  quoting, CRLF row ends). Notes may hold commas, quotes and newlines: they round-trip exactly.
* Spreadsheet formula injection: a cell starting with ``=``, ``+``, ``-``, ``@``, tab or CR is
  written with a leading ``'`` (spreadsheets then show it as text); a cell that really starts with
  ``'`` gets a second one. Reading removes exactly that one added ``'``.
* The reader also accepts files without BOM, with LF row ends, with columns reordered and extra
  columns added by hand (kept in the DataFrame; appends write the file's own column order).
* A log of row format 1 (before reviews and assignments) is read as it is and takes verdict
  rows as it is; the first review, assignment or blind verdict adds the format-2 columns to it
  in one atomic rewrite, the old file kept as ``<log>.format1``.

Durability
----------
Each append takes a cross-process lock (:mod:`filelock`, ``<log>.lock`` beside the CSV), writes
one complete row with a single ``write``, ``fsync``s, and unlocks. A writer killed mid-append
(SIGKILL, power loss) leaves a *torn* last row: it has no row end, or ends inside a quoted field.
The reader reports it among the problems of a read
(:attr:`~factcheck.verdicts.rows.LogContents.problems`: physical line number and raw text) and
never lets it break the rows before it. The next append first copies the fragment to
``<log>.quarantine`` and *seals* it -- closes the open quote and ends it with an extra cell
:data:`TORN_MARKER` -- so the fragment stays visible as a reported problem instead of being
rewritten or silently merged into the new row. (A hand-edited file saved without a final
newline looks exactly like a torn write and is treated as one: a torn last field may look
complete.)
"""

from __future__ import annotations

import bisect
import csv
import io
import operator
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from factcheck.verdicts.rows import (
    COLUMNS,
    FORMAT_1_COLUMNS,
    REQUIRED_COLUMNS,
    LogProblem,
    has_surrogate,
    utc_now,
)
from factcheck.verdicts.store import LogFormatError, Scan

__all__ = ["BOM", "TORN_MARKER", "CsvFileStore", "encode_row", "write_all"]

TORN_MARKER = "'#torn-row#"
"""Last cell of a torn row sealed by a later append. It starts with ``'`` followed by a
character the writer never escapes, so no row the writer produced can end with it."""

BOM = b"\xef\xbb\xbf"
"""The UTF-8 byte-order mark a new log file starts with (spreadsheets then read it as UTF-8)."""

_ESCAPED_START = frozenset("=+-@\t\r'")
_SENTINEL = "\x1f#end-of-log#"


# --- spreadsheet formula injection ---------------------------------------------------------


def _neutralise(cell: str) -> str:
    """Defuse spreadsheet formulas (and escape a genuine leading ``'`` so it round-trips)."""
    return "'" + cell if cell and cell[0] in _ESCAPED_START else cell


def _restore_column(col: Sequence[str]) -> list[str]:
    """:func:`_restore` over a column; most columns hold no cell starting with ``'`` at all."""
    joined = "\n".join(col)
    if not joined.startswith("'") and "\n'" not in joined:
        return list(col)
    return [_restore(c) if c[:1] == "'" else c for c in col]


def _restore(cell: str) -> str:
    """Undo :func:`_neutralise`; a hand-typed ``'`` before any other character is kept."""
    if cell[:1] == "'" and cell[1:2] and cell[1] in _ESCAPED_START:
        return cell[1:]
    return cell


# --- the CSV file --------------------------------------------------------------------------


def write_all(fd: int, data: bytes) -> None:
    """``os.write`` until everything is written (a write may be partial). The one write of an
    append goes through this module-level name so a test can replace it in a writer process
    (a slow disk, a writer killed mid-row)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _line_breaks(data: Any) -> int:
    # Physical lines as io/csv count them: CRLF, lone CR and lone LF each end one.
    nl, cr, crlf = ("\n", "\r", "\r\n") if isinstance(data, str) else (b"\n", b"\r", b"\r\n")
    return data.count(nl) + data.count(cr) - data.count(crlf)


class _Parsed:
    """CSV text split into records, with the physical line each starts on."""

    def __init__(self, text: str, starts: list[int], rows: list[list[str]], tail: str) -> None:
        self.text, self.starts, self.rows = text, starts, rows
        # "ok", "cr" (the last row lacks only its LF), "unterminated" or "open-quote"
        self.tail = tail
        self._lines: list[str] | None = None

    def raw(self, index: int) -> str:
        """The raw text of record ``index`` (lines are split only when a problem needs them)."""
        if self._lines is None:
            self._lines = io.StringIO(self.text, newline="").readlines()
        start = self.starts[index] - 1
        end = self.starts[index + 1] - 1 if index + 1 < len(self.starts) else len(self._lines)
        return "".join(self._lines[start:end])

    def raw_at(self, line: int) -> str:
        return self.raw(bisect.bisect_left(self.starts, line))


def _parse(text: str) -> _Parsed:
    """Split CSV text into records with physical line numbers, and say how the text ends.

    A sentinel record follows the text: if the csv module returns it on its own the text ended
    outside quotes, otherwise a quoted field left open (a torn row) swallowed it.
    """
    n_lines = _line_breaks(text) + (1 if text and text[-1] not in "\r\n" else 0)
    reader = csv.reader(io.StringIO(f"{text}\n{_SENTINEL}\n", newline=""), strict=False)
    records = [(cells, reader.line_num) for cells in reader]  # (cells, last physical line)
    open_quote = True
    while records and records[-1][1] > n_lines:  # the sentinel lines (and a torn row's end)
        cells, _ = records.pop()
        if cells == [_SENTINEL]:
            open_quote = False
        elif cells:
            records.append((cells, n_lines))  # a torn row swallowed the sentinel
            break
    starts = [1, *(end + 1 for _, end in records[:-1])] if records else []
    rows = [cells for cells, _ in records]
    if [] in rows:  # blank lines: no record of their own
        keep = [i for i, cells in enumerate(rows) if cells]
        starts, rows = [starts[i] for i in keep], [rows[i] for i in keep]
    if not text or (not open_quote and text[-1] == "\n"):
        tail = "ok"
    elif open_quote:
        tail = "open-quote"
    else:
        tail = "cr" if text[-1] == "\r" else "unterminated"
    return _Parsed(text, starts, rows, tail)


@dataclass(frozen=True)
class _Tail:
    seal: bytes  # written just before the new row
    torn: tuple[int, int, str] | None  # (line, byte offset, raw text) of a torn row to set aside
    lines: int  # line breaks before ``region``
    region: bytes  # the bytes checked: from the last known row boundary to the end of the file


@dataclass(frozen=True)
class _Checkpoint:
    """A byte offset known to be a row boundary, so appends only re-check bytes after it."""

    dev: int
    ino: int
    size: int
    lines: int
    tail: bytes


class CsvFileStore:
    """The CSV file backend: one file, a ``.lock`` beside it, a ``.quarantine`` for torn rows."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        lock_timeout: float = 30.0,
        poll_interval: float = 0.002,
    ) -> None:
        self.path = Path(path)
        self.lock_path = Path(f"{self.path}.lock")
        self.quarantine_path = Path(f"{self.path}.quarantine")
        self.lock_timeout = lock_timeout
        self._lock = FileLock(self.lock_path, timeout=lock_timeout, poll_interval=poll_interval)
        self._checkpoint: _Checkpoint | None = None

    # -- writing

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        """Hold the file lock for a read followed by an append (see
        :class:`~factcheck.verdicts.store.LogStore`): the lock is re-entrant, so ``rows()`` and
        ``append`` inside take it again at once while other writers wait."""
        self._acquire()
        try:
            yield
        finally:
            self._lock.release()

    def _acquire(self) -> None:
        try:
            self._lock.acquire()
        except Timeout:
            raise TimeoutError(
                f"{self.path}: could not lock {self.lock_path} within {self.lock_timeout} s"
            ) from None

    def append(self, values: Mapping[str, str]) -> None:
        """Lock, seal a torn tail if there is one, write the row in one write, fsync, unlock."""
        self._acquire()
        try:
            if not self.path.exists() or self.path.stat().st_size == 0:
                self._create()
            self._upgrade_for(values)
            fd = os.open(self.path, os.O_RDWR | os.O_APPEND | getattr(os, "O_BINARY", 0))
            try:
                self._append_locked(fd, values)
            finally:
                os.close(fd)
        finally:
            self._lock.release()

    def _create(self) -> None:
        # A temporary file renamed into place: nobody ever sees a half-written header.
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            fh.write(BOM + encode_row(COLUMNS))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.path)
        _fsync_dir(self.path.parent)
        self._checkpoint = None

    def _header(self) -> tuple[str, ...]:
        with open(self.path, "rb") as fh:
            head = fh.read(65536)
        return _header_cells(head.removeprefix(BOM).decode("utf-8", "surrogateescape"))

    def _upgrade_for(self, values: Mapping[str, str]) -> None:
        """Give a format-1 log the columns of format 2 when a row needs them (a review, an
        assignment, a blind verdict). Verdict rows fit a format-1 header as they are.

        The one time the file is rewritten: every row is copied with empty new cells into a
        temporary file, synced, and renamed over the log, so a reader sees the old file or the
        new one; the old file stays beside it as ``<log>.format1``. A log with damaged rows is
        not upgraded (they would be copied as they are): the error names the first one."""
        header = self._header()
        missing = [c for c in COLUMNS if c not in header]
        if not missing or any(c in FORMAT_1_COLUMNS for c in missing):
            return  # nothing to add, or a damaged header: _append_locked says so
        if not any(values.get(c, "") for c in missing):
            return
        data = self.path.read_bytes()
        scan = self._scan(data.removeprefix(BOM).decode("utf-8", "surrogateescape"))
        if scan.problems:
            first = scan.problems[0]
            raise LogFormatError(
                f"{self.path}: line {first.line}: {first.error}; this log must gain the "
                f"column(s) {', '.join(missing)} to record this row, and a damaged row "
                "must be fixed or removed first"
            )
        wider = (*header, *missing)
        rows = zip(*(scan.cells[c] for c in header), strict=True) if scan.lines else ()
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.upgrade")
        with open(tmp, "wb") as fh:
            fh.write(BOM + encode_row(wider))
            for row in rows:
                fh.write(encode_row([*row, *[""] * len(missing)]))
            fh.flush()
            os.fsync(fh.fileno())
        backup = self.path.with_name(self.path.name + ".format1")
        if not backup.exists():
            os.link(self.path, backup)
        os.replace(tmp, self.path)
        _fsync_dir(self.path.parent)
        self._checkpoint = None

    def _append_locked(self, fd: int, values: Mapping[str, str]) -> None:
        head = _pread(fd, 65536, 0)
        header = _header_cells(head.removeprefix(BOM).decode("utf-8", "surrogateescape"))
        missing = [c for c in COLUMNS if c not in header and c in FORMAT_1_COLUMNS]
        if missing:
            raise LogFormatError(
                f"{self.path}: line 1: header lacks column(s) {', '.join(missing)}; "
                "add them back to the header line before recording"
            )
        st = os.fstat(fd)
        tail = self._check_tail(fd, st)
        row = encode_row(values.get(c, "") for c in header)
        if tail.torn is not None:
            self._quarantine(*tail.torn)
        write_all(fd, tail.seal + row)
        os.fsync(fd)
        size = st.st_size + len(tail.seal) + len(row)
        joined = 1 if tail.region.endswith(b"\r") and tail.seal.startswith(b"\n") else 0
        lines = tail.lines + _line_breaks(tail.region) + _line_breaks(tail.seal + row) - joined
        end = _pread(fd, 32, max(0, size - 32))
        self._checkpoint = _Checkpoint(st.st_dev, st.st_ino, size, lines, end)

    def _check_tail(self, fd: int, st: os.stat_result) -> _Tail:
        """What must be written before the new row so that it starts a row of its own: nothing,
        the LF of a half-written CRLF, or a seal that closes and marks a torn row."""
        cp, start, lines = self._checkpoint, 0, 0
        if (
            cp is not None
            and (cp.dev, cp.ino) == (st.st_dev, st.st_ino)
            and cp.size <= st.st_size
            and _pread(fd, len(cp.tail), cp.size - len(cp.tail)) == cp.tail
        ):
            start, lines = cp.size, cp.lines
        region = _pread(fd, st.st_size - start, start)
        # Fast path: rows from this writer end in a newline and keep their quotes paired.
        if not region or (region.endswith(b"\n") and region.count(b'"') % 2 == 0):
            return _Tail(b"", None, lines, region)
        text = region.removeprefix(BOM) if start == 0 else region
        parsed = _parse(text.decode("utf-8", "surrogateescape"))
        if parsed.tail == "ok":
            return _Tail(b"", None, lines, region)
        if parsed.tail == "cr":
            return _Tail(b"\n", None, lines, region)
        if start == 0 and len(parsed.rows) == 1:  # only a header, without its line end
            if parsed.tail == "open-quote":
                raise LogFormatError(f"{self.path}: line 1: the header has an unclosed quote")
            return _Tail(b"\r\n", None, lines, region)
        raw = parsed.raw(len(parsed.rows) - 1)
        offset = st.st_size - len(raw.encode("utf-8", "surrogateescape"))
        quote = b'"' if parsed.tail == "open-quote" else b""
        seal = quote + b"," + TORN_MARKER.encode() + b"\r\n"
        return _Tail(seal, (lines + parsed.starts[-1], offset, raw), lines, region)

    def _quarantine(self, line: int, offset: int, raw: str) -> None:
        stamp = utc_now()
        entry = (
            f"# {stamp} torn row at line {line} (byte {offset}) of "
            f"{self.path.name}; sealed in place with a {TORN_MARKER} cell\n{raw}\n"
        )
        with open(
            self.quarantine_path, "a", encoding="utf-8", errors="surrogateescape", newline=""
        ) as fh:
            fh.write(entry)
            fh.flush()
            os.fsync(fh.fileno())

    # -- reading

    def rows(self) -> Scan:
        """Every row up to the last completed append (a consistent snapshot: the size is taken
        under the lock, so a row being written right now is not mistaken for a torn one)."""
        try:
            size = self._stable_size()
            with open(self.path, "rb") as fh:
                data = fh.read(size) if size is not None else fh.read()
        except FileNotFoundError:
            return Scan(COLUMNS, dict.fromkeys(COLUMNS, ()), ())
        text = data.removeprefix(BOM).decode("utf-8", "surrogateescape")
        return self._scan(text)

    def _stable_size(self) -> int | None:
        if not self.path.exists():
            raise FileNotFoundError(self.path)
        try:
            with self._lock.acquire(timeout=min(self.lock_timeout, 10.0)):
                return self.path.stat().st_size
        except (Timeout, OSError):
            return None  # read-only share or a stuck writer: read what is there

    def _scan(self, text: str) -> Scan:
        parsed = _parse(text)
        if not parsed.rows:
            return Scan(COLUMNS, dict.fromkeys(COLUMNS, ()), ())
        header = tuple(c.strip().lstrip("\ufeff") for c in parsed.rows[0])
        where = f"{self.path}: line {parsed.starts[0]}"
        dupes = sorted({c for c in header if header.count(c) > 1})
        if dupes:
            raise LogFormatError(f"{where}: duplicate column(s) {', '.join(dupes)}")
        missing = [c for c in REQUIRED_COLUMNS if c not in header]
        if missing:
            raise LogFormatError(
                f"{where}: header lacks column(s) {', '.join(missing)} (found: {', '.join(header)})"
            )
        bad_bytes = has_surrogate(text)
        ncols, rows, starts = len(header), parsed.rows, parsed.starts
        torn_at = len(rows) - 1 if parsed.tail in ("unterminated", "open-quote") else -1
        body = rows[1:]
        problems: list[LogProblem] = []
        if (
            torn_at < 0
            and not bad_bytes
            and set(map(len, body)) <= {ncols}
            and TORN_MARKER not in map(operator.itemgetter(-1), body)
            and [""] * ncols not in body
        ):  # the usual file: every record a plain row, checked at C speed
            kept, lines = body, starts[1:]
        else:
            kept, lines = [], []
            for i in range(1, len(rows)):
                cells = rows[i]
                error = _row_problem(cells, ncols, i == torn_at, bad_bytes)
                if error:
                    problems.append(LogProblem(starts[i], error, parsed.raw(i)))
                elif any(cells):  # (blank spreadsheet rows are skipped)
                    kept.append(cells[:ncols])  # (trailing empty cells a spreadsheet added)
                    lines.append(starts[i])
        columns = zip(*kept, strict=True) if kept else ((),) * ncols
        cells_by_column = {h: _restore_column(col) for h, col in zip(header, columns, strict=True)}
        return Scan(header, cells_by_column, lines, tuple(problems), parsed.raw_at)


def _row_problem(cells: list[str], ncols: int, torn: bool, bad_bytes: bool) -> str:
    """Why a record that is not a plain row cannot be loaded ("" when it can, or is blank)."""
    if cells[-1] == TORN_MARKER:
        return "torn row (a writer was stopped mid-append), sealed by a later append"
    if torn:
        return (
            "torn last row (no row end: a writer was stopped mid-append, or the file was saved "
            "without a final newline); set aside, not loaded"
        )
    if len(cells) > ncols and not any(cells[ncols:]):
        cells = cells[:ncols]
    if len(cells) != ncols and any(cells):
        return f"row has {len(cells)} cells but the header has {ncols} columns"
    if bad_bytes and any(has_surrogate(c) for c in cells):
        return "row is not valid UTF-8"
    return ""


def _header_cells(text: str) -> tuple[str, ...]:
    for cells in csv.reader(io.StringIO(text, newline="")):
        if cells:
            return tuple(c.strip().lstrip("\ufeff") for c in cells)
    return ()


def encode_row(cells: Iterable[str]) -> bytes:
    """One CSV record as the file stores it: formula cells neutralised, CRLF, UTF-8."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerow([_neutralise(c) for c in cells])
    return buf.getvalue().encode("utf-8")


def _pread(fd: int, n: int, offset: int) -> bytes:
    """Read ``n`` bytes at ``offset`` (seek + read, as Windows has no ``os.pread``; with
    ``O_APPEND`` the write position does not depend on the seek)."""
    os.lseek(fd, offset, os.SEEK_SET)
    chunks, done = [], 0
    while done < n:
        chunk = os.read(fd, n - done)
        if not chunk:
            break
        chunks.append(chunk)
        done += len(chunk)
    return b"".join(chunks)


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return  # not supported here (e.g. Windows); the data itself is fsynced
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
