"""Safe HTML fragments for the desk: evidence cards, claim lists, context, badges, messages.

Every builder returns a string for ``ipywidgets.HTML(value=...)`` and is pure, so it is tested
without a kernel. Two rules hold everywhere:

* **Nothing from the corpus reaches HTML unescaped.** Article text, claims, reasons, notes,
  outlet names and titles go through :func:`html.escape` (``quote=True``, so they are also
  safe inside attribute values). The only markup in the output is this module's own, from
  :data:`ALLOWED_TAGS`; no event-handler, ``href`` or ``src`` attribute is ever produced, and
  the one ``style`` attribute (a verdict colour) is validated against a strict pattern.
* **Direction is explicit.** Blocks of Arabic text carry ``dir="rtl" lang="ar"``; fragments
  whose direction is unknown (outlet names, speakers, dates, reasons) are ``<bdi dir="auto">``
  isolates, so a Latin outlet name or a number next to Arabic cannot reorder its
  neighbours; numbers we format ourselves (percentages) are ``<bdi dir="ltr">``.

Highlighting is hand-written rather than done with an HTML library because the spans are
offsets into the *original* text (see :mod:`factcheck.text.arabic`): the job is to cut the string
at those offsets and escape each piece, which no sanitiser does.
"""

from __future__ import annotations

import html
import itertools
import math
import operator
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Literal

from factcheck.desk.labels import KIND_LABELS, STANCE_LABELS, reason_text
from factcheck.records import Claim, Evidence
from factcheck.text.arabic import is_arabic

__all__ = [
    "ALLOWED_TAGS",
    "bdi",
    "claim_list_html",
    "context_html",
    "dir_attrs",
    "evidence_card",
    "highlight",
    "message_html",
    "verdict_badge_html",
]

ALLOWED_TAGS: frozenset[str] = frozenset(
    {"div", "span", "mark", "bdi", "ul", "ol", "li", "blockquote", "strong", "small"}
)
"""Every tag any builder here may emit (tests assert nothing else appears)."""

_MESSAGE_KINDS: dict[str, tuple[str, str]] = {
    # kind -> (icon, ARIA role): errors interrupt a screen reader, confirmations do not.
    "error": ("⚠", "alert"),
    "ok": ("✓", "status"),
    "info": ("ℹ", "status"),
}

_CSS_CLASS_RE = re.compile(r"-?[_a-zA-Z][-_a-zA-Z0-9]*")
_HEX_COLOR_RE = re.compile(r"#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})")
_NAMED_COLOR_RE = re.compile(r"[a-zA-Z]{3,30}")
_FUNC_COLOR_RE = re.compile(r"(?:rgba?|hsla?)\(\s*[0-9.%]+(?:\s*[,/ ]\s*[0-9.%]+){2,3}\s*\)")
_SPACE_RE = re.compile(r"\s")


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def dir_attrs(text: str) -> str:
    """``dir``/``lang`` for a block of content: RTL Arabic when it is Arabic, else ``auto``."""
    return 'dir="rtl" lang="ar"' if is_arabic(text) else 'dir="auto"'


def bdi(text: str, direction: str = "auto") -> str:
    """``text`` escaped in a ``<bdi>`` isolate, so it cannot reorder its neighbours."""
    return f'<bdi dir="{direction}">{_esc(text)}</bdi>'


def _splits_character(text: str, i: int) -> bool:
    """True when a cut at ``i`` would separate a character from what belongs to it.

    That is a combining mark (Arabic harakat, shadda, sukun, madda above...) from its base
    letter, or the two halves of a surrogate pair (strings decoded from UTF-16 sources).
    """
    if i <= 0 or i >= len(text):
        return False
    ch = text[i]
    if unicodedata.category(ch).startswith("M"):
        return True
    return "\udc00" <= ch <= "\udfff" and "\ud800" <= text[i - 1] <= "\udbff"


def _check_span(text: str, k: int, span: object) -> tuple[int, int, tuple[str, ...]]:
    try:
        raw_start, raw_end, css = span  # type: ignore[misc]
        start, end = operator.index(raw_start), operator.index(raw_end)
    except (TypeError, ValueError):
        raise ValueError(f"span #{k} {span!r} is not (start, end, css_class)") from None
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"span #{k} ({start}, {end}) is outside the text (length {len(text)})")
    classes = tuple(str(css).split())
    if not classes or not all(_CSS_CLASS_RE.fullmatch(c) for c in classes):
        raise ValueError(f"span #{k} has an invalid css class {css!r}")
    while _splits_character(text, start):
        start -= 1
    while _splits_character(text, end):
        end += 1
    return start, end, classes


def highlight(text: str, spans: Iterable[tuple[int, int, str]]) -> str:
    """Escape ``text`` and wrap each ``(start, end, css_class)`` span in ``<mark class=...>``.

    Offsets index ``text`` (code points). A span boundary that would split a character from
    its combining marks (or a surrogate pair) is widened to the whole character. Overlapping
    and nested spans are merged: the text is cut at every span boundary and each piece gets
    one ``<mark>`` carrying the classes of all spans covering it (in the order the spans were
    given), so the output is flat, always well-formed, and the marks' text concatenated with
    the unmarked text is exactly ``text``. Empty spans are ignored. ``ValueError`` for a span
    outside ``[0, len(text)]``, with ``start > end``, or with a class that is not a plain CSS
    identifier.
    """
    checked = [_check_span(text, k, span) for k, span in enumerate(spans)]
    checked = [s for s in checked if s[0] < s[1]]
    cuts = sorted({0, len(text), *(s[0] for s in checked), *(s[1] for s in checked)})
    out: list[str] = []
    run_classes: tuple[str, ...] = ()
    run: list[str] = []

    def flush() -> None:
        piece = _esc("".join(run))
        if run_classes:
            out.append(f'<mark class="{" ".join(run_classes)}">{piece}</mark>')
        else:
            out.append(piece)

    for a, b in itertools.pairwise(cuts):
        classes: dict[str, None] = {}
        for start, end, css in checked:
            if start <= a and b <= end:
                classes.update(dict.fromkeys(css))
        key = tuple(classes)
        if key != run_classes and run:
            flush()
            run = []
        run_classes = key
        run.append(text[a:b])
    if run:
        flush()
    return "".join(out)


def _percent(confidence: float) -> str | None:
    if confidence is None or math.isnan(confidence):
        return None
    return f"{round(100 * min(1.0, max(0.0, confidence)))}%"


def evidence_card(
    evidence: Evidence,
    *,
    doc_title: str = "",
    copies_sources: Sequence[str] = (),
    checked: bool = False,
    outlet: str = "",
) -> str:
    """One evidence passage as a card: outlet, date, speaker, stance badge, passage, reasons.

    ``outlet`` names the outlet (default: the evidence's source); a passage of unknown outlet
    shows as one, with the document id only when no name is given. A passage the claim was
    found in (``evidence.origin``) says so: it is where the claim was made, not support.

    The passage text is shown with ``evidence.matched`` spans as ``<mark class="fc-match">``
    and ``evidence.quantity_spans`` as ``<mark class="fc-qty">``. ``copies_sources`` are the
    outlets carrying the same text (shown as "النص نفسه منشور أيضاً في: ..."); ``checked``
    marks a card the editor has reviewed (class ``fc-checked``). ``ValueError`` for an unknown
    stance or a span outside the passage, naming the passage.
    """
    passage = evidence.passage
    if evidence.stance not in STANCE_LABELS:
        raise ValueError(f"passage {passage.passage_id!r}: unknown stance {evidence.stance!r}")
    spans = [(s, e, "fc-match") for s, e in evidence.matched]
    spans += [(s, e, "fc-qty") for s, e in evidence.quantity_spans]
    try:
        body = highlight(passage.text, spans)
    except ValueError as exc:
        raise ValueError(
            f"passage {passage.passage_id!r} (doc {passage.doc_id!r}): {exc}"
        ) from None

    ar, en = STANCE_LABELS[evidence.stance]
    pct = _percent(evidence.confidence)
    pct_html = f" {bdi(pct, 'ltr')}" if pct else ""
    title = f' title="الثقة / confidence {pct}"' if pct else ""
    badge = (
        f'<span class="fc-badge fc-{evidence.stance}"{title}>'
        f'{ar} / <span lang="en">{en}</span>{pct_html}</span>'
    )
    name = outlet or evidence.source
    if evidence.source:
        where = f'<span class="fc-outlet">{bdi(name)}</span>'
    elif name:
        where = f'<span class="fc-outlet fc-unknown">{bdi(name)}</span>'
    else:
        where = f'<span class="fc-outlet fc-unknown">مصدر غير معروف ({bdi(passage.doc_id)})</span>'
    meta = [badge, where]
    if evidence.date:
        meta.append(f'<span class="fc-date">{bdi(evidence.date)}</span>')
    if evidence.speaker:
        meta.append(f'<span class="fc-speaker">المتحدث: {bdi(evidence.speaker)}</span>')
    if evidence.origin:
        meta.append(
            '<span class="fc-origin">مصدر الادعاء: ليس دعماً مستقلاً / '
            "where the claim was found: not independent support</span>"
        )
    elif not evidence.independent:
        meta.append('<span class="fc-syndicated">نسخة منقولة / syndicated copy</span>')
    if checked:
        meta.append('<span class="fc-check">✓ تمت المراجعة / checked</span>')

    parts = [
        f'<div class="fc-card fc-card-{evidence.stance}{" fc-checked" if checked else ""}" '
        f'dir="rtl" lang="ar" data-passage-id="{_esc(passage.passage_id)}" '
        f'data-doc-id="{_esc(passage.doc_id)}">',
        f'<div class="fc-card-meta">{" ".join(meta)}</div>',
    ]
    if doc_title:
        parts.append(f'<div class="fc-title" {dir_attrs(doc_title)}>{_esc(doc_title)}</div>')
    parts.append(f'<blockquote class="fc-passage" {dir_attrs(passage.text)}>{body}</blockquote>')
    if evidence.reasons:
        items = "".join(
            f'<li data-reason="{_esc(r.kind)}">{bdi(reason_text(r))}</li>' for r in evidence.reasons
        )
        parts.append(f'<ul class="fc-reasons">{items}</ul>')
    copies = list(dict.fromkeys(s for s in copies_sources if s))
    if copies:
        listed = "، ".join(bdi(s) for s in copies)
        parts.append(f'<div class="fc-copies">النص نفسه منشور أيضاً في: {listed}</div>')
    parts.append("</div>")
    return "".join(parts)


def claim_list_html(claims: Iterable[Claim], *, selected: str | None = None) -> str:
    """The check-worthy claims as an ordered list, with why each is check-worthy and where.

    Each claim shows its speaker apart («الكاظمي») and what it states; the sentence as printed
    is the item's ``title`` (a tooltip).

    ``selected`` (a claim id) gets the class ``fc-selected``. Each item carries its id in
    ``data-claim-id``. No claims gives an explanatory message instead of an empty list.
    """
    items: list[str] = []
    for c in claims:
        cls = "fc-claim fc-selected" if c.claim_id == selected else "fc-claim"
        kinds = "".join(
            f'<span class="fc-kind">{_esc(KIND_LABELS.get(k, k))}</span>' for k in c.kinds
        )
        outlets = list(dict.fromkeys(s for s in c.sources if s))
        where = ""
        if outlets:
            where = (
                f'<small class="fc-claim-sources">المصادر: {"، ".join(map(bdi, outlets))}</small>'
            )
        said = c.statement or c.text
        speaker = (
            f'<span class="fc-claim-speaker" {dir_attrs(c.speaker)}>{_esc(c.speaker)}</span>'
            if c.speaker
            else ""
        )
        items.append(
            f'<li class="{cls}" data-claim-id="{_esc(c.claim_id)}" title="{_esc(c.text)}">'
            f'{speaker}<span class="fc-claim-text" {dir_attrs(said)}>{_esc(said)}</span>'
            f'<span class="fc-kinds">{kinds}</span>{where}</li>'
        )
    if not items:
        return message_html("لا توجد ادعاءات بعد / No claims yet", kind="info")
    return f'<ol class="fc-claims" dir="rtl" lang="ar">{"".join(items)}</ol>'


def _snap_out(text: str, i: int) -> int:
    while _splits_character(text, i):
        i -= 1
    return i


def context_html(
    document_text: str, passage_start: int, passage_end: int, *, radius: int | None = None
) -> str:
    """The article around a passage, the passage marked ``<mark class="fc-focus">``, all escaped.

    ``radius`` (characters) trims the article to that much context either side, cut at a
    word boundary and marked with "…"; ``None`` shows the whole article. ``ValueError`` when
    the passage offsets are outside the text.
    """
    n = len(document_text)
    if not 0 <= passage_start <= passage_end <= n:
        raise ValueError(
            f"passage ({passage_start}, {passage_end}) is outside the article (length {n})"
        )
    lo, hi = 0, n
    if radius is not None:
        if radius < 0:
            raise ValueError(f"radius must be >= 0, got {radius}")
        lo = max(0, passage_start - radius)
        hi = min(n, passage_end + radius)
        if lo > 0:  # start after a space so the first word is whole
            m = _SPACE_RE.search(document_text, lo, passage_start)
            lo = m.end() if m else lo
        if hi < n:
            cut = max(
                (m.start() for m in _SPACE_RE.finditer(document_text, passage_end, hi)), default=hi
            )
            hi = cut
        lo, hi = _snap_out(document_text, lo), _snap_out(document_text, hi)
        hi = max(hi, passage_end)
    body = highlight(document_text[lo:hi], [(passage_start - lo, passage_end - lo, "fc-focus")])
    before = "… " if lo > 0 else ""
    after = " …" if hi < n else ""
    return f'<div class="fc-context" {dir_attrs(document_text)}>{before}{body}{after}</div>'


def _text_on(color: str) -> str:
    """Black or white text, whichever reads better on a hex background (WCAG luminance)."""
    if not _HEX_COLOR_RE.fullmatch(color):
        return "#fff"
    digits = color[1:]
    if len(digits) in (3, 4):
        digits = "".join(d * 2 for d in digits[:3])
    channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    return "#000" if luminance > 0.179 else "#fff"


def verdict_badge_html(label_ar: str, label_en: str, color: str) -> str:
    """A verdict badge "صحيح / True" on the label's colour.

    ``color`` must be a hex colour, a CSS colour name or an ``rgb()/hsl()`` function: it goes
    into a ``style`` attribute, so anything else is a ``ValueError`` rather than a way to
    inject CSS.
    """
    color = color.strip()
    if not any(r.fullmatch(color) for r in (_HEX_COLOR_RE, _NAMED_COLOR_RE, _FUNC_COLOR_RE)):
        raise ValueError(f"verdict colour {color!r} is not a CSS colour")
    if not (label_ar or label_en):
        raise ValueError("a verdict badge needs an Arabic or an English label")
    text = [f'<span class="fc-verdict-ar">{_esc(label_ar)}</span>'] if label_ar else []
    if label_en:
        text.append(f'<bdi class="fc-verdict-en" dir="ltr" lang="en">{_esc(label_en)}</bdi>')
    return (
        f'<span class="fc-verdict" dir="rtl" lang="ar" '
        f'style="background-color:{color};color:{_text_on(color)}">{" / ".join(text)}</span>'
    )


def message_html(
    text: str, kind: Literal["error", "ok", "info"] = "info", *, text_en: str | None = None
) -> str:
    """A form error, confirmation or note (``kind``), escaped, with an icon and ARIA role.

    ``text_en`` is an English gloss shown after the Arabic in its own left-to-right isolate:
    inside a right-to-left message a bare "12 passages: 2 support" would be reordered. The icon
    is isolated too (ℹ is a left-to-right character and would stick to a following number).
    """
    if kind not in _MESSAGE_KINDS:
        raise ValueError(f"message kind must be one of {sorted(_MESSAGE_KINDS)}, got {kind!r}")
    icon, role = _MESSAGE_KINDS[kind]
    english = (
        f' / <bdi class="fc-msg-en" dir="ltr" lang="en">{_esc(text_en)}</bdi>' if text_en else ""
    )
    return (
        f'<div class="fc-msg fc-msg-{kind}" role="{role}" {dir_attrs(text)}>'
        f'<bdi class="fc-msg-icon" aria-hidden="true">{icon}</bdi> '
        f'<span class="fc-msg-text">{_esc(text)}</span>{english}</div>'
    )
