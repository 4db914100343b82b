"""Numbers in Arabic news text: cardinals, ordinals and percentages, and the numeral machinery
(tokens, clitics, number words, cardinal phrases) the rest of the figure parser shares."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.figures import extract_quantities
from factcheck.figures.numerals import NUMBER_WORDS, LexEntry, Tokens, cardinal, clitics
from factcheck.records import Quantity
from factcheck.text.arabic import fold

ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def only(text: str) -> Quantity:
    """The single quantity of ``text``, checking that its span is its original wording."""
    found = extract_quantities(text)
    assert len(found) == 1, [(q.kind, q.value, q.date, q.text) for q in found]
    q = found[0]
    assert text[q.start : q.end] == q.text
    return q


# --------------------------------------------------------------------------------------------
# Numbers
# --------------------------------------------------------------------------------------------

# (text, value, unit, original span, qualifier)
CARDINALS = [
    ("أكثر من 2100 شحنة من المعدات", 2100, "شحنه", "2100", "more_than"),
    ("نقل 5000 شحنة", 5000, "شحنه", "5000", ""),
    ("أكثر من ٢١٠٠ شحنة", 2100, "شحنه", "٢١٠٠", "more_than"),
    ("أكثر من ۲۱۰۰ شحنة", 2100, "شحنه", "۲۱۰۰", "more_than"),
    ("نحو 5000 جندي أمريكي", 5000, "جندي", "5000", "about"),
    ("عشرة آلاف مقاتل", 10000, "مقاتل", "عشرة آلاف", ""),
    ("ثلاثة آلاف جندي", 3000, "جندي", "ثلاثة آلاف", ""),
    ("أربع سنوات", 4, "سنوات", "أربع", ""),
    ("أربعة جنود", 4, "جنود", "أربعة", ""),
    ("خمسة وعشرون شخصا", 25, "شخص", "خمسة وعشرون", ""),
    ("خمس وعشرين دقيقة", 25, "دقيقه", "خمس وعشرين", ""),
    ("واحد و ثلاثون يوما", 31, "يوم", "واحد و ثلاثون", ""),
    ("مئة وخمسون قتيلا", 150, "قتيل", "مئة وخمسون", ""),
    ("مائة جندي", 100, "جندي", "مائة", ""),
    ("مئتا جندي", 200, "جندي", "مئتا", ""),
    ("مئتين وخمسين", 250, "", "مئتين وخمسين", ""),
    ("ثلاثمائة ألف نازح", 300000, "نازح", "ثلاثمائة ألف", ""),
    ("ثلاثمئة جندي", 300, "جندي", "ثلاثمئة", ""),
    ("ثلاث مئة جندي", 300, "جندي", "ثلاث مئة", ""),
    ("ألف جندي", 1000, "جندي", "ألف", ""),
    ("ألفين وخمسمائة", 2500, "", "ألفين وخمسمائة", ""),
    ("ألفان", 2000, "", "ألفان", ""),
    ("أحد عشر لاعبا", 11, "لاعب", "أحد عشر", ""),
    ("إحدى عشرة دولة", 11, "دوله", "إحدى عشرة", ""),
    ("اثنا عشر شهرا", 12, "شهر", "اثنا عشر", ""),
    ("ثلاثة عشر عاما", 13, "عام", "ثلاثة عشر", ""),
    ("خمسة عشر ألفا", 15000, "", "خمسة عشر ألفا", ""),
    ("عشرين ألف مقاتل", 20000, "مقاتل", "عشرين ألف", ""),
    ("مائة وأحد عشر", 111, "", "مائة وأحد عشر", ""),
    ("تسعة آلاف وستمائة", 9600, "", "تسعة آلاف وستمائة", ""),
    ("سبعة آلاف و ثمانمائة و واحد و أربعون", 7841, "", "سبعة آلاف و ثمانمائة و واحد و أربعون", ""),
    ("مليون دولار", 1e6, "دولار", "مليون", ""),
    ("ثلاثة ملايين لاجئ", 3e6, "لاجئ", "ثلاثة ملايين", ""),
    ("٣ ملايين لاجئ", 3e6, "لاجئ", "٣ ملايين", ""),
    ("10 آلاف شخص", 10000, "شخص", "10 آلاف", ""),
    ("2.5 مليون دولار", 2.5e6, "دولار", "2.5 مليون", ""),
    ("٢٫٥ مليار دولار", 2.5e9, "دولار", "٢٫٥ مليار", ""),
    ("مليون و200 ألف", 1.2e6, "", "مليون و200 ألف", ""),
    ("مليونان وخمسمائة ألف", 2.5e6, "", "مليونان وخمسمائة ألف", ""),
    ("نصف مليون", 5e5, "", "نصف مليون", ""),
    ("مليون ونصف", 1.5e6, "", "مليون ونصف", ""),
    ("مليون ونصف المليون", 1.5e6, "", "مليون ونصف المليون", ""),
    ("نصف القوات", 0.5, "قوات", "نصف", ""),
    ("ربع السكان", 0.25, "سكان", "ربع", ""),
    ("ثلث مساحة البلاد", 1 / 3, "مساحه", "ثلث", ""),
    ("ثلثي الأعضاء", 2 / 3, "اعضاء", "ثلثي", ""),
    ("ثلاثة أرباع", 0.75, "", "ثلاثة أرباع", ""),
    ("2,100 شحنة", 2100, "شحنه", "2,100", ""),
    ("10,000 جندي", 10000, "جندي", "10,000", ""),
    ("١٠٬٠٠٠ جندي", 10000, "جندي", "١٠٬٠٠٠", ""),
    ("10 000 جندي", 10000, "جندي", "10 000", ""),
    ("1,234,567 دولارا", 1234567, "دولار", "1,234,567", ""),
    ("وثلاثة جنود", 3, "جنود", "ثلاثة", ""),
    ("بعشرة آلاف دولار", 10000, "دولار", "عشرة آلاف", ""),
    ("لخمسة أشخاص", 5, "اشخاص", "خمسة", ""),
    ("وأحد عشر جنديا", 11, "جندي", "أحد عشر", ""),
    ("جندي واحد", 1, "جندي", "واحد", ""),
    ("ثانية واحدة", 1, "ثانيه", "واحدة", ""),
    ("ست سنوات", 6, "سنوات", "ست", ""),
    ("عشر سنوات", 10, "سنوات", "عشر", ""),
    ("عشرة أيام", 10, "ايام", "عشرة", ""),
    ("2021 شحنة", 2021, "شحنه", "2021", ""),
    ("2100 من المعدات", 2100, "معدات", "2100", ""),
    ("ارتفع عدد القتلى إلى 50", 50, "قتلي", "50", ""),
    ("قرابة ثلاثة آلاف مقاتل", 3000, "مقاتل", "ثلاثة آلاف", "about"),
    ("حوالي 300 شخص", 300, "شخص", "300", "about"),
    ("حوالى 300 شخص", 300, "شخص", "300", "about"),
    ("ما يقارب 2,100 شحنة", 2100, "شحنه", "2,100", "about"),
    ("زهاء ألف جندي", 1000, "جندي", "ألف", "about"),
    ("ما يناهز 50 قتيلا", 50, "قتيل", "50", "about"),
    ("50 شخصا تقريبا", 50, "شخص", "50", "about"),
    ("أقل من 40 شخصا", 40, "شخص", "40", "less_than"),
    ("لا يتجاوز 10 أشخاص", 10, "اشخاص", "10", "less_than"),
    ("ما لا يقل عن 300 قتيل", 300, "قتيل", "300", "more_than"),
    ("ما يزيد على 700 جندي", 700, "جندي", "700", "more_than"),
    ("وأكثر من 100 جريح", 100, "جريح", "100", "more_than"),
    ("300 قتيل على الأقل", 300, "قتيل", "300", "more_than"),
    ("عشرون ونيف", 20, "", "عشرون", "more_than"),
    ("2,5 مليون دولار", 2.5e6, "دولار", "2,5 مليون", ""),
    ("القرار رقم 2254", 2254, "", "2254", ""),
    ("قتل 13 جنديا أمريكيا", 13, "جندي", "13", ""),
    ("مئة عام", 100, "عام", "مئة", ""),
    ("الخمسة والعشرين", 25, "", "الخمسة والعشرين", ""),
    ("للخمسة والعشرين", 25, "", "للخمسة والعشرين", ""),
    ("لقي 50 من الجنود حتفهم", 50, "جنود", "50", ""),
    ("عشرون ضحايا", 20, "ضحايا", "عشرون", ""),
    ("مرور 100 الماضية", 100, "", "100", ""),
    ("الذكرى 20 للحرب", 20, "", "20", ""),
]


@pytest.mark.parametrize(("text", "value", "unit", "span", "qualifier"), CARDINALS)
def test_cardinals(text: str, value: float, unit: str, span: str, qualifier: str) -> None:
    q = only(text)
    assert (q.kind, q.text, q.unit, q.qualifier, q.ordinal) == (
        "number",
        span,
        unit,
        qualifier,
        False,
    )
    assert q.value == pytest.approx(value)
    assert q.date is None
    assert q.approx == bool(qualifier)


# (text, value, unit, original span)
ORDINALS = [
    ("الجولة الرابعة", 4, "جوله", "الرابعة"),
    ("والجولة الرابعة التي أجريت", 4, "جوله", "الرابعة"),
    ("للمرة الثالثة", 3, "مره", "الثالثة"),
    ("للمرة الأولى", 1, "مره", "الأولى"),
    ("لأول مرة", 1, "مره", "أول"),
    ("تعد أول قوة تنسحب", 1, "قوه", "أول"),
    ("ثالث أكبر مدينة", 3, "اكبر", "ثالث"),
    ("الحرب العالمية الثانية", 2, "عالميه", "الثانية"),
    ("الدورة الحادية عشرة", 11, "دوره", "الحادية عشرة"),
    ("الفصل الثالث عشر", 13, "فصل", "الثالث عشر"),
    ("القرن الحادي والعشرين", 21, "قرن", "الحادي والعشرين"),
    ("الذكرى الخامسة والعشرون", 25, "ذكري", "الخامسة والعشرون"),
    ("في اليوم العاشر", 10, "يوم", "العاشر"),
    ("الساعة الرابعة فجرا", 4, "ساعه", "الرابعة"),
    ("الذكرى الـ20 للحرب", 20, "", "20"),
    ("في الساعات الـ24 الماضية", 24, "", "24"),
]


@pytest.mark.parametrize(("text", "value", "unit", "span"), ORDINALS)
def test_ordinals(text: str, value: int, unit: str, span: str) -> None:
    q = only(text)
    assert (q.kind, q.value, q.unit, q.text, q.ordinal) == ("number", value, unit, span, True)


# (text, value, unit, original span, qualifier)
PERCENTS = [
    ("60% من القوات", 60, "قوات", "60%", ""),
    ("40% من القوات", 40, "قوات", "40%", ""),
    ("٦٠٪ من القوات", 60, "قوات", "٦٠٪", ""),
    ("60 في المئة من الناخبين", 60, "ناخبين", "60 في المئة", ""),
    ("60 في المائة", 60, "", "60 في المائة", ""),
    ("60 بالمئة", 60, "", "60 بالمئة", ""),
    ("60 بالمائة", 60, "", "60 بالمائة", ""),
    ("ستين بالمئة", 60, "", "ستين بالمئة", ""),
    ("خمسين في المئة", 50, "", "خمسين في المئة", ""),
    ("مئة بالمئة", 100, "", "مئة بالمئة", ""),
    ("بنسبة 3.5%", 3.5, "", "3.5%", ""),
    ("بنسبة ٣٫٥٪", 3.5, "", "٣٫٥٪", ""),
    ("ارتفعت 60 %", 60, "", "60 %", ""),
    ("%60 من السكان", 60, "سكان", "%60", ""),
    ("أقل من 40% من السكان", 40, "سكان", "40%", "less_than"),
    ("نحو 60 في المئة", 60, "", "60 في المئة", "about"),
    ("نسبة البطالة 10%", 10, "بطاله", "10%", ""),
    ("نسبة التضخم السنوي 5,9%", 5.9, "تضخم", "5,9%", ""),
    ("60% فقط من القوات", 60, "قوات", "60%", ""),
    ("بنسبة 20 بالمئة اعتبارا من الغد", 20, "", "20 بالمئة", ""),
]


@pytest.mark.parametrize(("text", "value", "unit", "span", "qualifier"), PERCENTS)
def test_percents(text: str, value: float, unit: str, span: str, qualifier: str) -> None:
    q = only(text)
    assert (q.kind, q.text, q.unit, q.qualifier) == ("percent", span, unit, qualifier)
    assert q.value == pytest.approx(value)


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 999_999), st.sampled_from(["", ","]))
def test_digit_systems_give_the_same_value(n: int, grouping: str) -> None:
    ascii_digits = f"{n:,}" if grouping else str(n)
    values = []
    for table in ({}, ARABIC_INDIC, PERSIAN):
        text = f"بلغ العدد {ascii_digits.translate(table)} شخصا"
        q = only(text)
        assert q.text == ascii_digits.translate(table)
        values.append((q.kind, q.value, q.unit))
    assert values == [("number", float(n), "شخص")] * 3


@pytest.mark.parametrize(
    ("text", "fraction_kept"),
    [
        ("نما الاقتصاد في الربع الثاني من العام", False),
        ("تراجعت المبيعات في الربع الأخير", False),
        ("الثلث الأخير من القرن", False),
        ("سيطر التنظيم على ثلث مساحة البلاد", True),
        ("نصف الجنود عادوا إلى ثكناتهم", True),
    ],
)
def test_a_definite_fraction_before_an_ordinal_is_a_period_not_a_fraction(
    text: str, fraction_kept: bool
) -> None:
    values = [q.value for q in extract_quantities(text)]
    assert any(v is not None and 0 < v < 1 for v in values) is fraction_kept


# --------------------------------------------------------------------------------------------
# The shared machinery: tokens, clitics, number words, cardinal phrases
# --------------------------------------------------------------------------------------------

# (folded text, token kinds, token strings)
TOKENS = [
    ("2,100 شحنه", ["N", "W"], ["2,100", "شحنه"]),
    ("10 000 جندي", ["N", "W"], ["10 000", "جندي"]),
    ("5,9%", ["N", "P"], ["5,9", "%"]),
    ("2.5 مليون", ["N", "W"], ["2.5", "مليون"]),
    ("31/12/2021", ["D"], ["31/12/2021"]),
    ("2021-12-31", ["D"], ["2021-12-31"]),
    ("الساعه 14:30", ["W", "T"], ["الساعه", "14:30"]),
    ("ال24", ["W", "N"], ["ال", "24"]),
    ("كوفيد-19", ["W", "P", "N"], ["كوفيد", "-", "19"]),
]


@pytest.mark.parametrize(("folded", "kinds", "texts"), TOKENS)
def test_tokens(folded: str, kinds: list[str], texts: list[str]) -> None:
    ts = Tokens(folded)
    assert (ts.kind, ts.text, ts.n) == (kinds, texts, len(kinds))
    assert [folded[ts.start(i) : ts.end(i)] for i in range(ts.n)] == texts


def test_token_accessors_answer_no_out_of_range() -> None:
    ts = Tokens("نقل 5000 شحنه")
    assert (ts.word(0), ts.word(1), ts.word(-1), ts.word(3)) == ("نقل", "", "", "")
    assert ts.is_token(1, "N") and ts.is_token(2, "W", "شحنه")
    assert not ts.is_token(2, "W", "جندي") and not ts.is_token(5, "W")
    assert not ts.touching(0, 1)
    assert Tokens("5G").touching(0, 1)


# (folded text, value, first category, atoms)
CARDINAL_PHRASES = [
    ("خمسه وعشرون شخصا", 25, "unit", 2),
    ("ثلاثه الاف وخمسمئه", 3500, "unit", 3),
    ("مليون و200 الف", 1.2e6, "scale", 3),
    ("2.5 مليون", 2.5e6, "digits", 2),
    ("نصف مليون", 5e5, "frac", 2),
    ("مليون ونصف", 1.5e6, "scale", 2),
    ("احد عشر", 11, "teen", 1),
    ("والخمسه", 5, "unit", 1),
]


@pytest.mark.parametrize(("folded", "value", "first", "atoms"), CARDINAL_PHRASES)
def test_cardinal_phrases(folded: str, value: float, first: str, atoms: int) -> None:
    found = cardinal(Tokens(folded), 0)
    assert found is not None
    assert found.value == pytest.approx(value)
    assert (found.first_category, found.atoms) == (first, atoms)


@pytest.mark.parametrize("folded", ["الاف الغارات", "ارباع", "شحنه", "%", "احد الجنود"])
def test_no_cardinal_phrase(folded: str) -> None:
    assert cardinal(Tokens(folded), 0) is None


def test_clitic_forms_and_number_words() -> None:
    assert clitics("عام سنه", ("", "و")) == {"عام", "وعام", "سنه", "وسنه"}
    assert NUMBER_WORDS["والخمسه"] == LexEntry("وال", "unit", 5, "خمسه")
    assert NUMBER_WORDS["واحد"].stem == "واحد"  # the bare stem wins over و + «احد»
    assert "الاثنين" not in NUMBER_WORDS  # Monday
    assert fold("أربعة") in NUMBER_WORDS
