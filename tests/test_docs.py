"""The README must stay true to the code: these tests fail when the docs drift."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from factcheck.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_library_module_is_in_the_module_table() -> None:
    modules = sorted(p.name for p in (ROOT / "factcheck").glob("*.py") if p.name != "__init__.py")
    missing = [m for m in modules if f"factcheck/{m}" not in README]
    assert not missing, f"README module table lacks {missing}"


def _commands(parser: argparse.ArgumentParser, prefix: str = "factcheck") -> list[str]:
    out = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                nested = _commands(sub, f"{prefix} {name}")
                out += nested or [f"{prefix} {name}"]
    return out


def test_every_cli_command_is_documented() -> None:
    commands = _commands(build_parser())
    assert "factcheck evidence" in commands and "factcheck log add" in commands
    missing = [c for c in commands if c not in README]
    assert not missing, f"README does not show {missing}"


def test_the_two_commands_exist_and_ci_runs_the_test_command() -> None:
    assert "bash scripts/desk.sh" in README and "bash scripts/test.sh" in README
    assert (ROOT / "scripts" / "desk.sh").is_file() and (ROOT / "scripts" / "test.sh").is_file()
    assert "scripts/test.sh" in (ROOT / ".ci" / "run").read_text()


def test_dev_set_figures_in_readme_match_the_evaluation() -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import evidence_eval

    from factcheck import load_corpus, sample_corpus_path

    cases = evidence_eval.load_cases()
    rep = evidence_eval.evaluate(load_corpus(sample_corpus_path()), cases, top_k=10)
    block = README.split("<!-- figures:evidence_eval -->")[1].split("<!-- /figures -->")[0]
    with_passages = sum(1 for c in cases if not c.get("none"))
    expected = {
        "claims": f"{len(cases)} ({with_passages} with expected passages, "
        f"{rep.none_cases} with no evidence)",
        "expected passages": str(rep.expected),
        "recall@10": f"{rep.recall:.3f}",
        "stance accuracy": f"{rep.stance_accuracy:.3f}",
        "no-evidence claims with no support/contradiction": f"{rep.none_clean}/{rep.none_cases}",
    }
    rows = dict(re.findall(r"^\| ([^|]+?) \| ([^|]+?) \|$", block, flags=re.M))
    for key, value in expected.items():
        assert rows.get(key) == value, (
            f"README says {key} = {rows.get(key)!r}, evaluation {value!r}"
        )
