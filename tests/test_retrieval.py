from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.engine.analysis import Analyzer, format_number, number_term
from factcheck.engine.retrieval import BM25Index


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


@pytest.mark.parametrize(
    ("token", "term"),
    [
        ("2,100", "2100"),
        ("10,000,000", "10000000"),
        ("3,5", "3.5"),
        ("60%", "60%"),
        ("31/12/2021", "31/12/2021"),
    ],
)
def test_number_terms(token: str, term: str) -> None:
    assert number_term(token) == term


@pytest.mark.parametrize(
    ("value", "percent", "text"),
    [(60.0, True, "60%"), (2100.0, False, "2100"), (2.5, False, "2.5")],
)
def test_format_number(value: float, percent: bool, text: str) -> None:
    assert format_number(value, percent) == text


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("خفض", "تخفيض"),  # synonym concept
        ("تقليص", "خفض"),
        ("الأمريكية", "الأميركية"),  # spelling variant
        ("إنسحاب", "الانسحاب"),  # hamza + article
        ("٦٠٪", "60%"),  # digits and percent sign
    ],
)
def test_reworded_forms_share_a_term(analyzer: Analyzer, a: str, b: str) -> None:
    assert analyzer.terms(a) == analyzer.terms(b)


def test_bm25_ranks_the_passage_with_rare_terms_first(analyzer: Analyzer) -> None:
    texts = [
        "عقد البرلمان جلسة لمناقشة الموازنة",
        "خفضت الحكومة عدد القوات الأجنبية بنسبة 60%",
        "القوات الأجنبية في البلاد",
    ]
    index = BM25Index([analyzer.terms(t) for t in texts])
    hits = index.search(analyzer.terms("تقليص عدد القوات الأجنبية ٦٠٪"), k=3)
    assert hits[0][0] == 1
    assert all(score > 0 for _, score in hits)
    assert [i for i, _ in hits] == sorted([i for i, _ in hits], key=lambda i: -dict(hits)[i])


def test_unknown_terms_and_empty_index() -> None:
    assert BM25Index([]).search(["x"], 5) == []
    index = BM25Index([["a"], [], ["b", "c"]])
    assert index.search(["zzz"], 5) == []
    assert index.idf("zzz") == 0.0
    assert index.idf("a") > 0
    assert [i for i, _ in index.search(["b"], 5)] == [2]


_ALPHABET = "ابتثجحخدذرسشصضطظعغفقكلمنهويءأإآىة ًٌٍَُِّـ٠١٢٣٤٥٦٧٨٩0123456789%٪,.،«»\u200c\u00a0ﻻ abc\n"


@given(st.text(alphabet=_ALPHABET, max_size=80))
@settings(max_examples=300, deadline=None)
def test_chunked_terms_equal_whole_text_analysis(text: str) -> None:
    """terms() analyses white-space chunks with a cache; it must equal one pass over the text."""
    from factcheck.text.arabic import STOPWORDS, fold, words

    analyzer = Analyzer()
    whole = [analyzer.term(w) for w in words(fold(text)) if w not in STOPWORDS]
    assert analyzer.terms(text) == whole
    assert analyzer.terms(text) == whole  # second call: from the chunk cache
