"""Stable ids of claims, passages and syndication clusters.

Verdict logs, exports and editors' links store these ids, so they must never change between
versions: ``tests/data/golden_ids.json`` pins them. Each id hashes the *matching form* of its
text (:func:`factcheck.text.arabic.match_key`), so spellings that fold alike (diacritics, hamza
forms, tatweel, Arabic-Indic digits, runs of white space) share an id.
"""

from __future__ import annotations

import hashlib

from factcheck.text.arabic import match_key

__all__ = ["claim_id_for", "cluster_id_for", "passage_id", "passage_id_from_key"]


def _sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def claim_id_for(text: str) -> str:
    """``"c-"`` + 12 hex of the SHA-1 of the claim's matching form (``ValueError`` when empty)."""
    key = match_key(text)
    if not key:
        raise ValueError("claim: must not be empty")
    return "c-" + _sha1(key)[:12]


def passage_id(doc_id: str, text: str, occurrence: int = 1) -> str:
    """Document id, 10 hex of the hash of the passage's matching form, and, for the second and
    later copies of the same text in one document, ``-N``."""
    return passage_id_from_key(doc_id, match_key(text), occurrence)


def passage_id_from_key(doc_id: str, key: str, occurrence: int = 1) -> str:
    """:func:`passage_id` for a caller that already holds the matching form ``key``."""
    digest = _sha1(key)[:10]
    return f"{doc_id}:{digest}" if occurrence == 1 else f"{doc_id}:{digest}-{occurrence}"


def cluster_id_for(passage_id: str) -> str:
    """Id of the syndication cluster whose original is ``passage_id``."""
    return "k-" + _sha1(passage_id)[:12]
