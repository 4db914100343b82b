"""The evidence engine's ablation: rules only / learned / learned + semantic.

    python benchmarks/stance_eval.py [--json] [--skip-ans]

For each mode: macro-F1 on the ANS dev headline pairs (the model was tuned on them, never
trained on them), and on the sample articles' dev sets (Arabic, English, French claims) recall@10,
stance accuracy and the no-evidence claims left without support or contradiction
(``benchmarks/evidence_eval.py``). The table is the README's "Ablation".
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import evidence_eval

from factcheck.engine.analysis import default_analyzer
from factcheck.engine.pairs import read_pairs
from factcheck.engine.semantic import default_embedder
from factcheck.engine.stance import StanceJudge
from factcheck.engine.training import evaluate, judge_pairs
from factcheck.ingest.corpus import load_corpus, sample_corpus_path

ANS_DEV = Path(__file__).resolve().parent.parent / "data" / "ans" / "dev.csv"
LABELS = {"rules": "rules only", "learned": "learned", "semantic": "learned + semantic"}


def ablation(skip_ans: bool = False) -> dict[str, dict]:
    corpus = load_corpus(sample_corpus_path())
    pairs = read_pairs(ANS_DEV)
    out: dict[str, dict] = {}
    for mode in evidence_eval.MODES:
        row: dict = {}
        if not skip_ans:
            judge = StanceJudge(default_analyzer(), "rules" if mode == "rules" else None)
            embedder = default_embedder() if mode == "semantic" else None
            preds = judge_pairs(pairs, judge, embedder)
            row["ans_dev_macro_f1"] = round(evaluate(preds, [p.stance for p in pairs]).macro_f1, 3)
        for lang, path in evidence_eval.DEV_SETS.items():
            rep = evidence_eval.evaluate(corpus, evidence_eval.load_cases(path), mode=mode)
            row[lang] = {
                "recall_at_10": round(rep.recall, 3),
                "stance_accuracy": round(rep.stance_accuracy, 3),
                "no_evidence_clean": f"{rep.none_clean}/{rep.none_cases}",
            }
        out[mode] = row
    return out


def table(results: dict[str, dict]) -> str:
    head = (
        "| mode | ANS dev macro-F1 | Arabic claims: recall@10 / stance / no-evidence clean "
        "| English | French |\n| --- | --- | --- | --- | --- |"
    )
    lines = [head]
    for mode, r in results.items():
        cells = [
            f"{r[lang]['recall_at_10']:.3f} / {r[lang]['stance_accuracy']:.3f} / "
            f"{r[lang]['no_evidence_clean']}"
            for lang in ("ar", "en", "fr")
        ]
        ans = f"{r['ans_dev_macro_f1']:.3f}" if "ans_dev_macro_f1" in r else "—"
        lines.append(f"| {LABELS[mode]} | {ans} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--skip-ans", action="store_true", help="sample dev sets only (fast)")
    args = ap.parse_args(argv)
    results = ablation(args.skip_ans)
    print(json.dumps(results, ensure_ascii=False, indent=2) if args.json else table(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
