"""Checks of the Binder set-up (binder/, read by repo2docker) that need no Docker or repo2docker.

repo2docker picks the Python buildpack from binder/runtime.txt, runs `pip install -r
binder/requirements.txt` from the repository root, then binder/postBuild once; binder/start runs
at every launch. The README's badges open notebooks/desk.ipynb in JupyterLab (`lab/tree/...`) and
in Voila (`voila/render/...`).
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import re
import shlex
import subprocess
import sys
import tomllib
import urllib.parse
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
BINDER = ROOT / "binder"
DESK_NOTEBOOK = "notebooks/desk.ipynb"
CPU_INDEX = "https://download.pytorch.org/whl/cpu"


def bootstrap_torch_version() -> Version:
    text = (ROOT / "scripts" / "bootstrap.sh").read_text(encoding="utf-8")
    match = re.search(r'^TORCH_VERSION="([^"]+)"$', text, re.MULTILINE)
    assert match, "scripts/bootstrap.sh no longer sets TORCH_VERSION"
    return Version(match.group(1))


def requirement_lines() -> list[str]:
    """binder/requirements.txt without comments and blank lines."""
    lines = []
    for raw in (BINDER / "requirements.txt").read_text(encoding="utf-8").splitlines():
        line = re.sub(r"(^|\s)#.*$", "", raw).strip()
        if line:
            lines.append(line)
    return lines


def named_requirements() -> dict[str, Requirement]:
    """The requirements that name a package (not options, not the project's own path)."""
    found = {}
    for line in requirement_lines():
        if line.startswith("-") or line in (".", "./"):
            continue
        requirement = Requirement(line)
        found[canonicalize_name(requirement.name)] = requirement
    return found


def pinned_version(requirement: Requirement) -> Version:
    pins = [spec for spec in requirement.specifier if spec.operator == "=="]
    assert len(pins) == 1, f"{requirement} is not pinned with =="
    return Version(pins[0].version)


def project_dependencies() -> dict[str, Requirement]:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    requirements = [Requirement(text) for text in pyproject["project"]["dependencies"]]
    return {canonicalize_name(r.name): r for r in requirements}


def test_binder_runtime_is_a_python_the_project_supports() -> None:
    runtime = (BINDER / "runtime.txt").read_text(encoding="utf-8").strip()
    assert runtime.startswith("python-"), runtime
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    supported = SpecifierSet(pyproject["project"]["requires-python"])
    assert Version(runtime.removeprefix("python-")) in supported
    # The suite itself runs on a supported Python too (the one bootstrap.sh chose).
    assert Version(".".join(map(str, sys.version_info[:3]))) in supported


def test_torch_is_the_cpu_build_bootstrap_installs() -> None:
    assert f"--extra-index-url {CPU_INDEX}" in requirement_lines()
    pinned = pinned_version(named_requirements()["torch"])
    assert pinned.public == str(bootstrap_torch_version())
    assert pinned.local == "cpu"
    # The venv this suite runs in was made by bootstrap.sh: the same torch.
    assert Version(importlib.metadata.version("torch")).public == pinned.public


def test_torch_pin_satisfies_camel_tools() -> None:
    """camel-tools is what pulls torch in; its own range must admit the pin."""
    pinned = pinned_version(named_requirements()["torch"])
    camel = [Requirement(text) for text in importlib.metadata.requires("camel-tools") or []]
    torch_specs = [r.specifier for r in camel if canonicalize_name(r.name) == "torch"]
    assert torch_specs, "camel-tools no longer declares torch: revisit the torch pin"
    for specifier in torch_specs:
        assert specifier.contains(pinned, prereleases=True), f"torch {pinned} vs {specifier}"


def test_installs_the_project_itself() -> None:
    lines = requirement_lines()
    assert any(line in (".", "-e .", "--editable .") for line in lines), lines


def test_pins_agree_with_pyproject() -> None:
    """Whatever binder pins must satisfy pyproject.toml's specifier for the same package."""
    dependencies = project_dependencies()
    for name, requirement in named_requirements().items():
        if name not in dependencies:
            continue
        for spec in requirement.specifier:
            if spec.operator == "==":
                assert dependencies[name].specifier.contains(Version(spec.version)), (
                    f"binder pins {requirement}, pyproject.toml asks {dependencies[name]}"
                )


def _bash_script(name: str) -> str:
    path = BINDER / name
    assert os.access(path, os.X_OK), f"binder/{name} must be executable (git keeps the bit)"
    text = path.read_text(encoding="utf-8")
    assert text.startswith(("#!/bin/bash\n", "#!/usr/bin/env bash\n")), f"binder/{name} shebang"
    syntax = subprocess.run(["bash", "-n", str(path)], capture_output=True, text=True)
    assert syntax.returncode == 0, syntax.stderr
    return text


def test_post_build_installs_camel_data_and_checks_it() -> None:
    text = _bash_script("postBuild")
    commands = [line.strip() for line in text.splitlines()[1:]]
    commands = [line for line in commands if line and not line.startswith("#")]
    assert re.match(r"set -[a-z]*e[a-z]*( |$)", commands[0]), f"first command: {commands[0]}"
    camel = [shlex.split(command) for command in commands if command.startswith("camel_data ")]
    assert camel and camel[0][:2] == ["camel_data", "-i"] and len(camel[0]) == 3, camel
    # The check at the end calls the project's own lookup: it must exist.
    assert "from factcheck.text.lemmas import find_morphology_db" in text
    from factcheck.text.lemmas import find_morphology_db

    assert callable(find_morphology_db)


def test_start_points_kernels_at_the_data_post_build_installed(tmp_path: Path) -> None:
    start = _bash_script("start")
    assert start.rstrip().endswith('exec "$@"')
    env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path)}
    at_launch = subprocess.run(
        ["bash", str(BINDER / "start"), "printenv", "CAMELTOOLS_DATA"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    exports = [
        line
        for line in (BINDER / "postBuild").read_text(encoding="utf-8").splitlines()
        if line.startswith("export CAMELTOOLS_DATA=")
    ]
    assert len(exports) == 1, exports
    at_build = subprocess.run(
        ["bash", "-c", f'{exports[0]}; printf %s "$CAMELTOOLS_DATA"'],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert at_launch == at_build == str(tmp_path / ".camel_tools")


def test_binder_badge_notebook_exists() -> None:
    assert (ROOT / DESK_NOTEBOOK).is_file(), f"the Binder badges open {DESK_NOTEBOOK}"


def test_readme_badges_open_existing_notebooks() -> None:
    """README's mybinder.org links: one for JupyterLab, one for Voila, both on real notebooks."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    links = re.findall(r"https://mybinder\.org/v2/gh/[^\s)\"'>]+", readme)
    assert links, "README.md has no mybinder.org badge link"
    kinds = set()
    for link in links:
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(link).query)
        (urlpath,) = query.get("urlpath", [""])
        match = re.fullmatch(r"/?(lab/tree|voila/render)/(.+\.ipynb)", urlpath)
        assert match, f"{link}: urlpath must be lab/tree/<notebook> or voila/render/<notebook>"
        kinds.add(match.group(1))
        assert (ROOT / match.group(2)).is_file(), f"{link} opens {match.group(2)}: missing"
    assert kinds == {"lab/tree", "voila/render"}, f"badges found: {sorted(kinds)}"


@pytest.mark.slow
def test_binder_requirements_resolve(tmp_path: Path) -> None:
    """pip resolves binder/requirements.txt (with the project) against the package index.

    The CPU index is not reachable from here, so its line is dropped; the pinned torch CPU wheel
    comes from this machine's pip configuration instead (the same file bootstrap.sh installs).
    ``--dry-run --ignore-installed`` resolves from scratch without installing (about 40 s).
    """
    requirements = tmp_path / "requirements.txt"
    kept = [line for line in requirement_lines() if not line.startswith("--extra-index-url")]
    requirements.write_text("\n".join(kept) + "\n", encoding="utf-8")
    report = tmp_path / "report.json"
    command = [sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed"]
    command += ["--quiet", "--no-input", "--report", str(report), "-r", str(requirements)]
    # cwd: "." in the requirements is the repository, as when repo2docker runs pip.
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=540)
    assert result.returncode == 0, result.stderr[-4000:]
    installed = {
        canonicalize_name(item["metadata"]["name"]): item
        for item in json.loads(report.read_text(encoding="utf-8"))["install"]
    }
    assert installed["factcheck-desk"]["download_info"]["url"] == ROOT.as_uri()
    torch = Version(installed["torch"]["metadata"]["version"])
    assert torch == pinned_version(named_requirements()["torch"])
    for name, requirement in project_dependencies().items():
        assert name in installed, f"{name} missing from the resolution"
        version = Version(installed[name]["metadata"]["version"])
        assert requirement.specifier.contains(version, prereleases=True), (requirement, version)
