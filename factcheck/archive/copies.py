"""The copy index: what ``index add`` needs to find the copies of added text without comparing
it with the whole archive.

Syndication clusters and claim merging (:func:`factcheck.engine.provenance.cluster_passages`)
are the connected components of a graph over the *distinct texts* of a corpus (folded word
sequences of at least ``MIN_WORDS`` words): two texts are linked when they are near duplicates
(:func:`~factcheck.engine.provenance.overlap_is_near` on their word-bigram sets) unless both are
found in one and the same document only. Adding documents only adds texts and links (a text
seen in one document that turns up in another loses its "one document" mark, which can only
allow more links), so the components can be grown with a union-find instead of recomputed.

For each kind of text (``passage`` and ``unit``: claim units) every segment stores, for the
texts *first seen* in it (its *nodes*; node ids count on from the segments before):

* ``{kind}_seq_offsets.npy``/``{kind}_seq_ids.npy``: each node's word ids (CSR), in the one
  vocabulary of ``words.json`` (the words first seen in the segment, ids counting on);
* ``{kind}_text_keys.npy``/``{kind}_text_nodes.npy``: a hash of each word sequence, sorted,
  to find an exact copy (confirmed on the sequence);
* ``{kind}_shingle_keys.npy``/``{kind}_shingle_nodes.npy``: every packed bigram of every node,
  sorted (an inverted index);
* ``{kind}_prefix_keys.npy``/``{kind}_prefix_nodes.npy``: the same for each node's *prefix*
  (:func:`~factcheck.engine.provenance.prefix_length` of its rarest bigrams when it was added);
* ``claim_keys.npy``/``claim_units.npy``: its claim units by claim id (:mod:`.grow`).

An added text A finds every near duplicate B without false negatives: when ``|A| <= |B|``, B
holds one of A's prefix bigrams (A probes the full index); when ``|B| <= |A|``, A holds one of
B's stored prefix bigrams (A probes the prefix index). Candidates are verified exactly. The
generation stores the mutable part: each item's node, each node's only document (``-1``: several)
and component label (the smallest node id of its component).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from factcheck.engine.provenance import MIN_WORDS, overlap_is_near, packed_shingles, prefix_length
from factcheck.text.arabic import fold, words

__all__ = [
    "CLAIM_KEYS",
    "CLAIM_UNITS",
    "COPY_KINDS",
    "WORDS",
    "CopyIndex",
    "UnionFind",
    "Words",
    "copy_segment_files",
]

COPY_KINDS = ("passage", "unit")
WORDS = "words.json"
CLAIM_KEYS = "claim_keys.npy"
"""Per segment: the claim id (48 bits of hex, as an int) of each of its claim units, sorted."""
CLAIM_UNITS = "claim_units.npy"
"""... and the unit (global row) each key belongs to: units with one claim id are one claim."""
_SEGMENT_ARRAYS = (
    "seq_offsets",
    "seq_ids",
    "text_keys",
    "text_nodes",
    "shingle_keys",
    "shingle_nodes",
    "prefix_keys",
    "prefix_nodes",
)
_STATE_ARRAYS = ("item_node", "node_doc", "node_comp")


def copy_segment_files() -> list[str]:
    """The copy-index files every segment has."""
    names = [WORDS, CLAIM_KEYS, CLAIM_UNITS]
    return names + [f"{k}_{a}.npy" for k in COPY_KINDS for a in _SEGMENT_ARRAYS]


def _seq_key(seq: Sequence[int]) -> int:
    """A 64-bit hash of a word-id sequence (a lookup key; matches are confirmed on the ids)."""
    raw = np.asarray(seq, dtype=np.int32).tobytes()
    return int.from_bytes(hashlib.blake2b(raw, digest_size=8).digest(), "little", signed=True)


def _sorted_pairs(keys: list[int], nodes: list[int]) -> tuple[np.ndarray, np.ndarray]:
    k = np.asarray(keys, dtype=np.int64)
    n = np.asarray(nodes, dtype=np.int64)
    order = np.lexsort((n, k))
    return k[order], n[order]


def _postings(keys: np.ndarray, nodes: np.ndarray, probe: np.ndarray) -> np.ndarray:
    """The nodes listed under any of the ``probe`` keys of a sorted inverted index."""
    if not len(keys) or not len(probe):
        return nodes[:0]
    lo = np.searchsorted(keys, probe, "left")
    hi = np.searchsorted(keys, probe, "right")
    hit = hi > lo
    if not hit.any():
        return nodes[:0]
    return np.concatenate([nodes[a:b] for a, b in zip(lo[hit], hi[hit], strict=True)])


class Words:
    """The archive's one vocabulary of folded words (ids in order of first appearance)."""

    def __init__(self, segments: Sequence[Path]):
        self.ids: dict[str, int] = {}
        for seg in segments:
            for w in json.loads((seg / WORDS).read_text(encoding="utf-8")):
                self.ids[w] = len(self.ids)
        self.first_new = len(self.ids)

    def sequence(self, ws: Iterable[str]) -> tuple[int, ...]:
        ids = self.ids
        return tuple([ids.setdefault(w, len(ids)) for w in ws])

    def save_new(self, seg: Path) -> None:
        """Write the words first seen since this vocabulary was read into segment ``seg``."""
        new = list(self.ids)[self.first_new :]
        (seg / WORDS).write_text(json.dumps(new, ensure_ascii=False), encoding="utf-8")


@dataclass(frozen=True)
class _Segment:
    """One segment's copy index of one kind (memory-mapped)."""

    base: int
    arrays: dict[str, np.ndarray]

    def __len__(self) -> int:
        return len(self.arrays["seq_offsets"]) - 1

    def sequence(self, node: int) -> np.ndarray:
        off = self.arrays["seq_offsets"]
        i = node - self.base
        return self.arrays["seq_ids"][off[i] : off[i + 1]]


class UnionFind:
    """Union-find over ints; a set's root is its smallest element (labels stay canonical)."""

    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        parent = self.parent
        root = parent.setdefault(x, x)
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    def union(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if rb < ra:
            ra, rb = rb, ra
        self.parent[rb] = ra
        return True

    def relabel(self, labels: np.ndarray) -> np.ndarray:
        """``labels`` with every element replaced by its root (vectorised)."""
        if not self.parent or not len(labels):
            return labels
        top = max(int(labels.max()), max(self.parent)) + 1
        remap = np.arange(top, dtype=np.int64)
        xs = np.fromiter(self.parent, dtype=np.int64, count=len(self.parent))
        remap[xs] = [self.find(int(x)) for x in xs]
        return remap[labels]

    def roots(self) -> set[int]:
        return {self.find(x) for x in list(self.parent)}


class CopyIndex:
    """The copy index of one kind of text over an archive's segments, grown by :meth:`add`.

    After :meth:`add`: ``item_node`` (each item's node, ``-1`` under ``MIN_WORDS`` words),
    ``node_doc`` and ``node_comp`` cover every item and node, and ``touched`` holds the
    component labels whose membership may have changed (those with new items, new nodes,
    merged components or a node that gained a document)."""

    def __init__(self, kind: str, segments: Sequence[Path], words: Words, state: Path | None):
        self.kind = kind
        self.words = words
        self.segments: list[_Segment] = []
        base = 0
        for seg in segments:
            arrays = {a: np.load(seg / f"{kind}_{a}.npy", mmap_mode="r") for a in _SEGMENT_ARRAYS}
            self.segments.append(_Segment(base, arrays))
            base += len(self.segments[-1])
        self.n_nodes = base
        if state is None:
            self.item_node = np.zeros(0, dtype=np.int64)
            self.node_doc = np.zeros(0, dtype=np.int64)
            self.node_comp = np.zeros(0, dtype=np.int64)
        else:
            loaded = {a: np.load(state / f"{kind}_{a}.npy") for a in _STATE_ARRAYS}
            self.item_node = loaded["item_node"].astype(np.int64)
            self.node_doc = loaded["node_doc"].astype(np.int64)
            self.node_comp = loaded["node_comp"].astype(np.int64)
        if len(self.node_doc) != self.n_nodes:
            raise ValueError(f"{kind} copy index: {len(self.node_doc)} nodes, {base} in segments")
        self.touched: set[int] = set()
        self._new_seqs: list[tuple[int, ...]] = []
        self._new_sets: list[frozenset[int]] = []
        self._new_prefixes: tuple[list[int], list[int]] = ([], [])

    # -- finding old nodes -------------------------------------------------------------------

    def _old_exact(self, seq: tuple[int, ...]) -> int:
        key = np.asarray([_seq_key(seq)], dtype=np.int64)
        for s in self.segments:
            for node in _postings(s.arrays["text_keys"], s.arrays["text_nodes"], key).tolist():
                if tuple(s.sequence(node).tolist()) == seq:
                    return node
        return -1

    def _segment_of(self, node: int) -> _Segment:
        for s in reversed(self.segments):
            if node >= s.base:
                return s
        raise IndexError(node)

    def _old_set(self, node: int, cache: dict[int, frozenset[int]]) -> frozenset[int]:
        found = cache.get(node)
        if found is None:
            found = packed_shingles(self._segment_of(node).sequence(node).tolist())
            cache[node] = found
        return found

    def _old_counts(self, shingles: np.ndarray) -> np.ndarray:
        counts = np.zeros(len(shingles), dtype=np.int64)
        for s in self.segments:
            keys = s.arrays["shingle_keys"]
            if len(keys):
                counts += np.searchsorted(keys, shingles, "right")
                counts -= np.searchsorted(keys, shingles, "left")
        return counts

    def _old_candidates(self, prefix: np.ndarray, every: np.ndarray) -> set[int]:
        found: set[int] = set()
        for s in self.segments:
            a = s.arrays
            found.update(_postings(a["shingle_keys"], a["shingle_nodes"], prefix).tolist())
            found.update(_postings(a["prefix_keys"], a["prefix_nodes"], every).tolist())
        return found

    # -- adding ------------------------------------------------------------------------------

    def add(self, items: Sequence[tuple[int, str]]) -> None:
        """Add items (document row, text), in corpus order, after every item already indexed:
        find or create their nodes, link new near duplicates, update the components."""
        n_old = self.n_nodes
        seqs: list[tuple[int, ...]] = []
        docs: list[int] = []
        local: dict[tuple[int, ...], int] = {}
        nodes = np.full(len(items), -1, dtype=np.int64)
        node_doc = self.node_doc.copy()
        gained: set[int] = set()
        for r, (doc, text) in enumerate(items):
            ws = words(fold(text))
            if len(ws) < MIN_WORDS:
                continue
            seq = self.words.sequence(ws)
            node = local.get(seq)
            if node is None:
                node = self._old_exact(seq) if self.segments else -1
                if node < 0:
                    node = n_old + len(seqs)
                    seqs.append(seq)
                    docs.append(doc)
                else:
                    gained.add(node)
                local[seq] = node
            if node >= n_old:
                if docs[node - n_old] != doc:
                    docs[node - n_old] = -1
            elif node_doc[node] != doc:
                node_doc[node] = -1
            nodes[r] = node
        changed = sorted(n for n in gained if self.node_doc[n] != -1)
        self.node_doc = np.concatenate([node_doc, np.asarray(docs, dtype=np.int64)])
        self.item_node = np.concatenate([self.item_node, nodes])
        self.node_comp = np.concatenate(
            [self.node_comp, np.arange(n_old, n_old + len(seqs), dtype=np.int64)]
        )
        uf = UnionFind()
        for n in gained:
            uf.find(int(self.node_comp[n]))
        for k in range(len(seqs)):
            uf.find(n_old + k)
        self._link(seqs, changed, uf)
        self.node_comp = uf.relabel(self.node_comp)
        self.n_nodes = n_old + len(seqs)
        self.touched = uf.roots()

    def _link(self, seqs: list[tuple[int, ...]], changed: list[int], uf: UnionFind) -> None:
        """Merge the components of every near-duplicate pair that involves a new node or an
        old node that has just been found in a second document (prefix-filtered, exact)."""
        n_old = len(self.node_doc) - len(seqs)
        sets = [packed_shingles(q) for q in seqs]
        new_freq: Counter[int] = Counter()
        index: dict[int, list[int]] = defaultdict(list)
        for i, s in enumerate(sets):
            new_freq.update(s)
            for sh in s:
                index[sh].append(i)
        uniq = np.fromiter(new_freq, dtype=np.int64, count=len(new_freq))
        old_freq = self._old_counts(uniq) if self.segments else np.zeros(len(uniq), np.int64)
        freq = {int(k): int(c) + new_freq[int(k)] for k, c in zip(uniq, old_freq, strict=True)}
        sizes = [len(s) for s in sets]
        doc = self.node_doc
        comp = self.node_comp
        cache: dict[int, frozenset[int]] = {}
        prefix_keys: list[int] = []
        prefix_nodes: list[int] = []

        def verify(a: int, s: frozenset[int], b: int, t: frozenset[int]) -> None:
            da, db = int(doc[a]), int(doc[b])
            if da != -1 and da == db:
                return
            ca, cb = int(comp[a]), int(comp[b])
            if uf.find(ca) == uf.find(cb):
                return
            if overlap_is_near(len(s & t), len(s), len(t)):
                uf.union(ca, cb)

        for i, s in enumerate(sets):
            n = sizes[i]
            prefix = sorted(s, key=lambda x: (freq[x], x))[: prefix_length(n)]
            prefix_keys.extend(prefix)
            prefix_nodes.extend([n_old + i] * len(prefix))
            cands: set[int] = set()
            for sh in prefix:
                for j in index[sh]:
                    if sizes[j] > n or (sizes[j] == n and j > i):
                        cands.add(j)
            for j in sorted(cands):
                verify(n_old + i, s, n_old + j, sets[j])
            if self.segments:
                every = np.fromiter(s, dtype=np.int64, count=n)
                for o in sorted(self._old_candidates(np.asarray(prefix, np.int64), every)):
                    verify(n_old + i, s, o, self._old_set(o, cache))
        for c in changed:
            s = self._old_set(c, cache)
            every = np.fromiter(s, dtype=np.int64, count=len(s))
            counts = self._old_counts(every)
            prefix = every[np.lexsort((every, counts))][: prefix_length(len(s))]
            for o in sorted(self._old_candidates(prefix, every)):
                if o != c:
                    verify(c, s, o, self._old_set(o, cache))
        self._new_seqs = seqs
        self._new_sets = sets
        self._new_prefixes = (prefix_keys, prefix_nodes)

    # -- saving --------------------------------------------------------------------------------

    def save_segment(self, seg: Path) -> None:
        """Write the copy index of the nodes made by the last :meth:`add` into segment ``seg``."""
        base = self.n_nodes - len(self._new_seqs)
        lengths = np.asarray([len(q) for q in self._new_seqs], dtype=np.int64)
        offsets = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
        ids = np.asarray([x for q in self._new_seqs for x in q], dtype=np.int32)
        nodes = list(range(base, self.n_nodes))
        text_keys = [_seq_key(q) for q in self._new_seqs]
        sh_keys = [x for s in self._new_sets for x in s]
        sh_nodes = [base + k for k, s in enumerate(self._new_sets) for _ in s]
        arrays = {"seq_offsets": offsets, "seq_ids": ids}
        for name, keys, owners in (
            ("text", text_keys, nodes),
            ("shingle", sh_keys, sh_nodes),
            ("prefix", *self._new_prefixes),
        ):
            arrays[f"{name}_keys"], arrays[f"{name}_nodes"] = _sorted_pairs(keys, owners)
        for name, arr in arrays.items():
            np.save(seg / f"{self.kind}_{name}.npy", arr)

    def save_state(self, state: Path) -> None:
        """Write the mutable part (every item's node, nodes' documents and components)."""
        state.mkdir(exist_ok=True)
        for a in _STATE_ARRAYS:
            np.save(state / f"{self.kind}_{a}.npy", getattr(self, a))

    def joined(self) -> np.ndarray:
        """Per node: whether its items belong to its component's cluster (in several documents,
        or linked to another text); a text in one document only, linked to none, is not."""
        sizes = np.bincount(self.node_comp, minlength=self.n_nodes)
        return (self.node_doc == -1) | (sizes[self.node_comp] > 1)
