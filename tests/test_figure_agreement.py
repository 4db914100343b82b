"""When two figures agree: the intervals hedged figures stand for, partial dates, date roles."""

from __future__ import annotations

import dataclasses
import math
import re
from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.figures import (
    agreement,
    comparable,
    date_role,
    dates_compatible,
    extract_quantities,
    figures_agree,
    interval,
    same_precision,
)
from factcheck.records import QUALIFIERS, DateValue, Quantity


def only(text: str) -> Quantity:
    """The single quantity of ``text``, checking that its span is its original wording."""
    found = extract_quantities(text)
    assert len(found) == 1, [(q.kind, q.value, q.date, q.text) for q in found]
    q = found[0]
    assert text[q.start : q.end] == q.text
    return q


# --------------------------------------------------------------------------------------------
# Numbers and percentages
# --------------------------------------------------------------------------------------------

# (figure, the interval it stands for)
INTERVALS = [
    ("2100 شحنة", (2100, 2100)),
    ("أكثر من 2100 شحنة", (2100, 3150)),
    ("300 قتيل على الأقل", (300, 450)),
    ("أقل من 40 شخصا", (20, 40)),
    ("لا يتجاوز 10 أشخاص", (5, 10)),
    ("نحو 5000 جندي", (4250, 5750)),
    ("50 شخصا تقريبا", (42.5, 57.5)),
    ("نحو 60 في المئة", (51, 69)),
]


@pytest.mark.parametrize(("text", "bounds"), INTERVALS)
def test_interval(text: str, bounds: tuple[float, float]) -> None:
    assert interval(only(text)) == pytest.approx(bounds)


def test_a_date_has_no_interval() -> None:
    with pytest.raises(ValueError, match="no value"):
        interval(only("عام 2011"))


# (figure, figure, agree)
AGREE = [
    ("2100 شحنة", "2,100 شحنة", True),
    ("2100 شحنة", "5000 شحنة", False),
    ("2100 شحنة", "2101 شحنة", False),
    ("2100 شحنة", "2110 شحنة", False),
    ("أكثر من 2100 شحنة", "2500 شحنة", True),
    ("أكثر من 2100 شحنة", "5000 شحنة", False),
    ("أكثر من 2100 شحنة", "1000 شحنة", False),
    ("1000 شحنة", "أكثر من 2100 شحنة", False),
    ("أكثر من 2100 شحنة", "2100 شحنة", True),
    ("أكثر من 2100 شحنة", "أكثر من 2500 شحنة", True),
    # By the reporting convention «أكثر من 100» is about a hundred, not «anything above 100».
    ("أكثر من 2100 شحنة", "أكثر من 100 شحنة", False),
    ("أقل من 40% من القوات", "30% من القوات", True),
    ("أقل من 40% من القوات", "60% من القوات", False),
    ("أقل من 40% من القوات", "15% من القوات", False),
    ("أقل من 40 جنديا", "أكثر من 50 جنديا", False),
    ("نحو 5000 جندي", "5200 جندي", True),
    ("نحو 5000 جندي", "7000 جندي", False),
    ("نحو 60%", "55%", True),
    ("نحو 60%", "50%", False),
    ("نحو 60%", "أكثر من 65%", True),
    ("60%", "٦٠٪", True),
    ("60%", "40%", False),
    ("2.5 مليون دولار", "2,500,000 دولار", True),
    ("عشرة آلاف مقاتل", "10 آلاف مقاتل", True),
    ("الجولة الرابعة", "الجولة الخامسة", False),
    ("الجولة الرابعة", "الجولة الرابعة", True),
]


@pytest.mark.parametrize(("a", "b", "expected"), AGREE)
def test_figures_agree(a: str, b: str, expected: bool) -> None:
    qa, qb = only(a), only(b)
    assert comparable(qa, qb) and comparable(qb, qa)
    assert figures_agree(qa, qb) is expected
    assert figures_agree(qb, qa) is expected


# (figure, figure, agree): pairs that cannot be compared
INCOMPARABLE = [
    ("60%", "60 جنديا", False),  # a percentage is no count
    ("2021 شحنة", "عام 2021", False),  # nor is a year
    # Ordinal or count is comparable()'s question; figures_agree looks at values only.
    ("الجولة الرابعة", "4 جولات", True),
]


@pytest.mark.parametrize(("a", "b", "agree"), INCOMPARABLE)
def test_incomparable_figures(a: str, b: str, agree: bool) -> None:
    qa, qb = only(a), only(b)
    assert not comparable(qa, qb) and not comparable(qb, qa)
    assert figures_agree(qa, qb) is agree and figures_agree(qb, qa) is agree


def test_tolerances_are_the_module_constants() -> None:
    about, near = only("نحو 5000 جندي"), only("5200 جندي")
    assert figures_agree(about, near) is True
    with mock.patch.object(agreement, "ABOUT_TOLERANCE", 0.01):
        assert figures_agree(about, near) is False
    more, far = only("أكثر من 2100 شحنة"), only("5000 شحنة")
    with mock.patch.object(agreement, "MORE_THAN_SPAN", math.inf):
        assert figures_agree(more, far) is True  # the logical reading, not the newsroom's


def test_units_are_the_callers_question() -> None:
    soldiers, shipments = only("2100 جندي"), only("2100 شحنة")
    assert figures_agree(soldiers, shipments) is True
    assert comparable(soldiers, shipments) is True


# ---- properties ------------------------------------------------------------------------------

values = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False)


@st.composite
def figures(draw: st.DrawFn) -> Quantity:
    return Quantity(
        kind=draw(st.sampled_from(["number", "percent"])),
        start=0,
        end=1,
        text="x",
        value=draw(values),
        qualifier=draw(st.sampled_from(QUALIFIERS)),
        ordinal=draw(st.booleans()),
    )


@given(figures(), figures())
def test_agreement_is_symmetric(a: Quantity, b: Quantity) -> None:
    assert figures_agree(a, b) is figures_agree(b, a)
    assert comparable(a, b) is comparable(b, a)


@given(figures())
def test_a_figure_agrees_with_itself_and_with_its_unhedged_value(q: Quantity) -> None:
    lo, hi = interval(q)
    assert lo <= hi
    assert figures_agree(q, q)
    assert figures_agree(q, dataclasses.replace(q, qualifier=""))


@given(figures(), figures())
def test_agreement_is_interval_overlap(a: Quantity, b: Quantity) -> None:
    (a_lo, a_hi), (b_lo, b_hi) = interval(a), interval(b)
    overlap = max(a_lo, b_lo) <= min(a_hi, b_hi)
    assert figures_agree(a, b) is (a.kind == b.kind and overlap)


# --------------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------------

COMPATIBLE = [
    (DateValue(2021, 12, 31), DateValue(2021, 12, 31), True),
    (DateValue(2021, 12, 31), DateValue(None, 12, 31), True),
    (DateValue(2021, 12), DateValue(2021, 12, 31), True),
    (DateValue(2021), DateValue(None, 12), True),
    (DateValue(None, 12, 31), DateValue(None, 12, 30), False),
    (DateValue(2021, 12, 31), DateValue(2020, 12, 31), False),
    (DateValue(None, 7), DateValue(2021, 8, 1), False),
]


@pytest.mark.parametrize(("a", "b", "expected"), COMPATIBLE)
def test_dates_compatible(a: DateValue, b: DateValue, expected: bool) -> None:
    assert dates_compatible(a, b) is expected
    assert dates_compatible(b, a) is expected


def test_extracted_spellings_of_a_date_are_compatible() -> None:
    full, numeric, levantine, other_day = (
        only(t).date for t in ("31 ديسمبر 2021", "31/12/2021", "31 كانون الأول", "30 كانون الأول")
    )
    assert dates_compatible(full, numeric) and dates_compatible(numeric, levantine)
    assert not dates_compatible(levantine, other_day)
    assert dates_compatible(only("ديسمبر 2021").date, numeric)


# (date, date, agree)
DATE_FIGURES = [
    ("31 ديسمبر 2021", "31/12/2021", True),
    ("31 ديسمبر 2021", "31 كانون الأول", True),
    ("31 كانون الأول", "30 كانون الأول", False),
    ("عام 2014", "حزيران 2014", True),
    ("عام 2014", "عام 2017", False),
]


@pytest.mark.parametrize(("a", "b", "expected"), DATE_FIGURES)
def test_dates_agree_as_figures(a: str, b: str, expected: bool) -> None:
    qa, qb = only(a), only(b)
    assert comparable(qa, qb)
    assert figures_agree(qa, qb) is expected is figures_agree(qb, qa)


PRECISION = [
    (DateValue(2021, 12, 31), DateValue(None, 12, 30), True),
    (DateValue(2021, 12), DateValue(2020, 11), True),
    (DateValue(2021), DateValue(2014), True),
    (DateValue(2021), DateValue(2021, 12), False),
    (DateValue(None, 12), DateValue(None, 12, 31), False),
]


@pytest.mark.parametrize(("a", "b", "expected"), PRECISION)
def test_same_precision(a: DateValue, b: DateValue, expected: bool) -> None:
    assert same_precision(a, b) is expected is same_precision(b, a)


# (text with one date, its role)
ROLES = [
    ("بحلول 31 ديسمبر 2021", "deadline"),
    ("بِحُلُولِ 31 ديسمبر", "deadline"),
    ("حتى 2030", "deadline"),
    ("وحتى 31 ديسمبر", "deadline"),
    ("قبل 31 ديسمبر", "deadline"),
    ("في موعد أقصاه 31 ديسمبر", "deadline"),
    ("منذ 2014", "since"),
    ("ومنذ عام 2014", "since"),
    ("بعد 31 ديسمبر", "after"),
    ("في 26 تموز", "at"),
    ("هو 30 نوفمبر", "at"),
    ("31 ديسمبر 2021", "at"),
    ("أعلن، في 26 تموز", "at"),
]


@pytest.mark.parametrize(("text", "role"), ROLES)
def test_date_role(text: str, role: str) -> None:
    q = only(text)
    assert q.kind == "date"
    assert date_role(text, q) == role


def test_date_role_compiles_no_regex_per_call() -> None:
    text = "بحلول 31 ديسمبر 2021"
    q = only(text)
    with mock.patch.object(re, "compile", side_effect=AssertionError("compiled per call")):
        assert date_role(text, q) == "deadline"


dates = st.builds(
    DateValue,
    st.none() | st.integers(1900, 2100),
    st.none() | st.integers(1, 12),
    st.none() | st.integers(1, 28),
)


@given(dates, dates)
def test_date_agreement_is_symmetric_and_reflexive(a: DateValue, b: DateValue) -> None:
    assert dates_compatible(a, b) is dates_compatible(b, a)
    assert dates_compatible(a, a)
    qa, qb = (Quantity(kind="date", start=0, end=1, text="x", date=d) for d in (a, b))
    assert figures_agree(qa, qb) is dates_compatible(a, b)
