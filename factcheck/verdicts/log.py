"""Verdict log: every editorial decision on a claim, one row each, append-only.

Row format (``schema_version`` 1)
---------------------------------
* Columns, in :data:`COLUMNS` order: ``verdict_id`` (uuid4 hex), ``recorded_at`` (UTC, ISO 8601,
  ``2026-05-09T07:35:25.123456Z``), ``editor``, ``claim_id`` (default :func:`claim_id_for`),
  ``claim``, ``verdict`` (a scale key, or ``retracted``), ``rating`` (the label's ClaimReview
  value at the time; empty for a label off the numeric scale and for retractions), ``evidence``,
  ``note``, ``supersedes`` (the ``verdict_id`` this row revises or retracts), ``schema_version``,
  ``package_version``.
* ``evidence`` is ``doc_id:passage_id`` items joined by ``;`` (see :func:`format_evidence`):
  the document id is everything before the first ``:``, and ``%``, ``;`` and ``:`` inside ids
  are written ``%25``, ``%3B``, ``%3A``. An unknown document id is empty (``:passage_id``).
* :func:`validate_values` is the one place rows are checked, for new rows and for rows read back
  from any store.

Current verdicts
----------------
Nothing is rewritten: a correction is a new row for the same claim (``supersedes`` names the row
it revises), an undo is a row with verdict ``retracted`` whose ``supersedes`` names the row it
retracts. The current verdict of a claim is its latest row, in file order, that is neither a
retraction nor retracted; after undoing a correction the claim's verdict is again the one before
it, and after undoing all of them the claim has none. Retracting a retraction is refused (record
the verdict again instead).

Storage sits behind :class:`~factcheck.verdicts.store.LogStore` (``append(values)`` /
``rows()``) so a shared PostgreSQL store can replace the CSV file,
:class:`~factcheck.verdicts.store.CsvFileStore` (the file format, locking, torn rows and
spreadsheet-formula escaping are described in :mod:`factcheck.verdicts.store`); row format and
validation live here, once.
"""

from __future__ import annotations

import math
import operator
import os
import re
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import pandas as pd

from factcheck.text.ids import claim_id_for
from factcheck.verdicts.scale import RETRACTED, Scale, resolve_scale

if TYPE_CHECKING:
    from factcheck.verdicts.store import LogStore

__all__ = [
    "COLUMNS",
    "RETRACTED",
    "SCHEMA_VERSION",
    "Evidence",
    "LogContents",
    "LogProblem",
    "VerdictLog",
    "VerdictRow",
    "claim_id_for",
    "format_evidence",
    "parse_evidence",
    "validate_values",
]

SCHEMA_VERSION = "1"
COLUMNS: tuple[str, ...] = (
    "verdict_id",
    "recorded_at",
    "editor",
    "claim_id",
    "claim",
    "verdict",
    "rating",
    "evidence",
    "note",
    "supersedes",
    "schema_version",
    "package_version",
)
REQUIRED_COLUMNS: tuple[str, ...] = ("verdict_id", "recorded_at", "editor", "claim", "verdict")

_SPACE_RE = re.compile(r"\s+")
_PCT_RE = re.compile(r"%(25|3[AaBb])")
_PCT = {"25": "%", "3A": ":", "3a": ":", "3B": ";", "3b": ";"}
_NUMBER_RE = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


def _package_version() -> str:
    try:
        return metadata.version("factcheck-desk")
    except metadata.PackageNotFoundError:
        return "0+unknown"


PACKAGE_VERSION = _package_version()


# --- ids and cells -------------------------------------------------------------------------


class Evidence(NamedTuple):
    """One piece of evidence: a passage and the document it comes from (``""`` if unknown)."""

    doc_id: str
    passage_id: str


def _evidence_item(item: Any) -> Evidence:
    if isinstance(item, str):
        doc, sep, pid = item.partition(":")
        doc, pid = (doc, pid) if sep else ("", item)
    elif isinstance(item, tuple) and len(item) == 2:
        doc, pid = item
    elif hasattr(item, "doc_id") and hasattr(item, "passage_id"):  # e.g. a corpus Passage
        doc, pid = item.doc_id, item.passage_id
    else:
        raise ValueError(
            f"evidence: expected 'doc_id:passage_id' or (doc_id, passage_id), got {item!r}"
        )
    if not isinstance(doc, str) or not isinstance(pid, str) or not pid.strip():
        raise ValueError(f"evidence: item {item!r} needs a non-empty passage id")
    return Evidence(doc, pid)


def format_evidence(items: Iterable[Any]) -> str:
    """The ``evidence`` cell: ``doc_id:passage_id`` items joined by ``;``.

    Hand-written rather than :func:`urllib.parse.quote` because only the three separator
    characters may be encoded: Arabic ids must stay readable in a spreadsheet.
    """
    out = []
    for item in items:
        ev = _evidence_item(item)
        doc = ev.doc_id.replace("%", "%25").replace(";", "%3B").replace(":", "%3A")
        out.append(doc + ":" + ev.passage_id.replace("%", "%25").replace(";", "%3B"))
    return ";".join(out)


def parse_evidence(cell: str) -> tuple[Evidence, ...]:
    """Inverse of :func:`format_evidence` (an item without ``:`` is a passage of unknown doc)."""
    out = []
    for item in cell.split(";") if cell else ():
        if not item:
            continue
        doc, sep, pid = item.partition(":")
        if not sep:
            doc, pid = "", doc
        if not pid:
            raise ValueError(f"evidence: item {item!r} has no passage id")
        unq = _PCT_RE.sub
        out.append(Evidence(unq(_unpct, doc), unq(_unpct, pid)))
    return tuple(out)


def _unpct(m: re.Match[str]) -> str:
    return _PCT[m.group(1)]


def _has_surrogate(cell: str) -> bool:
    """True when ``cell`` cannot be stored as UTF-8: lone surrogates, from bytes that were not
    UTF-8 when a file was read. New rows are refused; the store reports such rows read back."""
    try:
        cell.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


# --- rows and validation -------------------------------------------------------------------


@dataclass(frozen=True)
class VerdictRow:
    """One decision as stored. ``rating`` is ``None`` when the verdict has no numeric value."""

    verdict_id: str
    recorded_at: str
    editor: str
    claim_id: str
    claim: str
    verdict: str
    rating: int | float | None
    evidence: tuple[Evidence, ...]
    note: str
    supersedes: str
    schema_version: str
    package_version: str

    def to_values(self) -> dict[str, str]:
        """The row as column -> cell text (before formula neutralising, which is the CSV's job)."""
        return {
            "verdict_id": self.verdict_id,
            "recorded_at": self.recorded_at,
            "editor": self.editor,
            "claim_id": self.claim_id,
            "claim": self.claim,
            "verdict": self.verdict,
            "rating": _fmt_number(self.rating),
            "evidence": format_evidence(self.evidence),
            "note": self.note,
            "supersedes": self.supersedes,
            "schema_version": self.schema_version,
            "package_version": self.package_version,
        }

    @classmethod
    def from_values(cls, values: Mapping[str, str], scale: Scale) -> VerdictRow:
        v = validate_values(values, scale)
        return cls(**{**v, "evidence": parse_evidence(v["evidence"])})


def _fmt_number(x: int | float | None) -> str:
    if x is None:
        return ""
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def validate_values(values: Mapping[str, str], scale: Scale) -> dict[str, Any]:
    """Check one row (column -> text) and return it normalised; the one place rows are validated,
    for new rows and for rows read back from any store.

    Normalising: the verdict becomes the scale key (a hand-typed Arabic label is accepted), an
    empty ``claim_id`` is derived from the claim, ``rating`` becomes a number or ``None``.
    Raises ``ValueError`` whose message starts with the offending field.
    """
    get = values.get
    verdict_id = get("verdict_id") or ""
    if not verdict_id.strip():
        raise ValueError("verdict_id: must not be empty")
    recorded_at = get("recorded_at") or ""
    try:
        when = datetime.fromisoformat(recorded_at)
    except ValueError:
        raise ValueError(f"recorded_at: not an ISO 8601 time: {recorded_at!r}") from None
    if when.tzinfo is None:
        raise ValueError(f"recorded_at: {recorded_at!r} has no UTC offset")
    editor = (get("editor") or "").strip()
    if not editor:
        raise ValueError("editor: must not be empty")
    claim = get("claim") or ""
    if not claim.strip():
        raise ValueError("claim: must not be empty")
    claim_id = (get("claim_id") or "").strip() or claim_id_for(claim)
    verdict = get("verdict") or ""
    supersedes = (get("supersedes") or "").strip()
    rating_text = (get("rating") or "").strip()
    if verdict == RETRACTED:
        if not supersedes:
            raise ValueError("supersedes: a retraction must name the verdict it retracts")
        if rating_text:
            raise ValueError(f"rating: a retraction has no rating, got {rating_text!r}")
    elif not verdict.strip():
        raise ValueError("verdict: must not be empty")
    else:
        verdict = scale.resolve(verdict).key
    if supersedes == verdict_id:
        raise ValueError("supersedes: a row cannot supersede itself")
    rating: int | float | None = None
    if rating_text:
        try:
            rating = float(rating_text)
        except ValueError:
            raise ValueError(f"rating: not a number: {rating_text!r}") from None
        if not math.isfinite(rating):
            raise ValueError(f"rating: not a finite number: {rating_text!r}")
        if rating.is_integer():
            rating = int(rating)
    evidence = get("evidence") or ""
    parse_evidence(evidence)
    schema = get("schema_version") or ""
    if schema not in ("", SCHEMA_VERSION):
        raise ValueError(
            f"schema_version: row written with schema {schema!r}; "
            f"this desk reads {SCHEMA_VERSION!r}"
        )
    return {
        "verdict_id": verdict_id,
        "recorded_at": recorded_at,
        "editor": editor,
        "claim_id": claim_id,
        "claim": claim,
        "verdict": verdict,
        "rating": rating,
        "evidence": evidence,
        "note": get("note") or "",
        "supersedes": supersedes,
        "schema_version": schema,
        "package_version": get("package_version") or "",
    }


def _is_utc_time(text: str) -> bool:
    try:
        return datetime.fromisoformat(text).tzinfo is not None
    except ValueError:
        return False


def _where(col: Sequence[str], bad: Callable[[str], Any]) -> set[int]:
    """Indexes of the cells for which ``bad`` holds; ``bad`` runs once per distinct value (logs
    repeat editors, verdicts, ratings and claims a lot)."""
    bad_values = {x for x in set(col) if bad(x)}
    return {i for i, x in enumerate(col) if x in bad_values} if bad_values else set()


def _blank_at(col: Sequence[str]) -> set[int]:
    if all(map(str.strip, col)):  # the usual answer, found at C speed
        return set()
    return {i for i, x in enumerate(col) if not x.strip()}


def _suspects(cols: Mapping[str, Sequence[str]], scale: Scale) -> set[int]:
    """Rows (indexes) that cheap column-wise checks cannot vouch for.

    Reading 100,000 rows through :func:`validate_values` one by one is too slow, so a read first
    runs these checks, a strict subset of what :func:`validate_values` accepts *unchanged* (up
    to stripping the editor's name): a row not returned here is valid as it stands. Every other
    row still goes through :func:`validate_values`, which keeps the last word and the messages.
    """
    keys = {*scale.keys, RETRACTED}
    vid, verdict, rating, sup = (cols[c] for c in ("verdict_id", "verdict", "rating", "supersedes"))
    bad = _blank_at(vid) | _blank_at(cols["editor"]) | _blank_at(cols["claim"])
    times = cols["recorded_at"]
    try:  # the usual answer at C speed: every time parses and carries an offset
        all_ok = None not in map(operator.attrgetter("tzinfo"), map(datetime.fromisoformat, times))
    except (ValueError, TypeError):
        all_ok = False
    if not all_ok:
        bad.update(i for i, x in enumerate(times) if not _is_utc_time(x))
    evidence = cols["evidence"]
    joined = "\n".join(evidence) + "\n"
    if ":;" in joined or ":\n" in joined:  # maybe an item with an empty passage id
        bad.update(i for i, x in enumerate(evidence) if ":;" in x or x.endswith(":"))
    bad |= _where(cols["claim_id"], lambda x: not x or x != x.strip())
    bad |= _where(verdict, lambda x: x not in keys)
    bad |= _where(rating, lambda x: x and not _NUMBER_RE.fullmatch(x))
    bad |= _where(sup, lambda x: x != x.strip())
    bad |= _where(cols["schema_version"], lambda x: x and x != SCHEMA_VERSION)
    if any(sup):
        bad.update(i for i, x in enumerate(sup) if x and x == vid[i])
    retractions = _where(verdict, lambda x: x == RETRACTED)
    bad.update(i for i in retractions if not sup[i] or rating[i])
    return bad


def _utc_now() -> str:
    """Now, as ``recorded_at`` writes it (UTC, microseconds, ``Z``)."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


# --- the log -------------------------------------------------------------------------------


@dataclass(frozen=True)
class LogProblem:
    """A row that was not loaded: where it starts (physical line, 1-based), why, its raw text."""

    line: int
    error: str
    raw: str = ""

    def __str__(self) -> str:
        return f"line {self.line}: {self.error}"


@dataclass(frozen=True, eq=False)
class LogContents:
    """All valid rows (a DataFrame, file order) and the rows that could not be loaded."""

    rows: pd.DataFrame
    problems: tuple[LogProblem, ...]


class VerdictLog:
    """The verdict log of a desk: ``VerdictLog("verdicts.csv")``.

    ``scale`` is a :class:`~factcheck.verdicts.scale.Scale`, a path to a newsroom scale file, or
    ``None``
    for ``$FACTCHECK_SCALE`` or the default scale. ``path`` may also be any
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
            # Imported here: the store is built on this module's row format (it imports COLUMNS
            # from here), so this module cannot import it while loading.
            from factcheck.verdicts.store import CsvFileStore

            self.store: LogStore = CsvFileStore(path, lock_timeout=lock_timeout)
            self.path: Path | None = Path(path)
        else:
            self.store, self.path = path, None
        self.problems: tuple[LogProblem, ...] = ()

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
            rating=_fmt_number(label.rating) if label else "",
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
            "recorded_at": _utc_now(),
            "claim_id": claim_id or "",
            "schema_version": SCHEMA_VERSION,
            "package_version": PACKAGE_VERSION,
        }
        for name, text in values.items():
            if _has_surrogate(text):
                raise ValueError(f"{name}: contains characters that cannot be stored as UTF-8")
        return VerdictRow.from_values(values, self.scale)

    def _find(self, rows: pd.DataFrame, verdict_id: str, field: str = "supersedes") -> pd.Series:
        hit = rows[rows["verdict_id"] == verdict_id]
        if hit.empty:
            raise ValueError(f"{field}: no verdict {verdict_id!r} in {self}")
        return hit.iloc[0]

    # -- reading

    def read_all(self) -> LogContents:
        """Every valid row plus the problems (bad or torn rows, with line numbers)."""
        scan = self.store.rows()
        n = len(scan.lines)
        cols = {c: list(scan.cells.get(c) or [""] * n) for c in COLUMNS}
        extras = {c: list(scan.cells[c]) for c in scan.columns if c not in COLUMNS}
        problems = list(scan.problems)
        dropped: set[int] = set()
        for i in sorted(_suspects(cols, self.scale)):
            try:
                v = validate_values({c: cols[c][i] for c in COLUMNS}, self.scale)
            except ValueError as exc:
                problems.append(LogProblem(scan.lines[i], str(exc), scan.raw(scan.lines[i])))
                dropped.add(i)
                continue
            for c in COLUMNS:
                cols[c][i] = _fmt_number(v[c]) if c == "rating" else v[c]
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
        self.problems = tuple(problems)
        return LogContents(pd.DataFrame(data), self.problems)

    def read(self) -> pd.DataFrame:
        """All valid rows in file order (original values restored; ``line`` is where each row
        starts in the file). Rows that could not be loaded are in :attr:`problems`."""
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
