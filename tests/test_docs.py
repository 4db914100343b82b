"""The README must stay true to the code: these tests fail when the docs drift."""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from pathlib import Path

from factcheck.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _packages() -> list[Path]:
    dirs = {p.parent for p in (ROOT / "factcheck").rglob("*.py")} | {ROOT / "widgets"}
    return sorted(d for d in dirs if "data" not in d.relative_to(ROOT).parts)


def test_every_module_is_on_the_map_of_the_house() -> None:
    rows = [line for line in README.splitlines() if line.startswith("| `")]
    for package in _packages():
        rel = package.relative_to(ROOT).as_posix() + "/"
        row = next((r for r in rows if r.startswith(f"| `{rel}`")), None)
        assert row is not None, f"README's map of the house has no row for {rel}"
        modules = sorted(p.stem for p in package.glob("*.py") if not p.stem.startswith("__"))
        missing = [m for m in modules if f"`{m}`" not in row]
        assert not missing, f"README's row for {rel} lacks {missing}"


def test_the_layers_in_the_docs_are_the_enforced_ones() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contract = next(c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers")
    names = [
        ", ".join(m.strip().removeprefix("factcheck.") for m in layer.split("|"))
        for layer in contract["layers"]
    ]
    line = " → ".join(names)
    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert line in README, f"README does not show the layers as enforced: {line}"
    assert line in contributing, f"CONTRIBUTING.md does not show the layers: {line}"


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
