"""The archive index: answers as the corpus does, grows in place, fails clearly, survives kills."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest

from factcheck import check, load_corpus, sample_corpus_path
from factcheck.archive import (
    ArchiveCorpus,
    ArchiveError,
    add_to_index,
    build_index,
    is_index,
    open_index,
)
from factcheck.archive.front import engine_for
from factcheck.archive.layout import CURRENT, MANIFEST, current_generation
from factcheck.cli import main
from factcheck.desk.session import DeskSession
from factcheck.engine.claims import claims_from_units, document_units, extract_claims
from factcheck.engine.evidence import EvidenceEngine
from factcheck.engine.provenance import cluster_passages
from factcheck.text.lexicon import example_lexicon_path

ROOT = Path(__file__).resolve().parents[1]
CLAIMS = [
    "العراق خفّض عدد القوات الأجنبية بنسبة ٦٠٪",
    "بدأ انسحاب القوات الأمريكية القتالية من العراق",
    "موعد خروج القوات القتالية الأمريكية من العراق هو 31 ديسمبر 2021",
    "foreign forces were reduced by 60%",
]


def _answers(engine: EvidenceEngine) -> list[list[tuple]]:
    # Everything an editor sees of a passage (the Evidence record, minus nothing).
    return [list(engine.check(c, top_k=10).evidence) for c in CLAIMS]


@pytest.fixture(scope="module")
def sample_files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("sample")
    for f in sample_corpus_path().iterdir():
        shutil.copy2(f, folder / f.name)
    return folder


@pytest.fixture(scope="module")
def index(sample_files: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("idx") / "sample.index"
    build_index(sample_files, out, workers=0)
    return out


def test_an_index_answers_exactly_as_the_corpus_does(sample_files: Path, index: Path) -> None:
    corpus = load_corpus(sample_files)
    opened = load_corpus(index)
    assert isinstance(opened, ArchiveCorpus) and is_index(index)
    assert list(opened.documents) == list(corpus.documents)
    assert list(opened.passages) == list(corpus.passages)
    assert opened.skipped == corpus.skipped
    assert extract_claims(opened) == extract_claims(corpus)
    engine = engine_for(opened)
    assert engine.index is opened.prebuilt().index, "the engine re-indexed the archive"
    assert _answers(engine) == _answers(EvidenceEngine(corpus))


def test_check_and_the_desk_take_an_index_directory(index: Path, tmp_path: Path) -> None:
    result = check(CLAIMS[0], index)
    assert result.supports and "60%" in result.supports[0].passage.text
    desk = DeskSession(index, tmp_path / "log.csv", editor="هدى")
    assert desk.claims == extract_claims(open_index(index))
    first = desk.select_claim(desk.claims[0].claim_id)
    assert first.evidence


def test_the_build_is_the_same_whatever_the_number_of_workers(
    sample_files: Path, index: Path, tmp_path: Path
) -> None:
    out = tmp_path / "dask.index"
    build_index(sample_files, out, workers=2)
    a, b = open_index(index), open_index(out)
    assert list(a.documents) == list(b.documents)
    pa_, pb = a.prebuilt(), b.prebuilt()
    assert pa_.claims == pb.claims
    assert np.array_equal(np.asarray(pa_.vectors), np.asarray(pb.vectors))
    ga, gb = current_generation(index), current_generation(out)
    for name in ("passage_cluster.npy", "cluster_offsets.npy", "cluster_members.npy"):
        assert np.array_equal(np.load(ga / name), np.load(gb / name)), name
    assert _answers(engine_for(a)) == _answers(engine_for(b))


def test_add_grows_the_index_to_what_a_full_build_gives(sample_files: Path, tmp_path: Path) -> None:
    files = sorted(p for p in sample_files.iterdir() if p.suffix != ".csv")
    first = tmp_path / "first"
    first.mkdir()
    for f in [*files[:3], sample_files / "sources.csv"]:
        shutil.copy2(f, first / f.name)
    grown = tmp_path / "grown.index"
    build_index(first, grown, workers=0, embed=False)
    added, unchanged = add_to_index(grown, [sample_files / f.name for f in files[3:]], workers=0)
    assert (added, unchanged) == (2, 0)
    # Unchanged files are skipped by content.
    assert add_to_index(grown, [first / f.name for f in files[:3]], workers=0) == (0, 3)
    full = tmp_path / "full.index"
    build_index([*(first / f.name for f in files[:3]), *files[3:]], full, workers=0, embed=False)
    a, b = open_index(grown), open_index(full)
    assert [d.doc_id for d in a.documents] == [d.doc_id for d in b.documents]
    assert list(a.passages) == list(b.passages)
    assert a.prebuilt().claims == b.prebuilt().claims
    assert len(list(current_generation(grown).glob("seg-*"))) == 2
    ea = engine_for(a, embedder=None)
    eb = engine_for(b, embedder=None)
    assert _answers(ea) == _answers(eb)


def _reference(files: list[Path]) -> tuple[list[tuple[str, ...]], tuple]:
    """Clusters (member passage ids, original first, in cluster order) and claims of the files
    as the engine computes them over the whole corpus at once."""
    corpus = load_corpus(files)
    docs = corpus.documents
    dates = {d.doc_id: d.date for d in docs}
    clusters = cluster_passages(corpus.passages, dates=dates)
    claims = claims_from_units(
        [u for d in docs for u in document_units(d)],
        order={d.doc_id: i for i, d in enumerate(docs)},
        dates=dates,
        sources={d.doc_id: d.source for d in docs},
        clusters=clusters,
    )
    return [c.members for c in clusters.clusters], claims


def _stored(root: Path) -> tuple[list[tuple[str, ...]], tuple]:
    """The same, as an index stores them."""
    gen = current_generation(root)
    ids = open_index(root).passages.passage_ids()
    offsets = np.load(gen / "cluster_offsets.npy")
    members = np.load(gen / "cluster_members.npy")
    of = np.load(gen / "passage_cluster.npy")
    clusters = [tuple(ids[m] for m in members[a:b]) for a, b in pairwise(offsets.tolist())]
    for k, c in enumerate(clusters):
        assert {int(of[ids.index(p)]) for p in c} == {k}
    return clusters, open_index(root).prebuilt().claims


@pytest.fixture(scope="module")
def synthetic_files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """60 synthetic articles (recombined sample passages: copies everywhere), dated, some not,
    so originals are chosen by date where every copy has one."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import synthetic

    folder = tmp_path_factory.mktemp("synthetic")
    files = synthetic.write_corpus(folder, 60, seed=11)
    rows = (folder / "sources.csv").read_text(encoding="utf-8").splitlines()
    dated = [rows[0]]
    for k, row in enumerate(rows[1:]):
        date = "" if k % 9 == 4 else f"2021-{1 + (k * 7) % 12:02d}-{1 + (k * 13) % 28:02d}"
        name, source, url, _, title = row.split(",")
        dated.append(",".join([name, source, url, date, title]))
    (folder / "sources.csv").write_text("\n".join(dated) + "\n", encoding="utf-8")
    return files


@pytest.mark.parametrize("cuts", [(30,), (10, 11, 45), (5, 20, 35, 50)], ids=str)
def test_adds_give_the_clusters_and_claims_of_a_full_build(
    synthetic_files: list[Path], cuts: tuple[int, ...], tmp_path: Path
) -> None:
    """Built in pieces -- a build, then an add per piece -- the index holds exactly the
    clusters (members, originals, order) and claims (ids, texts, scores, order) that the
    engine computes over the whole corpus, and that a full build stores."""
    files = synthetic_files
    bounds = [0, *cuts, len(files)]
    grown = tmp_path / "grown.index"
    build_index(files[: bounds[1]], grown, workers=0, embed=False)
    for a, b in pairwise(bounds[1:]):
        assert add_to_index(grown, files[a:b], workers=0) == (b - a, 0)
        assert _stored(grown) == _reference(files[:b])
    full = tmp_path / "full.index"
    build_index(files, full, workers=0, embed=False)
    expected = _reference(files)
    assert _stored(full) == expected
    assert sum(len(c) > 1 for c in expected[0]) > 20, "too few syndicated clusters to test"
    ga, gb = current_generation(grown), current_generation(full)
    for name in ("passage_cluster.npy", "cluster_offsets.npy", "cluster_members.npy"):
        assert np.array_equal(np.load(ga / name), np.load(gb / name)), name


def test_an_added_copy_joins_old_clusters_and_claims(sample_files: Path, tmp_path: Path) -> None:
    """An added article that carries an old passage verbatim, another with one word changed and
    an old sentence: the clusters and claims of the old articles take it in (and it becomes
    the original where it is dated earlier)."""
    old = tmp_path / "old"
    old.mkdir()
    names = ["000_b8c64a0bd6e02214.txt", "003_0801fcc509a1d5da.txt"]
    for name in names:
        shutil.copy2(sample_files / name, old / name)
    (old / "sources.csv").write_text(
        "file,source,url,date,title\n"
        f"{names[0]},الحرة,,2021-12-01,\n{names[1]},بغداد اليوم,,2021-11-28,\n",
        encoding="utf-8",
    )
    paras = [p for p in (old / names[0]).read_text(encoding="utf-8").splitlines() if p.strip()]
    shared = [p for p in (old / names[1]).read_text(encoding="utf-8").splitlines() if p in paras]
    edited = shared[1].split()  # already carried by both old articles
    edited[len(edited) // 2] = "تماما"
    sentence = next(s for s in paras[0].split("، ") if len(s.split()) > 6)
    new = tmp_path / "new"
    new.mkdir()
    (new / "copy.txt").write_text(
        "\n\n".join([shared[0], " ".join(edited), sentence + ".", "خبر جديد عن الطقس في بغداد."]),
        encoding="utf-8",
    )
    (new / "sources.csv").write_text(
        "file,source,url,date,title\ncopy.txt,الجزيرة,,2021-11-01,\n", encoding="utf-8"
    )
    grown = tmp_path / "grown.index"
    build_index(old, grown, workers=0, embed=False)
    before = _stored(grown)
    assert add_to_index(grown, new, workers=0) == (1, 0)
    clusters, claims = _stored(grown)
    files = [old / names[0], old / names[1], new / "copy.txt"]
    assert (clusters, claims) == _reference(files)
    assert (clusters, claims) != before
    new_doc = open_index(grown).documents.ids[-1]
    crossing = [c for c in clusters if len({p.rpartition(":")[0] for p in c}) == 3]
    assert len(crossing) == 2, "the copies did not join the old clusters"
    assert all(c[0].startswith(new_doc) for c in crossing), "the earliest copy is the original"
    assert any(new_doc in c.doc_ids and len(c.doc_ids) > 1 for c in claims)


def test_add_refuses_an_index_of_the_old_format(copy_of: Path, sample_files: Path) -> None:
    path = _manifest(copy_of)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["format"] = 1
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ArchiveError, match=r"index format 1, .* reads format 2.*index build"):
        add_to_index(copy_of, sample_files, workers=0)


def test_a_changed_file_is_refused_with_what_to_do(sample_files: Path, tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    shutil.copytree(sample_files, folder)
    out = tmp_path / "x.index"
    build_index(folder, out, workers=0, embed=False)
    victim = sorted(folder.glob("*.txt"))[0]
    victim.write_text(victim.read_text(encoding="utf-8") + "\nسطر جديد.", encoding="utf-8")
    with pytest.raises(ArchiveError, match=r"changed since it was indexed.*rebuild"):
        add_to_index(out, [victim], workers=0)
    assert open_index(out).manifest.documents == 5


def test_an_index_built_with_a_lexicon_is_opened_with_it(
    sample_files: Path, tmp_path: Path
) -> None:
    out = tmp_path / "lex.index"
    build_index(
        sample_files, out, workers=0, embed=False, lexicons=[example_lexicon_path("defence")]
    )
    corpus = open_index(out)
    engine = engine_for(corpus)
    assert engine.index is corpus.prebuilt().index
    assert (
        engine.analyzer.fingerprint
        != EvidenceEngine(load_corpus(sample_files)).analyzer.fingerprint
    )


# ------------------------------------------------------------------------------ faults


@pytest.fixture()
def copy_of(index: Path, tmp_path: Path) -> Path:
    out = tmp_path / "copy.index"
    shutil.copytree(index, out)
    return out


def _manifest(root: Path) -> Path:
    return current_generation(root) / MANIFEST


def test_an_index_of_another_version_says_how_to_rebuild(copy_of: Path) -> None:
    path = _manifest(copy_of)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["format"] = 99
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(
        ArchiveError, match=r"manifest.json: index format 99.*factcheck index build"
    ):
        open_index(copy_of)


@pytest.mark.parametrize("victim", ["seg-0000/documents.parquet", "bm25/df.npy", "claims.parquet"])
def test_a_truncated_file_is_named(copy_of: Path, victim: str) -> None:
    path = current_generation(copy_of) / victim
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(ArchiveError, match=rf"{path.name}: \d+ bytes, the manifest says \d+"):
        open_index(copy_of)


@pytest.mark.parametrize("victim", ["seg-0000/passages.parquet", "cluster_members.npy", MANIFEST])
def test_a_missing_part_is_named(copy_of: Path, victim: str) -> None:
    (current_generation(copy_of) / victim).unlink()
    with pytest.raises(ArchiveError, match=rf"{Path(victim).name}.*(missing|unreadable)"):
        open_index(copy_of)


def test_damage_the_sizes_do_not_show_is_still_a_clear_error(copy_of: Path) -> None:
    path = current_generation(copy_of) / "claims.parquet"
    data = bytearray(path.read_bytes())
    data[len(data) // 2 : len(data) // 2 + 64] = bytes(64)
    path.write_bytes(bytes(data))
    with pytest.raises(ArchiveError, match=r"cannot be read.*factcheck index build"):
        open_index(copy_of).prebuilt()


def test_a_folder_that_is_not_an_index(tmp_path: Path) -> None:
    (tmp_path / CURRENT).write_text("elsewhere\n", encoding="utf-8")
    with pytest.raises(ArchiveError, match="CURRENT: names 'elsewhere'"):
        open_index(tmp_path)
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / CURRENT).unlink()
    with pytest.raises(ArchiveError, match="not an index"):
        build_index(sample_corpus_path(), tmp_path, workers=0)


def test_a_failed_build_leaves_the_previous_index(copy_of: Path, monkeypatch) -> None:
    before = current_generation(copy_of)
    import factcheck.archive.build as build

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(build, "grow_index", boom)
    with pytest.raises(RuntimeError, match="disk full"):
        build_index(sample_corpus_path(), copy_of, workers=0, embed=False)
    assert current_generation(copy_of) == before
    assert not list(copy_of.glob("*.partial"))
    assert open_index(copy_of).manifest.documents == 5


def test_a_killed_build_leaves_the_previous_index(copy_of: Path, tmp_path: Path) -> None:
    """A real SIGKILL while the next build is writing: the old index stays current and opens;
    the next build clears what the killed one left."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import synthetic

    articles = tmp_path / "articles"
    synthetic.write_corpus(articles, 1500, seed=3)
    before = current_generation(copy_of)
    proc = subprocess.Popen(
        [
            *(sys.executable, "-m", "factcheck.cli", "index", "build", str(articles)),
            *("--out", str(copy_of), "--workers", "0", "--no-embed"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while not list(copy_of.glob("*.partial/seg-0000/*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert list(copy_of.glob("*.partial")), "the build was not caught mid-way"
    assert current_generation(copy_of) == before
    assert open_index(copy_of).manifest.documents == 5
    build_index(sample_corpus_path(), copy_of, workers=0, embed=False)
    assert not list(copy_of.glob("*.partial"))
    assert [p.name for p in copy_of.iterdir() if p.name.startswith("gen-")] == [
        current_generation(copy_of).name
    ]


# ------------------------------------------------------------------------------ CLI


def test_the_cli_builds_describes_grows_and_reads_an_index(
    sample_files: Path, tmp_path: Path, capsys
) -> None:
    out = tmp_path / "cli.index"
    assert (
        main(
            ["index", "build", str(sample_files), "--out", str(out), "--workers", "0", "--no-embed"]
        )
        == 0
    )
    assert "5 documents, 72 passages" in capsys.readouterr().out
    assert main(["index", "info", str(out), "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["documents"] == 5 and info["embedder"] == ""
    assert main(["index", "add", str(out), str(sample_files), "--workers", "0"]) == 0
    assert "0 files added, 5 already in the index unchanged" in capsys.readouterr().out
    assert main(["evidence", str(out), "--claim", CLAIMS[0], "--json"]) == 0
    found = json.loads(capsys.readouterr().out)["results"][0]["passages"]
    assert found[0]["stance"] == "support"
    assert main(["claims", str(out), "--limit", "3"]) == 0
    assert main(["passages", str(out)]) == 0
    assert "5 documents, 72 passages" in capsys.readouterr().out


def test_cli_errors_name_the_problem(copy_of: Path, tmp_path: Path, capsys) -> None:
    _manifest(copy_of).unlink()
    assert main(["evidence", str(copy_of), "--claim", "x"]) == 2
    assert "manifest.json: unreadable manifest" in capsys.readouterr().err
    assert main(["index", "info", str(copy_of)]) == 1
    assert "factcheck index build" in capsys.readouterr().err
    assert main(["index", "add", str(tmp_path / "nope"), str(tmp_path)]) == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_progress_is_reported(sample_files: Path, tmp_path: Path) -> None:
    seen: list[tuple[str, int]] = []

    class Step:
        def __init__(self, label: str) -> None:
            self.label = label

        def update(self, n: int = 1) -> None:
            seen.append((self.label, n))

        def close(self) -> None:
            pass

    build_index(
        sample_files,
        tmp_path / "p.index",
        workers=0,
        embed=False,
        progress=lambda label, total: Step(label),
    )
    labels = [label for label, _ in seen]
    assert "reading articles" in labels and "indexing" in labels
    assert sum(n for label, n in seen if label == "reading articles") == 5
