"""Verdict stores: the CSV file (BOM, hand-edited files, lock), formula escaping, torn rows, and
the LogStore protocol every store keeps (checked on the CSV file, PostgreSQL and an in-memory
store)."""

from __future__ import annotations

from pathlib import Path

import pytest
from filelock import FileLock

# tests/ is on sys.path (pytest's default "prepend" import mode): share the row helpers.
from test_verdicts import BOM, CLAIM, CLAIM_ID, good_row, hand_written, raw_records

from factcheck.verdicts.csvstore import BOM as STORE_BOM
from factcheck.verdicts.csvstore import TORN_MARKER, CsvFileStore, encode_row
from factcheck.verdicts.log import VerdictLog
from factcheck.verdicts.pgstore import PostgresStore
from factcheck.verdicts.rows import COLUMNS, EvidenceRef, parse_evidence
from factcheck.verdicts.scale import RETRACTED
from factcheck.verdicts.store import LogFormatError, LogStore, Scan


@pytest.fixture
def log(tmp_path: Path) -> VerdictLog:
    return VerdictLog(tmp_path / "verdicts.csv")


# --- the file ------------------------------------------------------------------------------


def test_file_is_utf8_with_one_bom_and_a_header(log: VerdictLog) -> None:
    for i in range(3):
        log.record(claim=f"ادعاء {i}", verdict="true", editor="Omar")
    data = log.path.read_bytes()
    assert data.startswith(BOM + b"verdict_id,recorded_at,editor,claim_id,claim,verdict,")
    assert STORE_BOM == BOM and data.startswith(STORE_BOM + encode_row(COLUMNS))
    assert data.count(BOM) == 1
    assert data.endswith(b"\r\n")
    records = raw_records(log.path)
    assert records[0] == list(COLUMNS)
    assert [r[4] for r in records[1:]] == ["ادعاء 0", "ادعاء 1", "ادعاء 2"]


def test_encode_row_is_the_files_row_encoding() -> None:
    """The public row encoding (used by bulk writers such as the benchmark), pinned."""
    cells = ["=1+1", 'a,"b"', "'q", "سطر\nثان", ""]
    assert encode_row(cells) == '\'=1+1,"a,""b""",\'\'q,"سطر\nثان",\r\n'.encode()


# --- formula injection ---------------------------------------------------------------------


@pytest.mark.parametrize("lead", ["=", "+", "-", "@", "\t", "\r"])
def test_formula_cells_are_neutralised_and_restored(log: VerdictLog, lead: str) -> None:
    evil = lead + 'HYPERLINK("http://x.example","click")'
    log.record(
        claim=evil,
        verdict="false",
        editor=lead + "editor",
        note=evil,
        evidence=[(lead + "doc", "p1")],
        claim_id=lead + "cid" + lead,
    )
    for record in raw_records(log.path)[1:]:
        for cell in record:
            assert not cell or cell[0] not in "=+-@\t\r", record
    raw = dict(zip(COLUMNS, raw_records(log.path)[1], strict=True))
    assert raw["note"] == "'" + evil
    row = log.read().iloc[0]
    assert row["note"] == evil
    assert row["claim"] == evil
    assert row["editor"] == (lead + "editor").strip()  # names are trimmed, nothing else is
    assert row["claim_id"] == (lead + "cid" + lead).strip()
    assert parse_evidence(row["evidence"]) == (EvidenceRef(lead + "doc", "p1"),)


def test_a_genuine_leading_apostrophe_round_trips(log: VerdictLog) -> None:
    for note in ["'quoted'", "''", "'", "'=1+1"]:
        log.record(claim=CLAIM, verdict="true", editor="Omar", note=note)
    assert [r[COLUMNS.index("note")] for r in raw_records(log.path)[1:]] == [
        "''quoted'",
        "'''",
        "''",
        "''=1+1",
    ]
    assert log.read()["note"].tolist() == ["'quoted'", "''", "'", "'=1+1"]


def test_a_hand_typed_apostrophe_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "v.csv"
    hand_written(
        path, list(COLUMNS), [list(good_row(note="'hello").values())], bom=True, eol="\r\n"
    )
    assert VerdictLog(path).read()["note"].tolist() == ["'hello"]


# --- files written by hand -----------------------------------------------------------------


@pytest.mark.parametrize("bom", [True, False])
@pytest.mark.parametrize("eol", ["\r\n", "\n"])
def test_reader_accepts_bom_line_ends_reordered_and_extra_columns(
    tmp_path: Path, bom: bool, eol: str
) -> None:
    path = tmp_path / "v.csv"
    header = ["desk comment", *reversed(COLUMNS), "x"]
    row = good_row(note='سطر\nثان, "quoted"')
    hand_written(
        path,
        header,
        [["مراجعة", *(row[c] for c in reversed(COLUMNS)), "1"]],
        bom=bom,
        eol=eol,
    )
    log = VerdictLog(path)
    contents = log.read_all()
    df = contents.rows
    assert contents.problems == ()
    assert list(df.columns) == [*COLUMNS, "desk comment", "x", "line"]
    for c in COLUMNS:
        expected = row[c]
        assert (df[c].iloc[0] == 1.0) if c == "rating" else (df[c].iloc[0] == expected), c
    assert df["desk comment"].iloc[0] == "مراجعة"

    # Appends follow the file's own column order, extra columns left empty.
    new = log.record(claim="=2+2 claim", verdict="half true", editor="Omar", note="a\nb")
    records = raw_records(path)
    assert records[0] == header
    appended = dict(zip(header, records[-1], strict=True))
    assert appended["verdict_id"] == new.verdict_id
    assert appended["desk comment"] == "" and appended["x"] == ""
    assert appended["claim"] == "'=2+2 claim"
    contents = log.read_all()
    df = contents.rows
    assert contents.problems == ()
    assert df["verdict_id"].tolist() == ["a" * 32, new.verdict_id]
    assert df["note"].tolist() == [row["note"], "a\nb"]
    assert path.read_bytes().count(BOM) == (1 if bom else 0)


def test_header_without_a_required_column_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "v.csv"
    cols = [c for c in COLUMNS if c != "editor"]
    row = good_row()
    hand_written(path, cols, [[row[c] for c in cols]], bom=True, eol="\r\n")
    with pytest.raises(LogFormatError, match=r"v\.csv: line 1: header lacks column\(s\) editor"):
        VerdictLog(path).read()


def test_duplicate_header_columns_are_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "v.csv"
    row = good_row()
    hand_written(path, [*COLUMNS, "note"], [[*row.values(), "x"]], bom=False, eol="\n")
    with pytest.raises(LogFormatError, match=r"v\.csv: line 1: duplicate column\(s\) note"):
        VerdictLog(path).read()


def test_a_held_lock_times_out_with_a_clear_error_and_reads_go_on(log: VerdictLog) -> None:
    first = log.record(claim=CLAIM, verdict="true", editor="Omar")
    slow = VerdictLog(log.path, lock_timeout=0.2)
    with FileLock(f"{log.path}.lock"):  # another holder (a second descriptor, as another process)
        with pytest.raises(TimeoutError, match=r"verdicts\.csv: could not lock"):
            slow.record(claim=CLAIM, verdict="false", editor="Omar")
        assert slow.read()["verdict_id"].tolist() == [first.verdict_id]
    assert len(log.read()) == 1


def test_missing_optional_column_reads_but_refuses_appends(tmp_path: Path) -> None:
    path = tmp_path / "v.csv"
    cols = [c for c in COLUMNS if c != "package_version"]
    row = good_row()
    hand_written(path, cols, [[row[c] for c in cols]], bom=True, eol="\r\n")
    log = VerdictLog(path)
    assert log.read()["package_version"].tolist() == [""]
    before = path.read_bytes()
    with pytest.raises(LogFormatError, match="package_version"):
        log.record(claim=CLAIM, verdict="true", editor="Omar")
    assert path.read_bytes() == before


def test_malformed_rows_are_reported_by_physical_line_and_others_load(tmp_path: Path) -> None:
    path = tmp_path / "v.csv"
    rows = [
        good_row(verdict_id="1" * 32, note="three\nphysical\nlines"),  # lines 2-4
        good_row(verdict_id="2" * 32, recorded_at="yesterday"),  # line 5
        good_row(verdict_id="3" * 32, verdict="maybe"),  # line 6
        good_row(verdict_id="4" * 32, editor="  "),  # line 7
        good_row(verdict_id="5" * 32, claim=""),  # line 8
        good_row(verdict_id="6" * 32, rating="high"),  # line 9
        good_row(verdict_id="1" * 32),  # line 10: duplicate id
        good_row(verdict_id="7" * 32, verdict="خاطئ", claim_id=""),  # line 12 (after short row)
    ]
    body = [list(r.values()) for r in rows]
    body.insert(7, ["only", "three", "cells"])  # line 11
    hand_written(path, list(COLUMNS), body, bom=True, eol="\r\n")
    contents = VerdictLog(path).read_all()
    df, problems = contents.rows, contents.problems
    assert df["verdict_id"].tolist() == ["1" * 32, "7" * 32]
    assert df["line"].tolist() == [2, 12]
    assert df["verdict"].tolist() == ["false", "false"]  # Arabic label normalised to its key
    assert df["claim_id"].iloc[1] == CLAIM_ID  # empty claim id derived (pinned literal)
    got = [(p.line, p.error.split(":")[0]) for p in problems]
    assert got == [
        (5, "recorded_at"),
        (6, "verdict"),
        (7, "editor"),
        (8, "claim"),
        (9, "rating"),
        (10, "verdict_id"),
        (11, f"row has 3 cells but the header has {len(COLUMNS)} columns"),
    ]
    assert "line 2" in problems[5].error
    assert problems[1].raw.startswith("3" * 32)
    assert str(problems[0]).startswith("line 5: recorded_at")


def test_blank_and_empty_spreadsheet_rows_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "v.csv"
    row = list(good_row().values())
    text = ",".join(COLUMNS) + "\r\n\r\n" + ",".join(row) + ",,\r\n" + "," * 11 + "\r\n"
    path.write_text(text, encoding="utf-8")
    contents = VerdictLog(path).read_all()
    assert contents.rows["line"].tolist() == [3]
    assert contents.problems == ()


def test_invalid_utf8_row_is_reported_and_others_load(tmp_path: Path) -> None:
    path = tmp_path / "v.csv"
    hand_written(
        path,
        list(COLUMNS),
        [
            list(good_row(verdict_id="1" * 32).values()),
            list(good_row(verdict_id="2" * 32).values()),
        ],
        bom=True,
        eol="\r\n",
    )
    data = path.read_bytes().replace("هدى".encode(), b"\xff\xfe", 1)
    path.write_bytes(data)
    contents = VerdictLog(path).read_all()
    assert contents.rows["verdict_id"].tolist() == ["2" * 32]
    assert [(p.line, p.error) for p in contents.problems] == [(2, "row is not valid UTF-8")]


def test_missing_log_reads_empty(tmp_path: Path) -> None:
    log = VerdictLog(tmp_path / "none.csv")
    assert log.read().empty and list(log.read().columns) == [*COLUMNS, "line"]
    assert log.current().empty
    assert log.summary_by_label()["count"].tolist() == [0] * 5
    assert log.summary_by_editor().empty
    assert log.summary_by_claim().empty
    assert not (tmp_path / "none.csv").exists()


# --- torn rows -----------------------------------------------------------------------------


def _write_rows(log: VerdictLog, n: int) -> list[str]:
    return [
        log.record(claim=f"claim {i}", verdict="true", editor="Omar", note=f'n{i}\n"q"').verdict_id
        for i in range(n)
    ]


def test_torn_last_row_is_reported_kept_aside_and_sealed(log: VerdictLog) -> None:
    ids = _write_rows(log, 2)  # rows on lines 2-3 and 4-5
    fragment = 'ffff,2026-05-01T10:00:00Z,Omar,c-1,claim,true,5,,"half a note\nstill'
    with open(log.path, "ab") as fh:
        fh.write(fragment.encode())
    contents = log.read_all()
    assert contents.rows["verdict_id"].tolist() == ids
    [problem] = contents.problems
    assert problem.line == 6 and "torn last row" in problem.error
    assert problem.raw == fragment

    new = log.record(claim="after the crash", verdict="false", editor="Huda")
    quarantine = Path(f"{log.path}.quarantine").read_text("utf-8")
    assert "torn row at line 6" in quarantine and fragment in quarantine
    contents = log.read_all()
    assert contents.rows["verdict_id"].tolist() == [*ids, new.verdict_id]
    [problem] = contents.problems
    assert problem.line == 6 and "sealed" in problem.error
    assert problem.raw.startswith(fragment)
    records = raw_records(log.path)
    assert records[-2][-1] == TORN_MARKER
    assert records[-1][0] == new.verdict_id and len(records[-1]) == len(COLUMNS)


def test_a_cut_anywhere_in_a_row_never_loses_or_merges_rows(tmp_path: Path) -> None:
    """Cut a tricky row at every byte: earlier rows load, the fragment is reported (unless the
    cut only dropped the final LF), and the next append is a row of its own."""
    base = tmp_path / "base.csv"
    first = VerdictLog(base).record(claim="أول", verdict="true", editor="Omar", note='a\n"b",c')
    template = VerdictLog(tmp_path / "t.csv")
    template.record(claim='ادعاء "مقتبس"', verdict="false", editor="هدى", note='x,\r\n"y"\n=z')
    header_len = len(BOM) + len(",".join(COLUMNS)) + 2
    row = template.path.read_bytes()[header_len:]
    assert row.endswith(b"\r\n")
    for cut in range(1, len(row)):
        path = tmp_path / f"cut{cut}.csv"
        path.write_bytes(base.read_bytes() + row[:cut])
        log = VerdictLog(path)
        contents = log.read_all()
        assert contents.rows["verdict_id"].tolist()[:1] == [first.verdict_id], cut
        torn = cut < len(row) - 1
        assert len(contents.problems) == (1 if torn else 0), cut
        new = log.record(claim="next", verdict="misleading", editor="Omar", note="n")
        contents = log.read_all()
        df = contents.rows
        assert df["verdict_id"].iloc[0] == first.verdict_id
        assert df["verdict_id"].iloc[-1] == new.verdict_id, cut
        assert len(df) == (2 if torn else 3), cut
        assert len(contents.problems) == (1 if torn else 0), cut
        assert raw_records(path)[-1][0] == new.verdict_id


# --- storage protocol ----------------------------------------------------------------------


class MemoryStore:
    """A second LogStore (as a database store would be): proves the log is not tied to CSV.
    Its "lines" are row ids from 1, as a PostgreSQL store's serial ids would be."""

    def __init__(self) -> None:
        self.saved: list[dict[str, str]] = []

    def append(self, values):
        self.saved.append(dict(values))

    def rows(self) -> Scan:
        cells = {c: [row[c] for row in self.saved] for c in COLUMNS}
        raw = lambda line: repr(self.saved[line - 1])  # noqa: E731
        return Scan(COLUMNS, cells, list(range(1, len(self.saved) + 1)), raw=raw)


@pytest.fixture(params=["csv", pytest.param("pg", marks=pytest.mark.postgres), "memory"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> LogStore:
    if request.param == "pg":
        return PostgresStore(request.getfixturevalue("pg_url"))
    return CsvFileStore(tmp_path / "store.csv") if request.param == "csv" else MemoryStore()


def test_store_contract_an_empty_store_reads_as_no_rows(store: LogStore, tmp_path: Path) -> None:
    assert isinstance(store, LogStore)
    scan = store.rows()
    assert tuple(scan.columns) == COLUMNS
    assert list(scan.lines) == [] and scan.problems == ()
    assert all(len(scan.cells[c]) == 0 for c in COLUMNS)
    assert list(tmp_path.iterdir()) == []  # reading created nothing
    if isinstance(store, PostgresStore):
        assert not store.exists()  # nor any table


def test_store_contract_rows_come_back_exactly_and_in_order(store: LogStore) -> None:
    notes = ["=1+1", "a\r\nb\n", "'q", "", 'ملاحظة، "x"', "\t-@", "\x00 and \ue000"]
    values = [good_row(verdict_id=f"{i:032x}", note=n) for i, n in enumerate(notes)]
    for v in values:
        store.append(v)
    scan = store.rows()
    assert scan.problems == ()
    got = [{c: scan.cells[c][k] for c in COLUMNS} for k in range(len(scan.lines))]
    assert got == values  # every cell as appended, in append order
    lines = list(scan.lines)
    assert lines == sorted(set(lines))  # a location per row, strictly increasing
    for v, line in zip(values, lines, strict=True):
        assert v["verdict_id"] in scan.raw(line)


def test_log_works_over_any_store() -> None:
    store = MemoryStore()
    assert isinstance(store, LogStore)
    log = VerdictLog(store)
    a = log.record(claim=CLAIM, verdict="صحيح", editor="Huda", note="=1")
    assert store.saved[0]["note"] == "=1"  # neutralising is the CSV store's business
    log.undo(a.verdict_id, editor="Huda")
    assert log.read()["verdict"].tolist() == ["true", RETRACTED]
    assert log.current().empty


def test_csv_and_postgres_stores_are_log_stores(tmp_path: Path) -> None:
    assert isinstance(CsvFileStore(tmp_path / "x.csv"), LogStore)
    assert isinstance(PostgresStore("postgresql://u@h/d"), LogStore)  # (connects on first use)
