"""The editorial workflow in the log: reviews, blind second opinions, assignments, agreement.

Every semantics test runs on both stores (a CSV file, a PostgreSQL database) through the
``log`` fixture of test_verdicts.py; the format-1 CSV upgrade is the file store's own."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_verdicts import BOM, CLAIM, good_row, hand_written

from factcheck.verdicts.agreement import PAIR_COLUMNS, agreement
from factcheck.verdicts.log import VerdictLog
from factcheck.verdicts.rows import COLUMNS, FORMAT_1_COLUMNS, validate_values
from factcheck.verdicts.scale import default_scale
from factcheck.verdicts.store import LogFormatError

NOT_A_VERDICT = {"verdict": "", "rating": "", "evidence": ""}
REVIEW = {**NOT_A_VERDICT, "kind": "review", "target": "b" * 32, "decision": "approve"}
ASSIGN = {**NOT_A_VERDICT, "kind": "assign", "assignee": "سارة"}
OTHER = "انخفض عدد القوات الأجنبية بنسبة 60%"


def rows_of(log: VerdictLog) -> int:
    return len(log.read())


# --- review -----------------------------------------------------------------------------------


def test_a_verdict_is_a_draft_until_another_editor_reviews_it(log: VerdictLog) -> None:
    v = log.record(claim=CLAIM, verdict="false", editor="هدى")
    cur = log.current()
    assert cur[["verdict_id", "status", "reviewer"]].values.tolist() == [
        [v.verdict_id, "draft", ""]
    ]
    review = log.review(v.verdict_id, reviewer="عمر", decision="approve", note="المصدر موثوق")
    assert (review.kind, review.target, review.decision) == ("review", v.verdict_id, "approve")
    assert review.claim_id == v.claim_id and review.editor == "عمر"
    cur = log.current()
    assert cur[["status", "reviewer", "review_note"]].values.tolist() == [
        ["approved", "عمر", "المصدر موثوق"]
    ]
    log.review(v.verdict_id, reviewer="سارة", decision="dispute", note="الرقم قديم")
    assert log.current()["status"].tolist() == ["disputed"]  # the latest review holds
    # A correction is a new draft; the old verdict's reviews do not carry over.
    fixed = log.record(claim=CLAIM, verdict="misleading", editor="هدى", supersedes=v.verdict_id)
    cur = log.current()
    assert cur[["verdict_id", "status", "reviewer"]].values.tolist() == [
        [fixed.verdict_id, "draft", ""]
    ]


@pytest.mark.parametrize(
    ("reviewer", "decision", "target", "error"),
    [
        ("هدى", "approve", "own", r"reviewer: 'هدى' recorded this verdict"),
        (" هدى ", "approve", "own", r"recorded this verdict"),
        ("", "approve", "own", r"reviewer: must not be empty"),
        ("عمر", "accept", "own", r"decision: 'accept' is not one of approve, dispute"),
        ("عمر", "approve", "missing", r"verdict_id: no verdict"),
        ("عمر", "approve", "old", r"no longer the current verdict"),
        ("عمر", "approve", "retraction", r"is not a verdict"),
        ("عمر", "approve", "review", r"is not a verdict"),
        ("عمر", "approve", "blind", r"blind second opinion"),
    ],
)
def test_reviews_that_are_not_allowed_write_nothing(
    log: VerdictLog, reviewer: str, decision: str, target: str, error: str
) -> None:
    old = log.record(claim=CLAIM, verdict="false", editor="هدى")
    own = log.record(claim=CLAIM, verdict="true", editor="هدى", supersedes=old.verdict_id)
    other = log.record(claim=OTHER, verdict="true", editor="هدى")
    retraction = log.undo(other.verdict_id, editor="هدى")
    review = log.review(own.verdict_id, reviewer="سارة", decision="approve")
    blind = log.record(claim=CLAIM, verdict="false", editor="سارة", blind=True)
    ids = {
        "own": own.verdict_id,
        "old": old.verdict_id,
        "missing": "f" * 32,
        "retraction": retraction.verdict_id,
        "review": review.verdict_id,
        "blind": blind.verdict_id,
    }
    before = rows_of(log)
    with pytest.raises(ValueError, match=error):
        log.review(ids[target], reviewer=reviewer, decision=decision)
    assert rows_of(log) == before


def test_undo_and_corrections_refuse_reviews_and_assignments(log: VerdictLog) -> None:
    v = log.record(claim=CLAIM, verdict="false", editor="هدى")
    r = log.review(v.verdict_id, reviewer="عمر", decision="approve")
    a = log.assign(claim=CLAIM, assignee="سارة", editor="عمر")
    for row in (r, a):
        with pytest.raises(ValueError, match=f"is a {row.kind}, not a verdict"):
            log.undo(row.verdict_id, editor="عمر")
        with pytest.raises(ValueError, match=f"is a {row.kind}, not a verdict"):
            log.record(claim=CLAIM, verdict="true", editor="هدى", supersedes=row.verdict_id)
    # undo_last skips them: the verdict is what it retracts
    assert log.undo_last(editor="هدى").supersedes == v.verdict_id
    assert log.current().empty


# --- blind second opinions ----------------------------------------------------------------


def test_a_blind_verdict_counts_for_agreement_but_never_becomes_current(log: VerdictLog) -> None:
    first = log.record(claim=CLAIM, verdict="false", editor="هدى")
    blind = log.record(claim=CLAIM, verdict="true", editor="عمر", blind=True)
    assert blind.blind is True
    assert log.current()["verdict_id"].tolist() == [first.verdict_id]
    per_editor = log.editor_verdicts()
    assert sorted(per_editor["editor"]) == sorted(["هدى", "عمر"])
    # Undoing the blind opinion takes it out of agreement and keeps it out of current.
    log.undo(blind.verdict_id, editor="عمر")
    assert log.editor_verdicts()["editor"].tolist() == ["هدى"]
    assert log.current()["verdict_id"].tolist() == [first.verdict_id]
    assert log.summary_by_claim()["decisions"].tolist() == [2]


# --- assignment ---------------------------------------------------------------------------------


def test_the_latest_assignment_holds_and_an_empty_one_takes_the_claim_back(
    log: VerdictLog,
) -> None:
    log.assign(claim=CLAIM, assignee="سارة", editor="رئيس التحرير")
    log.assign(claim=OTHER, assignee="عمر", editor="رئيس التحرير")
    log.assign(claim=CLAIM, assignee=" هدى ", editor="رئيس التحرير", note="خبرة بالأرقام")
    got = log.assignments()
    assert got[["claim", "assignee", "assigned_by"]].values.tolist() == [
        [OTHER, "عمر", "رئيس التحرير"],
        [CLAIM, "هدى", "رئيس التحرير"],
    ]
    log.assign(claim=OTHER, assignee="", editor="رئيس التحرير")
    assert log.assignments()["claim"].tolist() == [CLAIM]
    assert log.current().empty  # assignments are not verdicts
    assert log.summary_by_editor().empty


# --- the row format ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("over", "error"),
    [
        ({"kind": "comment"}, r"kind: 'comment' is not one of"),
        ({**REVIEW, "target": ""}, r"target: a review must name the verdict it reviews"),
        ({**REVIEW, "decision": "maybe"}, r"decision: 'maybe' is not one of approve, dispute"),
        ({**REVIEW, "verdict": "true"}, r"verdict: review rows have none, got 'true'"),
        ({**REVIEW, "assignee": "x"}, r"assignee: a review assigns nobody"),
        ({**REVIEW, "blind": "1"}, r"blind: only a verdict can be blind"),
        ({**ASSIGN, "target": "b" * 32}, r"target: an assignment reviews nothing"),
        ({**ASSIGN, "evidence": "d:p"}, r"evidence: assign rows have none"),
        ({"decision": "approve"}, r"target: only a review names a target and a decision"),
        ({"assignee": "x"}, r"assignee: only an assignment names an assignee"),
        ({"blind": "yes"}, r"blind: expected '1' or nothing, got 'yes'"),
        ({"schema_version": "3"}, r"schema_version: row written with schema '3'"),
    ],
)
def test_bad_workflow_rows_are_named_by_field(over: dict[str, str], error: str) -> None:
    with pytest.raises(ValueError, match=error):
        validate_values(good_row(**{"schema_version": "2", **over}), default_scale())


def test_a_format_1_file_is_read_and_widened_only_when_a_row_needs_it(tmp_path: Path) -> None:
    path = tmp_path / "old.csv"
    old = {c: v for c, v in good_row().items() if c in FORMAT_1_COLUMNS}
    hand_written(path, list(FORMAT_1_COLUMNS), [list(old.values())], bom=True, eol="\r\n")
    log = VerdictLog(path)
    assert log.read()["kind"].tolist() == [""]
    log.record(claim=OTHER, verdict="true", editor="هدى")  # a verdict fits format 1
    assert path.read_bytes().split(b"\r\n")[0] == BOM + ",".join(FORMAT_1_COLUMNS).encode()
    assert not path.with_name("old.csv.format1").exists()
    before = path.read_bytes()
    log.review(old["verdict_id"], reviewer="عمر", decision="dispute")
    header = path.read_bytes().split(b"\r\n")[0].removeprefix(BOM).decode()
    assert header.split(",") == list(COLUMNS)
    assert path.with_name("old.csv.format1").read_bytes() == before  # the backup
    df = log.read()
    assert df["verdict_id"].tolist()[:2] == [old["verdict_id"], df["verdict_id"][1]]
    assert log.current().set_index("claim")["status"][CLAIM] == "disputed"


def test_a_damaged_format_1_file_is_not_widened(tmp_path: Path) -> None:
    path = tmp_path / "old.csv"
    old = {c: v for c, v in good_row().items() if c in FORMAT_1_COLUMNS}
    hand_written(path, list(FORMAT_1_COLUMNS), [list(old.values()), ["torn"]], bom=True, eol="\n")
    before = path.read_bytes()
    with pytest.raises(LogFormatError, match=r"line 3: .*must gain the column\(s\) kind"):
        VerdictLog(path).assign(claim=CLAIM, assignee="سارة", editor="عمر")
    assert path.read_bytes() == before


# --- agreement ----------------------------------------------------------------------------------


def judged(rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["editor", "claim_id", "verdict"])


def test_agreement_per_pair_and_over_all_editors() -> None:
    # Two editors, four claims, three agreements: raw 0.75. Kappa by hand: p_o = 0.75;
    # A says (t, t, f, f), B says (t, t, f, t): p_e = 0.5*0.75 + 0.5*0.25 = 0.5, kappa = 0.5.
    got = agreement(
        judged(
            [
                *[
                    ("A", c, v)
                    for c, v in zip("wxyz", ["true", "true", "false", "false"], strict=True)
                ],
                *[
                    ("B", c, v)
                    for c, v in zip("wxyz", ["true", "true", "false", "true"], strict=True)
                ],
                ("C", "w", "true"),  # C shares one claim with each: kappa undefined
            ]
        )
    )
    assert tuple(got.pairs.columns) == PAIR_COLUMNS
    first = got.pairs.iloc[0]
    assert (first.editor_a, first.editor_b, first.claims, first.agreed) == ("A", "B", 4, 3)
    assert first.raw_agreement == 0.75 and first.kappa == pytest.approx(0.5)
    assert got.pairs["claims"].tolist() == [4, 1, 1]
    assert math.isnan(got.pairs.iloc[1].kappa)
    assert got.editors == ("A", "B", "C") and got.shared_claims == 4
    assert -1.0 <= got.alpha <= 1.0
    data = got.to_json()
    assert data["pairs"][1]["cohen_kappa"] is None and data["pairs"][0]["cohen_kappa"] == 0.5


@pytest.mark.parametrize(
    "rows",
    [
        [],
        [("A", "x", "true")],
        [("A", "x", "true"), ("B", "y", "true")],  # nothing shared
        [("A", "x", "true"), ("B", "x", "true"), ("A", "y", "true"), ("B", "y", "true")],
    ],
)
def test_agreement_is_undefined_rather_than_invented(rows: list[tuple[str, str, str]]) -> None:
    got = agreement(judged(rows))
    assert math.isnan(got.alpha)
    assert got.pairs["kappa"].isna().all()


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from("ABC"), st.sampled_from("vwxyz"), st.sampled_from(["t", "f", "m"])
        ),
        max_size=25,
    )
)
def test_agreement_bounds_and_symmetry(rows: list[tuple[str, str, str]]) -> None:
    got = agreement(judged(rows))
    for p in got.pairs.itertuples():
        assert 0 <= p.agreed <= p.claims and 0.0 <= p.raw_agreement <= 1.0
        assert math.isnan(p.kappa) or -1.0 - 1e-9 <= p.kappa <= 1.0 + 1e-9
        if p.agreed == p.claims and not math.isnan(p.kappa):
            assert p.kappa == pytest.approx(1.0)
    assert math.isnan(got.alpha) or got.alpha <= 1.0 + 1e-9
    swapped = agreement(
        judged([(e.translate(str.maketrans("AB", "BA")), c, v) for e, c, v in rows])
    )
    assert sorted(swapped.pairs["raw_agreement"]) == sorted(got.pairs["raw_agreement"])


def test_agreement_reads_each_editors_latest_verdict_in_effect(log: VerdictLog) -> None:
    a = log.record(claim=CLAIM, verdict="false", editor="هدى")
    log.record(claim=CLAIM, verdict="true", editor="هدى", supersedes=a.verdict_id)
    log.record(claim=CLAIM, verdict="true", editor="عمر", blind=True)
    b = log.record(claim=OTHER, verdict="false", editor="عمر")
    log.record(claim=OTHER, verdict="true", editor="هدى", blind=True)
    log.undo(b.verdict_id, editor="عمر")
    got = log.agreement()
    assert got.pairs[["claims", "agreed"]].values.tolist() == [[1, 1]]
