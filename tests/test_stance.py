"""Stance cases on general news sentences (not the sample corpus): each row is a claim, a
passage and the stance an editor would expect, with the rule the row exercises."""

from __future__ import annotations

import pytest

from factcheck.engine.analysis import default_analyzer
from factcheck.engine.stance import StanceJudge
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


@pytest.mark.parametrize(("rule", "claim", "passage", "expected"), CASES)
def test_stance_table(rule: str, claim: str, passage: str, expected: str) -> None:
    analyzer = default_analyzer()
    view = view_claim(claim, analyzer, lambda _t: 0.0, 1.0)
    j = judge(view, view_passage(passage, analyzer), analyzer)
    assert j.stance == expected, (rule, j.reasons)
    assert j.reasons, "every judgement gives reasons"
    assert 0.0 <= j.confidence <= 1.0


def test_reasons_quote_the_passage_and_spans_index_the_original() -> None:
    analyzer = default_analyzer()
    passage = "نفَت الحكومةُ استقالةَ وزيرِ المالية من منصبه"
    view = view_claim("استقال وزير المالية من منصبه", analyzer, lambda _t: 0.0, 1.0)
    j = judge(view, view_passage(passage, analyzer), analyzer)
    assert j.stance == "contradict"
    assert Reason("denial", "نفَت") in j.reasons, j.reasons  # quoted as written, diacritics kept
    for a, b in j.matched:
        assert passage[a:b].strip() == passage[a:b] and passage[a:b]
    assert {passage[a:b] for a, b in j.matched} >= {"وزيرِ", "المالية"}
