"""The verdict form: the scale as buttons, the ticked evidence, a note, the editor, Save / Undo;
a blind second opinion; the review of the standing verdict (approve / dispute); assignment."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import ipywidgets as w
from traitlets import Bool, Unicode

from factcheck.desk.panels import bilingual, current_verdict_html, heading, label, message
from factcheck.verdicts.scale import Scale

from .common import button, checkbox, html, rtl

__all__ = ["VerdictForm"]


class VerdictForm(w.VBox):
    """The form under the evidence. ``verdict.value`` is a scale key or ``None``.

    Trait ``editor`` (linked to the editor box) is the editor's name, kept between claims.
    Trait ``blind`` (linked to the "blind second opinion" box) hides the standing verdict and
    makes Save record an independent second opinion. The desk wires ``save_button`` /
    ``undo_button``, ``approve_button`` / ``dispute_button`` (with ``review_note``) and
    ``assign_button`` (with ``assignee``), and writes ``message`` (errors, confirmations),
    ``current`` (the claim's standing verdict, its review status, who holds the claim) and
    ``ticked_info``.
    """

    editor = Unicode("", help="the editor's name, kept between claims")
    blind = Bool(False, help="record a blind second opinion (the standing verdict is hidden)")

    def __init__(self, scale: Scale, **kwargs):
        self.scale = scale
        self.heading = html(heading("الحكم", "Verdict"))
        self.current = html("", "fc-current-verdict")
        self.verdict = w.ToggleButtons(
            options=[(f"{lb.ar} / {lb.en}", lb.key) for lb in scale],
            value=None,
            tooltips=[f"{lb.en} ({lb.key})" for lb in scale],
            style={"button_width": "auto"},
        )
        self.verdict.add_class("fc-verdict-buttons")
        self.ticked_info = html("", "fc-ticked-info")
        self.note = rtl(
            w.Textarea(
                placeholder="ملاحظة (اختياري) / Note (optional)",
                rows=3,
                layout=w.Layout(width="100%"),
            ),
            "fc-note",
        )
        self.editor_box = rtl(
            w.Text(placeholder="اسم المحرر / Editor's name", layout=w.Layout(width="16em")),
            "fc-editor",
        )
        self.save_button = button("حفظ / Save", "fc-save", icon="check", style="success")
        self.undo_button = button(
            "تراجع عن آخر حكم / Undo last", "fc-undo", icon="undo", style="warning"
        )
        self.blind_box = checkbox(
            "رأي ثانٍ مستقل (يخفي الحكم الحالي) / Blind second opinion", "fc-blind"
        )
        self.review_note = rtl(
            w.Text(placeholder="سبب المراجعة / Review note", layout=w.Layout(width="14em")),
            "fc-review-note",
        )
        self.approve_button = button("اعتماد / Approve", "fc-approve", icon="thumbs-up")
        self.dispute_button = button(
            "اعتراض / Dispute", "fc-dispute", icon="thumbs-down", style="danger"
        )
        # Label above, controls in a wrapping row: the side column is narrow.
        wrap = w.Layout(flex_flow="row wrap", align_items="center")
        review_row = w.VBox(
            [
                html(label("مراجعة الحكم الحالي", "Review the current verdict")),
                w.HBox([self.review_note, self.approve_button, self.dispute_button], layout=wrap),
            ]
        )
        review_row.add_class("fc-review-row")
        self.assignee = rtl(
            w.Text(placeholder="اسم المحرر / Editor's name", layout=w.Layout(width="12em")),
            "fc-assignee",
        )
        self.assign_button = button("إسناد / Assign", "fc-assign", icon="user")
        assign_row = w.VBox(
            [
                html(label("إسناد الادعاء إلى", "Assign the claim to")),
                w.HBox([self.assignee, self.assign_button], layout=wrap),
            ]
        )
        assign_row.add_class("fc-assign-row")
        self.message = html("", "fc-form-message")
        row = w.HBox(
            [
                html(label("المحرر", "Editor")),
                self.editor_box,
                self.save_button,
                self.undo_button,
            ]
        )
        row.add_class("fc-form-row")
        super().__init__(
            children=[
                self.heading,
                self.current,
                self.blind_box,
                self.verdict,
                self.ticked_info,
                self.note,
                row,
                review_row,
                assign_row,
                self.message,
            ],
            **kwargs,
        )
        self.add_class("fc-verdict-form")
        w.link((self, "editor"), (self.editor_box, "value"))
        w.link((self, "blind"), (self.blind_box, "value"))

    def show_current(self, row: Mapping[str, Any] | None, holder: str = "") -> None:
        """Show the open claim's standing verdict with its review status (or that it has none,
        or that it is hidden while ``blind``) and who holds the claim."""
        self.current.value = current_verdict_html(row, self.scale, holder=holder, blind=self.blind)

    def show_ticked(self, n: int) -> None:
        if n == 0:
            self.ticked_info.value = bilingual(
                "لم تُحدَّد أدلة بعد (ضع علامة على البطاقات)", "No evidence ticked yet"
            )
        else:
            self.ticked_info.value = bilingual(f"الأدلة المحددة: {n}", f"Evidence ticked: {n}")

    def reset(self) -> None:
        """Clear the verdict choice and note for a new claim (the editor's name stays)."""
        self.verdict.value = None
        self.note.value = ""
        self.review_note.value = ""
        self.message.value = ""

    def ok(self, text: str) -> None:
        self.message.value = message(text, kind="ok")

    def error(self, text: str) -> None:
        self.message.value = message(text, kind="error")
