"""Claim/passage analysis, alignment and observed features (``factcheck.engine.views``,
``alignment``, ``features``), on general news sentences (not the sample articles)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.engine.alignment import align
from factcheck.engine.analysis import default_analyzer
from factcheck.engine.features import FEATURES, observe, vector
from factcheck.engine.views import language_of, rarity, view_claim, view_passage


@pytest.fixture(scope="module")
def analyzer():
    return default_analyzer()


def observed(analyzer, claim: str, passage: str):
    return observe(view_claim(claim, analyzer), view_passage(passage, analyzer), analyzer)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("انسحبت القوات من المدينة", "ar"),
        ("Iraq cut foreign troops by 60%", "en"),
        ("Les forces étrangères ont été réduites de 60 % selon le ministère", "fr"),
        ("60% 2021", ""),
    ],
)
def test_language_of(text: str, lang: str) -> None:
    assert language_of(text) == lang


def test_rare_words_weigh_more_than_common_ones() -> None:
    assert rarity("في") < rarity("القوات") < rarity("انسحاب") <= rarity("قزحيا")
    assert rarity("قزحيا") == 1.0  # unknown to the word list: a name, it weighs fully


@pytest.mark.parametrize(
    ("claim", "passage", "kind", "claim_side", "passage_side"),
    [
        ("فهم الصراع في اليمن", "فهم الصراع في سوريا", "place", "اليمن", "سوريا"),
        ("ارتفع الذهب لأعلى مستوى في شهر", "الذهب في أدنى مستوى في شهر", "opposite", "", "أدنى"),
        (
            "فاز المنتخب بقيادة المدرب بوتشيتينو",
            "فاز المنتخب بقيادة المدرب أنشيلوتي",
            "name",
            "",
            "",
        ),
    ],
)
def test_typed_substitution_slots(analyzer, claim, passage, kind, claim_side, passage_side):
    slots = observed(analyzer, claim, passage).alignment.slots
    assert [s.kind for s in slots] == [kind], slots
    assert claim_side in slots[0].claim and passage_side in slots[0].passage


@pytest.mark.parametrize(
    ("claim", "passage"),
    [
        ("وصلت القوات إلى المدينة صباحا", "وصل الجنود إلى المدينة صباحا"),  # a rewording
        ("تشكل التحالف لقتال التنظيم", "شُكّل التحالف لقتال التنظيم"),  # another form
    ],
)
def test_common_words_in_one_slot_are_no_substitution(analyzer, claim, passage) -> None:
    assert observed(analyzer, claim, passage).alignment.slots == ()


def test_another_places_event_is_no_substitution(analyzer) -> None:
    # The claim's places (France, Niger) are all absent: another event, not a swapped country.
    al = observed(
        analyzer, "انسحبت القوات الفرنسية من النيجر", "انسحبت القوات الأمريكية من العراق"
    ).alignment
    assert al.place_conflict is None and not [s for s in al.slots if s.kind == "place"]


def test_places_match_across_forms_and_languages(analyzer) -> None:
    al = observed(analyzer, "قتل جنود روس في هجوم", "مقتل جنود من روسيا في هجوم").alignment
    assert al.coverage > 0.8 and not al.unmatched
    en = observe(
        view_claim("Russian soldiers killed in Syria", analyzer),
        view_passage("مقتل جنود روس في سوريا", analyzer),
        analyzer,
    )
    assert en.alignment.matched  # places meet across languages, words cannot


def test_the_window_is_the_sentence_that_carries_the_claim(analyzer) -> None:
    passage = (
        "عقد المجلس جلسته الأسبوعية. "
        "وأعلن المتحدث أن الحكومة خفضت أسعار الوقود بنسبة 10%. "
        "وتناول الاجتماع ملفات أخرى."
    )
    obs = observed(analyzer, "خفضت الحكومة أسعار الوقود بنسبة 10%", passage)
    pv = view_passage(passage, analyzer)
    assert "خفضت أسعار الوقود" in pv.window_text(*obs.alignment.window)
    assert obs.figures_compared and obs.agree


def test_a_time_is_not_a_predicate(analyzer) -> None:
    # «نهاية العام» names a time: no "end" to flip «بدأ».
    obs = observed(analyzer, "بدأ انسحاب القوات", "بدأ انسحاب القوات وسيكتمل نهاية هذا العام")
    assert not obs.antonyms and not obs.flipped


def test_another_place_is_the_substitution_not_a_negation_of_the_claim(analyzer) -> None:
    # The event happened elsewhere: that the passage negates it there says nothing of here;
    # the other city is what an editor must see.
    obs = observed(analyzer, "افتتح الوزير المستشفى في بغداد", "لم يفتتح الوزير المستشفى في دمشق")
    assert obs.events == ()
    assert obs.alignment.place_conflict == ("بغداد", "دمشق")


def test_vector_follows_the_feature_list(analyzer) -> None:
    obs = observed(analyzer, "ارتفعت أسعار النفط 5%", "ارتفعت أسعار النفط 3% فقط")
    v = vector(obs)
    assert len(v) == len(FEATURES)
    assert math.isnan(v[FEATURES.index("similarity")])  # the semantic layer was off
    assert v[FEATURES.index("figure_conflict")] == 1.0


@settings(max_examples=60, deadline=None)
@given(
    st.text(alphabet="ابتثجحخدذرزسشصضطظعغفقكلمنهوي ٠١٢3456789.،%", min_size=1, max_size=60),
    st.text(alphabet="ابتثجحخدذرزسشصضطظعغفقكلمنهوي ٠١٢3456789.،%", min_size=1, max_size=80),
)
def test_alignment_invariants(claim: str, passage: str) -> None:
    analyzer = default_analyzer()
    cv, pv = view_claim(claim, analyzer), view_passage(passage, analyzer)
    al = align(cv, pv, analyzer)
    assert 0.0 <= al.coverage <= 1.0
    assert set(al.matched) | set(al.unmatched) == set(cv.content)
    lo, hi = al.window
    assert all(lo <= i < hi for i in al.matched.values())
    for slot in al.slots:
        assert passage[slot.span[0] : slot.span[1]] == slot.passage
