"""Labels for plotly charts that show Arabic: escaping, right-to-left isolation, the shared
layout (fonts with Arabic coverage, right-aligned titles and hover labels), empty charts.

Right-to-left text in plotly
----------------------------
Plotly draws every label as SVG ``<text>``; the browser shapes Arabic (joined letters) but
plotly pins ``direction: ltr`` on the plot container, so each label is laid out as a
*left-to-right* bidi paragraph. Pure Arabic runs still read correctly, but anything weak or
neutral at the edges or between runs is placed by LTR rules: in
"قال الوزير إن التضخم بلغ 60% في عام 2021 (تقديرات IMF)." chromium draws the final full stop at
the right end and "IMF)" to the right of the Arabic, the year at the far left. A right-to-left
mark (U+200F) at the ends does not help the inner runs. What works (checked in chromium with
that string, see ``test_isolated_arabic_labels_read_right_to_left_in_chromium``; RLE … PDF
embeddings worked too, isolates are what Unicode recommends) is to make each Arabic label its
own RTL paragraph-like run:

* **RLI … PDI** (U+2067 … U+2069, Unicode 6.3 isolates) around every line of a label that
  contains Arabic: the text inside gets an RTL base direction and cannot reorder, or be
  reordered by, whatever plotly puts next to it (hover values, ``<br>`` lines);
* **FSI … PDI** (U+2068 … U+2069) around user-supplied fragments (outlet names) inside our own
  Arabic lines: like HTML ``<bdi dir="auto">``, a Latin outlet name keeps its own direction;
* labels without Arabic are left alone (the LTR base is right for them);
* a font stack with Arabic coverage, Arabic category labels on the right (``side="right"``),
  categorical axes reversed so the first category is where an Arabic reader starts, and
  right-aligned hover labels (``hoverlabel.align="right"``).

Plotly also parses a small HTML subset in every label (``<b>``, ``<a href>``, ``<br>``) and
decodes ``&lt;``/``&gt;``/``&amp;``: text from the corpus is escaped with :func:`esc` so it shows
verbatim and cannot inject links or markup. Plotly turns newlines into spaces; so do we.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import plotly.graph_objects as go

from factcheck.text.arabic import is_arabic

__all__ = [
    "FONT_FAMILY",
    "FSI",
    "NO_DATA",
    "PDI",
    "RLI",
    "empty",
    "esc",
    "label",
    "layout",
    "lines",
    "require",
    "rtl",
    "user",
]

RLI, FSI, PDI = "\u2067", "\u2068", "\u2069"
FONT_FAMILY = '"Noto Naskh Arabic", "Noto Sans Arabic", "Amiri", "Tahoma", "Arial", sans-serif'
NO_DATA = "لا توجد بيانات بعد / No data yet"


def esc(text: str) -> str:
    """Make corpus text inert for plotly's label parser (it decodes only these entities)."""
    text = " ".join(str(text).splitlines())
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def rtl(line: str) -> str:
    """Isolate one already-escaped label line as RTL when it contains Arabic (see module doc)."""
    return f"{RLI}{line}{PDI}" if is_arabic(line) else line


def user(text: str) -> str:
    """A user-supplied fragment inside one of our lines: escaped, first-strong isolated."""
    return f"{FSI}{esc(text)}{PDI}"


def label(text: str) -> str:
    """A whole label that is user text (a claim, an outlet): escaped and RTL-isolated."""
    return rtl(esc(text))


def lines(*lines: str) -> str:
    return "<br>".join(rtl(line) for line in lines)


def layout(fig: go.Figure, title: str, **extra: object) -> go.Figure:
    fig.update_layout(
        title={"text": rtl(title), "x": 0.98, "xanchor": "right"},
        font={"family": FONT_FAMILY, "size": 13},
        hoverlabel={"align": "right", "font": {"family": FONT_FAMILY}},
        template="plotly_white",
        **extra,
    )
    return fig


def empty(title: str, note: str = NO_DATA) -> go.Figure:
    fig = layout(go.Figure(), title, height=320)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    fig.add_annotation(
        text=rtl(note),
        x=0.5,
        y=0.5,
        xref="paper",
        yref="paper",
        showarrow=False,
        font={"size": 16},
    )
    return fig


def require(df: pd.DataFrame, columns: Iterable[str], what: str) -> None:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(f"{what}: frame lacks column(s) {missing}; it has {list(df.columns)}")
