"""Verdict log: every editorial decision on a claim, one row each, append-only.

Current verdicts
----------------
Nothing is rewritten: a correction is a new row for the same claim (``supersedes`` names the row
it revises), an undo is a row with verdict ``retracted`` whose ``supersedes`` names the row it
retracts. The current verdict of a claim is its latest row, in store order, that is neither a
retraction nor retracted; after undoing a correction the claim's verdict is again the one before
it, and after undoing all of them the claim has none. Retracting a retraction is refused (record
the verdict again instead).

Reading is pure: :meth:`VerdictLog.read_all` returns the rows *and* the problems of that one read
(:class:`~factcheck.verdicts.rows.LogContents`) and the log keeps no state between reads, so two
callers never see each other's problems.

The row format and its validation live in :mod:`factcheck.verdicts.rows`. Storage sits behind
:class:`~factcheck.verdicts.store.LogStore` (``append(values)`` / ``rows()``) so a shared
PostgreSQL store can replace the CSV file, :class:`~factcheck.verdicts.csvstore.CsvFileStore`
(the file format, locking, torn rows and spreadsheet-formula escaping are described in
:mod:`factcheck.verdicts.csvstore`).
"""

from __future__ import annotations

import math
import os
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from factcheck.verdicts.csvstore import CsvFileStore
from factcheck.verdicts.rows import (
    COLUMNS,
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

__all__ = ["VerdictLog"]


class VerdictLog:
    """The verdict log of a desk: ``VerdictLog("verdicts.csv")``.

    ``scale`` is a :class:`~factcheck.verdicts.scale.Scale`, a path to a newsroom scale file, or
    ``None`` for ``$FACTCHECK_SCALE`` or the default scale. ``path`` is the CSV file (a
    :class:`~factcheck.verdicts.csvstore.CsvFileStore`) or any other
    :class:`~factcheck.verdicts.store.LogStore`.
    """

    def __init__(
        self,
        path: str | os.PathLike[str] | LogStore,
        scale: Scale | str | os.PathLike[str] | None = None,
        *,
        lock_timeout: float = 30.0,
    ) -> None:
        self.scale = resolve_scale(scale)
        if isinstance(path, str | os.PathLike):
            self.store: LogStore = CsvFileStore(path, lock_timeout=lock_timeout)
            self.path: Path | None = Path(path)
        else:
            self.store, self.path = path, None

    def __repr__(self) -> str:
        return f"VerdictLog({str(self.path or self.store)!r})"

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
    ) -> VerdictRow:
        """Append one decision and return the row as stored.

        ``verdict`` is a scale key or its Arabic / English label (folded, case-insensitive).
        ``evidence`` items are ``(doc_id, passage_id)`` pairs, ``"doc_id:passage_id"`` strings or
        passage objects. ``supersedes`` names the row this one corrects (same claim). Bad input
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
        )
        if row.supersedes:
            target = self._find(self.read(), row.supersedes)
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
        return self._undo(self.read(), verdict_id, editor, note)

    def _undo(self, rows: pd.DataFrame, verdict_id: str, editor: str, note: str) -> VerdictRow:
        target = self._find(rows, verdict_id, field="verdict_id")
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
        )
        self.store.append(row.to_values())
        return row

    def undo_last(self, editor: str | None = None, note: str = "") -> VerdictRow:
        """Retract the most recent verdict still in effect -- by ``editor`` when given (and the
        retraction is recorded in their name), else by anyone (recorded in the name of the editor
        of the undone row)."""
        rows = self.read()
        live = self._in_effect(rows)
        if editor is not None:
            if not editor.strip():
                raise ValueError("editor: must not be empty")
            live = live[live["editor"] == editor.strip()]
        if live.empty:
            who = f" by {editor.strip()!r}" if editor else ""
            raise ValueError(f"editor: no verdict{who} left to undo")
        last = live.iloc[-1]
        by = editor if editor is not None else last["editor"]
        return self._undo(rows, last["verdict_id"], by, note)

    def _new_row(self, *, claim_id: str | None, **values: str) -> VerdictRow:
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

    @staticmethod
    def _in_effect(rows: pd.DataFrame) -> pd.DataFrame:
        retracted = rows.loc[rows["verdict"] == RETRACTED, "supersedes"]
        return rows[(rows["verdict"] != RETRACTED) & ~rows["verdict_id"].isin(retracted)]

    def current(self, rows: pd.DataFrame | None = None) -> pd.DataFrame:
        """The current verdict of each claim: its latest row that is neither a retraction nor
        retracted. Claims whose every verdict was retracted are absent."""
        rows = self.read() if rows is None else rows
        return self._in_effect(rows).drop_duplicates("claim_id", keep="last").reset_index(drop=True)

    # -- summaries for charts

    def summary_by_label(self, rows: pd.DataFrame | None = None) -> pd.DataFrame:
        """Claims per current verdict, in scale order, zero counts included."""
        counts = self.current(rows)["verdict"].value_counts()
        return pd.DataFrame(
            {
                "label": [lb.key for lb in self.scale],
                "label_ar": [lb.ar for lb in self.scale],
                "label_en": [lb.en for lb in self.scale],
                "rating": pd.Series([lb.rating for lb in self.scale], dtype="float64"),
                "color": [lb.color for lb in self.scale],
                "count": pd.Series(
                    [int(counts.get(lb.key, 0)) for lb in self.scale], dtype="int64"
                ),
            }
        )

    def summary_by_editor(self, rows: pd.DataFrame | None = None) -> pd.DataFrame:
        """Per editor: verdicts recorded, retractions recorded, and claims whose current verdict
        is theirs. Busiest first."""
        rows = self.read() if rows is None else rows
        is_retraction = rows["verdict"] == RETRACTED
        current = self.current(rows)["editor"].value_counts()
        out = pd.DataFrame(
            {
                "decisions": rows[~is_retraction].groupby("editor").size(),
                "retractions": rows[is_retraction].groupby("editor").size(),
            }
        )
        out.index.name = "editor"
        out["current"] = current.reindex(out.index)
        out = out.fillna(0).astype("int64").reset_index()
        return out.sort_values(["decisions", "editor"], ascending=[False, True], ignore_index=True)

    def summary_by_claim(self, rows: pd.DataFrame | None = None) -> pd.DataFrame:
        """Per claim (first recorded first): its latest text, verdicts and retractions recorded,
        distinct editors, and its current verdict (``""`` when none) with label and colour."""
        rows = self.read() if rows is None else rows
        cols = ["claim_id", "claim", "decisions", "retractions", "editors", "verdict"]
        cols += ["label_ar", "label_en", "color", "last_recorded_at"]
        if rows.empty:
            return pd.DataFrame(
                {c: pd.Series([], dtype="int64" if c in cols[2:5] else "str") for c in cols}
            )
        is_retraction = rows["verdict"] == RETRACTED
        g = rows.groupby("claim_id", sort=False)
        out = pd.DataFrame(
            {
                "claim": g["claim"].last(),
                "decisions": rows[~is_retraction].groupby("claim_id").size(),
                "retractions": rows[is_retraction].groupby("claim_id").size(),
                "editors": g["editor"].nunique(),
                "last_recorded_at": g["recorded_at"].last(),
            }
        ).reindex(g.size().index)
        out[["decisions", "retractions"]] = (
            out[["decisions", "retractions"]].fillna(0).astype("int64")
        )
        cur = self.current(rows).set_index("claim_id")["verdict"]
        out["verdict"] = cur.reindex(out.index).fillna("").astype("str")
        labels = {lb.key: lb for lb in self.scale}
        for col, attr in (("label_ar", "ar"), ("label_en", "en"), ("color", "color")):
            out[col] = [getattr(labels[v], attr) if v in labels else "" for v in out["verdict"]]
        out.index.name = "claim_id"
        return out.reset_index()[cols]
