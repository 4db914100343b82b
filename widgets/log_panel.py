"""The log tab: recorded verdicts newest first, filters by claim and editor, browser downloads.

Downloads are ``data:`` links (``<a download=... href="data:...;base64,...">``) regenerated after
each save: the browser builds the file from the page itself, so they work on Binder and any
remote server, where the kernel's disk is not the editor's.
"""

from __future__ import annotations

import base64
import html as _html

import ipywidgets as w
import pandas as pd
from traitlets import Unicode

from factcheck.verdicts.scale import Scale

from .common import html, rtl
from .verdict_form import verdict_badge

__all__ = ["MAX_ROWS", "LogPanel", "download_link", "log_table_html"]

MAX_ROWS = 200
"""Rows shown in the log tab (the download has them all)."""

_esc = _html.escape


def download_link(data: bytes, filename: str, mime: str, label: str) -> str:
    """An ``<a download>`` link carrying ``data`` inline (base64; nothing from the page is
    interpolated unescaped: the payload alphabet is ``[A-Za-z0-9+/=]``)."""
    payload = base64.b64encode(data).decode("ascii")
    return (
        f'<a class="fc-download" download="{_esc(filename)}" '
        f'href="data:{_esc(mime)};base64,{payload}">{_esc(label)}</a>'
    )


def log_table_html(df: pd.DataFrame, scale: Scale, total: int) -> str:
    """The log rows as an escaped RTL table (at most :data:`MAX_ROWS`)."""
    if df.empty:
        text = (
            "لا توجد أحكام مسجلة بعد / No verdicts recorded yet"
            if total == 0
            else ("لا نتائج لهذا التصفية / No rows match the filters")
        )
        return f'<div class="fc-small" dir="rtl" lang="ar">{text}</div>'
    head = (
        "<tr><th>الوقت / Time</th><th>المحرر / Editor</th><th>الادعاء / Claim</th>"
        "<th>الحكم / Verdict</th><th>الأدلة / Evidence</th><th>ملاحظة / Note</th></tr>"
    )
    rows = []
    for r in df.head(MAX_ROWS).to_dict("records"):
        evidence = [e for e in str(r.get("evidence") or "").split(";") if e]
        superseded = " fc-retraction" if r["verdict"] == "retracted" else ""
        rows.append(
            f'<tr class="fc-log-row{superseded}" data-verdict-id="{_esc(str(r["verdict_id"]))}">'
            f'<td><bdi dir="ltr">{_esc(str(r["recorded_at"])[:19].replace("T", " "))}</bdi></td>'
            f'<td><bdi dir="auto">{_esc(str(r["editor"]))}</bdi></td>'
            f'<td dir="auto">{_esc(str(r["claim"]))}</td>'
            f"<td>{verdict_badge(scale, str(r['verdict']))}</td>"
            f'<td><bdi dir="ltr">{len(evidence)}</bdi></td>'
            f'<td dir="auto" class="fc-log-note">{_esc(str(r.get("note") or ""))}</td></tr>'
        )
    more = ""
    if len(df) > MAX_ROWS:
        more = (
            f'<div class="fc-small">أول {MAX_ROWS} من {len(df)} / first {MAX_ROWS} of '
            f"{len(df)} (download for all)</div>"
        )
    return (
        f'<div dir="rtl" lang="ar"><table class="fc-log-table"><thead>{head}</thead>'
        f"<tbody>{''.join(rows)}</tbody></table>{more}</div>"
    )


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
        links = [
            download_link(csv, "verdicts.csv", "text/csv", "⬇ تنزيل السجل CSV / Download CSV"),
            download_link(
                claimreview_json.encode("utf-8"),
                "claimreview.jsonld",
                "application/ld+json",
                "⬇ تنزيل ClaimReview JSON-LD / Download ClaimReview",
            ),
        ]
        note = ""
        if problems:
            note = (
                f'<div class="fc-small" dir="rtl">⚠ {problems} صفاً لم يُقرأ من السجل / '
                f"{problems} log rows could not be read</div>"
            )
        row = f'<div class="fc-download-row" dir="rtl">{" ".join(links)}</div>'
        self.downloads.value = row + note
