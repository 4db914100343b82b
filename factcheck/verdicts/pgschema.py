"""PostgreSQL schema of the verdict log: its tables, its version, and the migrations between
versions (used by :mod:`factcheck.verdicts.pgstore`).

Tables
------
* :data:`TABLE` (``factcheck_verdicts``): ``id`` (``bigint`` identity, the row's place in the
  log; ``GENERATED ALWAYS`` so nobody sets it by hand) and one ``text NOT NULL DEFAULT ''``
  column per name of :data:`factcheck.verdicts.rows.COLUMNS`. Every column is text, as in the
  CSV file, so every cell reads back exactly as written (a ``timestamptz`` would rewrite
  ``recorded_at``); SQL users cast (``recorded_at::timestamptz``).
* :data:`VERSION_TABLE` (``factcheck_schema``): one row per migration applied (``version``,
  ``description``, ``package_version``, ``applied_at``). The schema's version is the highest.

Both live in the first schema of the connection's ``search_path`` (``public`` by default; a URL
can choose another: ``?options=-csearch_path%3Dnewsroom``).

Migrations
----------
:data:`MIGRATIONS` lists every step from an empty database to the current layout, in version
order; :data:`LATEST` is the last one's version. A database at an older version is brought
forward in one transaction under :data:`MIGRATION_LOCK` (an advisory lock): several processes
opening it at once migrate it once, the others wait and find it done. A database at a newer
version (written by a newer factcheck-desk) is refused. When
:data:`~factcheck.verdicts.rows.COLUMNS` grows, the new columns get one entry, e.g.::

    add_columns(2, "review and assignment (row format 2)", "kind", "target", "decision")

(``tests/test_verdicts_pg.py`` checks that the migrations end in exactly ``id`` + ``COLUMNS``,
and the store refuses to append to a table that lacks one of them.)

Entries are never edited once released: a database that ran version 1 keeps the table
version 1 made, so the step to version 2 must start from exactly that.

NUL
---
PostgreSQL ``text`` cannot hold U+0000. To keep the store's promise that any text reads back
exactly, a cell holding NUL (or the escape character itself) is stored with U+E000, the first
private-use character, as an escape: U+0000 becomes U+E000 ``0`` and U+E000 becomes U+E000
U+E000 (:func:`escape_cell`, :func:`unescape_column`). Every other cell, that is all real
newsroom text, is stored as it is, so SQL users see the verdicts as written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from factcheck.verdicts.rows import PACKAGE_VERSION

__all__ = [
    "APPEND_LOCK",
    "LATEST",
    "MIGRATIONS",
    "MIGRATION_LOCK",
    "TABLE",
    "VERSION_TABLE",
    "Migration",
    "add_columns",
    "apply_migrations",
    "escape_cell",
    "quote_ident",
    "read_state",
    "read_version",
    "unescape_column",
]

TABLE = "factcheck_verdicts"
"""The table of verdict rows."""

VERSION_TABLE = "factcheck_schema"
"""The table recording which migrations ran."""

_LOCK_CLASS = 0x46434B44  # "FCKD": the high half of both advisory lock keys
APPEND_LOCK = (_LOCK_CLASS << 32) | 1
"""Advisory lock key every append (and every read-then-append) holds until it commits."""
MIGRATION_LOCK = (_LOCK_CLASS << 32) | 2
"""Advisory lock key a migration holds until it commits."""


_ESC = "\ue000"
_UNESCAPE = re.compile("\ue000([\ue0000])")


def escape_cell(cell: str) -> str:
    """``cell`` as the table stores it: NUL and U+E000 escaped (see NUL above)."""
    if "\x00" in cell or _ESC in cell:
        return cell.replace(_ESC, _ESC + _ESC).replace("\x00", _ESC + "0")
    return cell


def unescape_column(col: Sequence[str]) -> Sequence[str]:
    """The cells of a column as appended: :func:`escape_cell` undone."""
    if _ESC not in "".join(col):  # the usual column, checked at C speed
        return col
    return [_UNESCAPE.sub(_unescape_match, c) if _ESC in c else c for c in col]


def _unescape_match(m: re.Match[str]) -> str:
    return _ESC if m.group(1) == _ESC else "\x00"


def quote_ident(name: str) -> str:
    """``name`` as an SQL identifier (double quotes, inner quotes doubled)."""
    return '"' + name.replace('"', '""') + '"'


@dataclass(frozen=True)
class Migration:
    """One step of the schema: ``statements`` (``{table}`` stands for the quoted verdict
    table) run in order, in the migration's transaction."""

    version: int
    description: str
    statements: tuple[str, ...]


def add_columns(version: int, description: str, *names: str) -> Migration:
    """The migration that adds text columns ``names`` (empty in every existing row)."""
    return Migration(
        version,
        description,
        tuple(
            f"ALTER TABLE {{table}} ADD COLUMN IF NOT EXISTS {quote_ident(n)} text NOT NULL "
            "DEFAULT ''"
            for n in names
        ),
    )


_V1_COLUMNS = (
    "verdict_id", "recorded_at", "editor", "claim_id", "claim", "verdict", "rating", "evidence",
    "note", "supersedes", "schema_version", "package_version",
)  # fmt: skip
# Row format 1, written out rather than taken from rows.COLUMNS: migration 1 must keep making
# exactly this table when COLUMNS grows (the new columns come from their own migration).

MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "the verdict table (row format 1)",
        (
            "CREATE TABLE IF NOT EXISTS {table} ("
            "id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
            + ", ".join(f"{quote_ident(c)} text NOT NULL DEFAULT ''" for c in _V1_COLUMNS)
            + ")",
            "COMMENT ON TABLE {table} IS 'factcheck-desk verdict log: append-only, one row per "
            "editorial decision, in id order. Write through factcheck-desk only: appends are "
            "serialised by an advisory lock so that ids follow commit order.'",
        ),
    ),
    add_columns(
        2,
        "reviews, blind second opinions and assignments (row format 2)",
        "kind",
        "target",
        "decision",
        "assignee",
        "blind",
    ),
)
"""Every schema step, oldest first (versions 1, 2, ... without gaps)."""

LATEST = MIGRATIONS[-1].version
"""The schema version this desk reads and writes."""


def read_version(conn: Any, lock: int | None = None, *, known: bool = False) -> int:
    """The schema version of the database ``conn`` is connected to (0 when no migration ran),
    after taking the transaction-level advisory lock ``lock`` when one is given. ``known``: the
    version table is known to exist, so lock and version take one round trip (an append's)."""
    version_sql = f"SELECT coalesce(max(version), 0) FROM {VERSION_TABLE}"
    if known and lock is not None:
        sql = f"SELECT ({version_sql}) FROM pg_advisory_xact_lock(%s)"
        return int(conn.execute(sql, [lock]).fetchone()[0])
    if lock is None:
        row = conn.execute("SELECT to_regclass(%s) IS NOT NULL", [VERSION_TABLE]).fetchone()
    else:
        row = conn.execute(
            "SELECT to_regclass(%s) IS NOT NULL FROM pg_advisory_xact_lock(%s)",
            [VERSION_TABLE, lock],
        ).fetchone()
    if not row[0]:
        return 0
    return int(conn.execute(version_sql).fetchone()[0])


def read_state(conn: Any) -> tuple[int, tuple[str, ...]]:
    """``(version, columns)`` of the database ``conn`` is connected to: the schema version (0
    when no migration ran) and the verdict table's columns in table order (``()`` when there is
    no verdict table)."""
    version = read_version(conn)
    columns = conn.execute(
        "SELECT attname FROM pg_attribute WHERE attrelid = to_regclass(%s) AND attnum > 0 "
        "AND NOT attisdropped ORDER BY attnum",
        [TABLE],
    ).fetchall()
    return version, tuple(c for (c,) in columns)


def apply_migrations(conn: Any, migrations: tuple[Migration, ...] = MIGRATIONS) -> int:
    """Bring the database forward to the last of ``migrations``; returns the version found
    before (under the lock, so after any concurrent migration).

    One transaction under :data:`MIGRATION_LOCK`: it either completes or leaves the database as
    it was. A database already at a newer version is left untouched; the caller compares the
    returned version with the latest it knows and refuses it.
    """
    latest = migrations[-1].version
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", [MIGRATION_LOCK])
        conn.execute(
            f"CREATE TABLE IF NOT EXISTS {VERSION_TABLE} ("
            "version integer PRIMARY KEY, description text NOT NULL, "
            "package_version text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())"
        )
        row = conn.execute(f"SELECT coalesce(max(version), 0) FROM {VERSION_TABLE}").fetchone()
        found = int(row[0])
        if found >= latest:
            return found
        for m in migrations:
            if m.version <= found:
                continue
            for statement in m.statements:
                conn.execute(statement.format(table=quote_ident(TABLE)))
            conn.execute(
                f"INSERT INTO {VERSION_TABLE} (version, description, package_version) "
                "VALUES (%s, %s, %s)",
                [m.version, m.description, PACKAGE_VERSION],
            )
    return found
