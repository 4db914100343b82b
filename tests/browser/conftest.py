"""Real-browser test infrastructure: real JupyterLab / Voila servers driven by Debian's chromium.

Everything here is loopback-only and offline: servers bind 127.0.0.1 with a random port and token,
chromium gets flags that stop its background networking, and every request to a host other than
127.0.0.1/localhost is blocked in the browser context (and recorded, so a test can see it).

Fixtures (use them from tests under ``tests/browser/``; mark those tests ``@pytest.mark.browser``):

``jupyter_lab_server`` (session)
    A :class:`JupyterServer` for ``jupyter lab`` rooted at the repository, with throw-away Jupyter
    config/data/runtime/IPython dirs, no news/update checks, autosave off (tests never rewrite a
    notebook on disk), checkpoints outside the repository, and notebook windowing off (every cell
    is in the DOM). Kernels run on this venv's ``python3`` kernelspec.
``voila_server`` (session, parametrized indirectly by a notebook path relative to the repository)
    A :class:`JupyterServer` for ``voila <notebook>`` started from the repository root, as
    ``scripts/desk.sh --voila`` does: ``@pytest.mark.parametrize("voila_server",
    ["notebooks/desk.ipynb"], indirect=True)``.
``start_server`` (session)
    Factory behind both: ``start_server("lab" | "voila", notebook=None, root_dir=REPO_ROOT,
    env=None, name=None) -> JupyterServer`` for a server with other settings (for example extra
    environment variables for the kernel). Stopped at the end of the session.
``browser`` (session) / ``page`` (per test)
    Playwright (sync API) chromium at ``/usr/bin/chromium`` and a fresh context + page per test.
    The page's console messages, uncaught page errors and blocked requests go to ``browser_log``.
    When a test fails, a screenshot and the browser log are saved to ``artifacts/browser/``.
``browser_log`` (per test)
    :class:`BrowserLog`; ``browser_log.assert_no_errors()`` fails on any console error, page error
    or blocked request that is not in :data:`KNOWN_BENIGN` (each entry documents why it is there).
``screenshot``
    ``screenshot(page, label, full_page=True) -> Path`` under ``artifacts/browser/screenshots/``.
``run_all_and_wait``
    ``run_all_and_wait(page, server, "notebooks/desk.ipynb", timeout=300) -> NotebookRun``: opens
    the notebook in JupyterLab (fresh kernel, fresh workspace), waits for the kernel, clears
    outputs, runs Run → Run All Cells, waits until every non-empty code cell has run, and raises
    :class:`NotebookRunError` (with the traceback text) if a cell failed.
``open_voila``
    ``open_voila(page, server, notebook=None, timeout=300) -> None``: opens a Voila page (the
    standalone server's app, or ``/voila/render/<notebook>`` on a JupyterLab server, as Binder
    does), waits until it has rendered, and raises :class:`NotebookRunError` if a cell failed.
``rendered_fonts``
    ``rendered_fonts(page, selector) -> dict[str, int]``: the platform fonts chromium used for the
    element's text (family -> glyph count), from the DevTools protocol.

Server logs go to ``artifacts/browser/servers/<name>.log``.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil
import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO_ROOT / "artifacts" / "browser"

# Flags for chromium as root on a machine with no network but loopback: no sandbox (root), no GPU,
# and none of its own background traffic (which this machine would refuse, noisily).
VIEWPORT = {"width": 1400, "height": 1000}
SERVER_START_TIMEOUT = 120.0  # seconds; two shared cores can be slow to import JupyterLab
KERNEL_READY_TIMEOUT = 120.0
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}


# --------------------------------------------------------------------------------------------
# Servers


@dataclass(frozen=True)
class JupyterServer:
    """A server started by :func:`start_server`; ``url`` ends with ``/``."""

    kind: str  # "lab" or "voila"
    url: str
    token: str
    root_dir: Path
    output_dir: Path  # exported to the server and its kernels as FACTCHECK_TEST_OUTPUT_DIR
    log_path: Path
    pid: int
    notebook: str | None = None  # voila: the notebook it serves, relative to root_dir

    def url_for(self, path: str = "", **query: str) -> str:
        """Absolute URL of ``path`` (relative to the server's base URL) carrying the token."""
        base = urllib.parse.urljoin(self.url, path.lstrip("/"))
        params = urllib.parse.urlencode({**query, "token": self.token})
        return f"{base}{'&' if '?' in base else '?'}{params}"

    def api(self, method: str, path: str) -> Any:
        """Call the Jupyter REST API (``lab`` servers); returns the decoded JSON or None."""
        request = urllib.request.Request(
            urllib.parse.urljoin(self.url, path.lstrip("/")),
            method=method,
            headers={"Authorization": f"token {self.token}"},
        )
        with _NO_PROXY.open(request, timeout=30) as response:
            body = response.read()
        return json.loads(body) if body else None

    def shutdown_sessions(self, notebook: str) -> None:
        """Stop the kernel sessions of ``notebook`` so that the next open starts a fresh kernel."""
        for session in self.api("GET", "api/sessions"):
            if session.get("path") == notebook:
                self.api("DELETE", f"api/sessions/{session['id']}")


# Loopback requests must never go through an HTTP proxy from the environment.
_NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _write_json(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")


def _jupyter_home(base: Path) -> dict[str, str]:
    """Throw-away Jupyter/IPython dirs with the settings that keep JupyterLab offline and quiet."""
    dirs = {
        name: base / name
        for name in ("config", "data", "runtime", "ipython", "workspaces", "checkpoints")
    }
    for path in dirs.values():
        path.mkdir(parents=True, exist_ok=True)
    # The announcements plugin asks to fetch Jupyter news from the internet: disable it outright.
    _write_json(
        dirs["config"] / "labconfig" / "page_config.json",
        {"disabledExtensions": {"@jupyterlab/apputils-extension:announcements": True}},
    )
    settings = dirs["config"] / "lab" / "user-settings" / "@jupyterlab"
    # No news or update checks (network), no autosave (a test must never rewrite a notebook on
    # disk), and every cell attached to the DOM so that tests can find any cell's output.
    _write_json(
        settings / "apputils-extension" / "notification.jupyterlab-settings",
        {"fetchNews": "false", "checkForUpdates": False},
    )
    _write_json(
        settings / "docmanager-extension" / "plugin.jupyterlab-settings", {"autosave": False}
    )
    _write_json(
        settings / "notebook-extension" / "tracker.jupyterlab-settings", {"windowingMode": "none"}
    )
    return {key: str(value) for key, value in dirs.items()}


def _server_command(
    kind: str, port: int, token: str, root_dir: Path, dirs: dict[str, str], notebook: str | None
) -> list[str]:
    if kind == "lab":
        return [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={port}",
            "--ServerApp.port_retries=0",
            # jupyter_server 2.x: the token belongs to the identity provider (ServerApp.token is
            # deprecated).
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={root_dir}",
            "--ServerApp.allow_root=True",
            "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            "--LabApp.extension_manager=readonly",
            f"--LabApp.workspaces_dir={dirs['workspaces']}",
            f"--FileCheckpoints.root_dir={dirs['checkpoints']}",
        ]
    if kind == "voila":
        if notebook is None:
            raise ValueError("a voila server needs a notebook path")
        return [
            sys.executable,
            "-m",
            "voila",
            notebook,
            "--no-browser",
            "--Voila.ip=127.0.0.1",
            f"--port={port}",
            "--Voila.port_retries=0",
            f"--token={token}",
            f"--Voila.connection_dir_root={dirs['runtime']}",
            # A failing cell shows its traceback, so that tests (and their screenshots) say why.
            "--show_tracebacks=True",
        ]
    raise ValueError(f"unknown server kind {kind!r}")


def _tail(path: Path, lines: int = 60) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError as exc:
        return f"(no log: {exc})"


def _wait_until_serving(proc: subprocess.Popen[bytes], probe_url: str, log_path: Path) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    last_error = "no answer yet"
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(
                f"server exited with code {proc.returncode} before serving; "
                f"log {log_path}:\n{_tail(log_path)}"
            )
        try:
            with _NO_PROXY.open(probe_url, timeout=5) as response:
                if response.status == 200:
                    return
                last_error = f"HTTP {response.status}"
        except (urllib.error.URLError, OSError) as exc:
            last_error = str(exc)
        time.sleep(0.25)
    raise TimeoutError(
        f"server not serving {probe_url} after {SERVER_START_TIMEOUT:.0f}s ({last_error}); "
        f"log {log_path}:\n{_tail(log_path)}"
    )


def _stop_process_tree(proc: subprocess.Popen[bytes]) -> None:
    """Stop a server and everything it started (kernels run in their own sessions)."""
    try:
        procs = [psutil.Process(proc.pid), *psutil.Process(proc.pid).children(recursive=True)]
    except psutil.NoSuchProcess:
        procs = []
    if proc.poll() is None:
        # SIGTERM lets the server shut its kernels down cleanly.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
    _gone, alive = psutil.wait_procs(procs, timeout=5)
    for leftover in alive:
        with contextlib.suppress(psutil.NoSuchProcess):
            leftover.kill()


@pytest.fixture(scope="session")
def start_server(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Callable[..., JupyterServer]]:
    """Factory: ``start_server(kind, notebook=None, root_dir=REPO_ROOT, env=None, name=None)``."""
    running: list[subprocess.Popen[bytes]] = []

    def start(
        kind: str,
        notebook: str | None = None,
        *,
        root_dir: Path = REPO_ROOT,
        env: dict[str, str] | None = None,
        name: str | None = None,
    ) -> JupyterServer:
        name = name or (kind if notebook is None else f"{kind}-{Path(notebook).stem}")
        base = tmp_path_factory.mktemp(f"server-{name}")
        dirs = _jupyter_home(base)
        output_dir = base / "output"
        output_dir.mkdir()
        token = secrets.token_hex(16)
        log_path = ARTIFACTS / "servers" / f"{name}.log"
        log_path.parent.mkdir(parents=True, exist_ok=True)
        server_env = {
            **os.environ,
            "JUPYTER_CONFIG_DIR": dirs["config"],
            "JUPYTER_DATA_DIR": dirs["data"],
            "JUPYTER_RUNTIME_DIR": dirs["runtime"],
            "JUPYTER_PREFER_ENV_PATH": "1",
            "IPYTHONDIR": dirs["ipython"],
            "FACTCHECK_TEST_OUTPUT_DIR": str(output_dir),
            **(env or {}),
        }
        server_env.pop("JUPYTER_TOKEN", None)
        for attempt in range(3):
            # The free port can be taken by someone else before the server binds it (the server
            # gets no port retries, so that its URL is known): then try another port.
            port = _free_port()
            command = _server_command(kind, port, token, root_dir, dirs, notebook)
            with log_path.open("wb") as log:
                log.write(f"$ {' '.join(command)}\n".encode())
                log.flush()
                proc = subprocess.Popen(
                    command,
                    cwd=root_dir,
                    env=server_env,
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,  # its own process group, stopped as a whole
                )
            running.append(proc)
            url = f"http://127.0.0.1:{port}/"
            # /api/status checks the token too; Voila has no such API, its login page is cheap
            # and starts no kernel.
            probe = f"{url}api/status?token={token}" if kind == "lab" else f"{url}login"
            try:
                _wait_until_serving(proc, probe, log_path)
                break
            except RuntimeError:
                if attempt == 2 or "already in use" not in _tail(log_path):
                    raise
        return JupyterServer(
            kind=kind,
            url=url,
            token=token,
            root_dir=root_dir,
            output_dir=output_dir,
            log_path=log_path,
            pid=proc.pid,
            notebook=notebook,
        )

    yield start
    for proc in reversed(running):
        _stop_process_tree(proc)


@pytest.fixture(scope="session")
def jupyter_lab_server(start_server: Callable[..., JupyterServer]) -> JupyterServer:
    """JupyterLab rooted at the repository (see the module docstring)."""
    return start_server("lab", name="jupyterlab")


@pytest.fixture(scope="session")
def voila_server(
    request: pytest.FixtureRequest, start_server: Callable[..., JupyterServer]
) -> JupyterServer:
    """Voila on one notebook, named by indirect parametrization (see the module docstring)."""
    notebook = getattr(request, "param", None)
    if not isinstance(notebook, str):
        raise pytest.UsageError(
            "voila_server needs a notebook path: "
            '@pytest.mark.parametrize("voila_server", ["notebooks/desk.ipynb"], indirect=True)'
        )
    if not (REPO_ROOT / notebook).is_file():
        raise FileNotFoundError(f"voila_server: {REPO_ROOT / notebook} does not exist")
    return start_server("voila", notebook)


# --------------------------------------------------------------------------------------------
# Browser, page and what the page says


@dataclass(frozen=True)
class BrowserMessage:
    """One thing the browser reported: a console message, a page error or a blocked request."""

    kind: str  # "console", "pageerror", "blocked-request" or "requestfailed"
    level: str  # console type ("error", "warning", "log", ...); page errors and blocked requests
    # are "error", failed requests "warning"
    text: str
    url: str = ""  # the script or resource it is about, when known

    def __str__(self) -> str:
        where = f" ({self.url})" if self.url else ""
        return f"[{self.kind}:{self.level}] {self.text}{where}"


@dataclass(frozen=True)
class BenignPattern:
    """Known noise that is not a defect of ours; ``why`` is required and shown in reports."""

    why: str
    url: str = ""  # regex on BrowserMessage.url
    text: str = ""  # regex on BrowserMessage.text

    def matches(self, message: BrowserMessage) -> bool:
        return bool(
            (not self.url or re.search(self.url, message.url))
            and (not self.text or re.search(self.text, message.text))
        )


# Keep this list short; every entry says why the message is harmless.
KNOWN_BENIGN: tuple[BenignPattern, ...] = (
    BenignPattern(
        url=r"^https://cdn\.jsdelivr\.net/npm/@fortawesome/fontawesome-free@",
        why=(
            "Voila's lab template (voila/templates/lab/index.html.j2) links Font Awesome CSS from "
            "a CDN; tests allow no network, so the request is blocked and its 'Failed to load "
            "resource' console error follows. Voila's own bundle carries Font Awesome as well."
        ),
    ),
    BenignPattern(
        url=r"^https://cdnjs\.cloudflare\.com/ajax/libs/mathjax/",
        why=(
            "Voila pages load MathJax from a CDN (nbconvert's default mathjax_url); tests allow no "
            "network, so it is blocked. Only LaTeX in Markdown needs it, and JupyterLab bundles "
            "its own MathJax."
        ),
    ),
)


@dataclass
class BrowserLog:
    """What the browser said during one test, in order."""

    messages: list[BrowserMessage] = field(default_factory=list)
    benign: tuple[BenignPattern, ...] = KNOWN_BENIGN

    def add(self, kind: str, level: str, text: str, url: str = "") -> None:
        self.messages.append(BrowserMessage(kind, level, text, url))

    def errors(self) -> list[BrowserMessage]:
        """Errors and blocked requests that no :data:`KNOWN_BENIGN` entry explains."""
        return [
            message
            for message in self.messages
            if message.level == "error"
            and not any(pattern.matches(message) for pattern in self.benign)
        ]

    def assert_no_errors(self) -> None:
        errors = self.errors()
        assert not errors, "the browser reported errors:\n" + "\n".join(map(str, errors))

    def dump(self) -> str:
        return "\n".join(map(str, self.messages))


def _is_loopback(url: str) -> bool:
    parsed = urllib.parse.urlsplit(url)
    if parsed.scheme not in ("http", "https", "ws", "wss"):
        return True  # data:, blob:, about: never leave the browser
    return (parsed.hostname or "") in LOOPBACK_HOSTS


def _safe_name(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "_", text).strip("_")[:150]


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    # Keep each phase's report on the item so that the page fixture knows whether the test failed.
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def browser_log() -> BrowserLog:
    return BrowserLog()


@pytest.fixture
def page(browser: Any, browser_log: BrowserLog, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh browser context and page; on failure a screenshot and the log go to artifacts/."""
    context = browser.new_context(viewport=VIEWPORT, locale="en-US", timezone_id="UTC")

    def route(route: Any) -> None:
        url = route.request.url
        if _is_loopback(url):
            route.continue_()
        else:
            browser_log.add("blocked-request", "error", "request to a non-loopback host", url)
            route.abort("blockedbyclient")

    context.route("**/*", route)
    new_page = context.new_page()
    new_page.set_default_timeout(60_000)
    new_page.on(
        "console",
        lambda message: browser_log.add(
            "console", message.type, message.text, message.location.get("url", "")
        ),
    )
    new_page.on("pageerror", lambda error: browser_log.add("pageerror", "error", str(error)))
    new_page.on(
        "requestfailed",
        # Usually requests cut short by navigation or closing; a real failure also shows as a
        # console error, so these are kept as warnings.
        lambda req: browser_log.add("requestfailed", "warning", str(req.failure), req.url),
    )
    new_page.on("crash", lambda _page: browser_log.add("pageerror", "error", "page crashed"))
    failure_base = ARTIFACTS / "failures" / _safe_name(request.node.nodeid)
    for stale in (failure_base.with_suffix(".png"), failure_base.with_suffix(".log")):
        stale.unlink(missing_ok=True)
    yield new_page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        failure_base.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(Exception):
            new_page.screenshot(path=str(failure_base.with_suffix(".png")), full_page=True)
        failure_base.with_suffix(".log").write_text(browser_log.dump(), encoding="utf-8")
    context.close()


@pytest.fixture
def screenshot(request: pytest.FixtureRequest) -> Callable[..., Path]:
    """``screenshot(page, label, full_page=True) -> Path`` in artifacts/browser/screenshots/."""
    directory = ARTIFACTS / "screenshots"

    def take(page: Any, label: str, *, full_page: bool = True) -> Path:
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / f"{_safe_name(request.node.name)}-{_safe_name(label)}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return take


def rendered_fonts_of(page: Any, selector: str) -> dict[str, int]:
    """Platform fonts chromium used to draw the text of the first element matching ``selector``.

    Returns ``{family name: glyph count}`` (DevTools ``CSS.getPlatformFontsForNode``): the fonts
    actually used, after fallback, not what CSS asked for.
    """
    page.locator(selector).first.wait_for()
    session = page.context.new_cdp_session(page)
    try:
        session.send("DOM.enable")
        session.send("CSS.enable")
        root = session.send("DOM.getDocument", {"depth": -1})["root"]
        node = session.send("DOM.querySelector", {"nodeId": root["nodeId"], "selector": selector})
        if not node.get("nodeId"):
            raise LookupError(f"no element matches {selector!r}")
        # The fonts are reported for an element's own text nodes, so ask for every descendant too.
        descendants = session.send(
            "DOM.querySelectorAll", {"nodeId": node["nodeId"], "selector": "*"}
        )
        fonts: dict[str, int] = {}
        for node_id in [node["nodeId"], *descendants.get("nodeIds", [])]:
            result = session.send("CSS.getPlatformFontsForNode", {"nodeId": node_id})
            for font in result.get("fonts", []):
                fonts[font["familyName"]] = fonts.get(font["familyName"], 0) + font["glyphCount"]
        return fonts
    finally:
        session.detach()


@pytest.fixture
def rendered_fonts() -> Callable[[Any, str], dict[str, int]]:
    """``rendered_fonts(page, selector) -> {family: glyphs}``; see :func:`rendered_fonts_of`."""
    return rendered_fonts_of


# --------------------------------------------------------------------------------------------
# Driving notebooks


class NotebookRunError(AssertionError):
    """A notebook run in the browser failed: a cell raised, or the run never finished."""


@dataclass(frozen=True)
class NotebookRun:
    """What :func:`run_all_in_lab` saw once the run was over."""

    notebook: str
    code_cells: int
    executed: int
    seconds: float


# A cell "failed" when its stderr output is an IPython error display. JupyterLab renders error
# outputs with the same mime type as stderr text (application/vnd.jupyter.stderr), so the text
# decides: a runtime error carries "Traceback (most recent call last)", a syntax error in a cell
# carries "Cell In[n], line m"; warnings carry neither.
_CELL_STATE_JS = r"""
() => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  if (!panel) return null;
  const indicator = panel.querySelector('.jp-Notebook-ExecutionIndicator');
  const statusItems = [...document.querySelectorAll('.jp-StatusBar-Item')];
  const kernelIdle = indicator !== null && indicator.dataset.status === 'idle'
    && statusItems.some((item) => /\|\s*Idle\s*$/.test(item.textContent));
  const errorPattern = /Traceback \(most recent call last\)|^\s*Cell In\[\d+\], line \d+/m;
  const cells = [...panel.querySelectorAll('.jp-Notebook .jp-CodeCell')].map((cell, index) => {
    const prompt = (cell.querySelector('.jp-InputArea-prompt')?.textContent || '').trim();
    const source = cell.querySelector('.jp-InputArea-editor .cm-content')?.textContent || '';
    const errors = [...cell.querySelectorAll(
        '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')]
      .map((output) => output.textContent)
      .filter((text) => errorPattern.test(text));
    return {index, prompt, empty: source.trim() === '', errors};
  });
  return {kernelIdle, cells};
}
"""


def _cell_state(page: Any) -> dict[str, Any] | None:
    return page.evaluate(_CELL_STATE_JS)


def _describe_cells(state: dict[str, Any] | None) -> str:
    if not state:
        return "no notebook panel"
    prompts = " ".join(cell["prompt"] or "?" for cell in state["cells"])
    return f"kernel idle={state['kernelIdle']}; code cell prompts: {prompts}"


def _poll(
    page: Any, done: Callable[[dict[str, Any]], bool], timeout: float, what: str
) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    state = None
    while time.monotonic() < deadline:
        state = _cell_state(page)
        if state is not None and done(state):
            return state
        page.wait_for_timeout(250)
    raise NotebookRunError(
        f"timed out after {timeout:.0f}s waiting for {what}: {_describe_cells(state)}"
    )


def _menu(page: Any, menu: str, command: str) -> None:
    """Click a main-menu entry by its JupyterLab command id (stable across label translations)."""
    page.locator("#jp-MainMenu .lm-MenuBar-itemLabel", has_text=re.compile(rf"^{menu}$")).click()
    page.locator(f'.lm-Menu-item[data-command="{command}"]').click()


def run_all_in_lab(
    page: Any, server: JupyterServer, notebook: str, *, timeout: float = 300.0
) -> NotebookRun:
    """Open ``notebook`` in JupyterLab with a fresh kernel, run all cells, wait for the end.

    ``notebook`` is relative to the server's root dir. Raises :class:`NotebookRunError` with the
    traceback text when a cell fails or the run does not finish within ``timeout`` seconds.
    """
    if server.kind != "lab":
        raise ValueError("run_all_and_wait needs a JupyterLab server")
    started = time.monotonic()
    server.shutdown_sessions(notebook)
    # A workspace of its own: no tabs restored from earlier tests.
    workspace = f"test-{uuid.uuid4().hex[:12]}"
    page.goto(server.url_for(f"lab/workspaces/{workspace}/tree/{urllib.parse.quote(notebook)}"))
    page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook").wait_for()
    # The execution indicator says "idle" before the kernel even exists; the status bar's
    # "<kernel> | Idle" appears only once the kernel is connected.
    _poll(page, lambda state: state["kernelIdle"], KERNEL_READY_TIMEOUT, "the kernel to be idle")
    _menu(page, "Edit", "editmenu:clear-all")
    _poll(
        page,
        lambda state: all(cell["prompt"] in ("[ ]:", "") for cell in state["cells"]),
        30,
        "cleared outputs",
    )
    _menu(page, "Run", "runmenu:run-all")
    # Fail fast when Run All was not taken up (cells queued show [*]; quick ones show [n]).
    _poll(
        page,
        lambda state: (
            any(re.fullmatch(r"\[(\*|\d+)\]:", cell["prompt"]) for cell in state["cells"])
            or all(cell["empty"] for cell in state["cells"])
        ),
        30,
        "Run All Cells to start",
    )

    def finished(state: dict[str, Any]) -> bool:
        cells = state["cells"]
        if not state["kernelIdle"] or any(cell["prompt"] == "[*]:" for cell in cells):
            return False
        ran = [bool(re.fullmatch(r"\[\d+\]:", cell["prompt"])) for cell in cells]
        all_ran = all(r or cell["empty"] for r, cell in zip(ran, cells, strict=True))
        return all_ran or any(cell["errors"] for cell in cells)

    state = _poll(page, finished, timeout, f"{notebook} to run")
    failures = [cell for cell in state["cells"] if cell["errors"]]
    if failures:
        details = "\n\n".join(
            f"code cell {cell['index'] + 1}:\n" + "\n".join(cell["errors"]) for cell in failures
        )
        raise NotebookRunError(f"{notebook}: a cell failed in JupyterLab:\n{details[:6000]}")
    code_cells = [cell for cell in state["cells"] if not cell["empty"]]
    return NotebookRun(
        notebook=notebook,
        code_cells=len(code_cells),
        executed=sum(bool(re.fullmatch(r"\[\d+\]:", cell["prompt"])) for cell in code_cells),
        seconds=time.monotonic() - started,
    )


@pytest.fixture
def run_all_and_wait() -> Callable[..., NotebookRun]:
    """``run_all_and_wait(page, server, notebook, timeout=300) -> NotebookRun``."""
    return run_all_in_lab


_VOILA_ERRORS_JS = r"""
() => [...document.querySelectorAll(
    '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')]
  .map((output) => output.textContent)
  .filter((text) => /Traceback \(most recent call last\)|^\s*Cell In\[\d+\], line \d+/m.test(text)
    || /There was an error when executing cell/.test(text))
"""


def open_voila_page(
    page: Any, server: JupyterServer, notebook: str | None = None, *, timeout: float = 300.0
) -> None:
    """Open a Voila rendering and wait until it is there; raise if a cell failed.

    On a ``voila`` server this is its app (``notebook`` must be None or the served notebook); on a
    ``lab`` server it is ``/voila/render/<notebook>``, the route Binder's Voila badge uses.
    """
    if server.kind == "voila":
        if notebook not in (None, server.notebook):
            raise ValueError(f"this Voila server serves {server.notebook}, not {notebook}")
        url = server.url_for("")
    else:
        if notebook is None:
            raise ValueError("name the notebook to render through /voila/render/")
        url = server.url_for(f"voila/render/{urllib.parse.quote(notebook)}")
    # Voila executes the notebook while it streams the page, so "load" means executed.
    page.goto(url, timeout=timeout * 1000, wait_until="load")
    page.locator("#rendered_cells").wait_for(state="attached")
    errors = page.evaluate(_VOILA_ERRORS_JS)
    if errors:
        raise NotebookRunError("a cell failed in Voila:\n" + "\n\n".join(errors)[:6000])


@pytest.fixture
def open_voila() -> Callable[..., None]:
    """``open_voila(page, server, notebook=None, timeout=300)``; see :func:`open_voila_page`."""
    return open_voila_page
