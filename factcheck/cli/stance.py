"""``factcheck stance train|eval``: train the stance model from labelled pairs, or score one.

* ``factcheck stance train TRAIN.csv... --dev DEV.csv... --out FILE [--seed N] [--card FILE]
  [--cache FILE] [--no-semantic]`` writes the model file (and its model card, ``--card``,
  default ``FILE`` with ``.md``). The same data and seed give the same model.
* ``factcheck stance eval PAIRS.csv... [--model FILE] [--mode rules|learned|semantic] [--json]``
  prints macro-F1, accuracy, per-class F1 and the confusion matrix of each file.

Pair files are CSV with columns ``s1`` (claim), ``s2`` (passage), ``stance`` (``agree``/
``disagree``/``other`` or ``support``/``contradict``/``neutral``). Exit codes: 0 done, 2 bad
input (a message names the file and line).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from factcheck.engine.analysis import default_analyzer
from factcheck.engine.card import model_card
from factcheck.engine.model import ModelError, StanceModels, default_models
from factcheck.engine.pairs import SEED, read_pairs
from factcheck.engine.semantic import default_embedder, semantic_status
from factcheck.engine.stance import StanceJudge
from factcheck.engine.training import evaluate, judge_pairs, train

__all__ = ["register"]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "stance",
        help="train or evaluate the stance model",
        description="The stance model: train it on labelled claim/passage pairs, or score it.",
    )
    cmds = p.add_subparsers(dest="stance_command", metavar="COMMAND", required=True)

    tr = cmds.add_parser("train", help="train the stance model (reproducible, seeded)")
    tr.add_argument("data", nargs="+", type=Path, help="training pair files (CSV)")
    tr.add_argument("--dev", nargs="+", type=Path, required=True, help="dev pair files (CSV)")
    tr.add_argument("--out", type=Path, required=True, help="model file to write (JSON)")
    tr.add_argument("--card", type=Path, help="model card to write (default: OUT with .md)")
    tr.add_argument("--seed", type=int, default=SEED, help=f"random seed (default {SEED})")
    tr.add_argument("--cache", type=Path, help="embedding cache (.npz) to reuse across runs")
    tr.add_argument("--no-semantic", action="store_true", help="train the lexical model only")
    tr.set_defaults(func=_train)

    ev = cmds.add_parser("eval", help="score a stance model on labelled pairs")
    ev.add_argument("data", nargs="+", type=Path, help="pair files (CSV)")
    ev.add_argument("--model", type=Path, help="model file (default: the packaged one)")
    ev.add_argument(
        "--mode",
        choices=["rules", "learned", "semantic"],
        default="semantic",
        help="rules, the model without embeddings, or with them (default)",
    )
    ev.add_argument("--json", action="store_true", help="machine-readable output")
    ev.set_defaults(func=_eval)


def _fail(command: str, message: object) -> int:
    print(f"factcheck stance {command}: error: {message}", file=sys.stderr)
    return 2


def _train(args: argparse.Namespace) -> int:
    embedder = None if args.no_semantic else default_embedder()
    if embedder is None and not args.no_semantic:
        print(f"semantic layer off ({semantic_status()}): lexical model only", file=sys.stderr)
    try:
        models = train(
            args.data,
            args.dev,
            default_analyzer(),
            embedder,
            seed=args.seed,
            cache=args.cache,
            log=lambda m: print(m, file=sys.stderr),
        )
    except (OSError, ValueError) as exc:
        return _fail("train", exc)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    models.save(args.out)
    card = args.card or args.out.with_suffix(".md")
    card.write_text(model_card(models, [str(p) for p in args.data], [str(p) for p in args.dev]))
    print(f"wrote {args.out} and {card}")
    return 0


def _eval(args: argparse.Namespace) -> int:
    try:
        models = StanceModels.load(args.model) if args.model else default_models()
    except ModelError as exc:
        return _fail("eval", exc)
    judge = StanceJudge(default_analyzer(), "rules" if args.mode == "rules" else models)
    embedder = default_embedder() if args.mode == "semantic" else None
    out = {}
    for path in args.data:
        try:
            pairs = read_pairs(path)
        except (OSError, ValueError) as exc:
            return _fail("eval", exc)
        preds = judge_pairs(pairs, judge, embedder)
        out[str(path)] = evaluate(preds, [p.stance for p in pairs]).as_dict()
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    for name, s in out.items():
        print(f"{name}: macro-F1 {s['macro_f1']:.3f}, accuracy {s['accuracy']:.3f} (n={s['n']})")
        print("   F1: " + ", ".join(f"{k} {v:.3f}" for k, v in s["f1"].items()))
    return 0
