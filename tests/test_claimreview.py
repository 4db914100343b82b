"""ClaimReview JSON-LD export: one review per claim from its current verdict, Google's fields."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factcheck.verdicts.claimreview import (
    REQUIRED_FIELDS,
    dumps_claimreview,
    missing_required,
    publishable,
    to_claimreview,
)
from factcheck.verdicts.log import VerdictLog

# Google Search "Fact check (ClaimReview)": required properties of the ClaimReview and its
# Rating. Spelled out here, not imported, so the test checks the module against the spec.
GOOGLE_REQUIRED = [("claimReviewed",), ("reviewRating", "alternateName"), ("url",)]
GOOGLE_RECOMMENDED = [
    ("author", "name"),
    ("datePublished",),
    ("itemReviewed", "@type"),
    ("reviewRating", "ratingValue"),
    ("reviewRating", "bestRating"),
    ("reviewRating", "worstRating"),
]

URLS = {"d1": "https://news.example/a", "d2": "https://news.example/b"}


def get(review: dict, path: tuple[str, ...]):
    node = review
    for part in path:
        node = node[part]
    return node


@pytest.fixture
def log(tmp_path: Path) -> VerdictLog:
    log = VerdictLog(tmp_path / "v.csv")
    first = log.record(claim="البطالة 30%", verdict="true", editor="Huda", evidence=["d1:p1"])
    log.record(
        claim="البطالة 30%",
        verdict="false",
        editor="Omar",
        evidence=["d1:p1", "d1:p2", "d2:p9", "d3:p1"],
        supersedes=first.verdict_id,
    )
    log.record(claim="التضخم 5%", verdict="unproven", editor="Huda")
    gone = log.record(claim="ادعاء مسحوب", verdict="misleading", editor="Huda")
    log.undo(gone.verdict_id, editor="Huda")
    for verdict_id in log.current()["verdict_id"]:  # a second editor approves both
        log.review(verdict_id, reviewer="Sara", decision="approve")
    return log


def test_one_review_per_claim_with_google_fields(log: VerdictLog) -> None:
    current = log.current()
    reviews = to_claimreview(
        current,
        scale=log.scale,
        doc_urls=URLS,
        publisher="مسبار",
        publisher_url="https://desk.example",
        review_url="https://desk.example/checks/{claim_id}",
        claim_dates={current["claim_id"].iloc[0]: "2026-04-30"},
    )
    assert [r["claimReviewed"] for r in reviews] == ["البطالة 30%", "التضخم 5%"]
    # One page per claim id (pinned ids, written once from the code of version 0.1.0).
    assert [r["url"] for r in reviews] == [
        "https://desk.example/checks/c-b24a1023df86",
        "https://desk.example/checks/c-8549045517ee",
    ]
    for review, row in zip(reviews, current.to_dict("records"), strict=True):
        assert review["@context"] == "https://schema.org"
        assert review["@type"] == "ClaimReview"
        for path in GOOGLE_REQUIRED:
            assert get(review, path), path
        assert missing_required(review) == []
        assert review["url"] == f"https://desk.example/checks/{row['claim_id']}"
        assert review["author"] == {
            "@type": "Organization",
            "name": "مسبار",
            "url": "https://desk.example",
        }
        assert review["datePublished"] == row["recorded_at"]
        assert review["itemReviewed"]["@type"] == "Claim"
        assert review["reviewRating"]["@type"] == "Rating"

    false, unproven = reviews
    for path in GOOGLE_RECOMMENDED:
        assert get(false, path) is not None, path
    assert false["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "خاطئ",
        "ratingValue": 1,
        "bestRating": 5,
        "worstRating": 1,
    }
    # Evidence documents with a known url, each once, in evidence order; d3 has none.
    assert false["itemReviewed"]["appearance"] == [
        {"@type": "CreativeWork", "url": "https://news.example/a"},
        {"@type": "CreativeWork", "url": "https://news.example/b"},
    ]
    assert false["itemReviewed"]["datePublished"] == "2026-04-30"
    # Off the numeric scale: textual rating only; no evidence: no appearance; no claim date.
    assert unproven["reviewRating"] == {"@type": "Rating", "alternateName": "غير مثبت"}
    assert unproven["itemReviewed"] == {"@type": "Claim"}


def test_unconfigured_fields_are_left_out_and_reported(log: VerdictLog) -> None:
    reviews = to_claimreview(log.current(), scale=log.scale, language="en")
    assert reviews[0]["reviewRating"]["alternateName"] == "False"
    assert "url" not in reviews[0] and "author" not in reviews[0]
    assert "appearance" not in reviews[0]["itemReviewed"]
    assert missing_required(reviews[0]) == ["url"]
    assert missing_required({"reviewRating": {}}) == list(REQUIRED_FIELDS)


def test_one_url_for_a_page_of_reviews(log: VerdictLog) -> None:
    reviews = to_claimreview(log.current(), scale=log.scale, review_url="https://desk.example/p")
    assert {r["url"] for r in reviews} == {"https://desk.example/p"}


def test_dumps_is_json_ld_with_readable_arabic(log: VerdictLog) -> None:
    text = dumps_claimreview(log.current(), scale=log.scale, publisher="مسبار")
    assert "البطالة" in text and "\\u" not in text
    assert json.loads(text) == to_claimreview(log.current(), scale=log.scale, publisher="مسبار")


def test_bad_language(log: VerdictLog) -> None:
    with pytest.raises(ValueError, match=r"^language: "):
        to_claimreview(log.current(), scale=log.scale, language="fr")


def test_empty_log_exports_nothing(tmp_path: Path) -> None:
    log = VerdictLog(tmp_path / "none.csv")
    assert to_claimreview(log.current(), scale=log.scale) == []


def test_only_approved_verdicts_are_published_unless_drafts_are_asked_for(tmp_path: Path) -> None:
    log = VerdictLog(tmp_path / "v.csv")
    ids = [log.record(claim=c, verdict="false", editor="Huda").verdict_id for c in "abc"]
    log.review(ids[0], reviewer="Omar", decision="approve")
    log.review(ids[1], reviewer="Omar", decision="dispute")
    current = log.current()
    assert publishable(current)["claim"].tolist() == ["a"]
    assert publishable(current, include_drafts=True)["claim"].tolist() == ["a", "c"]
    reviews = to_claimreview(current, scale=log.scale)
    assert [r["claimReviewed"] for r in reviews] == ["a"]
    # A disputed verdict is never published; a correction starts a new draft.
    log.record(claim="b", verdict="misleading", editor="Huda", supersedes=ids[1])
    drafts = to_claimreview(log.current(), scale=log.scale, include_drafts=True)
    assert [r["claimReviewed"] for r in drafts] == ["a", "c", "b"]
    # A frame without review status (an older caller's) counts as drafts.
    assert publishable(current.drop(columns="status")).empty
