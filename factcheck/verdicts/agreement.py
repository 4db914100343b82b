"""Agreement between editors: how often two editors who judged the same claim gave it the same
verdict, beyond what chance would give.

Computed from each editor's latest verdict in effect per claim
(:meth:`factcheck.verdicts.log.VerdictLog.editor_verdicts`: blind second opinions included,
retracted verdicts not). Verdicts are read as nominal categories (the scale's keys): two editors
agree on a claim only when they chose the same label; "mostly true" against "true" is a
disagreement, as it would be on the published rating.

* Per pair of editors: the claims both judged, raw agreement (the share of those claims with the
  same label) and Cohen's kappa (``sklearn.metrics.cohen_kappa_score``).
* Over all editors: Krippendorff's alpha (the ``krippendorff`` package), which allows any number
  of editors per claim and claims that only some of them judged.

Both coefficients are *undefined* (``NaN``, shown as "n/a") when chance agreement is total: fewer
than two shared claims, or every verdict the same label. That is the honest answer for a log
with little overlap; a number there would be an artefact of the formula.
"""

from __future__ import annotations

import itertools
import math
import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["PAIR_COLUMNS", "Agreement", "agreement"]

#: Columns of :attr:`Agreement.pairs`, one row per pair of editors with a claim in common.
PAIR_COLUMNS = ("editor_a", "editor_b", "claims", "agreed", "raw_agreement", "kappa")


@dataclass(frozen=True)
class Agreement:
    """Agreement in one log: per editor pair (:data:`PAIR_COLUMNS`) and Krippendorff's alpha
    over all editors (``NaN`` when undefined)."""

    pairs: pd.DataFrame
    alpha: float
    editors: tuple[str, ...]
    #: claims judged by at least two editors: what the figures rest on
    shared_claims: int

    def to_json(self) -> dict[str, Any]:
        """Plain JSON values (``NaN`` becomes ``null``)."""

        def number(x: float) -> float | None:
            return None if math.isnan(x) else round(float(x), 4)

        return {
            "editors": list(self.editors),
            "shared_claims": self.shared_claims,
            "krippendorff_alpha": number(self.alpha),
            "pairs": [
                {
                    "editor_a": r.editor_a,
                    "editor_b": r.editor_b,
                    "claims": int(r.claims),
                    "agreed": int(r.agreed),
                    "raw_agreement": number(r.raw_agreement),
                    "cohen_kappa": number(r.kappa),
                }
                for r in self.pairs.itertuples(index=False)
            ],
        }


def _kappa(a: list[str], b: list[str]) -> float:
    from sklearn.metrics import cohen_kappa_score

    if len(a) < 2 or len(set(a) | set(b)) < 2:
        return math.nan  # chance agreement is 1: kappa is 0/0
    with warnings.catch_warnings(), np.errstate(divide="ignore", invalid="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)
        return float(cohen_kappa_score(a, b))


def _alpha(table: pd.DataFrame) -> float:
    """Krippendorff's alpha, nominal, of an editors x claims table of labels (missing: NaN)."""
    import krippendorff

    shared = table.notna().sum(axis=0) >= 2
    table = table.loc[:, shared]
    values = sorted({v for v in table.to_numpy().ravel() if isinstance(v, str)})
    if table.shape[0] < 2 or table.shape[1] < 2 or len(values) < 2:
        return math.nan
    codes = {v: float(i) for i, v in enumerate(values)}
    data = table.apply(lambda col: col.map(codes)).to_numpy(dtype="float64")
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


def agreement(verdicts: pd.DataFrame) -> Agreement:
    """Agreement among the editors of ``verdicts``: one row per editor and claim with columns
    ``editor``, ``claim_id`` and ``verdict`` (what ``VerdictLog.editor_verdicts()`` returns).
    Pairs are listed with the most shared claims first."""
    latest = verdicts.drop_duplicates(["editor", "claim_id"], keep="last")
    table = latest.pivot(index="editor", columns="claim_id", values="verdict")
    editors = tuple(str(e) for e in table.index)
    rows: list[dict[str, Any]] = []
    for a, b in itertools.combinations(editors, 2):
        both = table.loc[[a, b]].dropna(axis=1)
        if both.shape[1] == 0:
            continue
        x, y = list(both.loc[a]), list(both.loc[b])
        agreed = sum(p == q for p, q in zip(x, y, strict=True))
        rows.append(
            {
                "editor_a": a,
                "editor_b": b,
                "claims": len(x),
                "agreed": agreed,
                "raw_agreement": agreed / len(x),
                "kappa": _kappa(x, y),
            }
        )
    pairs = pd.DataFrame(rows, columns=list(PAIR_COLUMNS)).astype(
        {"claims": "int64", "agreed": "int64", "raw_agreement": "float64", "kappa": "float64"}
    )
    pairs = pairs.sort_values(
        ["claims", "editor_a", "editor_b"], ascending=[False, True, True], ignore_index=True
    )
    shared = int((table.notna().sum(axis=0) >= 2).sum()) if len(editors) else 0
    return Agreement(pairs=pairs, alpha=_alpha(table), editors=editors, shared_claims=shared)
