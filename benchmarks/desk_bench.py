"""Desk benchmark: time from selecting a claim to its evidence state being ready (not a test).

    python benchmarks/desk_bench.py                      # sample corpus + 10,000 synthetic articles
    python benchmarks/desk_bench.py --articles 2000 --claims 20

For each corpus (the five sample articles; ``--articles`` synthetic ones from
``benchmarks/synthetic.py``) it reports, as JSON:

* ``open_s``: opening a desk session once the corpus is loaded: ``engine_s`` (index),
  ``claims_s`` (claim extraction) and ``warm_s`` (checking the top claim, which builds the
  engine's syndication clusters so that the editor's first click is as quick as any);
* ``select_ms_p50`` / ``select_ms_p95``: :meth:`DeskSession.select_claim` on a claim not opened
  before (retrieval + stance + provenance) followed by the stance grouping and outlet list the
  desk renders -- the "evidence state ready" the issue budgets (300 ms sample, 1 s at 10,000);
* ``reselect_ms_p50``: the same for a claim opened before (cached);
* ``desk_ms_p50`` / ``desk_ms_p95``: the same selection through the ``Desk`` widget
  (``desk.selected_claim_id = ...``): session call plus building every card widget and its
  escaped HTML, without a front end (the browser's drawing is not included);
* ``reference_ms`` and ``*_ratio``: a fixed pure-Python workload timed in the same process, and
  the medians divided by it, so figures from different (shared, noisy) machines compare.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from factcheck.desk.session import DeskSession
from factcheck.engine.claims import extract_claims
from factcheck.engine.evidence import EvidenceEngine
from factcheck.ingest.corpus import load_corpus, sample_corpus_path
from factcheck.records import Corpus

sys.path.insert(0, str(Path(__file__).resolve().parent))  # benchmarks/synthetic.py


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, max(0, round(q * (len(values) - 1))))]


def reference_ms(repeats: int = 7) -> float:
    """Median time of a fixed workload (sorting and hashing strings), the unit for ratios."""
    rng = random.Random(0)
    words = ["".join(rng.choice("abcdefghij") for _ in range(8)) for _ in range(50_000)]
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        sorted(words)
        {w: hash(w) for w in words}
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def synthetic_corpus(n_articles: int, seed: int) -> Corpus:
    import synthetic  # benchmarks/synthetic.py (see sys.path above)

    with tempfile.TemporaryDirectory() as tmp:
        synthetic.write_corpus(Path(tmp) / "corpus", n_articles, seed=seed)
        return load_corpus(Path(tmp) / "corpus")


def measure(name: str, corpus: Corpus, n_claims: int, with_desk: bool) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        engine = EvidenceEngine(corpus)
        engine_s = time.perf_counter() - t
        t = time.perf_counter()
        all_claims = extract_claims(corpus)
        claims_s = time.perf_counter() - t
        # Opening the session checks the top claim, which builds the engine's lazy parts
        # (syndication clusters) before any editor clicks.
        t = time.perf_counter()
        session = DeskSession(corpus, Path(tmp) / "v.csv", engine=engine, claims=all_claims)
        warm_s = time.perf_counter() - t
        claims = list(session.claims[1 : n_claims + 1])  # the top claim is already cached

        select: list[float] = []
        for c in claims:
            t = time.perf_counter()
            session.select_claim(c.claim_id)
            session.grouped()
            session.outlets()
            select.append((time.perf_counter() - t) * 1000)
        reselect: list[float] = []
        for c in claims:
            t = time.perf_counter()
            session.select_claim(c.claim_id)
            session.grouped()
            reselect.append((time.perf_counter() - t) * 1000)

        desk_times: list[float] = []
        if with_desk:
            from factcheck.widgets import Desk

            fresh = DeskSession(
                corpus, Path(tmp) / "w.csv", engine=session.engine, claims=session.claims
            )
            desk = Desk(fresh)
            for c in claims:
                t = time.perf_counter()
                desk.selected_claim_id = c.claim_id
                desk_times.append((time.perf_counter() - t) * 1000)
                assert desk.session.claim_id == c.claim_id and desk.evidence.cards

    out = {
        "corpus": name,
        "documents": len(corpus.documents),
        "passages": len(corpus.passages),
        "claims": len(session.claims),
        "claims_timed": len(claims),
        "engine_s": round(engine_s, 3),
        "claims_s": round(claims_s, 3),
        "warm_s": round(warm_s, 3),
        "open_s": round(engine_s + claims_s + warm_s, 3),
        "select_ms_p50": round(statistics.median(select), 1),
        "select_ms_p95": round(pct(select, 0.95), 1),
        "reselect_ms_p50": round(statistics.median(reselect), 2),
    }
    if desk_times:
        out["desk_ms_p50"] = round(statistics.median(desk_times), 1)
        out["desk_ms_p95"] = round(pct(desk_times, 0.95), 1)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--articles", type=int, default=10_000, help="synthetic corpus size (0: sample only)"
    )
    ap.add_argument("--claims", type=int, default=30, help="claims selected per corpus")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--no-desk", action="store_true", help="skip the widget timings")
    args = ap.parse_args(argv)

    ref = reference_ms()
    runs = [measure("sample", load_corpus(sample_corpus_path()), args.claims, not args.no_desk)]
    if args.articles:
        t = time.perf_counter()
        corpus = synthetic_corpus(args.articles, args.seed)
        load_s = time.perf_counter() - t
        runs.append(measure(f"synthetic-{args.articles}", corpus, args.claims, not args.no_desk))
        runs[-1]["load_s"] = round(load_s, 1)
    for r in runs:
        for key in ("select_ms_p50", "desk_ms_p50"):
            if key in r:
                r[key.replace("_ms_p50", "_ratio")] = round(r[key] / ref, 2)
    print(json.dumps({"reference_ms": round(ref, 2), "runs": runs}, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
