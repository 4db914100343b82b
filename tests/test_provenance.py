"""Provenance: near-duplicate passages, syndication clusters and their originals."""

from __future__ import annotations

import hashlib
import random
from datetime import datetime
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.cluster.hierarchy import DisjointSet

from factcheck.engine.provenance import (
    CONTAINMENT,
    JACCARD,
    MIN_CONTAIN_SHINGLES,
    Cluster,
    Clusters,
    cluster_corpus,
    cluster_passages,
    near_duplicate,
    overlap_is_near,
    parse_iso_date,
)
from factcheck.ingest.corpus import load_corpus, sample_corpus_path
from factcheck.records import Corpus, Document, Passage
from factcheck.text.arabic import fold, words


def _doc(doc_id: str, texts: list[str]) -> list[Passage]:
    return [Passage(f"{doc_id}-{i}", doc_id, t, 0, len(t), i) for i, t in enumerate(texts)]


@pytest.fixture(scope="module")
def sample() -> Corpus:
    return load_corpus(sample_corpus_path())


def _doc_of(corpus: Corpus, prefix: str) -> Document:
    return next(d for d in corpus.documents if d.doc_id.startswith(prefix))


def _passage(corpus: Corpus, prefix: str, contains: str) -> Passage:
    return next(p for p in _doc_of(corpus, prefix).passages if contains in p.text)


BASE = (
    "وقال المتحدث باسم وزارة الصحة إن عدد الإصابات الجديدة بلغ 450 إصابة خلال الأسبوع الماضي "
    "وإن الوزارة وزعت أكثر من مليون جرعة من اللقاح على المراكز الصحية في المحافظات الجنوبية"
)


@pytest.mark.parametrize(
    ("other", "same"),
    [
        (BASE, True),  # identical
        (BASE.replace("الجنوبية", "الشمالية"), True),  # a word changed
        (BASE.replace("المتحدث", "الناطق").replace("450", "470"), True),  # two words changed
        (BASE.replace(" إن ", "، إن ") + ".", True),  # punctuation
        (BASE.replace("الإصابات", "الإِصابَات").replace("قال", "قـال"), True),  # diacritics, tatweel
        (BASE.replace("اللقاح", "اللقاحِ").replace("450", "٤٥٠"), True),  # Arabic-Indic digits
        (BASE.replace("الصحية", "الصحيه").replace("إن", "ان"), True),  # spelling variants
        ("وأفادت مصادر طبية بأن " + BASE + " بحسب ما نشرته الصحيفة اليوم", True),  # contained
        (
            "وأعلنت وزارة الصحة أن عدد الإصابات الجديدة تراجع خلال الأسبوع الماضي بعد توزيع "
            "جرعات اللقاح على المراكز الصحية، فيما حذر أطباء من موجة جديدة في المحافظات",
            False,  # same topic, different statement
        ),
        (
            "قال المتحدث باسم وزارة التربية إن عدد الطلاب الجدد بلغ 450 ألف طالب خلال العام "
            "الدراسي الماضي وإن الوزارة وزعت أكثر من مليون كتاب على المدارس",
            False,  # same sentence frame, different facts
        ),
        ("عدد الإصابات الجديدة", False),  # too short to be a copy
    ],
)
def test_near_duplicate(other: str, same: bool) -> None:
    assert near_duplicate(BASE, other) is same
    assert near_duplicate(other, BASE) is same


def test_sample_different_rewrites_of_one_fact_do_not_cluster(sample: Corpus) -> None:
    a = _passage(sample, "000", "وتمكنت القوات الأميركية والعراقية")
    b = _passage(sample, "003", "وتمكنت القوات العراقية والحشد الشعبي")
    assert not near_duplicate(a.text, b.text)
    c = _passage(sample, "003", "نفت قيادة العمليات المشتركة العراقية تمديد")
    d = _passage(sample, "004", "أكدت قيادة العمليات المشتركة العراقية")
    assert not near_duplicate(c.text, d.text)


@pytest.mark.parametrize(
    ("inter", "a", "b", "near"),
    [
        (14, 17, 17, True),  # Jaccard exactly 0.7 (14 / 20)
        (13, 17, 17, False),  # Jaccard 0.62, containment 0.76
        (8, 10, 30, True),  # containment exactly 0.8 of a 10-shingle passage
        (7, 10, 30, False),  # containment 0.7
        (6, 7, 30, False),  # containment 0.86 but too short for the containment rule
        (7, 7, 8, True),  # short, but Jaccard 0.875
    ],
)
def test_threshold_boundaries(inter: int, a: int, b: int, near: bool) -> None:
    assert overlap_is_near(inter, a, b) is near


@given(st.integers(1, 80), st.integers(1, 80), st.data())
def test_overlap_rule_is_the_documented_thresholds(a: int, b: int, data: st.DataObject) -> None:
    """The rule uses JACCARD, CONTAINMENT and MIN_CONTAIN_SHINGLES exactly as documented."""
    inter = data.draw(st.integers(0, min(a, b)))
    small = min(a, b)
    want = Fraction(inter, a + b - inter) >= JACCARD or (
        small >= MIN_CONTAIN_SHINGLES and Fraction(inter, small) >= CONTAINMENT
    )
    assert overlap_is_near(inter, a, b) is want


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-01-05", datetime(2024, 1, 5)),
        ("2024-01-05T10:30:00", datetime(2024, 1, 5, 10, 30)),
        ("2024-01-05T10:30:00Z", datetime(2024, 1, 5, 10, 30)),
        ("2024-01-05T12:30:00+02:00", datetime(2024, 1, 5, 10, 30)),  # to naive UTC
        ("  2024-01-05  ", datetime(2024, 1, 5)),
        ("2024/1/5 10:00", datetime(2024, 1, 5)),  # another separator: the day is kept
        ("2024.01.05", datetime(2024, 1, 5)),
        ("2024-02-30", None),  # no such day
        ("05/01/2024", None),  # day-first is ambiguous: unknown
        ("", None),
        ("غير معروف", None),
    ],
)
def test_parse_iso_date(value: str, expected: datetime | None) -> None:
    assert parse_iso_date(value) == expected


def _corpus(docs: dict[str, tuple[str, list[str]]]) -> Corpus:
    out = []
    for doc_id, (date, texts) in docs.items():
        out.append(Document(doc_id, "\n".join(texts), tuple(_doc(doc_id, texts)), date=date))
    return Corpus.from_documents(out)


def test_clusters_original_copies_and_independence() -> None:
    edited = BASE.replace("الجنوبية", "الشمالية")
    other = "وفاز المنتخب الوطني على نظيره بثلاثة أهداف مقابل هدف في المباراة الودية أمس"
    corpus = _corpus(
        {
            "early": ("2024-01-02", ["مقدمة عن الخبر في سطر أول طويل بما يكفي هنا", edited]),
            "late": ("2024-01-05", [BASE, other]),
        }
    )
    # "late" comes first in passage order, but "early" has the earlier date.
    passages = list(corpus.document("late").passages) + list(corpus.document("early").passages)
    clusters = cluster_passages(passages, corpus)
    assert isinstance(clusters, Clusters) and len(clusters) == 4
    cid = clusters["late-0"]
    assert clusters.cluster_of("early-1") == cid
    c = clusters.cluster(cid)
    assert c.original == "early-1" and c.members == ("early-1", "late-0") and c.syndicated
    assert cid == "k-" + hashlib.sha1(b"early-1").hexdigest()[:12]
    assert clusters.is_independent("early-1") and not clusters.is_independent("late-0")
    assert clusters.copies_of("late-0") == ("early-1",)
    assert clusters.copies_of("early-1") == ("late-0",)
    assert clusters.original_of("late-0") == "early-1"
    assert clusters.members(clusters["late-1"]) == ("late-1",)
    assert clusters.copies_of("late-1") == () and clusters.is_independent("late-1")
    assert [k.cluster_id for k in clusters.syndicated()] == [cid]
    with pytest.raises(KeyError, match="nope"):
        clusters.cluster_of("nope")


def test_unknown_date_falls_back_to_document_order() -> None:
    corpus = _corpus({"first": ("", [BASE]), "second": ("2024-01-01", [BASE + " اليوم"])})
    clusters = cluster_corpus(corpus)
    assert clusters.original_of("second-0") == "first-0"
    assert not clusters.is_independent("second-0")


def test_same_document_passages_are_not_syndication() -> None:
    corpus = _corpus({"a": ("", [BASE, BASE.replace("الجنوبية", "الشمالية")]), "b": ("", [])})
    clusters = cluster_corpus(corpus)
    assert clusters["a-0"] != clusters["a-1"]
    assert clusters.syndicated() == ()


def test_chains_of_light_edits_form_one_cluster() -> None:
    v1 = BASE
    v2 = v1.replace("الجنوبية", "الشمالية").replace("450", "451")
    v3 = v2.replace("المراكز", "المستشفيات").replace("مليون", "مليوني")
    v4 = v3.replace("الأسبوع", "الشهر").replace("اللقاح", "الدواء")
    assert not near_duplicate(v1, v4)
    corpus = _corpus({f"d{i}": ("", [t]) for i, t in enumerate([v1, v2, v3, v4])})
    clusters = cluster_corpus(corpus)
    assert len({clusters[f"d{i}-0"] for i in range(4)}) == 1


def _brute_force(passages: list[Passage]) -> list[frozenset[str]]:
    links = DisjointSet(range(len(passages)))
    for i, p in enumerate(passages):
        for j in range(i + 1, len(passages)):
            q = passages[j]
            if p.doc_id == q.doc_id:
                continue
            wp, wq = words(fold(p.text)), words(fold(q.text))
            if (wp == wq and len(wp) >= 4) or near_duplicate(p.text, q.text):
                links.merge(i, j)
    groups: dict[int, set[str]] = {}
    for i, p in enumerate(passages):
        groups.setdefault(links[i], set()).add(p.passage_id)
    return sorted(frozenset(g) for g in groups.values())


def _random_passages(seed: int, n: int) -> list[Passage]:
    rng = random.Random(seed)
    vocab = words(fold(BASE))[:20]
    bases = [[rng.choice(vocab) for _ in range(rng.randint(3, 30))] for _ in range(n // 3 + 1)]
    out = []
    for i in range(n):
        ws = list(rng.choice(bases))
        for _ in range(rng.randint(0, 3)):
            ws[rng.randrange(len(ws))] = rng.choice(vocab)
        text = " ".join(ws)
        out.append(Passage(f"p{i}", f"d{rng.randint(0, n // 4)}", text, 0, len(text), i))
    return out


@pytest.mark.parametrize("seed", range(8))
def test_prefix_filtered_join_equals_brute_force(seed: int) -> None:
    passages = _random_passages(seed, 120)
    clusters = cluster_passages(passages)
    got = sorted(frozenset(c.members) for c in clusters.clusters)
    assert got == _brute_force(passages)


def test_clusters_do_not_depend_on_passage_order() -> None:
    passages = _random_passages(99, 150)
    docs = sorted({p.doc_id for p in passages}, key=lambda d: int(d[1:]))
    corpus = Corpus.from_documents(
        Document(d, "", tuple(p for p in passages if p.doc_id == d)) for d in docs
    )
    a = cluster_passages(passages, corpus)
    shuffled = list(passages)
    random.Random(1).shuffle(shuffled)
    b = cluster_passages(shuffled, corpus)
    assert {c.cluster_id: c.members for c in a.clusters} == {
        c.cluster_id: c.members for c in b.clusters
    }


def test_sample_syndication(sample: Corpus) -> None:
    clusters = cluster_corpus(sample)
    assert len(clusters) == len(sample.passages)
    rasool = _passage(sample, "000", "وكان اللواء يحيى رسول قال")
    copy = _passage(sample, "003", "وكان الناطق باسم القوات المسلحة اللواء يحيى رسول")
    assert clusters[rasool.passage_id] == clusters[copy.passage_id]
    assert clusters.is_independent(rasool.passage_id)  # no date on 000: document order
    assert not clusters.is_independent(copy.passage_id)
    syndicated = clusters.syndicated()
    assert len(syndicated) >= 8
    for c in syndicated:
        assert {d[:3] for d in c.doc_ids} <= {"000", "003", "004"}
    # 002 and 001 are written independently: none of their passages is a copy.
    for prefix in ("001", "002"):
        for p in _doc_of(sample, prefix).passages:
            assert clusters.copies_of(p.passage_id) == ()


def test_copies_of_is_every_member_from_another_document() -> None:
    """copies_of takes a slice when a document has one member in the cluster, and filters when
    it has several; both must equal the definition, on a cluster mixing the two cases."""
    members = ("a-0", "b-0", "a-1", "c-0", "d-0")
    docs = ("a", "b", "a", "c", "d")
    clusters = Clusters([Cluster("k-1", members, docs)])
    for pid, doc in zip(members, docs, strict=True):
        want = tuple(p for p, d in zip(members, docs, strict=True) if d != doc)
        assert clusters.copies_of(pid) == want
        assert clusters.copies_of(pid) == want  # cached
