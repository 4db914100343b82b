"""Stance cases on general news sentences (not the sample corpus): each row is a claim, a
passage and the stance an editor would expect, with the rule the row exercises."""

from __future__ import annotations

import pytest

from factcheck.engine.analysis import default_analyzer
from factcheck.engine.semantic import default_embedder, semantic_status
from factcheck.engine.stance import StanceJudge
from factcheck.engine.views import view_claim, view_passage
from factcheck.records import Reason

CASES = [
    # (rule, claim, passage, expected)
    (
        "same statement",
        "ارتفعت أسعار النفط بنسبة 5% اليوم",
        "قالت وكالة الطاقة إن أسعار النفط ارتفعت بنسبة 5% اليوم",
        "support",
    ),
    (
        "percent mismatch",
        "ارتفعت أسعار النفط بنسبة 5%",
        "ارتفعت أسعار النفط بنسبة 3% فقط",
        "contradict",
    ),
    (
        "Arabic-Indic percent agrees",
        "ارتفعت أسعار النفط بنسبة ٥٪",
        "أسعار النفط ارتفعت بنسبة 5 في المئة",
        "support",
    ),
    (
        "antonym",
        "ارتفعت أسعار النفط في الأسواق العالمية",
        "انخفضت أسعار النفط في الأسواق العالمية",
        "contradict",
    ),
    ("antonym", "وافق البرلمان على قانون الموازنة", "رفض البرلمان قانون الموازنة", "contradict"),
    (
        "negation",
        "أقر البرلمان قانون الموازنة الجديد",
        "لم يقر البرلمان قانون الموازنة الجديد",
        "contradict",
    ),
    (
        "count agrees",
        "سجلت وزارة الصحة 300 إصابة جديدة بالفيروس",
        "أعلنت وزارة الصحة تسجيل 300 إصابة جديدة بالفيروس",
        "support",
    ),
    (
        "count mismatch",
        "سجلت وزارة الصحة 300 إصابة جديدة بالفيروس",
        "أعلنت وزارة الصحة تسجيل 450 إصابة جديدة بالفيروس",
        "contradict",
    ),
    (
        "number words",
        "سجلت وزارة الصحة ثلاثمئة إصابة جديدة بالفيروس",
        "أعلنت وزارة الصحة تسجيل 300 إصابة جديدة بالفيروس",
        "support",
    ),
    (
        "Levantine month = Western month",
        "افتتح الملعب الجديد في 12 مارس 2022",
        "افتتح الملعب الجديد في 12 آذار 2022",
        "support",
    ),
    (
        "date mismatch",
        "افتتح الملعب الجديد في 12 مارس 2022",
        "افتتح الملعب الجديد في 15 آذار 2022",
        "contradict",
    ),
    (
        "numeric date",
        "افتتح الملعب الجديد في 12/3/2022",
        "افتتح الملعب الجديد يوم 12 مارس 2022",
        "support",
    ),
    (
        "denial verb",
        "استقال وزير المالية من منصبه",
        "نفت الحكومة استقالة وزير المالية من منصبه",
        "contradict",
    ),
    (
        "falsity predicate",
        "أغلقت السلطات المعبر الحدودي",
        "الأنباء عن إغلاق السلطات المعبر الحدودي غير صحيحة",
        "contradict",
    ),
    (
        "negated claim, negated passage",
        "قرار المحكمة غير قابل للطعن",
        "أكد المحامي أن قرار المحكمة غير قابل للطعن",
        "support",
    ),
    (
        "negated passage",
        "قرار المحكمة قابل للطعن",
        "أكد المحامي أن قرار المحكمة غير قابل للطعن",
        "contradict",
    ),
    (
        "«لا يزال» is not negation",
        "الطريق مفتوح أمام حركة السير",
        "الطريق لا يزال مفتوحا أمام حركة السير",
        "support",
    ),
    (
        "topic only",
        "الحكومة تدرس رفع الدعم عن الوقود",
        "عقدت الحكومة اجتماعا لمناقشة ملف الطاقة",
        "neutral",
    ),
    (
        "topic only",
        "تضاعف عدد السياح الأجانب في عام 2019",
        "زار البلاد عدد كبير من السياح",
        "neutral",
    ),
    (
        "unrelated",
        "فاز المنتخب الوطني بكأس آسيا",
        "ارتفعت أسعار الذهب في الأسواق المحلية",
        "neutral",
    ),
    (
        "figure not stated",
        "خفضت الشركة عدد موظفيها بنسبة 20%",
        "خفضت الشركة عدد موظفيها هذا العام",
        "neutral",
    ),
    (
        "synonym + figure",
        "قلصت الشركة عدد موظفيها بنسبة 20%",
        "خفضت الشركة عدد موظفيها بنسبة 20% هذا العام",
        "support",
    ),
    (
        "qualified figure far off",
        "صدرت الشركة 9000 طن من القمح",
        "صدرت الشركة أكثر من 2000 طن من القمح",
        "contradict",
    ),
    (
        "qualified figure in range",
        "صدرت الشركة 2100 طن من القمح",
        "صدرت الشركة أكثر من 2000 طن من القمح",
        "support",
    ),
    (
        "cessation = negated presence",
        "لن تكون هناك رحلات جوية إلى المدينة",
        "أعلنت الشركة وقف الرحلات الجوية إلى المدينة",
        "support",
    ),
    (
        "cessation contradicts continuation",
        "تستمر الرحلات الجوية إلى المدينة",
        "أعلنت الشركة وقف الرحلات الجوية إلى المدينة",
        "contradict",
    ),
    (
        "shared cessation word cancels, denial decides",
        "بدأ انسحاب الجيش من المدينة",
        "نفى المتحدث أي انسحاب للجيش من المدينة",
        "contradict",
    ),
    ("«لا يزال» asserts", "لم يعد المصنع يعمل", "المصنع لا يزال يعمل بكامل طاقته", "contradict"),
    (
        "date of the announcement is not the deadline",
        "سيكتمل المشروع بحلول 30 يونيو 2023",
        "أعلن الوزير في 5 مارس 2023 أن المشروع سيكتمل بحلول نهاية العام",
        "neutral",
    ),
    (
        "same role, different date",
        "افتتح الوزير المشروع في 30 يونيو 2023",
        "افتتح الوزير المشروع في 5 مارس 2023",
        "contradict",
    ),
    (
        "passage does not repeat the claim's negation",
        "لن تبقى قوات أجنبية في البلاد",
        "تواصل القوات الأجنبية في البلاد تدريب الجيش المحلي",
        "neutral",
    ),
]


LEARNED_FLOOR = 23
"""Cases of the table the learned model (with the semantic layer) must get right. It was
trained on headline pairs and generated pairs, never on this table; the hand-set rules were
written against it (all pass). The README's ablation reports both."""


@pytest.fixture(scope="module")
def analyzer():
    return default_analyzer()


@pytest.fixture(scope="module")
def embedder():
    found = default_embedder()
    if found is None:
        pytest.skip(f"semantic layer off: {semantic_status()}")
    return found


def judge_one(judge: StanceJudge, claim: str, passage: str, embedder=None):
    a = judge.analyzer
    vec = embedder.embed([claim])[0] if embedder is not None else None
    embed = embedder.embed if embedder is not None else None
    return judge.judge(view_claim(claim, a), view_passage(passage, a), "", vec, embed)


@pytest.mark.parametrize(("rule", "claim", "passage", "expected"), CASES)
def test_stance_table_by_the_rules(analyzer, rule: str, claim: str, passage: str, expected: str):
    j = judge_one(StanceJudge(analyzer, "rules"), claim, passage)
    assert j.stance == expected, (rule, j.reasons)
    assert j.reasons and j.reasons[0].kind == "coverage", "every judgement gives reasons"
    assert 0.0 <= j.confidence <= 1.0


def test_stance_table_by_the_learned_model(analyzer, embedder) -> None:
    judge = StanceJudge(analyzer)
    right = []
    for _rule, claim, passage, expected in CASES:
        j = judge_one(judge, claim, passage, embedder)
        right.append(j.stance == expected)
        assert j.reasons[0].kind == "coverage"
        assert 0.0 <= j.confidence <= 1.0
    assert sum(right) >= LEARNED_FLOOR, f"{sum(right)}/{len(CASES)}"


def test_reasons_quote_the_passage_and_spans_index_the_original(analyzer) -> None:
    passage = "نفَت الحكومةُ استقالةَ وزيرِ المالية من منصبه"
    j = judge_one(StanceJudge(analyzer, "rules"), "استقال وزير المالية من منصبه", passage)
    assert j.stance == "contradict"
    assert Reason("denial", "نفَت") in j.reasons, j.reasons  # quoted as written, diacritics kept
    for a, b in j.matched:
        assert passage[a:b].strip() == passage[a:b] and passage[a:b]
    assert {passage[a:b] for a, b in j.matched} >= {"وزيرِ", "المالية"}


@pytest.mark.parametrize(
    ("claim", "passage", "says"),
    [
        ("فهم الصراع في اليمن", "فهم الصراع في سوريا", ("اليمن", "سوريا")),
        ("الذهب لأعلى مستوى في ١٧ شهرا", "الذهب في أدنى مستوى خلال 17 شهرا", ("لأعلى", "أدنى")),
        (
            "سقوط 4 من القوات الروسية شرقي سوريا",
            "مصرع 4 مقاتلين روس شرقي العراق",
            ("سوريا", "العراق"),
        ),
    ],
)
def test_a_substitution_is_never_support_and_quotes_both_sides(
    analyzer, embedder, claim: str, passage: str, says: tuple[str, str]
) -> None:
    j = judge_one(StanceJudge(analyzer), claim, passage, embedder)
    assert j.stance != "support", j.reasons
    subs = [r for r in j.reasons if r.kind in ("substitution", "antonym")]
    assert any(says[1] in r.quote for r in subs), j.reasons
    claim_side = [r.detail for r in subs if r.kind == "substitution"]
    assert not claim_side or any(says[0] in d for d in claim_side), j.reasons


def test_a_paraphrase_is_supported(analyzer, embedder) -> None:
    j = judge_one(
        StanceJudge(analyzer),
        "قتل 13 جنديا في هجوم على قاعدة عسكرية",
        "مقتل 13 جنديا في هجوم على قاعدة عسكرية",
        embedder,
    )
    assert j.stance == "support", j.reasons
