"""The PostgreSQL store with real processes: a writer killed mid-append loses nothing committed
and leaves nothing partial, rows come back in commit order, concurrent openers migrate once, a
forked child and threads share a log safely. (8 processes x 500 appends and concurrent undos run
on both stores in test_verdicts_concurrency.py.)"""

from __future__ import annotations

import multiprocessing
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from test_verdicts_concurrency import NOTE
from test_verdicts_pg import V1_DDL, Db, dbname

from factcheck.verdicts import pgschema
from factcheck.verdicts.log import VerdictLog

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="POSIX processes and signals"),
]


@pytest.fixture
def db(pg_cluster, pg_url: str) -> Db:
    return Db(pg_cluster, pg_url)


def _spawn(code: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", code, *args], stdout=subprocess.PIPE, text=True, encoding="utf-8"
    )


HANGING_WRITER = """
import sys, time
import factcheck.verdicts.pgstore as store
from factcheck.verdicts.log import VerdictLog

real = store.insert_row

def insert_then_hang(conn, query, params):  # INSERT done, COMMIT not yet sent
    real(conn, query, params)
    print("inserted", conn.execute("SELECT currval(pg_get_serial_sequence('factcheck_verdicts', 'id'))").fetchone()[0], flush=True)
    time.sleep(float(sys.argv[3]))

log = VerdictLog(sys.argv[1])
log.record(claim="قبل", verdict="صحيح", editor="Omar", note=sys.argv[2])
print("first", flush=True)
store.insert_row = insert_then_hang
row = log.record(claim="أثناء", verdict="خاطئ", editor="Omar", note=sys.argv[2] * 50)
print("committed", row.verdict_id, flush=True)
"""  # noqa: E501


def test_sigkill_between_insert_and_commit_loses_nothing_and_keeps_nothing_partial(
    db: Db, pg_url: str
) -> None:
    proc = _spawn(HANGING_WRITER, pg_url, NOTE, "600")
    try:
        assert proc.stdout.readline().strip() == "first"
        assert proc.stdout.readline().startswith("inserted 2")  # row 2 inserted, lock held
        log = VerdictLog(pg_url)
        assert log.read()["claim"].tolist() == ["قبل"]  # uncommitted: invisible
        proc.send_signal(signal.SIGKILL)
        assert proc.wait(timeout=30) == -signal.SIGKILL
    finally:
        proc.kill()
        proc.stdout.close()

    t0 = time.monotonic()
    new = log.record(claim="بعد", verdict="مضلل", editor="Huda", note=NOTE)
    assert time.monotonic() - t0 < 5  # the dead writer's lock went with its session
    contents = log.read_all()
    assert contents.problems == ()
    df = contents.rows
    assert df["claim"].tolist() == ["قبل", "بعد"] and df["note"].tolist() == [NOTE, NOTE]
    assert df["verdict_id"].iloc[-1] == new.verdict_id
    assert df["line"].tolist() == [1, 3]  # id 2 died with its transaction: a gap, not a row
    assert db("SELECT count(*) FROM factcheck_verdicts") == [(2,)]


LOOPING_WRITER = """
import sys
from factcheck.verdicts.log import VerdictLog

log = VerdictLog(sys.argv[1])
i = 0
while True:
    row = log.record(claim=f"claim {i}", verdict="false", editor="Omar", note=sys.argv[2] * 40)
    print(row.verdict_id, flush=True)
    i += 1
"""


def test_random_sigkill_of_a_real_writer(pg_url: str) -> None:
    """Kill a writer at whatever point it has reached, several times: every row it confirmed is
    there, at most one more (committed, not yet confirmed), and never a broken one."""
    confirmed: list[str] = []
    before: set[str] = set()
    for delay in (0.3, 0.45, 0.6, 0.75):
        proc = _spawn(LOOPING_WRITER, pg_url, NOTE)
        mine: list[str] = []
        try:
            mine.append(proc.stdout.readline().strip())  # running
            time.sleep(delay)
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=30)
            mine += [line.strip() for line in proc.stdout if line.strip()]
        finally:
            proc.kill()
            proc.stdout.close()
        contents = VerdictLog(pg_url).read_all()
        assert contents.problems == ()
        assert (contents.rows["note"] == NOTE * 40).all()
        ids = set(contents.rows["verdict_id"])
        new = ids - before
        assert set(mine) <= new
        assert len(new) - len(mine) in (0, 1)
        confirmed += mine
        before = ids
    assert len(confirmed) > 40
    log = VerdictLog(pg_url)
    last = log.record(claim="after", verdict="true", editor="Huda")
    assert log.read()["verdict_id"].iloc[-1] == last.verdict_id


def test_rows_come_back_in_commit_order(pg_url: str) -> None:
    """A writer that has inserted but not committed holds the append lock: a second writer
    waits, takes its id only then, and commits after it. Without the lock the second row would
    get the next id but commit first, and a reader would see row 3 before row 2 existed."""
    VerdictLog(pg_url).record(claim="zero", verdict="true", editor="H")
    slow = _spawn(HANGING_WRITER, pg_url, "n", "1.5")
    try:
        assert slow.stdout.readline().strip() == "first"
        assert slow.stdout.readline().startswith("inserted 3")  # holds the lock 1.5 s
        t0 = time.monotonic()
        fast = VerdictLog(pg_url).record(claim="fast", verdict="true", editor="H")
        waited = time.monotonic() - t0
        committed = slow.stdout.readline().split()
        assert slow.wait(timeout=30) == 0
    finally:
        slow.kill()
        slow.stdout.close()
    assert waited > 0.5  # it waited for the slow writer's COMMIT
    df = VerdictLog(pg_url).read()
    assert df["claim"].tolist() == ["zero", "قبل", "أثناء", "fast"]
    assert df["line"].tolist() == [1, 2, 3, 4]
    assert committed[1] == df["verdict_id"].iloc[2] and fast.verdict_id == df["verdict_id"].iloc[3]


OPENER = """
import sys, time
from pathlib import Path
from factcheck.verdicts.log import VerdictLog

go = Path(sys.argv[2])
print("ready", flush=True)
while not go.exists():
    time.sleep(0.002)
log = VerdictLog(sys.argv[1])
print(len(log.read()), flush=True)
log.record(claim="بعد الترحيل", verdict="صحيح", editor=sys.argv[3])
"""


def test_processes_opening_an_older_schema_at_once_migrate_it_once(
    db: Db, pg_url: str, tmp_path: Path
) -> None:
    db(V1_DDL)
    db("INSERT INTO factcheck_verdicts (verdict_id, recorded_at, editor, claim, verdict) "
       "VALUES ('a', '2026-05-01T10:00:00Z', 'H', 'c', 'true')")  # fmt: skip
    go = tmp_path / "go"
    procs = [_spawn(OPENER, pg_url, str(go), f"editor-{k}") for k in range(4)]
    assert [p.stdout.readline().strip() for p in procs] == ["ready"] * 4
    go.touch()  # all four open the database at once
    outs = [p.communicate(timeout=120)[0].split() for p in procs]
    assert all(p.returncode == 0 for p in procs), outs
    versions = db("SELECT version FROM factcheck_schema ORDER BY version")
    assert [v for (v,) in versions] == list(range(1, pgschema.LATEST + 1))
    cols = db("SELECT column_name FROM information_schema.columns WHERE table_name = "
              "'factcheck_verdicts' AND column_name IN ('kind', 'assignee')")  # fmt: skip
    assert sorted(c for (c,) in cols) == ["assignee", "kind"]
    assert db("SELECT count(*), count(DISTINCT editor) FROM factcheck_verdicts") == [(5, 5)]


def _append_in_child(url: str) -> None:
    log = _INHERITED["log"]
    assert log.store.url == url
    log.record(claim="من العملية الفرعية", verdict="true", editor="child")
    log.store.close()


_INHERITED: dict[str, VerdictLog] = {}


def test_a_forked_child_and_threads_share_a_log_safely(pg_url: str) -> None:
    """A forked child opens its own connection (the parent's keeps working); threads of one
    process take turns on the store's connection."""
    log = VerdictLog(pg_url)
    log.record(claim="parent", verdict="true", editor="parent")  # connected before the fork
    _INHERITED["log"] = log
    child = multiprocessing.get_context("fork").Process(target=_append_in_child, args=(pg_url,))
    child.start()
    child.join(timeout=60)
    assert child.exitcode == 0
    log.record(claim="parent again", verdict="true", editor="parent")  # same connection, alive
    assert log.read()["editor"].tolist() == ["parent", "child", "parent"]

    errors: list[BaseException] = []

    def work(k: int) -> None:
        try:
            for i in range(50):
                log.record(claim=f"t{k}", verdict="true", editor=f"thread-{k}", note=str(i))
                if i % 10 == 0:
                    log.read()
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == []
    df = log.read()
    assert len(df) == 3 + 200
    for k in range(4):
        notes = df.loc[df["editor"] == f"thread-{k}", "note"].tolist()
        assert notes == [str(i) for i in range(50)]
    assert dbname(pg_url) in log.location
