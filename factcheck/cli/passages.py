"""``factcheck passages CORPUS [--json] [--text]``: load a corpus and show its passages.

CORPUS is a folder, a file, several of either, or an index directory. ``--json`` prints::

    {"documents": [{"doc_id", "source", "title", "date", "url",
                    "passages": [{"passage_id", "text", "start", "end"}]}],
     "skipped": [{"path", "error"}]}

(UTF-8, Arabic as is); without it a readable summary: each document with its passage count,
then every skipped file with the reason. Exit codes: 0 loaded (even with skipped files),
2 a CORPUS path does not exist.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from factcheck.archive.front import load_corpus
from factcheck.archive.layout import ArchiveError
from factcheck.records import Corpus

__all__ = ["corpus_to_json", "register"]


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``passages`` command to the ``factcheck`` parser."""
    p = subparsers.add_parser(
        "passages",
        help="load a corpus and list its documents and passages",
        description="Load a corpus (folder, files, .txt/.md/.html/.jsonl/.csv), clean it, "
        "split it into passages and list them; unreadable files are reported, not fatal.",
    )
    p.add_argument("corpus", nargs="+", type=Path, metavar="CORPUS", help="folder or file(s)")
    p.add_argument("--json", action="store_true", help="print JSON (documents, passages, skipped)")
    p.add_argument("--text", action="store_true", help="also print every passage (readable mode)")
    p.set_defaults(func=run)


def corpus_to_json(corpus: Corpus) -> dict[str, Any]:
    """The ``--json`` document for a loaded corpus."""
    return {
        "documents": [
            {
                "doc_id": d.doc_id,
                "source": d.source,
                "title": d.title,
                "date": d.date,
                "url": d.url,
                "passages": [
                    {"passage_id": p.passage_id, "text": p.text, "start": p.start, "end": p.end}
                    for p in d.passages
                ],
            }
            for d in corpus.documents
        ],
        "skipped": [{"path": s.path, "error": s.error} for s in corpus.skipped],
    }


def run(args: argparse.Namespace) -> int:
    missing = [str(p) for p in args.corpus if not p.exists()]
    if missing:
        for path in missing:
            print(f"factcheck passages: error: no such file or folder: {path}", file=sys.stderr)
        return 2
    source = args.corpus[0] if len(args.corpus) == 1 else args.corpus
    try:
        corpus = load_corpus(source)
    except ArchiveError as exc:
        print(f"factcheck passages: error: {exc}", file=sys.stderr)
        return 2
    out = sys.stdout
    if args.json:
        json.dump(corpus_to_json(corpus), out, ensure_ascii=False, indent=2)
        out.write("\n")
        return 0
    n_passages = sum(len(d.passages) for d in corpus.documents)
    out.write(
        f"{len(corpus.documents)} documents, {n_passages} passages, {len(corpus.skipped)} skipped\n"
    )
    for d in corpus.documents:
        details = " | ".join(x for x in (d.source, d.date, d.title) if x)
        suffix = f"  ({details})" if details else ""
        out.write(f"  {d.doc_id}: {len(d.passages)} passages{suffix}\n")
        if args.text:
            for p in d.passages:
                out.write(f"    [{p.passage_id}] {p.text}\n")
    if corpus.skipped:
        out.write("skipped:\n")
        for s in corpus.skipped:
            out.write(f"  {s.path}: {s.error}\n")
    return 0
