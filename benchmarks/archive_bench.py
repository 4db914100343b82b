"""Archive index benchmark (not a timed test).

    python benchmarks/archive_bench.py --articles 10000 --workers 1 2 [--json] [--no-embed]

On ``--articles`` synthetic articles (``benchmarks/synthetic.py``) it measures, each step in a
fresh child process so that times and peak memory are its own:

* **build** with each ``--workers`` count (a Dask LocalCluster; ``--no-embed``): wall time,
  articles/s, the stages (reading = ingest/analysis/claim units on the workers; BM25;
  syndication clusters; claims), peak RSS of the building process and of its largest worker;
* **cold open + first claim** from the index vs from the article files: wall time and RSS;
* **add 1 %** more articles to a copy of the index vs the full build: ``add_1pct`` holds the
  add's wall time and stages, ``vs_full_build`` the ratio of wall times and ``stage_ratios``
  the ratio per stage (clusters, claims, bm25, read) -- an add that costs what it adds has
  ratios near 0.01 plus fixed costs;
* **embedding**: passages/s of one worker embedding passages (what ``--embed`` costs);
* a same-run **reference**: reading every file's bytes, so ratios compare across machines.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def _rss_mb() -> dict[str, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"peak_rss_mb": round(own, 1), "peak_child_rss_mb": round(kids, 1)}


def child(argv: list[str]) -> dict:
    """One measured step, run in this (fresh) process."""
    step, *args = argv
    t0 = time.perf_counter()
    out: dict = {}
    if step == "build":
        from factcheck.archive import build_index, open_index

        src, dst, workers = args[0], args[1], int(args[2])
        build_index(src, dst, workers=workers, embed=False)
        m = open_index(dst).manifest
        out = {"documents": m.documents, "passages": m.passages, "claims": m.claims}
        out["stages_s"] = dict(m.seconds)
        out["index_mb"] = round(sum(m.files.values()) / 1e6, 1)
    elif step == "add":
        from factcheck.archive import add_to_index

        added, _ = add_to_index(args[0], [args[1]], workers=int(args[2]))
        from factcheck.archive import open_index

        out = {"files_added": added, "stages_s": dict(open_index(args[0]).manifest.seconds)}
    elif step in ("open-index", "open-files"):
        from factcheck.archive.front import engine_for, load_corpus

        corpus = load_corpus(args[0])
        t1 = time.perf_counter()
        engine = engine_for(corpus)
        t2 = time.perf_counter()
        result = engine.check(args[1], top_k=10)
        t3 = time.perf_counter()
        out = {
            "open_s": round(t1 - t0, 3),
            "engine_s": round(t2 - t1, 3),
            "first_claim_s": round(t3 - t2, 3),
            "evidence": len(result.evidence),
        }
    elif step == "embed":
        from factcheck.archive.parts import ingest_part

        files = sorted(str(p) for p in Path(args[0]).glob("*.txt"))[: int(args[1])]
        part = ingest_part(0, files, (), embed=True)
        n = len(part.vectors) if part.vectors is not None else 0
        out = {"passages": n, "passages_per_s": round(n / part.seconds["embed"], 1)}
    out["wall_s"] = round(time.perf_counter() - t0, 3)
    out.update(_rss_mb())
    return out


def run_child(*args: str) -> dict:
    proc = subprocess.run(
        [sys.executable, __file__, "--child", *args],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode:
        raise RuntimeError(f"child {args} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def reference_read_s(folder: Path) -> float:
    t0 = time.perf_counter()
    for p in folder.iterdir():
        p.read_bytes()
    return time.perf_counter() - t0


def measure(n: int, workers: list[int], seed: int, tmp: Path) -> dict:
    import synthetic

    articles = tmp / f"articles-{n}"
    synthetic.write_corpus(articles, n, seed=seed)
    extra = tmp / f"extra-{n}"
    extra.mkdir()
    new = synthetic.make_corpus(max(1, n // 100), seed=seed + 1)
    for k, (_, text) in enumerate(new):
        (extra / f"add{k:06d}.txt").write_text(text, encoding="utf-8")
    report: dict = {"articles": n, "reference_read_s": round(reference_read_s(articles), 3)}
    from factcheck.ingest.corpus import load_corpus

    first = load_corpus(sorted(articles.glob("*.txt"))[0]).documents[0]
    claim = max((p.text for p in first.passages), key=len)[:200]  # a statement of the archive
    report["claim"] = claim
    builds = {}
    for w in workers:
        out = tmp / f"index-{n}-{w}"
        r = run_child("build", str(articles), str(out), str(w))
        r["articles_per_s"] = round(n / r["wall_s"], 1)
        builds[w] = r
    report["build"] = builds
    index = tmp / f"index-{n}-{workers[-1]}"
    report["open_index"] = run_child("open-index", str(index), claim)
    report["open_files"] = run_child("open-files", str(articles), claim)
    grown = tmp / f"grown-{n}"
    shutil.copytree(index, grown)
    add = run_child("add", str(grown), str(extra), str(workers[-1]))
    build = builds[workers[-1]]
    add["vs_full_build"] = round(add["wall_s"] / build["wall_s"], 3)
    add["stage_ratios"] = {
        k: round(add["stages_s"][k] / build["stages_s"][k], 3)
        for k in ("read", "bm25", "clusters", "claims")
        if build["stages_s"].get(k) and k in add["stages_s"]
    }
    report["add_1pct"] = add
    return report


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--child":
        print(json.dumps(child(argv[1:])))
        return 0
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, nargs="+", default=[10_000])
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--embed-sample", type=int, default=100, help="articles for the embed rate")
    ap.add_argument("--json", action="store_true")
    ap.add_argument(
        "--no-embed", action="store_true", help="skip the embedding rate (same as --embed-sample 0)"
    )
    args = ap.parse_args(argv)
    if args.no_embed:
        args.embed_sample = 0
    results = []
    with tempfile.TemporaryDirectory(prefix="archive-bench-") as tmp:
        for n in args.articles:
            results.append(measure(n, args.workers, args.seed, Path(tmp)))
            print(json.dumps(results[-1], ensure_ascii=False, indent=None if args.json else 2))
        if args.embed_sample:
            embed = run_child(
                "embed", str(Path(tmp) / f"articles-{args.articles[0]}"), str(args.embed_sample)
            )
            print(json.dumps({"embed": embed}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
