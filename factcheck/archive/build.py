"""Building and growing an index on Dask: ``factcheck index build`` and ``factcheck index add``.

The work that grows with the archive -- reading, cleaning, segmenting, analysing, finding claim
units, embedding -- runs per partition of files (:func:`~factcheck.archive.parts.ingest_part`)
on a ``dask.distributed`` cluster: a :class:`~dask.distributed.LocalCluster` of worker
processes on this machine by default, or the scheduler of an existing cluster (``scheduler=``),
so a bigger archive uses more machines. Parts come back in any order and are written in file
order, so the index is the same whatever the number of workers.

What spans every passage is computed here, after the parts: the BM25 index (its weights
depend on corpus-wide statistics; rebuilt from the stored terms, never by re-reading
articles), then syndication clusters and claims, which :mod:`~factcheck.archive.grow` brings
up to date with the new segment only (a build is the first growth, an add the next ones).

``workers=0`` runs the partitions in this process, without Dask (small corpora, tests).
"""

from __future__ import annotations

import json
import logging
import math
import shutil
import time
from collections.abc import Iterable, Sequence
from importlib import metadata
from pathlib import Path

import numpy as np

from factcheck.archive.corpus import BM25_DIR, ArchiveCorpus, segment_dirs
from factcheck.archive.grow import grow_index
from factcheck.archive.layout import (
    FORMAT,
    MANIFEST,
    ArchiveError,
    Manifest,
    current_generation,
    file_sizes,
    is_index,
    new_generation,
    now_iso,
    publish,
    read_manifest,
    write_manifest,
)
from factcheck.archive.parts import Part, file_digest, ingest_part
from factcheck.archive.progress import Progress, silent
from factcheck.archive.segments import (
    EMBEDDINGS,
    TERM_IDS,
    TERM_OFFSETS,
    VOCAB,
    SegmentWriter,
    link_segment,
)
from factcheck.archive.tables import FILES, read_table
from factcheck.engine.analysis import Analyzer
from factcheck.engine.retrieval import BM25Index
from factcheck.engine.semantic import default_embedder
from factcheck.ingest.readers import collect_files

__all__ = ["PARTITION_FILES", "add_to_index", "build_index"]

PARTITION_FILES = 200
"""Most files per partition (fewer when that leaves workers idle)."""


def build_index(
    source: str | Path | Iterable[str | Path],
    out: str | Path,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    embed: bool | None = None,
    lexicons: Sequence[str | Path] = (),
    progress: Progress = silent,
) -> Path:
    """Build an index of ``source`` (a folder, a file or a list) into the directory ``out``.

    ``workers``: worker processes of the local Dask cluster (default: one per core; ``0``: no
    cluster, this process); ``scheduler``: the address of an existing Dask scheduler instead.
    ``embed``: store passage embeddings (default: when the semantic layer is on).
    ``lexicons``: newsroom lexicon files the index's terms use (copied into it). A previous
    index in ``out`` stays in use until the new one is complete. Returns ``out``.
    """
    root = Path(out)
    if root.exists() and not is_index(root) and any(root.iterdir()):
        raise ArchiveError(f"{root}: exists and is not an index; choose an empty or new folder")
    files, skipped = collect_files(source)
    if embed is None:
        embed = default_embedder() is not None
    gen = new_generation(root)
    try:
        lex = _copy_lexicons(lexicons, gen)
        writer = SegmentWriter(gen / "seg-0000", skipped=list(skipped))
        t0 = time.perf_counter()
        lex_paths = [str(gen / n) for n in lex]
        seconds = _ingest(files, writer, lex_paths, embed, workers, scheduler, progress)
        writer.close()
        seconds["read"] = time.perf_counter() - t0
        sources = tuple(str(Path(s)) for s in _as_list(source))
        _finish(root, gen, lex, sources, progress, seconds)
    except BaseException:
        shutil.rmtree(gen, ignore_errors=True)
        raise
    publish(root, gen)
    return root


def add_to_index(
    root: str | Path,
    paths: str | Path | Iterable[str | Path],
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    embed: bool | None = None,
    progress: Progress = silent,
) -> tuple[int, int]:
    """Add the articles of ``paths`` to the index at ``root`` without rebuilding it.

    Files already in the index with the same content (SHA-256) are skipped; the others are read
    into a new segment; the BM25 index, clusters and claims are brought up to date. Returns
    (files added, files skipped as unchanged).
    """
    root = Path(root)
    _, manifest = read_manifest(root)
    old = current_generation(root)
    known: dict[str, str] = {}
    for seg in segment_dirs(old):
        for row in read_table(seg / FILES).to_pylist():
            known[row["path"]] = row["sha256"]
    files, skipped = collect_files(paths)
    new_files, unchanged = [], 0
    for f in files:
        digest = known.get(str(f.resolve()))
        if digest is None:
            new_files.append(f)
            continue
        if digest == file_digest(f):
            unchanged += 1
            continue
        raise ArchiveError(
            f"{f}: changed since it was indexed (its content differs); `index add` adds new "
            f"articles only: rebuild the index to take the change "
            f"(`factcheck index build ... --out {root}`)"
        )
    if embed is None:
        embed = bool(manifest.embedder)
    if not new_files and not skipped:
        return 0, unchanged
    corpus = ArchiveCorpus(root)
    taken = {d: "the index" for d in corpus.documents.ids}  # type: ignore[attr-defined]
    gen = new_generation(root)
    try:
        segments = segment_dirs(old)
        for seg in segments:
            link_segment(seg, gen / seg.name)
        for name in manifest.lexicons:
            shutil.copy2(old / name, gen / name)
        writer = SegmentWriter(gen / f"seg-{len(segments):04d}", taken, skipped=list(skipped))
        lex = [str(gen / name) for name in manifest.lexicons]
        t0 = time.perf_counter()
        seconds = _ingest(new_files, writer, lex, embed, workers, scheduler, progress)
        writer.close()
        seconds["read"] = time.perf_counter() - t0
        _finish(root, gen, manifest.lexicons, manifest.sources, progress, seconds, old)
    except BaseException:
        shutil.rmtree(gen, ignore_errors=True)
        raise
    publish(root, gen)
    return len(new_files), unchanged


def _as_list(source: str | Path | Iterable[str | Path]) -> list[str | Path]:
    return [source] if isinstance(source, (str, Path)) else list(source)


def _copy_lexicons(lexicons: Sequence[str | Path], gen: Path) -> list[str]:
    names = []
    for i, path in enumerate(lexicons):
        name = f"lexicon-{i}-{Path(path).name}"
        shutil.copy2(path, gen / name)
        names.append(name)
    return names


def _partitions(files: Sequence[Path], workers: int) -> list[list[str]]:
    size = max(1, min(PARTITION_FILES, math.ceil(len(files) / max(1, 4 * workers))))
    return [[str(f) for f in files[i : i + size]] for i in range(0, len(files), size)]


def _ingest(
    files: Sequence[Path],
    writer: SegmentWriter,
    lexicons: Sequence[str],
    embed: bool,
    workers: int | None,
    scheduler: str | None,
    progress: Progress,
) -> dict[str, float]:
    """Run :func:`ingest_part` over the partitions of ``files`` and write the parts in order.
    Returns the workers' seconds per stage, summed over parts (``worker_ingest``...)."""
    import os

    n_workers = (os.cpu_count() or 1) if workers is None else workers
    parts = _partitions(files, n_workers)
    lex = tuple(str(p) for p in lexicons)
    step = progress("reading articles", len(files))
    totals: dict[str, float] = {}

    def write(part: Part) -> None:
        writer.add(part)
        for stage, sec in part.seconds.items():
            totals[f"worker_{stage}"] = totals.get(f"worker_{stage}", 0.0) + sec
        step.update(len(parts[part.number]))

    if not parts:
        step.close()
        return totals
    if scheduler is None and n_workers == 0:
        for i, batch in enumerate(parts):
            write(ingest_part(i, batch, lex, embed))
        step.close()
        return totals
    from dask.distributed import Client, LocalCluster, as_completed

    cluster = None
    try:
        if scheduler is not None:
            client = Client(scheduler, timeout="10s")
        else:
            cluster = LocalCluster(
                n_workers=n_workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
            client = Client(cluster)
    except (OSError, TimeoutError) as exc:
        where = scheduler or "a local cluster"
        raise ArchiveError(f"cannot reach the Dask scheduler at {where}: {exc}") from None
    try:
        futures = [
            client.submit(ingest_part, i, batch, lex, embed, pure=False)
            for i, batch in enumerate(parts)
        ]
        waiting: dict[int, Part] = {}
        nxt = 0
        for future in as_completed(futures):
            part: Part = future.result()
            waiting[part.number] = part
            future.release()
            while nxt in waiting:
                write(waiting.pop(nxt))
                nxt += 1
    finally:
        step.close()
        client.close()
        if cluster is not None:
            cluster.close()
    return totals


def _global_terms(segments: Sequence[Path]) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Every passage's terms over all segments, in one vocabulary (CSR: offsets, ids)."""
    vocab: dict[str, int] = {}
    offsets = [np.zeros(1, dtype=np.int64)]
    ids = []
    total = 0
    for seg in segments:
        local = json.loads((seg / VOCAB).read_text(encoding="utf-8"))
        mapping = np.array([vocab.setdefault(t, len(vocab)) for t in local], dtype=np.int32)
        seg_offsets = np.load(seg / TERM_OFFSETS)
        seg_ids = np.load(seg / TERM_IDS)
        ids.append(mapping[seg_ids] if len(seg_ids) else seg_ids)
        offsets.append(seg_offsets[1:] + total)
        total += len(seg_ids)
    flat = np.concatenate(ids) if ids else np.zeros(0, dtype=np.int32)
    return np.concatenate(offsets), flat, list(vocab)


def _finish(
    root: Path,
    gen: Path,
    lexicons: Sequence[str],
    sources: Sequence[str],
    progress: Progress,
    seconds: dict[str, float],
    old: Path | None = None,
) -> None:
    """Compute what spans every segment (BM25, clusters, claims), then write the manifest.
    ``old``: the generation an add grows (its clusters and claims are updated, not redone)."""
    segments = segment_dirs(gen)
    step = progress("indexing", 3)
    t0 = time.perf_counter()
    offsets, ids, vocab = _global_terms(segments)
    BM25Index.from_token_ids(offsets, ids, vocab).save(gen / BM25_DIR)
    seconds["bm25"] = time.perf_counter() - t0
    step.update(1)

    analyzer = Analyzer(lexicons=[gen / n for n in lexicons])
    embedder = None
    if segments and all((s / EMBEDDINGS).exists() for s in segments):
        embedder = default_embedder()

    def manifest(claims: int, files: dict[str, int], docs: int, passages: int) -> Manifest:
        return Manifest(
            format=FORMAT,
            package_version=_version(),
            created=now_iso(),
            analyzer=analyzer.fingerprint,
            lexicons=tuple(lexicons),
            embedder=embedder.name if embedder else "",
            documents=docs,
            passages=passages,
            claims=claims,
            sources=tuple(sources),
            files=files,
            seconds={k: round(v, 3) for k, v in seconds.items()},
        )

    # The generation is read back before it is published, through its own manifest.
    corpus = ArchiveCorpus(root, generation=gen, manifest=manifest(0, {}, 0, 0))
    n_claims = grow_index(gen, old, corpus, seconds)
    step.update(2)
    step.close()
    data = [str(p.relative_to(gen)) for p in sorted(gen.rglob("*")) if p.is_file()]
    sizes = file_sizes(gen, [d for d in data if d != MANIFEST])
    write_manifest(gen, manifest(n_claims, sizes, len(corpus), len(corpus.passages)))


def _version() -> str:
    try:
        return metadata.version("factcheck-desk")
    except metadata.PackageNotFoundError:
        return "unknown"
