"""The coverage tab: the open claim per outlet, verdicts by label, agreement between editors
with the disputed claims, the claim x outlet matrix.

Charts are drawn when the tab is shown and redrawn when their data changes while it is shown
(a saved verdict, another claim). Drawing on show avoids laying plotly out inside a hidden tab
(zero width) and avoids computing the coverage matrix -- one engine call per claim -- for an
editor who never opens the tab.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w
import plotly.graph_objects as go
from traitlets import Bool

from factcheck.desk.panels import bilingual

from .common import html, show_figure

__all__ = ["CHARTS", "ChartsPanel"]

CHARTS = ("matrix", "verdicts", "claim", "agreement")


class ChartsPanel(w.VBox):
    """``Output`` widgets holding plotly figures; trait ``visible`` says the tab is shown.

    ``builders`` maps each chart name in :data:`CHARTS` to a function returning its figure;
    ``disputed`` returns the disputed-claims list (safe HTML), redrawn with the agreement chart.
    :meth:`invalidate` marks charts stale; stale charts are redrawn at once when visible, else
    the next time the tab is shown.
    """

    visible = Bool(False)

    def __init__(
        self,
        builders: dict[str, Callable[[], go.Figure]],
        disputed: Callable[[], str] = lambda: "",
        **kwargs,
    ):
        self.builders = builders
        self.disputed_source = disputed
        self.disputed = html("", "fc-disputed-list")
        self.outputs = {name: w.Output(layout=w.Layout(width="100%")) for name in CHARTS}
        for name, out in self.outputs.items():
            out.add_class("fc-chart")
            out.add_class(f"fc-chart-{name}")
        self.note = html(
            bilingual(
                "الرسم الأول للادعاء المفتوح؛ المصفوفة تغطي أهم الادعاءات في المقالات.",
                "The first chart is for the open claim; the matrix covers the most "
                "check-worthy claims.",
            )
        )
        self.stale: set[str] = set(CHARTS)
        self.drawn: dict[str, int] = dict.fromkeys(CHARTS, 0)
        super().__init__(
            children=[
                self.note,
                self.outputs["claim"],
                self.outputs["verdicts"],
                self.outputs["agreement"],
                self.disputed,
                self.outputs["matrix"],
            ],
            **kwargs,
        )
        self.add_class("fc-charts-panel")
        self.observe(lambda change: self.refresh() if change["new"] else None, "visible")

    def invalidate(self, *names: str) -> None:
        """Mark charts as stale (all when none are named) and redraw them if visible."""
        self.stale.update(names or CHARTS)
        if self.visible:
            self.refresh()

    def refresh(self) -> None:
        """Redraw the stale charts."""
        for name in CHARTS:
            if name in self.stale:
                show_figure(self.outputs[name], self.builders[name]())
                if name == "agreement":
                    self.disputed.value = self.disputed_source()
                self.stale.discard(name)
                self.drawn[name] += 1
