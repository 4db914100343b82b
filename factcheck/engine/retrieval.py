"""Passage retrieval: BM25 (bm25s) over analysed terms, behind a small index interface.

The :class:`PassageIndex` protocol is what the evidence engine needs from an index, so a
future archive index (millions of articles built on Dask, served from elsewhere) can replace
:class:`BM25Index` without touching stance or the desk.

Recall on reworded claims comes from the analysis, not from query tricks: both sides are
folded (spellings, digits), stemmed (word forms), mapped to synonym concepts (خفض/تخفيض/تقليص)
and numbers are canonical; the claim's parsed quantities add their number terms
(«ستين بالمئة» -> ``60%``). Figures in the README (``benchmarks/evidence_eval.py``).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from itertools import pairwise
from pathlib import Path
from typing import Protocol

import bm25s
import numpy as np
from bm25s.tokenization import Tokenized

__all__ = ["BM25Index", "PassageIndex"]


class PassageIndex(Protocol):
    """What the evidence engine needs from an index of passages (by position)."""

    def __len__(self) -> int: ...

    def search(self, terms: Sequence[str], k: int) -> list[tuple[int, float]]:
        """Top ``k`` passage positions for the query terms, best first, with scores > 0."""

    def idf(self, term: str) -> float:
        """Inverse document frequency of a term (high for rare terms, 0 for unknown ones)."""


class BM25Index:
    """A BM25 index over lists of terms (one list per passage), in memory or loaded from disk.

    ``save``/``load`` use bm25s's own format (the score matrix as ``.npy`` files, which
    :meth:`load` memory-maps) plus each term's document frequency for :meth:`idf`.
    """

    def __init__(
        self, passages_terms: Sequence[Sequence[str]], *, k1: float = 1.2, b: float = 0.75
    ):
        vocab: dict[str, int] = {}
        ids = [[vocab.setdefault(t, len(vocab)) for t in terms] for terms in passages_terms]
        self._build(ids, vocab, k1, b)

    @classmethod
    def from_token_ids(
        cls,
        offsets: np.ndarray,
        ids: np.ndarray,
        vocab: Sequence[str],
        *,
        k1: float = 1.2,
        b: float = 0.75,
    ) -> BM25Index:
        """An index over passages given as token ids in CSR form (passage ``i``'s terms are
        ``vocab[ids[offsets[i]:offsets[i + 1]]]``), as an archive stores them."""
        self = cls.__new__(cls)
        bounds = offsets.tolist()
        flat = ids.tolist()
        lists = [flat[a:z] for a, z in pairwise(bounds)]
        self._build(lists, {t: i for i, t in enumerate(vocab)}, k1, b)
        return self

    def _build(self, ids: list[list[int]], vocab: dict[str, int], k1: float, b: float) -> None:
        self._n = len(ids)
        self._bm25 = bm25s.BM25(k1=k1, b=b)
        # bm25s wants at least one token per document; an empty passage gets a dummy token.
        if any(not t for t in ids):
            dummy = vocab.setdefault(_EMPTY, len(vocab))
            ids = [t or [dummy] for t in ids]
        df = np.zeros(len(vocab), dtype=np.int64)
        for t in ids:
            df[list(set(t))] += 1
        self._df = df
        self._vocab: Mapping[str, int] = vocab
        if self._n:
            # bm25s adds its own empty token to the vocabulary it is given: give it a copy.
            self._bm25.index(Tokenized(ids=ids, vocab=dict(vocab)), show_progress=False)

    def save(self, path: str | Path) -> None:
        """Write the index into the folder ``path`` (created)."""
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        if self._n:
            self._bm25.save(str(folder), show_progress=False)
        np.save(folder / _DF_FILE, self._df)
        (folder / _META_FILE).write_text(
            json.dumps({"passages": self._n, "vocab": list(self._vocab)}, ensure_ascii=False),
            encoding="utf-8",
        )

    @classmethod
    def load(cls, path: str | Path, *, mmap: bool = True) -> BM25Index:
        """An index written by :meth:`save` (score matrix memory-mapped unless ``mmap=False``).
        A missing or damaged file raises ``OSError`` or ``ValueError`` naming it."""
        folder = Path(path)
        self = cls.__new__(cls)
        meta = json.loads((folder / _META_FILE).read_text(encoding="utf-8"))
        self._n = int(meta["passages"])
        self._vocab = {t: i for i, t in enumerate(meta["vocab"])}
        self._df = np.load(folder / _DF_FILE, mmap_mode="r" if mmap else None)
        if len(self._df) != len(self._vocab):
            raise ValueError(
                f"{folder / _DF_FILE}: {len(self._df)} terms, vocabulary has {len(self._vocab)}"
            )
        self._bm25 = bm25s.BM25()
        if self._n:
            self._bm25 = bm25s.BM25.load(str(folder), mmap=mmap, show_progress=False)
            if int(self._bm25.scores["num_docs"]) != self._n:
                raise ValueError(
                    f"{folder}: the score matrix holds "
                    f"{self._bm25.scores['num_docs']} passages, not {self._n}"
                )
        return self

    def __len__(self) -> int:
        return self._n

    def idf(self, term: str) -> float:
        i = self._vocab.get(term)
        n = int(self._df[i]) if i is not None else 0
        if not n:
            return 0.0
        return math.log(1 + (self._n - n + 0.5) / (n + 0.5))

    def search(self, terms: Sequence[str], k: int) -> list[tuple[int, float]]:
        known = [t for t in dict.fromkeys(terms) if t in self._vocab and t != _EMPTY]
        if not known or not self._n:
            return []
        scores = self._bm25.get_scores(known)
        k = min(k, self._n)
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(int(i), float(scores[i])) for i in top if scores[i] > 0]


_EMPTY = "\x00"
_DF_FILE = "df.npy"
_META_FILE = "passages.json"
