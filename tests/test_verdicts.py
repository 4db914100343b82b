"""Verdict log: row format, round-trips, validation, ids and evidence, undo, summaries (the
CSV file itself is tested in test_verdict_store.py, the PostgreSQL store in test_verdicts_pg.py).

The ``log`` fixture is a new log on every store (a CSV file, a PostgreSQL database), so both are
held to the same contract."""

from __future__ import annotations

import csv
import io
import re
import tempfile
from datetime import UTC, datetime, timedelta
from importlib import metadata
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.text.ids import claim_id_for
from factcheck.verdicts.log import VerdictLog
from factcheck.verdicts.rows import (
    COLUMNS,
    EvidenceRef,
    format_evidence,
    parse_evidence,
    validate_values,
)
from factcheck.verdicts.scale import RETRACTED, default_scale

BOM = b"\xef\xbb\xbf"
CLAIM = "ارتفعت نسبة البطالة إلى 30% في 2023"
CLAIM_ID = "c-a7764b40309b"
"""The claim id of :data:`CLAIM`, written once from the code of version 0.1.0 (as the ids in
tests/data/golden_ids.json): an id derived in the test would agree with any change."""

STORES = ["csv", pytest.param("pg", marks=pytest.mark.postgres)]
"""The stores every log-semantics test runs on (the ``log`` fixture of conftest.py too)."""


@pytest.fixture
def csv_log(tmp_path: Path) -> VerdictLog:
    return VerdictLog(tmp_path / "verdicts.csv")


def stored(log: VerdictLog) -> list[dict[str, str]]:
    """The rows as the store holds them: what a spreadsheet loads from the CSV file, the cells
    of the database table."""
    if log.path is not None:
        header, *records = raw_records(log.path)
        return [dict(zip(header, r, strict=True)) for r in records]
    scan = log.store.rows()
    return [{c: scan.cells[c][k] for c in scan.columns} for k in range(len(scan.lines))]


def first_line(log: VerdictLog) -> int:
    """Where the first row is: line 2 of the file (after the header), id 1 of the table."""
    return 2 if log.path is not None else 1


def raw_records(path: Path) -> list[list[str]]:
    """The file as a plain CSV reader sees it (what a spreadsheet would load)."""
    with open(path, encoding="utf-8-sig", errors="replace", newline="") as fh:
        return list(csv.reader(fh))


def hand_written(path: Path, header: list[str], rows: list[list[str]], *, bom: bool, eol: str):
    buf = io.StringIO()
    csv.writer(buf, lineterminator=eol).writerows([header, *rows])
    path.write_bytes((BOM if bom else b"") + buf.getvalue().encode("utf-8"))


def good_row(**over: str) -> dict[str, str]:
    row = {
        "verdict_id": "a" * 32,
        "recorded_at": "2026-05-01T10:00:00Z",
        "editor": "هدى",
        "claim_id": "c-000000000001",
        "claim": CLAIM,
        "verdict": "false",
        "rating": "1",
        "evidence": "doc1:p1",
        "note": "",
        "supersedes": "",
        "schema_version": "1",
        "package_version": "0.1.0",
        # format 2's columns, empty on a verdict row
        **dict.fromkeys(("kind", "target", "decision", "assignee", "blind"), ""),
    }
    return row | over


# --- the stored row ------------------------------------------------------------------------


def test_record_returns_the_stored_row(log: VerdictLog) -> None:
    before = datetime.now(UTC)
    row = log.record(claim=CLAIM, verdict="false", editor=" هدى ", evidence=[("d1", "p7")])
    assert re.fullmatch(r"[0-9a-f]{32}", row.verdict_id)
    when = datetime.fromisoformat(row.recorded_at)
    assert when.utcoffset() == timedelta(0)
    assert before - timedelta(seconds=1) <= when <= datetime.now(UTC) + timedelta(seconds=1)
    assert row.editor == "هدى"
    assert row.claim == CLAIM
    assert row.claim_id == CLAIM_ID
    assert (row.verdict, row.rating) == ("false", 1)
    assert row.evidence == (EvidenceRef("d1", "p7"),)
    assert row.supersedes == "" and row.note == ""
    assert row.schema_version == "2"
    assert row.package_version == metadata.version("factcheck-desk")

    contents = log.read_all()
    df = contents.rows
    assert list(df.columns) == [*COLUMNS, "line"]
    stored = df.iloc[0]
    for name, value in row.to_values().items():
        if name != "rating":
            assert stored[name] == value, name
    assert stored["rating"] == 1.0
    assert stored["line"] == first_line(log)
    assert contents.problems == ()


def test_unproven_has_no_rating_in_the_file(log: VerdictLog) -> None:
    row = log.record(claim=CLAIM, verdict="غير مثبت", editor="Omar")
    assert (row.verdict, row.rating) == ("unproven", None)
    assert stored(log)[0]["rating"] == ""
    assert pd.isna(log.read()["rating"].iloc[0])


NOTES = [
    "ملاحظة بالعربية، مع فاصلة عربية وفاصلة, لاتينية",
    'he said "30%" and «ثلاثون»',
    "line one\nline two\n",
    "windows\r\nline ends\r\n",
    "old mac\rline",
    "\n starts with a newline",
    "tab\tinside, ;semicolons; and : colons",
    "  leading and trailing spaces  ",
    "",
    '"',
    '""',
    ",",
    "\u200f\u202bbidi marks\u202c and tatweel ـــ",
    "emoji 🧐 and NUL \x00 char",
]


@pytest.mark.parametrize("note", NOTES)
def test_notes_and_claims_round_trip_exactly(log: VerdictLog, note: str) -> None:
    claim = "ادعاء: " + note
    log.record(claim=claim, verdict="misleading", editor="Omar", note=note)
    log.record(claim="after", verdict="true", editor="Omar", note="next row")
    contents = log.read_all()
    df = contents.rows
    assert contents.problems == ()
    assert df["note"].tolist() == [note, "next row"]
    assert df["claim"].iloc[0] == claim


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(), min_size=1, max_size=4), st.text(min_size=1).filter(str.strip))
def test_any_text_round_trips(notes: list[str], editor: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        log = VerdictLog(Path(tmp) / "v.csv")
        # The claim starts with the note too, and always holds a word (a claim of only, say,
        # a zero-width space has no claim id and is refused, rightly).
        for note in notes:
            log.record(claim=note + " ادعاء", verdict="true", editor=editor, note=note)
        contents = log.read_all()
        df = contents.rows
        assert contents.problems == ()
        assert df["note"].tolist() == notes
        assert df["claim"].tolist() == [n + " ادعاء" for n in notes]
        assert df["editor"].tolist() == [editor.strip()] * len(notes)


# --- validation of new rows ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"verdict": "maybe"}, "verdict"),
        ({"verdict": ""}, "verdict"),
        ({"verdict": RETRACTED}, "verdict"),
        ({"editor": ""}, "editor"),
        ({"editor": " \t"}, "editor"),
        ({"claim": ""}, "claim"),
        ({"claim": " \n "}, "claim"),
        ({"claim_id": " "}, "claim_id"),
        ({"evidence": [("d1", "")]}, "evidence"),
        ({"evidence": [42]}, "evidence"),
        ({"supersedes": "f" * 32}, "supersedes"),
        ({"note": "bad \udc80 surrogate"}, "note"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(
    log: VerdictLog, kwargs: dict, field: str
) -> None:
    args = {"claim": CLAIM, "verdict": "true", "editor": "Omar"} | kwargs
    with pytest.raises(ValueError, match=rf"^{field}: "):
        log.record(**args)
    assert not log.exists()


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("true", "true"),
        ("صحيح", "true"),
        ("TRUE", "true"),
        ("صحيح جزئياً", "half-true"),
        ("صحيح جزئيا", "half-true"),
        ("Half true", "half-true"),
        ("  half   TRUE ", "half-true"),
        ("Half-True", "half-true"),
        ("مُضلِّل", "misleading"),
        ("خاطئ", "false"),
        ("False", "false"),
        ("غير مثبت", "unproven"),
        ("غيرُ مُثبَت", "unproven"),
    ],
)
def test_verdict_accepts_key_arabic_or_english_label(log: VerdictLog, typed: str, key: str) -> None:
    assert log.record(claim=CLAIM, verdict=typed, editor="Omar").verdict == key


# --- ids and evidence ----------------------------------------------------------------------


SPELLINGS = [
    "ارتفعت نسبة البطالة إلى 30%",
    "ارتفعت  نسبة البطالة الى ٣٠٪",
    " اِرتفعتْ نسبةُ البطالةِ إلى 30%\n",
    "ارتفعـــت نسبة البطالة إلى 30%",
]


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_claim_id_is_stable_across_spellings(log: VerdictLog, spelling: str) -> None:
    # Pinned, written once from the code of version 0.1.0: recorded verdicts keep their claim.
    assert claim_id_for(spelling) == "c-45cff77c52ed"
    assert log.record(claim=spelling, verdict="true", editor="Omar").claim_id == "c-45cff77c52ed"


def test_claim_id_differs_for_another_claim_and_needs_text() -> None:
    assert claim_id_for("انخفضت نسبة البطالة إلى 30%") == "c-9918a24a8dc5"
    with pytest.raises(ValueError, match=r"^claim: "):
        claim_id_for(" \u200f ")


def test_evidence_forms_and_escaping(log: VerdictLog) -> None:
    class PassageLike:
        doc_id, passage_id = "doc:with;odd%chars", "p;1:2"

    row = log.record(
        claim=CLAIM,
        verdict="true",
        editor="Omar",
        evidence=[("d1", "p1"), "d2:p:2", "bare-passage", PassageLike()],
    )
    expected = (
        EvidenceRef("d1", "p1"),
        EvidenceRef("d2", "p:2"),
        EvidenceRef("", "bare-passage"),
        EvidenceRef("doc:with;odd%chars", "p;1:2"),
    )
    assert row.evidence == expected
    cell = log.read()["evidence"].iloc[0]
    assert cell == "d1:p1;d2:p:2;:bare-passage;doc%3Awith%3Bodd%25chars:p%3B1:2"
    assert parse_evidence(cell) == expected


ids = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=12)


@given(st.lists(st.tuples(ids, ids.filter(str.strip)), max_size=5))
def test_evidence_format_round_trips(items: list[tuple[str, str]]) -> None:
    assert parse_evidence(format_evidence(items)) == tuple(EvidenceRef(*i) for i in items)


# --- current verdicts, corrections and undo ------------------------------------------------


def test_correction_undo_and_current(log: VerdictLog) -> None:
    a = log.record(claim=CLAIM, verdict="true", editor="Huda")
    other = log.record(claim="ادعاء آخر", verdict="unproven", editor="Omar")
    b = log.record(claim=CLAIM, verdict="false", editor="Omar", supersedes=a.verdict_id)
    assert b.supersedes == a.verdict_id
    cur = log.current()
    assert dict(zip(cur["claim_id"], cur["verdict_id"], strict=True)) == {
        a.claim_id: b.verdict_id,
        other.claim_id: other.verdict_id,
    }
    undo_b = log.undo(b.verdict_id, editor="Omar", note="wrong claim")
    assert (undo_b.verdict, undo_b.supersedes, undo_b.claim_id) == (
        RETRACTED,
        b.verdict_id,
        a.claim_id,
    )
    assert undo_b.rating is None
    cur = log.current().set_index("claim_id")
    assert cur.loc[a.claim_id, "verdict_id"] == a.verdict_id  # back to the one before
    log.undo(a.verdict_id, editor="Huda")
    assert a.claim_id not in set(log.current()["claim_id"])  # nothing left for that claim
    assert len(log.read()) == 5  # nothing rewritten: five rows appended
    assert stored(log)[0]["verdict_id"] == a.verdict_id


def test_a_correction_needs_no_supersedes_to_become_current(log: VerdictLog) -> None:
    log.record(claim=CLAIM, verdict="true", editor="Huda")
    late = log.record(claim="اِرتفعت نسبة البطالة إلى 30% في 2023", verdict="false", editor="Omar")
    assert log.current()["verdict_id"].tolist() == [late.verdict_id]


def test_undo_errors_name_the_field(log: VerdictLog) -> None:
    a = log.record(claim=CLAIM, verdict="true", editor="Huda")
    other = log.record(claim="ادعاء آخر", verdict="true", editor="Huda")
    with pytest.raises(ValueError, match=r"^verdict_id: no verdict"):
        log.undo("0" * 32, editor="Huda")
    with pytest.raises(ValueError, match=r"^supersedes: .* is a verdict on claim"):
        log.record(claim=CLAIM, verdict="false", editor="Huda", supersedes=other.verdict_id)
    r = log.undo(a.verdict_id, editor="Huda")
    with pytest.raises(ValueError, match=r"^verdict_id: .* already retracted"):
        log.undo(a.verdict_id, editor="Huda")
    with pytest.raises(ValueError, match=r"^verdict_id: .* is a retraction"):
        log.undo(r.verdict_id, editor="Huda")
    with pytest.raises(ValueError, match=r"^supersedes: .* is a retraction"):
        log.record(claim=CLAIM, verdict="false", editor="Huda", supersedes=r.verdict_id)
    with pytest.raises(ValueError, match=r"^editor: "):
        log.undo(other.verdict_id, editor=" ")


def test_undo_last(log: VerdictLog) -> None:
    a = log.record(claim=CLAIM, verdict="true", editor="Huda")
    b = log.record(claim=CLAIM, verdict="false", editor="Huda", supersedes=a.verdict_id)
    c = log.record(claim="ادعاء آخر", verdict="misleading", editor="Omar")
    r1 = log.undo_last(editor="Huda")
    assert (r1.supersedes, r1.editor) == (b.verdict_id, "Huda")
    r2 = log.undo_last()  # anyone's latest in effect: Omar's, recorded in Omar's name
    assert (r2.supersedes, r2.editor) == (c.verdict_id, "Omar")
    assert log.current()["verdict_id"].tolist() == [a.verdict_id]
    log.undo_last(editor="Huda")
    assert log.current().empty
    with pytest.raises(ValueError, match=r"^editor: no verdict by 'Huda'"):
        log.undo_last(editor="Huda")


# --- summaries -----------------------------------------------------------------------------


def test_summaries(log: VerdictLog) -> None:
    a = log.record(claim="c1", verdict="true", editor="Huda")
    log.record(claim="c1", verdict="false", editor="Omar", supersedes=a.verdict_id)
    log.record(claim="c2", verdict="false", editor="Huda")
    c3 = log.record(claim="c3", verdict="unproven", editor="Omar")
    log.undo(c3.verdict_id, editor="Omar")

    by_label = log.summary_by_label()
    assert list(by_label.columns) == ["label", "label_ar", "label_en", "rating", "color", "count"]
    assert by_label["label"].tolist() == ["true", "half-true", "misleading", "false", "unproven"]
    assert by_label["count"].tolist() == [0, 0, 0, 2, 0]
    assert by_label["label_ar"].iloc[3] == "خاطئ" and by_label["rating"].iloc[3] == 1
    assert pd.isna(by_label["rating"].iloc[4])

    by_editor = log.summary_by_editor()
    assert by_editor.to_dict("records") == [
        {"editor": "Huda", "decisions": 2, "retractions": 0, "current": 1},
        {"editor": "Omar", "decisions": 2, "retractions": 1, "current": 1},
    ]

    by_claim = log.summary_by_claim()
    assert by_claim["claim"].tolist() == ["c1", "c2", "c3"]
    assert by_claim["decisions"].tolist() == [2, 1, 1]
    assert by_claim["retractions"].tolist() == [0, 0, 1]
    assert by_claim["editors"].tolist() == [2, 1, 1]
    assert by_claim["verdict"].tolist() == ["false", "false", ""]
    assert by_claim["label_en"].tolist() == ["False", "False", ""]


# --- the fast read path agrees with the validator ------------------------------------------

CELL_VARIANTS = {
    "verdict_id": ["a" * 32, "", " ", " padded "],
    "recorded_at": ["2026-05-01T10:00:00Z", "2026-05-01T10:00:00", "2026-13-01T10:00:00Z", "x"],
    "editor": ["هدى", " هدى ", "", "\t"],
    "claim_id": ["c-1", "", " c-1", "c-1\n"],
    "claim": [CLAIM, " ", "=x"],
    "verdict": ["false", "خاطئ", " false", "FALSE", "", RETRACTED, "nope"],
    "rating": ["", "1", "-2.5", " 1", "1e3", "inf", "nan", "x", "٣"],
    "evidence": ["", "d:p", "d:", "d:p;e:", ":", "d:p:", "p", ";;"],
    "supersedes": ["", "b" * 32, " ", "a" * 32, " x"],
    "schema_version": ["", "1", "2"],
}


@settings(max_examples=300, deadline=None)
@given(st.fixed_dictionaries({c: st.sampled_from(v) for c, v in CELL_VARIANTS.items()}))
def test_bulk_read_accepts_exactly_what_validate_values_accepts(cells: dict[str, str]) -> None:
    """A row read from a file loads iff :func:`validate_values` accepts it, with its values."""
    row = good_row(**cells)
    try:
        expected = validate_values(row, default_scale())
    except ValueError as exc:
        expected = exc
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "v.csv"
        hand_written(path, list(COLUMNS), [list(row.values())], bom=True, eol="\r\n")
        contents = VerdictLog(path).read_all()
        df = contents.rows
    if isinstance(expected, ValueError):
        assert df.empty
        assert [p.error for p in contents.problems] == [str(expected)]
        return
    assert contents.problems == ()
    got = df.iloc[0].to_dict()
    rating = got.pop("rating")
    assert (expected.pop("rating") is None) == pd.isna(rating)
    got.pop("line")
    assert got == {k: v for k, v in expected.items()}


# --- reading is pure -----------------------------------------------------------------------


def test_reading_changes_nothing_and_each_read_has_its_own_problems(csv_log: VerdictLog) -> None:
    log = csv_log
    good = log.record(claim=CLAIM, verdict="true", editor="Huda")
    clean = log.path.read_bytes()
    with open(log.path, "ab") as fh:
        fh.write(b"x" * 32 + b",not-a-time,Huda,,bad,true,5,,,,1,0.1.0,,,,,\r\n")
    state = dict(vars(log))
    broken = log.read_all()
    assert [(p.line, p.error.split(":")[0]) for p in broken.problems] == [(3, "recorded_at")]
    assert broken.rows["verdict_id"].tolist() == [good.verdict_id]
    assert vars(log) == state  # nothing kept on the log
    assert not hasattr(log, "problems")  # no stale copy of an earlier read to consult
    log.path.write_bytes(clean)
    repaired = log.read_all()
    assert repaired.problems == ()
    assert len(broken.problems) == 1  # an earlier read keeps what it saw
    assert log.read()["verdict_id"].tolist() == [good.verdict_id]


# --- the package: public face, layering ----------------------------------------------------

VERDICTS = Path(__file__).resolve().parent.parent / "factcheck" / "verdicts"


def test_public_names_resolve_to_their_one_home() -> None:
    import importlib

    import factcheck.verdicts as verdicts

    homes = {
        "VerdictLog": "log",
        "VerdictRow": "rows",
        "EvidenceRef": "rows",
        "LogContents": "rows",
        "LogProblem": "rows",
        "COLUMNS": "rows",
        "LogStore": "store",
        "Scan": "store",
        "CsvFileStore": "csvstore",
        "Scale": "scale",
        "load_scale": "scale",
        "RETRACTED": "scale",
        "to_claimreview": "claimreview",
    }
    for name, module in homes.items():
        assert name in verdicts.__all__, name
        home = importlib.import_module(f"factcheck.verdicts.{module}")
        assert getattr(verdicts, name) is getattr(home, name), name
    for name in verdicts.__all__:
        assert getattr(verdicts, name) is not None, name
    assert not hasattr(importlib.import_module("factcheck.verdicts.log"), "Evidence")
    with pytest.raises(AttributeError, match="Evidence"):
        _ = verdicts.Evidence
