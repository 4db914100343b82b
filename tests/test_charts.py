"""Chart builders, checked through ``fig.to_dict()``: traces, colours, axes, Arabic labels."""

from __future__ import annotations

import itertools
import json
import unicodedata
from pathlib import Path

import pandas as pd
import plotly
import plotly.graph_objects as go
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.desk import charts
from factcheck.desk.charts import (
    STANCE_CODES,
    claim_stance_by_outlet,
    coverage_matrix,
    verdicts_by_label,
)
from factcheck.desk.coverage import claim_outlet_counts, coverage_frame, outlet_stance_matrix
from factcheck.desk.labels import STANCE_COLORS, truncate
from factcheck.desk.plotlabels import FONT_FAMILY, FSI, NO_DATA, PDI, RLI, rtl
from factcheck.records import Evidence, EvidenceResult, Passage

CLAIM_1 = "انسحاب القوات الأمريكية القتالية من العراق سيكتمل في 31 ديسمبر (بحسب الاتفاق)."
CLAIM_2 = "التضخم بلغ 60% في 2021 وفق تقديرات IMF."


def ev(pid, doc, source, stance, confidence=0.5, independent=True, origin=False):
    text = f"فقرة {pid}"
    return Evidence(
        passage=Passage(pid, doc, text, 0, len(text)),
        source=source,
        date="",
        score=1.0,
        stance=stance,
        confidence=confidence,
        reasons=(),
        speaker="",
        cluster_id=pid,
        independent=independent,
        origin=origin,
    )


def sample_frame() -> pd.DataFrame:
    return coverage_frame(
        [
            EvidenceResult(
                CLAIM_1,
                "c1",
                (),
                (
                    ev("p1", "d1", "الحرة", "support", 0.9),
                    ev("p2", "d2", "عنب بلدي", "support", 0.6, independent=False),
                    ev("p3", "d3", "بغداد اليوم", "contradict", 0.8),
                    ev("p4", "d3", "بغداد اليوم", "support", 0.3),
                    ev("p5", "d5", "", "neutral", 0.4),
                ),
            ),
            EvidenceResult(
                CLAIM_2,
                "c2",
                (),
                (
                    ev("p6", "d1", "الحرة", "contradict", 0.7),
                    ev("p7", "d4", "Reuters", "support", 0.5),
                    ev("p8", "d2", "عنب بلدي", "contradict", 0.7, independent=False),
                ),
            ),
        ]
    )


def iso(text: str) -> str:
    return f"{RLI}{text}{PDI}"


def annotations(fig: go.Figure) -> list[str]:
    return [a["text"] for a in fig.to_dict()["layout"].get("annotations", [])]


def color_at(colorscale, zmin: float, zmax: float, value: float) -> str:
    """Colour a (piecewise-constant) plotly colorscale gives ``value``."""
    t = (value - zmin) / (zmax - zmin)
    for (lo, c_lo), (hi, c_hi) in itertools.pairwise(colorscale):
        if lo <= t <= hi:
            assert c_lo == c_hi, f"colour varies inside [{lo}, {hi}]: not discrete"
            return c_lo
    raise AssertionError(f"{value} outside the colour scale")


# ---- helpers -------------------------------------------------------------------------------------


def test_rtl_isolates_arabic_only():
    assert rtl("صحيح / True") == "\u2067صحيح / True\u2069"
    assert rtl("Reuters") == "Reuters"
    assert rtl("") == ""


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("قصير", 60, "قصير"),
        ("  سطر\nثان  ", 60, "سطر ثان"),
        ("كلمة " * 20, 60, ("كلمة " * 12).strip() + "…"),
        ("ا" * 100, 10, "ا" * 10 + "…"),
    ],
)
def test_truncate(text, limit, expected):
    assert truncate(text, limit) == expected


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="بتثجح \u064e\u0651\u064b60%", min_size=0, max_size=120))
def test_truncate_never_splits_a_letter_from_its_marks(text):
    out = truncate(text, 30)
    flat = " ".join(text.split())
    if out == flat:
        return
    assert out.endswith("…")
    body = out[:-1]
    assert len(body) <= 30
    assert flat.startswith(body)
    nxt = flat[len(body)] if len(body) < len(flat) else ""
    assert not (nxt and unicodedata.category(nxt).startswith("M"))


# ---- coverage_matrix -----------------------------------------------------------------------------


def test_coverage_matrix_cells_colours_and_axes():
    df = sample_frame()
    fig = coverage_matrix(df)
    d = fig.to_dict()
    (trace,) = d["data"]
    assert trace["type"] == "heatmap"
    # Outlets by number of claims covered (الحرة, عنب بلدي cover both), then first seen.
    assert list(trace["x"]) == ["الحرة", "عنب بلدي", "بغداد اليوم", "d5", "Reuters"]
    assert list(trace["y"]) == ["c1", "c2"]
    code = {v: k for k, v in STANCE_CODES.items()}
    cells = {
        (c, o): code.get(z)
        for c, row in zip(trace["y"], trace["z"], strict=True)
        for o, z in zip(trace["x"], row, strict=True)
    }
    assert cells[("c1", "الحرة")] == "support"
    assert cells[("c1", "بغداد اليوم")] == "contradict"  # 0.8 contradict beats 0.3 support
    assert cells[("c1", "d5")] == "neutral"
    assert cells[("c2", "عنب بلدي")] == "contradict"
    assert cells[("c1", "Reuters")] is None  # not covered: blank
    assert cells[("c2", "d5")] is None
    # Each stance code is painted in its stance colour.
    for stance, z in STANCE_CODES.items():
        assert (
            color_at(trace["colorscale"], trace["zmin"], trace["zmax"], z)
            == (STANCE_COLORS[stance])
        )
    # Mixed cell flagged, counts shown.
    col = list(trace["x"]).index("بغداد اليوم")
    assert trace["text"][0][col] == "2 ±"
    assert trace["text"][0][list(trace["x"]).index("Reuters")] == ""
    # Colour bar legend, bilingual and isolated.
    assert iso("يدعم / Supports") in trace["colorbar"]["ticktext"]
    assert iso("يناقض / Contradicts") in trace["colorbar"]["ticktext"]


def test_coverage_matrix_arabic_labels_are_isolated_and_unmangled():
    fig = coverage_matrix(sample_frame())
    layout = fig.to_dict()["layout"]
    y = layout["yaxis"]
    assert y["side"] == "right"
    assert list(y["tickvals"]) == ["c1", "c2"]
    assert y["ticktext"][1] == iso(CLAIM_2)  # short: verbatim
    assert y["ticktext"][0] == iso(truncate(CLAIM_1)) and y["ticktext"][0].endswith("…" + PDI)
    assert len(truncate(CLAIM_1)) <= 61
    x = layout["xaxis"]
    assert list(x["ticktext"]) == [
        iso("الحرة"),
        iso("عنب بلدي"),
        iso("بغداد اليوم"),
        "d5",
        "Reuters",
    ]
    assert layout["hoverlabel"]["align"] == "right"
    assert "Noto Naskh Arabic" in layout["font"]["family"]
    assert layout["font"]["family"] == FONT_FAMILY
    assert layout["title"]["text"].startswith(RLI)


def test_coverage_matrix_hover_names_claim_outlet_stance_and_counts():
    trace = coverage_matrix(sample_frame()).to_dict()["data"][0]
    col = list(trace["x"]).index("بغداد اليوم")
    hover = trace["hovertext"][0][col]
    lines = hover.split("<br>")
    assert all(line.startswith(RLI) and line.endswith(PDI) for line in lines)
    assert CLAIM_1 in hover
    assert "\u2068بغداد اليوم\u2069" in hover  # the outlet, first-strong isolated
    assert "يناقض / Contradicts" in hover
    assert "يدعم 1 · يناقض 1 · ذو صلة 0" in hover
    absent = trace["hovertext"][0][list(trace["x"]).index("Reuters")]
    assert "Not covered" in absent


def test_coverage_matrix_accepts_the_precomputed_matrix():
    df = sample_frame()
    a = coverage_matrix(df).to_dict()
    b = coverage_matrix(outlet_stance_matrix(df)).to_dict()
    assert a["data"] == b["data"]


def test_plotly_markup_in_corpus_text_is_escaped():
    hostile = '<a href="javascript:alert(1)">x</a> <b>bold</b> & co'
    outlet = "<i>Outlet</i>"
    df = coverage_frame([EvidenceResult(hostile, "c1", (), (ev("p1", "d1", outlet, "support"),))])
    d = coverage_matrix(df).to_dict()
    trace, layout = d["data"][0], d["layout"]
    # Data values keep the real outlet (category keys are never drawn: ticktext is)...
    assert trace["x"] == [outlet] and layout["xaxis"]["tickvals"] == [outlet]
    # ...but everything plotly draws as text is escaped, so it shows verbatim and inert.
    drawn = [
        *layout["xaxis"]["ticktext"],
        *layout["yaxis"]["ticktext"],
        *(h for row in trace["hovertext"] for h in row),
        *(t for row in trace["text"] for t in row),
        layout["title"]["text"],
    ]
    for text in drawn:
        assert "<a " not in text and "<b>" not in text and "<i>" not in text
    assert "&lt;a href=" in layout["yaxis"]["ticktext"][0]
    assert "&amp; co" in layout["yaxis"]["ticktext"][0]
    assert layout["xaxis"]["ticktext"] == ["&lt;i&gt;Outlet&lt;/i&gt;"]
    assert "&lt;i&gt;Outlet&lt;/i&gt;" in trace["hovertext"][0][0]


@pytest.mark.parametrize("empty", [pd.DataFrame(), coverage_frame([])])
def test_coverage_matrix_empty_input(empty):
    fig = coverage_matrix(empty)
    assert fig.to_dict()["data"] == []
    assert annotations(fig) == [iso(NO_DATA)]
    fig.to_json()  # a valid, serialisable figure


def test_coverage_matrix_rejects_frames_it_cannot_read():
    with pytest.raises(ValueError, match="stance"):
        coverage_matrix(pd.DataFrame({"claim_id": ["c1"], "outlet": ["x"]}))


# ---- verdicts_by_label ---------------------------------------------------------------------------


def summary(counts=(3, 0, 1, 2)) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "label": ["true", "half-true", "false", "unproven"],
            "label_ar": ["صحيح", "صحيح جزئياً", "خطأ", "غير مثبت"],
            "label_en": ["True", "Half true", "False", "Unproven"],
            "rating": [5.0, 3.0, 1.0, float("nan")],
            "color": ["#2e7d32", "#f9a825", "#c62828", "#607d8b"],
            "count": list(counts),
        }
    )


def test_verdicts_by_label_bars_colours_and_labels():
    fig = verdicts_by_label(summary())
    d = fig.to_dict()
    (bar,) = d["data"]
    assert bar["type"] == "bar"
    assert list(bar["x"]) == ["true", "half-true", "false", "unproven"]  # scale order
    assert list(bar["y"]) == [3, 0, 1, 2]  # zeros kept
    assert list(bar["marker"]["color"]) == ["#2e7d32", "#f9a825", "#c62828", "#607d8b"]
    x = d["layout"]["xaxis"]
    assert list(x["tickvals"]) == ["true", "half-true", "false", "unproven"]
    assert x["ticktext"][0] == iso("صحيح / True")
    assert x["ticktext"][1] == iso("صحيح جزئياً / Half true")
    assert x["autorange"] == "reversed"  # first label on the right, where Arabic starts
    assert annotations(fig) == []
    fig.to_json()


def test_verdicts_by_label_all_zero_keeps_scale_and_says_so():
    fig = verdicts_by_label(summary(counts=(0, 0, 0, 0)))
    assert list(fig.to_dict()["data"][0]["y"]) == [0, 0, 0, 0]
    assert annotations(fig) == [iso(NO_DATA)]


def test_verdicts_by_label_bad_colour_falls_back_and_missing_labels_use_key():
    df = summary()
    df.loc[1, "color"] = "not-a-colour"
    df.loc[2, "color"] = None
    df.loc[3, ["label_ar", "label_en"]] = ["", ""]
    d = verdicts_by_label(df).to_dict()
    colors = list(d["data"][0]["marker"]["color"])
    assert colors[1] == colors[2] == STANCE_COLORS["neutral"]
    assert d["layout"]["xaxis"]["ticktext"][3] == "unproven"


@pytest.mark.parametrize("empty", [pd.DataFrame(), summary().iloc[0:0]])
def test_verdicts_by_label_empty(empty):
    fig = verdicts_by_label(empty)
    assert fig.to_dict()["data"] == []
    assert annotations(fig) == [iso(NO_DATA)]


# ---- claim_stance_by_outlet ----------------------------------------------------------------------


def test_claim_stance_by_outlet_diverging_and_syndication_hatched():
    counts = claim_outlet_counts(sample_frame(), "c1")
    fig = claim_stance_by_outlet(counts)
    d = fig.to_dict()
    traces = d["data"]
    assert [t["type"] for t in traces] == ["bar"] * 6
    assert d["layout"]["barmode"] == "relative"
    outlets = ["بغداد اليوم", "الحرة", "عنب بلدي", "d5"]
    by_name = {t["name"]: t for t in traces}
    sup_ind = by_name[iso("يدعم · مستقل / Supports · independent")]
    sup_syn = by_name[iso("يدعم · نسخ منقولة / Supports · syndicated copies")]
    con_ind = by_name[iso("يناقض · مستقل / Contradicts · independent")]
    con_syn = by_name[iso("يناقض · نسخ منقولة / Contradicts · syndicated copies")]
    for t in traces:
        assert list(t["y"]) == outlets
        assert t["orientation"] == "h"
    assert list(sup_ind["x"]) == [1, 1, 0, 0]
    assert list(sup_syn["x"]) == [0, 0, 1, 0]
    assert list(con_ind["x"]) == [-1, 0, 0, 0]  # contradiction to the left
    assert list(con_syn["x"]) == [0, 0, 0, 0]
    assert sup_ind["marker"]["color"] == sup_syn["marker"]["color"] == STANCE_COLORS["support"]
    assert con_ind["marker"]["color"] == STANCE_COLORS["contradict"]
    # Syndicated copies (and only they) are hatched and lighter.
    assert sup_syn["marker"]["pattern"]["shape"] == con_syn["marker"]["pattern"]["shape"] == "/"
    assert "pattern" not in sup_ind["marker"] and "pattern" not in con_ind["marker"]
    assert sup_syn["marker"]["opacity"] < 1
    layout = d["layout"]
    assert "hatched = copy" in layout["legend"]["title"]["text"]
    assert layout["yaxis"]["ticktext"][0] == iso("بغداد اليوم")
    assert layout["yaxis"]["ticktext"][3] == "d5"
    assert layout["title"]["subtitle"]["text"] == iso(truncate(CLAIM_1, 90))
    # Axis ticks read as counts on both sides.
    assert "-1" not in layout["xaxis"]["ticktext"]
    assert (
        dict(zip(layout["xaxis"]["tickvals"], layout["xaxis"]["ticktext"], strict=True))[-1] == "1"
    )
    texts = annotations(fig)
    assert iso("يدعم / Supports") in texts and iso("يناقض / Contradicts") in texts
    fig.to_json()


def test_the_claims_own_passage_is_no_independent_support():
    own = ev("p1", "d1", "الحرة", "support", 0.9, origin=True)
    other = ev("p2", "d2", "عنب بلدي", "support", 0.6)
    frame = coverage_frame([EvidenceResult(CLAIM_1, "c1", (), (own, other))])
    assert list(frame["independent"]) == [False, True]
    assert list(frame["origin"]) == [True, False]
    counts = claim_outlet_counts(frame, "c1").set_index("outlet")
    assert counts.loc["الحرة", "support_origin"] == 1
    assert (
        counts.loc["الحرة", "support_independent"] == counts.loc["الحرة", "support_syndicated"] == 0
    )
    traces = {t["name"]: t for t in claim_stance_by_outlet(counts.reset_index()).to_dict()["data"]}
    origin = traces[iso("يدعم · مصدر الادعاء / Supports · where the claim was found")]
    assert list(origin["x"]) == [1, 0] and origin["marker"]["pattern"]["shape"] == "."


def test_claim_stance_by_outlet_neutral_only_says_so():
    df = coverage_frame([EvidenceResult("x", "c9", (), (ev("p1", "d1", "الحرة", "neutral"),))])
    fig = claim_stance_by_outlet(claim_outlet_counts(df, "c9"))
    assert len(fig.to_dict()["data"]) == 6
    assert any("No supporting or contradicting" in a for a in annotations(fig))


def test_claim_stance_by_outlet_empty():
    fig = claim_stance_by_outlet(claim_outlet_counts(sample_frame(), "no-such-claim"))
    assert fig.to_dict()["data"] == []
    assert annotations(fig) == [iso(NO_DATA)]
    assert annotations(claim_stance_by_outlet(pd.DataFrame())) == [iso(NO_DATA)]


def test_builders_do_no_io(monkeypatch):
    # Chart builders are pure: building must not write files or open a browser.
    monkeypatch.setattr(go.Figure, "write_html", lambda *a, **k: pytest.fail("I/O"))
    monkeypatch.setattr(go.Figure, "show", lambda *a, **k: pytest.fail("I/O"))
    df = sample_frame()
    charts.coverage_matrix(df)
    charts.verdicts_by_label(summary())
    charts.claim_stance_by_outlet(claim_outlet_counts(df, "c1"))


# ---- the bidi approach, in a real browser -------------------------------------------------------

# Arabic with a percentage, a year, a parenthesised Latin acronym and a final full stop: the
# runs an LTR paragraph misplaces.
MIXED = "قال الوزير إن التضخم بلغ 60% في عام 2021 (تقديرات IMF)."

_CHAR_X = """
([label, probes]) => {
  const el = [...document.querySelectorAll('.ytick text')].find(t => t.textContent === label);
  if (!el) return null;
  const x = i => { const r = el.getExtentOfChar(i); return r.x + r.width / 2; };
  return Object.fromEntries(probes.map(p => [p, x(el.textContent.indexOf(p))]));
}
"""


@pytest.mark.browser
def test_isolated_arabic_labels_read_right_to_left_in_chromium(browser):
    """Plotly lays labels out left-to-right; the RLI/PDI wrapper must make chromium draw the
    Arabic label's own order. A bare copy of the label is the control: it shows the test can see
    the misordering the wrapper prevents."""
    df = coverage_frame(
        [
            EvidenceResult(MIXED, "c1", (), (ev("p1", "d1", "الحرة", "support"),)),
            EvidenceResult("x", "c2", (), (ev("p2", "d1", "الحرة", "support"),)),
        ]
    )
    fig = coverage_matrix(df)
    # The control row: same text, no isolate (plotly's own behaviour).
    ticks = list(fig.layout.yaxis.ticktext)
    assert ticks[0] == iso(MIXED)
    fig.update_yaxes(ticktext=[ticks[0], MIXED])
    plotly_js = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    page = browser.new_page(viewport={"width": 1400, "height": 600})
    try:
        page.set_content('<html><body><div id="fig"></div></body></html>')
        page.add_script_tag(path=str(plotly_js))
        page.evaluate("f => Plotly.newPlot('fig', f.data, f.layout)", json.loads(fig.to_json()))
        page.wait_for_selector(".ytick text")
        probes = [".", "IMF", "2021", "قال"]
        wrapped = page.evaluate(_CHAR_X, [iso(MIXED), probes])
        bare = page.evaluate(_CHAR_X, [MIXED, probes])
    finally:
        page.close()
    assert wrapped and bare, "tick labels not found in the rendered chart"
    # Right to left: the first word rightmost, then 2021, then IMF, the full stop leftmost.
    assert wrapped["قال"] > wrapped["2021"] > wrapped["IMF"] > wrapped["."]
    # Without the isolate chromium puts the full stop at the right end, IMF right of 2021.
    assert bare["."] > bare["قال"]
    assert bare["IMF"] > bare["2021"]


# -- agreement between editors (factcheck.desk.teamcharts) ------------------------------------


def test_agreement_chart_has_raw_agreement_and_kappa_per_pair() -> None:
    from factcheck.desk.teamcharts import AGREEMENT_COLORS, agreement_by_pair
    from factcheck.verdicts.agreement import agreement

    judged = pd.DataFrame(
        [("هدى", c, v) for c, v in zip("wxyz", ["true", "true", "false", "false"], strict=True)]
        + [("Omar", c, v) for c, v in zip("wxyz", ["true", "true", "false", "true"], strict=True)]
        + [("سارة", "w", "true")],
        columns=["editor", "claim_id", "verdict"],
    )
    result = agreement(judged)
    fig = agreement_by_pair(result.pairs, result.alpha).to_dict()
    raw, kappa = fig["data"]
    assert raw["marker"]["color"] == AGREEMENT_COLORS["raw"]
    assert list(raw["x"]) == [0.75, 1.0, 1.0] and list(raw["customdata"]) == [4, 1, 1]
    assert kappa["text"][0] == "0.50" and list(kappa["text"][1:]) == ["n/a", "n/a"]
    # Arabic names are isolated inside the pair label, which reads right to left.
    assert FSI + "هدى" + PDI in raw["y"][0] and FSI + "Omar" + PDI in raw["y"][0]
    assert fig["layout"]["yaxis"]["autorange"] == "reversed"
    assert "Krippendorff" in fig["layout"]["annotations"][0]["text"]


def test_agreement_chart_without_shared_claims_says_so() -> None:
    from factcheck.desk.teamcharts import agreement_by_pair
    from factcheck.verdicts.agreement import PAIR_COLUMNS

    fig = agreement_by_pair(pd.DataFrame(columns=list(PAIR_COLUMNS))).to_dict()
    assert fig["data"] == [] and "No claim judged by two editors" in str(fig["layout"])
