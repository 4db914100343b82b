"""The house rules of the package, checked on the source (README, "Map of the house").

* the layers hold and no subpackage has an import cycle (import-linter, configured in
  ``pyproject.toml``; function-level imports count);
* no module imports another module's private (``_name``) name;
* no module is over :data:`MAX_LINES` lines.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MAX_LINES = 500
MODULES = sorted([*(ROOT / "factcheck").rglob("*.py"), *(ROOT / "widgets").rglob("*.py")])


def _name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[0] == "widgets":
        parts.insert(0, "factcheck")
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _private_imports(path: Path) -> list[str]:
    """``from <factcheck module> import _private`` statements (relative ones included)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom):
            continue
        internal = node.level > 0 or (node.module or "").split(".")[0] == "factcheck"
        if not internal:
            continue
        for alias in node.names:
            if alias.name.startswith("_") and not alias.name.startswith("__"):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {alias.name}")
    return found


def test_no_module_imports_a_private_name_of_another() -> None:
    found = [hit for path in MODULES for hit in _private_imports(path)]
    assert found == []


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_no_module_is_over_the_limit(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(ROOT)} has {lines} lines"


def test_layers_and_no_cycles() -> None:
    lint = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run(
        [str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "BROKEN" not in done.stdout
