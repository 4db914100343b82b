"""The evidence engine: for a claim, the passages of every outlet that support or contradict it.

Composable parts (bm25s-style): a :class:`~factcheck.records.Corpus`, an
:class:`~factcheck.engine.analysis.Analyzer`, a
:class:`~factcheck.engine.retrieval.PassageIndex`, an
:class:`~factcheck.engine.semantic.Embedder`, the stance judge
(:class:`~factcheck.engine.stance.StanceJudge`), speakers (:mod:`factcheck.engine.speakers`) and
syndication (:mod:`factcheck.engine.provenance`), assembled by :class:`EvidenceEngine`;
:func:`check` is the one-call front::

    from factcheck import check, load_corpus
    result = check("بدأ انسحاب القوات الأمريكية من العراق", load_corpus("articles/"))
    for ev in result.contradicts:
        print(ev.source, ev.stance, ev.reasons)

**Retrieval is hybrid.** BM25 over the analysed terms finds passages that share the claim's
words and figures; when every passage has its embedding (a small corpus, or an archive index
that stored them), the embedding model finds passages that say the same in other words or in
another language; the two rankings are fused by reciprocal rank (:func:`fuse`). A claim typed in
English or French asks BM25 for its figures and for the Arabic names of the places it names
(«العراق» for Iraq). The top :data:`JUDGED` candidates get a stance, and the result is ordered
by :func:`relevance`.

Everything the engine learns about its corpus (passage analyses, embeddings, speakers,
syndication clusters) is cached on the engine itself, so it is dropped with the engine.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np

from factcheck.engine.analysis import Analyzer, default_analyzer, format_number
from factcheck.engine.model import StanceModels
from factcheck.engine.prebuilt import PassageClusters, Prepared
from factcheck.engine.provenance import cluster_passages
from factcheck.engine.retrieval import BM25Index, PassageIndex
from factcheck.engine.semantic import (
    EAGER_PASSAGES,
    Embedder,
    PassageVectors,
    default_embedder,
    semantic_status,
)
from factcheck.engine.speakers import speakers_for_document
from factcheck.engine.stance import StanceJudge
from factcheck.engine.views import ClaimView, PassageView, view_claim, view_passage
from factcheck.ingest.corpus import load_corpus
from factcheck.records import Corpus, Evidence, EvidenceResult, Passage
from factcheck.text.gazetteer import default_gazetteer
from factcheck.text.ids import claim_id_for

__all__ = [
    "CANDIDATES",
    "CROSSLINGUAL_BM25",
    "JUDGED",
    "RRF_K",
    "TEXT_CACHE",
    "VIEW_CACHE",
    "EvidenceEngine",
    "check",
    "fuse",
    "relevance",
]

JUDGED = 20
"""How many retrieved candidates get a stance judgement per claim (the latency budget)."""
CANDIDATES = 50
"""How many candidates each retriever (BM25, embeddings) contributes to the fusion."""
CROSSLINGUAL_BM25 = 0.3
"""Weight of the BM25 ranking against the embedding ranking for a claim in another language."""
RRF_K = 60
"""Reciprocal-rank-fusion constant (Cormack et al. 2009): a rank r scores 1 / (RRF_K + r)."""
VIEW_CACHE = 8192
"""Passage analyses an engine keeps (an editor works on a few hundred passages of a story)."""
TEXT_CACHE = 50_000
"""Sentence embeddings an engine keeps (~75 MB); emptied when full."""
_DEFAULT = "default"


def fuse(
    *rankings: Sequence[tuple[int, float]],
    weights: Sequence[float] | None = None,
    k: int = RRF_K,
) -> list[tuple[int, float]]:
    """(position, score) best first, by (weighted) reciprocal-rank fusion of best-first
    rankings; scores are scaled so that the best is 1."""
    scores: dict[int, float] = {}
    for ranking, weight in zip(rankings, weights or [1.0] * len(rankings), strict=True):
        for rank, (pos, _) in enumerate(ranking):
            scores[pos] = scores.get(pos, 0.0) + weight / (k + rank + 1)
    order = sorted(scores, key=lambda p: (-scores[p], p))
    top = scores[order[0]] if order else 1.0
    return [(p, scores[p] / top) for p in order]


def relevance(retrieval: float, coverage: float, similarity: float | None, figures: bool) -> float:
    """How much an editor needs this passage first: mostly how much of the claim it states
    (coverage, or, across languages, closeness in meaning), then how well it was retrieved
    (0..1, the best hit 1); a passage that states the claim's own figure or date (agreeing or
    not) gets a bonus.

    e5 cosines of related news sentences lie between about 0.75 and 0.95, hence the rescaling.
    """
    meaning = 0.0 if similarity is None else min(1.0, max(0.0, (similarity - 0.75) / 0.2))
    stated = max(coverage, meaning) if similarity is not None else coverage
    return round(min(1.0, 0.25 * retrieval + 0.75 * stated + (0.1 if figures else 0.0)), 4)


class EvidenceEngine:
    """An index over one corpus plus the stance judge; build once, check many claims.

    ``embedder`` is the semantic layer (default: :func:`default_embedder`, ``None`` to run
    lexically); ``models`` the stance model file (default: the packaged one; ``"rules"`` for
    the hand-set rules); ``vectors`` passage embeddings an archive index stored.
    """

    def __init__(
        self,
        corpus: Corpus,
        *,
        analyzer: Analyzer | None = None,
        index_factory: Callable[[Sequence[Sequence[str]]], PassageIndex] = BM25Index,
        embedder: Embedder | str | None = _DEFAULT,
        models: StanceModels | str | None = None,
        vectors: np.ndarray | None = None,
        eager_embed: int = EAGER_PASSAGES,
    ):
        self.corpus = corpus
        self.analyzer = analyzer or default_analyzer()
        self.passages: Sequence[Passage] = corpus.passages
        pre = corpus.prebuilt() if isinstance(corpus, Prepared) else None
        self.prebuilt = pre
        if (
            pre is not None
            and pre.index is not None
            and index_factory is BM25Index
            and pre.analyzer == self.analyzer.fingerprint
        ):
            self.index: PassageIndex = pre.index
        else:
            terms = self.analyzer.terms
            self.index = index_factory([terms(p.text) for p in self.passages])
        self.judge = StanceJudge(self.analyzer, models)
        self.embedder: Embedder | None = (
            default_embedder() if embedder == _DEFAULT else embedder  # type: ignore[assignment]
        )
        self.vectors: PassageVectors | None = None
        if self.embedder is not None:
            if vectors is None and pre is not None and pre.embedder == self.embedder.name:
                vectors = pre.vectors
            texts = _Texts(self.passages)
            self.vectors = PassageVectors(texts, self.embedder, vectors, eager_embed)
        self._speakers: dict[str, str] = {}
        self._text_vectors: dict[str, np.ndarray] = {}
        # Bound per engine: the cache holds this engine's analyzer and goes with the engine.
        self.passage_view: Callable[[str], PassageView] = lru_cache(maxsize=VIEW_CACHE)(
            lambda text: view_passage(text, self.analyzer)
        )

    def embed_texts(self, texts: Sequence[str]) -> np.ndarray:
        """Embeddings of ``texts`` (sentences the judge compares claims with), cached on the
        engine by text: a story's sentences come back claim after claim."""
        assert self.embedder is not None
        cache = self._text_vectors
        todo = [t for t in dict.fromkeys(texts) if t not in cache]
        if todo:
            self._remember(zip(todo, self.embedder.embed(todo), strict=True))
        return np.vstack([cache[t] for t in texts]) if texts else np.zeros((0, self.embedder.dim))

    def _remember(self, pairs: Iterable[tuple[str, np.ndarray]]) -> None:
        pairs = list(pairs)
        if len(self._text_vectors) + len(pairs) > TEXT_CACHE:
            self._text_vectors.clear()
        self._text_vectors.update(pairs)

    @property
    def status(self) -> str:
        """What the engine runs on, for the desk's status line (semantic layer, stance model)."""
        semantic = self.embedder is not None
        parts = [f"stance: {self.judge.mode(semantic)}"]
        if not semantic:
            parts.append(f"semantic matching off ({semantic_status() or 'not requested'})")
        elif self.vectors is not None and not self.vectors.complete:
            parts.append("semantic reranking on; dense retrieval needs an archive index")
        if self.judge.status:
            parts.append(self.judge.status)
        return "; ".join(parts)

    @cached_property
    def clusters(self) -> PassageClusters:
        """Syndication clusters over all passages (same or nearly the same text): the
        corpus's prebuilt ones, or computed on first use."""
        if self.prebuilt is not None and self.prebuilt.clusters is not None:
            return self.prebuilt.clusters
        return cluster_passages(self.passages, self.corpus)

    def speaker(self, passage: Passage) -> str:
        """The passage's quoted speaker ("" when unattributed), resolved per document on first
        use («وأضاف أن ...» inherits from the passage before it) and cached."""
        found = self._speakers.get(passage.passage_id)
        if found is None:
            doc = self.corpus.document(passage.doc_id)
            for p, s in zip(doc.passages, speakers_for_document(doc.passages), strict=True):
                self._speakers[p.passage_id] = s
            found = self._speakers.get(passage.passage_id, "")
        return found

    def _query(self, view: ClaimView) -> list[str]:
        """BM25 query terms: the claim's content terms and figures, and, for a claim in another
        language, the Arabic names of the places it names."""
        query = list(view.content)
        for q in view.quantities:
            if q.value is not None and q.kind in ("number", "percent"):
                query.append(format_number(q.value, percent=q.kind == "percent"))
        if view.crosslingual:
            gazetteer = default_gazetteer()
            for mention in dict.fromkeys(m.place.id for m in view.passage.places.values()):
                for name in gazetteer.names_of(mention, "ar"):
                    query.extend(self.analyzer.terms(name))
        return query

    def check(self, claim: str, top_k: int = 10) -> EvidenceResult:
        """Ranked evidence for one claim (at most ``top_k`` passages)."""
        claim = claim.strip()
        if not claim:
            raise ValueError("claim is empty")
        view = view_claim(claim, self.analyzer)
        want = max(top_k, JUDGED)
        lexical = self.index.search(self._query(view), max(want, CANDIDATES))
        claim_vec = None
        dense: list[tuple[int, float]] = []
        if self.embedder is not None and self.vectors is not None:
            claim_vec = self.embedder.embed([claim])[0]
            dense = self.vectors.search(claim_vec, CANDIDATES)
        if not dense:
            best = lexical[0][1] if lexical else 1.0
            ranked = [(p, s / (best or 1.0)) for p, s in lexical[:want]]
        else:
            # Across languages BM25 sees only figures and place names: it reorders, it does
            # not lead.
            weights = (CROSSLINGUAL_BM25, 1.0) if view.crosslingual else (1.0, 1.0)
            ranked = fuse(lexical, dense, weights=weights)[:want]
        if not ranked:
            return EvidenceResult(claim, claim_id_for(claim), view.quantities, ())
        retrieval = dict(ranked)
        positions = [p for p, _ in ranked]
        passages = [self.passages[p] for p in positions]
        sims: list[float | None] = [None] * len(positions)
        if claim_vec is not None and self.vectors is not None:
            rows = self.vectors.rows(positions)
            sims = [float(s) for s in rows @ claim_vec]
            # The sentence the judge reads is most often the whole passage: its vector is known.
            self._remember((p.text, v) for p, v in zip(passages, rows, strict=True))
        judged = self.judge.judge_many(
            view,
            [self.passage_view(p.text) for p in passages],
            [self.speaker(p) for p in passages],
            claim_vec,
            self.embed_texts if claim_vec is not None else None,
        )
        clusters = self.clusters
        scored: list[Evidence] = []
        for pos, p, j, sim in zip(positions, passages, judged, sims, strict=True):
            doc = self.corpus.document(p.doc_id)
            scored.append(
                Evidence(
                    passage=p,
                    source=doc.source,
                    date=doc.date,
                    score=relevance(retrieval[pos], j.coverage, sim, j.figures_compared),
                    stance=j.stance,
                    confidence=j.confidence,
                    reasons=j.reasons,
                    speaker=self.speaker(p),
                    cluster_id=clusters.cluster_of(p.passage_id),
                    copies=clusters.copies_of(p.passage_id),
                    independent=clusters.is_independent(p.passage_id),
                    matched=j.matched,
                    quantity_spans=j.quantity_spans,
                )
            )
        scored.sort(key=lambda e: -e.score)
        return EvidenceResult(claim, claim_id_for(claim), view.quantities, tuple(scored[:top_k]))

    def check_many(self, claims: Iterable[str], top_k: int = 10) -> list[EvidenceResult]:
        """Evidence for several claims over the one index."""
        return [self.check(c, top_k) for c in claims]


class _Texts(Sequence[str]):
    """The passages' texts, read on demand (an archive's passages are not all in memory)."""

    def __init__(self, passages: Sequence[Passage]):
        self._passages = passages

    def __len__(self) -> int:
        return len(self._passages)

    def __getitem__(self, i):  # type: ignore[no-untyped-def]
        if isinstance(i, slice):
            return [p.text for p in self._passages[i]]
        return self._passages[i].text


def check(claim: str, corpus: Corpus | str | Path, top_k: int = 10) -> EvidenceResult:
    """One call: the ranked evidence for ``claim`` in ``corpus`` (a Corpus or a path to load).

    It builds an engine for this one call and keeps nothing; to check several claims against
    one corpus, build an :class:`EvidenceEngine` once and call its :meth:`~EvidenceEngine.check`.
    """
    if not isinstance(corpus, Corpus):
        corpus = load_corpus(corpus)
    return EvidenceEngine(corpus).check(claim, top_k)
