"""The desk's state machine (factcheck.desk.session) on the sample corpus and a temporary log.

No kernel, no widgets: these are the behaviours the Desk widget delegates to.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path

import pytest

from factcheck.desk.session import GROUPS, DeskError, DeskSession
from factcheck.ingest.corpus import load_corpus, sample_corpus_path
from factcheck.records import STANCES, Corpus
from factcheck.text.arabic import fold
from factcheck.text.ids import claim_id_for
from factcheck.verdicts.log import RETRACTED, VerdictLog


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> DeskSession:
    """One session over the sample corpus: its engine and claims are shared by the tests."""
    log = tmp_path_factory.mktemp("base") / "verdicts.csv"
    return DeskSession(sample_corpus_path(), log, editor="Huda", coverage_limit=4)


@pytest.fixture
def session(base: DeskSession, tmp_path: Path) -> DeskSession:
    """A fresh session (own log, no claim open) reusing the base engine and claims."""
    return DeskSession(
        base.corpus,
        tmp_path / "verdicts.csv",
        editor="Huda",
        engine=base.engine,
        claims=base.claims,
        coverage_limit=4,
    )


def claim_with_both(s: DeskSession):
    """The first corpus claim whose evidence has a supporting and a contradicting passage."""
    for c in s.claims:
        r = s.select_claim(c.claim_id)
        if r.supports and r.contradicts:
            return c
    pytest.fail("no sample claim has both supporting and contradicting evidence")


def csv_rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


# -- construction and claims ------------------------------------------------------------------


def test_session_loads_the_corpus_and_extracts_claims_once(base: DeskSession) -> None:
    assert isinstance(base.corpus, Corpus)
    assert len(base.corpus) == 5
    assert base.claims, "the sample corpus has check-worthy claims"
    assert len({c.claim_id for c in base.claims}) == len(base.claims)
    assert base.claim_id == "" and base.result is None and base.evidence == ()


def test_session_accepts_a_loaded_corpus_and_a_log_object(tmp_path: Path) -> None:
    corpus = load_corpus(sample_corpus_path())
    log = VerdictLog(tmp_path / "v.csv")
    s = DeskSession(corpus, log, claims=())
    assert s.corpus is corpus and s.log is log and s.claims == ()


def test_outlet_count_counts_distinct_outlets_of_the_claim(base: DeskSession) -> None:
    for c in base.claims:
        outlets = {base.corpus.document(d).source or d for d in c.doc_ids}
        assert base.outlet_count(c) == len(outlets) >= 1
    assert max(base.outlet_count(c) for c in base.claims) >= 2, "some claim is in 2+ outlets"


def test_filter_claims_matches_in_the_folded_form(base: DeskSession) -> None:
    assert base.filter_claims("") == base.claims
    assert base.filter_claims("   ") == base.claims
    target = base.claims[0]
    word = max(target.text.split(), key=len)
    # Hamza/alef variants and diacritics fold alike, so the editor need not type them exactly.
    query = word.replace("أ", "ا").replace("إ", "ا")
    found = base.filter_claims(query)
    assert target in found
    assert all(fold(query) in fold(c.text) for c in found)
    assert base.filter_claims("zzzz-no-such-claim") == ()


# -- evidence ---------------------------------------------------------------------------------


def test_select_claim_sets_the_evidence_state(session: DeskSession) -> None:
    c = session.claims[0]
    result = session.select_claim(c.claim_id)
    assert session.result is result
    assert session.claim_id == c.claim_id and session.claim_text == c.text
    assert result.evidence, "the top claim has evidence in its own corpus"
    assert len(result.evidence) <= session.top_k
    assert session.evidence == result.evidence
    # Cached per claim: opening it again gives the very same result.
    session.select_claim(session.claims[-1].claim_id)
    assert session.select_claim(c.claim_id) is result


def test_select_unknown_claim_is_a_desk_error(session: DeskSession) -> None:
    with pytest.raises(DeskError, match="No claim"):
        session.select_claim("c-000000000000")


def test_groups_partition_the_evidence_by_stance_in_display_order(session: DeskSession) -> None:
    claim_with_both(session)
    groups = session.grouped()
    assert [g.stance for g in groups] == [s for s, _, _ in GROUPS]
    assert [g.stance for g in groups] == ["support", "contradict", "neutral"]
    titles = ["يدعم / Supports", "يناقض / Contradicts", "ذو صلة / Related"]
    assert [g.title for g in groups] == titles
    assert sum(len(g.evidence) for g in groups) == len(session.evidence)
    for g in groups:
        assert all(e.stance == g.stance for e in g.evidence)
    assert groups[0].evidence and groups[1].evidence


def test_filters_by_outlet_and_stance(session: DeskSession) -> None:
    claim_with_both(session)
    outlets = session.outlets()
    assert outlets and len(set(outlets)) == len(outlets)
    one = outlets[0]
    only = session.filtered_evidence(outlets=[one])
    assert only and all((e.source or e.passage.doc_id) == one for e in only)
    contra = session.filtered_evidence(stances=["contradict"])
    assert contra == session.result.contradicts
    both = session.filtered_evidence(outlets=[one], stances=["support"])
    assert set(both) == set(only) & set(session.result.supports)
    assert session.filtered_evidence(outlets=[]) == ()
    grouped = session.grouped(stances=["contradict"])
    assert [len(g.evidence) for g in grouped] == [0, len(contra), 0]
    with pytest.raises(DeskError, match="unknown stance"):
        session.filtered_evidence(stances=["maybe"])


def test_check_text_opens_a_typed_claim(session: DeskSession) -> None:
    text = "  انسحبت القوات   الأمريكية من العراق  "
    result = session.check_text(text)
    assert session.claim_text == "انسحبت القوات الأمريكية من العراق"
    assert session.claim_id == result.claim_id == claim_id_for(text)
    assert result.evidence
    assert set(e.stance for e in result.evidence) <= set(STANCES)
    with pytest.raises(DeskError, match="Type the claim"):
        session.check_text("   ")
    # Typing a corpus claim's text opens that claim (same id as in the list).
    c = session.claims[0]
    session.check_text(c.text)
    assert session.claim_id == c.claim_id


def test_context_is_the_article_around_the_passage(session: DeskSession) -> None:
    ev = session.select_claim(session.claims[0].claim_id).evidence[0]
    doc, passage = session.context(ev.passage.passage_id)
    assert passage == ev.passage
    assert doc.doc_id == passage.doc_id
    assert doc.text[passage.start : passage.end] == passage.text
    with pytest.raises(DeskError):
        session.context("nope:nope")


def test_copies_sources_name_the_outlets_carrying_the_same_text(tmp_path: Path) -> None:
    text = (
        "قال المتحدث باسم الوزارة إن نسبة البطالة انخفضت إلى 7.5% في عام 2023 "
        "بعد أن كانت 9% في العام السابق."
    )
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(text + "\nوأضاف أن الحكومة ستواصل برامج التشغيل.\n", "utf-8")
    (folder / "b.txt").write_text("نقلاً عن وكالة الأنباء:\n" + text + "\n", "utf-8")
    (folder / "sources.csv").write_text(
        "file,source,url,date,title\n"
        "a.txt,وكالة الأنباء,,2023-01-01,\n"
        "b.txt,Daily Echo,,2023-01-02,\n",
        "utf-8",
    )
    s = DeskSession(folder, tmp_path / "v.csv", claims=())
    result = s.check_text("انخفضت نسبة البطالة إلى 7.5% في عام 2023")
    by_outlet = {e.source: e for e in result.evidence if "7.5%" in e.passage.text}
    assert set(by_outlet) == {"وكالة الأنباء", "Daily Echo"}
    assert s.copies_sources(by_outlet["وكالة الأنباء"]) == ("Daily Echo",)
    assert s.copies_sources(by_outlet["Daily Echo"]) == ("وكالة الأنباء",)


# -- ticking evidence -------------------------------------------------------------------------


def test_toggle_evidence_and_reset_on_another_claim(session: DeskSession) -> None:
    first, second = session.claims[0], session.claims[1]
    ev = session.select_claim(first.claim_id).evidence
    pid = ev[0].passage.passage_id
    assert session.toggle_evidence(pid) is True
    assert session.ticked == ((ev[0].passage.doc_id, pid),)
    assert session.is_ticked(pid)
    assert session.toggle_evidence(pid) is False
    assert session.ticked == ()
    session.set_evidence(ev[1].passage.passage_id, True)
    session.set_evidence(pid, True)
    assert [p for _, p in session.ticked] == [ev[1].passage.passage_id, pid]  # ticking order
    session.select_claim(first.claim_id)  # the same claim again keeps the ticks
    assert len(session.ticked) == 2
    session.select_claim(second.claim_id)
    assert session.ticked == ()


def test_ticking_a_passage_that_is_not_evidence_is_refused(session: DeskSession) -> None:
    r = session.select_claim(session.claims[0].claim_id)
    shown = {e.passage.passage_id for e in r.evidence}
    other = next(p for p in session.corpus.passages if p.passage_id not in shown)
    with pytest.raises(DeskError, match="not evidence"):
        session.toggle_evidence(other.passage_id)
    assert session.ticked == ()


# -- saving, undo, current verdict ------------------------------------------------------------


def test_save_appends_a_row_with_the_ticked_evidence(session: DeskSession) -> None:
    c = session.claims[0]
    ev = session.select_claim(c.claim_id).evidence
    session.toggle_evidence(ev[0].passage.passage_id)
    session.toggle_evidence(ev[1].passage.passage_id)
    row = session.save("خاطئ", note="  الرقم الرسمي مختلف، انظر البيان  ", editor="Huda")
    assert row.verdict == "false" and row.claim_id == c.claim_id and row.claim == c.text
    rows = csv_rows(session.log.path)
    assert len(rows) == 1
    written = rows[0]
    assert written["verdict_id"] == row.verdict_id
    assert written["claim_id"] == c.claim_id
    assert written["claim"] == c.text
    assert written["verdict"] == "false"
    assert written["editor"] == "Huda"
    assert written["note"] == "الرقم الرسمي مختلف، انظر البيان"
    assert written["evidence"] == ";".join(
        f"{e.passage.doc_id}:{e.passage.passage_id}" for e in ev[:2]
    )


@pytest.mark.parametrize(
    ("prepare", "verdict", "editor", "message"),
    [
        ("none", "false", "Huda", "Select a claim first"),
        ("open", None, "Huda", "Choose a verdict"),
        ("open", "", "Huda", "Choose a verdict"),
        ("open", "false", "   ", "editor's name"),
        ("open", "probably", "Huda", "Unknown verdict"),
    ],
)
def test_save_errors_are_friendly_and_write_nothing(
    session: DeskSession, prepare: str, verdict: str | None, editor: str, message: str
) -> None:
    if prepare == "open":
        session.select_claim(session.claims[0].claim_id)
    with pytest.raises(DeskError, match=message) as info:
        session.save(verdict, editor=editor)
    assert info.value.message == str(info.value)
    assert session.log.read().empty


def test_editor_defaults_to_the_session_editor_and_is_kept(session: DeskSession) -> None:
    session.select_claim(session.claims[0].claim_id)
    assert session.save("true").editor == "Huda"
    session.save("half-true", editor="Omar")
    assert session.editor == "Omar"
    session.select_claim(session.claims[1].claim_id)
    assert session.save("misleading").editor == "Omar"


def test_current_verdict_follows_saves_and_undo(session: DeskSession) -> None:
    c = session.claims[0]
    session.select_claim(c.claim_id)
    assert session.current_verdict() is None
    first = session.save("true")
    assert session.current_verdict()["verdict"] == "true"
    second = session.save("false", note="تصحيح")
    assert first.supersedes == "" and second.supersedes == first.verdict_id  # a correction
    current = session.current_verdict(c.claim_id)
    assert current["verdict_id"] == second.verdict_id and current["note"] == "تصحيح"
    # Another claim open: the first one's verdict is still found by id.
    session.select_claim(session.claims[1].claim_id)
    assert session.current_verdict() is None
    assert session.current_verdict(c.claim_id)["verdict"] == "false"

    undo = session.undo_last()
    assert undo.verdict == RETRACTED and undo.supersedes == second.verdict_id
    assert session.current_verdict(c.claim_id)["verdict_id"] == first.verdict_id
    rows = csv_rows(session.log.path)
    assert [r["verdict"] for r in rows] == ["true", "false", RETRACTED]
    assert rows[-1]["supersedes"] == second.verdict_id
    assert rows[-1]["editor"] == "Huda"


def test_undo_with_nothing_to_undo_is_a_desk_error(session: DeskSession) -> None:
    with pytest.raises(DeskError, match="Nothing to undo"):
        session.undo_last()
    with pytest.raises(DeskError, match="editor's name"):
        session.undo_last(editor=" ")


def test_undo_last_only_undoes_the_editors_own_verdict(session: DeskSession) -> None:
    session.select_claim(session.claims[0].claim_id)
    mine = session.save("true", editor="Huda")
    session.select_claim(session.claims[1].claim_id)
    theirs = session.save("false", editor="Omar")
    undo = session.undo_last(editor="Huda")
    assert undo.supersedes == mine.verdict_id
    assert session.current_verdict(session.claims[1].claim_id)["verdict_id"] == theirs.verdict_id


# -- log, downloads ---------------------------------------------------------------------------


def test_log_frame_is_newest_first_and_filterable(session: DeskSession) -> None:
    a, b = session.claims[0], session.claims[1]
    session.select_claim(a.claim_id)
    session.save("true", editor="Huda")
    session.select_claim(b.claim_id)
    session.save("false", editor="Omar")
    session.save("misleading", editor="Omar")
    frame = session.log_frame()
    assert list(frame["verdict"]) == ["misleading", "false", "true"]
    assert list(session.log_frame(editor_filter="oma")["editor"]) == ["Omar", "Omar"]
    word = max(a.text.split(), key=len)
    by_claim = session.log_frame(claim_filter=word)
    assert a.claim_id in set(by_claim["claim_id"])
    assert all(fold(word) in fold(t) for t in by_claim["claim"])
    assert list(session.log_frame(claim_filter=b.claim_id)["claim_id"]) == [b.claim_id] * 2
    assert session.log_frame(editor_filter="nobody").empty


def test_log_frame_of_an_empty_log(session: DeskSession) -> None:
    assert session.log_frame().empty


def test_csv_bytes_are_the_log_file(session: DeskSession) -> None:
    empty = session.csv_bytes().decode("utf-8-sig")
    assert empty.splitlines()[0].startswith("verdict_id,")
    session.select_claim(session.claims[0].claim_id)
    session.save("false")
    data = session.csv_bytes()
    assert data == session.log.path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: spreadsheets open the Arabic correctly
    (row,) = csv.DictReader(io.StringIO(data.decode("utf-8-sig")))
    assert row["claim"] == session.claims[0].text


@pytest.mark.postgres
def test_a_session_on_a_database_log(base: DeskSession, pg_url: str) -> None:
    """The desk on a shared PostgreSQL log: save, correct, undo, and the CSV download."""
    s = DeskSession(base.corpus, pg_url, editor="Huda", engine=base.engine, claims=base.claims)
    c = s.claims[0]
    s.select_claim(c.claim_id)
    first = s.save("true")
    second = s.save("false", note="=تصحيح")
    assert second.supersedes == first.verdict_id
    assert s.log_total() == 2 and s.current_verdict()["verdict"] == "false"
    data = s.csv_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [r["verdict_id"] for r in rows] == [first.verdict_id, second.verdict_id]
    assert rows[1]["note"] == "'=تصحيح"  # formula-neutralised, as in the CSV log
    s.undo_last()
    assert s.current_verdict()["verdict_id"] == first.verdict_id


@pytest.mark.postgres
def test_an_unreachable_database_log_is_a_desk_error(base: DeskSession, pg_cluster) -> None:
    url = f"postgresql://huda:secret@/nowhere?host={pg_cluster.socket_dir}"
    s = DeskSession(base.corpus, url, editor="Huda", engine=base.engine, claims=base.claims)
    with pytest.raises(DeskError, match="Could not read the verdict log") as info:
        s.log_total()
    assert "nowhere" in str(info.value) and "secret" not in str(info.value)
    s.select_claim(s.claims[0].claim_id)
    with pytest.raises(DeskError, match="Could not"):
        s.save("false")
    with pytest.raises(DeskError, match="Nothing to undo"):
        s.undo_last()


@pytest.mark.postgres
def test_a_database_log_from_a_newer_desk_is_a_desk_error(
    base: DeskSession, pg_cluster, pg_url: str
) -> None:
    VerdictLog(pg_url).record(claim="c", verdict="true", editor="H")
    name = pg_url.split("/")[3].split("?")[0]
    pg_cluster.execute("INSERT INTO factcheck_schema VALUES (99, 'x', '9', now())", dbname=name)
    s = DeskSession(base.corpus, pg_url, editor="Huda", engine=base.engine, claims=base.claims)
    with pytest.raises(DeskError, match=r"Could not read the verdict log.*schema version 99"):
        s.log_frame()


def test_claimreview_json_has_the_recorded_verdicts(session: DeskSession) -> None:
    assert json.loads(session.claimreview_json()) == []
    c = session.claims[0]
    session.select_claim(c.claim_id)
    session.save("false")
    assert json.loads(session.claimreview_json()) == []  # a draft is not published
    assert len(json.loads(session.claimreview_json(include_drafts=True))) == 1
    session.review("approve", reviewer="Omar")
    reviews = json.loads(session.claimreview_json(publisher="Desk"))
    assert len(reviews) == 1
    review = reviews[0]
    assert review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == c.text
    assert review["reviewRating"]["alternateName"] == "خاطئ"
    assert review["author"]["name"] == "Desk"
    assert "\\u06" not in session.claimreview_json()  # Arabic kept readable, not \u-escaped


# -- coverage ---------------------------------------------------------------------------------


def test_coverage_is_bounded_cached_and_keyed_by_claim_id(session: DeskSession) -> None:
    claims = session.coverage_claims()
    assert len(claims) == min(4, len(session.claims))
    assert [c.score for c in claims] == sorted((c.score for c in claims), reverse=True)
    frame = session.coverage()
    assert session.coverage() is frame
    assert set(frame["claim_id"]) <= {c.claim_id for c in claims}
    texts = {c.claim_id: c.text for c in claims}
    pairs = zip(frame["claim_id"], frame["claim"], strict=True)
    assert all(texts[cid] == text for cid, text in pairs)
    matrix = session.coverage_matrix_frame()
    assert not matrix.empty
    assert set(matrix["claim_id"]) == set(frame["claim_id"])


def test_claim_counts_frame_matches_the_open_claims_evidence(session: DeskSession) -> None:
    assert session.claim_counts_frame().empty  # nothing open yet
    claim_with_both(session)
    counts = session.claim_counts_frame()
    assert set(counts["claim_id"]) == {session.claim_id}
    stances = Counter(e.stance for e in session.evidence)
    kinds = ("independent", "syndicated", "origin")
    for s in ("support", "contradict"):
        assert sum(counts[f"{s}_{k}"].sum() for k in kinds) == stances[s]
    # The claim's own passages are where it was found, not independent support.
    own = set(session.claim(session.claim_id).passage_ids)
    assert {e.passage.passage_id for e in session.evidence if e.origin} == own & {
        e.passage.passage_id for e in session.evidence
    }
    independent = sum(e.independent and not e.origin for e in session.evidence)
    assert sum(counts[f"{s}_independent"].sum() for s in STANCES) == independent
    assert set(counts["outlet"]) == set(session.outlets())


def test_verdict_summary_counts_current_verdicts(session: DeskSession) -> None:
    session.select_claim(session.claims[0].claim_id)
    session.save("true")
    session.save("false")
    summary = session.verdict_summary().set_index("label")["count"]
    assert summary["false"] == 1 and summary["true"] == 0
