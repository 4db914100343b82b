"""load_corpus end to end, passages and their offsets and ids (property-tested)."""

from __future__ import annotations

import json
import shutil

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.ingest.cleaning import DEFAULT_RULES, clean
from factcheck.ingest.corpus import load_corpus, sample_corpus_path
from factcheck.ingest.rules import Rule
from factcheck.ingest.segmentation import MAX_CHARS, segment, split_sentences
from factcheck.records import Corpus
from factcheck.text.ids import passage_id
from factcheck.text.vocabulary import is_heading

SAMPLE = sample_corpus_path()
STEMS = sorted(p.stem for p in SAMPLE.glob("*.txt"))


@pytest.fixture(scope="module")
def sample() -> Corpus:
    return load_corpus(SAMPLE)


def _check_passages(doc_id: str, text: str, passages) -> None:
    """The invariants every segmentation must keep."""
    last_end = 0
    for k, p in enumerate(passages):
        assert p.text == text[p.start : p.end]
        assert p.text and p.text == p.text.strip()
        assert p.start >= last_end
        assert p.index == k
        assert p.doc_id == doc_id
        assert p.passage_id.startswith(f"{doc_id}:")
        last_end = p.end
    assert len({p.passage_id for p in passages}) == len(passages)


# --------------------------------------------------------------------------- the sample


def test_sample_loads_every_article_in_file_name_order(sample):
    assert [d.doc_id for d in sample] == STEMS
    assert sample.skipped == ()
    assert all(d.path.endswith(f"{d.doc_id}.txt") for d in sample)


def test_sample_metadata_comes_from_sources_csv(sample):
    by_id = {d.doc_id: d for d in sample}
    assert by_id["000_b8c64a0bd6e02214"].source == "الحرة"
    assert by_id["001_94a82db443eba38b"].source == "عنب بلدي"
    assert (
        by_id["001_94a82db443eba38b"].title
        == "مسؤول: القوات الأمريكية في العراق مستعدة للدفاع عن نفسها"
    )
    assert by_id["003_0801fcc509a1d5da"].date == "2021-11-28"
    assert by_id["003_0801fcc509a1d5da"].source == "بغداد اليوم"
    assert by_id["004_0e596919bbf29946"].source == ""
    assert by_id["002_63d4521f172f7fa6"].title == ""  # no metadata title; it opens with a sentence


def test_sample_documents_hold_the_cleaned_text(sample):
    for doc in sample:
        raw = (SAMPLE / f"{doc.doc_id}.txt").read_text(encoding="utf-8")
        assert doc.text == clean(raw, source=doc.source, title=doc.title).text


def test_sample_passages_keep_their_invariants_and_ids_are_stable(sample):
    again = load_corpus(SAMPLE)
    assert again == sample
    for doc in sample:
        assert doc.passages
        _check_passages(doc.doc_id, doc.text, doc.passages)
    some = sample.passages[7]
    assert sample.passage(some.passage_id) == some
    assert len(sample.passages) == sum(len(d.passages) for d in sample)


def test_the_repeated_body_of_article_004_gives_each_passage_once(sample):
    doc = sample.document("004_0e596919bbf29946")
    texts = [p.text for p in doc.passages]
    assert len(texts) == len(set(texts)) == 10


# --------------------------------------------------------------------------- segmentation

SEGMENT_CASES = [
    (
        "two sentences",
        "قال الوزير إن الموازنة جاهزة للتصويت. وأضاف أن البرلمان سيصوت عليها الأسبوع المقبل.",
        ["قال الوزير إن الموازنة جاهزة للتصويت.", "وأضاف أن البرلمان سيصوت عليها الأسبوع المقبل."],
    ),
    (
        "decimal point and date",
        "ارتفع التضخم إلى 3.5 بالمئة في 31/12/2021 حسب البنك المركزي. "
        "وتوقع البنك تراجعه لاحقا هذا العام.",
        [
            "ارتفع التضخم إلى 3.5 بالمئة في 31/12/2021 حسب البنك المركزي.",
            "وتوقع البنك تراجعه لاحقا هذا العام.",
        ],
    ),
    (
        "initial",
        "وقال د. محمد علي إن الوضع مستقر تماما في المدينة.",
        ["وقال د. محمد علي إن الوضع مستقر تماما في المدينة."],
    ),
    (
        "inside guillemets",
        "كذلك بين رسول أن: «عددا من المستشارين سيتواجدون في معسكرات بالعراق. وستقع حمايتهم على "
        "عاتق القوات العراقية».",
        [
            "كذلك بين رسول أن: «عددا من المستشارين سيتواجدون في معسكرات بالعراق. وستقع حمايتهم على "
            "عاتق القوات العراقية»."
        ],
    ),
    (
        "inside straight quotes, then outside",
        'وقال: "الموعد ثابت. ولا تغيير فيه". وأكد المتحدث أن الانسحاب سيكتمل نهاية العام.',
        ['وقال: "الموعد ثابت. ولا تغيير فيه".', "وأكد المتحدث أن الانسحاب سيكتمل نهاية العام."],
    ),
    (
        "question and exclamation marks",
        "هل ستنسحب القوات الأمريكية فعلا هذا العام؟ يؤكد المسؤولون ذلك بشكل قاطع! "
        "لكن الفصائل تشكك في ذلك.",
        [
            "هل ستنسحب القوات الأمريكية فعلا هذا العام؟",
            "يؤكد المسؤولون ذلك بشكل قاطع!",
            "لكن الفصائل تشكك في ذلك.",
        ],
    ),
    (
        "short fragment joins its neighbour",
        "وتابع: نعم. وقال المتحدث إن الموعد ثابت ولن يتغير.",
        ["وتابع: نعم. وقال المتحدث إن الموعد ثابت ولن يتغير."],
    ),
    (
        "short trailing fragment joins the sentence before",
        "وقال المتحدث إن الموعد ثابت ولن يتغير. انتهى.",
        ["وقال المتحدث إن الموعد ثابت ولن يتغير. انتهى."],
    ),
    (
        "lead-in paragraph joins the quote after it",
        "وأضاف المتحدث:\n\n«الانسحاب يجري وفق الخطة المتفق عليها مع التحالف».",
        ["وأضاف المتحدث:\n\n«الانسحاب يجري وفق الخطة المتفق عليها مع التحالف»."],
    ),
    (
        "a short line broken off its sentence joins the line after it",
        "أعلنت الحكومة خطة جديدة للإصلاح الاقتصادي.\n\nوأضاف أن العلاقة\n\nستستمر في مجال التدريب.",
        [
            "أعلنت الحكومة خطة جديدة للإصلاح الاقتصادي.",
            "وأضاف أن العلاقة\n\nستستمر في مجال التدريب.",
        ],
    ),
    (
        "a short complete paragraph joins the one before it",
        "أعلنت الحكومة خطة جديدة للإصلاح الاقتصادي.\n\nانتهى.\n\n"
        "وقالت إنها ستبدأ بتنفيذها الشهر المقبل.",
        [
            "أعلنت الحكومة خطة جديدة للإصلاح الاقتصادي.\n\nانتهى.",
            "وقالت إنها ستبدأ بتنفيذها الشهر المقبل.",
        ],
    ),
    (
        "headings are not passages",
        "المباشرة بالانسحاب\n\n"
        "وفي أكتوبر أعلن الناطق بدء انسحاب القوات من العراق.\n\nمخرجات الحوار",
        ["وفي أكتوبر أعلن الناطق بدء انسحاب القوات من العراق."],
    ),
    (
        "a short line with a reporting verb is not a heading",
        "وقال الوزير إن الوضع مستقر\n\nوفي أكتوبر أعلن الناطق بدء انسحاب القوات من العراق.",
        ["وقال الوزير إن الوضع مستقر", "وفي أكتوبر أعلن الناطق بدء انسحاب القوات من العراق."],
    ),
    (
        "Arabic full stop",
        "أعلنت الحكومة خطة جديدة للإصلاح الاقتصادي۔ وقالت إنها ستبدأ بتنفيذها الشهر المقبل.",
        ["أعلنت الحكومة خطة جديدة للإصلاح الاقتصادي۔", "وقالت إنها ستبدأ بتنفيذها الشهر المقبل."],
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"), [c[1:] for c in SEGMENT_CASES], ids=[c[0] for c in SEGMENT_CASES]
)
def test_segmentation_cases(text, expected):
    passages = segment("d", text)
    assert [p.text for p in passages] == expected
    _check_passages("d", text, passages)


def test_a_very_long_quote_is_split_inside_the_quotes():
    sentence = "وأوضح أن الانسحاب يجري وفق الخطة التي وضعت من قبل قيادة العمليات المشتركة. "
    text = "وقال المتحدث: «" + sentence * 20 + "وانتهى الأمر»."
    spans = split_sentences(text)
    assert len(spans) > 1
    assert all(e - s <= MAX_CHARS for s, e in spans)
    assert "".join(text[s:e] for s, e in spans).replace(" ", "") == text.replace(" ", "")


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("المباشرة بالانسحاب", True),
        ("مخرجات الحوار الاستراتيجي", True),
        ("الانسحاب الأميركي من العراق: المباحثات مستمرة", True),
        ("رغم انتهاء مهمتها القتالية..", True),
        ("***", True),
        ("وقال الوزير إن الوضع مستقر", False),
        ("انتهى الاجتماع.", False),
        (
            "وجرى الاتفاق ضمن مخرجات الحوار الاستراتيجي العراقي – الأميركي الذي عقد "
            "بواقع 4 جولات..",
            False,
        ),
    ],
)
def test_is_heading(line, heading):
    assert is_heading(line) is heading


def test_passage_ids_survive_unrelated_edits_and_number_repeats():
    a = "قال الوزير إن الموازنة جاهزة للتصويت."
    b = "وأضاف أن البرلمان سيصوت عليها الأسبوع المقبل."
    c = "وأكد رئيس البرلمان أن الجلسة ستعقد يوم الأحد."
    before = {p.text: p.passage_id for p in segment("doc", f"{a}\n\n{b}\n\n{c}")}
    after = {p.text: p.passage_id for p in segment("doc", f"{a} وسط جدل واسع\n\n{c}\n\n{b}")}
    assert after[b] == before[b] and after[c] == before[c]
    assert before[b] == passage_id("doc", b)
    # the id follows the matching form: diacritics or spacing do not change it
    assert passage_id("doc", "قالَ  الوزيرُ") == passage_id("doc", "قال الوزير")
    assert passage_id("other", b) != passage_id("doc", b)
    repeated = segment("doc", f"{a}\n\n{b}\n\n{a}")
    assert [p.passage_id for p in repeated] == [before[a], before[b], before[a] + "-2"]


_WORDS = st.sampled_from(
    [
        "قال",
        "الوزير",
        "إن",
        "القوات",
        "3.5",
        "31/12/2021",
        "د.",
        "U.S.",
        "«",
        "»",
        '"',
        "“",
        "”",
        "(",
        ")",
        "وأضاف:",
        "نعم.",
        "العراق؟",
        "حقا!",
        "..",
        "…",
        "،",
        "۔",
        "x",
        "-",
        "ـ",
        "ً",
    ]
)
_SEP = st.sampled_from([" ", " ", " ", "  ", ". ", "\n", "\n\n", " \n ", "\t", "\u00a0"])


@st.composite
def _documents(draw):
    parts = draw(st.lists(st.tuples(_WORDS, _SEP), max_size=80))
    return "".join(w + s for w, s in parts)


@settings(max_examples=300, deadline=None)
@given(st.one_of(_documents(), st.text(alphabet='ابت ثج.؟!«»"\n 12،:', max_size=300)))
def test_passages_are_exact_ordered_spans_covering_every_non_heading_line(text):
    passages = segment("gen", text)
    _check_passages("gen", text, passages)
    covered = [False] * len(text)
    for p in passages:
        for k in range(p.start, p.end):
            covered[k] = True
    offset = 0
    for line in text.split("\n"):
        if line.strip() and not is_heading(line):
            for k, ch in enumerate(line):
                assert covered[offset + k] or ch.isspace(), (line, k)
        offset += len(line) + 1


# --------------------------------------------------------------------------- folders and files


def _write(folder, name, data):
    path = folder / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


NEWS_1 = "قال وزير المالية إن الحكومة ستعلن الموازنة العامة الأسبوع المقبل بعد إقرارها."
NEWS_2 = "وأضاف أن المفاوضات مع صندوق النقد الدولي مستمرة منذ أشهر دون نتائج واضحة."


@pytest.fixture
def mixed_folder(tmp_path):
    _write(tmp_path, "a.txt", f"{NEWS_1}\r\n{NEWS_2}\r\nالحرة".encode("cp1256"))
    _write(tmp_path, "b.md", f"# عنوان ماركداون\n\n{NEWS_1} **مهم**.\n")
    _write(
        tmp_path,
        "c.html",
        "<html><head><meta property='og:site_name' content='الموقع'><title>صفحة</title></head>"
        f"<body><nav>القائمة</nav><p>{NEWS_2}</p></body></html>",
    )
    _write(
        tmp_path,
        "d.jsonl",
        json.dumps({"text": NEWS_1, "source": "وكالة"}, ensure_ascii=False)
        + "\n{broken\n"
        + json.dumps({"text": NEWS_2, "id": "d-custom"}, ensure_ascii=False),
    )
    _write(tmp_path, "e.csv", f"text,title\n{NEWS_2},عنوان الصف\n")
    _write(tmp_path, "f.png", b"\x89PNG\r\n\x1a\n\x00\x00")
    _write(tmp_path, "g.txt", b"   \n")
    _write(tmp_path, "h.xyz", "نص")
    _write(tmp_path, "j.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    _write(tmp_path, "i.txt", "مقالات متعلقة\n×\nاضغط هنا للمساهمة")
    _write(tmp_path, "sources.csv", "file,source,title\na.txt,الحرة,عنوان أ\nc.html,مصدر الملف,\n")
    (tmp_path / "sub").mkdir()
    return tmp_path


def test_a_mixed_folder_loads_what_it_can_and_reports_the_rest(mixed_folder):
    corpus = load_corpus(mixed_folder)
    assert [d.doc_id for d in corpus] == ["a", "b", "c", "d-1", "d-custom", "e-1"]
    by_id = {d.doc_id: d for d in corpus}
    assert by_id["a"].text == f"{NEWS_1}\n\n{NEWS_2}"  # cp1256, CRLF, lone outlet name dropped
    assert (by_id["a"].source, by_id["a"].title) == ("الحرة", "عنوان أ")
    assert by_id["b"].title == "عنوان ماركداون" and "**" not in by_id["b"].text
    assert by_id["c"].source == "مصدر الملف"  # the metadata file wins over og:site_name
    assert by_id["c"].text == NEWS_2
    assert by_id["d-1"].source == "وكالة"
    assert by_id["e-1"].title == "عنوان الصف"
    assert all(d.passages for d in corpus)
    reasons = {(s.path.rsplit("/", 1)[-1], s.error.split(":")[0]) for s in corpus.skipped}
    assert reasons == {
        ("sub", "sub-folder not loaded (pass it explicitly)"),
        ("d.jsonl", "d.jsonl line 2"),
        ("f.png", "unsupported file type '.png' (supported"),
        ("g.txt", "empty file"),
        ("h.xyz", "unsupported file type '.xyz' (supported"),
        ("i.txt", "no article text left after cleaning (only boilerplate)"),
        ("j.txt", "binary file (PDF document), not text"),
    }


def test_single_file_list_of_files_and_missing_paths(mixed_folder):
    one = load_corpus(mixed_folder / "a.txt")
    assert [d.doc_id for d in one] == ["a"]
    assert one.documents[0].source == "الحرة"  # the folder's metadata applies to a single file
    some = load_corpus(
        [str(mixed_folder / "e.csv"), mixed_folder / "a.txt", mixed_folder / "nope.txt"]
    )
    assert [d.doc_id for d in some] == ["e-1", "a"]
    assert [s.error for s in some.skipped] == ["no such file or folder"]
    with pytest.raises(FileNotFoundError, match="does not exist"):
        load_corpus(mixed_folder / "nope")


def test_duplicate_document_ids_keep_the_first_and_report_the_second(tmp_path):
    _write(tmp_path, "a.md", NEWS_1)
    _write(tmp_path, "a.txt", NEWS_2)
    corpus = load_corpus(tmp_path)
    assert [d.text for d in corpus] == [NEWS_1]
    [entry] = corpus.skipped
    assert entry.path.endswith("a.txt")
    assert "duplicate document id 'a'" in entry.error and "a.md" in entry.error


def test_a_broken_metadata_file_is_reported_and_documents_still_load(tmp_path):
    _write(tmp_path, "a.txt", NEWS_1)
    _write(tmp_path, "metadata.csv", "source,title\nالحرة,عنوان\n")
    corpus = load_corpus(tmp_path)
    assert [d.doc_id for d in corpus] == ["a"]
    assert [
        "metadata.csv" in s.path and "'file' or 'doc_id'" in s.error for s in corpus.skipped
    ] == [True]


def test_load_corpus_uses_the_rules_it_is_given(tmp_path):
    footer = "الموقع الأخضر صوت الحقيقة منذ 1998"
    _write(tmp_path, "a.txt", f"{NEWS_1}\n{footer}\n{NEWS_2}")
    assert footer in load_corpus(tmp_path).documents[0].text
    rules = DEFAULT_RULES.extend(Rule("our_footer", "Our footer.", pattern=r"^الموقع الأخضر"))
    assert footer not in load_corpus(tmp_path, rules=rules).documents[0].text


def test_the_sample_in_cp1256_and_utf16_loads_to_the_same_passages(tmp_path, sample):
    for encoding in ("cp1256", "utf-16"):
        folder = tmp_path / encoding
        folder.mkdir()
        shutil.copy(SAMPLE / "sources.csv", folder / "sources.csv")
        for path in SAMPLE.glob("*.txt"):
            text = path.read_text(encoding="utf-8")
            _write(folder, path.name, text.encode(encoding, errors="strict"))
        again = load_corpus(folder)
        assert [(p.passage_id, p.text, p.start, p.end) for p in again.passages] == [
            (p.passage_id, p.text, p.start, p.end) for p in sample.passages
        ]


# --------------------------------------------------------------------------- synthetic corpus


def _synthetic():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "benchmarks" / "synthetic.py"
    spec = importlib.util.spec_from_file_location("synthetic", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_benchmark_corpus_is_varied_deterministic_and_cleans_up(tmp_path):
    synthetic = _synthetic()
    articles = synthetic.make_corpus(300, seed=7)
    assert articles == synthetic.make_corpus(300, seed=7)
    assert articles != synthetic.make_corpus(300, seed=8)
    assert len({text for _, text in articles}) == 300
    assert len({doc_id for doc_id, _ in articles}) == 300
    synthetic.write_corpus(tmp_path, 300, seed=7)
    corpus = load_corpus(tmp_path)
    assert len(corpus) == 300 and corpus.skipped == ()
    furniture = [line for lines in synthetic.BOILERPLATE_LINES.values() for line in lines]
    fixed = [line for line in furniture if "{" not in line]  # lines without fill-ins
    raw = "\n".join(text for _, text in articles)
    assert all(line in raw for line in fixed)  # the generator does insert them...
    for doc in corpus:
        for line in fixed:
            assert line not in doc.text, (doc.doc_id, line)  # ...and cleaning removes them
        assert "camera icon" not in doc.text and "(AP)" not in doc.text


def test_problems_with_one_record_of_a_multi_record_file_name_its_line_or_row(tmp_path):
    _write(
        tmp_path,
        "feed.jsonl",
        json.dumps({"text": NEWS_1, "id": "x"}) + "\n" + json.dumps({"text": "×", "id": "y"}),
    )
    _write(tmp_path, "rows.csv", f"id,text\nx,{NEWS_2}\nz,اضغط هنا للمساهمة\n")
    corpus = load_corpus(tmp_path)
    assert [d.doc_id for d in corpus] == ["x"]
    assert [s.error for s in corpus.skipped] == [
        "feed.jsonl line 2: no article text left after cleaning (only boilerplate)",
        "rows.csv row 1: duplicate document id 'x' (already loaded from "
        f"{tmp_path / 'feed.jsonl'})",
        "rows.csv row 2: no article text left after cleaning (only boilerplate)",
    ]


def test_paragraph_keys_from_cleaning_only_save_work(sample):
    for doc in sample:
        raw = (SAMPLE / f"{doc.doc_id}.txt").read_text(encoding="utf-8")
        cleaned = clean(raw, source=doc.source, title=doc.title)
        assert segment(doc.doc_id, cleaned.text, cleaned.keys) == segment(doc.doc_id, cleaned.text)
        assert segment(doc.doc_id, cleaned.text) == doc.passages
    with pytest.raises(ValueError, match="2 paragraph keys for 1 paragraphs"):
        segment("d", "نص واحد.", ["a", "b"])
