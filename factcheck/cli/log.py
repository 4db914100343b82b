"""``factcheck log add|undo|review|assign|show|agreement|export``: the verdict log from the
command line.

* ``factcheck log add LOG --claim TEXT --verdict LABEL --editor NAME [--evidence ID ...]
  [--note TEXT] [--claim-id ID] [--supersedes VERDICT_ID] [--blind]`` prints the new verdict id
  (``--blind``: a second opinion recorded without looking at the current verdict).
* ``factcheck log undo LOG --editor NAME [--verdict-id ID] [--note TEXT]`` retracts a verdict
  (by default the editor's latest one still in effect).
* ``factcheck log review LOG --verdict-id ID --reviewer NAME --decision approve|dispute
  [--note TEXT]`` approves or disputes a claim's current verdict (never one's own).
* ``factcheck log assign LOG --claim TEXT --assignee NAME --editor NAME [--claim-id ID]``
  gives a claim to an editor (``--assignee ""`` takes it back).
* ``factcheck log show LOG [--current | --assignments] [--json]`` prints the rows, the current
  verdict per claim with its review status, or who holds which claim; rows that could not be
  loaded are listed on stderr with their line numbers and the exit code is 1.
* ``factcheck log agreement LOG [--json]``: per pair of editors the claims both judged, raw
  agreement and Cohen's kappa, and Krippendorff's alpha over all editors.
* ``factcheck log export LOG --format claimreview [--include-drafts] [--out FILE]
  [--publisher NAME] [--review-url URL] [--doc-urls CSV]`` writes ClaimReview JSON-LD of the
  approved verdicts (drafts too with ``--include-drafts``); ``--format csv`` writes the log as a
  CSV file (a database log as the CSV file would hold it).

LOG is a CSV file or a ``postgresql://`` URL (a shared database log, see
:mod:`factcheck.verdicts.pgstore`). Every command takes ``--scale FILE`` (else
``$FACTCHECK_SCALE``, else the default scale). Exit codes: 0 done, 1 done with problems reported
or the log out of reach (a lock held too long, a database down), 2 bad input (nothing written).
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported when a command runs, so ``factcheck --help`` stays quick
    from factcheck.verdicts.log import VerdictLog
    from factcheck.verdicts.rows import LogContents, LogProblem, VerdictRow

__all__ = ["main", "register"]

PUBLISHER_ENV = "FACTCHECK_PUBLISHER"
REVIEW_URL_ENV = "FACTCHECK_REVIEW_URL"
_SHOW_COLUMNS = ["line", "recorded_at", "editor", "kind", "verdict", "claim_id", "claim"]
_CURRENT_COLUMNS = ["line", "recorded_at", "editor", "verdict", "status", "reviewer", "claim"]
_ASSIGNMENT_COLUMNS = ["recorded_at", "assignee", "assigned_by", "claim_id", "claim"]


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``log`` command group to the ``factcheck`` parser."""
    p = subparsers.add_parser(
        "log",
        help="record, show and export verdicts",
        description="The verdict log: one CSV row per editorial decision, append-only.",
    )
    sub = p.add_subparsers(dest="log_command", metavar="COMMAND", required=True)

    def command(name: str, help_: str, func: Any) -> argparse.ArgumentParser:
        q = sub.add_parser(name, help=help_, description=help_)
        q.add_argument("log", help="the verdict log: a CSV file or a postgresql:// URL")
        q.add_argument("--scale", type=Path, help="newsroom verdict scale (TOML)")
        q.set_defaults(func=func)
        return q

    add = command("add", "record a verdict on a claim", _add)
    add.add_argument("--claim", required=True, help="the claim text")
    add.add_argument("--verdict", required=True, help="scale key or Arabic / English label")
    add.add_argument("--editor", required=True, help="who decides")
    add.add_argument(
        "--evidence",
        nargs="+",
        action="extend",
        default=[],
        metavar="PASSAGE_ID",
        help="evidence as DOC_ID:PASSAGE_ID (or a bare PASSAGE_ID); repeatable",
    )
    add.add_argument("--note", default="", help="free text")
    add.add_argument("--claim-id", help="claim id (default: derived from the claim text)")
    add.add_argument("--supersedes", help="verdict id this one corrects")
    add.add_argument(
        "--blind",
        action="store_true",
        help="a second opinion made without seeing the current verdict (counts for agreement, "
        "never becomes the current verdict)",
    )

    undo = command("undo", "retract a verdict (append a 'retracted' row)", _undo)
    undo.add_argument("--editor", required=True, help="who retracts")
    undo.add_argument("--verdict-id", help="verdict to retract (default: the editor's latest)")
    undo.add_argument("--note", default="", help="why")

    review = command("review", "approve or dispute a claim's current verdict", _review)
    review.add_argument("--verdict-id", required=True, help="the verdict reviewed")
    review.add_argument("--reviewer", required=True, help="who reviews (not the verdict's editor)")
    review.add_argument("--decision", required=True, choices=["approve", "dispute"])
    review.add_argument("--note", default="", help="why")

    assign = command("assign", "give a claim to an editor", _assign)
    assign.add_argument("--claim", required=True, help="the claim text")
    assign.add_argument("--assignee", required=True, help='who holds the claim ("" takes it back)')
    assign.add_argument("--editor", required=True, help="who assigns")
    assign.add_argument("--claim-id", help="claim id (default: derived from the claim text)")
    assign.add_argument("--note", default="", help="free text")

    show = command("show", "print the rows of a log", _show)
    which = show.add_mutually_exclusive_group()
    which.add_argument(
        "--current",
        action="store_true",
        help="only the current verdict per claim, with its review status",
    )
    which.add_argument("--assignments", action="store_true", help="who holds which claim")
    show.add_argument("--json", action="store_true", help="machine-readable output")

    agree = command("agreement", "agreement between editors who judged the same claims", _agree)
    agree.add_argument("--json", action="store_true", help="machine-readable output")

    export = command(
        "export", "export the current verdicts (ClaimReview) or the whole log (CSV)", _export
    )
    export.add_argument(
        "--format",
        required=True,
        choices=["claimreview", "csv"],
        help="ClaimReview JSON-LD of the current verdicts, or the whole log as CSV",
    )
    export.add_argument(
        "--include-drafts",
        action="store_true",
        help="ClaimReview: also verdicts no second editor has approved yet",
    )
    export.add_argument("--out", type=Path, help="output file (default: stdout)")
    export.add_argument("--publisher", help=f"organisation name (default: ${PUBLISHER_ENV})")
    export.add_argument("--publisher-url", help="organisation url")
    export.add_argument(
        "--review-url",
        help="fact-check page url, may contain {claim_id} (default: $" + REVIEW_URL_ENV + ")",
    )
    export.add_argument("--doc-urls", type=Path, help="CSV with columns doc_id,url")
    export.add_argument("--language", choices=["ar", "en"], default="ar", help="rating label")


def _fail(args: argparse.Namespace, message: object, code: int = 2) -> int:
    print(f"factcheck log {args.log_command}: error: {message}", file=sys.stderr)
    return code


def _open(args: argparse.Namespace) -> VerdictLog:
    from factcheck.verdicts.log import VerdictLog

    return VerdictLog(args.log, scale=args.scale)


def _print_problems(log: VerdictLog, problems: Sequence[LogProblem]) -> None:
    """The rows a read could not load, one ``LOG: line N: why`` line each, on stderr (for a
    database log, N is the row's id)."""
    for p in problems:
        print(f"{log.location}: line {p.line}: {p.error}", file=sys.stderr)


def _read(args: argparse.Namespace) -> tuple[VerdictLog, LogContents] | int:
    """Open and read the log: ``(log, contents)``, or the exit code after saying why not (no
    file or no table: 2, like bad input; out of reach: 1)."""
    try:
        log = _open(args)
        if not log.exists():
            return _fail(args, f"no log at {log.location}")
        return log, log.read_all()
    except ValueError as exc:
        return _fail(args, exc)
    except OSError as exc:
        return _fail(args, exc, 1)


def _write(args: argparse.Namespace, append: Callable[[VerdictLog], VerdictRow]) -> int:
    """Append one row with ``append(log)`` and print its id; bad input exits 2 (nothing
    written), a log out of reach 1 (a lock held too long, a database down)."""
    try:
        row = append(_open(args))
    except ValueError as exc:
        return _fail(args, exc)
    except OSError as exc:
        return _fail(args, exc, 1)
    print(row.verdict_id)
    return 0


def _add(args: argparse.Namespace) -> int:
    return _write(
        args,
        lambda log: log.record(
            claim=args.claim,
            verdict=args.verdict,
            editor=args.editor,
            evidence=args.evidence,
            note=args.note,
            claim_id=args.claim_id,
            supersedes=args.supersedes,
            blind=args.blind,
        ),
    )


def _undo(args: argparse.Namespace) -> int:
    if args.verdict_id:
        return _write(args, lambda log: log.undo(args.verdict_id, args.editor, note=args.note))
    return _write(args, lambda log: log.undo_last(args.editor, note=args.note))


def _review(args: argparse.Namespace) -> int:
    return _write(
        args,
        lambda log: log.review(
            args.verdict_id, reviewer=args.reviewer, decision=args.decision, note=args.note
        ),
    )


def _assign(args: argparse.Namespace) -> int:
    return _write(
        args,
        lambda log: log.assign(
            claim=args.claim,
            assignee=args.assignee,
            editor=args.editor,
            claim_id=args.claim_id,
            note=args.note,
        ),
    )


def _records(df: Any) -> list[dict[str, Any]]:
    out = []
    for rec in df.to_dict("records"):
        out.append(
            {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in rec.items()}
        )
    return out


def _show(args: argparse.Namespace) -> int:
    got = _read(args)
    if isinstance(got, int):
        return got
    log, contents = got
    if args.current:
        rows, columns = log.current(contents.rows), _CURRENT_COLUMNS
    elif args.assignments:
        rows, columns = log.assignments(contents.rows), _ASSIGNMENT_COLUMNS
    else:
        rows, columns = contents.rows, _SHOW_COLUMNS
    if args.json:
        print(json.dumps(_records(rows), ensure_ascii=False, indent=2))
    elif rows.empty:
        print("(no assignments)" if args.assignments else "(no verdicts)")
    else:
        table = rows[columns].copy()
        if "kind" in table:  # a review shows its decision, an assignment its assignee
            kind = table["kind"].replace("", "verdict")
            table["verdict"] = table["verdict"].where(kind == "verdict", rows["decision"])
            table.loc[kind == "assign", "verdict"] = "-> " + rows["assignee"]
            table["kind"] = kind
        table["claim"] = [" ".join(c.split())[:60] for c in table["claim"]]
        print(table.to_string(index=False))
    _print_problems(log, contents.problems)
    return 1 if contents.problems else 0


def _agree(args: argparse.Namespace) -> int:
    got = _read(args)
    if isinstance(got, int):
        return got
    log, contents = got
    result = log.agreement(contents.rows)
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    elif result.pairs.empty:
        print("(no claim judged by two editors yet)")
    else:
        data = result.to_json()

        def fmt(x: float | None) -> str:
            return "n/a" if x is None else f"{x:.2f}"

        table = [
            [
                p["editor_a"],
                p["editor_b"],
                str(p["claims"]),
                str(p["agreed"]),
                fmt(p["raw_agreement"]),
                fmt(p["cohen_kappa"]),
            ]
            for p in data["pairs"]
        ]
        header = ["editor_a", "editor_b", "claims", "agreed", "raw_agreement", "cohen_kappa"]
        widths = [max(len(r[i]) for r in [header, *table]) for i in range(len(header))]
        for r in [header, *table]:
            print("  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)))
        print(
            f"Krippendorff's alpha over {len(data['editors'])} editors and "
            f"{data['shared_claims']} shared claims: {fmt(data['krippendorff_alpha'])}"
        )
    _print_problems(log, contents.problems)
    return 1 if contents.problems else 0


def _doc_urls(path: Path) -> dict[str, str]:
    urls: dict[str, str] = {}
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        if not reader.fieldnames or not {"doc_id", "url"} <= set(reader.fieldnames):
            raise ValueError(f"{path}: line 1: needs columns doc_id,url")
        for rec in reader:
            if rec["doc_id"] and rec["url"]:
                urls[rec["doc_id"]] = rec["url"]
    return urls


def _export(args: argparse.Namespace) -> int:
    from factcheck.verdicts.claimreview import missing_required, to_claimreview

    if args.format == "csv":
        return _export_csv(args)
    got = _read(args)
    if isinstance(got, int):
        return got
    log, contents = got
    current = log.current(contents.rows)
    try:
        options: dict[str, Any] = {
            "scale": log.scale,
            "doc_urls": _doc_urls(args.doc_urls) if args.doc_urls else None,
            "publisher": args.publisher or os.environ.get(PUBLISHER_ENV) or None,
            "publisher_url": args.publisher_url,
            "review_url": args.review_url or os.environ.get(REVIEW_URL_ENV) or None,
            "language": args.language,
            "include_drafts": args.include_drafts,
        }
    except (ValueError, OSError) as exc:
        return _fail(args, exc)
    reviews = to_claimreview(current, **options)
    text = json.dumps(reviews, ensure_ascii=False, indent=2)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    else:
        print(text)
    _print_problems(log, contents.problems)
    left_out = len(current) - len(reviews)
    if left_out:
        why = (
            "disputed (correct them first)"
            if args.include_drafts
            else "not approved by a second editor (--include-drafts adds the drafts)"
        )
        print(f"factcheck log export: {left_out} verdict(s) left out: {why}", file=sys.stderr)
    lacking = sorted({f for r in reviews for f in missing_required(r)})
    if lacking:
        print(
            f"factcheck log export: warning: reviews lack {', '.join(lacking)} "
            "(Google requires them; pass --review-url)",
            file=sys.stderr,
        )
    return 1 if contents.problems else 0


def _export_csv(args: argparse.Namespace) -> int:
    """The whole log as a CSV file, byte for byte what the desk's download gives."""
    try:
        log = _open(args)
        if not log.exists():
            return _fail(args, f"no log at {log.location}")
        data = log.csv_bytes()
    except ValueError as exc:
        return _fail(args, exc)
    except OSError as exc:
        return _fail(args, exc, 1)
    if args.out:
        args.out.write_bytes(data)
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    return 0


def main(argv: list[str] | None = None) -> int:
    """``python -m factcheck.cli.log ...``: the ``log`` group on its own."""
    for stream in (sys.stdout, sys.stderr):  # Arabic must survive a non-UTF-8 locale
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    parser = argparse.ArgumentParser(prog="factcheck")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["log", *(sys.argv[1:] if argv is None else argv)])
    return int(args.func(args) or 0)


if __name__ == "__main__":
    raise SystemExit(main())
