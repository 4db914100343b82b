"""``factcheck log add|undo|show|export`` through the group's own ``register`` function, on a
CSV file and on a PostgreSQL URL (the ``path`` fixture is either)."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pytest
from test_verdicts import STORES

from factcheck.cli import log as cli_log
from factcheck.verdicts.log import VerdictLog


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="factcheck")
    cli_log.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args([str(a) for a in argv])
    return args.func(args)


@pytest.fixture(params=STORES)
def path(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The LOG argument: a new CSV file's path, or a new database's URL."""
    if request.param == "pg":
        return request.getfixturevalue("pg_url")
    return str(tmp_path / "verdicts.csv")


@pytest.fixture
def csv_path(tmp_path: Path) -> Path:
    return tmp_path / "verdicts.csv"


def test_add_show_and_json(path: str, capsys: pytest.CaptureFixture[str]) -> None:
    rc = run(
        "log", "add", path, "--claim", "البطالة 30%", "--verdict", "خاطئ", "--editor", "هدى",
        "--evidence", "d1:p1", "d2:p2", "--evidence", "p3", "--note", "=1+1, \"q\"",
    )  # fmt: skip
    assert rc == 0
    verdict_id = capsys.readouterr().out.strip()
    row = VerdictLog(path).read().iloc[0]
    assert row["verdict_id"] == verdict_id
    assert (row["verdict"], row["editor"], row["note"]) == ("false", "هدى", '=1+1, "q"')
    assert row["evidence"] == "d1:p1;d2:p2;:p3"

    assert run("log", "show", path) == 0
    out = capsys.readouterr()
    assert "البطالة 30%" in out.out and "false" in out.out and out.err == ""

    assert run("log", "show", path, "--json") == 0
    [rec] = json.loads(capsys.readouterr().out)
    first_line = 1 if path.startswith("postgresql://") else 2  # the table's id 1, the file's line 2
    assert rec["verdict_id"] == verdict_id and rec["rating"] == 1 and rec["line"] == first_line


def test_correction_undo_and_current(path: str, capsys: pytest.CaptureFixture[str]) -> None:
    run("log", "add", path, "--claim", "c", "--verdict", "true", "--editor", "Huda")
    first = capsys.readouterr().out.strip()
    rc = run(
        "log", "add", path, "--claim", "c", "--verdict", "false", "--editor", "Omar",
        "--supersedes", first,
    )  # fmt: skip
    assert rc == 0
    second = capsys.readouterr().out.strip()
    assert run("log", "show", path, "--current", "--json") == 0
    assert [r["verdict_id"] for r in json.loads(capsys.readouterr().out)] == [second]
    assert run("log", "undo", path, "--editor", "Omar") == 0
    capsys.readouterr()
    assert run("log", "show", path, "--current", "--json") == 0
    assert [r["verdict_id"] for r in json.loads(capsys.readouterr().out)] == [first]
    assert run("log", "undo", path, "--editor", "Huda", "--verdict-id", first) == 0
    capsys.readouterr()
    assert run("log", "show", path, "--current") == 0
    assert "(no verdicts)" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["--verdict", "maybe", "--editor", "Huda", "--claim", "c"], "verdict"),
        (["--verdict", "true", "--editor", " ", "--claim", "c"], "editor"),
        (["--verdict", "true", "--editor", "Huda", "--claim", ""], "claim"),
    ],
)
def test_bad_input_exit_2_names_the_field(
    path: str, capsys: pytest.CaptureFixture[str], args: list[str], field: str
) -> None:
    assert run("log", "add", path, *args) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"factcheck log add: error: {field}: ")
    assert not VerdictLog(path).exists()


def test_show_reports_problems_on_stderr(
    csv_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = csv_path
    log = VerdictLog(path)
    log.record(claim="good", verdict="true", editor="Huda")
    with open(path, "a", encoding="utf-8", newline="") as fh:
        fh.write("x" * 32 + ",not-a-time,Huda,,bad,true,5,,,,1,0.1.0,,,,,\r\n")
    log.record(claim="good too", verdict="false", editor="Huda")
    with open(path, "ab") as fh:
        fh.write(b'abc,2026-01-01T00:00:00Z,Huda,,"torn')
    assert run("log", "show", path) == 1
    out = capsys.readouterr()
    assert "good too" in out.out
    lines = out.err.strip().splitlines()
    assert lines[0] == f"{path}: line 3: recorded_at: not an ISO 8601 time: 'not-a-time'"
    assert lines[1].startswith(f"{path}: line 5: torn last row")


def test_export_reports_problems_of_its_own_read(
    csv_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = csv_path
    VerdictLog(path).record(claim="good", verdict="true", editor="Huda")
    with open(path, "a", encoding="utf-8", newline="") as fh:
        fh.write("x" * 32 + ",not-a-time,Huda,,bad,true,5,,,,1,0.1.0,,,,,\r\n")
    assert run("log", "export", path, "--format", "claimreview", "--include-drafts") == 1
    out = capsys.readouterr()
    assert [r["claimReviewed"] for r in json.loads(out.out)] == ["good"]
    problems = [line for line in out.err.splitlines() if "warning" not in line]
    assert problems == [f"{path}: line 3: recorded_at: not an ISO 8601 time: 'not-a-time'"]
    assert run("log", "show", path, "--current") == 1  # --current reports them too
    assert capsys.readouterr().err.count("line 3: recorded_at") == 1


def test_scale_option(path: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scale = tmp_path / "s.toml"
    scale.write_text(
        'best = 1\nworst = 0\n[[label]]\nkey = "ok"\nar = "سليم"\nen = "OK"\nrating = 1\n'
        'color = "#0f0"\n',
        encoding="utf-8",
    )
    assert run("log", "add", path, "--scale", scale, "--claim", "c", "--verdict", "سليم",
               "--editor", "Huda") == 0  # fmt: skip
    assert run("log", "add", path, "--claim", "c", "--verdict", "true", "--editor", "H") == 0
    capsys.readouterr()
    bad = tmp_path / "bad.toml"
    bad.write_text("best = 1\n", encoding="utf-8")
    assert run("log", "show", path, "--scale", bad) == 2
    assert f"{bad}: top level: missing 'worst'" in capsys.readouterr().err
    # Read with the newsroom scale, the default-scale row is an unknown label: reported.
    assert run("log", "show", path, "--scale", scale) == 1
    line = 2 if path.startswith("postgresql://") else 3  # the second row: id 2, line 3
    assert f"{path}: line {line}: verdict: unknown label 'true'" in capsys.readouterr().err


def test_export_claimreview(path: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run("log", "add", path, "--claim", "البطالة 30%", "--verdict", "false", "--editor", "Huda",
        "--evidence", "d1:p1", "d9:p1")  # fmt: skip
    run("log", "add", path, "--claim", "التضخم", "--verdict", "unproven", "--editor", "Huda")
    capsys.readouterr()
    urls = tmp_path / "urls.csv"
    urls.write_text("doc_id,url\nd1,https://news.example/1\n", encoding="utf-8")
    out = tmp_path / "cr.json"
    rc = run(
        "log", "export", path, "--format", "claimreview", "--out", out, "--publisher", "مسبار",
        "--review-url", "https://desk.example/{claim_id}", "--doc-urls", urls, "--include-drafts",
    )  # fmt: skip
    assert rc == 0
    assert capsys.readouterr().err == ""
    reviews = json.loads(out.read_text(encoding="utf-8"))
    assert [r["claimReviewed"] for r in reviews] == ["البطالة 30%", "التضخم"]
    assert reviews[0]["reviewRating"]["alternateName"] == "خاطئ"
    assert reviews[0]["itemReviewed"]["appearance"] == [
        {"@type": "CreativeWork", "url": "https://news.example/1"}
    ]
    assert reviews[0]["author"]["name"] == "مسبار"
    # the claim id of "البطالة 30%", pinned (written once from the code of version 0.1.0)
    assert reviews[0]["url"] == "https://desk.example/c-b24a1023df86"

    assert run("log", "export", path, "--format", "claimreview", "--include-drafts") == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)[1]["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "غير مثبت",
    }
    assert "warning: reviews lack url" in captured.err


def test_export_and_show_of_a_missing_log(path: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("log", "show", path) == 2
    assert run("log", "export", path, "--format", "claimreview") == 2
    assert run("log", "export", path, "--format", "csv") == 2
    assert capsys.readouterr().err.count(f"no log at {path}") == 3
    assert not VerdictLog(path).exists()  # (nor created by looking)


def test_export_csv_is_the_log_as_a_csv_file(
    path: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--format csv`` gives the file a CSV log would be: the CSV log's own bytes, and for a
    database the same rows in the same order, which read back as a CSV log."""
    run("log", "add", path, "--claim", "=1+1 ادعاء", "--verdict", "true", "--editor", "هدى",
        "--note", 'سطر\nثان, "q"')  # fmt: skip
    first = capsys.readouterr().out.strip()
    run("log", "add", path, "--claim", "ادعاء", "--verdict", "false", "--editor", "Omar",
        "--supersedes", first)  # fmt: skip
    run("log", "undo", path, "--editor", "Omar")
    capsys.readouterr()
    out = tmp_path / "export.csv"
    assert run("log", "export", path, "--format", "csv", "--out", out) == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf" + b"verdict_id,recorded_at,")
    assert data == VerdictLog(path).csv_bytes()
    if not path.startswith("postgresql://"):
        assert data == Path(path).read_bytes()
    original, copy = VerdictLog(path).read(), VerdictLog(out).read()
    assert copy.drop(columns="line").equals(original.drop(columns="line"))
    assert run("log", "export", path, "--format", "csv") == 0  # to stdout, the same bytes
    assert capsys.readouterr().out.encode("utf-8") == data


def test_module_entry_point(path: str) -> None:
    """``python -m factcheck.cli.log`` in a real process (exit codes, UTF-8 output)."""
    cmd = [sys.executable, "-m", "factcheck.cli.log"]
    add = subprocess.run(
        [*cmd, "add", str(path), "--claim", "ادعاء", "--verdict", "مضلل", "--editor", "هدى"],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert add.returncode == 0, add.stderr
    show = subprocess.run(
        [*cmd, "show", str(path), "--json"], capture_output=True, text=True, encoding="utf-8"
    )
    assert show.returncode == 0
    assert json.loads(show.stdout)[0]["claim"] == "ادعاء"
    bad = subprocess.run([*cmd, "add", str(path), "--claim", "x"], capture_output=True, text=True)
    assert bad.returncode == 2 and "--verdict" in bad.stderr


# --- the editorial workflow ---------------------------------------------------------------


def test_review_assign_show_current_and_agreement(
    path: str, capsys: pytest.CaptureFixture[str]
) -> None:
    claim, other = "قال الكاظمي إن القوات انسحبت", "انخفض عدد القوات بنسبة 60%"
    assert run("log", "add", path, "--claim", claim, "--verdict", "true", "--editor", "هدى") == 0
    first = capsys.readouterr().out.strip()
    assert run("log", "add", path, "--claim", claim, "--verdict", "true", "--editor", "عمر",
               "--blind") == 0  # fmt: skip
    assert run("log", "add", path, "--claim", other, "--verdict", "false", "--editor", "عمر") == 0
    capsys.readouterr()
    # One's own verdict: a clear error, nothing written.
    before = len(VerdictLog(path).read())
    args = ("log", "review", path, "--verdict-id", first, "--decision", "approve")
    assert run(*args, "--reviewer", "هدى") == 2
    assert "another editor must review it" in capsys.readouterr().err
    assert len(VerdictLog(path).read()) == before
    assert run(*args, "--reviewer", "عمر", "--note", "موثق") == 0
    assert (
        run("log", "assign", path, "--claim", other, "--assignee", "سارة", "--editor", "هدى") == 0
    )
    capsys.readouterr()

    assert run("log", "show", path, "--current", "--json") == 0
    current = {r["claim"]: r for r in json.loads(capsys.readouterr().out)}
    assert (current[claim]["status"], current[claim]["reviewer"]) == ("approved", "عمر")
    assert current[other]["status"] == "draft"
    assert run("log", "show", path, "--current") == 0
    out = capsys.readouterr().out
    assert "approved" in out and "draft" in out
    assert run("log", "show", path, "--assignments", "--json") == 0
    [held] = json.loads(capsys.readouterr().out)
    assert (held["claim"], held["assignee"], held["assigned_by"]) == (other, "سارة", "هدى")
    assert run("log", "show", path) == 0
    out = capsys.readouterr().out
    assert "review" in out and "-> سارة" in out

    assert run("log", "agreement", path, "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["pairs"] == [
        {"editor_a": "عمر", "editor_b": "هدى", "claims": 1, "agreed": 1,
         "raw_agreement": 1.0, "cohen_kappa": None}
    ]  # fmt: skip
    assert data["krippendorff_alpha"] is None  # one shared claim: undefined, not invented
    assert run("log", "agreement", path) == 0
    assert "n/a" in capsys.readouterr().out


def test_claimreview_export_takes_approved_verdicts_unless_drafts_are_asked_for(
    path: str, capsys: pytest.CaptureFixture[str]
) -> None:
    verdict_ids = []
    for claim in ("أ", "ب", "ج"):
        assert (
            run("log", "add", path, "--claim", claim, "--verdict", "false", "--editor", "هدى") == 0
        )
        verdict_ids.append(capsys.readouterr().out.strip())
    review = ("log", "review", path, "--reviewer", "عمر", "--verdict-id")
    assert run(*review, verdict_ids[0], "--decision", "approve") == 0
    assert run(*review, verdict_ids[1], "--decision", "dispute") == 0
    capsys.readouterr()
    export = (
        "log",
        "export",
        path,
        "--format",
        "claimreview",
        "--review-url",
        "https://x/{claim_id}",
    )
    assert run(*export) == 0
    out = capsys.readouterr()
    assert [r["claimReviewed"] for r in json.loads(out.out)] == ["أ"]
    assert "2 verdict(s) left out: not approved by a second editor" in out.err
    assert run(*export, "--include-drafts") == 0
    out = capsys.readouterr()
    assert [r["claimReviewed"] for r in json.loads(out.out)] == ["أ", "ج"]
    assert "1 verdict(s) left out: disputed" in out.err
