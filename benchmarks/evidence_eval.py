"""Evaluate the evidence engine on the dev set: recall@10 and stance accuracy.

    python benchmarks/evidence_eval.py [--lang ar|en|fr] [--mode rules|learned|semantic]
                                       [--ablate lexicon|stemming] [--json] [--top 10]

The dev set (``tests/data/evidence_dev.toml``) holds claims over the sample corpus with the
passages that must be found and their expected stance, including reworded claims, false
claims with wrong numbers or dates, and claims with no evidence (which must get neither
support nor contradiction). ``tests/test_evidence_dev.py`` asserts the same thresholds.
"""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from factcheck.engine.analysis import Analyzer
from factcheck.engine.evidence import EvidenceEngine
from factcheck.ingest.corpus import load_corpus, sample_corpus_path
from factcheck.records import Corpus, EvidenceResult
from factcheck.text.lexicon import Lexicon
from factcheck.text.stemming import get_stemmer

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
DEV_SET = DATA / "evidence_dev.toml"
DEV_SETS = {"ar": DEV_SET, "en": DATA / "evidence_dev_en.toml", "fr": DATA / "evidence_dev_fr.toml"}
MODES = ("rules", "learned", "semantic")
"""rules: the hand-set rules, lexical retrieval; learned: the stance model without the
embedding model; semantic: the stance model with it, and hybrid retrieval (the default)."""


@dataclass
class Report:
    expected: int = 0
    found: int = 0
    stance_right: int = 0
    none_cases: int = 0
    none_clean: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0

    @property
    def stance_accuracy(self) -> float:
        return self.stance_right / self.expected if self.expected else 1.0

    def as_dict(self) -> dict:
        return {
            "expected_passages": self.expected,
            "recall_at_k": round(self.recall, 4),
            "stance_accuracy": round(self.stance_accuracy, 4),
            "no_evidence_claims": self.none_cases,
            "no_evidence_clean": self.none_clean,
        }


def load_cases(path: Path = DEV_SET) -> list[dict]:
    with path.open("rb") as fh:
        return tomllib.load(fh)["case"]


def find(result: EvidenceResult, doc: str, contains: str):
    """The evidence in ``result`` from document ``doc*`` whose text contains ``contains``."""
    for ev in result.evidence:
        if ev.passage.doc_id.startswith(doc) and contains in ev.passage.text:
            return ev
    return None


def evaluate(
    corpus: Corpus,
    cases: list[dict],
    top_k: int = 10,
    verbose: bool = False,
    analyzer: Analyzer | None = None,
    mode: str = "semantic",
) -> Report:
    engine = EvidenceEngine(
        corpus,
        analyzer=analyzer,
        embedder="default" if mode == "semantic" else None,
        models="rules" if mode == "rules" else None,
    )
    rep = Report()
    for case in cases:
        result = engine.check(case["claim"], top_k=top_k)
        if case.get("none"):
            rep.none_cases += 1
            bad = [e for e in result.evidence if e.stance != "neutral"]
            if not bad:
                rep.none_clean += 1
            else:
                rep.misses.append(
                    f"NO-EVIDENCE {case['claim']!r}: {bad[0].stance} {bad[0].passage.text[:60]!r}"
                )
            continue
        for exp in case["expect"]:
            rep.expected += 1
            ev = find(result, exp["doc"], exp["contains"])
            if ev is None:
                rep.misses.append(f"NOT FOUND {case['claim']!r}: {exp['doc']} {exp['contains']!r}")
                continue
            rep.found += 1
            if ev.stance == exp["stance"]:
                rep.stance_right += 1
            else:
                rep.misses.append(
                    f"STANCE {case['claim']!r}: {exp['doc']} {exp['contains']!r} "
                    f"expected {exp['stance']} got {ev.stance} {list(ev.reasons)}"
                )
    return rep


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--top", type=int, default=10)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--lang", choices=sorted(DEV_SETS), default="ar", help="the claims' language")
    ap.add_argument("--mode", choices=MODES, default="semantic", help="what decides the stance")
    ap.add_argument(
        "--ablate",
        choices=["lexicon", "stemming"],
        help="measure without the lexicon (synonyms, antonyms, cues) or without stemming",
    )
    args = ap.parse_args(argv)
    analyzer = None
    if args.ablate == "lexicon":
        analyzer = Analyzer(lexicon=Lexicon())
    elif args.ablate == "stemming":
        analyzer = Analyzer(stem=get_stemmer("none"))
    corpus = load_corpus(sample_corpus_path())
    cases = load_cases(DEV_SETS[args.lang])
    rep = evaluate(corpus, cases, args.top, args.verbose, analyzer=analyzer, mode=args.mode)
    if args.json:
        print(json.dumps(rep.as_dict(), ensure_ascii=False))
    else:
        d = rep.as_dict()
        print(f"claims with expected passages: {d['expected_passages']} passages")
        print(f"recall@{args.top}: {d['recall_at_k']:.3f}")
        print(f"stance accuracy: {d['stance_accuracy']:.3f}")
        print(f"no-evidence claims clean: {d['no_evidence_clean']}/{d['no_evidence_claims']}")
    if args.verbose or not args.json:
        for m in rep.misses:
            print("  " + m, file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
