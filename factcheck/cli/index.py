"""``factcheck index build|add|info``: a persisted index of an archive (:mod:`factcheck.archive`).

::

    factcheck index build CORPUS --out DIR [--workers N | --scheduler ADDRESS] [--no-embed]
                                           [--lexicon FILE ...]
    factcheck index add DIR PATH... [--workers N | --scheduler ADDRESS]
    factcheck index info DIR [--json]

Exit codes: 0 done, 1 the index or the build failed (the message says which file and what to
do; a previous index stays in use), 2 bad arguments or a missing path.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

__all__ = ["register"]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "index",
        help="build, grow or describe a persisted index of an archive",
        description="An index is read once and opened in seconds; pass its directory wherever "
        "a corpus is accepted (passages, claims, evidence, the desk).",
    )
    cmds = p.add_subparsers(dest="index_command", metavar="SUBCOMMAND", required=True)

    def where(q: argparse.ArgumentParser) -> None:
        g = q.add_mutually_exclusive_group()
        g.add_argument("--workers", type=int, help="local worker processes (default: cores)")
        g.add_argument("--scheduler", help="address of an existing Dask scheduler")

    b = cmds.add_parser("build", help="index a folder or files of articles")
    b.add_argument("corpus", nargs="+", type=Path, metavar="CORPUS", help="folder or file(s)")
    b.add_argument("--out", type=Path, required=True, help="index directory to write")
    where(b)
    b.add_argument("--no-embed", action="store_true", help="store no passage embeddings")
    b.add_argument("--lexicon", action="append", type=Path, default=[], help="newsroom lexicon")
    b.set_defaults(func=_build)

    a = cmds.add_parser("add", help="add new articles to an index")
    a.add_argument("index", type=Path, metavar="DIR")
    a.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="folder or file(s)")
    where(a)
    a.set_defaults(func=_add)

    i = cmds.add_parser("info", help="what an index holds and how it was built")
    i.add_argument("index", type=Path, metavar="DIR")
    i.add_argument("--json", action="store_true", help="machine-readable output")
    i.set_defaults(func=_info)


def _fail(command: str, message: object, code: int = 1) -> int:
    print(f"factcheck index {command}: {message}", file=sys.stderr)
    return code


def _missing(command: str, paths: list[Path]) -> int | None:
    for path in paths:
        if not path.exists():
            return _fail(command, f"no such file or folder: {path}", 2)
    return None


def _build(args: argparse.Namespace) -> int:
    from factcheck.archive.build import build_index
    from factcheck.archive.layout import ArchiveError
    from factcheck.archive.progress import tqdm_progress

    if (code := _missing("build", [*args.corpus, *args.lexicon])) is not None:
        return code
    if args.workers is not None and args.workers < 0:
        return _fail("build", "--workers must be 0 or more", 2)
    source = args.corpus[0] if len(args.corpus) == 1 else args.corpus
    try:
        build_index(
            source,
            args.out,
            workers=args.workers,
            scheduler=args.scheduler,
            embed=False if args.no_embed else None,
            lexicons=args.lexicon,
            progress=tqdm_progress,
        )
    except (ArchiveError, OSError, ValueError, RuntimeError) as exc:
        return _fail("build", exc)
    return _info_text(args.out)


def _add(args: argparse.Namespace) -> int:
    from factcheck.archive.build import add_to_index
    from factcheck.archive.layout import ArchiveError
    from factcheck.archive.progress import tqdm_progress

    if (code := _missing("add", [args.index, *args.paths])) is not None:
        return code
    try:
        added, unchanged = add_to_index(
            args.index,
            args.paths,
            workers=args.workers,
            scheduler=args.scheduler,
            progress=tqdm_progress,
        )
    except (ArchiveError, OSError, ValueError, RuntimeError) as exc:
        return _fail("add", exc)
    print(f"{added} files added, {unchanged} already in the index unchanged")
    return _info_text(args.index)


def _info(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from factcheck.archive.layout import ArchiveError, read_manifest

    try:
        gen, manifest = read_manifest(args.index)
    except ArchiveError as exc:
        return _fail("info", exc)
    if args.json:
        print(json.dumps({"generation": gen.name, **asdict(manifest)}, ensure_ascii=False))
        return 0
    return _info_text(args.index)


def _info_text(root: Path) -> int:
    from factcheck.archive.layout import read_manifest

    gen, m = read_manifest(root)
    size = sum(m.files.values()) / 1e6
    print(
        f"{root}: {m.documents} documents, {m.passages} passages, {m.claims} claims "
        f"({gen.name}, {size:.1f} MB, built {m.created} by factcheck {m.package_version})"
    )
    print(f"  embeddings: {m.embedder or 'none (semantic retrieval works lexically)'}")
    if m.lexicons:
        print(f"  lexicons: {', '.join(m.lexicons)}")
    return 0
