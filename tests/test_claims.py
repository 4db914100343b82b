from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.cli import main
from factcheck.engine.claims import (
    KINDS,
    MAX_CHARS,
    MAX_SENTENCE,
    claim_kinds,
    claim_units,
    claims_frame,
    extract_claims,
    score,
)
from factcheck.engine.provenance import Cluster, Clusters, cluster_corpus
from factcheck.engine.statements import split_statement
from factcheck.ingest.corpus import load_corpus, sample_corpus_path
from factcheck.records import Claim, Corpus, Document, Passage
from factcheck.text.ids import claim_id_for


@pytest.fixture(scope="module")
def sample() -> Corpus:
    return load_corpus(sample_corpus_path())


@pytest.fixture(scope="module")
def sample_claims(sample: Corpus) -> tuple[Claim, ...]:
    return extract_claims(sample)


def _doc_id(corpus: Corpus, prefix: str) -> str:
    return next(d.doc_id for d in corpus.documents if d.doc_id.startswith(prefix))


def _claim(claims: tuple[Claim, ...], contains: str) -> Claim:
    found = [c for c in claims if contains in c.text]
    assert len(found) == 1, (contains, [c.text for c in found])
    return found[0]


# --------------------------------------------------------------------------------------------
# Units and kinds
# --------------------------------------------------------------------------------------------


def test_short_passage_is_one_unit() -> None:
    text = "قال الوزير إن الصادرات ارتفعت. وأضاف أن الواردات تراجعت."
    assert claim_units(text) == [text]


def test_long_passage_splits_at_sentence_boundaries() -> None:
    s1 = "قال وزير المالية إن العجز تراجع إلى 3% من الناتج المحلي خلال العام الماضي، " * 3
    s1 = s1.strip(" ،") + "."
    s2 = "وأضاف أن الدين العام بلغ 90 مليار دولار؟"
    s3 = "ويرى د. أحمد علي أن النمو سيبلغ 3.5% العام المقبل!"  # abbreviation, decimal
    text = f"{s1}\u00a0{s2}  {s3}"
    assert len(text) > MAX_CHARS
    assert claim_units(text) == [s1, s2, s3]


def test_a_sentence_stays_whole_up_to_the_sentence_limit_then_splits_at_commas() -> None:
    clause = "ارتفعت أسعار المواد الغذائية في الأسواق المحلية بنسبة كبيرة خلال الشهر الماضي"
    medium = "، ".join([clause] * 4) + "."
    assert MAX_CHARS < len(medium) <= MAX_SENTENCE
    assert claim_units(medium) == [medium]
    long = "، ".join([clause] * 9) + "."
    units = claim_units(long)
    assert len(units) > 1
    assert all(len(u) <= MAX_CHARS for u in units)
    assert "".join(units).replace(" ", "") == long.replace(" ", "")  # nothing lost or added


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "وفي آذار الماضي، قال الكاظمي إن بلاده خفضت عدد القوات الأجنبية بنسبة 60%.",
            {"percent", "attributed"},
        ),
        ("ارتفع معدل البطالة إلى ٧٪ خلال العام الماضي.", {"percent"}),
        ("أجلت السلطات أكثر من 2100 شحنة من المعدات العسكرية من البلاد.", {"number"}),
        ("لن تكون هناك قوات قتالية في البلاد بحلول 31 ديسمبر 2021.", {"date", "absolute"}),
        ("وقع الطرفان الاتفاق في الخامس من أيار 2019 في العاصمة.", {"date"}),
        (
            'وتابع المدرب: "الفريق جاهز تماما للمباراة النهائية".',
            {"attributed", "quote", "absolute"},
        ),
        ('"الفريق جاهز تماما للمباراة النهائية" عبارة تكررت كثيرا.', {"quote", "absolute"}),
        ("سجلت البورصة أعلى مستوى لها على الإطلاق هذا الأسبوع.", {"absolute"}),
        ("هذا المشروع هو الأول من نوعه في المنطقة العربية.", {"absolute"}),
        ("لا يوجد أي دليل على تسرب المياه إلى المحطة النووية.", {"absolute"}),
        ("وقال مدير المستشفى إن الحالات المستقرة تلقت العلاج اللازم.", {"attributed"}),
        # Not check-worthy on their own:
        ("عقدت الجولة الرابعة من المفاوضات في العاصمة العمانية.", set()),  # ordinal
        ("وفي آذار الماضي، اجتمع الوفدان في العاصمة.", set()),  # month only
        ("شارك “داعش” و“التحالف” في المعارك بحسب الصور المتداولة.", set()),  # scare quotes
        ("استمرت المفاوضات بين الطرفين طوال اليوم في الفندق.", set()),
        ("التقى أحد المسؤولين كلا من الوزير والسفير في مقر الوزارة.", set()),
        ("شارك كل من المغرب وتونس في الاجتماع التحضيري للقمة.", set()),
        ("لم يصب أي شخص بأذى ولا أحد يعرف سبب الحريق حتى الآن.", {"absolute"}),
    ],
)
def test_claim_kinds(text: str, expected: set[str]) -> None:
    kinds = claim_kinds(text)
    assert set(kinds) == expected
    assert list(kinds) == [k for k in KINDS if k in kinds]  # canonical order


def test_a_hedged_figure_is_not_an_absolute() -> None:
    assert "absolute" not in claim_kinds("أجلت السلطات أكثر من 2100 شحنة من المعدات.")
    assert "absolute" in claim_kinds("هذه الشحنة أكبر شحنة تصل إلى الميناء.")


def test_attributed_can_be_supplied_by_the_caller() -> None:
    text = "وأضاف أن الدين العام سيتراجع في السنوات المقبلة."
    assert "attributed" not in claim_kinds(text)
    assert "attributed" in claim_kinds(text, attributed=True)


# --------------------------------------------------------------------------------------------
# Score
# --------------------------------------------------------------------------------------------

STATEMENT = "قال وزير المالية إن العجز تراجع إلى 3% من الناتج المحلي خلال العام الماضي."


def test_score_prefers_figures_and_penalises_questions_and_headlines() -> None:
    assert score(STATEMENT, ("percent", "attributed")) > score(STATEMENT, ("attributed",))
    question = "هل تراجع العجز إلى 3% من الناتج المحلي خلال العام الماضي؟"
    assert score(question, ("percent",)) < score(STATEMENT, ("percent",))
    headline = "العجز المالي 3% من الناتج المحلي"
    assert score(headline, ("percent",)) < score(STATEMENT, ("percent",))
    assert score("تراجع العجز 3%.", ("percent",)) < score(STATEMENT, ("percent",))
    assert score(STATEMENT, ()) == 0.0


@given(st.integers(min_value=1, max_value=50))
def test_score_grows_with_the_number_of_outlets(n: int) -> None:
    assert score(STATEMENT, ("percent",), n + 1) > score(STATEMENT, ("percent",), n)


# --------------------------------------------------------------------------------------------
# Extraction and merging
# --------------------------------------------------------------------------------------------


def test_sample_percent_claim(sample_claims: tuple[Claim, ...]) -> None:
    c = _claim(sample_claims, "بنسبة 60%")
    assert {"percent", "attributed"} <= set(c.kinds)
    assert [d[:3] for d in c.doc_ids] == ["001"]
    assert c.sources == ("عنب بلدي",)


def test_sample_date_and_number_claims(sample_claims: tuple[Claim, ...]) -> None:
    date = _claim(sample_claims, "بحلول 31 ديسمبر 2021")
    assert "date" in date.kinds
    assert [d[:3] for d in date.doc_ids] == ["000", "003"]
    shipments = _claim(sample_claims, "2100 شحنة")
    assert "number" in shipments.kinds and "quote" in shipments.kinds


def test_sample_syndicated_paragraph_is_one_claim(sample_claims: tuple[Claim, ...]) -> None:
    # The same Rasool paragraph in الحرة (000) and بغداد اليوم (003), lightly edited.
    c = _claim(sample_claims, "بدأ فعليا بعد الحوار الاستراتيجي")
    assert c.text.startswith("وكان اللواء يحيى رسول قال")  # 000 is first in corpus order
    assert [d[:3] for d in c.doc_ids] == ["000", "003"]
    assert len(c.passage_ids) == 2
    assert c.sources == ("الحرة", "بغداد اليوم")
    assert {"attributed", "quote"} <= set(c.kinds)
    # Carried by two outlets, it outranks the same kinds from one outlet.
    single = _claim(sample_claims, "الحديث عن تمديد موعد انسحاب")
    assert set(single.kinds) == set(c.kinds) and len(single.doc_ids) == 1
    assert c.score > single.score


def test_sample_claims_are_consistent(sample: Corpus, sample_claims: tuple[Claim, ...]) -> None:
    assert len(sample_claims) >= 20
    ids = [c.claim_id for c in sample_claims]
    assert len(ids) == len(set(ids))
    scores = [c.score for c in sample_claims]
    assert scores == sorted(scores, reverse=True)
    for c in sample_claims:
        assert c.claim_id == claim_id_for(c.text)
        assert c.kinds and set(c.kinds) <= set(KINDS)
        assert len(c.text) <= MAX_SENTENCE
        assert len(c.sources) == len(c.doc_ids)
        for pid in c.passage_ids:
            p = sample.passage(pid)
            assert p.doc_id in c.doc_ids
        assert any(c.text in sample.passage(pid).text for pid in c.passage_ids)
    # Boilerplate and bylines are not claims.
    assert not any("اضغط هنا" in c.text or "ع ع ع" in c.text for c in sample_claims)


def test_claim_ids_are_stable_across_runs(sample_claims: tuple[Claim, ...]) -> None:
    again = extract_claims(load_corpus(sample_corpus_path()))
    assert [(c.claim_id, c.doc_ids, c.score) for c in again] == [
        (c.claim_id, c.doc_ids, c.score) for c in sample_claims
    ]


def test_limit(sample: Corpus, sample_claims: tuple[Claim, ...]) -> None:
    assert extract_claims(sample, limit=3) == sample_claims[:3]
    assert extract_claims(sample, limit=0) == ()
    with pytest.raises(ValueError, match="limit"):
        extract_claims(sample, limit=-1)


def _corpus(docs: list[tuple[str, str, str, list[str]]]) -> Corpus:
    out = []
    for doc_id, source, date, texts in docs:
        ps = tuple(Passage(f"{doc_id}-{i}", doc_id, t, 0, len(t), i) for i, t in enumerate(texts))
        out.append(Document(doc_id, "\n".join(texts), ps, source=source, date=date))
    return Corpus.from_documents(out)


WIRE = (
    "وقال وزير الاقتصاد سامر خليل، الاثنين، إن معدل التضخم السنوي تراجع إلى 12% في أيلول "
    "مقارنة بـ 15% في آب، مؤكدا أن الحكومة ستواصل دعم السلع الأساسية."
)
EDITED = WIRE.replace("الاثنين", "يوم الاثنين").replace("السلع الأساسية", "السلع الأساسية كافة")
OTHER = "وأعلن الاتحاد المحلي لكرة القدم أن الموسم الجديد سينطلق في 20 أيلول 2024 بمشاركة 16 فريقا."


def test_outlets_merge_and_the_earliest_dated_outlet_is_the_original() -> None:
    corpus = _corpus(
        [
            ("a", "وكالة أ", "2024-10-02", [EDITED, OTHER]),
            ("b", "صحيفة ب", "2024-10-01", [WIRE]),
            ("c", "", "2024-10-03", [WIRE + " "]),
        ]
    )
    claims = extract_claims(corpus)
    wire = _claim(claims, "معدل التضخم السنوي")
    assert wire.text == WIRE  # b is the earliest
    assert wire.doc_ids == ("b", "a", "c")
    assert wire.sources == ("صحيفة ب", "وكالة أ", "")
    assert wire.passage_ids == ("b-0", "a-0", "c-0")
    assert {"percent", "attributed"} <= set(wire.kinds)
    assert _claim(claims, "الموسم الجديد").doc_ids == ("a",)
    frame = claims_frame(claims)
    row = frame.set_index("claim_id").loc[wire.claim_id]
    assert row["n_outlets"] == 3 and row["sources"] == ("صحيفة ب", "وكالة أ")


def test_given_clusters_are_honoured() -> None:
    corpus = _corpus([("a", "أ", "", [WIRE]), ("b", "ب", "", [OTHER])])
    assert len(extract_claims(corpus)) == 2
    # A caller's clustering (e.g. from a distributed run) that links the two passages merges
    # their claims, with the original's text.
    linked = Clusters([Cluster("k-x", ("b-0", "a-0"), ("b", "a"))])
    merged = extract_claims(corpus, clusters=linked)
    assert len(merged) == 1 and merged[0].doc_ids == ("a", "b")
    assert extract_claims(corpus, clusters=cluster_corpus(corpus)) == extract_claims(corpus)


def test_same_text_twice_in_one_document_is_one_claim() -> None:
    corpus = _corpus([("a", "أ", "", [WIRE, "فقرة أخرى لا تحمل أي رقم أو نسبة هنا", WIRE])])
    claims = extract_claims(corpus)
    assert len(claims) == 1
    assert claims[0].doc_ids == ("a",) and claims[0].passage_ids == ("a-0", "a-2")


def test_empty_corpus_and_frame() -> None:
    assert extract_claims(Corpus()) == ()
    frame = claims_frame([])
    assert list(frame.columns) == ["claim_id", "text", "kinds", "n_outlets", "sources", "score"]
    assert len(frame) == 0


def test_claims_frame(sample_claims: tuple[Claim, ...]) -> None:
    frame = claims_frame(sample_claims)
    assert isinstance(frame, pd.DataFrame) and len(frame) == len(sample_claims)
    assert frame["claim_id"].tolist() == [c.claim_id for c in sample_claims]
    assert frame["n_outlets"].dtype == "int64" and frame["score"].dtype == "float64"
    syndicated = frame[frame["text"].str.contains("بدأ فعليا بعد الحوار")].iloc[0]
    assert syndicated["n_outlets"] == 2
    assert syndicated["sources"] == ("الحرة", "بغداد اليوم")


# --------------------------------------------------------------------------------------------
# CLI
# --------------------------------------------------------------------------------------------


def test_cli_json(capsys: pytest.CaptureFixture[str], sample_claims: tuple[Claim, ...]) -> None:
    path = str(sample_corpus_path())
    assert main(["claims", path, "--json"]) == 0
    first = json.loads(capsys.readouterr().out)
    assert main(["claims", path, "--json", "--limit", "5"]) == 0
    second = json.loads(capsys.readouterr().out)
    rows = first["claims"]
    assert [r["claim_id"] for r in rows] == [c.claim_id for c in sample_claims]
    assert second["claims"] == rows[:5]
    assert set(rows[0]) == {
        *("claim_id", "text", "kinds", "doc_ids", "passage_ids", "score"),
        *("speaker", "statement", "sources"),
    }
    rasool = next(r for r in rows if "بدأ فعليا بعد الحوار" in r["text"])
    assert [d[:3] for d in rasool["doc_ids"]] == ["000", "003"]


def test_cli_readable_and_errors(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(sample_corpus_path())
    assert main(["claims", path, "--limit", "2"]) == 0
    out = capsys.readouterr().out
    assert out.count("(c-") == 2 and "  1. [" in out and "  2. [" in out
    assert main(["claims", "/no/such/folder"]) == 2
    assert "not found" in capsys.readouterr().err
    assert main(["claims", path, "--limit", "0"]) == 2


def test_cli_subprocess_prints_utf8_arabic() -> None:
    cmd = [sys.executable, "-m", "factcheck.cli", "claims", str(sample_corpus_path()), "--json"]
    runs = [subprocess.run(cmd, capture_output=True, check=True) for _ in range(2)]
    assert runs[0].stdout == runs[1].stdout  # same ids, same order, every run
    data = json.loads(runs[0].stdout.decode("utf-8"))
    assert any("بنسبة 60%" in r["text"] for r in data["claims"])
    assert "\\u" not in runs[0].stdout.decode("utf-8")  # ensure_ascii=False


@pytest.mark.parametrize(
    ("text", "speaker", "statement"),
    [
        (
            "قال الكاظمي إن بلاده نجحت في تخفيض عدد القوات الأجنبية بنسبة 60%.",
            "الكاظمي",
            "بلاده نجحت في تخفيض عدد القوات الأجنبية بنسبة 60%",
        ),
        (
            "وأكد اللواء يحيى رسول، المتحدث باسم القائد العام، أن الانسحاب جارٍ على قدم وساق.",
            "اللواء يحيى رسول",
            "الانسحاب جارٍ على قدم وساق",
        ),
        ("وزير الصحة: لا إصابات جديدة بكورونا", "وزير الصحة", "لا إصابات جديدة بكورونا"),
        (
            "الانسحاب سيكتمل بحلول نهاية العام، بحسب بيان وزارة الدفاع.",
            "بيان وزارة الدفاع",
            "الانسحاب سيكتمل بحلول نهاية العام",
        ),
        ("وأضاف أن الموعد غير قابل للتمديد", "", "الموعد غير قابل للتمديد"),
        ("ارتفعت أسعار النفط بنسبة 5% اليوم", "", "ارتفعت أسعار النفط بنسبة 5% اليوم"),
        # A إن far from the speaker belongs to the statement: the sentence stays whole.
        ("قال إن", "", "قال إن"),
    ],
)
def test_a_claim_reads_as_speaker_and_statement(text: str, speaker: str, statement: str) -> None:
    said = split_statement(text)
    assert (said.speaker, said.text) == (speaker, statement)


def test_corpus_claims_carry_their_speaker_apart(sample_claims: tuple[Claim, ...]) -> None:
    kazimi = next(c for c in sample_claims if "الكاظمي إن" in c.text)
    assert kazimi.speaker == "الكاظمي"
    assert kazimi.statement.startswith("بلاده نجحت")
    assert kazimi.claim_id == claim_id_for(kazimi.text)  # ids stay the printed sentence's
