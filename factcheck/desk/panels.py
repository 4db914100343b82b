"""HTML of the desk's panels around the evidence: title, headings, counts, the verdict form's
lines, the log table and its downloads.

Same rules as :mod:`factcheck.desk.render` (everything from the corpus, the editor or the log
is escaped; direction is explicit): the widgets hold no markup of their own, they put these
strings into ``ipywidgets.HTML`` values. Texts are bilingual, "عربي / English", with the
English in a left-to-right isolate.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Mapping
from typing import Any, Literal

import pandas as pd

from factcheck.desk.render import bdi, message_html, verdict_badge_html
from factcheck.desk.session import EngineStatus
from factcheck.text.arabic import is_arabic
from factcheck.verdicts.scale import RETRACTED, Scale

__all__ = [
    "LOG_ROWS",
    "STATUS_LABELS",
    "bilingual",
    "current_verdict_html",
    "desk_title_html",
    "disputed_html",
    "download_link",
    "downloads_html",
    "group_title_html",
    "heading",
    "label",
    "log_table_html",
    "message",
    "open_claim_html",
    "status_badge",
    "typed_claim_html",
    "verdict_badge",
]

LOG_ROWS = 200
"""Rows shown in the log tab (the download has them all)."""

RETRACTED_BADGE = ("تراجع", "Retracted", "#616161")


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def bilingual(ar: str, en: str, cls: str = "fc-small") -> str:
    """A right-to-left line "عربي / English" with the English isolated left-to-right."""
    return (
        f'<div class="{_esc(cls)}" dir="rtl" lang="ar">{_esc(ar)} / '
        f'<bdi dir="ltr" lang="en">{_esc(en)}</bdi></div>'
    )


def heading(ar: str, en: str) -> str:
    """A panel heading "عربي / English"."""
    return (
        f'<div class="fc-heading" dir="rtl" lang="ar">{_esc(ar)} '
        f'<span lang="en">/ {_esc(en)}</span></div>'
    )


def label(ar: str, en: str) -> str:
    """A short label beside an input ("المحرر / Editor")."""
    return f'<span class="fc-label" dir="rtl">{_esc(ar)} / {_esc(en)}</span>'


def message(text: str, kind: Literal["error", "ok", "info"] = "info") -> str:
    """:func:`~factcheck.desk.render.message_html` for the desk's "عربي / English" texts: the
    English half becomes the message's left-to-right gloss."""
    ar, sep, en = text.partition(" / ")
    if sep and is_arabic(ar):
        return message_html(ar, kind=kind, text_en=en)
    return message_html(text, kind=kind)


def desk_title_html(
    documents: int, outlets: int, claims: int, skipped: int = 0, engine: EngineStatus | None = None
) -> str:
    """The title bar: the desk's name, what it holds, and what decides the stance."""
    ar = f"المقالات: {documents} · المنابر: {outlets} · الادعاءات: {claims}"
    en = f"{documents} articles · {outlets} outlets · {claims} claims"
    if skipped:
        ar += f" · ملفات لم تُقرأ: {skipped}"
        en += f" · {skipped} files skipped"
    html_ = (
        '<div class="fc-desk-title" dir="rtl" lang="ar"><strong>مكتب التحقق من الأخبار</strong>'
        ' / <bdi dir="ltr" lang="en">Fact-checking desk</bdi></div>' + bilingual(ar, en)
    )
    if engine is not None:
        if engine.semantic:
            html_ += bilingual("المطابقة بالمعنى مفعّلة", f"semantic matching on; {engine.detail}")
        else:
            html_ += bilingual(
                "المطابقة بالمعنى متوقفة: المقارنة بالكلمات فقط",
                f"semantic matching off, working lexically: {engine.detail}",
                "fc-small fc-warning",
            )
    return html_


def typed_claim_html(text: str) -> str:
    """A claim the editor typed (not one of the corpus's), as the open claim's body."""
    return f'<div class="fc-claims fc-typed-claim" dir="auto">{_esc(text)}</div>'


def open_claim_html(body: str) -> str:
    """The open claim's header around ``body`` (safe HTML from this module or render)."""
    return (
        '<div class="fc-open-claim" dir="rtl" lang="ar"><div class="fc-heading">'
        f'الادعاء المفتوح <span lang="en">/ Open claim</span></div>{body}</div>'
    )


def group_title_html(stance: str, title_ar: str, title_en: str, count: int) -> str:
    """The heading of one stance group of evidence, with its count."""
    return (
        f'<div class="fc-group-title fc-group-{_esc(stance)}" dir="rtl" lang="ar">'
        f'{_esc(title_ar)} <span lang="en">/ {_esc(title_en)}</span> '
        f'<bdi dir="ltr">({count})</bdi></div>'
    )


def verdict_badge(scale: Scale, key: str) -> str:
    """The badge of a verdict key of the log (``retracted`` included; unknown keys in grey)."""
    if key == RETRACTED:
        return verdict_badge_html(*RETRACTED_BADGE)
    try:
        lb = scale[key]
    except KeyError:
        return verdict_badge_html(key, "", "#9e9e9e")
    return verdict_badge_html(lb.ar, lb.en, lb.color)


STATUS_LABELS = {
    "draft": ("مسودة", "Draft", "#757575"),
    "approved": ("معتمد", "Approved", "#2e7d32"),
    "disputed": ("معترض عليه", "Disputed", "#c62828"),
}
"""The review status of a standing verdict: Arabic, English, colour."""


def status_badge(status: str) -> str:
    """A badge for a verdict's review status (``draft``, ``approved``, ``disputed``)."""
    ar, en, color = STATUS_LABELS.get(status, (status, status, "#757575"))
    return (
        f'<span class="fc-status-badge fc-status-{_esc(status)}" data-status="{_esc(status)}" '
        f'style="border-color:{_esc(color)};color:{_esc(color)}">{_esc(ar)} / '
        f'<bdi dir="ltr" lang="en">{_esc(en)}</bdi></span>'
    )


def current_verdict_html(
    row: Mapping[str, Any] | None, scale: Scale, *, holder: str = "", blind: bool = False
) -> str:
    """The open claim's standing verdict (who, when, note, review status and reviewer) and who
    holds the claim, or that it has none. ``blind``: the verdict is hidden, for an editor
    recording an independent second opinion."""
    held = (
        f'<div class="fc-small fc-holder">مسند إلى / Assigned to: {bdi(holder)}</div>'
        if holder
        else ""
    )
    if blind:
        return held + bilingual(
            "الحكم الحالي مخفي: سجّل رأيك المستقل",
            "Current verdict hidden: record your independent opinion",
            "fc-small fc-blind-note",
        )
    if row is None:
        return held + bilingual(
            "لا حكم مسجّل لهذا الادعاء بعد", "No verdict recorded for this claim yet"
        )
    note = f" — {_esc(row.get('note') or '')}" if row.get("note") else ""
    when = str(row["recorded_at"])[:16].replace("T", " ")
    status = str(row.get("status") or "draft")
    review = ""
    if row.get("reviewer"):
        said = f": {_esc(row['review_note'])}" if row.get("review_note") else ""
        review = (
            '<div class="fc-small fc-reviewer">المراجع / Reviewer: '
            f"{bdi(row['reviewer'])}{said}</div>"
        )
    return (
        '<div class="fc-current" dir="rtl" lang="ar">الحكم الحالي / Current verdict: '
        f"{verdict_badge(scale, str(row['verdict']))} {status_badge(status)} "
        f'<span class="fc-small">{_esc(row["editor"])}، {bdi(when, "ltr")}{note}</span>'
        f"{review}</div>{held}"
    )


def disputed_html(frame: pd.DataFrame, scale: Scale) -> str:
    """The claims whose standing verdict a reviewer disputed (rows of ``VerdictLog.current()``
    with status ``disputed``): claim, verdict, its editor, the reviewer and why."""
    head = heading("ادعاءات معترض على حكمها", "Disputed claims")
    if frame.empty:
        return head + bilingual("لا اعتراضات", "No disputed verdicts")
    items = []
    for row in frame.to_dict("records"):
        why = f": {_esc(row['review_note'])}" if row.get("review_note") else ""
        items.append(
            f'<li class="fc-disputed-claim" data-claim-id="{_esc(row["claim_id"])}">'
            f"{bdi(str(row['claim']))} {verdict_badge(scale, str(row['verdict']))} "
            f'<span class="fc-small">{_esc(row["editor"])} ← {bdi(str(row["reviewer"]))}{why}'
            "</span></li>"
        )
    return f'{head}<ul class="fc-disputed" dir="rtl" lang="ar">{"".join(items)}</ul>'


def download_link(data: bytes, filename: str, mime: str, text: str) -> str:
    """An ``<a download>`` link carrying ``data`` inline (base64, alphabet ``[A-Za-z0-9+/=]``).

    The browser builds the file from the page itself, so downloads work on Binder and any
    remote server, where the kernel's disk is not the editor's.
    """
    payload = base64.b64encode(data).decode("ascii")
    return (
        f'<a class="fc-download" download="{_esc(filename)}" '
        f'href="data:{_esc(mime)};base64,{payload}">{_esc(text)}</a>'
    )


def downloads_html(csv: bytes, claimreview_json: str, problems: int = 0) -> str:
    """The log tab's download links (CSV, ClaimReview JSON-LD) and a note on unreadable rows."""
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
    return f'<div class="fc-download-row" dir="rtl">{" ".join(links)}</div>' + note


def log_table_html(df: pd.DataFrame, scale: Scale, total: int) -> str:
    """The log rows as an escaped right-to-left table (at most :data:`LOG_ROWS`)."""
    if df.empty:
        text = (
            "لا توجد أحكام مسجلة بعد / No verdicts recorded yet"
            if total == 0
            else "لا نتائج لهذا التصفية / No rows match the filters"
        )
        return f'<div class="fc-small" dir="rtl" lang="ar">{text}</div>'
    head = (
        "<tr><th>الوقت / Time</th><th>المحرر / Editor</th><th>الادعاء / Claim</th>"
        "<th>الحكم / Verdict</th><th>الأدلة / Evidence</th><th>ملاحظة / Note</th></tr>"
    )
    rows = []
    for r in df.head(LOG_ROWS).to_dict("records"):
        evidence = [e for e in str(r.get("evidence") or "").split(";") if e]
        retraction = " fc-retraction" if r["verdict"] == RETRACTED else ""
        when = str(r["recorded_at"])[:19].replace("T", " ")
        kind = str(r.get("kind") or "verdict")
        if kind == "review":  # a review shows its decision, an assignment its assignee
            decision = "approved" if r.get("decision") == "approve" else "disputed"
            call = status_badge(decision)
        elif kind == "assign":
            held = str(r.get("assignee") or "")
            call = f"إسناد / assigned → {bdi(held)}" if held else "إلغاء الإسناد / unassigned"
        else:
            call = verdict_badge(scale, str(r["verdict"]))
            if r.get("blind") == "1":
                call += ' <span class="fc-small fc-blind-mark">(رأي مستقل / blind)</span>'
        rows.append(
            f'<tr class="fc-log-row fc-log-{_esc(kind)}{retraction}" '
            f'data-verdict-id="{_esc(r["verdict_id"])}">'
            f"<td>{bdi(when, 'ltr')}</td><td>{bdi(str(r['editor']))}</td>"
            f'<td dir="auto">{_esc(r["claim"])}</td>'
            f"<td>{call}</td>"
            f"<td>{bdi(str(len(evidence)), 'ltr')}</td>"
            f'<td dir="auto" class="fc-log-note">{_esc(r.get("note") or "")}</td></tr>'
        )
    more = ""
    if len(df) > LOG_ROWS:
        more = (
            f'<div class="fc-small">أول {LOG_ROWS} من {len(df)} / first {LOG_ROWS} of '
            f"{len(df)} (download for all)</div>"
        )
    return (
        f'<div dir="rtl" lang="ar"><table class="fc-log-table"><thead>{head}</thead>'
        f"<tbody>{''.join(rows)}</tbody></table>{more}</div>"
    )
