"""Verdict rows: the row format of the verdict log, and the one place rows are checked.

Every store (:mod:`factcheck.verdicts.store`) keeps rows in this format and the log
(:mod:`factcheck.verdicts.log`) gives them meaning; both are built on this module, which imports
neither of them.

Row format (``schema_version`` 2)
---------------------------------
* Columns, in :data:`COLUMNS` order: ``verdict_id`` (uuid4 hex: the row's id, whatever its
  kind), ``recorded_at`` (UTC, ISO 8601, ``2026-05-09T07:35:25.123456Z``), ``editor`` (who made
  the row), ``claim_id`` (default :func:`factcheck.text.ids.claim_id_for` of the claim),
  ``claim``, ``verdict`` (a scale key, or ``retracted``), ``rating`` (the label's ClaimReview
  value at the time; empty for a label off the numeric scale and for retractions),
  ``evidence``, ``note``, ``supersedes`` (the ``verdict_id`` this row revises or retracts),
  ``schema_version``, ``package_version``, then the columns format 2 added: ``kind``,
  ``target``, ``decision``, ``assignee``, ``blind``.
* ``kind`` says what the row records (:data:`KINDS`): ``verdict`` (empty in format-1 rows, which
  are all verdicts or retractions), ``review`` (a second editor approves or disputes the verdict
  ``target``: ``decision`` is ``approve`` or ``dispute``; no verdict, rating or evidence), or
  ``assign`` (the claim is given to ``assignee``; an empty assignee takes it back). ``blind`` is
  ``1`` on a verdict recorded without seeing the claim's current one: a second opinion, counted
  in agreement, never the claim's published verdict.
* ``evidence`` is ``doc_id:passage_id`` items joined by ``;`` (see :func:`format_evidence`):
  the document id is everything before the first ``:``, and ``%``, ``;`` and ``:`` inside ids
  are written ``%25``, ``%3B``, ``%3A``. An unknown document id is empty (``:passage_id``).
* :func:`validate_values` is the one place rows are checked, for new rows and for rows read back
  from any store; :func:`suspect_rows` is its column-wise fast path for whole logs.
"""

from __future__ import annotations

import math
import operator
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from typing import TYPE_CHECKING, Any, NamedTuple

from factcheck.text.ids import claim_id_for
from factcheck.verdicts.scale import RETRACTED, Scale

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "COLUMNS",
    "DECISIONS",
    "FORMAT_1_COLUMNS",
    "KINDS",
    "PACKAGE_VERSION",
    "READ_SCHEMAS",
    "REQUIRED_COLUMNS",
    "SCHEMA_VERSION",
    "EvidenceRef",
    "LogContents",
    "LogProblem",
    "VerdictRow",
    "format_evidence",
    "format_rating",
    "has_surrogate",
    "parse_evidence",
    "suspect_rows",
    "utc_now",
    "validate_values",
]

SCHEMA_VERSION = "2"
"""Version of the row format written in every row (``schema_version``)."""

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
    "kind",
    "target",
    "decision",
    "assignee",
    "blind",
)
"""Every column of a row, in the order new logs are written."""

FORMAT_1_COLUMNS: tuple[str, ...] = COLUMNS[:12]
"""The columns of row format 1 (logs written before reviews and assignments)."""
READ_SCHEMAS: tuple[str, ...] = ("", "1", SCHEMA_VERSION)
"""Row formats this desk reads (``""``: a row typed by hand)."""

KINDS: tuple[str, ...] = ("verdict", "review", "assign")
"""What a row records (``kind``; empty means ``verdict``)."""
DECISIONS: tuple[str, ...] = ("approve", "dispute")
"""A review's ``decision``."""

REQUIRED_COLUMNS: tuple[str, ...] = ("verdict_id", "recorded_at", "editor", "claim", "verdict")
"""Columns a log must have to be read at all (the others read as empty when absent)."""

_PCT_RE = re.compile(r"%(25|3[AaBb])")
_PCT = {"25": "%", "3A": ":", "3a": ":", "3B": ";", "3b": ";"}
_NUMBER_RE = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


def _package_version() -> str:
    try:
        return metadata.version("factcheck-desk")
    except metadata.PackageNotFoundError:
        return "0+unknown"


PACKAGE_VERSION = _package_version()
"""The installed factcheck-desk version, written in every new row (``package_version``)."""


# --- cells ---------------------------------------------------------------------------------


class EvidenceRef(NamedTuple):
    """A reference to one piece of evidence as a log row stores it: a passage id and the id of
    the document it comes from (``""`` if unknown). Not the judged passage itself, which is a
    :class:`factcheck.records.Evidence`."""

    doc_id: str
    passage_id: str


def _evidence_item(item: Any) -> EvidenceRef:
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
    return EvidenceRef(doc, pid)


def format_evidence(items: Iterable[Any]) -> str:
    """The ``evidence`` cell: ``doc_id:passage_id`` items joined by ``;``.

    Items are ``(doc_id, passage_id)`` pairs, ``"doc_id:passage_id"`` strings (a string without
    ``:`` is a passage of unknown document) or objects with ``doc_id`` and ``passage_id``.
    Hand-written rather than :func:`urllib.parse.quote` because only the three separator
    characters may be encoded: Arabic ids must stay readable in a spreadsheet.
    """
    out = []
    for item in items:
        ev = _evidence_item(item)
        doc = ev.doc_id.replace("%", "%25").replace(";", "%3B").replace(":", "%3A")
        out.append(doc + ":" + ev.passage_id.replace("%", "%25").replace(";", "%3B"))
    return ";".join(out)


def parse_evidence(cell: str) -> tuple[EvidenceRef, ...]:
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
        out.append(EvidenceRef(unq(_unpct, doc), unq(_unpct, pid)))
    return tuple(out)


def _unpct(m: re.Match[str]) -> str:
    return _PCT[m.group(1)]


def format_rating(x: int | float | None) -> str:
    """The ``rating`` cell: ``""`` for no rating, ``"3"`` for a whole number, else its repr."""
    if x is None:
        return ""
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def has_surrogate(cell: str) -> bool:
    """True when ``cell`` cannot be stored as UTF-8: lone surrogates, from bytes that were not
    UTF-8 when a file was read. New rows are refused; stores report such rows read back."""
    try:
        cell.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def utc_now() -> str:
    """Now, as ``recorded_at`` writes it (UTC, microseconds, ``Z``)."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


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
    evidence: tuple[EvidenceRef, ...]
    note: str
    supersedes: str
    schema_version: str
    package_version: str
    kind: str = "verdict"
    target: str = ""
    decision: str = ""
    assignee: str = ""
    blind: bool = False

    def to_values(self) -> dict[str, str]:
        """The row as column -> cell text (before formula neutralising, which is the CSV's job)."""
        return {
            "verdict_id": self.verdict_id,
            "recorded_at": self.recorded_at,
            "editor": self.editor,
            "claim_id": self.claim_id,
            "claim": self.claim,
            "verdict": self.verdict,
            "rating": format_rating(self.rating),
            "evidence": format_evidence(self.evidence),
            "note": self.note,
            "supersedes": self.supersedes,
            "schema_version": self.schema_version,
            "package_version": self.package_version,
            # A verdict row leaves ``kind`` empty, as format-1 rows do: a format-1 CSV log then
            # takes it without a migration (see factcheck.verdicts.csvstore).
            "kind": "" if self.kind == "verdict" else self.kind,
            "target": self.target,
            "decision": self.decision,
            "assignee": self.assignee,
            "blind": "1" if self.blind else "",
        }

    @classmethod
    def from_values(cls, values: Mapping[str, str], scale: Scale) -> VerdictRow:
        """The row of column -> text ``values``, checked and normalised by
        :func:`validate_values` (``ValueError`` naming the field when it is not a valid row)."""
        v = validate_values(values, scale)
        return cls(
            **{
                **v,
                "evidence": parse_evidence(v["evidence"]),
                "kind": v["kind"] or "verdict",
                "blind": v["blind"] == "1",
            }
        )


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
    kind = (get("kind") or "").strip()
    target = (get("target") or "").strip()
    decision = (get("decision") or "").strip()
    assignee = (get("assignee") or "").strip()
    blind = (get("blind") or "").strip()
    if kind not in ("", *KINDS):
        raise ValueError(f"kind: {kind!r} is not one of {', '.join(KINDS)}")
    if blind not in ("", "1"):
        raise ValueError(f"blind: expected '1' or nothing, got {blind!r}")
    if kind in ("review", "assign"):
        for name, value in (
            ("verdict", verdict),
            ("rating", rating_text),
            ("supersedes", supersedes),
        ):
            if value.strip():
                raise ValueError(f"{name}: {kind} rows have none, got {value!r}")
        if get("evidence"):
            raise ValueError(f"evidence: {kind} rows have none")
        if blind:
            raise ValueError(f"blind: only a verdict can be blind, not {kind} rows")
        if kind == "review":
            if not target:
                raise ValueError("target: a review must name the verdict it reviews")
            if decision not in DECISIONS:
                raise ValueError(f"decision: {decision!r} is not one of {', '.join(DECISIONS)}")
            if assignee:
                raise ValueError("assignee: a review assigns nobody")
        elif target or decision:
            raise ValueError("target: an assignment reviews nothing")
    else:
        if target or decision:
            raise ValueError("target: only a review names a target and a decision")
        if assignee:
            raise ValueError("assignee: only an assignment names an assignee")
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
    if schema not in READ_SCHEMAS:
        raise ValueError(
            f"schema_version: row written with schema {schema!r}; "
            f"this desk reads {', '.join(repr(x) for x in READ_SCHEMAS if x)}"
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
        "kind": kind,
        "target": target,
        "decision": decision,
        "assignee": assignee,
        "blind": blind,
    }


# --- the column-wise fast path -------------------------------------------------------------


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


def suspect_rows(cols: Mapping[str, Sequence[str]], scale: Scale) -> set[int]:
    """Rows (indexes into the columns ``cols``, one per name in :data:`COLUMNS`) that cheap
    column-wise checks cannot vouch for.

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
    bad |= _where(cols["schema_version"], lambda x: x not in READ_SCHEMAS)
    # Reviews, assignments and blind verdicts are few: they take the full check.
    for extra in ("kind", "target", "decision", "assignee", "blind"):
        bad |= _where(cols[extra], bool)
    if any(sup):
        bad.update(i for i, x in enumerate(sup) if x and x == vid[i])
    retractions = _where(verdict, lambda x: x == RETRACTED)
    bad.update(i for i in retractions if not sup[i] or rating[i])
    return bad


# --- what a read returns -------------------------------------------------------------------


@dataclass(frozen=True)
class LogProblem:
    """A row that was not loaded: where it starts (1-based; a file's physical line, a database's
    row id), why, and its raw text."""

    line: int
    error: str
    raw: str = ""

    def __str__(self) -> str:
        return f"line {self.line}: {self.error}"


@dataclass(frozen=True, eq=False)
class LogContents:
    """One read of a log: all valid rows (a DataFrame in store order, with a ``line`` column
    saying where each row starts) and the rows that could not be loaded, by line."""

    rows: pd.DataFrame
    problems: tuple[LogProblem, ...]
