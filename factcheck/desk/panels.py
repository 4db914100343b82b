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
    "bilingual",
    "current_verdict_html",
    "desk_title_html",
    "download_link",
    "downloads_html",
    "group_title_html",
    "heading",
    "label",
    "log_table_html",
    "message",
    "open_claim_html",
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


def current_verdict_html(row: Mapping[str, Any] | None, scale: Scale) -> str:
    """The open claim's standing verdict (who, when, note), or that it has none."""
    if row is None:
        return bilingual("لا حكم مسجّل لهذا الادعاء بعد", "No verdict recorded for this claim yet")
    note = f" — {_esc(row.get('note') or '')}" if row.get("note") else ""
    when = str(row["recorded_at"])[:16].replace("T", " ")
    return (
        '<div class="fc-current" dir="rtl" lang="ar">الحكم الحالي / Current verdict: '
        f"{verdict_badge(scale, str(row['verdict']))} "
        f'<span class="fc-small">{_esc(row["editor"])}، {bdi(when, "ltr")}{note}</span></div>'
    )


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
        rows.append(
            f'<tr class="fc-log-row{retraction}" data-verdict-id="{_esc(r["verdict_id"])}">'
            f"<td>{bdi(when, 'ltr')}</td><td>{bdi(str(r['editor']))}</td>"
            f'<td dir="auto">{_esc(r["claim"])}</td>'
            f"<td>{verdict_badge(scale, str(r['verdict']))}</td>"
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
