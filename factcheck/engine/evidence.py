"""The evidence engine: for a claim, the passages of every outlet that support or contradict it.

Composable parts (bm25s-style): a :class:`~factcheck.records.Corpus`, an
:class:`~factcheck.engine.analysis.Analyzer`, a
:class:`~factcheck.engine.retrieval.PassageIndex`, the stance judge
(:mod:`factcheck.engine.stance`), speakers (:mod:`factcheck.engine.speakers`) and syndication
(:mod:`factcheck.engine.provenance`), assembled by :class:`EvidenceEngine`; :func:`check` is
the one-call front::

    from factcheck import check, load_corpus
    result = check("بدأ انسحاب القوات الأمريكية من العراق", load_corpus("articles/"))
    for ev in result.contradicts:
        print(ev.source, ev.stance, ev.reasons)

Retrieval fetches candidates by BM25; stance is judged for the top :data:`JUDGED` of them (the
latency budget), and the result is ordered by :func:`relevance`: mostly the share of the claim
the passage states, then BM25, with a bonus for a passage that states the claim's own figure.

Everything the engine learns about its corpus (passage analyses, speakers, syndication
clusters) is cached on the engine itself, so it is dropped with the engine.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from functools import cached_property, lru_cache
from pathlib import Path

from factcheck.engine.analysis import Analyzer, default_analyzer, format_number
from factcheck.engine.provenance import Clusters, cluster_passages
from factcheck.engine.retrieval import BM25Index, PassageIndex
from factcheck.engine.speakers import speakers_for_document
from factcheck.engine.stance import PassageView, judge, view_claim, view_passage
from factcheck.ingest.corpus import load_corpus
from factcheck.records import Corpus, Evidence, EvidenceResult, Passage
from factcheck.text.ids import claim_id_for

__all__ = ["JUDGED", "VIEW_CACHE", "EvidenceEngine", "check", "relevance"]

JUDGED = 20
"""How many retrieved candidates get a stance judgement per claim."""

VIEW_CACHE = 8192
"""Passage analyses an engine keeps (an editor works on a few hundred passages of a story)."""


def relevance(bm25: float, coverage: float, figures_compared: bool) -> float:
    """Rank mostly by how much of the claim the passage states (coverage), then by BM25
    (normalised to the best hit); a passage that states the claim's own figure or date
    (agreeing or not) is what an editor needs first, so it gets a bonus."""
    return min(1.0, 0.25 * bm25 + 0.75 * coverage + (0.1 if figures_compared else 0.0))


class EvidenceEngine:
    """An index over one corpus plus the stance judge; build once, check many claims."""

    def __init__(
        self,
        corpus: Corpus,
        *,
        analyzer: Analyzer | None = None,
        index_factory: Callable[[Sequence[Sequence[str]]], PassageIndex] = BM25Index,
    ):
        self.corpus = corpus
        self.analyzer = analyzer or default_analyzer()
        self.passages: tuple[Passage, ...] = corpus.passages
        terms = self.analyzer.terms
        self.index: PassageIndex = index_factory([terms(p.text) for p in self.passages])
        self._speakers: dict[str, str] = {}
        # Bound per engine: the cache holds this engine's analyzer and goes with the engine.
        self.passage_view: Callable[[str], PassageView] = lru_cache(maxsize=VIEW_CACHE)(
            lambda text: view_passage(text, self.analyzer)
        )
        n = len(self.passages)
        # The largest idf a known term can have: found in exactly one passage.
        self._idf_max = math.log(1 + (n - 0.5) / 1.5) if n else 1.0

    @cached_property
    def clusters(self) -> Clusters:
        """Syndication clusters over all passages (same or nearly the same text)."""
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

    def check(self, claim: str, top_k: int = 10) -> EvidenceResult:
        """Ranked evidence for one claim (at most ``top_k`` passages)."""
        claim = claim.strip()
        if not claim:
            raise ValueError("claim is empty")
        view = view_claim(claim, self.analyzer, self.index.idf, self._idf_max)
        query = list(view.content)
        for q in view.quantities:
            if q.value is not None and q.kind in ("number", "percent"):
                query.append(format_number(q.value, percent=q.kind == "percent"))
        hits = self.index.search(query, max(top_k, JUDGED))
        if not hits:
            return EvidenceResult(claim, claim_id_for(claim), view.quantities, ())
        best = hits[0][1] or 1.0
        clusters = self.clusters
        scored: list[Evidence] = []
        for pos, bm25 in hits:
            p = self.passages[pos]
            speaker = self.speaker(p)
            j = judge(view, self.passage_view(p.text), self.analyzer, speaker)
            doc = self.corpus.document(p.doc_id)
            scored.append(
                Evidence(
                    passage=p,
                    source=doc.source,
                    date=doc.date,
                    score=round(relevance(bm25 / best, j.coverage, j.figures_compared), 4),
                    stance=j.stance,
                    confidence=j.confidence,
                    reasons=j.reasons,
                    speaker=speaker,
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


def check(claim: str, corpus: Corpus | str | Path, top_k: int = 10) -> EvidenceResult:
    """One call: the ranked evidence for ``claim`` in ``corpus`` (a Corpus or a path to load).

    It builds an engine for this one call and keeps nothing; to check several claims against
    one corpus, build an :class:`EvidenceEngine` once and call its :meth:`~EvidenceEngine.check`.
    """
    if not isinstance(corpus, Corpus):
        corpus = load_corpus(corpus)
    return EvidenceEngine(corpus).check(claim, top_k)
