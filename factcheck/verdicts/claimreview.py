"""ClaimReview export: schema.org JSON-LD, one ``ClaimReview`` per claim from its current verdict.

Google's fact-check rich result *requires* ``claimReviewed``, ``reviewRating`` (with
``alternateName``, the textual verdict) and ``url`` (the page hosting the fact check), and
*recommends* ``author``, ``datePublished`` and ``itemReviewed`` (a ``Claim`` with ``appearance``,
``datePublished``), plus ``ratingValue`` / ``bestRating`` / ``worstRating``. The log does not know
where the fact check will be published, so ``url`` is emitted only when ``review_url`` is given;
:func:`missing_required` lists what a review still lacks before it can be published.

Only verdicts a second editor approved are published (:func:`publishable`): a draft has not been
reviewed and a disputed verdict has been challenged. ``include_drafts`` adds the drafts (for a
preview); a disputed verdict is never exported, it is corrected first.

A verdict off the numeric scale (the default "unproven") gets only the textual rating: a number
would place it on the true..false axis.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

from factcheck.verdicts.rows import parse_evidence
from factcheck.verdicts.scale import Scale

__all__ = [
    "REQUIRED_FIELDS",
    "dumps_claimreview",
    "missing_required",
    "publishable",
    "to_claimreview",
]

REQUIRED_FIELDS: tuple[str, ...] = ("claimReviewed", "reviewRating.alternateName", "url")
"""Google's required ClaimReview properties (dotted paths)."""


def _number(x: Any) -> int | float:
    x = float(x)
    return int(x) if x.is_integer() else x


def publishable(current_df: pd.DataFrame, *, include_drafts: bool = False) -> pd.DataFrame:
    """The current verdicts that may be published: approved ones, and drafts too with
    ``include_drafts``. Rows without a ``status`` column (an older caller's frame) count as
    drafts."""
    status = current_df.get("status", "draft")
    allowed = ("approved", "draft") if include_drafts else ("approved",)
    keep = pd.Series(status, index=current_df.index).isin(allowed)
    return current_df[keep]


def to_claimreview(
    current_df: pd.DataFrame,
    *,
    scale: Scale,
    doc_urls: Mapping[str, str] | None = None,
    publisher: str | None = None,
    publisher_url: str | None = None,
    review_url: str | None = None,
    claim_dates: Mapping[str, str] | None = None,
    language: str = "ar",
    include_drafts: bool = False,
) -> list[dict[str, Any]]:
    """One ClaimReview dict per publishable row of ``current_df`` (:meth:`VerdictLog.current`;
    approved verdicts, drafts too with ``include_drafts``: :func:`publishable`).

    ``doc_urls`` maps evidence document ids to their urls (``itemReviewed.appearance``; unknown
    documents are left out). ``review_url`` may hold ``{claim_id}`` / ``{verdict_id}``
    placeholders, one page per claim, or be one page for all. ``claim_dates`` maps claim ids to
    the date the claim was made (``itemReviewed.datePublished``). ``language`` picks the label
    used as ``alternateName`` (``"ar"`` or ``"en"``).
    """
    if language not in ("ar", "en"):
        raise ValueError(f"language: expected 'ar' or 'en', got {language!r}")
    doc_urls = doc_urls or {}
    claim_dates = claim_dates or {}
    reviews: list[dict[str, Any]] = []
    rows = publishable(current_df, include_drafts=include_drafts)
    for row in rows.to_dict("records"):
        label = scale[row["verdict"]]
        rating: dict[str, Any] = {"@type": "Rating", "alternateName": label.name(language)}
        if label.rating is not None:
            rating |= {
                "ratingValue": _number(label.rating),
                "bestRating": _number(scale.best),
                "worstRating": _number(scale.worst),
            }
        claim: dict[str, Any] = {"@type": "Claim"}
        urls: list[str] = []
        for ev in parse_evidence(row.get("evidence") or ""):
            url = doc_urls.get(ev.doc_id)
            if url and url not in urls:
                urls.append(url)
        if urls:
            claim["appearance"] = [{"@type": "CreativeWork", "url": u} for u in urls]
        if claim_dates.get(row["claim_id"]):
            claim["datePublished"] = claim_dates[row["claim_id"]]
        review: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "claimReviewed": row["claim"],
            "reviewRating": rating,
            "itemReviewed": claim,
            "datePublished": row["recorded_at"],
        }
        if review_url:
            review["url"] = review_url.format(
                claim_id=row["claim_id"], verdict_id=row["verdict_id"]
            )
        if publisher:
            author = {"@type": "Organization", "name": publisher}
            if publisher_url:
                author["url"] = publisher_url
            review["author"] = author
        reviews.append(review)
    return reviews


def missing_required(review: Mapping[str, Any]) -> list[str]:
    """The :data:`REQUIRED_FIELDS` a review lacks (empty values count as missing)."""
    missing = []
    for path in REQUIRED_FIELDS:
        node: Any = review
        for part in path.split("."):
            node = node.get(part) if isinstance(node, Mapping) else None
        if node is None or node == "" or (isinstance(node, float) and math.isnan(node)):
            missing.append(path)
    return missing


def dumps_claimreview(current_df: pd.DataFrame, **kwargs: Any) -> str:
    """:func:`to_claimreview` as JSON-LD text (UTF-8 Arabic kept readable, not ``\\u`` escaped)."""
    return json.dumps(to_claimreview(current_df, **kwargs), ensure_ascii=False, indent=2)
