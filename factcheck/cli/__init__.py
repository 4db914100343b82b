"""The ``factcheck`` command line: ``passages``, ``claims``, ``evidence``, ``log``, ``stance``
and ``index``.

Each command group lives in its own module with a ``register(subparsers)`` function; the
handler a group sets with ``set_defaults(func=...)`` returns the process exit code.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from factcheck.records import Corpus

__all__ = ["build_parser", "load_corpus_arg", "main"]


def build_parser() -> argparse.ArgumentParser:
    from factcheck.cli import claims, evidence, index, log, passages, stance

    parser = argparse.ArgumentParser(
        prog="factcheck",
        description="Fact-checking desk for Arabic news: passages, claims, evidence, verdicts.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in (passages, claims, evidence, log, stance, index):
        module.register(sub)
    return parser


def load_corpus_arg(path: Path, command: str) -> Corpus | None:
    """Load the CORPUS argument of ``command`` (articles or an index directory), reporting
    skipped files on stderr; ``None`` (after saying why) when the path does not exist or is a
    damaged index."""
    from factcheck.archive.front import load_corpus
    from factcheck.archive.layout import ArchiveError

    if not path.exists():
        print(f"factcheck {command}: corpus not found: {path}", file=sys.stderr)
        return None
    try:
        corpus = load_corpus(path)
    except ArchiveError as exc:
        print(f"factcheck {command}: {exc}", file=sys.stderr)
        return None
    for s in corpus.skipped:
        print(f"skipped {s.path}: {s.error}", file=sys.stderr)
    return corpus


def main(argv: Sequence[str] | None = None) -> int:
    # Arabic output must survive a terminal or pipe whose locale is not UTF-8.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    args = build_parser().parse_args(argv)
    return int(args.func(args) or 0)
