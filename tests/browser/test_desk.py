"""The desk in a real browser: JupyterLab (Run All) and Voila (the app), driven by chromium.

Each front end opens ``notebooks/desk.ipynb`` -- a copy of it in a temporary root, so that the
``verdicts.csv`` it writes lands there -- picks a claim with supporting and contradicting
evidence, checks the cards are laid out right-to-left in an Arabic font, ticks a passage,
chooses a verdict, saves, and then reads the new row from the CSV on disk. A second editor
approves the draft (only then does ClaimReview export it) and records a blind second opinion.
The coverage tab must hold rendered plotly charts that follow the saved verdicts, the agreement
chart among them, and the browser console must stay clean. In JupyterLab, words selected in an
article's context are checked as a claim. A hostile corpus (``<script>``, ``<img onerror>``,
``javascript:`` link, hostile outlet and title) must show its text and run nothing.

Screenshots: ``artifacts/desk-jupyterlab.png``, ``artifacts/desk-voila.png`` (the README's),
``artifacts/desk-coverage.png`` and ``artifacts/desk-hostile-*.png``.
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

# tests/ is on sys.path (pytest's default "prepend" import mode): share the hostile corpus.
from test_widgets import (
    HOSTILE_IMG,
    HOSTILE_LINK,
    HOSTILE_OUTLET,
    HOSTILE_SCRIPT,
    write_hostile_corpus,
)

from factcheck.desk.session import DeskSession
from factcheck.ingest.corpus import sample_corpus_path
from factcheck.verdicts.log import VerdictLog

from .conftest import REPO_ROOT, BrowserLog, JupyterServer

pytestmark = pytest.mark.browser

DESK = "notebooks/desk.ipynb"
HOSTILE = "hostile/hostile.ipynb"
ARTIFACTS = REPO_ROOT / "artifacts"
ARABIC_FONT = "Noto Naskh Arabic"  # first in the desk's font stack; Debian's fonts-noto-core
EDITOR = "مختبر / QA"
REVIEWER = "مراجعة / Review"
HOSTILE_CLAIM = "انخفضت نسبة البطالة إلى 7.5% في عام 2023"
DESK_TIMEOUT = 240_000  # ms: the kernel imports the library and indexes the corpus


@pytest.fixture(scope="module")
def desk_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A server root holding a copy of notebooks/desk.ipynb and a hostile corpus + notebook."""
    root = tmp_path_factory.mktemp("desk-root")
    (root / "notebooks").mkdir()
    shutil.copy(REPO_ROOT / DESK, root / DESK)
    write_hostile_corpus(root / "hostile" / "articles")
    nb = new_notebook(
        cells=[
            new_code_cell(
                "from factcheck.widgets import Desk\n\n"
                'Desk("articles", log="verdicts.csv", editor="QA")'
            )
        ]
    )
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nbformat.write(nb, root / HOSTILE)
    return root


@pytest.fixture(scope="module")
def lab(start_server: Callable[..., JupyterServer], desk_root: Path) -> JupyterServer:
    return start_server("lab", root_dir=desk_root, name="lab-desk")


@pytest.fixture(scope="module")
def voila(start_server: Callable[..., JupyterServer], desk_root: Path) -> JupyterServer:
    return start_server("voila", DESK, root_dir=desk_root, name="voila-desk")


@pytest.fixture(scope="module")
def expected_claim() -> tuple[int, str]:
    """Position and id of the first sample claim with supporting and contradicting evidence,
    found with the same session the desk builds (same engine, same ``top_k``)."""
    session = DeskSession(sample_corpus_path(), VerdictLog(Path("/nonexistent/never-written.csv")))
    for i, claim in enumerate(session.claims):
        result = session.engine.check(claim.text, session.top_k)
        if result.supports and result.contradicts:
            return i, claim.claim_id
    pytest.fail("no sample claim has both supporting and contradicting evidence")


@pytest.fixture
def dialogs(page: Any) -> Iterator[list[str]]:
    """Every JavaScript dialog (alert/confirm/prompt) the page opens; none may ever open."""
    seen: list[str] = []

    def on_dialog(dialog: Any) -> None:
        seen.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    yield seen
    assert seen == [], f"the page opened dialogs: {seen}"


def fresh_log(root: Path) -> Path:
    log = root / "notebooks" / "verdicts.csv"
    log.unlink(missing_ok=True)
    return log


def direction(locator: Any) -> str:
    return locator.evaluate("el => getComputedStyle(el).direction")


def plot_y(page: Any, chart: str) -> list[float]:
    """The first trace's y values as plotly.js holds them in the rendered chart."""
    return page.locator(f".fc-chart-{chart} .js-plotly-plot").evaluate(
        "gd => Array.from(gd.data[0].y)"
    )


def snap(page: Any, path: Path) -> None:
    """A screenshot of the desk from its top, in a tall viewport (the README's picture)."""
    page.set_viewport_size({"width": 1400, "height": 1400})
    page.locator(".fc-desk").evaluate("el => el.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(500)
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path))


def tab(page: Any, title: str) -> None:
    page.locator(".fc-tabs .lm-TabBar-tab", has_text=title).click()


def check_the_desk(
    page: Any,
    root: Path,
    expected_claim: tuple[int, str],
    rendered_fonts: Callable[[Any, str], dict[str, int]],
    shot: Path,
) -> None:
    """The desk journey every front end must pass (see the module docstring)."""
    index, claim_id = expected_claim
    log = root / "notebooks" / "verdicts.csv"
    desk = page.locator(".fc-desk")
    desk.wait_for(timeout=DESK_TIMEOUT)
    assert direction(desk) == "rtl"

    page.locator(".fc-claim-select select").select_option(index=index)
    support = page.locator(".fc-card-support").first
    contradict = page.locator(".fc-card-contradict").first
    support.wait_for()
    contradict.wait_for()
    for card in (support, contradict):
        passage = card.locator(".fc-passage")
        assert direction(passage) == "rtl"
        assert passage.get_attribute("lang") == "ar"
        assert passage.inner_text().strip()
    fonts = rendered_fonts(page, ".fc-card-contradict .fc-passage")
    assert fonts.get(ARABIC_FONT, 0) > 0, f"passage drawn with {fonts}, not {ARABIC_FONT}"
    # The typed-in inputs are right-to-left too (desk.css on the .fc-rtl class).
    assert direction(page.locator(".fc-claim-select select")) == "rtl"
    assert direction(page.locator(".fc-note textarea")) == "rtl"

    box = page.locator(".fc-card-box", has=page.locator(".fc-card-contradict")).first
    passage_id = box.locator(".fc-card").get_attribute("data-passage-id")
    box.locator(".fc-use-evidence input[type=checkbox]").check()
    box.locator(".fc-card.fc-checked").wait_for()
    box.locator(".fc-context-toggle").click()
    box.locator(".fc-context mark.fc-focus").wait_for()

    page.locator(".fc-editor input").fill(EDITOR)
    page.get_by_role("button", name="خاطئ / False").click()
    page.locator(".fc-save").click()
    page.locator(".fc-form-message .fc-msg-ok").wait_for()
    page.locator(".fc-current-verdict .fc-verdict").wait_for()

    rows = VerdictLog(log).read()
    assert len(rows) == 1, rows
    row = rows.iloc[0]
    assert (row["claim_id"], row["verdict"], row["editor"]) == (claim_id, "false", EDITOR)
    assert row["evidence"].endswith(":" + passage_id)
    current = page.locator(".fc-current-verdict")
    current.locator('.fc-status-badge[data-status="draft"]').wait_for()

    # The author cannot approve it; a second editor can.
    page.locator(".fc-approve").click()
    page.locator(".fc-form-message .fc-msg-error", has_text="own verdict").wait_for()
    page.locator(".fc-editor input").fill(REVIEWER)
    page.locator(".fc-review-note input").fill("المصدر موثّق")
    page.locator(".fc-approve").click()
    current.locator('.fc-status-badge[data-status="approved"]').wait_for()
    assert "المصدر موثّق" in current.inner_text()
    review = VerdictLog(log).read().iloc[-1]
    assert (review["kind"], review["target"], review["decision"], review["editor"]) == (
        "review",
        row["verdict_id"],
        "approve",
        REVIEWER,
    )

    snap(page, shot)

    # The log tab lists the row, and its downloads are built in the browser (data: links), so
    # they work where the server's disk is not the editor's (Binder).
    tab(page, "السجل / Log")
    page.locator(f'.fc-log-row[data-verdict-id="{row["verdict_id"]}"]').wait_for()
    with page.expect_download() as download:
        page.locator('a.fc-download[download="verdicts.csv"]').click()
    assert Path(download.value.path()).read_bytes() == log.read_bytes()
    with page.expect_download() as download:
        page.locator('a.fc-download[download="claimreview.jsonld"]').click()
    reviews = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert [r["reviewRating"]["alternateName"] for r in reviews] == ["خاطئ"]  # approved

    tab(page, "التغطية / Coverage")
    for chart in ("claim", "verdicts", "agreement", "matrix"):
        page.locator(f".fc-chart-{chart} .js-plotly-plot .main-svg").first.wait_for()
    assert plot_y(page, "verdicts") == [0, 0, 0, 1, 0]  # one "false"
    # The reviewer's blind second opinion: the standing verdict is hidden while it is made.
    tab(page, "الادعاءات والأدلة / Claims & evidence")
    page.locator(".fc-blind input[type=checkbox]").check()
    page.locator(".fc-current-verdict .fc-blind-note").wait_for()
    page.get_by_role("button", name="صحيح / True").click()
    page.locator(".fc-save").click()
    page.locator(".fc-form-message .fc-msg-ok", has_text="blind second opinion").wait_for()
    # The agreement chart now has a pair: the two editors disagree on their one shared claim.
    tab(page, "التغطية / Coverage")
    pair = ".fc-chart-agreement .js-plotly-plot"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        traces = page.locator(pair).evaluate("gd => gd.data.map(t => Array.from(t.x))")
        if traces == [[0], [0]]:
            break
        page.wait_for_timeout(200)
    assert traces == [[0], [0]], traces
    assert "n/a" in page.locator(pair).inner_text()  # kappa of one shared claim: undefined
    # A correction by the first editor, then the chart follows it.
    tab(page, "الادعاءات والأدلة / Claims & evidence")
    page.locator(".fc-editor input").fill(EDITOR)
    page.get_by_role("button", name="صحيح / True").click()
    page.locator(".fc-save").click()
    page.locator(".fc-form-message .fc-msg-ok", has_text="True").wait_for()
    page.locator('.fc-current-verdict .fc-status-badge[data-status="draft"]').wait_for()
    tab(page, "التغطية / Coverage")
    deadline = time.monotonic() + 30
    while plot_y(page, "verdicts") != [1, 0, 0, 0, 0] and time.monotonic() < deadline:
        page.wait_for_timeout(200)
    assert plot_y(page, "verdicts") == [1, 0, 0, 0, 0]
    # Charts drawn before the tab was hidden are still there, full size, when it is shown again.
    for chart in ("claim", "verdicts", "agreement", "matrix"):
        box = page.locator(f".fc-chart-{chart} .js-plotly-plot").bounding_box()
        assert box and box["height"] > 200 and box["width"] > 600, (chart, box)
    final = VerdictLog(log)
    assert final.read()["kind"].tolist() == ["", "review", "", ""]
    assert final.current()[["verdict", "status"]].values.tolist() == [["true", "draft"]]
    assert sorted(final.editor_verdicts()["verdict"]) == ["true", "true"]


def check_a_selection(page: Any) -> None:
    """Select words in an article's context and check them as a claim."""
    tab(page, "الادعاءات والأدلة / Claims & evidence")
    box = page.locator(".fc-card-box").first
    toggle = box.locator(".fc-context-toggle")
    if "mod-active" not in (toggle.get_attribute("class") or ""):
        toggle.click()
    body = box.locator(".fc-context-body")
    body.locator("mark.fc-focus").wait_for()
    words = body.locator("mark.fc-focus").evaluate(
        r"""mark => {
            const node = mark.firstChild;  // the passage's text
            const m = node.textContent.match(/^\s*(\S+(?:\s+\S+){0,5})/);
            const range = document.createRange();
            range.setStart(node, m.index + m[0].length - m[1].length);
            range.setEnd(node, m.index + m[0].length);
            const sel = document.getSelection();
            sel.removeAllRanges();
            sel.addRange(range);
            return m[1].replace(/\s+/g, " ");
        }"""
    )
    button = box.locator(".fc-check-selection")
    deadline = time.monotonic() + 20
    while button.is_disabled() and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    assert "Check the selected words" in button.inner_text()
    button.click()
    page.locator(".fc-status", has_text="passages").wait_for()
    header = page.locator(".fc-evidence-header")
    deadline = time.monotonic() + 30
    while words not in header.inner_text() and time.monotonic() < deadline:
        page.wait_for_timeout(200)
    assert words in header.inner_text()


def test_desk_in_jupyterlab(
    page: Any,
    lab: JupyterServer,
    desk_root: Path,
    expected_claim: tuple[int, str],
    run_all_and_wait: Callable[..., Any],
    browser_log: BrowserLog,
    rendered_fonts: Callable[[Any, str], dict[str, int]],
    dialogs: list[str],
) -> None:
    fresh_log(desk_root)
    run = run_all_and_wait(page, lab, DESK)
    assert (run.code_cells, run.executed) == (1, 1)
    # Fold the file browser away (click the open side-bar tab) so the desk gets the width.
    page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current").click()
    check_the_desk(
        page, desk_root, expected_claim, rendered_fonts, ARTIFACTS / "desk-jupyterlab.png"
    )
    check_a_selection(page)
    browser_log.assert_no_errors()


def test_desk_in_voila(
    page: Any,
    voila: JupyterServer,
    desk_root: Path,
    expected_claim: tuple[int, str],
    open_voila: Callable[..., None],
    browser_log: BrowserLog,
    rendered_fonts: Callable[[Any, str], dict[str, int]],
    dialogs: list[str],
) -> None:
    fresh_log(desk_root)
    open_voila(page, voila)
    page.locator(".fc-desk").wait_for(timeout=DESK_TIMEOUT)
    body = page.locator("body").inner_text()
    assert "sample_corpus_path" not in body and "import" not in body  # no code in the app
    check_the_desk(page, desk_root, expected_claim, rendered_fonts, ARTIFACTS / "desk-voila.png")
    snap(page, ARTIFACTS / "desk-coverage.png")  # the coverage tab is open at the end
    browser_log.assert_no_errors()


@pytest.mark.parametrize("front_end", ["jupyterlab", "voila"])
def test_hostile_corpus_runs_nothing_and_shows_the_text(
    page: Any,
    lab: JupyterServer,
    desk_root: Path,
    front_end: str,
    run_all_and_wait: Callable[..., Any],
    open_voila: Callable[..., None],
    browser_log: BrowserLog,
    dialogs: list[str],
) -> None:
    (desk_root / "hostile" / "verdicts.csv").unlink(missing_ok=True)
    if front_end == "jupyterlab":
        run_all_and_wait(page, lab, HOSTILE)
    else:
        open_voila(page, lab, HOSTILE)  # /voila/render/..., as Binder's Voila link does
    page.locator(".fc-desk").wait_for(timeout=DESK_TIMEOUT)

    # The hostile claims are listed as text (the claim list is a <select> of plain options).
    options = page.locator(".fc-claim-select option").all_inner_texts()
    assert any("<script>" in o or "<img" in o or "<a href" in o for o in options), options

    # Type a claim and press Enter: the hostile passage is among its evidence.
    box = page.locator(".fc-new-claim input")
    box.fill(HOSTILE_CLAIM)
    box.press("Enter")
    page.locator(".fc-card").first.wait_for()
    hostile_card = page.locator(".fc-card-box", has_text=HOSTILE_SCRIPT).first
    hostile_card.wait_for()
    hostile_card.locator(".fc-context-toggle").click()
    hostile_card.locator(".fc-context").wait_for()
    hostile_card.locator(".fc-use-evidence input[type=checkbox]").check()
    page.locator(".fc-note textarea").fill(f"ملاحظة {HOSTILE_IMG}")
    page.get_by_role("button", name="خاطئ / False").click()
    page.locator(".fc-save").click()
    page.locator(".fc-form-message .fc-msg-ok").wait_for()

    # Visible as text: the script tag, the img tag, the javascript: link, the outlet's markup.
    desk = page.locator(".fc-desk")
    text = desk.inner_text()
    for payload in (HOSTILE_SCRIPT, HOSTILE_IMG, HOSTILE_LINK, HOSTILE_OUTLET):
        assert payload in text, f"{payload!r} is not shown as text"
    snap(page, ARTIFACTS / f"desk-hostile-{front_end}.png")

    # The log and coverage tabs render the hostile note, outlet and claims too.
    tab(page, "السجل / Log")
    page.locator(".fc-log-table .fc-log-note", has_text=HOSTILE_IMG).wait_for()
    tab(page, "التغطية / Coverage")
    page.locator(".fc-chart-claim .js-plotly-plot .main-svg").first.wait_for()
    page.locator(".fc-chart-matrix .js-plotly-plot .main-svg").first.wait_for()
    page.wait_for_timeout(1500)  # time for anything that would fire (onerror, timers)

    # Nothing became markup: no script, loaded image, javascript: link or event handler.
    hostile_nodes = desk.evaluate(
        """desk => [...desk.querySelectorAll('*')].filter(el =>
             el.tagName === 'SCRIPT' || el.tagName === 'IFRAME'
             || (el.tagName === 'IMG' && el.hasAttribute('src'))  // plotly keeps a src-less img
             || (el.getAttribute('href') || '').trim().toLowerCase().startsWith('javascript:')
             || [...el.attributes].some(a => a.name.startsWith('on'))
           ).map(el => el.outerHTML.slice(0, 120))"""
    )
    assert hostile_nodes == []
    assert dialogs == []
    browser_log.assert_no_errors()
