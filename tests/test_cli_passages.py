"""``factcheck passages``: JSON and readable output, skipped files, missing paths."""

from __future__ import annotations

import argparse
import json

import pytest

from factcheck.cli import passages as passages_cli
from factcheck.ingest.corpus import load_corpus, sample_corpus_path

SAMPLE = sample_corpus_path()


def _run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="factcheck")
    passages_cli.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.func(args)


def test_json_output_lists_documents_passages_and_skipped(capsys):
    assert _run(["passages", str(SAMPLE), "--json"]) == 0
    out = capsys.readouterr().out
    assert "البنتاغون" in out  # ensure_ascii=False: Arabic as is
    data = json.loads(out)
    assert set(data) == {"documents", "skipped"}
    assert data["skipped"] == []
    corpus = load_corpus(SAMPLE)
    assert [d["doc_id"] for d in data["documents"]] == [d.doc_id for d in corpus]
    for doc_json, doc in zip(data["documents"], corpus, strict=True):
        assert set(doc_json) == {"doc_id", "source", "title", "date", "url", "passages"}
        assert (doc_json["source"], doc_json["title"], doc_json["date"], doc_json["url"]) == (
            doc.source,
            doc.title,
            doc.date,
            doc.url,
        )
        assert len(doc_json["passages"]) == len(doc.passages)
        for p_json, p in zip(doc_json["passages"], doc.passages, strict=True):
            assert p_json == {
                "passage_id": p.passage_id,
                "text": p.text,
                "start": p.start,
                "end": p.end,
            }
            assert doc.text[p_json["start"] : p_json["end"]] == p_json["text"]


def test_skipped_files_are_listed_and_the_exit_code_stays_zero(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(
        "قال وزير المالية إن الحكومة ستعلن الموازنة الأسبوع المقبل.", encoding="utf-8"
    )
    (tmp_path / "b.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "c.jsonl").write_text('{"text": "نص"\n', encoding="utf-8")
    assert _run(["passages", str(tmp_path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [d["doc_id"] for d in data["documents"]] == ["a"]
    assert [(s["path"], s["error"].split(":")[0]) for s in data["skipped"]] == [
        (str(tmp_path / "b.png"), "unsupported file type '.png' (supported"),
        (str(tmp_path / "c.jsonl"), "c.jsonl line 1"),
    ]
    assert _run(["passages", str(tmp_path)]) == 0
    text = capsys.readouterr().out
    assert text.startswith("1 documents, 1 passages, 2 skipped\n")
    assert "skipped:\n" in text and "b.png: unsupported file type" in text


def test_readable_summary_names_documents_with_their_passage_counts(capsys):
    assert _run(["passages", str(SAMPLE)]) == 0
    out = capsys.readouterr().out
    corpus = load_corpus(SAMPLE)
    lines = out.splitlines()
    assert lines[0] == f"5 documents, {len(corpus.passages)} passages, 0 skipped"
    for doc in corpus:
        assert any(
            line.startswith(f"  {doc.doc_id}: {len(doc.passages)} passages") for line in lines
        )
    assert "عنب بلدي" in out and "skipped:" not in out
    assert _run(["passages", str(SAMPLE), "--text"]) == 0
    assert f"[{corpus.passages[0].passage_id}] {corpus.passages[0].text}" in capsys.readouterr().out


def test_several_paths_in_one_call(capsys):
    files = [str(SAMPLE / "001_94a82db443eba38b.txt"), str(SAMPLE / "000_b8c64a0bd6e02214.txt")]
    assert _run(["passages", *files, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [d["doc_id"] for d in data["documents"]] == [
        "001_94a82db443eba38b",
        "000_b8c64a0bd6e02214",
    ]
    assert data["documents"][0]["source"] == "عنب بلدي"


@pytest.mark.parametrize("extra", [[], ["--json"]])
def test_a_missing_corpus_path_is_an_error_with_a_clear_message(tmp_path, capsys, extra):
    missing = tmp_path / "no-such-folder"
    assert _run(["passages", str(missing), *extra]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"no such file or folder: {missing}" in captured.err
