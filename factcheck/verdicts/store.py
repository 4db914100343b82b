"""Verdict store: the :class:`LogStore` protocol -- what any place that keeps verdict rows must do.

The log (:mod:`factcheck.verdicts.log`) gives rows their meaning and the row format
(:mod:`factcheck.verdicts.rows`) checks them; a store only keeps rows (column -> text, the
columns of :data:`factcheck.verdicts.rows.COLUMNS`) and hands them back with every problem
located. The CSV file desks share is :class:`factcheck.verdicts.csvstore.CsvFileStore`, the
shared database :class:`factcheck.verdicts.pgstore.PostgresStore`; both implement the same two
methods (``append(values)`` / ``rows()``) and the log does not know which it has.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from factcheck.verdicts.rows import LogProblem

__all__ = ["LogFormatError", "LogStore", "LogUnavailableError", "Scan"]


class LogFormatError(ValueError):
    """The log as a whole cannot be used (unreadable header, missing columns, a database schema
    newer than this desk); names where."""


class LogUnavailableError(OSError):
    """The log's storage cannot be reached or used right now (a database that is down, refuses
    the user, lost the connection, or denies a permission). The message names the log (never a
    password) and says what to do; an ``OSError`` so that every caller that already handles an
    unreadable file (the desk, the command line) handles it too."""


def _no_raw(line: int) -> str:
    return ""


@dataclass(frozen=True, eq=False)
class Scan:
    """What a store holds, column by column: its column order, the text of every row it could
    split (``cells[column][k]`` for the row starting at ``lines[k]``), the rows it could not
    (torn, wrong number of cells), and ``raw(line)``, the raw text of the row starting at
    ``line``, for error reports."""

    columns: tuple[str, ...]
    cells: Mapping[str, Sequence[str]]
    lines: Sequence[int]
    problems: tuple[LogProblem, ...] = ()
    raw: Callable[[int], str] = _no_raw


@runtime_checkable
class LogStore(Protocol):
    """Where the rows of a verdict log live. A store must guarantee:

    * **Append-only.** ``append`` adds one row; nothing ever rewrites or deletes a stored row
      (corrections and undos are new rows, see :mod:`factcheck.verdicts.log`).
    * **Atomic, durable appends.** When ``append`` returns, the row is stored whole and survives
      a crash (CSV: one write, then ``fsync``; PostgreSQL: ``INSERT`` committed). A writer killed
      mid-append leaves either nothing or a fragment that ``rows()`` reports as a problem and
      never merges into another row. Appends from several processes at once lose nothing and
      never interleave (CSV: a file lock; PostgreSQL: transactions serialised by an advisory
      lock). An append that cannot get access in time raises ``TimeoutError``; storage that is
      unusable as a whole (a header or table lacking a column) raises :class:`LogFormatError`,
      storage that cannot be reached :class:`LogUnavailableError`, and nothing is written then.
    * **Exact text.** Every cell reads back exactly as appended (any Unicode, newlines, a
      leading ``=``): escaping is the store's own business, undone on reading. Values arrive
      already validated; a store does not judge them.
    * **Order.** ``rows()`` returns the completed appends in the order they were stored, as one
      consistent snapshot (an append in flight is either wholly in it or not at all): the current
      verdict of a claim is its *latest* row, so order is meaning.
    * **Problems with a location.** ``Scan.lines`` says where each row starts, strictly
      increasing (CSV: the physical line; PostgreSQL: the row's serial id), and ``raw(line)``
      gives its text. A row the store cannot split goes into ``Scan.problems`` as a
      :class:`~factcheck.verdicts.rows.LogProblem` at its location; one bad row never makes
      ``rows()`` raise. Rows whose cells are split but invalid are left to the log, which
      validates every row read and reports them the same way.
    * **Reading changes no row.** A missing or empty store reads as no rows (columns
      :data:`~factcheck.verdicts.rows.COLUMNS`) and is not created by reading. Extra columns
      are returned too (in ``Scan.columns``); a missing optional column reads as empty.

    Optionally, a store offers ``exclusive()``: a context manager during which no other writer
    appends, so that a read followed by an append is one atomic step (the log uses it where it
    checks what it appends against what is stored: undo, undo-last, corrections). Inside it,
    ``rows()`` sees every completed append and ``append`` is durable when the block exits.
    Stores without it give no such guarantee (two undos of one verdict may both be stored).
    """

    def append(self, values: Mapping[str, str]) -> None:
        """Store one row (column -> text) atomically and durably, after every earlier one."""
        ...

    def rows(self) -> Scan:
        """Every stored row, in append order, with the rows that could not be split."""
        ...
