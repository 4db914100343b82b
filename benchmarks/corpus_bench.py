"""Ingestion throughput: load + clean + segment + analyse on a synthetic corpus, one core.

Two paths are timed on the same articles:

* ``files``  -- :func:`factcheck.ingest.corpus.load_corpus` on a folder of ``.txt`` files plus
  ``sources.csv`` (read, decode, clean, segment), then analyse;
* ``memory`` -- :func:`~factcheck.ingest.cleaning.clean` and
  :func:`~factcheck.ingest.segmentation.segment` on
  the generated strings (no I/O), then analyse;

where *analyse* is ``words(fold(text))`` on every passage (what indexing does). Throughput is
articles per second of CPU time (``time.process_time``; one process, one thread) and of wall
time, best of ``--repeat`` runs (on a shared machine the slower runs were slowed by others).
As CONTRIBUTING asks for shared machines, the files path is also given as a ratio to a
reference run in the same process: reading the same files' bytes. Peak memory is the
process's maximum RSS (``resource.getrusage``), which includes the generated articles.

    python benchmarks/corpus_bench.py [--articles 10000] [--seed 0] [--repeat 3] [--profile]

prints one JSON object. Target: >= 1,000 articles/s.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import make_corpus, write_corpus

from factcheck.ingest.cleaning import clean
from factcheck.ingest.corpus import load_corpus
from factcheck.ingest.segmentation import segment
from factcheck.records import Document
from factcheck.text.arabic import fold, words


def _timed(func: Callable[[], object]) -> tuple[object, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = func()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def _analyse(documents) -> int:
    n = 0
    for doc in documents:
        for p in doc.passages:
            n += len(words(fold(p.text)))
    return n


def _in_memory(articles: list[tuple[str, str]]) -> list[Document]:
    docs = []
    for doc_id, text in articles:
        cleaned = clean(text)
        docs.append(
            Document(doc_id, cleaned.text, segment(doc_id, cleaned.text), title=cleaned.title)
        )
    return docs


def _read_bytes(folder: Path) -> int:
    return sum(len(p.read_bytes()) for p in sorted(folder.iterdir()))


def _rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux (bytes on macOS).
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def _best(runs: list[tuple[object, float, float]]) -> tuple[object, float, float]:
    """The run with the least CPU time: on a shared machine the others were slowed down."""
    return min(runs, key=lambda r: r[2])


def run(n_articles: int, seed: int, repeat: int = 3, profile: bool = False) -> dict[str, object]:
    rss_start = _rss_mb()
    articles, gen_wall, _ = _timed(lambda: make_corpus(n_articles, seed))
    report: dict[str, object] = {
        "articles": n_articles,
        "seed": seed,
        "repeat": repeat,
        "generate_s": round(gen_wall, 2),
        "mean_article_chars": round(sum(len(t) for _, t in articles) / n_articles),
    }
    with tempfile.TemporaryDirectory(prefix="factcheck-bench-") as tmp:
        folder = Path(tmp)
        write_corpus(folder, n_articles, seed)
        nbytes, read_wall, _ = _best([_timed(lambda: _read_bytes(folder)) for _ in range(repeat)])
        report["corpus_mb"] = round(nbytes / 1e6, 1)
        report["reference_read_bytes_s"] = round(read_wall, 3)

        profiler = cProfile.Profile() if profile else None
        loads, analyses = [], []
        for _ in range(repeat):  # one corpus in memory at a time: peak RSS is one load's
            if profiler:
                profiler.enable()
            corpus, load_wall, load_cpu = _timed(lambda: load_corpus(folder))
            n_words, an_wall, an_cpu = _timed(lambda docs=corpus.documents: _analyse(docs))
            if profiler:
                profiler.disable()
            loads.append((None, load_wall, load_cpu))
            analyses.append((n_words, an_wall, an_cpu))
            counts = (len(corpus.documents), len(corpus.skipped), len(corpus.passages))
            del corpus
        _, load_wall, load_cpu = _best(loads)
        n_words, an_wall, an_cpu = _best(analyses)
        report["files"] = {
            "documents": counts[0],
            "skipped": counts[1],
            "passages": counts[2],
            "words": n_words,
            "load_clean_segment_s": round(load_wall, 2),
            "analyse_s": round(an_wall, 2),
            "articles_per_s_cpu": round(n_articles / (load_cpu + an_cpu)),
            "articles_per_s_wall": round(n_articles / (load_wall + an_wall)),
            "ratio_to_reading_bytes": round((load_wall + an_wall) / read_wall, 1),
        }

    builds, analyses = [], []
    for _ in range(repeat):
        docs, mem_wall, mem_cpu = _timed(lambda: _in_memory(articles))
        builds.append((None, mem_wall, mem_cpu))
        analyses.append(_timed(lambda docs=docs: _analyse(docs)))
        n_passages = sum(len(d.passages) for d in docs)
        del docs
    _, mem_wall, mem_cpu = _best(builds)
    n_words, an_wall, an_cpu = _best(analyses)
    report["memory"] = {
        "passages": n_passages,
        "clean_segment_s": round(mem_wall, 2),
        "analyse_s": round(an_wall, 2),
        "articles_per_s_cpu": round(n_articles / (mem_cpu + an_cpu)),
        "articles_per_s_wall": round(n_articles / (mem_wall + an_wall)),
    }
    report["peak_rss_mb"] = _rss_mb()
    report["rss_at_start_mb"] = rss_start
    report["target_articles_per_s"] = 1000
    report["meets_target"] = (
        min(report["files"]["articles_per_s_cpu"], report["memory"]["articles_per_s_cpu"]) >= 1000
    )
    if profiler:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(25)
        print(out.getvalue(), file=sys.stderr)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3, help="runs per path; the best is kept")
    parser.add_argument("--profile", action="store_true", help="cProfile the files path (stderr)")
    args = parser.parse_args(argv)
    print(
        json.dumps(
            run(args.articles, args.seed, args.repeat, args.profile), ensure_ascii=False, indent=2
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
