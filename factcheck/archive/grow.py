"""Growing what spans every segment of an index -- syndication clusters and claims -- by the
segment just written, at a cost that follows what was added.

A build is the first growth (from nothing), an add the next ones: both run :func:`grow_index`,
and the result is what :func:`~factcheck.engine.provenance.cluster_passages` and
:func:`~factcheck.engine.claims.claims_from_units` give over the whole corpus (the tests
check it):

* clusters: the added passages enter the passage :class:`~factcheck.archive.copies.CopyIndex`,
  which finds their copies through posting lists and merges text components; only the
  clusters of touched components are re-formed and re-ordered (original first); the others
  keep their member lists, and clusters are renumbered by first member row;
* claims: claim units are grouped by three keys -- same unit cluster (the unit copy index),
  same claim id, same passage cluster for a unit that is its whole passage. Groups only ever
  merge as documents are added, so each unit's group label (its group's first unit row) is
  kept in a union-find; only the claims of merged or new groups are recomputed
  (:func:`~factcheck.engine.claims.claim_of_units`), and the ranking is the old one with those
  replaced (every claim keeps its sort key).

The mutable state is in the generation's ``state/`` folder (rewritten by each add, numpy
arrays); what never changes is in the segments (:mod:`~factcheck.archive.copies`).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from factcheck.archive.copies import CLAIM_KEYS, CLAIM_UNITS, CopyIndex, UnionFind, Words
from factcheck.archive.corpus import (
    CLUSTER_MEMBERS,
    CLUSTER_OFFSETS,
    PASSAGE_CLUSTER,
    ArchiveCorpus,
)
from factcheck.archive.tables import (
    CLAIMS,
    UNITS,
    DocumentTable,
    claims_table,
    read_table,
    read_units,
    write_table,
)
from factcheck.engine.claims import ClaimUnit, claim_of_units
from factcheck.engine.provenance import parse_iso_date
from factcheck.records import Claim
from factcheck.text.ids import claim_id_for

__all__ = ["STATE", "grow_index"]

STATE = "state"
"""The generation's folder of mutable growth state."""
UNIT_GROUP = "unit_group.npy"
"""Per claim unit (global row): its claim group's label, the group's smallest unit row."""
UNIT_PASSAGE = "unit_passage.npy"
UNIT_WHOLE = "unit_whole.npy"
"""Per claim unit: its passage row; whether it is the whole passage (uid == passage id)."""
CLAIM_GROUP = "claim_group.npy"
CLAIM_RANK = "claim_rank.npy"
"""Per claim (row of ``claims.parquet``): its group label; its representative unit's
(document row, passage index, k), its place among claims of one score."""


def grow_index(
    gen: Path, old: Path | None, corpus: ArchiveCorpus, seconds: dict[str, float]
) -> int:
    """Bring the clusters and claims of ``gen`` up to date with its last segment, from the state
    of generation ``old`` (None: a build, every segment is new). Records the seconds of the
    ``clusters`` and ``claims`` stages; returns the number of claims."""
    segments = corpus.segments
    old_segments = segments[:-1] if old is not None else []
    if old is None and len(segments) > 1:
        raise ValueError("a build writes one segment")
    state_old = old / STATE if old is not None else None
    state = gen / STATE
    state.mkdir()
    new_seg = segments[-1]
    dates = _DocInfo(corpus.documents)  # type: ignore[arg-type]
    words = Words(old_segments)

    t0 = time.perf_counter()
    passages = CopyIndex("passage", old_segments, words, state_old)
    first_row = len(passages.item_node)
    rows = np.arange(first_row, len(corpus.passages), dtype=np.int64)
    doc_rows = corpus.passages.doc_rows(rows).tolist()
    passages.add(
        [(d, corpus.passages[r].text) for d, r in zip(doc_rows, rows.tolist(), strict=True)]
    )
    cluster_of, changed = _grow_clusters(gen, old, passages, first_row, corpus, dates)
    passages.save_segment(new_seg)
    passages.save_state(state)
    seconds["clusters"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    n = _grow_claims(gen, old, old_segments, corpus, words, cluster_of, changed, first_row, dates)
    words.save_new(new_seg)
    seconds["claims"] = time.perf_counter() - t0
    return n


class _DocInfo:
    """Dates (parsed), outlets and ranks of the documents a growth step looks at, read once."""

    def __init__(self, docs: DocumentTable):
        self.docs = docs
        self.parsed: dict[int, datetime | None] = {}
        self.source: dict[int, str] = {}

    def load(self, rows: Sequence[int]) -> None:
        need = sorted({r for r in rows if r not in self.parsed})
        if need:
            for r, d, s in zip(
                need,
                self.docs.column_at("date", need),
                self.docs.column_at("source", need),
                strict=True,
            ):
                self.parsed[r] = parse_iso_date(d)
                self.source[r] = s


def _grow_clusters(
    gen: Path,
    old: Path | None,
    copies: CopyIndex,
    first_row: int,
    corpus: ArchiveCorpus,
    docs: _DocInfo,
) -> tuple[np.ndarray, np.ndarray]:
    """Re-form the clusters of touched components, keep the others, write the cluster arrays.
    Returns each passage row's cluster number and the numbers of re-formed clusters."""
    table = corpus.passages
    n = len(table)
    comp, joined, hit = _per_item(copies)
    hit[first_row:] = True
    rows = np.nonzero(hit)[0]
    keys = np.where(joined[rows], comp[rows], -(rows + 1))
    doc_rows = table.doc_rows(rows).tolist()
    index = table.indexes_at(rows).tolist()
    docs.load(doc_rows)
    groups: dict[int, list[tuple[int, int, int]]] = {}
    for key, row, d, i in zip(keys.tolist(), rows.tolist(), doc_rows, index, strict=True):
        groups.setdefault(key, []).append((d, i, row))
    formed: list[list[int]] = []
    for members in groups.values():
        by_date = all(docs.parsed[d] is not None for d, _, _ in members)
        if by_date:
            members.sort(key=lambda m: (docs.parsed[m[0]], m))
        else:
            members.sort()
        formed.append([row for _, _, row in members])

    key_of = np.empty(n, dtype=np.int64)
    pos = np.empty(n, dtype=np.int64)
    n_old = 0
    if old is not None:
        old_of = np.load(old / PASSAGE_CLUSTER)
        old_offsets = np.load(old / CLUSTER_OFFSETS)
        old_members = np.load(old / CLUSTER_MEMBERS)
        n_old = len(old_offsets) - 1
        key_of[:first_row] = old_of
        pos[old_members] = np.arange(len(old_members)) - np.repeat(
            old_offsets[:-1], np.diff(old_offsets)
        )
    for g, members in enumerate(formed):
        key_of[members] = n_old + g
        pos[members] = np.arange(len(members))
    first = np.full(n_old + len(formed), n, dtype=np.int64)
    np.minimum.at(first, key_of, np.arange(n, dtype=np.int64))
    live = np.nonzero(first < n)[0]
    ordered = live[np.argsort(first[live], kind="stable")]
    number = np.full(len(first), -1, dtype=np.int64)
    number[ordered] = np.arange(len(ordered))
    cluster_of = number[key_of].astype(np.int32)
    members = np.lexsort((pos, cluster_of)).astype(np.int64)
    counts = np.bincount(cluster_of, minlength=len(ordered))
    offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    np.save(gen / PASSAGE_CLUSTER, cluster_of)
    np.save(gen / CLUSTER_OFFSETS, offsets)
    np.save(gen / CLUSTER_MEMBERS, members)
    return cluster_of, number[n_old:]


def _per_item(copies: CopyIndex) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per item: its component label (-1 without a node), whether it belongs to its
    component's cluster, whether its component was touched by the last add."""
    node = copies.item_node
    has = node >= 0
    comp = np.full(len(node), -1, dtype=np.int64)
    comp[has] = copies.node_comp[node[has]]
    joined = np.zeros(len(node), dtype=bool)
    joined[has] = copies.joined()[node[has]]
    touched = np.fromiter(copies.touched, dtype=np.int64, count=len(copies.touched))
    hit = has & np.isin(comp, touched)
    return comp, joined, hit


def _claim_key(text: str) -> int:
    return int(claim_id_for(text)[2:], 16)


def _grow_claims(
    gen: Path,
    old: Path | None,
    old_segments: Sequence[Path],
    corpus: ArchiveCorpus,
    words: Words,
    cluster_of: np.ndarray,
    changed: np.ndarray,
    first_row: int,
    docs: _DocInfo,
) -> int:
    """Merge the added claim units into claim groups, recompute the claims of changed groups,
    write the claims table in ranked order. Returns the number of claims."""
    table = corpus.passages
    new_seg = corpus.segments[-1]
    units = CopyIndex("unit", old_segments, words, old / STATE if old is not None else None)
    if old is not None:
        group = np.load(old / STATE / UNIT_GROUP)
        unit_passage = np.load(old / STATE / UNIT_PASSAGE)
        unit_whole = np.load(old / STATE / UNIT_WHOLE)
    else:
        group = unit_passage = np.zeros(0, dtype=np.int64)
        unit_whole = np.zeros(0, dtype=bool)
    first_unit = len(group)
    raw = read_table(new_seg / UNITS, ("uid", "text", "passage"))
    prow = raw.column("passage").to_numpy().astype(np.int64) + first_row
    texts = raw.column("text").to_pylist()
    whole = np.asarray(
        pc.equal(raw.column("uid"), pa.array(table.passage_ids_at(prow), pa.string())),
        dtype=bool,
    )
    new_rows = np.arange(first_unit, first_unit + len(texts), dtype=np.int64)
    units.add(list(zip(table.doc_rows(prow).tolist(), texts, strict=True)))
    group = np.concatenate([group, new_rows])
    unit_passage = np.concatenate([unit_passage, prow])
    unit_whole = np.concatenate([unit_whole, whole])

    uf = UnionFind()
    for u in new_rows.tolist():
        uf.find(u)
    # 1. Same unit cluster: the units of touched unit components that are clustered.
    comp, joined, hit = _per_item(units)
    sel = joined & hit
    _union_by(uf, comp[sel], group[sel])
    # 2. Same claim id, with an earlier unit or an added one.
    keys = np.asarray([_claim_key(t) for t in texts], dtype=np.int64)
    for seg in old_segments:
        seg_keys = np.load(seg / CLAIM_KEYS, mmap_mode="r")
        seg_units = np.load(seg / CLAIM_UNITS, mmap_mode="r")
        at = np.searchsorted(seg_keys, keys)
        ok = at < len(seg_keys)
        ok[ok] = seg_keys[at[ok]] == keys[ok]
        for u, j in zip(new_rows[ok].tolist(), at[ok].tolist(), strict=True):
            uf.union(u, int(group[seg_units[j]]))
    _union_by(uf, keys, new_rows)
    # 3. Same passage cluster, for units that are their whole passage, in re-formed clusters.
    reformed = np.zeros(int(cluster_of.max()) + 1 if len(cluster_of) else 0, dtype=bool)
    reformed[changed] = True
    sel = unit_whole & reformed[cluster_of[unit_passage]] if len(unit_whole) else unit_whole
    _union_by(uf, cluster_of[unit_passage[sel]], group[sel])

    group = uf.relabel(group)
    affected = uf.roots()
    claims = _claims_of(corpus, group, affected, unit_passage, docs)

    order_keys, labels = [c[0] for c in claims], [c[2] for c in claims]
    fresh = claims_table([c[1] for c in claims])
    scores = np.asarray([-k[0] for k in order_keys], dtype=np.float64)
    ranks = np.asarray([k[2:] for k in order_keys], dtype=np.int64).reshape(-1, 3)
    labels_arr = np.asarray(labels, dtype=np.int64)
    if old is not None:
        old_claims = read_table(old / CLAIMS)
        old_labels = uf.relabel(np.load(old / STATE / CLAIM_GROUP))
        keep = ~np.isin(old_labels, np.fromiter(affected, dtype=np.int64))
        kept = old_claims.filter(pa.array(keep))
        fresh = pa.concat_tables([kept, fresh])
        scores = np.concatenate([kept.column("score").to_numpy(), scores])
        ranks = np.concatenate([np.load(old / STATE / CLAIM_RANK)[keep], ranks])
        labels_arr = np.concatenate([old_labels[keep], labels_arr])
    order = np.lexsort((ranks[:, 2], ranks[:, 1], ranks[:, 0], -scores))
    write_table(gen / CLAIMS, fresh.take(pa.array(order)))
    state = gen / STATE
    units.save_segment(new_seg)
    units.save_state(state)
    for name, arr in (
        (UNIT_GROUP, group),
        (UNIT_PASSAGE, unit_passage),
        (UNIT_WHOLE, unit_whole),
        (CLAIM_GROUP, labels_arr[order]),
        (CLAIM_RANK, ranks[order]),
    ):
        np.save(state / name, arr)
    key_order = np.lexsort((new_rows, keys))
    np.save(new_seg / CLAIM_KEYS, keys[key_order])
    np.save(new_seg / CLAIM_UNITS, new_rows[key_order])
    return len(order)


def _union_by(uf: UnionFind, keys: np.ndarray, labels: np.ndarray) -> None:
    """Union the labels that share a key."""
    if not len(keys):
        return
    pairs = np.unique(np.stack([keys, labels], axis=1), axis=0)
    first: dict[int, int] = {}
    for k, label in pairs.tolist():
        j = first.setdefault(k, label)
        if j != label:
            uf.union(j, label)


def _claims_of(
    corpus: ArchiveCorpus,
    group: np.ndarray,
    affected: set[int],
    unit_passage: np.ndarray,
    docs: _DocInfo,
) -> list[tuple[tuple, Claim, int]]:
    """The claims of the ``affected`` groups: (sort key, claim, group label) each."""
    wanted = np.fromiter(sorted(affected), dtype=np.int64, count=len(affected))
    rows = np.nonzero(np.isin(group, wanted))[0]
    if not len(rows):
        return []
    units = _read_units(corpus, rows, unit_passage)
    doc_rows = corpus.passages.doc_rows(unit_passage[rows]).tolist()
    docs.load(doc_rows)
    ids: list[str] = corpus.documents.ids  # type: ignore[attr-defined]
    order = {ids[d]: d for d in doc_rows}
    parsed = {ids[d]: docs.parsed[d] for d in doc_rows}
    sources = {ids[d]: docs.source[d] for d in doc_rows}
    members: dict[int, list[ClaimUnit]] = {}
    for label, unit in zip(group[rows].tolist(), units, strict=True):
        members.setdefault(label, []).append(unit)
    out = []
    for label, us in members.items():
        key, claim = claim_of_units(us, order=order, parsed=parsed, sources=sources)
        out.append((key, claim, label))
    return out


def _read_units(
    corpus: ArchiveCorpus, rows: np.ndarray, unit_passage: np.ndarray
) -> list[ClaimUnit]:
    """The claim units of global unit ``rows`` (sorted), read from their segments' tables."""
    out: list[ClaimUnit] = []
    base = 0
    for seg in corpus.segments:
        count = pq.ParquetFile(seg / UNITS).metadata.num_rows
        lo, hi = np.searchsorted(rows, [base, base + count])
        if hi > lo:
            local = rows[lo:hi] - base
            t = read_table(seg / UNITS).take(pa.array(local))
            t = t.set_column(2, "passage", pa.array(unit_passage[rows[lo:hi]], pa.int64()))
            out.extend(read_units(t, corpus.passages))
        base += count
    return out
