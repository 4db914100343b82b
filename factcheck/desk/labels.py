"""What the desk calls things, in Arabic and English: stances, claim kinds, and reasons.

The engine hands over data (a stance, a :class:`~factcheck.records.Reason`); the words an editor
reads are made here, once, for the evidence cards, the charts, the CLI and the JSON output. A
newsroom that wants other wording changes this module only.
"""

from __future__ import annotations

import unicodedata

from factcheck.records import Claim, Reason

__all__ = [
    "KIND_LABELS",
    "REASON_LABELS",
    "STANCE_COLORS",
    "STANCE_LABELS",
    "claim_label",
    "outlet_label",
    "reason_text",
    "truncate",
]

STANCE_LABELS: dict[str, tuple[str, str]] = {
    "support": ("يدعم", "Supports"),
    "contradict": ("يناقض", "Contradicts"),
    "neutral": ("ذو صلة", "Related"),
}
"""Arabic and English text per stance, in display order (badges, groups, charts, CLI)."""

STANCE_COLORS: dict[str, str] = {
    "support": "#2e7d32",
    "contradict": "#c62828",
    "neutral": "#757575",
}
"""One colour per stance, shared by the CSS and the charts so a stance looks the same everywhere.
Each passes WCAG AA (4.5:1) for white badge text."""

KIND_LABELS: dict[str, str] = {
    "number": "رقم",
    "percent": "نسبة مئوية",
    "date": "تاريخ",
    "attributed": "منسوب",
    "quote": "اقتباس",
    "absolute": "تعميم مطلق",
}
"""Why a claim is check-worthy (:attr:`~factcheck.records.Claim.kinds`), in Arabic."""

REASON_LABELS: dict[str, tuple[str, str]] = {
    "coverage": ("تغطية {detail} من كلمات الادعاء: {quote}", "claim coverage {detail}"),
    "speaker": ("المتحدث نفسه: {quote}", "same speaker"),
    "negation": ("نفي: «{quote}»", "negation"),
    "denial": ("تكذيب: «{quote}»", "denial"),
    "falsity": ("وصف بعدم الصحة: «{quote}»", "called false"),
    "cessation": ("انتهاء أو انسحاب: «{quote}»", "cessation"),
    "antonym": ("عكس المعنى: «{quote}»", "opposite meaning"),
    "substitution": (
        "الادعاء يقول «{detail}» والفقرة تقول «{quote}»",
        "the claim says {detail}, the passage says {quote}",
    ),
    "claim_negated": ("الادعاء نفسه منفي ({detail})", "the claim itself is negated"),
    "same_figure": ("الرقم نفسه: «{quote}»", "same figure"),
    "different_figure": ("رقم مختلف: «{quote}» مقابل «{detail}»", "different figure"),
    "same_date": ("التاريخ نفسه: «{quote}»", "same date"),
    "different_date": ("تاريخ مختلف: «{quote}» مقابل «{detail}»", "different date"),
    "figure_missing": (
        "لا يذكر الرقم أو التاريخ الوارد في الادعاء ({detail})",
        "figure not stated",
    ),
    "similarity": ("التقارب في المعنى {detail}", "closeness in meaning {detail}"),
    "unstated": ("لا تذكر الفقرة: {detail}", "the passage does not state: {detail}"),
    "model_only": (
        "تقدير النموذج ({detail}) دون كلمة في الفقرة تدل عليه؛ يحتاج إلى قراءة",
        "the model's call ({detail}), no word of the passage shows it: read it",
    ),
    "partial_negation": ("النفي لا يخص الادعاء كاملاً", "negation, but partial match"),
    "partial": ("تطابق جزئي", "partial match"),
    "topic_only": ("يذكر الموضوع فقط", "mentions the topic only"),
    "no_overlap": ("لا تطابق مع الادعاء", "no overlap with the claim"),
}
"""Arabic and English templates per reason kind; ``{quote}`` and ``{detail}`` are filled in."""


def reason_text(reason: Reason, language: str = "both") -> str:
    """A reason as the editor reads it: ``"ar"``, ``"en"`` or ``"both"`` (Arabic, then the
    English gloss in parentheses, as the desk and the CLI show it)."""
    ar, en = REASON_LABELS[reason.kind]
    ar = ar.format(quote=reason.quote, detail=reason.detail)
    en = en.format(quote=reason.quote, detail=reason.detail)
    if language == "ar":
        return ar
    if language == "en":
        return en
    return f"{ar} ({en})"


def truncate(text: str, limit: int = 60) -> str:
    """``text`` cut to about ``limit`` characters, at a word if one ends nearby, with "…".

    Never cuts between a letter and its diacritics.
    """
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = limit
    space = text.rfind(" ", 0, limit + 1)
    if space >= limit * 3 // 4:
        cut = space
    while cut > 0 and unicodedata.category(text[cut]).startswith("M"):
        cut -= 1
    return text[:cut].rstrip() + "…"


def claim_label(claim: Claim, limit: int = 110) -> str:
    """A claim on one line: its speaker apart, then what it states («الكاظمي: بلاده نجحت ...»),
    cut to about ``limit`` characters."""
    said = claim.statement or claim.text
    return truncate(f"{claim.speaker}: {said}" if claim.speaker else said, limit)


def outlet_label(source: str, document_number: int) -> str:
    """An outlet as the desk names it: its name, or, for a document without one, an unknown
    outlet with the document's number in the corpus (1-based), never an internal id."""
    if source:
        return source
    return f"منبر غير معروف ({document_number}) / unknown outlet ({document_number})"
