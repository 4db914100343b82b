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

import math
from collections import Counter
from collections.abc import Sequence
from itertools import chain
from typing import Protocol

import bm25s
import numpy as np

__all__ = ["BM25Index", "PassageIndex"]


class PassageIndex(Protocol):
    """What the evidence engine needs from an index of passages (by position)."""

    def __len__(self) -> int: ...

    def search(self, terms: Sequence[str], k: int) -> list[tuple[int, float]]:
        """Top ``k`` passage positions for the query terms, best first, with scores > 0."""

    def idf(self, term: str) -> float:
        """Inverse document frequency of a term (high for rare terms, 0 for unknown ones)."""


class BM25Index:
    """An in-memory BM25 index over lists of terms (one list per passage)."""

    def __init__(
        self, passages_terms: Sequence[Sequence[str]], *, k1: float = 1.2, b: float = 0.75
    ):
        self._n = len(passages_terms)
        self._bm25 = bm25s.BM25(k1=k1, b=b)
        # bm25s wants at least one token per document; an empty passage gets a dummy token.
        docs = [list(t) if t else ["\x00"] for t in passages_terms]
        if self._n:
            self._bm25.index(docs, show_progress=False)
        self._df: dict[str, int] = Counter(chain.from_iterable(map(set, docs)))

    def __len__(self) -> int:
        return self._n

    def idf(self, term: str) -> float:
        n = self._df.get(term, 0)
        if not n:
            return 0.0
        return math.log(1 + (self._n - n + 0.5) / (n + 0.5))

    def search(self, terms: Sequence[str], k: int) -> list[tuple[int, float]]:
        known = [t for t in dict.fromkeys(terms) if t in self._df]
        if not known or not self._n:
            return []
        scores = self._bm25.get_scores(known)
        k = min(k, self._n)
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(int(i), float(scores[i])) for i in top if scores[i] > 0]
