"""The notebooks run top to bottom on a real kernel (headless, nbclient), in a temporary copy of
their folder so that the verdict logs they write land there and not in the repository."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from factcheck.engine.claims import extract_claims
from factcheck.ingest.corpus import load_corpus, sample_corpus_path

pytestmark = pytest.mark.notebook

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
PLOTLY_MIME = "application/vnd.plotly.v1+json"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def execute(name: str, workdir: Path) -> nbformat.NotebookNode:
    """Run ``notebooks/<name>`` from ``workdir`` on the ``python3`` kernel; fail on any error."""
    path = workdir / name
    shutil.copy(NOTEBOOKS / name, path)
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(workdir)}},
        store_widget_state=True,
    )
    client.execute()  # raises CellExecutionError, with the traceback, if a cell fails
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            assert out["output_type"] != "error", f"{name}: {out['ename']}: {out['evalue']}"
    return nb


def outputs(nb: nbformat.NotebookNode) -> list[dict]:
    return [out for cell in nb.cells if cell.cell_type == "code" for out in cell.outputs]


def stdout(nb: nbformat.NotebookNode) -> str:
    return "".join(o["text"] for o in outputs(nb) if o["output_type"] == "stream")


def test_desk_notebook_opens_the_desk_in_one_cell(tmp_path: Path) -> None:
    nb = execute("desk.ipynb", tmp_path)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert len(code) == 1, "the desk notebook is one code cell"
    assert "Desk(" in code[0].source
    state = nb.metadata["widgets"][WIDGET_STATE]["state"]
    # The progress bars shown while the desk opens leave no view behind: one widget, the desk.
    views = [o["data"][WIDGET_VIEW] for o in code[0].outputs if WIDGET_VIEW in o.get("data", {})]
    assert len(views) == 1, code[0].outputs
    desk = state[views[0]["model_id"]]
    assert "fc-desk" in desk["state"]["_dom_classes"]
    # The claim list holds the sample corpus's claims, each with how many outlets carry it.
    selects = [m["state"] for m in state.values() if m["model_name"] == "SelectModel"]
    claim_select = next(s for s in selects if "fc-claim-select" in s["_dom_classes"])
    n_claims = len(extract_claims(load_corpus(sample_corpus_path())))
    assert len(claim_select["_options_labels"]) == n_claims > 0
    assert all(re.search(r"منبر|منابر|منبران", label) for label in claim_select["_options_labels"])
    tabs = [m["state"] for m in state.values() if m["model_name"] == "TabModel"]
    assert [t["titles"] for t in tabs] == [
        ["الادعاءات والأدلة / Claims & evidence", "السجل / Log", "التغطية / Coverage"]
    ]
    # Opening the desk writes nothing: the log is created by the first save.
    assert not (tmp_path / "verdicts.csv").exists()


def test_walkthrough_runs_every_step(tmp_path: Path) -> None:
    nb = execute("walkthrough.ipynb", tmp_path)
    text = stdout(nb)
    assert re.search(r"^5 articles, \d+ passages, 0 skipped$", text, re.M), text[:300]
    assert re.search(r"^\d+ check-worthy claims; the top five:$", text, re.M)
    m = re.search(r"^Claim: (.+)$", text, re.M)
    assert m, text
    claim = m.group(1)
    counts = re.search(r"^\d+ passages: (\d+) support, (\d+) contradict$", text, re.M)
    assert counts and int(counts.group(1)) > 0 and int(counts.group(2)) > 0
    assert "Recorded misleading by هدى with 2 evidence passages" in text

    # The log the walkthrough wrote, beside the notebook.
    log = tmp_path / "walkthrough_verdicts.csv"
    row, review, blind, assign = csv.DictReader(io.StringIO(log.read_text(encoding="utf-8-sig")))
    assert row["claim"] == claim and row["verdict"] == "misleading" and row["editor"] == "هدى"
    assert (review["kind"], review["target"], review["editor"]) == (
        "review",
        row["verdict_id"],
        "عمر",
    )
    assert (blind["blind"], blind["editor"], assign["kind"]) == ("1", "سارة", "assign")
    assert "Status: approved - reviewed by عمر" in text

    # The ClaimReview JSON-LD printed at the end carries that verdict.
    reviews, end = json.JSONDecoder().raw_decode(text, text.index("[\n  {"))
    # The archive section: the sample as an index, opened and checked like the files.
    assert re.search(r"ArchiveCorpus\(.*: 5 documents\) - \d+ passages, \d+ claims", text[end:])
    assert re.search(r"^support .+ 60%", text[end:], re.M), text[end:]
    assert [r["claimReviewed"] for r in reviews] == [claim]
    assert reviews[0]["reviewRating"]["alternateName"] == "مضلل"
    assert reviews[0]["author"]["name"] == "مكتب التحقق"

    # Four plotly charts (matrix, verdicts, agreement, per-outlet stances) and the evidence cards.
    figures = [o["data"][PLOTLY_MIME] for o in outputs(nb) if PLOTLY_MIME in o.get("data", {})]
    assert [f["data"][0]["type"] for f in figures] == ["heatmap", "bar", "bar", "bar"]
    assert figures[2]["data"][0]["orientation"] == "h"  # agreement per editor pair
    html = "".join(o["data"].get("text/html", "") for o in outputs(nb) if "data" in o)
    assert "fc-badge fc-support" in html and "fc-badge fc-contradict" in html
