"""The archive index on disk: generations, the manifest, and publishing a build atomically.

An index directory holds one or more *generations* and a ``CURRENT`` file naming the one in
use::

    DIR/CURRENT                  "gen-000002"
    DIR/gen-000002/manifest.json format version, counts, how it was built, every file's size
    DIR/gen-000002/...           tables (Parquet), arrays (.npy), the BM25 index (bm25s),
                                 state/ (what the next add grows from: arrays)

A build or an add writes a new generation next to the current one (``gen-000003.partial``),
renames it when every file is written and synced, then replaces ``CURRENT`` in one
``os.replace``: a reader sees the old index or the new one, never half of one, and a build
killed at any point leaves the previous index in use (its leftover ``.partial`` directory is
removed by the next build). This is the LevelDB/RocksDB ``CURRENT``-file scheme: a directory
cannot be atomically replaced by ``rename(2)`` when the target is not empty, a file can.

Every problem with an index (not one, another format version, a missing or truncated file)
is an :class:`ArchiveError` naming the file and saying how to rebuild.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

__all__ = [
    "CURRENT",
    "FORMAT",
    "MANIFEST",
    "ArchiveError",
    "Manifest",
    "current_generation",
    "file_sizes",
    "is_index",
    "new_generation",
    "now_iso",
    "publish",
    "read_manifest",
    "write_manifest",
]

FORMAT = 2
"""Version of the index layout; an index of another version must be rebuilt. (2: segments hold
a copy index and the generation a ``state/`` folder, so ``index add`` grows clusters and
claims instead of recomputing them.)"""
CURRENT = "CURRENT"
MANIFEST = "manifest.json"
_GEN = re.compile(r"^gen-(\d{6})$")
REBUILD = "rebuild it with `factcheck index build CORPUS --out {root}`"


class ArchiveError(OSError):
    """An index directory that cannot be used: names the file, and how to rebuild."""


@dataclass(frozen=True)
class Manifest:
    """What a generation holds and how it was made."""

    format: int
    package_version: str
    created: str
    analyzer: str
    """Fingerprint of the analyzer whose terms the BM25 index holds."""
    lexicons: tuple[str, ...]
    """Newsroom lexicon files (copied into the generation) merged over the general one."""
    embedder: str
    """Name of the embedding model of ``embeddings.npy``; ``""`` when none were made."""
    documents: int
    passages: int
    claims: int
    sources: tuple[str, ...]
    """The corpus paths the index was built from (for ``index add`` and error messages)."""
    files: Mapping[str, int] = field(default_factory=dict)
    """Every data file of the generation and its size in bytes (truncation is caught here)."""
    seconds: Mapping[str, float] = field(default_factory=dict)
    """How long each stage of the build (or add) that made this generation took."""

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2, sort_keys=True)


def is_index(path: str | os.PathLike[str]) -> bool:
    """True when ``path`` is an index directory (holds a ``CURRENT`` file)."""
    p = Path(path)
    return p.is_dir() and (p / CURRENT).is_file()


def current_generation(root: Path) -> Path:
    """The generation ``CURRENT`` names (``ArchiveError`` when absent or damaged)."""
    pointer = root / CURRENT
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise ArchiveError(
            f"{pointer}: not an index (no CURRENT file: {exc.strerror}); "
            + REBUILD.format(root=root)
        ) from None
    gen = root / name
    if not _GEN.match(name) or not gen.is_dir():
        raise ArchiveError(
            f"{pointer}: names {name!r}, which is not a generation of this index; "
            + REBUILD.format(root=root)
        )
    return gen


def new_generation(root: Path) -> Path:
    """A fresh ``gen-NNNNNN.partial`` directory under ``root`` (created, with ``root``), after
    removing what killed builds left behind."""
    root.mkdir(parents=True, exist_ok=True)
    numbers = [0]
    for p in root.iterdir():
        base = p.name.removesuffix(".partial")
        m = _GEN.match(base)
        if m:
            numbers.append(int(m[1]))
            if p.name.endswith(".partial"):
                shutil.rmtree(p, ignore_errors=True)
    gen = root / f"gen-{max(numbers) + 1:06d}.partial"
    gen.mkdir()
    return gen


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def publish(root: Path, partial: Path) -> Path:
    """Make ``partial`` the current generation: sync its files, rename it, point ``CURRENT``
    at it (atomically), then remove older generations. Returns the published directory."""
    for f in sorted(partial.rglob("*")):
        if f.is_file():
            _fsync(f)
    final = partial.with_name(partial.name.removesuffix(".partial"))
    os.replace(partial, final)
    _fsync(root)
    tmp = root / (CURRENT + ".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(final.name + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, root / CURRENT)
    _fsync(root)
    for p in root.iterdir():
        if p != final and _GEN.match(p.name):
            shutil.rmtree(p, ignore_errors=True)
    return final


def file_sizes(gen: Path, names: Iterable[str]) -> dict[str, int]:
    """Sizes of the named files of a generation (recorded in its manifest)."""
    return {n: (gen / n).stat().st_size for n in sorted(names)}


def write_manifest(gen: Path, manifest: Manifest) -> None:
    (gen / MANIFEST).write_text(manifest.to_json(), encoding="utf-8")


def read_manifest(root: Path) -> tuple[Path, Manifest]:
    """The current generation and its manifest, after checking that it is of this version and
    that every file it lists is there with its size (``ArchiveError`` otherwise)."""
    gen = current_generation(root)
    path = gen / MANIFEST
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ArchiveError(
            f"{path}: unreadable manifest ({exc}); " + REBUILD.format(root=root)
        ) from None
    version = data.get("format")
    if version != FORMAT:
        raise ArchiveError(
            f"{path}: index format {version!r}, this version of factcheck reads format {FORMAT}; "
            + REBUILD.format(root=root)
        )
    try:
        manifest = Manifest(
            **{
                **data,
                "lexicons": tuple(data["lexicons"]),
                "sources": tuple(data["sources"]),
            }
        )
    except (KeyError, TypeError) as exc:
        raise ArchiveError(
            f"{path}: damaged manifest ({exc}); " + REBUILD.format(root=root)
        ) from None
    for name, size in manifest.files.items():
        f = gen / name
        if not f.is_file():
            raise ArchiveError(f"{f}: missing from the index; " + REBUILD.format(root=root))
        actual = f.stat().st_size
        if actual != size:
            raise ArchiveError(
                f"{f}: {actual} bytes, the manifest says {size} (truncated or damaged); "
                + REBUILD.format(root=root)
            )
    return gen, manifest


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
