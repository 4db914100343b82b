"""Verdict log: every editorial decision on a claim, one row each, append-only.

Current verdicts
----------------
Nothing is rewritten: a correction is a new row for the same claim (``supersedes`` names the row
it revises), an undo is a row with verdict ``retracted`` whose ``supersedes`` names the row it
retracts. The current verdict of a claim is its latest row, in store order, that is neither a
retraction nor retracted; after undoing a correction the claim's verdict is again the one before
it, and after undoing all of them the claim has none. Retracting a retraction is refused (record
the verdict again instead).

Reviews, second opinions and assignments
----------------------------------------
A verdict is a draft until another editor reviews it (:meth:`VerdictLog.review`): a ``review``
row approves or disputes it, the latest review of the current verdict gives its status
(``draft``, ``approved``, ``disputed``), and a correction starts a new draft. An editor never
reviews their own verdict. A *blind* verdict (``record(..., blind=True)``) is a second opinion
recorded without seeing the first: it counts in agreement (:mod:`factcheck.verdicts.agreement`)
and never becomes the claim's current verdict. An ``assign`` row gives a claim to an editor
(:meth:`VerdictLog.assign`; the latest one holds).

Reading is pure: :meth:`VerdictLog.read_all` returns the rows *and* the problems of that one read
(:class:`~factcheck.verdicts.rows.LogContents`) and the log keeps no state between reads, so two
callers never see each other's problems.

Checks against the stored log and the row they allow are one atomic step: an undo (is the verdict
already retracted?), undo-last (which verdict is the latest in effect?) and a correction (is the
row it supersedes a verdict on the same claim?) read and append inside the store's
``exclusive()`` block, so two editors undoing at once never retract one verdict twice.

The row format and its validation live in :mod:`factcheck.verdicts.rows`. Storage sits behind
:class:`~factcheck.verdicts.store.LogStore` (``append(values)`` / ``rows()``): the CSV file,
:class:`~factcheck.verdicts.csvstore.CsvFileStore` (the file format, locking, torn rows and
spreadsheet-formula escaping are described in :mod:`factcheck.verdicts.csvstore`), or a shared
PostgreSQL table, :class:`~factcheck.verdicts.pgstore.PostgresStore`, for a
``postgresql://`` URL.
"""

from __future__ import annotations

import math
import os
import uuid
from collections.abc import Iterable
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any

import pandas as pd

from factcheck.verdicts.agreement import Agreement
from factcheck.verdicts.agreement import agreement as editor_agreement
from factcheck.verdicts.csvstore import BOM, CsvFileStore, encode_row
from factcheck.verdicts.pgstore import PostgresStore
from factcheck.verdicts.pgurl import is_database_url
from factcheck.verdicts.rows import (
    COLUMNS,
    DECISIONS,
    PACKAGE_VERSION,
    SCHEMA_VERSION,
    LogContents,
    LogProblem,
    VerdictRow,
    format_evidence,
    format_rating,
    has_surrogate,
    suspect_rows,
    utc_now,
    validate_values,
)
from factcheck.verdicts.scale import RETRACTED, Scale, resolve_scale
from factcheck.verdicts.store import LogStore
from factcheck.verdicts.summaries import by_claim, by_editor, by_label

__all__ = ["VerdictLog", "verdict_rows"]


def verdict_rows(rows: pd.DataFrame) -> pd.Series:
    """Which rows are verdicts or retractions (not reviews or assignments)."""
    return rows["kind"].isin(("", "verdict"))


def _is_verdict(row: pd.Series) -> bool:
    return row["kind"] in ("", "verdict")


class VerdictLog:
    """The verdict log of a desk: ``VerdictLog("verdicts.csv")`` or
    ``VerdictLog("postgresql://user@host/database")``.

    ``scale`` is a :class:`~factcheck.verdicts.scale.Scale`, a path to a newsroom scale file, or
    ``None`` for ``$FACTCHECK_SCALE`` or the default scale. ``path`` is the CSV file (a
    :class:`~factcheck.verdicts.csvstore.CsvFileStore`), a ``postgresql://`` or ``postgres://``
    URL (a :class:`~factcheck.verdicts.pgstore.PostgresStore`; a malformed one raises
    ``ValueError``), or any other :class:`~factcheck.verdicts.store.LogStore`. ``path`` is
    ``None`` unless the log is a file.
    """

    def __init__(
        self,
        path: str | os.PathLike[str] | LogStore,
        scale: Scale | str | os.PathLike[str] | None = None,
        *,
        lock_timeout: float = 30.0,
    ) -> None:
        self.scale = resolve_scale(scale)
        if is_database_url(path):
            self.store = PostgresStore(str(path), lock_timeout=lock_timeout)
            self.path = None
        elif isinstance(path, str | os.PathLike):
            self.store: LogStore = CsvFileStore(path, lock_timeout=lock_timeout)
            self.path: Path | None = Path(path)
        else:
            self.store, self.path = path, None

    def __repr__(self) -> str:
        return f"VerdictLog({self.location!r})"

    @property
    def location(self) -> str:
        """Where the log is, for messages: the file's path or the database URL (no password)."""
        return str(self.path) if self.path is not None else str(self.store)

    def exists(self) -> bool:
        """Whether the log holds a store yet (the file, the table); never creates it. A store
        that cannot tell counts as existing."""
        if self.path is not None:
            return self.path.exists()
        probe = getattr(self.store, "exists", None)
        return bool(probe()) if callable(probe) else True

    def _exclusive(self) -> AbstractContextManager[Any]:
        """The store's lock for a read-then-append (a no-op for stores that have none)."""
        hold = getattr(self.store, "exclusive", None)
        return hold() if callable(hold) else nullcontext()

    # -- writing

    def record(
        self,
        *,
        claim: str,
        verdict: str,
        editor: str,
        evidence: Iterable[Any] = (),
        note: str | None = "",
        claim_id: str | None = None,
        supersedes: str | None = None,
        blind: bool = False,
    ) -> VerdictRow:
        """Append one decision and return the row as stored.

        ``verdict`` is a scale key or its Arabic / English label (folded, case-insensitive).
        ``evidence`` items are ``(doc_id, passage_id)`` pairs, ``"doc_id:passage_id"`` strings or
        passage objects. ``supersedes`` names the row this one corrects (same claim). ``blind``
        records a second opinion made without seeing the claim's current verdict. Bad input
        raises ``ValueError`` naming the field; nothing is written then.
        """
        for name, value in (("claim", claim), ("verdict", verdict), ("editor", editor)):
            if not isinstance(value, str):
                raise ValueError(f"{name}: expected text, got {type(value).__name__}")
        if verdict.strip().lower() == RETRACTED:
            raise ValueError(
                f"verdict: {RETRACTED!r} is reserved for undo rows; use VerdictLog.undo()"
            )
        if claim_id is not None and not claim_id.strip():
            raise ValueError("claim_id: must not be empty when given")
        if isinstance(evidence, str):
            evidence = [evidence]
        label = self.scale.resolve(verdict) if verdict.strip() else None
        row = self._new_row(
            claim=claim,
            verdict=label.key if label else "",
            rating=format_rating(label.rating) if label else "",
            editor=editor,
            evidence=format_evidence(evidence),
            note=note or "",
            claim_id=claim_id,
            supersedes=supersedes or "",
            blind="1" if blind else "",
        )
        if not row.supersedes:
            self.store.append(row.to_values())
            return row
        with self._exclusive():
            target = self._find(self.read(), row.supersedes)
            if not _is_verdict(target):
                raise ValueError(
                    f"supersedes: {row.supersedes!r} is a {target['kind']}, not a verdict"
                )
            if target["verdict"] == RETRACTED:
                raise ValueError(f"supersedes: {row.supersedes!r} is a retraction, not a verdict")
            if target["claim_id"] != row.claim_id:
                raise ValueError(
                    f"supersedes: {row.supersedes!r} is a verdict on claim {target['claim_id']!r}, "
                    f"not {row.claim_id!r}"
                )
            self.store.append(row.to_values())
        return row

    def undo(self, verdict_id: str, editor: str, note: str = "") -> VerdictRow:
        """Retract a verdict: append a ``retracted`` row superseding it. The claim's current
        verdict becomes the one before it (or none)."""
        with self._exclusive():
            return self._undo(self.read(), verdict_id, editor, note)

    def _undo(self, rows: pd.DataFrame, verdict_id: str, editor: str, note: str) -> VerdictRow:
        target = self._find(rows, verdict_id, field="verdict_id")
        if not _is_verdict(target):
            raise ValueError(f"verdict_id: {verdict_id!r} is a {target['kind']}, not a verdict")
        if target["verdict"] == RETRACTED:
            raise ValueError(
                f"verdict_id: {verdict_id!r} is a retraction; record the verdict again instead"
            )
        if ((rows["verdict"] == RETRACTED) & (rows["supersedes"] == verdict_id)).any():
            raise ValueError(f"verdict_id: {verdict_id!r} is already retracted")
        row = self._new_row(
            claim=target["claim"],
            verdict=RETRACTED,
            rating="",
            editor=editor,
            evidence="",
            note=note,
            claim_id=target["claim_id"],
            supersedes=verdict_id,
            blind=target["blind"],
        )
        self.store.append(row.to_values())
        return row

    def review(
        self, verdict_id: str, *, reviewer: str, decision: str, note: str = ""
    ) -> VerdictRow:
        """Approve or dispute a claim's current verdict (``decision`` ``"approve"`` or
        ``"dispute"``) as ``reviewer``, who must not be the verdict's editor. The row is the
        verdict's latest review, which gives its status. ``ValueError`` naming the field when
        the review is not allowed; nothing is written then."""
        if not isinstance(reviewer, str) or not reviewer.strip():
            raise ValueError("reviewer: must not be empty")
        if decision not in DECISIONS:
            raise ValueError(f"decision: {decision!r} is not one of {', '.join(DECISIONS)}")
        with self._exclusive():
            rows = self.read()
            target = self._find(rows, verdict_id, field="verdict_id")
            if not _is_verdict(target) or target["verdict"] == RETRACTED:
                raise ValueError(f"verdict_id: {verdict_id!r} is not a verdict")
            if target["blind"] == "1":
                raise ValueError(
                    f"verdict_id: {verdict_id!r} is a blind second opinion, which is not reviewed"
                )
            current = self.current(rows)
            standing = current.loc[current["claim_id"] == target["claim_id"], "verdict_id"]
            if standing.empty or standing.iloc[0] != verdict_id:
                raise ValueError(
                    f"verdict_id: {verdict_id!r} is no longer the current verdict of its claim"
                )
            if reviewer.strip() == target["editor"]:
                raise ValueError(
                    f"reviewer: {reviewer.strip()!r} recorded this verdict; another editor "
                    "must review it"
                )
            row = self._new_row(
                claim=target["claim"],
                claim_id=target["claim_id"],
                editor=reviewer,
                note=note,
                kind="review",
                target=verdict_id,
                decision=decision,
            )
            self.store.append(row.to_values())
        return row

    def assign(
        self,
        *,
        claim: str,
        assignee: str,
        editor: str,
        claim_id: str | None = None,
        note: str = "",
    ) -> VerdictRow:
        """Give the claim to ``assignee`` (``""`` takes it back), recorded by ``editor``."""
        for name, value in (("claim", claim), ("assignee", assignee), ("editor", editor)):
            if not isinstance(value, str):
                raise ValueError(f"{name}: expected text, got {type(value).__name__}")
        row = self._new_row(
            claim=claim,
            claim_id=claim_id,
            editor=editor,
            note=note,
            kind="assign",
            assignee=assignee.strip(),
        )
        self.store.append(row.to_values())
        return row

    def undo_last(self, editor: str | None = None, note: str = "") -> VerdictRow:
        """Retract the most recent verdict still in effect -- by ``editor`` when given (and the
        retraction is recorded in their name), else by anyone (recorded in the name of the editor
        of the undone row)."""
        if editor is not None and not editor.strip():
            raise ValueError("editor: must not be empty")
        with self._exclusive():
            rows = self.read()
            live = self._in_effect(rows)
            if editor is not None:
                live = live[live["editor"] == editor.strip()]
            if live.empty:
                who = f" by {editor.strip()!r}" if editor else ""
                raise ValueError(f"editor: no verdict{who} left to undo")
            last = live.iloc[-1]
            by = editor if editor is not None else last["editor"]
            return self._undo(rows, last["verdict_id"], by, note)

    def _new_row(self, *, claim_id: str | None, **values: str) -> VerdictRow:
        values = {"verdict": "", "rating": "", "evidence": "", "supersedes": "", **values}
        values |= {
            "verdict_id": uuid.uuid4().hex,
            "recorded_at": utc_now(),
            "claim_id": claim_id or "",
            "schema_version": SCHEMA_VERSION,
            "package_version": PACKAGE_VERSION,
        }
        for name, text in values.items():
            if has_surrogate(text):
                raise ValueError(f"{name}: contains characters that cannot be stored as UTF-8")
        return VerdictRow.from_values(values, self.scale)

    def _find(self, rows: pd.DataFrame, verdict_id: str, field: str = "supersedes") -> pd.Series:
        hit = rows[rows["verdict_id"] == verdict_id]
        if hit.empty:
            raise ValueError(f"{field}: no verdict {verdict_id!r} in {self}")
        return hit.iloc[0]

    # -- reading

    def read_all(self) -> LogContents:
        """One read of the store: every valid row plus the problems of this read (bad or torn
        rows, with line numbers). Pure: the log keeps nothing from it."""
        scan = self.store.rows()
        n = len(scan.lines)
        cols = {c: list(scan.cells.get(c) or [""] * n) for c in COLUMNS}
        extras = {c: list(scan.cells[c]) for c in scan.columns if c not in COLUMNS}
        problems = list(scan.problems)
        dropped: set[int] = set()
        for i in sorted(suspect_rows(cols, self.scale)):
            try:
                v = validate_values({c: cols[c][i] for c in COLUMNS}, self.scale)
            except ValueError as exc:
                problems.append(LogProblem(scan.lines[i], str(exc), scan.raw(scan.lines[i])))
                dropped.add(i)
                continue
            for c in COLUMNS:
                cols[c][i] = format_rating(v[c]) if c == "rating" else v[c]
        seen: dict[str, int] = {}
        for i, vid in enumerate(cols["verdict_id"]):
            if i in dropped:
                continue
            if vid in seen:
                line = scan.lines[i]
                error = f"verdict_id: {vid!r} already used on line {seen[vid]}"
                problems.append(LogProblem(line, error, scan.raw(line)))
                dropped.add(i)
            else:
                seen[vid] = scan.lines[i]
        keep = [i for i in range(n) if i not in dropped] if dropped else None
        data: dict[str, pd.Series] = {}
        for c, vals in {**cols, **extras, "line": list(scan.lines)}.items():
            vals = vals if keep is None else [vals[i] for i in keep]
            if c in ("editor", "rating"):  # converted once per distinct value
                f = str.strip if c == "editor" else lambda x: float(x) if x else math.nan
                value_of = {x: f(x) for x in set(vals)}
                vals = [value_of[x] for x in vals]
            if c == "rating":
                data[c] = pd.Series(vals, dtype="float64")
            else:
                data[c] = pd.Series(vals, dtype="int64" if c == "line" else "str")
        problems.sort(key=lambda p: p.line)
        return LogContents(pd.DataFrame(data), tuple(problems))

    def read(self) -> pd.DataFrame:
        """All valid rows in store order (original values restored; ``line`` is where each row
        starts in the file). The rows that could not be loaded come with :meth:`read_all`."""
        return self.read_all().rows

    def csv_bytes(self) -> bytes:
        """The log as a CSV file, what an editor downloads: the CSV store's own file byte for
        byte (rows it cannot load included), or for any other store the file the CSV store would
        hold with the same rows in the same order (UTF-8 with BOM, the store's columns, formula
        cells neutralised), so a database log can be opened in a spreadsheet or kept as a CSV
        log. An empty or missing log is just the header."""
        if isinstance(self.store, CsvFileStore):
            try:
                return self.store.path.read_bytes()
            except FileNotFoundError:
                return BOM + encode_row(COLUMNS)
        scan = self.store.rows()
        columns = [scan.cells[c] for c in scan.columns]
        body = b"".join(encode_row(row) for row in zip(*columns, strict=True))
        return BOM + encode_row(scan.columns) + body

    @staticmethod
    def _in_effect(rows: pd.DataFrame) -> pd.DataFrame:
        """Verdict rows neither retractions nor retracted (blind ones included)."""
        rows = rows[verdict_rows(rows)]
        retracted = rows.loc[rows["verdict"] == RETRACTED, "supersedes"]
        return rows[(rows["verdict"] != RETRACTED) & ~rows["verdict_id"].isin(retracted)]

    def current(self, rows: pd.DataFrame | None = None) -> pd.DataFrame:
        """The current verdict of each claim: its latest verdict that is neither a retraction,
        nor retracted, nor a blind second opinion; with its review ``status`` (``draft``,
        ``approved``, ``disputed``), ``reviewer`` and ``review_note`` (the latest review's).
        Claims whose every verdict was retracted are absent."""
        rows = self.read() if rows is None else rows
        live = self._in_effect(rows)
        cur = live[live["blind"] != "1"].drop_duplicates("claim_id", keep="last")
        reviews = rows[rows["kind"] == "review"].drop_duplicates("target", keep="last")
        # Each current verdict's latest review (all-NaN where it has none).
        latest = reviews.set_index("target").reindex(cur["verdict_id"])
        cur = cur.assign(
            status=latest["decision"]
            .map({"approve": "approved", "dispute": "disputed"})
            .fillna("draft")
            .astype("str")
            .to_numpy(),
            reviewer=latest["editor"].fillna("").astype("str").to_numpy(),
            review_note=latest["note"].fillna("").astype("str").to_numpy(),
        )
        return cur.reset_index(drop=True)

    def editor_verdicts(self, rows: pd.DataFrame | None = None) -> pd.DataFrame:
        """Each editor's latest verdict in effect per claim, blind second opinions included:
        what agreement between editors is computed from."""
        rows = self.read() if rows is None else rows
        live = self._in_effect(rows)
        return live.drop_duplicates(["editor", "claim_id"], keep="last").reset_index(drop=True)

    def agreement(self, rows: pd.DataFrame | None = None) -> Agreement:
        """Agreement between editors over the claims they both judged
        (:func:`factcheck.verdicts.agreement.agreement` of :meth:`editor_verdicts`)."""
        return editor_agreement(self.editor_verdicts(rows))

    def assignments(self, rows: pd.DataFrame | None = None) -> pd.DataFrame:
        """Who holds each claim: its latest assignment, when it names someone (columns
        ``claim_id``, ``claim``, ``assignee``, ``assigned_by``, ``recorded_at``)."""
        rows = self.read() if rows is None else rows
        latest = rows[rows["kind"] == "assign"].drop_duplicates("claim_id", keep="last")
        latest = latest[latest["assignee"] != ""]
        out = latest[["claim_id", "claim", "assignee", "editor", "recorded_at"]]
        return out.rename(columns={"editor": "assigned_by"}).reset_index(drop=True)

    # -- summaries for charts (factcheck.verdicts.summaries)

    def summary_by_label(self, rows: pd.DataFrame | None = None) -> pd.DataFrame:
        """Claims per current verdict, in scale order, zero counts included."""
        return by_label(self.current(rows), self.scale)

    def summary_by_editor(self, rows: pd.DataFrame | None = None) -> pd.DataFrame:
        """Per editor: verdicts recorded, retractions recorded, and claims whose current verdict
        is theirs. Busiest first."""
        rows = self.read() if rows is None else rows
        return by_editor(rows[verdict_rows(rows)], self.current(rows))

    def summary_by_claim(self, rows: pd.DataFrame | None = None) -> pd.DataFrame:
        """Per claim (first recorded first): its latest text, verdicts and retractions recorded,
        distinct editors, and its current verdict (``""`` when none) with label and colour."""
        rows = self.read() if rows is None else rows
        return by_claim(rows[verdict_rows(rows)], self.current(rows), self.scale)
