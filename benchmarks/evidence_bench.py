"""Evidence engine benchmark on a synthetic corpus (not a timed test).

    python benchmarks/evidence_bench.py --passages 100000 --json

Generates articles with ``benchmarks/synthetic.py`` until the corpus holds at least
``--passages`` passages, then reports:

* ``build_s``: building the engine (analysis of every passage + the BM25 index) and
  ``build_passages_per_s``; ``clusters_s``: the syndication clusters the first query builds;
* ``peak_rss_mb``: peak resident memory of the process;
* ``query_ms_p50`` / ``query_ms_p95``: evidence latency per claim (retrieval plus stance for
  the top 20), over claims drawn from the corpus and reworded ones, all passes; the ``_cold``
  figures are the first pass alone (no passage analysed before);
* ``stance_ms_per_passage``: the stance judge alone (alignment, features, model), per passage;
* ``bm25s_query_ms_p50``: raw bm25s retrieval (top 20) with the same query tokens, measured in
  the same run, so ``ratio_to_bm25s`` is comparable across machines.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synthetic

from factcheck.engine.analysis import format_number
from factcheck.engine.evidence import JUDGED, EvidenceEngine
from factcheck.engine.views import view_claim
from factcheck.ingest.corpus import load_corpus

CLAIMS = [
    "بدأ انسحاب القوات الأمريكية القتالية من العراق",
    "موعد انسحاب القوات الأمريكية قابل للتمديد",
    "العراق خفّض عدد القوات الأجنبية بنسبة ٦٠٪",
    "تم إجلاء 5000 شحنة من المعدات العسكرية من العراق",
    "لن تكون هناك قوات قتالية أمريكية في العراق بحلول 31/12/2021",
    "أعلن قاسم الأعرجي انتهاء المهمة القتالية لقوات التحالف الدولي",
    "عقد الحوار الاستراتيجي بين العراق والولايات المتحدة في أربع جولات",
    "ارتفعت أسعار النفط في الأسواق العالمية بنسبة 5%",
]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    k = min(len(values) - 1, max(0, round(q * (len(values) - 1))))
    return values[k]


def run(n_passages: int, repeats: int, seed: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        # ~14 passages per synthetic article; generate a little more than needed.
        n_articles = max(10, n_passages // 12)
        synthetic.write_corpus(folder, n_articles, seed=seed)
        corpus = load_corpus(folder)
        while len(corpus.passages) < n_passages:
            n_articles = int(n_articles * 1.2) + 1
            synthetic.write_corpus(folder, n_articles, seed=seed)
            corpus = load_corpus(folder)

    t0 = time.perf_counter()
    engine = EvidenceEngine(corpus)
    index_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    _ = engine.clusters
    clusters_s = time.perf_counter() - t0

    rng = random.Random(seed)
    claims = list(CLAIMS) + [p.text for p in rng.sample(corpus.passages, 12)]
    bm25 = engine.index._bm25  # the same bm25s object the engine queries
    engine.check("انسحاب القوات", top_k=JUDGED)  # first-call imports, as an open desk has done

    # Pass 1 is cold (no passage seen before); later passes re-check the same claims, as an
    # editor does, and hit the per-passage analysis cache.
    cold: list[float] = []
    warm: list[float] = []
    raw: list[float] = []
    for rep in range(repeats):
        for claim in claims:
            t = time.perf_counter()
            engine.check(claim, top_k=JUDGED)
            (cold if rep == 0 else warm).append((time.perf_counter() - t) * 1000)

            view = view_claim(claim, engine.analyzer)
            tokens = list(view.content) + [
                format_number(q.value, q.kind == "percent")
                for q in view.quantities
                if q.value is not None and q.kind in ("number", "percent")
            ]
            known = [t for t in tokens if t in engine.index._df]
            t = time.perf_counter()
            if known:
                bm25.retrieve([known], k=JUDGED, show_progress=False, n_threads=1)
            raw.append((time.perf_counter() - t) * 1000)
    # Stance alone, the embedding aside: the judge over 20 analysed candidates (lexical model,
    # so no sentence is embedded), per passage.
    views = [engine.passage_view(p.text) for p in rng.sample(corpus.passages, JUDGED)]
    speakers = [""] * len(views)
    stance: list[float] = []
    for claim in claims:
        view = view_claim(claim, engine.analyzer)
        t = time.perf_counter()
        engine.judge.judge_many(view, views, speakers)
        stance.append((time.perf_counter() - t) * 1000 / len(views))
    times = cold + warm
    p50 = statistics.median(times)
    raw50 = statistics.median(raw)
    return {
        "passages": len(corpus.passages),
        "documents": len(corpus.documents),
        "build_s": round(index_s, 3),
        "build_passages_per_s": round(len(corpus.passages) / index_s),
        "clusters_s": round(clusters_s, 3),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "query_ms_p50": round(p50, 2),
        "query_ms_p95": round(pct(times, 0.95), 2),
        "query_ms_p50_cold": round(statistics.median(cold), 2),
        "query_ms_p95_cold": round(pct(cold, 0.95), 2),
        "stance_ms_per_passage": round(statistics.median(stance), 3),
        "bm25s_query_ms_p50": round(raw50, 2),
        "semantic": engine.status,
        "ratio_to_bm25s": round(p50 / raw50, 2) if raw50 else None,
        "claims": len(claims),
        "repeats": repeats,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--passages", type=int, default=100_000)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    out = run(args.passages, args.repeats, args.seed)
    if args.json:
        print(json.dumps(out))
    else:
        for k, v in out.items():
            print(f"{k:>22}: {v}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
