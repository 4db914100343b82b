"""Charts of the review workflow: how far editors agree, pair by pair.

Built from :attr:`factcheck.verdicts.agreement.Agreement.pairs` (one row per pair of editors
with the claims both judged, raw agreement and Cohen's kappa). A pair whose kappa is undefined
(too few shared claims, or every verdict the same label) gets a grey bar of raw agreement only
and says so, rather than a number the formula cannot give.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from factcheck.desk.plotlabels import empty, layout, require, rtl, user
from factcheck.verdicts.agreement import PAIR_COLUMNS

__all__ = ["AGREEMENT_COLORS", "agreement_by_pair"]

AGREEMENT_COLORS = {"raw": "#90a4ae", "kappa": "#1565c0"}
"""Bar colours: raw agreement (share of shared claims with the same verdict) and kappa."""

_TITLE = "اتفاق المحررين / Agreement between editors"


def _pair(a: str, b: str) -> str:
    return f"{user(a)} ↔ {user(b)}"


def agreement_by_pair(pairs: pd.DataFrame, alpha: float = math.nan) -> go.Figure:
    """Grouped horizontal bars, one group per editor pair (most shared claims at the top):
    raw agreement and Cohen's kappa, each labelled with its value and the claims behind it.
    ``alpha`` (Krippendorff's, over all editors) goes in the subtitle when defined."""
    if pairs.empty:
        return empty(
            _TITLE,
            "لم يحكم محرران على الادعاء نفسه بعد / No claim judged by two editors yet",
        )
    require(pairs, PAIR_COLUMNS, _TITLE)
    names = [
        _pair(str(a), str(b)) for a, b in zip(pairs["editor_a"], pairs["editor_b"], strict=True)
    ]
    claims = [int(n) for n in pairs["claims"]]
    raw = [float(x) for x in pairs["raw_agreement"]]
    kappa = [float(x) for x in pairs["kappa"]]
    defined = [not math.isnan(k) for k in kappa]
    hover_claims = rtl("ادعاءات مشتركة / shared claims: %{customdata}")
    fig = go.Figure(
        [
            go.Bar(
                y=names,
                x=raw,
                orientation="h",
                name=rtl("اتفاق خام / raw agreement"),
                marker={"color": AGREEMENT_COLORS["raw"]},
                text=[f"{x:.0%}" for x in raw],
                textposition="outside",
                customdata=claims,
                hovertemplate="%{y}<br>%{x:.0%}<br>" + hover_claims + "<extra></extra>",
            ),
            go.Bar(
                y=names,
                x=[k if d else 0.0 for k, d in zip(kappa, defined, strict=True)],
                orientation="h",
                name=rtl("كابا كوهين / Cohen's kappa"),
                marker={"color": AGREEMENT_COLORS["kappa"]},
                text=[f"{k:.2f}" if d else "n/a" for k, d in zip(kappa, defined, strict=True)],
                textposition="outside",
                customdata=claims,
                hovertemplate="%{y}<br>κ = %{text}<br>" + hover_claims + "<extra></extra>",
            ),
        ]
    )
    fig.update_yaxes(autorange="reversed", automargin=True, side="right")
    fig.update_xaxes(range=[min([-0.1, *(k for k in kappa if not math.isnan(k))]), 1.15])
    subtitle = (
        f"Krippendorff's alpha: {alpha:.2f}"
        if not math.isnan(alpha)
        else "Krippendorff's alpha: n/a"
    )
    layout(
        fig,
        _TITLE,
        barmode="group",
        height=max(260, 90 + 70 * len(names)),
        legend={"orientation": "h", "x": 1, "xanchor": "right", "y": -0.15},
    )
    fig.add_annotation(
        text=subtitle, x=1, y=1.08, xref="paper", yref="paper", showarrow=False, xanchor="right"
    )
    return fig
