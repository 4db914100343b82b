"""What the desk reads from the verdict log: filtered views and the dates ClaimReview needs.

Pure functions over frames and records, so :class:`factcheck.desk.session.DeskSession` stays a
thin state machine and these stay testable on their own.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from factcheck.records import Claim, Corpus
from factcheck.text.arabic import fold

__all__ = ["claim_dates", "filter_log"]


def _folded(text: str) -> str:
    return " ".join(fold(text).split())


def filter_log(
    frame: pd.DataFrame, claim_filter: str = "", editor_filter: str = ""
) -> pd.DataFrame:
    """The log rows newest first, kept where the claim (text or id) and the editor match.

    Both filters are substrings, compared on folded Arabic (hamza, alef and ya variants, tatweel
    and diacritics ignored), because editors type them quickly and not always as the log spells
    them. An empty filter keeps everything.
    """
    if frame.empty:
        return frame
    df = frame.iloc[::-1]
    cq = _folded(claim_filter)
    if cq:
        text = df["claim"].astype(str).map(_folded)
        df = df[text.str.contains(cq, regex=False) | (df["claim_id"].astype(str) == cq)]
    eq = fold(editor_filter).strip()
    if eq:
        df = df[df["editor"].astype(str).map(fold).str.contains(eq, regex=False)]
    return df.reset_index(drop=True)


def claim_dates(claims: Iterable[Claim], corpus: Corpus) -> dict[str, str]:
    """Earliest known date of the articles carrying each claim (ClaimReview's ``datePublished``
    of the claim); claims whose articles carry no date are left out."""
    out: dict[str, str] = {}
    for c in claims:
        dates = []
        for d in c.doc_ids:
            try:
                date = corpus.document(d).date
            except KeyError:
                continue
            if date:
                dates.append(date)
        if dates:
            out[c.claim_id] = min(dates)
    return out
