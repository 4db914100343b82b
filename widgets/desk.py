"""The fact-checking desk: one widget holding claims, evidence, the verdict form, log and charts.

::

    from factcheck.widgets import Desk
    Desk("path/to/articles", log="verdicts.csv", editor="Huda")

The widget is a view over a :class:`~factcheck.desk.session.DeskSession` (pure Python, unit-tested
without a kernel): every handler turns a click into one session call and the answer into HTML
from :mod:`factcheck.desk.render`, which escapes everything that comes from the corpus, the editor
or the log.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import ipywidgets as w
import plotly.graph_objects as go
from traitlets import Unicode, observe

from factcheck.archive.progress import Progress
from factcheck.desk import charts, teamcharts
from factcheck.desk.panels import (
    desk_title_html,
    disputed_html,
    log_table_html,
    message,
    open_claim_html,
    typed_claim_html,
)
from factcheck.desk.render import claim_list_html
from factcheck.desk.session import COVERAGE_LIMIT, TOP_K, DeskError, DeskSession
from factcheck.records import Corpus, Evidence
from factcheck.verdicts.log import VerdictLog
from factcheck.verdicts.scale import Scale

from .charts_panel import ChartsPanel
from .claims_panel import LIST_LIMIT, ClaimsPanel
from .common import desk_stylesheet, guarded, html
from .evidence_panel import ALL, EvidenceCard, EvidencePanel
from .log_panel import LogPanel
from .progress import widget_progress
from .verdict_form import VerdictForm

__all__ = ["TABS", "Desk", "DeskError"]

TABS = (
    "الادعاءات والأدلة / Claims & evidence",
    "السجل / Log",
    "التغطية / Coverage",
)
CLAIMS_TAB, LOG_TAB, COVERAGE_TAB = range(3)


def _to_status(self: Desk, value: str) -> None:
    self.status_html.value = value


def _to_form(self: Desk, value: str) -> None:
    self.form.message.value = value


class Desk(w.VBox):
    """The desk on a corpus (a folder, file(s), an index directory built by ``factcheck index
    build``, or a loaded :class:`~factcheck.records.Corpus`) and a verdict log (a CSV path, a
    ``postgresql://`` URL or a :class:`~factcheck.verdicts.log.VerdictLog`).

    Traits:

    * ``editor`` -- the editor's name (linked to the form's box; kept between claims);
    * ``selected_claim_id`` -- the open claim (set it to open a claim; ``""`` = none);
    * ``claim_text`` -- the open claim's text (read it; set by selecting or checking);
    * ``status`` -- the last status line as plain text (what the editor sees above the tabs).

    Parts (for tests and notebooks): ``claims`` (:class:`ClaimsPanel`), ``evidence``
    (:class:`EvidencePanel`), ``form`` (:class:`VerdictForm`), ``log_panel``
    (:class:`LogPanel`), ``charts`` (:class:`ChartsPanel`), ``tabs`` and ``session``.

    ``lexicons`` are newsroom lexicon files merged on the general one (for the sample's story:
    ``[factcheck.text.lexicon.example_lexicon_path("defence")]``). The title bar says what
    decides the stance and whether semantic matching is on. While the desk opens, ``progress``
    (default: a bar below the cell, :func:`factcheck.widgets.progress.widget_progress`) shows
    its stages.
    """

    editor = Unicode("", help="the editor's name")
    selected_claim_id = Unicode("", help="id of the open claim ('' = none)")
    claim_text = Unicode("", help="text of the open claim")
    status = Unicode("", help="the status line (plain text)")

    def __init__(
        self,
        corpus: Corpus | DeskSession | str | Path | Iterable[str | Path],
        log: VerdictLog | str | Path = "verdicts.csv",
        editor: str = "",
        *,
        scale: Scale | str | Path | None = None,
        top_k: int = TOP_K,
        coverage_limit: int = COVERAGE_LIMIT,
        lexicons: Sequence[str | Path] = (),
        progress: Progress | None = None,
    ):
        if isinstance(corpus, DeskSession):
            self.session = corpus
        else:
            if not isinstance(log, VerdictLog):
                log = VerdictLog(log, scale=scale)
            self.session = DeskSession(
                corpus,
                log,
                editor=editor,
                top_k=top_k,
                coverage_limit=coverage_limit,
                lexicons=lexicons,
                progress=widget_progress if progress is None else progress,
            )
        s = self.session
        self._syncing = False

        self.style_html = html(desk_stylesheet(), "fc-style")
        self.title_html = html(self._title_html(), "fc-title-bar")
        self.status_html = html("", "fc-status")
        self.claims = ClaimsPanel()
        self.evidence = EvidencePanel()
        self.form = VerdictForm(s.scale)
        self.log_panel = LogPanel()
        self.charts = ChartsPanel(
            {
                "matrix": self._matrix_figure,
                "verdicts": self._verdicts_figure,
                "claim": self._claim_figure,
                "agreement": self._agreement_figure,
            },
            disputed=lambda: disputed_html(self.session.disputed(), self.session.scale),
        )
        # The claims and the verdict form share the side column (right, in RTL), which stays in
        # view while the editor scrolls through the evidence.
        side = w.VBox([self.claims, self.form])
        side.add_class("fc-side-column")
        self.evidence.add_class("fc-main-column")
        workspace = w.HBox([side, self.evidence])
        workspace.add_class("fc-workspace")
        self.tabs = w.Tab(children=[workspace, self.log_panel, self.charts], titles=TABS)
        self.tabs.add_class("fc-tabs")
        super().__init__(children=[self.style_html, self.title_html, self.status_html, self.tabs])
        self.add_class("fc-desk")

        w.link((self, "editor"), (self.form, "editor"))
        self.editor = editor.strip() or s.editor
        self.claims.observe(self._on_query, ["query", "mine"])
        self.claims.select.observe(self._on_select, "value")
        self.claims.new_claim.observe(self._on_new_claim, "value")
        self.claims.check_button.on_click(self._on_check_click)
        self.evidence.observe(self._on_filter, ["outlet", "stance"])
        self.form.save_button.on_click(self._on_save)
        self.form.undo_button.on_click(self._on_undo)
        self.form.approve_button.on_click(lambda _b: self.review("approve"))
        self.form.dispute_button.on_click(lambda _b: self.review("dispute"))
        self.form.assign_button.on_click(self._on_assign)
        self.form.observe(self._on_blind, "blind")
        self.log_panel.observe(self._on_log_filter, ["claim_query", "editor_query"])
        self.tabs.observe(self._on_tab, "selected_index")

        self._set_status(self._ready_text(), "info")
        self._show_claims()
        self.form.show_ticked(0)
        self._show_current()
        self._show_log()

    # -- text and status ----------------------------------------------------------------------

    def _title_html(self) -> str:
        s = self.session
        return desk_title_html(
            len(s.corpus), s.outlet_total(), len(s.claims), len(s.corpus.skipped), s.engine_status()
        )

    def _ready_text(self) -> str:
        if not self.session.claims:
            return "لم يُعثر على ادعاءات؛ اكتب ادعاءً للتحقق منه / No claims found; type one to check"
        return "اختر ادعاءً للبدء / Pick a claim to start"

    def _set_status(self, text: str, kind: str = "info") -> None:
        self.status = text
        self.status_html.value = message(text, kind=kind)  # type: ignore[arg-type]

    # -- claims -------------------------------------------------------------------------------

    def _show_claims(self) -> None:
        s = self.session
        if self.claims.mine and not self.editor.strip():
            raise DeskError(
                "اكتب اسمك في خانة المحرر لعرض الادعاءات المسندة إليك / "
                "Enter your name as editor to list the claims assigned to you"
            )
        try:
            holders = s.holders()
        except DeskError:  # an unreadable log: the status line says so (_show_log)
            if self.claims.mine:
                raise
            holders = {}
        held_by = self.editor if self.claims.mine else ""
        shown = s.filter_claims(self.claims.query, held_by=held_by, holders=holders)
        counts = {c.claim_id: s.outlet_count(c) for c in shown[:LIST_LIMIT]}
        self._syncing = True
        try:
            self.claims.show(shown, counts, len(s.claims), holders)
            listed = {v for _, v in self.claims.select.options}
            if self.selected_claim_id in listed:
                self.claims.select.value = self.selected_claim_id
        finally:
            self._syncing = False

    @guarded(_to_status)
    def _on_query(self, _change) -> None:
        self._show_claims()

    def _on_select(self, change) -> None:
        if self._syncing or not change["new"]:
            return
        self.selected_claim_id = change["new"]

    @observe("selected_claim_id")
    def _selected_changed(self, change) -> None:
        self._open_claim(change["new"])

    @guarded(_to_status)
    def _open_claim(self, claim_id: str) -> None:
        s = self.session
        if not claim_id:
            s.clear()
            self.claim_text = ""
            self.evidence.clear_cards()
            self._after_open()
            return
        if claim_id != s.claim_id:
            s.select_claim(claim_id)
        self._after_open()

    def _on_check_click(self, _button) -> None:
        self.check_claim(self.claims.new_claim.value)

    def _on_new_claim(self, change) -> None:
        if change["new"].strip():
            self.check_claim(change["new"])

    @guarded(_to_status)
    def check_claim(self, text: str) -> None:
        """Open a claim typed by the editor (what Enter in the "new claim" box does)."""
        result = self.session.check_text(text)
        if self.selected_claim_id == result.claim_id:
            self._after_open()
        else:
            self.selected_claim_id = result.claim_id

    def _after_open(self) -> None:
        """Render the session's open claim: header, filters, cards, form, charts."""
        s = self.session
        self.claim_text = s.claim_text
        self._syncing = True
        try:
            listed = [v for _, v in self.claims.select.options]
            self.claims.select.value = s.claim_id if s.claim_id in listed else None
        finally:
            self._syncing = False
        if s.result is None:
            self.evidence.header.value = message(
                "اختر ادعاءً من القائمة / Pick a claim from the list", kind="info"
            )
            self._show_current()
            self.form.show_ticked(0)
            return
        self.form.reset()
        self._syncing = True  # a filter reset here must not render the cards a second time
        try:
            self.evidence.set_outlets(s.outlets())
        finally:
            self._syncing = False
        self._render_header()
        self._render_cards()
        self._show_current()
        self.form.show_ticked(len(s.ticked))
        self.charts.invalidate("claim")
        n = len(s.evidence)
        sup, con = len(s.result.supports), len(s.result.contradicts)
        self._set_status(
            f"{n} فقرات: {sup} تدعم، {con} تناقض / {n} passages: {sup} support, {con} contradict",
            "info",
        )

    def _render_header(self) -> None:
        s = self.session
        known = [c for c in s.claims if c.claim_id == s.claim_id]
        if known:
            body = claim_list_html(known, selected=s.claim_id)
        else:
            body = typed_claim_html(s.claim_text)
        self.evidence.header.value = open_claim_html(body)

    def _render_cards(self) -> None:
        s = self.session
        outlet = self.evidence.outlet
        stance = self.evidence.stance
        groups = s.grouped(
            outlets=None if outlet == ALL else [outlet],
            stances=None if stance == ALL else [stance],
        )
        self.evidence.show(groups, self._make_card)

    def _make_card(self, ev: Evidence) -> EvidenceCard:
        s = self.session
        doc, passage = s.context(ev.passage.passage_id)
        card = EvidenceCard(
            ev,
            doc_title=doc.title,
            outlet=s.outlet_of(ev.source, ev.passage.doc_id),
            copies_sources=s.copies_sources(ev),
            ticked=s.is_ticked(passage.passage_id),
            context=lambda: self.evidence.context_for(doc.text, passage.start, passage.end),
        )
        card.observe(self._on_tick, "ticked")
        card.context.on_check(self.check_claim)
        return card

    @guarded(_to_form)
    def _on_tick(self, change) -> None:
        card: EvidenceCard = change["owner"]
        self.session.set_evidence(card.passage_id, bool(change["new"]))
        self.form.show_ticked(len(self.session.ticked))

    @guarded(_to_status)
    def _on_filter(self, _change) -> None:
        if not self._syncing and self.session.result is not None:
            self._render_cards()

    # -- verdicts -----------------------------------------------------------------------------

    def _show_current(self) -> None:
        s = self.session
        if s.result is None:
            self.form.show_current(None)
            return
        rows = s.read_log().rows  # once for the verdict and its holder
        self.form.show_current(s.current_verdict(rows=rows), s.holders(rows).get(s.claim_id, ""))

    @guarded(_to_form)
    def _on_blind(self, _change) -> None:
        self._show_current()

    @guarded(_to_form)
    def _on_save(self, _button=None) -> None:
        s = self.session
        blind = self.form.blind
        row = s.save(self.form.verdict.value, self.form.note.value, self.editor, blind=blind)
        label = s.scale[row.verdict]
        n = len(row.evidence)
        if blind:
            self.form.ok(
                f"حُفظ رأيك المستقل «{label.ar}» ({n} أدلة) / "
                f"Saved your blind second opinion “{label.en}” with {n} evidence passage(s)"
            )
        else:
            self.form.ok(
                f"حُفظ الحكم «{label.ar}» ({n} أدلة)، بانتظار مراجعة محرر آخر / "
                f"Saved “{label.en}” with {n} evidence passage(s); a draft until another "
                "editor reviews it"
            )
        self.form.blind = False  # the next save is an ordinary one unless asked again
        self._show_current()
        self.form.note.value = ""
        self._after_log_change()

    @guarded(_to_form)
    def review(self, decision: str, note: str | None = None) -> None:
        """Approve (``"approve"``) or dispute (``"dispute"``) the open claim's standing verdict
        as the desk's editor, as the form's buttons do (``note`` fills the review note)."""
        if note is not None:
            self.form.review_note.value = note
        s = self.session
        s.review(decision, self.form.review_note.value, self.editor)
        if decision == "approve":
            self.form.ok("اعتُمد الحكم / Verdict approved")
        else:
            self.form.ok("سُجّل الاعتراض على الحكم / Verdict disputed")
        self.form.review_note.value = ""
        self._show_current()
        self._after_log_change()

    @guarded(_to_form)
    def _on_assign(self, _button=None) -> None:
        self.assign(self.form.assignee.value)

    def assign(self, assignee: str) -> None:
        """Give the open claim to ``assignee`` (``""`` takes it back) in the desk editor's
        name, as the form's Assign button does."""
        s = self.session
        row = s.assign(assignee, self.editor)
        if row.assignee:
            self.form.ok(f"أُسند الادعاء إلى {row.assignee} / Claim assigned to {row.assignee}")
        else:
            self.form.ok("أُلغي إسناد الادعاء / Claim no longer assigned")
        self.form.assignee.value = ""
        self._show_current()
        self._show_claims()
        self._after_log_change()

    @guarded(_to_form)
    def _on_undo(self, _button=None) -> None:
        s = self.session
        row = s.undo_last(self.editor)
        claim = row.claim if len(row.claim) <= 60 else row.claim[:60] + "…"
        self.form.ok(f"تم التراجع عن آخر حكم على: {claim} / Undid the last verdict on: {claim}")
        self._show_current()
        self._after_log_change()

    def save(self, verdict: str | None = None, note: str | None = None) -> None:
        """Save the form as if Save were clicked (``verdict``/``note`` fill the form first)."""
        if verdict is not None:
            self.form.verdict.value = self.session.scale.resolve(verdict).key
        if note is not None:
            self.form.note.value = note
        self.form.save_button.click()

    def undo_last(self) -> None:
        """Undo the editor's last verdict as if "Undo last" were clicked."""
        self.form.undo_button.click()

    def _after_log_change(self) -> None:
        self._show_log()
        self.charts.invalidate("verdicts", "agreement")

    # -- log ----------------------------------------------------------------------------------

    @guarded(_to_status)
    def _show_log(self) -> None:
        s = self.session
        contents = s.read_log()  # one read for the table, the count and the downloads
        rows = contents.rows
        frame = s.log_frame(self.log_panel.claim_query, self.log_panel.editor_query, rows)
        self.log_panel.table.value = log_table_html(frame, s.scale, len(rows))
        self.log_panel.show_downloads(
            s.csv_bytes(), s.claimreview_json(rows), len(contents.problems)
        )

    def _on_log_filter(self, _change) -> None:
        self._show_log()

    # -- charts -------------------------------------------------------------------------------

    @guarded(_to_status)
    def _on_tab(self, change) -> None:
        self.charts.visible = change["new"] == COVERAGE_TAB

    def _matrix_figure(self) -> go.Figure:
        return charts.coverage_matrix(self.session.coverage_matrix_frame())

    def _verdicts_figure(self) -> go.Figure:
        return charts.verdicts_by_label(self.session.verdict_summary())

    def _agreement_figure(self) -> go.Figure:
        agreement = self.session.agreement()
        return teamcharts.agreement_by_pair(agreement.pairs, agreement.alpha)

    def _claim_figure(self) -> go.Figure:
        return charts.claim_stance_by_outlet(self.session.claim_counts_frame())
