"""PostgreSQL store: the verdict log as a table several desks share, a
:class:`~factcheck.verdicts.store.LogStore`.

``VerdictLog("postgresql://huda@db.newsroom/verdicts")`` (or ``postgres://``, or any libpq URL,
see :mod:`factcheck.verdicts.pgurl`) keeps its rows here; a path keeps the CSV file. The tables
and their migrations are :mod:`factcheck.verdicts.pgschema`.

Order
-----
Order is meaning (a claim's current verdict is its latest row), so rows must come back in the
order appends committed. ``rows()`` reads ``ORDER BY id``, and the identity ``id`` is taken when
the ``INSERT`` runs, not when it commits: two transactions could commit out of id order, and a
reader could see row 8 before row 7 exists. So every append holds a transaction-level advisory
lock (:data:`~factcheck.verdicts.pgschema.APPEND_LOCK`) from before its ``INSERT`` until its
``COMMIT``: appends are serialised, ids follow commit order, and every snapshot a reader takes is
a prefix of the log. The advisory lock needs no privilege beyond ``SELECT`` and ``INSERT`` on
the table (a ``LOCK TABLE`` would need ``UPDATE``), so the desk's database user can be
append-only. Rows inserted by hand, without the lock, void this guarantee.

Connections
-----------
One connection per store, opened on first use and kept (a Jupyter kernel reads the log on every
claim it opens; connecting each time would cost more than the query), autocommit with explicit
short transactions, so it never sits "idle in transaction". It is opened again when the server
dropped it (restart, idle timeout: an operation that finds it broken is retried once on a new
one, unless it may already have committed) and in a forked child (a connection must not cross a
fork). The connection sets ``synchronous_commit = on`` (an append is on disk when it returns,
whatever the server's default), ``lock_timeout`` (a busy lock raises ``TimeoutError``), a short
``connect_timeout`` and TCP keepalives, unless the URL sets them. Calls on one store from several
threads take turns.

Errors
------
A malformed URL raises ``ValueError``; a server that is down, refuses the user or database,
drops the connection or denies a permission raises
:class:`~factcheck.verdicts.store.LogUnavailableError` (an ``OSError``) naming the database
without its password and saying what to do; a schema newer than this desk, or a table that lacks
a column, :class:`~factcheck.verdicts.store.LogFormatError`.

NUL
---
PostgreSQL ``text`` cannot hold U+0000; the rare cell that holds it is stored escaped and read
back exactly (:func:`~factcheck.verdicts.pgschema.escape_cell`), every other cell as it is.
"""

from __future__ import annotations

import bisect
import csv
import gc
import io
import os
import re
import threading
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from typing import Any, TypeVar

from factcheck.verdicts import pgschema
from factcheck.verdicts.pgurl import driver, one_line, parse_url, redact_url, without_secrets
from factcheck.verdicts.rows import COLUMNS, PACKAGE_VERSION, REQUIRED_COLUMNS
from factcheck.verdicts.store import LogFormatError, LogUnavailableError, Scan

__all__ = ["PostgresStore", "insert_row"]

_T = TypeVar("_T")


def insert_row(conn: Any, query: str, params: Sequence[str]) -> None:
    """Run the ``INSERT`` of one append (inside its transaction, before ``COMMIT``). A
    module-level name, as :func:`factcheck.verdicts.csvstore.write_all`, so that a test can
    replace it in a writer process (a writer killed between ``INSERT`` and ``COMMIT``)."""
    conn.execute(query, params)


class _Phase:
    """How far an operation got: a lost connection is retried only before ``COMMIT``."""

    def __init__(self) -> None:
        self.committing = False


class PostgresStore:
    """The database backend: the tables of :mod:`~factcheck.verdicts.pgschema` behind a URL.

    ``lock_timeout`` bounds the wait for the append lock (and for table locks), seconds;
    ``connect_timeout`` the wait for the server, seconds (the URL's own ``connect_timeout``
    wins). Nothing connects until the first read or append; the tables are created by the first
    append, never by a read.
    """

    def __init__(
        self, url: str, *, lock_timeout: float = 30.0, connect_timeout: float = 5.0
    ) -> None:
        self.url, self._params = parse_url(url)  # (ValueError when malformed)
        self.where = redact_url(self.url)
        self.lock_timeout = lock_timeout
        self.connect_timeout = connect_timeout
        self._mutex = threading.RLock()
        self._conn: Any = None
        self._pid = 0
        self._ready = False  # the schema is at LATEST with every column (checked on _conn)
        self._migration_denied = False  # a read-only user: read older schemas as they are
        self._txn: Any = None  # the connection while exclusive() holds the lock

    def __str__(self) -> str:
        return self.where

    def __repr__(self) -> str:
        return f"PostgresStore({self.where!r})"

    # -- the connection

    def _connect(self) -> Any:
        psycopg = driver()
        defaults = {
            "connect_timeout": str(max(2, round(self.connect_timeout))),
            "application_name": f"factcheck-desk {PACKAGE_VERSION}",
            "client_encoding": "UTF8",
            "keepalives": "1",
            "keepalives_idle": "30",
            "keepalives_interval": "10",
            "keepalives_count": "3",
        }
        extra = {k: v for k, v in defaults.items() if k not in self._params}
        try:
            conn = psycopg.connect(self.url, autocommit=True, **extra)
        except psycopg.Error as exc:
            raise LogUnavailableError(self._cannot_connect(exc)) from None
        try:  # (a failure here is still a failure to connect)
            encoding = str(conn.info.parameter_status("server_encoding") or "")
            if encoding.upper() not in ("UTF8", "UTF-8"):
                raise LogFormatError(
                    f"{self.where}: the database's encoding is {encoding}, which cannot "
                    "hold Arabic text; create the database with ENCODING 'UTF8'"
                )
            ms = max(1, round(self.lock_timeout * 1000))
            conn.execute(
                f"SET synchronous_commit = on; SET lock_timeout = {ms}; "
                "SET idle_in_transaction_session_timeout = 120000"
            )
        except psycopg.Error as exc:
            conn.close()
            raise LogUnavailableError(self._cannot_connect(exc)) from None
        except BaseException:
            conn.close()
            raise
        return conn

    def _cannot_connect(self, exc: Any) -> str:
        detail = without_secrets(one_line(exc), self.url)
        state = getattr(exc, "sqlstate", None) or ""
        if state == "3D000" or re.search(r'database "[^"]*" does not exist', detail):
            todo = "Create the database (createdb) or correct its name in the URL."
        elif state.startswith("28") or re.search(
            r'role "[^"]*" does not exist|authentication failed|pg_hba\.conf', detail
        ):
            todo = (
                "Check the user name and password (in the URL, $PGPASSWORD or ~/.pgpass) and "
                "that the server's pg_hba.conf lets this user in."
            )
        elif state in ("57P03", "53300") or "too many clients" in detail:
            todo = "The server is starting, stopping or full; try again shortly."
        else:
            todo = (
                "Check that the server is running and that the URL's host and port (or socket "
                "directory) are right."
            )
        end = "" if detail.endswith((".", "?")) else "."
        return f"{self.where}: cannot connect to the verdict database: {detail}{end} {todo}"

    def _connection(self) -> Any:
        if self._conn is not None and self._pid != os.getpid():
            # A forked child: the socket belongs to the parent (psycopg never closes a
            # connection from another process); forget it quietly and connect anew.
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", ResourceWarning)
                self._conn = None
        if self._conn is not None and self._conn.closed:
            self._conn = None
        if self._conn is None:
            self._conn, self._pid, self._ready = self._connect(), os.getpid(), False
            self._migration_denied = False
        return self._conn

    def close(self) -> None:
        """Close the connection (the next operation opens a new one)."""
        with self._mutex:
            conn, self._conn = self._conn, None
            if conn is not None and self._pid == os.getpid() and not conn.closed:
                conn.close()

    def __del__(self) -> None:
        with suppress(Exception):  # at interpreter shutdown there may be nothing left to tidy
            self.close()

    def _run(self, op: Callable[[Any], _T], what: str, phase: _Phase | None = None) -> _T:
        """``op(connection)``, errors turned into the store's own; an operation that finds the
        connection lost is retried once on a new one unless it had reached ``COMMIT``."""
        psycopg = driver()
        with self._mutex:
            if self._txn is not None:  # inside exclusive(): its transaction, no retry
                try:
                    return op(self._txn)
                except psycopg.Error as exc:
                    raise self._translate(exc, what, lost=self._txn.closed) from None
            for attempt in (1, 2):
                conn = self._connection()
                try:
                    return op(conn)
                except psycopg.Error as exc:
                    self._ready = False
                    lost = conn.closed
                    if lost:
                        self._conn = None
                        if attempt == 1 and not (phase and phase.committing):
                            continue
                    committing = bool(phase and phase.committing)
                    raise self._translate(exc, what, lost, committing) from None
        raise AssertionError("unreachable")

    def _translate(self, exc: Any, what: str, lost: bool, committing: bool = False) -> Exception:
        state = getattr(exc, "sqlstate", None) or ""
        detail = one_line(exc)
        if lost:
            if committing:
                return LogUnavailableError(
                    f"{self.where}: lost the connection to the database while committing a row "
                    f"({detail}); the row may or may not be stored: look with `factcheck log "
                    "show` before recording it again"
                )
            return LogUnavailableError(
                f"{self.where}: lost the connection to the database while {what} ({detail}); "
                "check that the server is running and try again"
            )
        if state == "55P03":
            return TimeoutError(
                f"{self.where}: could not lock the verdict log within {self.lock_timeout:g} s "
                "(another desk is writing, or a stuck session holds the lock)"
            )
        if state == "57014":
            return TimeoutError(f"{self.where}: the server cancelled {what}: {detail}")
        if state == "42501":
            return LogUnavailableError(
                f"{self.where}: permission denied while {what} ({detail}); the desk's database "
                f"user needs SELECT and INSERT on {pgschema.TABLE} and {pgschema.VERSION_TABLE} "
                "(and, to create them, CREATE on the schema)"
            )
        if state == "25006":
            return LogUnavailableError(
                f"{self.where}: the server is read-only (a standby?): point the URL at the "
                "primary, e.g. with ?target_session_attrs=read-write"
            )
        if state[:2] in ("42", "23"):
            return LogFormatError(f"{self.where}: table {pgschema.TABLE}: {detail}")
        return LogUnavailableError(f"{self.where}: database error while {what}: {detail}")

    # -- the schema

    def _schema(self, conn: Any, *, create: bool) -> tuple[str, ...]:
        """The verdict table's columns (``()`` when there is none), after migrating an older
        schema forward; a newer schema is refused."""
        version, columns = pgschema.read_state(conn)
        latest = pgschema.LATEST
        wanted = create or bool(columns) or version > 0
        # A writer always tries (a reader's earlier denial must not turn into "lacks columns").
        if version < latest and wanted and (create or not self._migration_denied):
            try:
                pgschema.apply_migrations(conn, pgschema.MIGRATIONS)
            except driver().errors.InsufficientPrivilege:
                if create:
                    raise
                self._migration_denied = True  # a reader without DDL rights reads it as it is
            else:
                version, columns = pgschema.read_state(conn)
        if version > latest:
            raise self._newer(version)
        return columns

    def _newer(self, version: int) -> LogFormatError:
        return LogFormatError(
            f"{self.where}: the verdict tables are at schema version {version}, newer than this "
            f"factcheck-desk ({PACKAGE_VERSION}) knows (up to {pgschema.LATEST}); upgrade "
            "factcheck-desk to use this database (nothing was read or written)"
        )

    def _check_columns(self, columns: Sequence[str], needed: Sequence[str]) -> None:
        missing = [c for c in ("id", *needed) if c not in columns]
        if missing:
            raise LogFormatError(
                f"{self.where}: table {pgschema.TABLE} lacks column(s) {', '.join(missing)} "
                f"(found: {', '.join(columns)}); add them back before using the log"
            )

    def _lock(self, conn: Any, *, known: bool = False) -> None:
        """Take the append lock (held until the transaction ends), then refuse a schema that
        another desk migrated past this one since this connection checked it."""
        version = pgschema.read_version(conn, lock=pgschema.APPEND_LOCK, known=known)
        if version > pgschema.LATEST:
            self._ready = False
            raise self._newer(version)

    # -- writing

    def append(self, values: Mapping[str, str]) -> None:
        """Lock, ``INSERT`` the row, ``COMMIT`` (creating or migrating the tables first)."""
        params = [pgschema.escape_cell(values.get(c, "")) for c in COLUMNS]
        query = (
            f"INSERT INTO {pgschema.quote_ident(pgschema.TABLE)} "
            f"({', '.join(map(pgschema.quote_ident, COLUMNS))}) "
            f"VALUES ({', '.join(['%s'] * len(COLUMNS))})"
        )
        phase = _Phase()

        def op(conn: Any) -> None:
            if not self._ready:  # (the first append on this connection)
                self._check_columns(self._schema(conn, create=True), COLUMNS)
                self._ready = True
            if conn is self._txn:  # exclusive() holds the lock; it commits
                insert_row(conn, query, params)
                return
            with conn.transaction():
                self._lock(conn, known=True)  # (the tables exist: _ready)
                insert_row(conn, query, params)
                phase.committing = True

        self._run(op, "appending a row", phase)

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        """Hold the append lock for a read followed by an append (see
        :class:`~factcheck.verdicts.store.LogStore`); the append commits when the block ends."""
        with self._mutex:
            if self._txn is not None:
                yield
                return

            def begin(conn: Any) -> Any:
                self._schema(conn, create=False)
                tx = conn.transaction()
                tx.__enter__()
                try:
                    self._lock(conn)
                except BaseException as exc:
                    tx.__exit__(type(exc), exc, exc.__traceback__)
                    raise
                return tx

            tx = self._run(begin, "locking the log")
            self._txn = conn = self._conn
            try:
                yield
            except BaseException as exc:
                self._txn = None
                try:
                    tx.__exit__(type(exc), exc, exc.__traceback__)  # rolls back
                except driver().Error:
                    self._conn = None  # lost: the server rolls back on its own
                raise
            self._txn = None
            try:
                tx.__exit__(None, None, None)  # commits
            except driver().Error as exc:
                lost = conn.closed
                if lost:
                    self._conn = None
                raise self._translate(exc, "committing a row", lost, committing=True) from None

    # -- reading

    def exists(self) -> bool:
        """Whether the verdict table exists (a new database has none until the first append)."""
        return self._run(
            lambda conn: bool(
                conn.execute("SELECT to_regclass(%s) IS NOT NULL", [pgschema.TABLE]).fetchone()[0]
            ),
            "looking for the verdict table",
        )

    def rows(self) -> Scan:
        """Every row, ``ORDER BY id``, in one statement (one snapshot); ``lines`` are the ids."""
        return self._run(self._read, "reading the log")

    def _read(self, conn: Any) -> Scan:
        columns = self._schema(conn, create=False)
        if not columns:
            return Scan(COLUMNS, dict.fromkeys(COLUMNS, ()), ())
        self._check_columns(columns, REQUIRED_COLUMNS)
        names = tuple(c for c in columns if c != "id")
        select = ", ".join(
            f"coalesce({pgschema.quote_ident(c)}{'' if c in COLUMNS else '::text'}, '')"
            for c in names
        )
        table = pgschema.quote_ident(pgschema.TABLE)
        with _no_gc():  # 100,000 rows are 1.3 million new objects: no cycle hunting among them
            data = conn.execute(f"SELECT id, {select} FROM {table} ORDER BY id").fetchall()
            if not data:
                return Scan(names, dict.fromkeys(names, ()), ())
            ids, *cols = zip(*data, strict=True)
            del data
        cells = {
            c: pgschema.unescape_column(col) if c in COLUMNS else col
            for c, col in zip(names, cols, strict=True)
        }
        return Scan(names, cells, ids, (), _Raw(names, cells, ids))


@contextmanager
def _no_gc() -> Iterator[None]:
    """The cyclic garbage collector off for a bulk fetch (halves it: every tuple allocated would
    otherwise count towards a collection that finds nothing)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class _Raw:
    """``Scan.raw`` of a database read: the row with id ``line`` as one CSV record."""

    def __init__(
        self, names: Sequence[str], cells: Mapping[str, Sequence[str]], ids: Sequence[int]
    ):
        self.names, self.cells, self.ids = names, cells, ids

    def __call__(self, line: int) -> str:
        k = bisect.bisect_left(self.ids, line)
        if k >= len(self.ids) or self.ids[k] != line:
            return ""
        buf = io.StringIO()
        csv.writer(buf, lineterminator="").writerow([self.cells[c][k] for c in self.names])
        return buf.getvalue()
