"""``factcheck claims CORPUS [--limit N] [--json]``: the check-worthy claims of a corpus."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from factcheck.desk.labels import KIND_LABELS, outlet_label
from factcheck.records import Claim


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "claims",
        help="check-worthy claims, merged across outlets, ranked",
        description="Statements of the corpus worth checking (figures, attributed statements, "
        "quotations, absolute wording), one per statement even when several outlets carry it, "
        "most check-worthy first. claim_id is stable across runs.",
    )
    p.add_argument("corpus", type=Path, help="folder or file of articles, or an index directory")
    p.add_argument("--limit", type=int, default=None, help="at most N claims (default: all)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=run)


def claim_json(c: Claim) -> dict:
    return {
        "claim_id": c.claim_id,
        "text": c.text,
        "kinds": list(c.kinds),
        "doc_ids": list(c.doc_ids),
        "passage_ids": list(c.passage_ids),
        "score": c.score,
        "speaker": c.speaker,
        "statement": c.statement or c.text,
        "sources": list(c.sources),
    }


def run(args: argparse.Namespace) -> int:
    from factcheck.cli import load_corpus_arg
    from factcheck.engine.claims import extract_claims

    if args.limit is not None and args.limit < 1:
        print("factcheck claims: --limit must be at least 1", file=sys.stderr)
        return 2
    corpus = load_corpus_arg(args.corpus, "claims")
    if corpus is None:
        return 2
    claims = extract_claims(corpus, limit=args.limit)
    if args.json:
        print(json.dumps({"claims": [claim_json(c) for c in claims]}, ensure_ascii=False, indent=2))
        return 0
    if not claims:
        print("(no check-worthy claim found)")
        return 0
    for i, c in enumerate(claims, 1):
        sources = c.sources or ("",) * len(c.doc_ids)
        outlets = [
            outlet_label(s, corpus.document_number(d))
            for s, d in zip(sources, c.doc_ids, strict=True)
        ]
        kinds = "، ".join(KIND_LABELS.get(k, k) for k in c.kinds)
        print(f"{i:>3}. [{c.score:g}] {kinds}  ({c.claim_id})")
        if c.speaker:
            print(f"     {c.speaker}:")
        print(f"     {c.statement or c.text}")
        print(f"     — {' · '.join(dict.fromkeys(outlets))}")
    return 0
