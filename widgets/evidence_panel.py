"""The evidence column: the open claim, stance/outlet filters and the grouped evidence cards."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import ipywidgets as w
from traitlets import Bool, Unicode

from factcheck.desk.panels import bilingual, group_title_html, label, message
from factcheck.desk.render import context_html, evidence_card
from factcheck.desk.session import GROUPS, EvidenceGroup
from factcheck.records import Evidence

from .common import checkbox, close_tree, html, rtl
from .selection import SelectionCheck

__all__ = ["ALL", "EvidenceCard", "EvidencePanel"]

ALL = ""
"""Filter value meaning "no filter"."""

CONTEXT_RADIUS = 700
"""Characters of article shown either side of a passage by "show the article"."""


class EvidenceCard(w.VBox):
    """One evidence passage: the escaped HTML card, a tick box to use it as evidence for the
    verdict, and a toggle revealing the surrounding article text (built on first reveal), in
    which the editor can select words and check them as a claim (``context``, a
    :class:`~factcheck.widgets.selection.SelectionCheck`).

    Traits: ``passage_id`` and ``ticked`` (mirrors the checkbox).
    """

    passage_id = Unicode("", read_only=True)
    ticked = Bool(False)

    def __init__(
        self,
        evidence: Evidence,
        *,
        doc_title: str,
        copies_sources: Sequence[str],
        ticked: bool,
        context: Callable[[], str],
        outlet: str = "",
    ):
        self.evidence = evidence
        self._outlet = outlet
        self._doc_title = doc_title
        self._copies = tuple(copies_sources)
        self._context = context
        self.card = html("", "fc-card-html")
        self.use = checkbox("دليل للحكم / use as evidence", "fc-use-evidence", value=ticked)
        self.context_toggle = w.ToggleButton(
            value=False,
            description="سياق المقال / article context",
            icon="file-text-o",
            layout=w.Layout(width="auto"),
        )
        self.context_toggle.add_class("fc-context-toggle")
        # The article context: selectable, so words in it can be checked as a claim.
        self.context = SelectionCheck()
        self.context.layout.display = "none"
        controls = w.HBox([self.use, self.context_toggle])
        controls.add_class("fc-card-controls")
        super().__init__(children=[self.card, controls, self.context])
        self.add_class("fc-card-box")
        self.set_trait("passage_id", evidence.passage.passage_id)
        self.ticked = ticked
        w.link((self, "ticked"), (self.use, "value"))
        self.context_toggle.observe(self._toggle_context, "value")
        self._render()
        self.observe(lambda _change: self._render(), "ticked")

    def _render(self) -> None:
        self.card.value = evidence_card(
            self.evidence,
            doc_title=self._doc_title,
            copies_sources=self._copies,
            checked=self.ticked,
            outlet=self._outlet,
        )

    def _toggle_context(self, change) -> None:
        if change["new"]:
            if not self.context.html:
                self.context.html = self._context()
            self.context.layout.display = None
        else:
            self.context.layout.display = "none"


class EvidencePanel(w.VBox):
    """The open claim and its evidence as Supports / Contradicts / Related groups.

    Traits ``outlet`` and ``stance`` hold the filters (``""`` = all) and are linked to the two
    dropdowns; the desk re-renders on change. ``cards`` maps passage id -> :class:`EvidenceCard`
    for the cards currently shown.
    """

    outlet = Unicode(ALL, help="outlet filter ('' = all outlets)")
    stance = Unicode(ALL, help="stance filter ('' = all stances)")

    def __init__(self, **kwargs):
        self.header = html(
            message(
                "اختر ادعاءً من القائمة أو اكتب ادعاءً جديداً / "
                "Pick a claim from the list or type a new one",
                kind="info",
            ),
            "fc-evidence-header",
        )
        self.outlet_filter = rtl(
            w.Dropdown(options=[("كل المنابر / All outlets", ALL)], value=ALL),
            "fc-outlet-filter",
        )
        self.stance_filter = rtl(
            w.Dropdown(
                options=[("كل المواقف / All stances", ALL)]
                + [(f"{ar} / {en}", s) for s, ar, en in GROUPS],
                value=ALL,
            ),
            "fc-stance-filter",
        )
        filters = w.HBox(
            [
                html(label("المنبر", "Outlet")),
                self.outlet_filter,
                html(label("الموقف", "Stance")),
                self.stance_filter,
            ]
        )
        filters.add_class("fc-filters")
        self.groups = w.VBox()
        self.groups.add_class("fc-groups")
        self.cards: dict[str, EvidenceCard] = {}
        super().__init__(children=[self.header, filters, self.groups], **kwargs)
        self.add_class("fc-evidence-panel")
        w.link((self, "outlet"), (self.outlet_filter, "value"))
        w.link((self, "stance"), (self.stance_filter, "value"))

    def set_outlets(self, outlets: Sequence[str]) -> None:
        """Offer these outlets in the outlet filter (keeping the choice when still offered)."""
        keep = self.outlet if self.outlet in outlets else ALL
        self.outlet_filter.options = [("كل المنابر / All outlets", ALL)] + [(o, o) for o in outlets]
        self.outlet = keep

    def clear_cards(self) -> None:
        """Drop the cards shown, closing their widgets so no comm is left behind."""
        for box in self.groups.children:
            close_tree(box)
        self.cards = {}
        self.groups.children = ()

    def show(self, groups: Sequence[EvidenceGroup], make_card: Callable[[Evidence], EvidenceCard]):
        """Replace the cards with ``groups`` (each a heading and its cards, or a "none" note)."""
        self.clear_cards()
        boxes = []
        for g in groups:
            heading = html(group_title_html(g.stance, g.title_ar, g.title_en, len(g.evidence)))
            children: list[w.Widget] = [heading]
            if not g.evidence:
                children.append(html(bilingual("لا شيء هنا", "Nothing here", "fc-none")))
            for ev in g.evidence:
                card = make_card(ev)
                self.cards[ev.passage.passage_id] = card
                children.append(card)
            box = w.VBox(children)
            box.add_class("fc-group")
            box.add_class(f"fc-group-box-{g.stance}")
            boxes.append(box)
        self.groups.children = boxes

    def context_for(self, text: str, start: int, end: int) -> str:
        """The article text around a passage, escaped, the passage marked."""
        return context_html(text, start, end, radius=CONTEXT_RADIUS)
