"""The log tab: recorded verdicts newest first, filters by claim and editor, browser downloads
(``data:`` links regenerated after each save; see :func:`factcheck.desk.panels.download_link`).
"""

from __future__ import annotations

import ipywidgets as w
from traitlets import Unicode

from factcheck.desk.panels import downloads_html

from .common import html, rtl

__all__ = ["LogPanel"]


class LogPanel(w.VBox):
    """Traits ``claim_query`` / ``editor_query`` are the filters (linked to the two boxes)."""

    claim_query = Unicode("", help="filter the log by claim text or id")
    editor_query = Unicode("", help="filter the log by editor")

    def __init__(self, **kwargs):
        self.claim_filter = rtl(
            w.Text(placeholder="تصفية حسب الادعاء / Filter by claim", continuous_update=True),
            "fc-log-claim-filter",
        )
        self.editor_filter = rtl(
            w.Text(placeholder="تصفية حسب المحرر / Filter by editor", continuous_update=True),
            "fc-log-editor-filter",
        )
        self.downloads = html("", "fc-downloads")
        self.table = html("", "fc-log")
        filters = w.HBox([self.claim_filter, self.editor_filter])
        filters.add_class("fc-filters")
        super().__init__(children=[self.downloads, filters, self.table], **kwargs)
        self.add_class("fc-log-panel")
        w.link((self, "claim_query"), (self.claim_filter, "value"))
        w.link((self, "editor_query"), (self.editor_filter, "value"))

    def show_downloads(self, csv: bytes, claimreview_json: str, problems: int = 0) -> None:
        self.downloads.value = downloads_html(csv, claimreview_json, problems)
