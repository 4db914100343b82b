"""The evidence engine: for a claim, the passages of every outlet that support or contradict it.

Composable parts (bm25s-style): a :class:`~factcheck.ingest.corpus.Corpus`, an
:class:`~factcheck.engine.analysis.Analyzer`, a
:class:`~factcheck.engine.retrieval.PassageIndex`, the stance judge
(:mod:`factcheck.engine.stance`), speakers (:mod:`factcheck.engine.speakers`) and syndication
(:mod:`factcheck.engine.provenance`), assembled
by :class:`EvidenceEngine`; :func:`check` is the one-call front::

    from factcheck import check, load_corpus
    result = check("بدأ انسحاب القوات الأمريكية من العراق", load_corpus("articles/"))
    for ev in result.contradicts:
        print(ev.source, ev.stance, ev.reasons)

Retrieval fetches candidates by BM25; stance is judged for the top :data:`JUDGED` of them
(the latency budget), and the result is ordered by relevance: half BM25 (normalised to the
best hit), half claim coverage from the stance alignment.
"""

from __future__ import annotations

import math
import weakref
from collections.abc import Callable, Iterable, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck.engine.analysis import Analyzer, default_analyzer, format_number
from factcheck.engine.retrieval import BM25Index, PassageIndex
from factcheck.engine.stance import judge, view_claim
from factcheck.ingest.corpus import load_corpus
from factcheck.records import Corpus, Evidence, EvidenceResult, Passage
from factcheck.text.ids import claim_id_for

if TYPE_CHECKING:
    from factcheck.engine.provenance import Clusters

__all__ = ["JUDGED", "EvidenceEngine", "check", "engine_for"]

JUDGED = 20
"""How many retrieved candidates get a stance judgement per claim."""


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
        n = len(self.passages)
        # The largest idf a known term can have: found in exactly one passage.
        self._idf_max = math.log(1 + (n - 0.5) / 1.5) if n else 1.0

    @cached_property
    def clusters(self) -> Clusters:
        """Syndication clusters over all passages (same or nearly the same text)."""
        from factcheck.engine.provenance import cluster_passages

        return cluster_passages(self.passages, self.corpus)

    def speaker(self, passage: Passage) -> str:
        """The passage's quoted speaker ("" when unattributed), resolved per document on first
        use («وأضاف أن ...» inherits from the passage before it) and cached."""
        found = self._speakers.get(passage.passage_id)
        if found is None:
            from factcheck.engine.speakers import speakers_for_document

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
            j = judge(view, p.text, self.analyzer, speaker)
            doc = self.corpus.document(p.doc_id)
            cid = clusters.cluster_of(p.passage_id)
            scored.append(
                Evidence(
                    passage=p,
                    source=doc.source,
                    date=doc.date,
                    score=round(_relevance(bm25 / best, j.coverage, j.figures_compared), 4),
                    stance=j.stance,
                    confidence=j.confidence,
                    reasons=j.reasons,
                    speaker=speaker,
                    cluster_id=cid,
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


def _relevance(bm25: float, coverage: float, figures_compared: bool) -> float:
    """Rank mostly by how much of the claim the passage states (coverage), then by BM25; a
    passage that states the claim's own figure or date (agreeing or not) is what an editor
    needs first, so it gets a bonus."""
    return min(1.0, 0.25 * bm25 + 0.75 * coverage + (0.1 if figures_compared else 0.0))


_ENGINES: dict[int, tuple[weakref.ref, EvidenceEngine]] = {}


def engine_for(corpus: Corpus) -> EvidenceEngine:
    """The cached engine of a corpus object (built on first use, dropped with the corpus)."""
    key = id(corpus)
    hit = _ENGINES.get(key)
    if hit is not None and hit[0]() is corpus:
        return hit[1]
    engine = EvidenceEngine(corpus)
    # The callback binds the dict itself: at interpreter exit the module global may be gone.
    _ENGINES[key] = (weakref.ref(corpus, lambda _r, k=key, d=_ENGINES: d.pop(k, None)), engine)
    return engine


def check(claim: str, corpus: Corpus | str | Path, top_k: int = 10) -> EvidenceResult:
    """One call: the ranked evidence for ``claim`` in ``corpus`` (a Corpus or a path to load)."""
    if not isinstance(corpus, Corpus):
        corpus = load_corpus(corpus)
    return engine_for(corpus).check(claim, top_k)
