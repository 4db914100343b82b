"""Ids are stored in verdict logs and exports: they must not change between versions.

``tests/data/golden_ids.json`` was written once from the code of version 0.1.0. A failure here
means a change would orphan recorded verdicts; do not regenerate the file to make it pass.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factcheck import load_corpus, sample_corpus_path
from factcheck.text.ids import claim_id_for, cluster_id_for, passage_id

GOLDEN = json.loads((Path(__file__).parent / "data" / "golden_ids.json").read_text("utf-8"))


@pytest.mark.parametrize(("text", "expected"), sorted(GOLDEN["claim_ids"].items()))
def test_claim_id_is_pinned(text: str, expected: str) -> None:
    assert claim_id_for(text) == expected


@pytest.mark.parametrize("case", GOLDEN["passage_id_function"], ids=lambda c: c["id"])
def test_passage_id_is_pinned(case: dict) -> None:
    assert passage_id(case["doc_id"], case["text"], case["occurrence"]) == case["id"]


@pytest.mark.parametrize(("pid", "expected"), sorted(GOLDEN["cluster_id_function"].items()))
def test_cluster_id_is_pinned(pid: str, expected: str) -> None:
    assert cluster_id_for(pid) == expected


def test_sample_corpus_passage_ids_are_pinned() -> None:
    corpus = load_corpus(sample_corpus_path())
    got = {d.doc_id: [p.passage_id for p in d.passages] for d in corpus.documents}
    assert got == GOLDEN["sample_corpus"]


def test_spellings_that_fold_alike_share_a_claim_id() -> None:
    ids = GOLDEN["claim_ids"]
    assert (
        ids["العراق خفّض عدد القوات الأجنبية بنسبة ٦٠٪"]
        == ids["العراق خفض عدد القوات الاجنبية بنسبة 60%"]
    )
    assert ids["foreign forces were reduced by 60%"] == ids["Foreign Forces Were Reduced By 60%"]


def test_empty_claim_has_no_id() -> None:
    with pytest.raises(ValueError, match="claim"):
        claim_id_for(" \u200f ")
