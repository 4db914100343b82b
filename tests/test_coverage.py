"""Coverage frames: schemas, the dominant-stance rule, independent vs syndicated counts."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.desk.coverage import (
    COVERAGE_COLUMNS,
    MATRIX_COLUMNS,
    OUTLET_COUNT_COLUMNS,
    claim_outlet_counts,
    coverage_frame,
    outlet_stance_matrix,
)
from factcheck.records import STANCES, Claim, Evidence, EvidenceResult, Passage


def ev(
    pid: str,
    doc: str,
    source: str,
    stance: str,
    confidence: float = 0.5,
    *,
    independent: bool = True,
    score: float = 1.0,
) -> Evidence:
    text = f"نص الفقرة {pid}"
    return Evidence(
        passage=Passage(pid, doc, text, 0, len(text)),
        source=source,
        date="",
        score=score,
        stance=stance,  # type: ignore[arg-type]
        confidence=confidence,
        reasons=(),
        speaker="",
        cluster_id=f"k-{pid}",
        independent=independent,
    )


def result(claim_id: str, text: str, *evidence: Evidence) -> EvidenceResult:
    return EvidenceResult(claim=text, claim_id=claim_id, quantities=(), evidence=evidence)


CLAIM_1 = "انسحاب القوات الأمريكية من العراق سيكتمل في 31 ديسمبر"
CLAIM_2 = "التضخم بلغ 60% في 2021"


def sample() -> list[EvidenceResult]:
    return [
        result(
            "c1",
            CLAIM_1,
            ev("p1", "d1", "الحرة", "support", 0.9),
            ev("p2", "d2", "عنب بلدي", "support", 0.6, independent=False),
            ev("p3", "d3", "بغداد اليوم", "contradict", 0.8),
            ev("p4", "d3", "بغداد اليوم", "support", 0.3, independent=False),
            ev("p5", "d5", "", "neutral", 0.4),
        ),
        result(
            "c2",
            CLAIM_2,
            ev("p6", "d1", "الحرة", "contradict", 0.7, score=2.5),
            ev("p7", "d4", "Reuters", "support", 0.5),
        ),
        result("c3", "ادعاء بلا أدلة"),
    ]


# ---- coverage_frame ----------------------------------------------------------------------------


def test_coverage_frame_one_row_per_passage_with_schema():
    df = coverage_frame(sample())
    assert tuple(df.columns) == COVERAGE_COLUMNS
    assert len(df) == 7
    assert list(df["passage_id"]) == ["p1", "p2", "p3", "p4", "p5", "p6", "p7"]
    assert list(df["claim_id"]) == ["c1"] * 5 + ["c2"] * 2
    assert df.loc[5, "claim"] == CLAIM_2
    assert df.loc[5, "score"] == 2.5
    assert list(df["independent"]) == [True, False, True, False, True, True, True]
    assert df["independent"].dtype == bool
    assert df["confidence"].dtype == "float64"
    assert df.loc[0, "cluster_id"] == "k-p1"


def test_unknown_outlet_is_shown_as_its_document():
    df = coverage_frame(sample())
    row = df[df["passage_id"] == "p5"].iloc[0]
    assert row["source"] == ""
    assert row["outlet"] == "d5"
    # Two different unknown outlets are not merged into one.
    two = coverage_frame(
        [result("c", "x", ev("a", "dA", "", "support"), ev("b", "dB", "", "support"))]
    )
    assert list(two["outlet"]) == ["dA", "dB"]


def test_claim_mapping_supplies_canonical_text():
    claims = {"c1": Claim("c1", "النص الأصلي للادعاء", ("number",), ("d1",), ("p1",), 1.0)}
    df = coverage_frame(sample(), claims)
    assert set(df.loc[df["claim_id"] == "c1", "claim"]) == {"النص الأصلي للادعاء"}
    assert set(df.loc[df["claim_id"] == "c2", "claim"]) == {CLAIM_2}  # not in the mapping


def test_empty_coverage_frame_has_the_same_schema():
    empty = coverage_frame([])
    full = coverage_frame(sample())
    assert tuple(empty.columns) == COVERAGE_COLUMNS
    assert empty.empty
    assert dict(empty.dtypes) == dict(full.dtypes)


# ---- outlet_stance_matrix ------------------------------------------------------------------------

# (stances with confidences in one cell) -> dominant stance
DOMINANT_CASES = [
    ([("support", 0.9)], "support"),
    ([("contradict", 0.2)], "contradict"),
    ([("neutral", 0.9)], "neutral"),
    ([("neutral", 0.9), ("neutral", 0.1)], "neutral"),
    ([("neutral", 0.99), ("support", 0.1)], "support"),  # neutral only when nothing else
    ([("neutral", 0.99), ("contradict", 0.1)], "contradict"),
    ([("support", 0.9), ("contradict", 0.8)], "support"),
    ([("support", 0.3), ("contradict", 0.8)], "contradict"),
    ([("support", 0.3), ("support", 0.3), ("contradict", 0.5)], "support"),  # summed: 0.6 > 0.5
    ([("support", 0.5), ("contradict", 0.5)], "contradict"),  # tie: contradiction first
    ([("support", 0.0), ("contradict", 0.0)], "contradict"),
]


@pytest.mark.parametrize(("cell", "expected"), DOMINANT_CASES)
def test_dominant_stance_rule(cell, expected):
    evidence = [ev(f"p{i}", "d1", "الحرة", s, c) for i, (s, c) in enumerate(cell)]
    m = outlet_stance_matrix(coverage_frame([result("c1", CLAIM_1, *evidence)]))
    assert len(m) == 1
    assert m.loc[0, "stance"] == expected
    stances = [s for s, _ in cell]
    assert m.loc[0, "mixed"] == ("support" in stances and "contradict" in stances)
    for s in STANCES:
        assert m.loc[0, s] == stances.count(s)
        assert m.loc[0, f"{s}_conf"] == pytest.approx(sum(c for t, c in cell if t == s))


def test_matrix_rows_counts_and_order():
    m = outlet_stance_matrix(coverage_frame(sample()))
    assert tuple(m.columns) == MATRIX_COLUMNS
    assert list(zip(m["claim_id"], m["outlet"], m["stance"], strict=True)) == [
        ("c1", "الحرة", "support"),
        ("c1", "عنب بلدي", "support"),
        ("c1", "بغداد اليوم", "contradict"),
        ("c1", "d5", "neutral"),
        ("c2", "الحرة", "contradict"),
        ("c2", "Reuters", "support"),
    ]
    baghdad = m[(m["claim_id"] == "c1") & (m["outlet"] == "بغداد اليوم")].iloc[0]
    assert (baghdad["passages"], baghdad["independent"], bool(baghdad["mixed"])) == (2, 1, True)
    grid = m.pivot(index="claim_id", columns="outlet", values="stance")
    assert grid.loc["c2", "Reuters"] == "support"
    assert pd.isna(grid.loc["c2", "d5"])


def test_empty_matrix_has_schema():
    m = outlet_stance_matrix(coverage_frame([]))
    assert m.empty
    assert tuple(m.columns) == MATRIX_COLUMNS


# ---- claim_outlet_counts -------------------------------------------------------------------------


def test_claim_outlet_counts_split_independent_and_syndicated():
    counts = claim_outlet_counts(coverage_frame(sample()), "c1")
    assert tuple(counts.columns) == OUTLET_COUNT_COLUMNS
    # Most passages first; ties keep first appearance.
    assert list(counts["outlet"]) == ["بغداد اليوم", "الحرة", "عنب بلدي", "d5"]
    row = counts.set_index("outlet")
    assert row.loc["بغداد اليوم", "contradict_independent"] == 1
    assert row.loc["بغداد اليوم", "support_syndicated"] == 1
    assert row.loc["بغداد اليوم", "support_independent"] == 0
    assert row.loc["عنب بلدي", "support_syndicated"] == 1
    assert row.loc["d5", "neutral_independent"] == 1
    assert list(counts["total"]) == [2, 1, 1, 1]
    assert set(counts["claim"]) == {CLAIM_1}


def test_claim_outlet_counts_unknown_claim_is_empty_not_an_error():
    counts = claim_outlet_counts(coverage_frame(sample()), "no-such-claim")
    assert counts.empty
    assert tuple(counts.columns) == OUTLET_COUNT_COLUMNS
    assert claim_outlet_counts(coverage_frame([]), "c1").empty


# ---- properties ----------------------------------------------------------------------------------

OUTLETS = ["الحرة", "عنب بلدي", "Reuters", ""]


@st.composite
def results_strategy(draw):
    n_claims = draw(st.integers(0, 4))
    results = []
    k = 0
    for c in range(n_claims):
        evidence = []
        for _ in range(draw(st.integers(0, 6))):
            k += 1
            evidence.append(
                ev(
                    f"p{k}",
                    f"d{draw(st.integers(0, 4))}",
                    draw(st.sampled_from(OUTLETS)),
                    draw(st.sampled_from(STANCES)),
                    draw(st.floats(0, 1)),
                    independent=draw(st.booleans()),
                )
            )
        results.append(result(f"c{c}", f"ادعاء {c}", *evidence))
    return results


@settings(max_examples=150, deadline=None)
@given(results_strategy())
def test_matrix_invariants(results):
    df = coverage_frame(results)
    assert len(df) == sum(len(r.evidence) for r in results)
    m = outlet_stance_matrix(df)
    assert len(m) == len(df[["claim_id", "outlet"]].drop_duplicates())
    assert not m.duplicated(["claim_id", "outlet"]).any()
    assert m["passages"].sum() == len(df)
    for row in m.itertuples(index=False):
        cell = df[(df["claim_id"] == row.claim_id) & (df["outlet"] == row.outlet)]
        # The cell's stance is one its own passages take.
        assert row.stance in set(cell["stance"])
        assert row.support + row.contradict + row.neutral == row.passages == len(cell)
        assert row.independent == int(cell["independent"].sum())
        assert (row.stance == "neutral") == (row.support == 0 and row.contradict == 0)
        if row.mixed:
            win, lose = (
                ("support", "contradict") if row.stance == "support" else ("contradict", "support")
            )
            assert getattr(row, f"{win}_conf") >= getattr(row, f"{lose}_conf")
            if row.stance == "support":
                assert row.support_conf > row.contradict_conf
    for claim_id in set(df["claim_id"]):
        counts = claim_outlet_counts(df, claim_id)
        assert counts["total"].sum() == (df["claim_id"] == claim_id).sum()
        assert list(counts["total"]) == sorted(counts["total"], reverse=True)
        cells = m[m["claim_id"] == claim_id].set_index("outlet")
        for row in counts.itertuples(index=False):
            for s in STANCES:
                split = getattr(row, f"{s}_independent") + getattr(row, f"{s}_syndicated")
                assert split == cells.loc[row.outlet, s]


def test_matrix_rejects_an_unknown_stance_naming_the_row():
    df = coverage_frame(sample())
    df.loc[3, "stance"] = "maybe"
    with pytest.raises(ValueError, match=r"row 3 \(claim 'c1'\).*'maybe'"):
        outlet_stance_matrix(df)


def test_missing_confidence_counts_as_zero():
    df = coverage_frame([result("c1", CLAIM_1, ev("a", "d", "x", "support", 0.4))])
    df = pd.concat([df, df.assign(passage_id="b", stance="contradict", confidence=float("nan"))])
    m = outlet_stance_matrix(df.reset_index(drop=True))
    assert m.loc[0, "contradict_conf"] == 0.0
    assert m.loc[0, "stance"] == "support"
