"""Real processes: concurrent appends lose nothing; a writer killed mid-row corrupts nothing;
concurrent undos never retract one verdict twice. The append and undo tests run on the CSV file
and on PostgreSQL (the writer killed mid-append on PostgreSQL is in test_verdicts_pg.py)."""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_verdicts import STORES

from factcheck.verdicts.csvstore import TORN_MARKER
from factcheck.verdicts.log import VerdictLog
from factcheck.verdicts.rows import COLUMNS

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="POSIX processes and signals"),
]

NOTE = 'ملاحظة، مع "اقتباس"\r\nو سطر ثان, =SUM(A1)'

WRITER = """
import sys, time
from pathlib import Path
from factcheck.verdicts.log import VerdictLog

path, wid, n, go = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), Path(sys.argv[4])
log = VerdictLog(path)
while not go.exists():
    time.sleep(0.005)
for i in range(n):
    log.record(
        claim=f"ادعاء رقم {wid}",
        verdict=("صحيح", "خاطئ", "مضلل")[i % 3],
        editor=f"editor-{wid}",
        note=f"{wid}:{i}|" + sys.argv[5],
    )
"""


def _spawn(code: str, *args: str, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", code, *args], **kw)


@pytest.fixture(params=STORES)
def target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new shared log: a CSV file's path or a database URL."""
    if request.param == "pg":
        return request.getfixturevalue("pg_url")
    return str(tmp_path / "shared.csv")


def test_eight_processes_times_500_appends(target: str, tmp_path: Path) -> None:
    path, go = target, tmp_path / "go"
    writers, n = 8, 500
    procs = [_spawn(WRITER, str(path), str(w), str(n), str(go), NOTE) for w in range(writers)]
    time.sleep(0.5)
    go.touch()
    for p in procs:
        assert p.wait(timeout=300) == 0

    contents = VerdictLog(path).read_all()
    df = contents.rows
    assert contents.problems == ()
    assert len(df) == writers * n
    assert df["verdict_id"].is_unique
    for w in range(writers):
        notes = df.loc[df["editor"] == f"editor-{w}", "note"].tolist()
        assert notes == [f"{w}:{i}|{NOTE}" for i in range(n)]  # every row, in its order
    assert df["line"].is_monotonic_increasing and df["line"].is_unique
    if path.startswith("postgresql://"):
        return  # (the table's own checks are in test_verdicts_pg.py)
    path = Path(path)
    # Byte level: one BOM, every record complete, nothing interleaved.
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and data.count(b"\xef\xbb\xbf") == 1
    with open(path, encoding="utf-8-sig", newline="") as fh:
        records = list(csv.reader(fh))
    assert len(records) == 1 + writers * n
    assert all(len(r) == len(COLUMNS) for r in records)


TORN_WRITER = """
import sys, time
import factcheck.verdicts.csvstore as store
from factcheck.verdicts.log import VerdictLog

real = store.write_all

def half_then_hang(fd, data):
    real(fd, data[: len(data) // 2])
    print("torn", flush=True)
    time.sleep(600)

log = VerdictLog(sys.argv[1])
log.record(claim="قبل", verdict="صحيح", editor="Omar", note=sys.argv[2])
print("first", flush=True)
store.write_all = half_then_hang
log.record(claim="أثناء", verdict="خاطئ", editor="Omar", note=sys.argv[2] * 50)
"""


def test_sigkill_mid_row_is_detected_kept_aside_and_next_append_is_clean(tmp_path: Path) -> None:
    path = tmp_path / "v.csv"
    proc = _spawn(TORN_WRITER, str(path), NOTE, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "first"
        assert proc.stdout.readline().strip() == "torn"  # half a row written, lock held
        proc.send_signal(signal.SIGKILL)
        assert proc.wait(timeout=30) == -signal.SIGKILL
    finally:
        proc.kill()

    log = VerdictLog(path, lock_timeout=10)  # the dead writer's lock is gone with it
    contents = log.read_all()
    df = contents.rows
    assert df["claim"].tolist() == ["قبل"]
    assert df["note"].tolist() == [NOTE]
    [problem] = contents.problems
    assert problem.line == 4  # header, then the first row on lines 2-3 (CRLF in its note)
    assert "torn" in problem.error
    assert "أثناء" in problem.raw

    new = log.record(claim="بعد", verdict="مضلل", editor="Huda", note=NOTE)
    contents = log.read_all()
    df = contents.rows
    assert df["claim"].tolist() == ["قبل", "بعد"]
    assert df["note"].tolist() == [NOTE, NOTE]
    [problem] = contents.problems
    assert problem.line == 4 and "sealed" in problem.error
    quarantine = Path(f"{path}.quarantine").read_text(encoding="utf-8")
    assert "torn row at line 4" in quarantine and "أثناء" in quarantine
    with open(path, encoding="utf-8-sig", newline="") as fh:
        records = list(csv.reader(fh))
    assert records[-2][-1] == TORN_MARKER
    assert records[-1][0] == new.verdict_id and len(records[-1]) == len(COLUMNS)


SLOW_WRITER = """
import os, sys, time
import factcheck.verdicts.csvstore as store
from factcheck.verdicts.log import VerdictLog

def slow_disk(fd, data):  # a row reaches the disk in small pieces, as on a busy share
    for k in range(0, len(data), 2048):
        os.write(fd, data[k : k + 2048])
        time.sleep(0.005)

store.write_all = slow_disk
log = VerdictLog(sys.argv[1])
i = 0
while True:
    row = log.record(claim=f"claim {i}", verdict="false", editor="Omar", note=sys.argv[2] * 400)
    print(row.verdict_id, flush=True)
    i += 1
"""


def test_random_sigkill_of_a_real_writer(tmp_path: Path) -> None:
    """Kill a writer several times at whatever point it has reached; every row it confirmed
    stays readable, at most the row in flight is torn, and appends go on cleanly."""
    path = tmp_path / "v.csv"
    confirmed: list[str] = []
    before: set[str] = set()
    torn_seen = 0
    for _ in range(3):
        proc = _spawn(SLOW_WRITER, str(path), NOTE, stdout=subprocess.PIPE, text=True)
        mine: list[str] = []
        try:
            for _ in range(3):
                mine.append(proc.stdout.readline().strip())
            size = path.stat().st_size
            deadline = time.monotonic() + 10
            while path.stat().st_size == size and time.monotonic() < deadline:
                time.sleep(0.0005)  # kill as soon as the next row starts to land
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=30)
            mine += [line.strip() for line in proc.stdout if line.strip()]
        finally:
            proc.kill()
            proc.stdout.close()
        contents = VerdictLog(path).read_all()
        ids = set(contents.rows["verdict_id"])
        new = ids - before
        assert set(mine) <= new  # every row the writer saw stored is there
        assert len(new) - len(mine) in (0, 1)  # plus at most one stored but not yet confirmed
        tail = [p for p in contents.problems if "torn last row" in p.error]
        torn_seen += len(tail)
        assert len(tail) <= 1
        confirmed += mine
        before = ids
    assert torn_seen >= 1  # the kills did land mid-row

    log = VerdictLog(path)
    new_row = log.record(claim="after", verdict="true", editor="Huda")
    contents = log.read_all()
    df = contents.rows
    assert df["verdict_id"].iloc[-1] == new_row.verdict_id
    assert set(confirmed) <= set(df["verdict_id"])
    assert all("sealed" in p.error for p in contents.problems)
    assert len(contents.problems) == torn_seen
    assert os.path.getsize(f"{path}.quarantine") > 0


UNDOER = """
import sys, time
from pathlib import Path
from factcheck.verdicts.log import VerdictLog

log, go, verdict_id = VerdictLog(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
log.read()  # connected and warm before the start
real_read = VerdictLog.read


def slow_read(self):  # a wide window between the check and the append, as on a long log
    rows = real_read(self)
    time.sleep(0.3)
    return rows


VerdictLog.read = slow_read
print("ready", flush=True)
while not go.exists():
    time.sleep(0.002)
try:
    if verdict_id == "last":
        print(log.undo_last(note=sys.argv[4]).supersedes)
    else:
        print(log.undo(verdict_id, editor="Omar", note=sys.argv[4]).supersedes)
except ValueError as exc:
    print("refused:", exc)
"""


def _race(target: str, go: Path, verdict_id: str, n: int) -> list[str]:
    procs = [
        _spawn(UNDOER, target, str(go), verdict_id, f"p{k}", stdout=subprocess.PIPE, text=True)
        for k in range(n)
    ]
    assert [p.stdout.readline().strip() for p in procs] == ["ready"] * n
    go.touch()
    outs = [p.communicate(timeout=120)[0].strip() for p in procs]
    assert all(p.returncode == 0 for p in procs), outs
    return outs


def test_concurrent_undos_of_one_verdict_retract_it_once(target: str, tmp_path: Path) -> None:
    """Read-then-append is atomic (the store's exclusive()): of four editors undoing the same
    verdict at once, one retracts it and three are told it is already retracted."""
    log = VerdictLog(target)
    for i in range(20):
        log.record(claim=f"claim {i}", verdict="true", editor="Huda")
    victim = log.record(claim="ادعاء", verdict="false", editor="Huda")
    outs = _race(target, tmp_path / "go", victim.verdict_id, 4)
    assert sorted(o.startswith("refused:") for o in outs) == [False] + [True] * 3, outs
    assert all("already retracted" in o for o in outs if o.startswith("refused:"))
    rows = log.read()
    assert (rows["supersedes"] == victim.verdict_id).sum() == 1


def test_concurrent_undo_last_retracts_distinct_verdicts(target: str, tmp_path: Path) -> None:
    """Four editors each undoing "the latest verdict in effect" at once retract four different
    verdicts, newest first, none twice."""
    log = VerdictLog(target)
    ids = [log.record(claim=f"c{i}", verdict="true", editor="Huda").verdict_id for i in range(8)]
    outs = _race(target, tmp_path / "go", "last", 4)
    assert sorted(outs) == sorted(ids[-4:]), outs
    rows = log.read()
    retracted = rows.loc[rows["verdict"] == "retracted", "supersedes"].tolist()
    assert retracted == ids[-1:-5:-1]  # in log order: the newest first
    assert log.current()["verdict_id"].tolist() == ids[:4]
