"""Index terms (``factcheck.text.stemming``): stemmers, the loanword rule, the analysis front."""

from __future__ import annotations

import importlib.util
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.text.arabic import STOPWORDS, fold, words
from factcheck.text.stemming import (
    DEFAULT_STEMMER,
    CachedStemmer,
    Light10Stemmer,
    Stemmer,
    _Memo,
    analyze,
    analyze_words,
    default_stemmer,
    light10,
    skeleton,
)

ROOT = Path(__file__).resolve().parents[1]
# The third-party stemmers the default was compared with are benchmark code (benchmarks/).
sys.path.insert(0, str(ROOT / "benchmarks"))
from stemmers import STEMMERS, get_stemmer  # noqa: E402


def _available() -> list[str]:
    names = []
    for name in STEMMERS:
        try:
            get_stemmer(name)
        except ImportError:
            continue
        names.append(name)
    return names


AVAILABLE = _available()


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("الانسحاب", "انسحاب"),
        ("انسحابها", "انسحاب"),
        ("وانسحابها", "انسحاب"),
        ("القوات", "قو"),
        ("للقوات", "قو"),
        ("بالقوات", "قو"),
        ("وللقوات", "قو"),
        ("الامريكيين", "امريك"),
        ("امريكيون", "امريك"),
        ("العراقيه", "عراق"),
        ("مستشارين", "مستشار"),
        ("مباحثات", "مباحث"),
        ("المباحثات", "مباحث"),
        # minimum lengths: و only with 3+ letters left, an article only with 2+ left
        ("وقت", "وقت"),
        ("الم", "الم"),
        ("بغداد", "بغداد"),
        ("2100", "2100"),
    ],
)
def test_light10(word: str, stem: str) -> None:
    assert light10(word) == stem


@pytest.mark.parametrize(
    ("term", "key"),
    [
        ("اميرك", "امرك"),
        ("امريك", "امرك"),
        ("ترامب", "ترمب"),
        ("ترمب", "ترمب"),
        ("كورونا", "كرنا"),
        ("اجانب", "اجنب"),
        ("عرق", "عرق"),  # fewer than four letters: unchanged
        ("60%", "60%"),
        ("oth", "oth"),
    ],
)
def test_skeleton(term: str, key: str) -> None:
    assert skeleton(term) == key


# Pairs the default analysis must join: word forms, the sample's spellings, loanword spellings.
SAME = [
    ("الأميركية", "الأمريكية"),
    ("أميركي", "أمريكيين"),
    ("إنسحاب", "الانسحاب"),
    ("انسحابها", "وانسحاب"),
    ("القوات", "للقوات"),
    ("العراقية", "العراق"),
    ("الأجانب", "الأجنبية"),
    ("ترامب", "ترمب"),
    ("ديسمبر", "دسمبر"),
    ("أوروبا", "أوربا"),
    ("كورونا", "كرونا"),
    ("٦٠٪", "60%"),
]

# Common words with different meanings that a root stemmer or a blunt vowel rule would merge.
APART = [
    ("العراق", "عرق"),
    ("سفير", "سفر"),
    ("مطار", "مطر"),
    ("الجانب", "الأجنبي"),
    ("أمريكي", "أمر"),
    ("أمريكية", "أمير"),
    ("كتاب", "مكتب"),
    ("قوات", "قوت"),
    ("مصر", "مصير"),
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_default_analysis_joins(a: str, b: str) -> None:
    assert analyze(a) == analyze(b)


@pytest.mark.parametrize(("a", "b"), APART)
def test_default_analysis_keeps_apart(a: str, b: str) -> None:
    assert analyze(a) != analyze(b)


def test_default_is_the_light10_skeleton_stemmer() -> None:
    st_ = default_stemmer()
    assert DEFAULT_STEMMER == "light10-skeleton"
    assert isinstance(st_, Light10Stemmer)
    assert st_.name == DEFAULT_STEMMER
    assert default_stemmer() is st_  # shared instance, shared cache


def test_skeleton_rule_needs_four_consonants() -> None:
    stem = Light10Stemmer()
    assert stem("الامريكيه") == stem("الاميركيه") == "امرك"
    assert stem("العراق") == "عراق"  # skeleton عرق has three letters: light stem kept
    plain = Light10Stemmer(skeleton=False)
    assert plain("الامريكيه") != plain("الاميركيه")


_CLAIM = "قال الكاظمي إن بلاده نجحت في تخفيض عدد القوات الأجنبية بنسبة ٦٠٪ من 2,100 في 31/12/2021"


def test_analyze_drops_stopwords_and_keeps_numbers() -> None:
    terms = analyze(_CLAIM)
    assert "60%" in terms
    assert "2,100" in terms
    assert "31/12/2021" in terms
    for stop in ("في", "ان", "من"):
        assert stop not in terms
    assert terms == analyze_words(words(fold(_CLAIM)))


def test_analyze_words_is_one_term_per_content_word() -> None:
    ws = words(fold("انسحاب القوات الأمريكية من العراق OTH 2021"))
    terms = analyze_words(ws)
    assert len(terms) == len([w for w in ws if w not in STOPWORDS])
    assert terms[-2:] == ["oth", "2021"]


@pytest.mark.parametrize("name", AVAILABLE)
def test_every_stemmer_is_cached_and_keeps_numbers_and_latin(name: str) -> None:
    stem = get_stemmer(name)
    assert isinstance(stem, Stemmer)
    assert isinstance(stem, CachedStemmer)
    assert stem.name == name
    before = stem.cache_size
    first = stem("والانسحابات")
    assert stem.cache_size == before + 1
    assert stem("والانسحابات") == first
    assert stem.cache_size == before + 1
    assert first  # never empties a word
    for kept in ("2100", "60%", "31/12/2021", "oth"):
        assert stem(kept) == kept
    assert fold(first) == first  # terms are in the matching form


def test_snowball_reads_folded_teh_marbuta_as_teh_marbuta() -> None:
    # Folding writes ة as ه; Snowball then refuses to strip it after ال (a "pronoun" ه).
    restored = get_stemmer("snowball")
    raw = get_stemmer("snowball-folded")
    assert restored("العراقيه") == restored("عراقيه") == "عراق"
    assert raw("العراقيه") != raw("عراقيه")


def test_unknown_stemmer_name() -> None:
    with pytest.raises(ValueError, match="unknown stemmer 'porter'"):
        get_stemmer("porter")


def test_memo_empties_itself_when_full() -> None:
    calls: list[str] = []

    def fn(k: str) -> str:
        calls.append(k)
        return k.upper()

    memo = _Memo(fn, maxsize=2)
    assert [memo["a"], memo["b"], memo["a"]] == ["A", "B", "A"]
    assert calls == ["a", "b"]
    assert memo["c"] == "C"  # full: emptied, then c stored
    assert len(memo) == 1
    assert memo["a"] == "A"
    assert calls == ["a", "b", "c", "a"]


@pytest.mark.parametrize("name", [n for n in ("snowball", "tashaphyne") if n in AVAILABLE])
def test_stateful_stemmers_are_safe_across_threads(name: str) -> None:
    # Snowball and Tashaphyne keep the word being stemmed on the instance; the cache's lock
    # serialises misses so that concurrent analysis gets the same terms as a single thread.
    vocab = sorted({w for line in _sample_lines() for w in words(fold(line))})
    expected = [get_stemmer(name)(w) for w in vocab]
    shared = get_stemmer(name)
    results: dict[int, dict[str, str]] = {}

    def work(k: int) -> None:
        order = vocab[k * 7 :] + vocab[: k * 7]  # each thread starts elsewhere
        results[k] = {w: shared(w) for w in order}

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads often, so an unguarded stemmer would break
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(interval)
    for k in range(4):
        assert results[k] == dict(zip(vocab, expected, strict=True))
    assert [shared(w) for w in vocab] == expected


# Text that exercises every path of the chunk cache: whitespace of all kinds, folds that make
# or remove separators (ligatures with spaces, ZWNJ, NBSP), numbers, Latin, stopwords.
_PIECES = st.sampled_from(
    [
        "القوات",
        "الأمريكية",
        "الأميركية",
        "إنسحاب",
        "في",
        "من",
        "٦٠٪",
        "2,100",
        "31/12/2021",
        "OTH",
        "ﷺ",
        "ﻻ",
        "\u200c",
        "\u200f",
        "ـ",
        "َ",
        ",",
        "«",
        "»",
        "(",
        ".",
        "٫",
        "٬",
        "3",
    ]
)
_SPACES = st.sampled_from([" ", "  ", "\n", "\t", "\u00a0", "\u2003", "\u3000", "", ""])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_PIECES, _SPACES), max_size=25))
def test_chunk_cache_equals_plain_pipeline(parts: list[tuple[str, str]]) -> None:
    text = "".join(p + s for p, s in parts)
    stem = get_stemmer(DEFAULT_STEMMER)
    expected = analyze_words(words(fold(text)), stem)
    assert analyze(text, stem) == expected
    assert analyze(text, stem) == expected  # and again, from the cache


def test_analyze_accepts_any_stemmer_callable() -> None:
    class FirstTwo:
        name = "first-two"

        def __call__(self, word: str) -> str:
            return word[:2]

    assert analyze("القوات الأمريكية في العراق", FirstTwo()) == ["ال", "ال", "ال"]


# --- the benchmark ------------------------------------------------------------------------------


def _load_benchmark():
    path = ROOT / "benchmarks" / "stemming_eval.py"
    spec = importlib.util.spec_from_file_location("stemming_eval", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["stemming_eval"] = module
    spec.loader.exec_module(module)
    return module


def _sample_lines() -> list[str]:
    return _load_benchmark().passages()


def test_benchmark_cases_point_at_real_lines() -> None:
    bench = _load_benchmark()
    docs = bench.passages()
    assert len(bench.CASES) >= 30
    for case in bench.CASES:
        rel = bench.relevant(case, docs)  # raises when a substring is in no passage
        assert rel
        # the query is worded differently: it is not a substring of what it must find
        assert all(fold(case.query) not in fold(docs[i]) for i in rel)


def test_default_stemmer_beats_no_stemming_on_the_benchmark() -> None:
    bench = _load_benchmark()
    docs = bench.passages()
    none = bench.evaluate("none", docs)
    default = bench.evaluate(DEFAULT_STEMMER, docs)
    assert default.recall(1) > none.recall(1)
    assert default.mrr > none.mrr
    assert default.recall(10) >= 0.95
