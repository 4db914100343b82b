"""Dates in Arabic news text: month names in every regional usage, numeric dates, years after a
keyword, and the partial dates they give."""

from __future__ import annotations

import pytest

from factcheck.figures import extract_quantities
from factcheck.figures.dates import numeric_date
from factcheck.records import DateValue, Quantity


def only(text: str) -> Quantity:
    """The single quantity of ``text``, checking that its span is its original wording."""
    found = extract_quantities(text)
    assert len(found) == 1, [(q.kind, q.value, q.date, q.text) for q in found]
    q = found[0]
    assert text[q.start : q.end] == q.text
    return q


# --------------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------------

DEC31 = (2021, 12, 31)

# (text, (year, month, day), original span)
DATES = [
    ("31 ديسمبر 2021", DEC31, "31 ديسمبر 2021"),
    ("31 كانون الأول 2021", DEC31, "31 كانون الأول 2021"),
    ("31/12/2021", DEC31, "31/12/2021"),
    ("31-12-2021", DEC31, "31-12-2021"),
    ("2021-12-31", DEC31, "2021-12-31"),
    ("2021/12/31", DEC31, "2021/12/31"),
    ("31.12.2021", DEC31, "31.12.2021"),
    ("31/12/21", DEC31, "31/12/21"),
    ("٣١/١٢/٢٠٢١", DEC31, "٣١/١٢/٢٠٢١"),
    ("٣١ ديسمبر ٢٠٢١", DEC31, "٣١ ديسمبر ٢٠٢١"),
    ("بحلول 31 ديسمبر 2021.", DEC31, "31 ديسمبر 2021"),
    ("31 ديسمبر/كانون الأول 2021", DEC31, "31 ديسمبر/كانون الأول 2021"),
    ("ديسمبر (كانون الأول) 2021", (2021, 12, None), "ديسمبر (كانون الأول) 2021"),
    ("31 من كانون الأول", (None, 12, 31), "31 من كانون الأول"),
    ("31 كانون الأول", (None, 12, 31), "31 كانون الأول"),
    ("الجمعة 10 من كانون الأول، قال", (None, 12, 10), "10 من كانون الأول"),
    ("وفي 9 من كانون الأول الحالي", (None, 12, 9), "9 من كانون الأول الحالي"),
    ("في 26 يوليو", (None, 7, 26), "26 يوليو"),
    ("وفي (8 أكتوبر) المنصرم", (None, 10, 8), "8 أكتوبر"),
    ("ديسمبر المقبل", (None, 12, None), "ديسمبر المقبل"),
    ("وفي يوليو الماضي، أعلن", (None, 7, None), "يوليو الماضي"),
    ("مطلع أكتوبر", (None, 10, None), "أكتوبر"),
    ("ديسمبر من العام الماضي", (None, 12, None), "ديسمبر من العام الماضي"),
    ("ديسمبر من عام 2021", (2021, 12, None), "ديسمبر من عام 2021"),
    ("أيلول عام 2014", (2014, 9, None), "أيلول عام 2014"),
    ("كانون الثاني 2019", (2019, 1, None), "كانون الثاني 2019"),
    ("كانون أول 2021", (2021, 12, None), "كانون أول 2021"),
    ("تشرين الأول", (None, 10, None), "تشرين الأول"),
    ("8 تشرين الثاني 2020", (2020, 11, 8), "8 تشرين الثاني 2020"),
    ("7 من آب الماضي", (None, 8, 7), "7 من آب الماضي"),
    ("آب الماضي", (None, 8, None), "آب الماضي"),
    ("في شهر آب", (None, 8, None), "آب"),
    ("أيار الماضي", (None, 5, None), "أيار الماضي"),
    ("1 أيار", (None, 5, 1), "1 أيار"),
    ("نيسان 2021", (2021, 4, None), "نيسان 2021"),
    ("أبريل/نيسان 2021", (2021, 4, None), "أبريل/نيسان 2021"),
    ("إبريل 2021", (2021, 4, None), "إبريل 2021"),
    ("في 5 مارس 2020", (2020, 3, 5), "5 مارس 2020"),
    ("شباط 2020", (2020, 2, None), "شباط 2020"),
    ("آذار الماضي", (None, 3, None), "آذار الماضي"),
    ("حزيران 1967", (1967, 6, None), "حزيران 1967"),
    ("تموز الماضي", (None, 7, None), "تموز الماضي"),
    ("يونيو 2020", (2020, 6, None), "يونيو 2020"),
    ("يونيه 2020", (2020, 6, None), "يونيه 2020"),
    ("يوليه 2020", (2020, 7, None), "يوليه 2020"),
    ("أغسطس 2019", (2019, 8, None), "أغسطس 2019"),
    ("مايو 2021", (2021, 5, None), "مايو 2021"),
    ("فبراير 2022", (2022, 2, None), "فبراير 2022"),
    ("يناير عام 2020", (2020, 1, None), "يناير عام 2020"),
    ("نوفمبر", (None, 11, None), "نوفمبر"),
    ("سبتمبر", (None, 9, None), "سبتمبر"),
    ("1 ماي 2020", (2020, 5, 1), "1 ماي 2020"),
    ("جانفي 2021", (2021, 1, None), "جانفي 2021"),
    ("15 أوت 2021", (2021, 8, 15), "15 أوت 2021"),
    ("الأول من يناير 2020", (2020, 1, 1), "الأول من يناير 2020"),
    ("الحادي عشر من سبتمبر", (None, 9, 11), "الحادي عشر من سبتمبر"),
    ("29 فبراير 2020", (2020, 2, 29), "29 فبراير 2020"),
    ("05/03/2021", (2021, 3, 5), "05/03/2021"),
    ("عام 2011", (2011, None, None), "عام 2011"),
    ("عام 2011، استنادا", (2011, None, None), "عام 2011"),
    ("سنة 2014", (2014, None, None), "سنة 2014"),
    ("في 2014.", (2014, None, None), "2014"),
    ("منذ 2003", (2003, None, None), "2003"),
    ("حتى 2030", (2030, None, None), "2030"),
    ("العام 2020", (2020, None, None), "العام 2020"),
    ("لعام 2019", (2019, None, None), "عام 2019"),
    ("في عام ٢٠٢٠", (2020, None, None), "عام ٢٠٢٠"),
    ("منذ صيف 2014", (2014, None, None), "صيف 2014"),
    ("2021م", (2021, None, None), "2021م"),
]


@pytest.mark.parametrize(("text", "ymd", "span"), DATES)
def test_dates(text: str, ymd: tuple[int | None, ...], span: str) -> None:
    q = only(text)
    assert (q.kind, q.date, q.text, q.value) == ("date", DateValue(*ymd), span, None)


def test_three_spellings_of_31_december_2021_are_one_date() -> None:
    dates = [only(t).date for t in ("31 ديسمبر 2021", "31 كانون الأول 2021", "31/12/2021")]
    assert dates == [DateValue(2021, 12, 31)] * 3
    assert all(d is not None and d.iso() == "2021-12-31" for d in dates)


def test_month_name_is_not_an_ordinal() -> None:
    q = only("كانون الأول")
    assert (q.kind, q.date, q.ordinal) == ("date", DateValue(month=12), False)
    q = only("تشرين الثاني")
    assert (q.kind, q.date) == ("date", DateValue(month=11))


def test_date_digits_are_not_numbers_too() -> None:
    for text in ("31 ديسمبر 2021", "31/12/2021", "31 من كانون الأول 2021", "عام 2011"):
        assert [q.kind for q in extract_quantities(text)] == ["date"]


def test_bare_four_digit_number_is_a_year_only_after_a_year_word() -> None:
    assert only("في 2014").kind == "date"
    assert only("ارتفع إلى 2050").kind == "number"
    assert only("قبل 2000 عام").kind == "number"  # two thousand years ago


def test_diacritised_date_span() -> None:
    text = "فِي ٣١ كَانُونَ الأَوَّلِ ٢٠٢١ انْسَحَبَتْ"
    q = only(text)
    assert q.date == DateValue(2021, 12, 31)
    assert q.text == "٣١ كَانُونَ الأَوَّلِ ٢٠٢١"


NUMERIC = [
    ("31/12/2021", DateValue(2021, 12, 31)),
    ("2021-12-31", DateValue(2021, 12, 31)),
    ("31.12.21", DateValue(2021, 12, 31)),
    ("1/1/99", DateValue(1999, 1, 1)),
    ("12/31/2021", DateValue(2021, 12, 31)),  # month first, as some agencies write it
    ("29/02/2020", DateValue(2020, 2, 29)),
    ("29/02/2021", None),
    ("31/13/2021", None),
    ("1/1/1700", None),
    ("2021-12-311", None),
    ("123/1/2021", None),
]


@pytest.mark.parametrize(("token", "date"), NUMERIC)
def test_numeric_date(token: str, date: DateValue | None) -> None:
    assert numeric_date(token) == date


@pytest.mark.parametrize(
    ("date", "iso"),
    [
        (DateValue(2021, 12, 31), "2021-12-31"),
        (DateValue(2021, 12), "2021-12"),
        (DateValue(2021), "2021"),
        (DateValue(month=12, day=31), "--12-31"),
        (DateValue(month=7), "--07"),
        (DateValue(day=5), "---05"),
    ],
)
def test_date_iso(date: DateValue, iso: str) -> None:
    assert date.iso() == iso == str(date)


@pytest.mark.parametrize(
    "fields", [{"month": 13}, {"month": 0}, {"year": 2021, "month": 2, "day": 29}, {"day": 32}]
)
def test_invalid_dates_rejected(fields: dict) -> None:
    with pytest.raises(ValueError):
        DateValue(**fields)
