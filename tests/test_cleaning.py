"""Boilerplate removal: both directions on the five sample articles, and other outlets."""

from __future__ import annotations

import csv
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.ingest.cleaning import DEFAULT_RULES, clean, clean_text
from factcheck.ingest.corpus import sample_corpus_path
from factcheck.ingest.rules import CleaningRules, Rule, compile_folded
from factcheck.ingest.segmentation import segment
from factcheck.text.arabic import match_key
from factcheck.text.vocabulary import ends_sentence

SAMPLE = sample_corpus_path()

# Every non-empty line of every sample article, classified by reading the articles:
# (line number in the raw file, kind, the line's first words). Kinds:
#   news        -- article text: must be a paragraph of the cleaned text and covered by passages
#   heading     -- a section subheading or kicker: kept in the text for display, never a passage
#   title       -- the headline: becomes Document.title, not part of the text
#   boilerplate -- page furniture: must not survive
#   repeat      -- a second copy of an earlier paragraph: kept once
SAMPLE_LINES: dict[str, list[tuple[int, str, str]]] = {
    "000_b8c64a0bd6e02214.txt": [
        (1, "news", "قال متحدث باسم البنتاغون"),
        (2, "news", "وتعليقا على إعلان المتحدث"),
        (3, "news", "وكان اللواء يحيى رسول"),
        (4, "news", 'وأضاف أن "عددا من'),
        (5, "news", 'وأوضح رسول أن "الانسحاب'),
        (6, "news", "كما لفت إلى أن"),
        (7, "news", "وفي يوليو الماضي، أعلن"),
        (8, "news", "وعادت القوات الأميركية إلى"),
        (9, "news", "وتمكنت القوات الأميركية والعراقية"),
        (10, "news", "وقال قائد القيادة المركزية"),
        (11, "news", "وفي بيان مشترك صدر"),
        (12, "news", "وأضاف البيان أنه لن"),
        (13, "boilerplate", "الحرة"),
    ],
    "001_94a82db443eba38b.txt": [
        (1, "heading", "رغم انتهاء مهمتها القتالية.."),
        (3, "title", "مسؤول: القوات الأمريكية في"),
        (5, "boilerplate", "جنود أمريكيون يقومون بدورية"),
        (7, "boilerplate", "camera iconجنود أمريكيون يقومون"),
        (9, "boilerplate", "tag icon ع ع"),
        (11, "news", "قال مسؤول رفيع في"),
        (13, "news", "وفي تصريحات لموقع قناة"),
        (15, "news", "وأشار المسؤول إلى أن"),
        (17, "news", "وأوضح أنه لم تجرِ"),
        (19, "news", "ولفت إلى أن ما"),
        (21, "news", "وفي 9 من كانون"),
        (23, "news", "وقال الأعرجي في تغريدة"),
        (25, "news", "وأضاف المستشار أن العلاقة"),
        (27, "news", "وشُكّل “التحالف الدولي” لقتال"),
        (29, "news", "وكانت قوات “التحالف الدولي”"),
        (31, "news", "وذكرت في بيان صحفي،"),
        (33, "news", "وأعلن الناطق باسم القائد"),
        (35, "news", "وفي 26 من تموز"),
        (37, "news", "وجاء في بيان مشترك"),
        (39, "news", "وفي آذار الماضي، قال"),
        (44, "boilerplate", "مقالات متعلقة"),
        (47, "boilerplate", "×"),
        (49, "boilerplate", "الإعلام الموجّه يشوه الحقيقة"),
        (51, "boilerplate", "سوريا بحاجة للصحافة الحرة.."),
        (53, "boilerplate", "ادعم عنب بلدي"),
        (55, "boilerplate", "دولار واحد شهريًا يصنع"),
        (57, "boilerplate", "اضغط هنا للمساهمة"),
    ],
    "002_63d4521f172f7fa6.txt": [
        (1, "news", "عقدت قيادة العمليات المشتركة"),
        (3, "news", "وذكرت قيادة العمليات المشتركة"),
        (5, "heading", "الانسحاب الأميركي من العراق:"),
        (7, "news", "وأضافت في بيان أن:"),
        (9, "news", "وأردفت أن: «معاون رئيس"),
        (11, "news", "وأشارت الأطراف المجتمعة إلى:"),
        (13, "news", "مؤكدة: «التزامها بالشراكة المستمرة"),
        (15, "heading", "المباشرة بالانسحاب"),
        (17, "news", "وفي (8 أكتوبر) المنصرم،"),
        (19, "news", "قائلا في تصريح صحفي"),
        (21, "boilerplate", "للقراءة أو الاستماع:"),
        (23, "boilerplate", "القوات الأميركية في العراق.."),
        (25, "news", "وأكد أن: «الانسحاب يجري"),
        (27, "news", "كذلك بين رسول أن:"),
        (29, "news", "وأردف أن: «هناك تنسيقا"),
        (31, "heading", "مخرجات الحوار الاستراتيجي"),
        (33, "news", "وفي (26 يوليو) الماضي،"),
        (35, "news", "وجرى الاتفاق ضمن مخرجات"),
        (37, "news", "وكان الحوار الاستراتيجي، بدأ"),
        (39, "news", "وقاد رئيس الحكومة العراقية"),
        (41, "news", "يشار إلى أن القوات"),
        (43, "news", "وجاء الطلب حينها، من"),
        (45, "boilerplate", "هل أعجبك المحتوى وتريد"),
        (46, "boilerplate", "انضم إلى قائمة من"),
    ],
    "003_0801fcc509a1d5da.txt": [
        (1, "boilerplate", "آخر الأخبار"),
        (2, "boilerplate", "وزير النفط يتحدث عن"),
        (4, "title", "استهداف القوات الامريكية ما"),
        (6, "boilerplate", "سياسة | 28-11-2021, 14:13"),
        (8, "boilerplate", "+A -A"),
        (10, "boilerplate", "بغداد اليوم - تقرير"),
        (12, "news", "في الوقت الذي تؤكد"),
        (14, "news", "وتستمر هذه الفصائل باستهداف"),
        (16, "news", "وكان الناطق باسم القوات"),
        (18, "news", 'وأضاف أن "عددا من'),
        (20, "news", 'وأوضح رسول أن "الانسحاب'),
        (22, "news", "كما لفت إلى أن"),
        (24, "news", "وفي يوليو الماضي، أعلن"),
        (26, "news", "وعادت القوات الأميركية إلى"),
        (28, "news", "وتمكنت القوات العراقية والحشد"),
        (30, "news", "وقال قائد القيادة المركزية"),
        (32, "news", "وفي بيان مشترك صدر"),
        (34, "news", "وأضاف البيان أنه لن"),
        (36, "news", "وبالرغم من كل هذه"),
        (38, "news", "واتخذ البرلمان العراقي قرارا"),
        (40, "news", "الى ذلك نفت قيادة"),
        (42, "news", "وقال المتحدث باسم القيادة"),
        (44, "news", 'وأضاف أن "موعد خروج'),
        (46, "news", "وأوضح الخفاجي أن العلاقة"),
    ],
    "004_0e596919bbf29946.txt": [
        (1, "news", "أكدت قيادة العمليات المشتركة"),
        (2, "news", "وقال المتحدث باسم قيادة"),
        (3, "news", 'ولفت خفاجي إلى أن"'),
        (4, "news", 'وأوضح أن "طيران التحالف'),
        (5, "news", "وكان مستشار الأمن القومي،"),
        (6, "news", "كما أوضح السفير الأمريكي"),
        (7, "news", "وفي مطلع أكتوبر الماضي،"),
        (8, "news", "ولفت رسول إلى أن"),
        (9, "news", 'وأشار إلى أن "القوات'),
        (10, "news", 'وتابع: "الانسحاب يجري وفق'),
        (11, "repeat", "وقال المتحدث باسم قيادة"),
        (12, "repeat", 'ولفت خفاجي إلى أن"'),
        (13, "repeat", 'وأوضح أن "طيران التحالف'),
        (14, "repeat", "وكان مستشار الأمن القومي،"),
        (15, "repeat", "كما أوضح السفير الأمريكي"),
        (16, "repeat", "وفي مطلع أكتوبر الماضي،"),
        (17, "repeat", "ولفت رسول إلى أن"),
        (18, "repeat", 'وأشار إلى أن "القوات'),
        (19, "repeat", 'وتابع: "الانسحاب يجري وفق'),
    ],
}

# Fragments of page furniture that must not survive anywhere in the cleaned text.
BOILERPLATE_FRAGMENTS = [
    ("001_94a82db443eba38b.txt", "camera icon"),
    ("001_94a82db443eba38b.txt", "(AP)"),
    ("001_94a82db443eba38b.txt", "tag icon"),
    ("001_94a82db443eba38b.txt", "ع ع ع"),
    ("001_94a82db443eba38b.txt", "جنود أمريكيون يقومون بدورية"),
    ("001_94a82db443eba38b.txt", "مقالات متعلقة"),
    ("001_94a82db443eba38b.txt", "×"),
    ("001_94a82db443eba38b.txt", "الإعلام الموجّه"),
    ("001_94a82db443eba38b.txt", "بحاجة للصحافة الحرة"),
    ("001_94a82db443eba38b.txt", "ادعم عنب بلدي"),
    ("001_94a82db443eba38b.txt", "دولار واحد"),
    ("001_94a82db443eba38b.txt", "اضغط هنا"),
    ("001_94a82db443eba38b.txt", "مستعدة للدفاع عن نفسها"),  # the title, now metadata
    ("002_63d4521f172f7fa6.txt", "للقراءة أو الاستماع"),
    ("002_63d4521f172f7fa6.txt", "انطلاق عملية الانسحاب من البلاد"),
    ("002_63d4521f172f7fa6.txt", "هل أعجبك المحتوى"),
    ("002_63d4521f172f7fa6.txt", "صندوق بريدك"),
    ("002_63d4521f172f7fa6.txt", "نشرتنا البريدية"),
    ("003_0801fcc509a1d5da.txt", "آخر الأخبار"),
    ("003_0801fcc509a1d5da.txt", "وحدة الازمرة"),
    ("003_0801fcc509a1d5da.txt", "غروسي"),
    ("003_0801fcc509a1d5da.txt", "احتراق سيارة بالمنصور"),
    ("003_0801fcc509a1d5da.txt", "سياسة |"),
    ("003_0801fcc509a1d5da.txt", "14:13"),
    ("003_0801fcc509a1d5da.txt", "+A -A"),
    ("003_0801fcc509a1d5da.txt", "تقرير محمود المفرجي"),
    ("003_0801fcc509a1d5da.txt", "بين الواقع والخيال"),  # the title, now metadata
]


def _metadata() -> dict[str, dict[str, str]]:
    with open(SAMPLE / "sources.csv", encoding="utf-8", newline="") as fh:
        return {row["file"]: row for row in csv.DictReader(fh)}


def _raw_lines(name: str) -> list[str]:
    return (SAMPLE / name).read_text(encoding="utf-8").split("\n")


def _cleaned(name: str, with_metadata: bool = True):
    meta = _metadata()[name] if with_metadata else {"source": "", "title": ""}
    return clean(
        (SAMPLE / name).read_text(encoding="utf-8"), source=meta["source"], title=meta["title"]
    )


def test_the_table_classifies_every_line_of_every_sample_article():
    assert sorted(SAMPLE_LINES) == sorted(p.name for p in SAMPLE.glob("*.txt"))
    for name, table in SAMPLE_LINES.items():
        lines = _raw_lines(name)
        non_empty = {i + 1 for i, line in enumerate(lines) if line.strip()}
        assert {n for n, _, _ in table} == non_empty, name
        for number, _, prefix in table:
            assert lines[number - 1].strip().startswith(prefix), (name, number)


@pytest.mark.parametrize("with_metadata", [True, False], ids=["metadata", "no-metadata"])
@pytest.mark.parametrize("name", sorted(SAMPLE_LINES))
def test_sample_article_keeps_exactly_the_news_and_headings(name, with_metadata):
    cleaned = _cleaned(name, with_metadata)
    paragraphs = cleaned.text.split("\n\n")
    lines = _raw_lines(name)
    expected = []
    for number, kind, _ in SAMPLE_LINES[name]:
        line = lines[number - 1].strip()
        if kind in ("news", "heading"):
            expected.append(line)
        elif kind == "title":
            assert cleaned.title == line
            assert line not in paragraphs
        elif kind == "boilerplate":
            assert line not in paragraphs, (number, line)
        elif kind == "repeat":
            assert cleaned.text.count(line) == 1, (number, line)
    # Both directions at once: every news line survives verbatim, in order, and nothing else does.
    assert paragraphs == expected


@pytest.mark.parametrize("name", sorted(SAMPLE_LINES))
def test_every_news_line_is_covered_by_passages_and_no_heading_is(name):
    cleaned = _cleaned(name)
    passages = segment("doc", cleaned.text)
    covered = [False] * len(cleaned.text)
    for p in passages:
        assert cleaned.text[p.start : p.end] == p.text
        for k in range(p.start, p.end):
            covered[k] = True
    lines = _raw_lines(name)
    for number, kind, _ in SAMPLE_LINES[name]:
        line = lines[number - 1].strip()
        if kind not in ("news", "heading"):
            continue
        start = cleaned.text.index(line)
        span = covered[start : start + len(line)]
        if kind == "news":
            assert all(c or line[k].isspace() for k, c in enumerate(span)), (number, line)
        else:
            assert not any(span), (number, line)


@pytest.mark.parametrize(("name", "fragment"), BOILERPLATE_FRAGMENTS)
def test_boilerplate_fragment_does_not_survive(name, fragment):
    assert fragment not in _cleaned(name).text


def test_lone_outlet_name_is_dropped_but_the_outlet_mentioned_in_a_sentence_stays():
    cleaned = _cleaned("000_b8c64a0bd6e02214.txt")
    assert not cleaned.text.endswith("الحرة")
    assert "للحرة" in cleaned.text
    assert ("lone_source_name", "الحرة") in cleaned.removed
    # without metadata the trailing short line is still recognised as a signature
    assert ("trailing_signature", "الحرة") in _cleaned("000_b8c64a0bd6e02214.txt", False).removed


def test_removed_lines_name_the_rule_that_removed_them():
    removed = dict((line, reason) for reason, line in _cleaned("003_0801fcc509a1d5da.txt").removed)
    assert removed["آخر الأخبار"] == "ticker"
    assert removed["+A -A"] == "font_size_controls"
    assert removed["سياسة | 28-11-2021, 14:13 |"] == "category_dateline"
    assert removed["بغداد اليوم - تقرير محمود المفرجي الحسيني"] == "byline"
    assert any(reason == "ticker (following line)" for reason in removed.values())


# --------------------------------------------------------------------------- other outlets

BEFORE = "قال وزير المالية إن الحكومة ستعلن الموازنة العامة الأسبوع المقبل بعد إقرارها."
AFTER = "وأضاف أن المفاوضات مع صندوق النقد الدولي مستمرة منذ أشهر دون نتائج واضحة."

# Each rule's own boilerplate and look-alike news lines: tests/test_ingest_rules.py.

# News sentences that contain words the rules look for, and must survive.
NEWS_WITH_TRIGGER_WORDS = [
    "اشترك في الهجوم عشرات المسلحين من الفصائل المسلحة.",
    "وقع الانفجار في 12 مايو 2021.",
    "وقال المتحدث إن الصحافة الحرة ركن أساسي في أي نظام ديمقراطي.",
    "وكتب الرئيس على تويتر أن الاتفاق نهائي.",
    "ونقلت وكالة رويترز عن مصادر أمنية أن الهجوم وقع فجرا.",
    "وأصدرت المحكمة حكما يلزم الشركات بطلب موافقة المستخدمين قبل استخدام ملفات تعريف الارتباط.",
    "وتابع: نحن مستعدون للحوار.",
    "كما أعلنت الوزارة أن 3 تعليقات رسمية صدرت بشأن القرار.",
    "وقالت الشرطة إن المتظاهرين تجمعوا أمام البرلمان.",
    "وأكد أن القوات ستبقى حتى 31 ديسمبر 2021.",
    "الى ذلك نفت قيادة العمليات المشتركة العراقية تمديد موعد انسحاب القوات الأمريكية من العراق.",
    "وبحسب الإحصاءات، ارتفعت الأسعار بنسبة 3.5% خلال شهر واحد.",
    "وقال مصدر: «لا تغيير في الموعد».",
]


@pytest.mark.parametrize("sentence", NEWS_WITH_TRIGGER_WORDS)
def test_news_sentences_with_trigger_words_survive(sentence):
    cleaned = clean(f"{BEFORE}\n\n{sentence}\n\n{AFTER}")
    assert cleaned.text.split("\n\n") == [BEFORE, sentence, AFTER]


def test_news_survives_next_to_boilerplate_blocks():
    text = f"مقالات متعلقة\n{BEFORE}\nللقراءة أو الاستماع:\n{AFTER}\n×\nالحرة"
    assert clean(text, source="الحرة").text.split("\n\n") == [BEFORE, AFTER]


def test_repeated_paragraphs_are_kept_once_comparing_the_matching_form():
    first = "وقال الوزير إنّ الأسعار ستنخفض بنسبة 10% قريباً."
    variant = "وقال  الوزير إن الأسعار ستنخفض بنسبة ١٠٪ قريبا."  # other spelling, same folded form
    cleaned = clean(f"{first}\n{AFTER}\n{variant}\n{first}")
    assert cleaned.text.split("\n\n") == [first, AFTER]
    assert [r for r, _ in cleaned.removed] == ["repeated_paragraph", "repeated_paragraph"]


def test_title_is_guessed_from_the_last_headline_line_before_the_body():
    text = "رغم كل شيء..\nالحكومة تعلن موعد الانتخابات\n" + BEFORE + "\n" + AFTER
    cleaned = clean(text)
    assert cleaned.title == "الحكومة تعلن موعد الانتخابات"
    assert cleaned.text.split("\n\n") == ["رغم كل شيء..", BEFORE, AFTER]
    # no guess when the article starts with a sentence, and a given title wins
    assert clean(f"{BEFORE}\n{AFTER}").title == ""
    assert clean(text, title="عنوان آخر").title == "عنوان آخر"


def test_clean_text_is_the_plain_string_step():
    raw = (SAMPLE / "002_63d4521f172f7fa6.txt").read_text(encoding="utf-8")
    assert clean_text(raw) == clean(raw).text


# --------------------------------------------------------------------------- the rule list


def test_default_rules_are_named_documented_and_unique():
    names = DEFAULT_RULES.names
    assert len(names) == len(set(names)) >= 20
    assert all(rule.why.strip() for rule in DEFAULT_RULES)
    assert isinstance(DEFAULT_RULES, CleaningRules)


def test_a_newsroom_extends_the_rules_without_changing_the_defaults():
    footer = "الموقع الأخضر صوت الحقيقة منذ 1998"
    text = f"{BEFORE}\n{footer}\n{AFTER}"
    assert footer in clean(text).text
    ours = DEFAULT_RULES.extend(Rule("our_footer", "Our site's footer.", pattern=r"^الموقع الأخضر"))
    cleaned = clean(text, ours)
    assert footer not in cleaned.text
    assert ("our_footer", footer) in cleaned.removed
    assert "our_footer" not in DEFAULT_RULES.names
    assert ours.names[-1] == "our_footer"
    assert len(ours) == len(DEFAULT_RULES) + 1


def test_rules_can_be_removed_by_name_and_looked_up():
    without = DEFAULT_RULES.without("font_size_controls")
    assert "+A -A" in clean(f"{BEFORE}\n+A -A\n{AFTER}", without).text
    assert DEFAULT_RULES.get("ticker").then == 1
    with pytest.raises(KeyError, match="no_such_rule"):
        DEFAULT_RULES.without("no_such_rule")
    assert isinstance(DEFAULT_RULES[1:3], CleaningRules)


def test_rule_list_rejects_duplicates_and_rules_without_a_test_or_a_why():
    with pytest.raises(ValueError, match="duplicate rule name 'ticker'"):
        DEFAULT_RULES.extend(Rule("ticker", "again", pattern="x"))
    with pytest.raises(ValueError, match="needs a pattern or a predicate"):
        Rule("empty", "nothing to match")
    with pytest.raises(ValueError, match="needs a 'why'"):
        Rule("undocumented", " ", pattern="x")
    with pytest.raises(TypeError):
        CleaningRules(["not a rule"])


def test_predicate_rules_see_the_page():
    rule = Rule(
        "after_marker",
        "Lines after a marker line.",
        predicate=lambda line, page: line.index > 0 and page.lines[line.index - 1].text == "MARK",
        max_words=100,
    )
    cleaned = clean(f"{BEFORE}\nMARK\n{AFTER}", DEFAULT_RULES.extend(rule))
    assert ("after_marker", AFTER) in cleaned.removed


@pytest.mark.parametrize(
    "variant", ["اقرأ أيضاً", "إقرأ أيضًا", "اقرا ايضا", "اقـرأ أيضا", "اقرأ  أيضاً"]
)
def test_patterns_match_every_spelling_of_the_same_words(variant):
    pattern = compile_folded(r"^اقرأ أيضا$")
    assert pattern.search(match_key(variant))


def test_folded_patterns_keep_arabic_punctuation_literal():
    pattern = compile_folded(r"هل أعجبك المحتوى؟")
    assert pattern.search(match_key("هل أعجبك المحتوى؟"))
    assert not pattern.search(match_key("هل أعجبك المحتو"))  # "؟" is not the "?" operator


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("قال الوزير إن الأسعار سترتفع.", True),
        ('وأضاف أن "الموعد ثابت".', True),
        ("وقال: «لا تغيير»", True),
        ("هل ستنخفض الأسعار؟", True),
        ("رغم انتهاء مهمتها القتالية..", False),
        ("المباشرة بالانسحاب", False),
        ("جنود في دورية (AP)", False),
        ("للقراءة أو الاستماع:", False),
    ],
)
def test_ends_sentence(line, expected):
    assert ends_sentence(match_key(line)) is expected


# --------------------------------------------------------------------------- properties

_LINES = st.sampled_from(
    [
        BEFORE,
        AFTER,
        "آخر الأخبار",
        "×",
        "+A -A",
        "اقرأ أيضا:",
        "المباشرة بالانسحاب",
        "ادعم عنب بلدي",
        "  وقال المتحدث إن   الموعد ثابت.  ",
        "سياسة | 28-11-2021, 14:13 |",
        "الحرة",
        "",
        "   ",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_LINES, max_size=25), st.sampled_from(["\n", "\n\n", "\r\n"]))
def test_cleaning_only_drops_whole_lines_and_never_rewrites_them(lines, sep):
    text = sep.join(lines)
    cleaned = clean(text)
    kept = [p for p in cleaned.text.split("\n\n") if p] if cleaned.text else []
    originals = [line.strip() for line in re.split(r"\r?\n", text) if line.strip()]
    # kept paragraphs are original lines, stripped, in their original order
    it = iter(originals)
    assert all(any(p == o for o in it) for p in kept)
    assert len(kept) + len(cleaned.removed) == len(originals)
    # nothing is kept twice
    assert len({match_key(p) for p in kept}) == len(kept)


def test_an_outlet_without_full_stops_keeps_its_closing_lines():
    lines = [
        "قال وزير المالية إن الحكومة ستعلن الموازنة الأسبوع المقبل",
        "وأضاف أن المفاوضات مستمرة مع صندوق النقد",
        "وأكد أن العجز سينخفض هذا العام",
        "جميع الحقوق محفوظة © 2024",
    ]
    cleaned = clean("\n".join(lines))
    # a short line right before a footer is only taken for a slogan when it reports no speech
    assert cleaned.text.split("\n\n") == lines[:3]
    slogan = "الإعلام الموجّه يشوه الحقيقة في بلادنا ويطيل أمد الحرب.."
    cleaned = clean("\n".join([*lines[:3], slogan, "ادعم عنب بلدي"]))
    assert cleaned.text.split("\n\n") == lines[:3]
    assert ("trailing_signature", slogan) in cleaned.removed
