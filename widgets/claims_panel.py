"""The claims column: the corpus's check-worthy claims, a filter box, and a box for a new claim."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import ipywidgets as w
from traitlets import Bool, Unicode

from factcheck.desk.labels import claim_label
from factcheck.desk.panels import bilingual, heading
from factcheck.records import Claim

from .common import button, checkbox, html, rtl

__all__ = ["LIST_LIMIT", "ClaimsPanel", "outlets_phrase"]

LIST_LIMIT = 300
"""Claims listed at once (best first); the filter box searches all of them. A ``<select>`` of
tens of thousands of options is slow to send and useless to scroll."""


def outlets_phrase(n: int) -> str:
    """ "n outlets" in Arabic with the right number agreement (1, 2, 3-10, 11+)."""
    if n == 1:
        return "منبر واحد"
    if n == 2:
        return "منبران"
    if 3 <= n <= 10:
        return f"{n} منابر"
    return f"{n} منبراً"


class ClaimsPanel(w.VBox):
    """A filterable list of claims (``Select``) and a text box to check a claim of one's own.

    Traits: ``query`` (the filter text), ``mine`` (only the claims assigned to the desk's
    editor). Each listed claim names who holds it, when someone does. The desk observes
    ``select.value`` (a claim id), ``new_claim.value`` (``continuous_update=False``: it changes
    when the editor presses Enter or leaves the box) and ``check_button`` clicks.
    """

    query = Unicode("", help="filter text for the claim list")
    mine = Bool(False, help="list only the claims assigned to the desk's editor")

    def __init__(self, **kwargs):
        self.heading = html(heading("الادعاءات في المقالات", "Claims in the articles"))
        self.filter = rtl(
            w.Text(
                placeholder="تصفية الادعاءات… / Filter claims…",
                continuous_update=True,
                layout=w.Layout(width="100%"),
            ),
            "fc-claim-filter",
        )
        self.select = rtl(
            w.Select(options=[], value=None, rows=10, layout=w.Layout(width="100%")),
            "fc-claim-select",
        )
        self.mine_box = checkbox("المسندة إليّ / Assigned to me", "fc-mine")
        self.count = html("", "fc-claim-count")
        self.new_heading = html(heading("تحقق من ادعاء جديد", "Check a new claim"))
        # ipywidgets 8 deprecates Text.on_submit; the documented replacement is
        # continuous_update=False plus observing value, which syncs on Enter (and on blur).
        self.new_claim = rtl(
            w.Text(
                placeholder="اكتب الادعاء واضغط Enter / Type a claim, press Enter",
                continuous_update=False,
                layout=w.Layout(width="100%"),
            ),
            "fc-new-claim",
        )
        self.check_button = button(
            "تحقق / Check", "fc-check-button", icon="search", style="primary"
        )
        super().__init__(
            children=[
                self.heading,
                self.filter,
                self.mine_box,
                self.count,
                self.select,
                self.new_heading,
                self.new_claim,
                self.check_button,
            ],
            **kwargs,
        )
        self.add_class("fc-claims-panel")
        w.link((self, "query"), (self.filter, "value"))
        w.link((self, "mine"), (self.mine_box, "value"))

    def show(
        self,
        claims: Sequence[Claim],
        counts: dict[str, int],
        total: int,
        holders: Mapping[str, str] | None = None,
    ) -> None:
        """List ``claims`` (at most :data:`LIST_LIMIT`, each with how many outlets carry it and
        who holds it, from ``holders``); keep the selection when it is still listed."""
        listed = claims[:LIST_LIMIT]
        holders = holders or {}

        def option(c: Claim) -> str:
            text = f"{claim_label(c)} — {outlets_phrase(counts.get(c.claim_id, 0))}"
            held = holders.get(c.claim_id)
            return f"{text} — لدى {held}" if held else text

        options = [(option(c), c.claim_id) for c in listed]
        keep = self.select.value if any(v == self.select.value for _, v in options) else None
        self.select.options = options
        self.select.value = keep
        matching, shown = len(claims), len(options)
        if matching == total and shown == total:
            self.count.value = bilingual(f"عدد الادعاءات: {total}", f"{total} claims")
        elif shown < matching:
            self.count.value = bilingual(
                f"أول {shown} من {matching} (من أصل {total})؛ استخدم التصفية",
                f"first {shown} of {matching} matching ({total} in all); use the filter",
            )
        else:
            self.count.value = bilingual(f"{shown} من {total}", f"{shown} of {total} claims")
