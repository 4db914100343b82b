"""Smoke tests of the browser-test infrastructure on a tiny notebook (fixtures/smoke.ipynb).

They prove what the desk's own browser test relies on: JupyterLab and Voila start offline on
loopback, Run All runs every cell on this venv's kernel, an ipywidgets click reaches the kernel,
right-to-left Arabic is laid out RTL in an Arabic font, and the browser log catches errors.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from .conftest import REPO_ROOT, BrowserLog, JupyterServer, NotebookRunError

pytestmark = pytest.mark.browser

SMOKE = "tests/browser/fixtures/smoke.ipynb"
ARABIC_FONT = "Noto Naskh Arabic"  # from Debian's fonts-noto-core, which bootstrap.sh installs


def click_and_check(
    page: Any,
    server: JupyterServer,
    browser_log: BrowserLog,
    rendered_fonts: Callable[[Any, str], dict[str, int]],
) -> None:
    """The assertions every front end must pass on the smoke notebook."""
    written = server.output_dir / "smoke-click.json"
    written.unlink(missing_ok=True)

    rtl = page.locator(".smoke-rtl")
    rtl.wait_for()
    assert rtl.evaluate("element => getComputedStyle(element).direction") == "rtl"
    assert "البطالة" in rtl.inner_text()
    fonts = rendered_fonts(page, ".smoke-rtl")
    assert fonts.get(ARABIC_FONT, 0) > 0, f"Arabic text drawn with {fonts}, not {ARABIC_FONT}"

    page.locator(".smoke-write-button").click()
    page.locator(".smoke-status", has_text="written 1").wait_for()
    record = json.loads(written.read_text(encoding="utf-8"))
    assert record["clicks"] == 1
    # The kernel is this project's venv, not some other Python on the machine.
    assert Path(record["sys_prefix"]) == Path(sys.prefix)

    browser_log.assert_no_errors()


def test_jupyterlab_run_all_widget_click_and_rtl(
    page: Any,
    jupyter_lab_server: JupyterServer,
    run_all_and_wait: Callable[..., Any],
    browser_log: BrowserLog,
    rendered_fonts: Callable[[Any, str], dict[str, int]],
    screenshot: Callable[..., Path],
) -> None:
    run = run_all_and_wait(page, jupyter_lab_server, SMOKE)
    assert (run.code_cells, run.executed) == (3, 3)
    page.locator(".jp-OutputArea-output pre", has_text="smoke notebook ran to the end").wait_for()
    click_and_check(page, jupyter_lab_server, browser_log, rendered_fonts)
    assert screenshot(page, "jupyterlab", full_page=False).stat().st_size > 0


@pytest.mark.parametrize("voila_server", [SMOKE], indirect=True)
def test_voila_app_widget_click_and_rtl(
    page: Any,
    voila_server: JupyterServer,
    open_voila: Callable[..., None],
    browser_log: BrowserLog,
    rendered_fonts: Callable[[Any, str], dict[str, int]],
    screenshot: Callable[..., Path],
) -> None:
    """The standalone app, as ``scripts/desk.sh --voila`` serves it."""
    open_voila(page, voila_server)
    click_and_check(page, voila_server, browser_log, rendered_fonts)
    # Voila shows outputs only: the notebook's code must not be on the page.
    assert "import ipywidgets" not in page.locator("body").inner_text()
    assert screenshot(page, "voila").stat().st_size > 0


def test_voila_render_route_on_jupyter_server(
    page: Any,
    jupyter_lab_server: JupyterServer,
    open_voila: Callable[..., None],
    browser_log: BrowserLog,
    rendered_fonts: Callable[[Any, str], dict[str, int]],
    screenshot: Callable[..., Path],
) -> None:
    """/voila/render/<notebook> on the Jupyter server: the route the Binder Voila badge opens."""
    open_voila(page, jupyter_lab_server, SMOKE)
    click_and_check(page, jupyter_lab_server, browser_log, rendered_fonts)
    assert screenshot(page, "voila-render").stat().st_size > 0


def test_run_all_and_wait_reports_a_failing_cell(
    page: Any, jupyter_lab_server: JupyterServer, run_all_and_wait: Callable[..., Any]
) -> None:
    """The helper must fail loudly, with the traceback, when a notebook cell raises."""
    directory = REPO_ROOT / "artifacts" / "browser" / "notebooks"  # git-ignored, under the root
    directory.mkdir(parents=True, exist_ok=True)
    notebook = new_notebook(
        cells=[
            new_code_cell("x = 1"),
            new_code_cell('raise ValueError("planted failure " + str(x))'),
            new_code_cell("print('never reached')"),
        ]
    )
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    path = directory / "planted_failure.ipynb"
    nbformat.write(notebook, path)

    with pytest.raises(NotebookRunError, match=r"(?s)code cell 2:.*ValueError: planted failure 1"):
        run_all_and_wait(page, jupyter_lab_server, path.relative_to(REPO_ROOT).as_posix())


def test_browser_log_catches_errors_and_blocks_the_network(
    page: Any, browser_log: BrowserLog
) -> None:
    """``assert_no_errors`` must fail on a console error and on any non-loopback request."""
    page.set_content(
        "<script>console.error('planted console error')</script>"
        '<img src="https://example.invalid/pixel.png">'
    )
    page.wait_for_function("() => document.images[0].complete")
    errors = [str(message) for message in browser_log.errors()]
    assert any("planted console error" in error for error in errors), errors
    assert any("blocked-request" in error and "example.invalid" in error for error in errors), (
        errors
    )
    with pytest.raises(AssertionError, match="planted console error"):
        browser_log.assert_no_errors()
