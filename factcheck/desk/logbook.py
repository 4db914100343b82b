"""The desk's side of the verdict log: saving and undoing verdicts, second opinions (blind
verdicts), reviews and assignments, reading the log for the desk (filtered views, the current
verdict with its review status, agreement, downloads, ClaimReview).

:class:`LogbookMixin` is the verdict half of :class:`factcheck.desk.session.DeskSession`; the
pure functions below it (:func:`filter_log`, :func:`claim_dates`) are testable on their own.
Editor-facing problems raise :class:`DeskError`, whose message is written for the editor.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import pandas as pd

from factcheck.archive.corpus import ArchiveCorpus
from factcheck.records import Claim, Corpus, EvidenceResult
from factcheck.text.arabic import fold
from factcheck.verdicts.agreement import Agreement
from factcheck.verdicts.claimreview import to_claimreview
from factcheck.verdicts.log import VerdictLog, VerdictRow
from factcheck.verdicts.rows import LogContents
from factcheck.verdicts.scale import Scale
from factcheck.verdicts.store import LogFormatError

__all__ = ["DeskError", "LogbookMixin", "claim_dates", "document_urls", "filter_log"]

T = TypeVar("T")


class DeskError(ValueError):
    """A problem the editor can fix; ``message`` is shown as is in the desk's form."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class LogbookMixin:
    """Verdicts for the desk's open claim (see :class:`~factcheck.desk.session.DeskSession`,
    which provides the attributes declared here)."""

    log: VerdictLog
    editor: str
    claims: tuple[Claim, ...]
    corpus: Corpus
    claim_id: str
    claim_text: str
    result: EvidenceResult | None

    @property
    def ticked(self) -> tuple[tuple[str, str], ...]:
        raise NotImplementedError

    @property
    def scale(self) -> Scale:
        """The verdict scale of the log (labels with ``key``, ``ar``, ``en``, ``color``)."""
        return self.log.scale

    def _editor_name(self, editor: str | None, doing: tuple[str, str]) -> str:
        name = (editor if editor is not None else self.editor).strip()
        if not name:
            raise DeskError(f"اكتب اسم المحرر قبل {doing[0]} / Enter the editor's name {doing[1]}")
        return name

    def _require_claim(self) -> None:
        if self.result is None:
            raise DeskError("اختر ادعاءً أولاً / Select a claim first")

    def save(
        self,
        verdict: str | None,
        note: str = "",
        editor: str | None = None,
        *,
        blind: bool = False,
    ) -> VerdictRow:
        """Append the open claim's verdict to the log and return the new row.

        ``editor`` defaults to (and then becomes) the session's editor. The ticked passages are
        the evidence. A claim that already has a verdict gets a correction: the new row
        ``supersedes`` the standing one. ``blind``: a second opinion recorded without looking at
        the standing verdict; it supersedes nothing and never becomes the claim's verdict, it
        counts for agreement. :class:`DeskError` when no claim is open, no verdict is chosen,
        the editor's name is missing or the log refuses the row; the log is unchanged then.
        """
        self._require_claim()
        if not verdict:
            raise DeskError("اختر الحكم قبل الحفظ / Choose a verdict before saving")
        name = self._editor_name(editor, ("الحفظ", "before saving"))
        try:
            label = self.scale.resolve(verdict)
        except ValueError as exc:
            raise DeskError(f"حكم غير معروف / Unknown verdict: {exc}") from None
        standing = None if blind else self.current_verdict()
        try:
            row = self.log.record(
                claim=self.claim_text,
                verdict=label.key,
                editor=name,
                evidence=list(self.ticked),
                note=note.strip(),
                claim_id=self.claim_id,
                supersedes=standing["verdict_id"] if standing else None,
                blind=blind,
            )
        except (ValueError, OSError) as exc:
            raise DeskError(f"تعذّر الحفظ / Could not save: {exc}") from None
        self.editor = name
        return row

    def review(self, decision: str, note: str = "", reviewer: str | None = None) -> VerdictRow:
        """Approve (``"approve"``) or dispute (``"dispute"``) the open claim's standing verdict
        as ``reviewer`` (default: the session's editor), who must not be its editor."""
        self._require_claim()
        name = self._editor_name(reviewer, ("المراجعة", "before reviewing"))
        standing = self.current_verdict()
        if standing is None:
            raise DeskError("لا حكم لمراجعته بعد / No verdict to review yet")
        if standing["editor"] == name:
            raise DeskError(
                "لا يراجع المحرر حكمه؛ يراجعه محرر آخر / "
                "An editor does not review their own verdict: another editor must"
            )
        try:
            row = self.log.review(
                standing["verdict_id"], reviewer=name, decision=decision, note=note.strip()
            )
        except (ValueError, OSError) as exc:
            raise DeskError(f"تعذّرت المراجعة / Could not review: {exc}") from None
        self.editor = name
        return row

    def assign(self, assignee: str, editor: str | None = None) -> VerdictRow:
        """Give the open claim to ``assignee`` (``""`` takes it back), recorded by ``editor``."""
        self._require_claim()
        name = self._editor_name(editor, ("الإسناد", "before assigning"))
        try:
            return self.log.assign(
                claim=self.claim_text, assignee=assignee, editor=name, claim_id=self.claim_id
            )
        except (ValueError, OSError) as exc:
            raise DeskError(f"تعذّر الإسناد / Could not assign: {exc}") from None

    def read_log(self) -> LogContents:
        """One read of the log (its rows and the problems of that read): the views below take
        its ``rows`` so that a refresh of the desk reads the log once."""
        return self._read_log(self.log.read_all)

    def _rows(self, rows: pd.DataFrame | None) -> pd.DataFrame:
        return self.read_log().rows if rows is None else rows

    def holders(self, rows: pd.DataFrame | None = None) -> dict[str, str]:
        """Who holds each assigned claim: claim id -> editor."""
        frame = self.log.assignments(self._rows(rows))
        return dict(zip(frame["claim_id"], frame["assignee"], strict=True))

    def agreement(self) -> Agreement:
        """Agreement between the log's editors (per pair and Krippendorff's alpha)."""
        return self._read_log(self.log.agreement)

    def disputed(self) -> pd.DataFrame:
        """The claims whose standing verdict a reviewer disputed (rows of ``current()``)."""
        current = self._read_log(self.log.current)
        return current[current["status"] == "disputed"].reset_index(drop=True)

    def undo_last(self, editor: str | None = None) -> VerdictRow:
        """Retract the newest verdict of the log by appending a superseding row (returned)."""
        name = self._editor_name(editor, ("التراجع", "before undoing"))
        try:
            return self.log.undo_last(editor=name)
        except (ValueError, LookupError, OSError) as exc:
            raise DeskError(f"لا يمكن التراجع / Nothing to undo: {exc}") from None

    def _read_log(self, read: Callable[[], T]) -> T:
        """Run a log read; an unreadable log (a file or database out of reach, a header or
        schema the desk cannot use) is the editor's to fix, so a :class:`DeskError`."""
        try:
            return read()
        except (OSError, LogFormatError) as exc:
            raise DeskError(
                f"تعذّرت قراءة سجل الأحكام / Could not read the verdict log {self.log}: "
                f"{getattr(exc, 'strerror', None) or exc}"
            ) from None

    def current_verdict(
        self, claim_id: str | None = None, rows: pd.DataFrame | None = None
    ) -> dict[str, Any] | None:
        """The claim's standing verdict (a row of ``VerdictLog.current()``) or ``None``."""
        cid = self.claim_id if claim_id is None else claim_id
        if not cid:
            return None
        current = self.log.current(self._rows(rows))
        if current.empty:
            return None
        rows = current[current["claim_id"] == cid]
        if rows.empty:
            return None
        return rows.iloc[-1].to_dict()

    def log_frame(
        self, claim_filter: str = "", editor_filter: str = "", rows: pd.DataFrame | None = None
    ) -> pd.DataFrame:
        """The log, newest first, filtered by claim (text or id) and editor (substrings)."""
        return filter_log(self._rows(rows), claim_filter, editor_filter)

    def log_total(self) -> int:
        """How many rows the log holds (retractions included)."""
        return len(self._rows(None))

    def csv_bytes(self) -> bytes:
        """The log as the editor downloads it: the CSV file itself, or for a database log the
        same rows as the CSV file would hold them (UTF-8 with BOM; just the header when empty)."""
        return self._read_log(self.log.csv_bytes)

    def claimreview(self, rows: pd.DataFrame | None = None, **kwargs: Any) -> list[dict[str, Any]]:
        """The approved standing verdicts as schema.org ClaimReview objects (drafts too with
        ``include_drafts=True``).

        Evidence documents' urls become ``itemReviewed.appearance``; ``kwargs`` go to
        :func:`factcheck.verdicts.claimreview.to_claimreview` (``publisher``, ``review_url``,
        ``include_drafts``...).
        """
        kwargs.setdefault("doc_urls", document_urls(self.corpus))
        kwargs.setdefault("claim_dates", claim_dates(self.claims, self.corpus))
        return to_claimreview(self.log.current(self._rows(rows)), scale=self.scale, **kwargs)

    def claimreview_json(self, rows: pd.DataFrame | None = None, **kwargs: Any) -> str:
        """:meth:`claimreview` as a JSON-LD document (UTF-8 text, Arabic unescaped)."""
        return json.dumps(self.claimreview(rows, **kwargs), ensure_ascii=False, indent=2)

    def verdict_summary(self) -> pd.DataFrame:
        """Counts per scale label of the standing verdicts (for the verdicts chart)."""
        return self._read_log(self.log.summary_by_label)


def document_urls(corpus: Corpus) -> dict[str, str]:
    """Each document's url (documents without one left out): ClaimReview's appearances. An
    index answers from its url column without making its documents."""
    if isinstance(corpus, ArchiveCorpus):
        docs = corpus.documents
        return {
            d: u
            for d, u in zip(docs.ids, docs.column("url"), strict=True)  # type: ignore[attr-defined]
            if u
        }
    return {d.doc_id: d.url for d in corpus.documents if d.url}


def _folded(text: str) -> str:
    return " ".join(fold(text).split())


def filter_log(
    frame: pd.DataFrame, claim_filter: str = "", editor_filter: str = ""
) -> pd.DataFrame:
    """The log rows newest first, kept where the claim (text or id) and the editor match.

    Both filters are substrings, compared on folded Arabic (hamza, alef and ya variants, tatweel
    and diacritics ignored), because editors type them quickly and not always as the log spells
    them. An empty filter keeps everything.
    """
    if frame.empty:
        return frame
    df = frame.iloc[::-1]
    cq = _folded(claim_filter)
    if cq:
        text = df["claim"].astype(str).map(_folded)
        df = df[text.str.contains(cq, regex=False) | (df["claim_id"].astype(str) == cq)]
    eq = fold(editor_filter).strip()
    if eq:
        df = df[df["editor"].astype(str).map(fold).str.contains(eq, regex=False)]
    return df.reset_index(drop=True)


def claim_dates(claims: Iterable[Claim], corpus: Corpus) -> dict[str, str]:
    """Earliest known date of the articles carrying each claim (ClaimReview's ``datePublished``
    of the claim); claims whose articles carry no date are left out."""
    out: dict[str, str] = {}
    for c in claims:
        dates = []
        for d in c.doc_ids:
            try:
                date = corpus.document(d).date
            except KeyError:
                continue
            if date:
                dates.append(date)
        if dates:
            out[c.claim_id] = min(dates)
    return out
