"""The PostgreSQL store itself: URLs and their errors, the tables, migrations, what the table
holds (NUL, hand-made rows, extra and missing columns), privileges, lost connections.

The log semantics (record, supersede, undo, current, exact text) run on PostgreSQL through the
parametrised tests of test_verdicts.py, test_verdict_store.py and test_cli_log.py; writers in
other processes (killed mid-append, ordering, concurrent migrations) are in
test_verdicts_pg_processes.py.
"""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from functools import partial
from typing import Any

import pgcluster
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_verdicts import good_row

from factcheck.verdicts import pgschema
from factcheck.verdicts import pgstore as pgstore_module
from factcheck.verdicts.log import VerdictLog
from factcheck.verdicts.pgstore import PostgresStore
from factcheck.verdicts.pgurl import is_database_url, redact_url
from factcheck.verdicts.rows import COLUMNS, FORMAT_1_COLUMNS
from factcheck.verdicts.store import LogFormatError, LogUnavailableError

pytestmark = pytest.mark.postgres

V1_DDL = """
CREATE TABLE factcheck_schema (version integer PRIMARY KEY, description text NOT NULL,
    package_version text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());
INSERT INTO factcheck_schema VALUES (1, 'the verdict table (row format 1)', '0.1.0', now());
CREATE TABLE factcheck_verdicts (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    verdict_id text NOT NULL DEFAULT '', recorded_at text NOT NULL DEFAULT '',
    editor text NOT NULL DEFAULT '', claim_id text NOT NULL DEFAULT '',
    claim text NOT NULL DEFAULT '', verdict text NOT NULL DEFAULT '',
    rating text NOT NULL DEFAULT '', evidence text NOT NULL DEFAULT '',
    note text NOT NULL DEFAULT '', supersedes text NOT NULL DEFAULT '',
    schema_version text NOT NULL DEFAULT '', package_version text NOT NULL DEFAULT '');
"""
"""Schema version 1 as release 0.1.0 created it, written out by hand (not from the code)."""


def dbname(url: str) -> str:
    return url.split("://", 1)[1].split("/", 1)[1].split("?", 1)[0]


class Db:
    """SQL on one test database as the superuser (set-up and inspection)."""

    def __init__(self, cluster: pgcluster.PgCluster, url: str) -> None:
        self.cluster, self.url, self.name = cluster, url, dbname(url)

    def __call__(self, sql: str, params: Any = None) -> Any:
        return self.cluster.execute(sql, params, dbname=self.name)


@pytest.fixture
def db(pg_cluster: pgcluster.PgCluster, pg_url: str) -> Db:
    return Db(pg_cluster, pg_url)


def insert(db: Db, **values: str) -> None:
    cols = list(values)
    db(
        f"INSERT INTO factcheck_verdicts ({', '.join(cols)}) "
        f"VALUES ({', '.join(['%s'] * len(cols))})",
        list(values.values()),
    )


def v1_row(**over: str) -> dict[str, str]:
    """A good row with row format 1's columns only (what a version-1 table holds)."""
    return {c: v for c, v in good_row(**over).items() if c in FORMAT_1_COLUMNS}


# --- URLs ----------------------------------------------------------------------------------


def test_urls_pick_the_database_and_paths_the_file(tmp_path) -> None:
    for url in ["postgresql://u@h/d", "postgres://u@h/d", "PostgreSQL://u@h/d", " postgresql:///d"]:
        assert is_database_url(url)
        assert isinstance(VerdictLog(url).store, PostgresStore)
        assert VerdictLog(url).path is None
    for path in ["verdicts.csv", "postgresql.csv", "data/postgres://x", tmp_path / "postgresql:"]:
        assert not is_database_url(path)
        assert VerdictLog(path).path is not None


def test_a_password_never_appears_in_names_or_messages() -> None:
    url = "postgresql://huda:s3cr%40t@db.example:5432/news?sslmode=require&password=other"
    assert redact_url(url) == "postgresql://huda@db.example:5432/news?sslmode=require"
    assert redact_url("postgres://u:pw@h1,h2:5433/d?password=x") == "postgres://u@h1,h2:5433/d"
    assert redact_url("postgresql:///d?host=/run/pg&password=x&user=u") == (
        "postgresql:///d?host=/run/pg&user=u"
    )
    log = VerdictLog(url)
    assert "s3cr" not in repr(log) and "s3cr" not in log.location and "other" not in str(log.store)


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("postgresql://huda:s3cret@[::1/news", "IPv6"),
        ("postgresql://huda:s3cret@host:abc/news", "port 'abc'"),
        ("postgresql://huda:s3cret@host:99999/news", "port '99999'"),
        ("postgresql://huda:s3cret@host/news?colour=blue", "colour"),
        ("postgresql://huda:s3%zzcret@host/news", "percent-encoded"),  # libpq quotes the token
        ("postgresql://huda:s3cret@host/news?password=s3%00cret", "percent-encoded"),
    ],
)
def test_a_malformed_url_is_a_value_error_that_says_how_to_write_one(url: str, why: str) -> None:
    with pytest.raises(ValueError, match=r"not a (valid PostgreSQL URL|port number)") as info:
        VerdictLog(url)
    message = str(info.value)
    assert why in message and "postgresql://USER" in message
    assert message.startswith("postgresql://huda@") and "s3" not in message


def test_importing_the_package_does_not_load_the_driver() -> None:
    code = (
        "import sys, factcheck, factcheck.verdicts.log, factcheck.cli.log; "
        "from factcheck.verdicts import VerdictLog; VerdictLog('v.csv'); "
        "print('psycopg' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "False", done.stderr


# --- unreachable databases -----------------------------------------------------------------


def unreachable(cluster: pgcluster.PgCluster) -> list[tuple[str, str]]:
    sock = cluster.socket_dir
    return [
        (f"postgresql://{cluster.superuser}:pw@/no_such_db?host={sock}", "Create the database"),
        (f"postgresql://nobody:pw@/postgres?host={sock}", "Check the user name and password"),
        ("postgresql://huda:pw@/news?host=/nonexistent", "Check that the server is running"),
        ("postgresql://huda:pw@127.0.0.1:1/news", "Check that the server is running"),
    ]


def test_unreachable_databases_give_a_clear_error_naming_them(pg_cluster) -> None:
    for url, todo in unreachable(pg_cluster):
        log = VerdictLog(url)
        record = partial(log.record, claim="c", verdict="true", editor="H")
        for attempt in (log.read, record, log.undo_last, log.exists):
            t0 = time.monotonic()
            with pytest.raises(LogUnavailableError) as info:
                attempt()
            assert time.monotonic() - t0 < 10
            message = str(info.value)
            assert message.startswith(redact_url(url) + ": cannot connect"), message
            assert todo in message and ":pw@" not in message
            assert isinstance(info.value, OSError)  # what the desk and the CLI catch


def test_a_server_that_never_answers_times_out_in_a_few_seconds() -> None:
    """A port that accepts the connection but never speaks (a hung server, a firewall that
    swallows packets): the default connect timeout (5 s) ends the wait, with a clear error."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        url = f"postgresql://huda:pw@127.0.0.1:{silent.getsockname()[1]}/news"
        t0 = time.monotonic()
        with pytest.raises(LogUnavailableError, match=r"cannot connect.*timeout") as info:
            VerdictLog(url).read()
        assert 4 < time.monotonic() - t0 < 12
        assert str(info.value).startswith(redact_url(url))


def test_the_cli_reports_an_unreachable_database_without_a_traceback(pg_cluster) -> None:
    url, _ = unreachable(pg_cluster)[0]
    cmd = [sys.executable, "-m", "factcheck.cli.log"]
    add = ["add", url, "--claim", "c", "--verdict", "true", "--editor", "H"]
    for args in (["show", url], add, ["undo", url, "--editor", "H"], ["export", url, "--format",
                 "claimreview"], ["export", url, "--format", "csv"]):  # fmt: skip
        done = subprocess.run([*cmd, *args], capture_output=True, text=True, encoding="utf-8")
        assert done.returncode == 1, done.stderr
        assert done.stderr.startswith(f"factcheck log {args[0]}: error: {redact_url(url)}: ")
        assert "Traceback" not in done.stderr and ":pw@" not in done.stderr


def test_a_server_that_goes_down_and_comes_back(pg_cluster, pg_url: str) -> None:
    """Down: a clear error, nothing half-done. Back: the same log object carries on."""
    log = VerdictLog(pg_url)
    first = log.record(claim="قبل", verdict="true", editor="هدى")
    pg_cluster.stop()
    try:
        with pytest.raises(LogUnavailableError, match=r"cannot connect|lost the connection"):
            log.read()
        with pytest.raises(LogUnavailableError, match=f"^{re.escape(redact_url(pg_url))}: "):
            log.record(claim="أثناء", verdict="false", editor="هدى")
    finally:
        pg_cluster.start()
    second = log.record(claim="بعد", verdict="false", editor="هدى")
    assert log.read()["verdict_id"].tolist() == [first.verdict_id, second.verdict_id]


def test_a_dropped_connection_is_reopened_once(db: Db, pg_url: str) -> None:
    log = VerdictLog(pg_url)
    log.record(claim="a", verdict="true", editor="H")
    kill = "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()"  # noqa: E501
    db(kill, [db.name])
    assert len(log.read()) == 1  # a read retries on a new connection
    db(kill, [db.name])
    log.record(claim="b", verdict="true", editor="H")  # so does an append that had not begun
    assert log.read()["claim"].tolist() == ["a", "b"]


def test_a_connection_lost_at_commit_says_the_row_may_not_be_stored(
    db: Db, pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = VerdictLog(pg_url)
    log.record(claim="a", verdict="true", editor="H")
    real = pgstore_module.insert_row

    def insert_then_lose_the_connection(conn, query, params):
        real(conn, query, params)
        db("SELECT pg_terminate_backend(%s)", [conn.info.backend_pid])

    monkeypatch.setattr(pgstore_module, "insert_row", insert_then_lose_the_connection)
    with pytest.raises(LogUnavailableError, match="may or may not be stored"):
        log.record(claim="b", verdict="true", editor="H")
    monkeypatch.setattr(pgstore_module, "insert_row", real)
    assert log.read()["claim"].tolist() == ["a"]  # (here it was not: never retried blindly)


# --- the tables ----------------------------------------------------------------------------


def test_the_first_append_creates_the_versioned_tables(db: Db, pg_url: str) -> None:
    log = VerdictLog(pg_url)
    log.read()
    assert not log.exists()  # reading created nothing
    log.record(claim="ادعاء", verdict="صحيح", editor="هدى")
    assert log.exists()
    assert db("SELECT version, package_version FROM factcheck_schema ORDER BY version") == [
        (v, "0.1.0") for v in range(1, pgschema.LATEST + 1)
    ]
    columns = db(
        "SELECT column_name, data_type, is_identity, identity_generation FROM "
        "information_schema.columns WHERE table_name = 'factcheck_verdicts' "
        "ORDER BY ordinal_position"
    )
    assert [c[0] for c in columns] == ["id", *COLUMNS]  # the migrations give rows.COLUMNS
    assert columns[0][1:] == ("bigint", "YES", "ALWAYS")
    assert {c[1] for c in columns[1:]} == {"text"}
    assert db("SELECT id, claim, verdict FROM factcheck_verdicts") == [(1, "ادعاء", "true")]


def test_a_url_can_put_the_tables_in_a_schema_of_their_own(db: Db, pg_url: str) -> None:
    db("CREATE SCHEMA newsroom")
    url = pg_url + "&options=-csearch_path%3Dnewsroom"
    log = VerdictLog(url)
    log.record(claim="ادعاء", verdict="true", editor="H")
    assert db("SELECT table_schema FROM information_schema.tables WHERE table_name LIKE "
              "'factcheck_%' ORDER BY table_name") == [("newsroom",), ("newsroom",)]  # fmt: skip
    assert not VerdictLog(pg_url).exists()  # nothing in public
    assert log.read()["claim"].tolist() == ["ادعاء"]


def test_appends_commit_synchronously_whatever_the_server_default(pg_cluster, pg_url) -> None:
    assert pg_cluster.execute("SHOW synchronous_commit") == [("off",)]  # the test server's
    store = VerdictLog(pg_url).store
    store.rows()
    assert store._conn.execute("SHOW synchronous_commit").fetchone() == ("on",)


def test_nul_is_escaped_in_the_table_and_read_back_exactly(db: Db, pg_url: str) -> None:
    log = VerdictLog(pg_url)
    notes = ["a\x00b", "\ue000", "\ue0000", "\x00\ue000\x00", "\ue000\ue000", "plain"]
    for note in notes:
        log.record(claim="c\x00", verdict="true", editor="H", note=note)
    assert log.read()["note"].tolist() == notes
    assert log.read()["claim"].tolist() == ["c\x00"] * len(notes)
    raw = [n for (n,) in db("SELECT note FROM factcheck_verdicts ORDER BY id")]
    assert raw[0] == "a\ue0000b" and raw[1] == "\ue000\ue000" and raw[-1] == "plain"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    notes=st.lists(st.text(), min_size=1, max_size=4), editor=st.text(min_size=1).filter(str.strip)
)
def test_any_text_round_trips(pg_cluster, notes: list[str], editor: str) -> None:
    """(test_verdicts.py's property on the CSV file, here on a database emptied each time.)"""
    url = pg_cluster.url("hypothesis")
    if not pg_cluster.execute("SELECT 1 FROM pg_database WHERE datname = 'hypothesis'"):
        pg_cluster.create_database("hypothesis")
    pg_cluster.execute(
        "DROP TABLE IF EXISTS factcheck_verdicts, factcheck_schema", dbname="hypothesis"
    )
    log = VerdictLog(url)
    for note in notes:
        log.record(claim=note + " ادعاء", verdict="true", editor=editor, note=note)
    contents = log.read_all()
    assert contents.problems == ()
    assert contents.rows["note"].tolist() == notes
    assert contents.rows["claim"].tolist() == [n + " ادعاء" for n in notes]
    log.store.close()


def test_rows_written_by_hand_are_reported_by_id_and_reading_changes_nothing(
    db: Db, pg_url: str
) -> None:
    log = VerdictLog(pg_url)
    good = log.record(claim="good", verdict="true", editor="Huda")
    insert(db, **good_row(verdict_id="b" * 32, recorded_at="yesterday"))  # id 2
    insert(db, **(good_row(verdict_id=good.verdict_id)))  # id 3: a duplicate id
    insert(db, verdict_id="c" * 32, editor="Huda", claim="bare", verdict="true",
           recorded_at="2026-05-01T10:00:00Z")  # fmt: skip  # id 4: other columns ''
    before = db("SELECT * FROM factcheck_verdicts ORDER BY id")
    contents = log.read_all()
    assert contents.rows["line"].tolist() == [1, 4]
    assert [(p.line, p.error.split(":")[0]) for p in contents.problems] == [
        (2, "recorded_at"),
        (3, "verdict_id"),
    ]
    assert "yesterday" in contents.problems[0].raw and "b" * 32 in contents.problems[0].raw
    assert "line 1" in contents.problems[1].error
    assert db("SELECT * FROM factcheck_verdicts ORDER BY id") == before


def test_extra_columns_are_read_and_left_to_their_defaults(db: Db, pg_url: str) -> None:
    log = VerdictLog(pg_url)
    log.record(claim="a", verdict="true", editor="H")
    db("ALTER TABLE factcheck_verdicts ADD COLUMN desk_comment text, ADD COLUMN score integer")
    db("UPDATE factcheck_verdicts SET desk_comment = 'مراجعة', score = 3")
    log.record(claim="b", verdict="false", editor="H")
    df = log.read()
    assert list(df.columns) == [*COLUMNS, "desk_comment", "score", "line"]
    assert df["desk_comment"].tolist() == ["مراجعة", ""] and df["score"].tolist() == ["3", ""]
    db("ALTER TABLE factcheck_verdicts ADD COLUMN required text NOT NULL DEFAULT 'x'")
    db("ALTER TABLE factcheck_verdicts ALTER COLUMN required DROP DEFAULT")
    with pytest.raises(LogFormatError, match=r"factcheck_verdicts.*required"):
        log.record(claim="c", verdict="false", editor="H")
    assert len(log.read()) == 2


def test_missing_columns(db: Db, pg_url: str) -> None:
    log = VerdictLog(pg_url)
    log.record(claim="a", verdict="true", editor="H")
    db("ALTER TABLE factcheck_verdicts DROP COLUMN package_version")
    assert log.read()["package_version"].tolist() == [""]  # optional: reads as empty
    with pytest.raises(LogFormatError, match=r"lacks column.*package_version"):
        VerdictLog(pg_url).record(claim="b", verdict="true", editor="H")
    db("ALTER TABLE factcheck_verdicts DROP COLUMN editor")
    with pytest.raises(LogFormatError, match=r"lacks column\(s\) editor"):
        log.read()


# --- migrations ----------------------------------------------------------------------------


def test_an_older_schema_is_migrated_on_opening(db: Db, pg_url: str) -> None:
    db(V1_DDL)
    insert(db, **v1_row(verdict_id="a" * 32))
    insert(db, **v1_row(verdict_id="b" * 32, note="سطر\nثان"))
    log = VerdictLog(pg_url)
    df = log.read()  # opening migrates
    assert df["verdict_id"].tolist() == ["a" * 32, "b" * 32]
    assert df["note"].tolist() == ["", "سطر\nثان"]
    assert df["kind"].tolist() == ["", ""] and df["assignee"].tolist() == ["", ""]
    assert [v for (v,) in db("SELECT version FROM factcheck_schema ORDER BY version")] == [1, 2]
    log.record(claim="بعد", verdict="true", editor="هدى")
    assert len(log.read()) == 3
    VerdictLog(pg_url).read()  # opening again: nothing to do
    assert len(db("SELECT * FROM factcheck_schema")) == 2


def test_a_table_from_before_versioning_is_adopted(db: Db, pg_url: str) -> None:
    db(V1_DDL.split(";", 2)[2])  # the verdict table only, no factcheck_schema
    insert(db, **v1_row())
    assert VerdictLog(pg_url).read()["verdict_id"].tolist() == ["a" * 32]
    versions = db("SELECT version FROM factcheck_schema ORDER BY version")
    assert versions == [(v,) for v in range(1, pgschema.LATEST + 1)]


def test_a_newer_schema_is_refused(db: Db, pg_url: str) -> None:
    log = VerdictLog(pg_url)
    log.record(claim="a", verdict="true", editor="H")  # connected, tables checked
    db("INSERT INTO factcheck_schema VALUES (99, 'from the future', '9.0', now())")
    for attempt in (
        log.read,
        lambda: log.record(claim="b", verdict="true", editor="H"),  # (the open connection)
        lambda: VerdictLog(pg_url).record(claim="b", verdict="true", editor="H"),
        lambda: log.undo_last(),
    ):
        with pytest.raises(LogFormatError, match=r"schema version 99, newer .*upgrade"):
            attempt()
    assert db("SELECT count(*) FROM factcheck_verdicts") == [(1,)]
    cmd = [sys.executable, "-m", "factcheck.cli.log", "show", pg_url]
    done = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8")
    assert done.returncode == 2 and "schema version 99" in done.stderr


# --- privileges ----------------------------------------------------------------------------


@pytest.fixture
def role(pg_cluster, db: Db) -> Iterator[Any]:
    """``role(name, *grants)``: a login role on the test database; its URL."""
    made: list[str] = []

    def make(name: str, *grants: str) -> str:
        name = f"{name}_{db.name}"
        pg_cluster.execute(f"CREATE ROLE {name} LOGIN")
        made.append(name)
        for grant in grants:
            db(grant.format(role=name))
        return pg_cluster.url(db.name, user=name)

    yield make
    for name in made:
        db(f"DROP OWNED BY {name}")
        pg_cluster.execute(f"DROP ROLE {name}")


def test_an_append_only_user_can_record_but_not_rewrite(db: Db, pg_url: str, role) -> None:
    VerdictLog(pg_url).record(claim="a", verdict="true", editor="H")  # the owner creates it
    url = role(
        "desk",
        "GRANT SELECT, INSERT ON factcheck_verdicts TO {role}",
        "GRANT SELECT ON factcheck_schema TO {role}",
    )
    log = VerdictLog(url)
    b = log.record(claim="b", verdict="true", editor="H")
    log.undo(b.verdict_id, editor="H")
    assert len(log.read()) == 3
    with connect(url) as conn, pytest.raises(Exception, match="permission denied"):
        conn.execute("DELETE FROM factcheck_verdicts")


def connect(url: str) -> Any:
    import psycopg

    return psycopg.connect(url, autocommit=True)


def test_permission_errors_say_what_to_grant(db: Db, pg_url: str, role) -> None:
    no_grants = role("nobody")
    with pytest.raises(LogUnavailableError, match=r"permission denied.*needs SELECT and INSERT"):
        VerdictLog(no_grants).record(claim="a", verdict="true", editor="H")  # PG15: no CREATE
    db(V1_DDL)
    insert(db, **v1_row())
    reader = role(
        "reader",
        "GRANT SELECT ON factcheck_verdicts TO {role}",
        "GRANT SELECT ON factcheck_schema TO {role}",
    )
    log = VerdictLog(reader)
    df = log.read()  # an older schema it may not migrate: read as it is
    assert df["verdict_id"].tolist() == ["a" * 32] and df["kind"].tolist() == [""]
    assert not db("SELECT 1 FROM information_schema.columns WHERE column_name = 'kind'")
    with pytest.raises(LogUnavailableError, match="permission denied"):
        log.record(claim="b", verdict="true", editor="H")
    assert db("SELECT max(version) FROM factcheck_schema") == [(1,)]


def test_a_busy_lock_times_out_with_a_clear_error(db: Db, pg_url: str) -> None:
    log = VerdictLog(pg_url, lock_timeout=0.3)
    log.record(claim="a", verdict="true", editor="H")
    holder = connect(pg_url)
    try:
        with holder.transaction():
            holder.execute("SELECT pg_advisory_xact_lock(%s)", [pgschema.APPEND_LOCK])
            with pytest.raises(TimeoutError, match=r"could not lock the verdict log within 0\.3 s"):
                log.record(claim="b", verdict="true", editor="H")
            assert len(log.read()) == 1  # reads do not wait for writers
    finally:
        holder.close()
    log.record(claim="b", verdict="true", editor="H")
