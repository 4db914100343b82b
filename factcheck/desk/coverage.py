"""Coverage tables: which outlet carried which claim, and with what stance.

These are the tidy pandas frames the charts (:mod:`factcheck.desk.charts`) and the desk read. They
hold no presentation: labels, colours and bidi handling belong to the chart builders.

Three frames, each with a fixed column schema (also for empty input, so callers never have to
special-case "no results yet"):

* :func:`coverage_frame` -- one row per evidence passage (:data:`COVERAGE_COLUMNS`);
* :func:`outlet_stance_matrix` -- one row per covered (claim, outlet) cell, with the outlet's
  dominant stance and the counts behind it (:data:`MATRIX_COLUMNS`); pivot it for a grid;
* :func:`claim_outlet_counts` -- for one claim, per outlet, stance counts split into independent
  passages and syndicated copies (:data:`OUTLET_COUNT_COLUMNS`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

import pandas as pd

from factcheck.archive.corpus import ArchiveCorpus
from factcheck.records import STANCES, Claim, Corpus, EvidenceResult

__all__ = [
    "COVERAGE_COLUMNS",
    "MATRIX_COLUMNS",
    "OUTLET_COUNT_COLUMNS",
    "claim_outlet_counts",
    "corpus_outlets",
    "coverage_frame",
    "dominant_stance",
    "mark_origins",
    "outlet_stance_matrix",
    "with_claim_ids",
]

_COVERAGE_DTYPES: dict[str, str] = {
    "claim_id": "object",
    "claim": "object",
    "doc_id": "object",
    "source": "object",
    "outlet": "object",
    "passage_id": "object",
    "stance": "object",
    "confidence": "float64",
    "score": "float64",
    "cluster_id": "object",
    "independent": "bool",
    "origin": "bool",
}
COVERAGE_COLUMNS: tuple[str, ...] = tuple(_COVERAGE_DTYPES)
"""Columns of :func:`coverage_frame`, in order."""

_MATRIX_DTYPES: dict[str, str] = {
    "claim_id": "object",
    "claim": "object",
    "outlet": "object",
    "stance": "object",
    "mixed": "bool",
    "support": "int64",
    "contradict": "int64",
    "neutral": "int64",
    "support_conf": "float64",
    "contradict_conf": "float64",
    "neutral_conf": "float64",
    "passages": "int64",
    "independent": "int64",
}
MATRIX_COLUMNS: tuple[str, ...] = tuple(_MATRIX_DTYPES)
"""Columns of :func:`outlet_stance_matrix`, in order."""

_OUTLET_COUNT_DTYPES: dict[str, str] = {
    "claim_id": "object",
    "claim": "object",
    "outlet": "object",
    **{f"{s}_{kind}": "int64" for s in STANCES for kind in ("independent", "syndicated", "origin")},
    "total": "int64",
}
OUTLET_COUNT_COLUMNS: tuple[str, ...] = tuple(_OUTLET_COUNT_DTYPES)
"""Columns of :func:`claim_outlet_counts`, in order."""


def _typed(rows: list[dict[str, object]], dtypes: Mapping[str, str]) -> pd.DataFrame:
    # Text columns are kept as plain ``object`` so the frame behaves the same under pandas 2
    # and pandas 3 (whose default string dtype differs) and an empty frame has the same dtypes
    # as a full one.
    frame = pd.DataFrame(rows, columns=list(dtypes))
    return frame.astype(dict(dtypes)).reset_index(drop=True)


def coverage_frame(
    results: Iterable[EvidenceResult],
    claims: Mapping[str, Claim] | None = None,
    outlet_of: Callable[[str, str], str] | None = None,
) -> pd.DataFrame:
    """One row per evidence passage of every result (:data:`COVERAGE_COLUMNS`).

    ``claim`` is the claim text: ``claims[claim_id].text`` when a mapping is given and knows the
    claim (the canonical text found in the corpus), otherwise ``EvidenceResult.claim``.
    ``source`` is the outlet as recorded (``""`` when unknown); ``outlet`` is what to show and
    group by: ``outlet_of(source, doc_id)`` (the desk names an unknown outlet by its document's
    number, :func:`factcheck.desk.labels.outlet_label`), by default the source or the document
    id, so two unknown outlets are never merged into one. ``independent`` is False for copies
    and for the claim's own passages (``origin``): neither is independent support. Rows keep
    the results' order and, within a result, relevance order. Claims without evidence produce
    no rows.
    """
    rows: list[dict[str, object]] = []
    for result in results:
        known = claims.get(result.claim_id) if claims is not None else None
        text = known.text if known is not None else result.claim
        for ev in result.evidence:
            p = ev.passage
            rows.append(
                {
                    "claim_id": result.claim_id,
                    "claim": text,
                    "doc_id": p.doc_id,
                    "source": ev.source,
                    "outlet": (
                        outlet_of(ev.source, p.doc_id) if outlet_of else ev.source or p.doc_id
                    ),
                    "passage_id": p.passage_id,
                    "stance": ev.stance,
                    "confidence": float(ev.confidence),
                    "score": float(ev.score),
                    "cluster_id": ev.cluster_id,
                    "independent": bool(ev.independent and not ev.origin),
                    "origin": bool(ev.origin),
                }
            )
    return _typed(rows, _COVERAGE_DTYPES)


def dominant_stance(conf: Mapping[str, float], counts: Mapping[str, int]) -> str:
    """The stance an outlet takes on a claim, from its passages' stances.

    Rule: among ``support`` and ``contradict`` passages present, the stance with the highest
    *summed* confidence wins; on a tie ``contradict`` wins (a desk should look at a possible
    contradiction before trusting a support). ``neutral`` only when the outlet has neither a
    supporting nor a contradicting passage. The result is always a stance that occurs in the
    cell (``counts[stance] > 0``) when the cell has any passage.
    """
    sup, con = counts.get("support", 0), counts.get("contradict", 0)
    if sup and con:
        return "support" if conf.get("support", 0.0) > conf.get("contradict", 0.0) else "contradict"
    if con:
        return "contradict"
    if sup:
        return "support"
    return "neutral"


@dataclass
class _Cell:
    """Running totals of one (claim, outlet) cell while :func:`outlet_stance_matrix` scans."""

    claim: str
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STANCES, 0))
    confs: dict[str, float] = field(default_factory=lambda: dict.fromkeys(STANCES, 0.0))
    passages: int = 0
    independent: int = 0


def _first_seen_order(values: pd.Series) -> dict[object, int]:
    order: dict[object, int] = {}
    for v in values:
        order.setdefault(v, len(order))
    return order


def outlet_stance_matrix(df: pd.DataFrame) -> pd.DataFrame:
    """One row per covered (claim, outlet) cell of a coverage frame (:data:`MATRIX_COLUMNS`).

    ``stance`` is the outlet's dominant stance for the claim (rule in :func:`dominant_stance`);
    ``mixed`` is True when the outlet has both supporting and contradicting passages, so a
    chart can flag the cell. ``support``/``contradict``/``neutral`` count passages,
    ``*_conf`` sum their confidences, ``passages`` is the row count and ``independent`` how
    many of them are independent (not syndicated copies). Claims keep their first-seen order,
    outlets within a claim too. For a claims x outlets grid:
    ``m.pivot(index="claim_id", columns="outlet", values="stance")``.
    """
    if df.empty:
        return _typed([], _MATRIX_DTYPES)
    # One pass over plain columns: a groupby with per-group boolean masks took seconds on a
    # few thousand passages, this takes milliseconds and keeps first-seen order for free.
    cells: dict[tuple[str, str], _Cell] = {}
    columns = ("claim_id", "claim", "outlet", "stance", "confidence", "independent")
    for n, (claim_id, claim, outlet, stance, conf, indep) in enumerate(
        zip(*(df[c] for c in columns), strict=True)
    ):
        if stance not in STANCES:
            raise ValueError(f"coverage row {n} (claim {claim_id!r}): unknown stance {stance!r}")
        cell = cells.setdefault((claim_id, outlet), _Cell(claim))
        cell.counts[stance] += 1
        cell.confs[stance] += 0.0 if pd.isna(conf) else float(conf)
        cell.passages += 1
        cell.independent += bool(indep)
    claim_order = _first_seen_order(df["claim_id"])
    rows = [
        {
            "claim_id": claim_id,
            "claim": cell.claim,
            "outlet": outlet,
            "stance": dominant_stance(cell.confs, cell.counts),
            "mixed": cell.counts["support"] > 0 and cell.counts["contradict"] > 0,
            **cell.counts,
            **{f"{s}_conf": cell.confs[s] for s in STANCES},
            "passages": cell.passages,
            "independent": cell.independent,
        }
        for (claim_id, outlet), cell in cells.items()
    ]
    # Stable: within a claim, outlets keep the order they first appear in for that claim.
    rows.sort(key=lambda r: claim_order[r["claim_id"]])
    return _typed(rows, _MATRIX_DTYPES)


def claim_outlet_counts(df: pd.DataFrame, claim_id: str) -> pd.DataFrame:
    """Per outlet, the stance counts of one claim's passages (:data:`OUTLET_COUNT_COLUMNS`).

    Each stance is split into ``<stance>_independent`` (passages whose text first appeared in
    that outlet's document), ``<stance>_syndicated`` (copies of text first published
    elsewhere) and ``<stance>_origin`` (the claim's own passages), so a chart can show that ten
    outlets repeating one wire story are one source, and that the claim does not confirm itself.
    Outlets are ordered by ``total`` passages, most first, then by first appearance. An
    unknown ``claim_id`` gives an empty frame with the same columns (nothing to show yet).
    """
    rows: list[dict[str, object]] = []
    totals: list[int] = []
    if not df.empty:
        sub = df[df["claim_id"] == claim_id]
        for outlet, cell in sub.groupby("outlet", sort=False):
            row: dict[str, object] = {
                "claim_id": claim_id,
                "claim": cell["claim"].iloc[0],
                "outlet": outlet,
            }
            origin = cell["origin"]
            for s in STANCES:
                of_stance = cell["stance"] == s
                row[f"{s}_independent"] = int((of_stance & cell["independent"]).sum())
                row[f"{s}_syndicated"] = int((of_stance & ~cell["independent"] & ~origin).sum())
                row[f"{s}_origin"] = int((of_stance & origin).sum())
            row["total"] = len(cell)
            rows.append(row)
            totals.append(len(cell))
    # sorted() is stable, so equal totals keep first-appearance order.
    order = sorted(range(len(rows)), key=lambda i: -totals[i])
    return _typed([rows[i] for i in order], _OUTLET_COUNT_DTYPES)


def with_claim_ids(
    results: Sequence[EvidenceResult], claims: Sequence[Claim] | None, claim_id: str = ""
) -> list[EvidenceResult]:
    """Results keyed by the desk's claim ids (a corpus claim's id may differ from the id the
    engine derives from its text), so coverage rows line up with the claim list."""
    ids: Mapping[int, str] = (
        {i: c.claim_id for i, c in enumerate(claims)} if claims is not None else {0: claim_id}
    )
    out = []
    for i, r in enumerate(results):
        cid = ids.get(i, r.claim_id) or r.claim_id
        out.append(
            r if r.claim_id == cid else EvidenceResult(r.claim, cid, r.quantities, r.evidence)
        )
    return out


def mark_origins(result: EvidenceResult, claim: Claim) -> EvidenceResult:
    """The result with the claim's own passages (where it was found) marked ``origin``: they
    show who made the claim and are no independent support for it."""
    own = set(claim.passage_ids)
    if not own.intersection(e.passage.passage_id for e in result.evidence):
        return result
    marked = tuple(
        replace(e, origin=True) if e.passage.passage_id in own else e for e in result.evidence
    )
    return replace(result, evidence=marked)


def corpus_outlets(corpus: Corpus) -> int:
    """Distinct outlets of a corpus, each document of unknown outlet counted as its own
    (read from the source column alone when the corpus can give it, as an index can)."""
    if isinstance(corpus, ArchiveCorpus):
        sources = corpus.documents.column("source")  # type: ignore[attr-defined]
        return len({s for s in sources if s}) + sum(1 for s in sources if not s)
    return len({d.source or d.doc_id for d in corpus.documents})
