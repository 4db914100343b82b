"""Summaries of a verdict log for the desk's charts and the command line: per label, per editor,
per claim. Pure functions of the log's rows and current verdicts (:mod:`factcheck.verdicts.log`
reads them)."""

from __future__ import annotations

import pandas as pd

from factcheck.verdicts.scale import RETRACTED, Scale

__all__ = ["by_claim", "by_editor", "by_label"]

_CLAIM_COLUMNS = [
    *("claim_id", "claim", "decisions", "retractions", "editors", "verdict"),
    *("label_ar", "label_en", "color", "last_recorded_at"),
]


def by_label(current: pd.DataFrame, scale: Scale) -> pd.DataFrame:
    """Claims per current verdict, in scale order, zero counts included."""
    counts = current["verdict"].value_counts()
    return pd.DataFrame(
        {
            "label": [lb.key for lb in scale],
            "label_ar": [lb.ar for lb in scale],
            "label_en": [lb.en for lb in scale],
            "rating": pd.Series([lb.rating for lb in scale], dtype="float64"),
            "color": [lb.color for lb in scale],
            "count": pd.Series([int(counts.get(lb.key, 0)) for lb in scale], dtype="int64"),
        }
    )


def by_editor(verdicts: pd.DataFrame, current: pd.DataFrame) -> pd.DataFrame:
    """Per editor: verdicts recorded, retractions recorded, and claims whose current verdict is
    theirs (``verdicts``: the log's verdict and retraction rows). Busiest first."""
    is_retraction = verdicts["verdict"] == RETRACTED
    out = pd.DataFrame(
        {
            "decisions": verdicts[~is_retraction].groupby("editor").size(),
            "retractions": verdicts[is_retraction].groupby("editor").size(),
        }
    )
    out.index.name = "editor"
    out["current"] = current["editor"].value_counts().reindex(out.index)
    out = out.fillna(0).astype("int64").reset_index()
    return out.sort_values(["decisions", "editor"], ascending=[False, True], ignore_index=True)


def by_claim(verdicts: pd.DataFrame, current: pd.DataFrame, scale: Scale) -> pd.DataFrame:
    """Per claim (first recorded first): its latest text, verdicts and retractions recorded,
    distinct editors, and its current verdict (``""`` when none) with label and colour."""
    cols = _CLAIM_COLUMNS
    if verdicts.empty:
        return pd.DataFrame(
            {c: pd.Series([], dtype="int64" if c in cols[2:5] else "str") for c in cols}
        )
    is_retraction = verdicts["verdict"] == RETRACTED
    g = verdicts.groupby("claim_id", sort=False)
    out = pd.DataFrame(
        {
            "claim": g["claim"].last(),
            "decisions": verdicts[~is_retraction].groupby("claim_id").size(),
            "retractions": verdicts[is_retraction].groupby("claim_id").size(),
            "editors": g["editor"].nunique(),
            "last_recorded_at": g["recorded_at"].last(),
        }
    ).reindex(g.size().index)
    out[["decisions", "retractions"]] = out[["decisions", "retractions"]].fillna(0).astype("int64")
    cur = current.set_index("claim_id")["verdict"]
    out["verdict"] = cur.reindex(out.index).fillna("").astype("str")
    labels = {lb.key: lb for lb in scale}
    for col, attr in (("label_ar", "ar"), ("label_en", "en"), ("color", "color")):
        out[col] = [getattr(labels[v], attr) if v in labels else "" for v in out["verdict"]]
    out.index.name = "claim_id"
    return out.reset_index()[cols]
