"""``factcheck evidence CORPUS --claim TEXT [--claim TEXT ...] [--top K] [--json]``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from factcheck.desk.labels import STANCE_LABELS, reason_text
from factcheck.records import EvidenceResult, Reason


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "evidence",
        help="passages that support or contradict each claim",
        description="For each --claim, the passages of the corpus ranked by relevance, "
        "with stance, confidence, reasons, speaker and syndication cluster. "
        "Several claims reuse one index.",
    )
    p.add_argument("corpus", type=Path, help="folder or file of articles, or an index directory")
    p.add_argument("--claim", action="append", required=True, help="claim text (repeatable)")
    p.add_argument("--top", type=int, default=10, help="passages per claim (default 10)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=run)


def reason_json(reason: Reason) -> dict[str, str]:
    """A reason as data (``kind``, ``quote``, ``detail``) plus the ``text`` an editor reads."""
    return {
        "kind": reason.kind,
        "quote": reason.quote,
        "detail": reason.detail,
        "text": reason_text(reason),
    }


def result_json(result: EvidenceResult) -> dict:
    from factcheck.figures import quantity_summary_of

    return {
        "claim": result.claim,
        "claim_id": result.claim_id,
        "quantities": quantity_summary_of(result.quantities),
        "passages": [
            {
                "passage_id": e.passage.passage_id,
                "doc_id": e.passage.doc_id,
                "source": e.source,
                "text": e.passage.text,
                "start": e.passage.start,
                "end": e.passage.end,
                "score": e.score,
                "stance": e.stance,
                "confidence": e.confidence,
                "reasons": [reason_json(r) for r in e.reasons],
                "speaker": e.speaker,
                "cluster_id": e.cluster_id,
            }
            for e in result.evidence
        ],
    }


def run(args: argparse.Namespace) -> int:
    from factcheck.archive.front import engine_for
    from factcheck.cli import load_corpus_arg

    if args.top < 1:
        print("factcheck evidence: --top must be at least 1", file=sys.stderr)
        return 2
    claims = [c for c in args.claim if c.strip()]
    if len(claims) != len(args.claim):
        print("factcheck evidence: --claim must not be empty", file=sys.stderr)
        return 2
    corpus = load_corpus_arg(args.corpus, "evidence")
    if corpus is None:
        return 2
    engine = engine_for(corpus)
    results = engine.check_many(claims, top_k=args.top)
    if args.json:
        out = {"results": [result_json(r) for r in results]}
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    for r in results:
        print(f"\n== {r.claim}  [{r.claim_id}]")
        if r.quantities:
            print("   figures: " + ", ".join(q.text for q in r.quantities))
        if not r.evidence:
            print("   (no passage found)")
        for i, e in enumerate(r.evidence, 1):
            who = f" — {e.speaker}" if e.speaker else ""
            src = e.source or e.passage.doc_id
            label = STANCE_LABELS[e.stance][0]
            print(f"{i:>3}. [{label} / {e.stance} {e.confidence:.0%}] {src}{who}")
            print(f"     {e.passage.text}")
            for reason in e.reasons:
                print(f"       · {reason_text(reason)}")
    return 0
