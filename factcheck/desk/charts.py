"""Plotly chart builders: each takes a DataFrame and returns a ``go.Figure`` (no I/O).

Claim coverage here (the claim x outlet matrix, the open claim per outlet, verdicts by rating);
the review workflow's charts are in :mod:`factcheck.desk.teamcharts`. How Arabic labels are made
to read right to left is :mod:`factcheck.desk.plotlabels`.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from factcheck.desk.coverage import MATRIX_COLUMNS, outlet_stance_matrix
from factcheck.desk.labels import STANCE_COLORS, STANCE_LABELS, truncate
from factcheck.desk.plotlabels import FONT_FAMILY, NO_DATA, rtl
from factcheck.desk.plotlabels import empty as _empty
from factcheck.desk.plotlabels import esc as _esc
from factcheck.desk.plotlabels import label as _label
from factcheck.desk.plotlabels import layout as _layout
from factcheck.desk.plotlabels import lines as _lines
from factcheck.desk.plotlabels import require as _require
from factcheck.desk.plotlabels import user as _user

__all__ = [
    "FONT_FAMILY",
    "NO_DATA",
    "STANCE_CODES",
    "claim_stance_by_outlet",
    "coverage_matrix",
    "rtl",
    "verdicts_by_label",
]

STANCE_CODES: dict[str, int] = {"neutral": 0, "support": 1, "contradict": 2}
"""Heatmap ``z`` value per stance; an outlet that did not carry the claim is ``None`` (blank)."""

_FALLBACK_COLOR = STANCE_COLORS["neutral"]
_LEGEND_NOTE = (
    "صلب = مستقل، مظلل = نسخة منقولة، منقط = مصدر الادعاء / "
    "solid = independent, hatched = copy, dotted = where the claim was found"
)


def _stance_text(stance: str) -> str:
    ar, en = STANCE_LABELS[stance]
    return f"{ar} / {en}"


def coverage_matrix(df: pd.DataFrame) -> go.Figure:
    """Claims x outlets heatmap coloured by each outlet's dominant stance on each claim.

    ``df`` is a :func:`~factcheck.desk.coverage.coverage_frame` (or an already computed
    :func:`~factcheck.desk.coverage.outlet_stance_matrix`). Support is green, contradiction red,
    neutral (mentioned, no stance) grey; an outlet that did not carry the claim is blank.
    Covered cells show their passage count ("±" when the outlet both supports and
    contradicts). Claims are rows labelled with their truncated text on the right; outlets
    are columns, the most-covering first (rightmost). Hover shows claim, outlet, stance and
    the passage counts.
    """
    title = "تغطية الادعاءات حسب المنبر / Claim coverage by outlet"
    if df.empty:
        return _empty(title)
    if set(MATRIX_COLUMNS) <= set(df.columns):
        cells = df
    else:
        _require(df, ("claim_id", "claim", "outlet", "stance", "confidence", "independent"), title)
        cells = outlet_stance_matrix(df)
    claims = list(dict.fromkeys(cells["claim_id"]))
    claim_text = dict(zip(cells["claim_id"], cells["claim"], strict=True))
    covered = cells.groupby("outlet", sort=False)["claim_id"].nunique()
    first_seen = {o: i for i, o in enumerate(dict.fromkeys(cells["outlet"]))}
    outlets = sorted(first_seen, key=lambda o: (-int(covered[o]), first_seen[o]))
    by_cell = {(r.claim_id, r.outlet): r for r in cells.itertuples(index=False)}

    z: list[list[int | None]] = []
    cell_text: list[list[str]] = []
    hover: list[list[str]] = []
    for cid in claims:
        z_row: list[int | None] = []
        text_row: list[str] = []
        hover_row: list[str] = []
        claim_line = _esc(truncate(claim_text[cid], 120))
        for outlet in outlets:
            lines = [claim_line, "المنبر / Outlet: " + _user(outlet)]
            r = by_cell.get((cid, outlet))
            if r is None:
                z_row.append(None)
                text_row.append("")
                lines.append("لم يتناول الادعاء / Not covered")
            else:
                z_row.append(STANCE_CODES[r.stance])
                text_row.append(f"{r.passages}{' ±' if r.mixed else ''}")
                lines += [
                    f"الموقف / Stance: {_stance_text(r.stance)}",
                    f"يدعم {r.support} · يناقض {r.contradict} · ذو صلة {r.neutral}",
                    f"فقرات / passages: {r.passages} · مستقلة / independent: {r.independent}",
                ]
            hover_row.append(_lines(*lines))
        z.append(z_row)
        cell_text.append(text_row)
        hover.append(hover_row)

    grey, green, red = (STANCE_COLORS[s] for s in ("neutral", "support", "contradict"))
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=outlets,
            y=claims,
            zmin=-0.5,
            zmax=2.5,
            # Discrete colour scale: each code owns a third of [zmin, zmax].
            colorscale=[
                [0.0, grey],
                [1 / 3, grey],
                [1 / 3, green],
                [2 / 3, green],
                [2 / 3, red],
                [1.0, red],
            ],
            # Horizontal, under the grid: the right edge belongs to the claim labels.
            colorbar={
                "tickmode": "array",
                "tickvals": [STANCE_CODES[s] for s in ("support", "contradict", "neutral")],
                "ticktext": [rtl(_stance_text(s)) for s in ("support", "contradict", "neutral")],
                "orientation": "h",
                "x": 1.0,
                "xanchor": "right",
                "y": -0.05,
                "yanchor": "top",
                "len": 0.6,
                "thickness": 12,
            },
            text=cell_text,
            texttemplate="%{text}",
            hovertext=hover,
            hoverinfo="text",
            hoverongaps=True,
            xgap=2,
            ygap=2,
            name="",
        )
    )
    fig.update_yaxes(
        tickmode="array",
        tickvals=claims,
        ticktext=[_label(truncate(claim_text[c])) for c in claims],
        side="right",
        autorange="reversed",
        automargin=True,
    )
    fig.update_xaxes(
        tickmode="array",
        tickvals=outlets,
        ticktext=[_label(o) for o in outlets],
        autorange="reversed",
        automargin=True,
        side="top",
    )
    return _layout(fig, title, height=max(360, 200 + 48 * len(claims)))


def _valid_color(color: object) -> str:
    """The colour if plotly accepts it, else the neutral grey (a bad scale colour must not
    take the whole chart down; the scale module reports it)."""
    if not isinstance(color, str) or not color.strip():
        return _FALLBACK_COLOR
    try:
        go.bar.Marker(color=color.strip())
    except ValueError:
        return _FALLBACK_COLOR
    return color.strip()


def _scale_label(row: pd.Series) -> str:
    ar = str(row.get("label_ar") or "")
    en = str(row.get("label_en") or "")
    return " / ".join(p for p in (ar, en) if p) or str(row["label"])


def verdicts_by_label(df: pd.DataFrame) -> go.Figure:
    """Bars of how many claims got each verdict, one bar per scale label in scale order.

    ``df`` is ``VerdictLog.summary_by_label()``: columns ``label``, ``label_ar``, ``label_en``,
    ``rating``, ``color``, ``count``, one row per label (zeros included). Bars take the
    label's ``color``; ticks read "صحيح / True". An all-zero summary keeps the bars (the
    scale is worth seeing) and adds the "no data yet" note.
    """
    title = "الأحكام حسب التصنيف / Verdicts by rating"
    if df.empty:
        return _empty(title)
    _require(df, ("label", "count"), title)
    labels = [str(v) for v in df["label"]]
    counts = [int(v) for v in df["count"].fillna(0)]
    colors = (
        [_valid_color(c) for c in df["color"]] if "color" in df else [_FALLBACK_COLOR] * len(df)
    )
    ticktext = [_label(_scale_label(row)) for _, row in df.iterrows()]
    fig = go.Figure(
        go.Bar(
            x=labels,
            y=counts,
            marker={"color": colors},
            text=counts,
            textposition="outside",
            customdata=ticktext,
            hovertemplate="%{customdata}<br>" + rtl("العدد / count: %{y}") + "<extra></extra>",
            name="",
        )
    )
    fig.update_xaxes(
        tickmode="array",
        tickvals=labels,
        ticktext=ticktext,
        autorange="reversed",
        automargin=True,
    )
    # Counts are whole verdicts: with small maxima plotly would tick 0, 0.2, … shown as "0 0 0 1".
    fig.update_yaxes(
        rangemode="tozero",
        tickformat="d",
        dtick=1 if max(counts, default=0) <= 10 else None,
        side="right",
        title={"text": rtl("العدد / Count")},
    )
    _layout(fig, title, height=380, showlegend=False)
    if sum(counts) == 0:
        fig.add_annotation(
            text=rtl(NO_DATA), x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False
        )
    return fig


def _column(df: pd.DataFrame, name: str) -> list[int]:
    return [int(v) for v in df[name].fillna(0)] if name in df else [0] * len(df)


def _ticks(limit: int) -> tuple[list[int], list[str]]:
    step = max(1, -(-limit // 5))
    vals = list(range(-((limit // step) * step), limit + 1, step)) if limit else [0]
    return vals, [str(abs(v)) for v in vals]


def claim_stance_by_outlet(df: pd.DataFrame) -> go.Figure:
    """Diverging bars for one claim: per outlet, supporting passages right, contradicting left.

    ``df`` is :func:`~factcheck.desk.coverage.claim_outlet_counts`. Independent passages are solid,
    syndicated copies (text first published elsewhere) are hatched and lighter, so ten outlets
    repeating one wire story are not read as ten confirmations; the claim's own passages (where
    it was found) are dotted, since a claim does not confirm itself. Neutral passages appear in
    the hover. The claim's text is the subtitle.
    """
    title = "مواقف المنابر من الادعاء / Outlet stances on the claim"
    if df.empty:
        return _empty(title)
    need = [f"{s}_{k}" for s in ("support", "contradict") for k in ("independent", "syndicated")]
    _require(df, ["outlet", *need], title)
    outlets = [str(o) for o in df["outlet"]]
    ticktext = [_label(o) for o in outlets]
    neutral = [
        a + b + c
        for a, b, c in zip(
            _column(df, "neutral_independent"),
            _column(df, "neutral_syndicated"),
            _column(df, "neutral_origin"),
            strict=True,
        )
    ]
    fig = go.Figure()
    kinds: Sequence[tuple[str, str, str, dict[str, object]]] = (
        ("independent", "مستقل", "independent", {}),
        (
            "syndicated",
            "نسخ منقولة",
            "syndicated copies",
            {"opacity": 0.55, "pattern": {"shape": "/", "solidity": 0.35}},
        ),
        (
            "origin",
            "مصدر الادعاء",
            "where the claim was found",
            {"opacity": 0.4, "pattern": {"shape": ".", "solidity": 0.3}},
        ),
    )
    for stance, sign in (("support", 1), ("contradict", -1)):
        ar, en = STANCE_LABELS[stance]
        for kind, kind_ar, kind_en, style in kinds:
            counts = _column(df, f"{stance}_{kind}")
            name = f"{ar} · {kind_ar} / {en} · {kind_en}"
            custom = [list(row) for row in zip(ticktext, counts, neutral, strict=True)]
            fig.add_trace(
                go.Bar(
                    y=outlets,
                    x=[sign * c for c in counts],
                    orientation="h",
                    name=rtl(name),
                    legendgroup=stance,
                    marker={"color": STANCE_COLORS[stance], **style},
                    customdata=custom,
                    hovertemplate=(
                        "%{customdata[0]}<br>"
                        + rtl(f"{name}: %{{customdata[1]}}")
                        + "<br>"
                        + rtl("ذو صلة / related: %{customdata[2]}")
                        + "<extra></extra>"
                    ),
                )
            )
    support = [sum(t) for t in zip(*(_column(df, f"support_{k}") for k, *_ in kinds), strict=True)]
    contradict = [
        sum(t) for t in zip(*(_column(df, f"contradict_{k}") for k, *_ in kinds), strict=True)
    ]
    limit = int(max([*support, *contradict, 0]))
    tickvals, tick_labels = _ticks(limit)
    fig.update_xaxes(
        tickmode="array",
        tickvals=tickvals,
        ticktext=tick_labels,
        range=[-(limit or 1) - 0.5, (limit or 1) + 0.5],
        zeroline=True,
        zerolinewidth=2,
    )
    fig.update_yaxes(
        tickmode="array",
        tickvals=outlets,
        ticktext=ticktext,
        side="right",
        autorange="reversed",
        automargin=True,
    )
    subtitle = _label(truncate(str(df["claim"].iloc[0]), 90)) if "claim" in df else ""
    _layout(
        fig,
        title,
        barmode="relative",
        height=max(360, 240 + 36 * len(outlets)),
        margin={"t": 120, "b": 40},
        legend={
            "title": {"text": rtl(_LEGEND_NOTE), "side": "top"},
            "orientation": "h",
            "x": 1,
            "xanchor": "right",
            "y": -0.08,
            "yanchor": "top",
        },
    )
    if subtitle:
        fig.update_layout(title_subtitle_text=subtitle)
    for stance, x in (("contradict", -(limit or 1) / 2), ("support", (limit or 1) / 2)):
        fig.add_annotation(
            text=rtl(_stance_text(stance)),
            x=x,
            y=1.02,
            xref="x",
            yref="paper",
            yanchor="bottom",
            showarrow=False,
            font={"color": STANCE_COLORS[stance]},
        )
    if limit == 0:
        fig.add_annotation(
            text=rtl("لا توجد فقرات داعمة أو مناقضة / No supporting or contradicting passages"),
            x=0.5,
            y=0.5,
            xref="paper",
            yref="paper",
            showarrow=False,
        )
    return fig
