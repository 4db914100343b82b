"""Figures in Arabic news text as a whole: several per text, texts with none, spans under
diacritics, invariants over random text, the records, and the package's shape. Number words are
tested in ``test_numerals.py``, dates in ``test_dates.py``, comparison in
``test_figure_agreement.py``."""

from __future__ import annotations

import ast
import dataclasses
import re
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import factcheck.figures
from factcheck.figures import extract_quantities, quantities, quantity_summary_of
from factcheck.records import KINDS, Quantity
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
# Several quantities, negatives
# --------------------------------------------------------------------------------------------


def summary(text: str) -> list[tuple]:
    out = []
    for q in extract_quantities(text):
        assert text[q.start : q.end] == q.text
        out.append((q.kind, q.value if q.kind != "date" else str(q.date), q.text))
    return out


MULTI = [
    (
        "في 31 كانون الأول 2021 انسحب أكثر من 2100 جندي، أي 60% من القوات",
        [
            ("date", "2021-12-31", "31 كانون الأول 2021"),
            ("number", 2100, "2100"),
            ("percent", 60, "60%"),
        ],
    ),
    ("عامي 2014 و2017", [("date", "2014", "عامي 2014"), ("date", "2017", "2017")]),
    ("بين عامي 2014-2017", [("date", "2014", "عامي 2014"), ("date", "2017", "2017")]),
    ("من 2014 إلى 2017", [("date", "2014", "2014"), ("date", "2017", "2017")]),
    ("من 10 إلى 20", [("number", 10, "10"), ("number", 20, "20")]),
    ("خمسة جنود وأربعة مدنيين", [("number", 5, "خمسة"), ("number", 4, "أربعة")]),
    ("بين 5 و7 ديسمبر", [("number", 5, "5"), ("date", "--12-07", "7 ديسمبر")]),
    ("مئة وخمسون وثلاثة", [("number", 150, "مئة وخمسون"), ("number", 3, "ثلاثة")]),
    (
        "للمرة الأولى منذ عام 1990",
        [("number", 1, "الأولى"), ("date", "1990", "عام 1990")],
    ),
    ("سياسة | 28-11-2021, 14:13 |", [("date", "2021-11-28", "28-11-2021")]),
    (
        "تعد الجولة الرابعة والخامسة",
        [("number", 4, "الرابعة"), ("number", 5, "الخامسة")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), MULTI)
def test_several_quantities(text: str, expected: list[tuple]) -> None:
    assert summary(text) == expected


NOTHING = [
    "",
    "   ",
    "الخميس",
    "قال متحدث باسم البنتاغون، الخميس، إن القوات",
    "يوم الاثنين الماضي",
    "يوم الأحد",
    "أحد الجنود",
    "آلاف الغارات الجوية",
    "مئات القتلى",
    "عشرات الآلاف",
    "ثاني أكسيد الكربون",
    "جيروم باول",
    "لست أدري",
    "مارس الضغط على الحكومة",
    "سيارات نيسان",
    "زار أب الضحية",
    "ربيع الأول",
    "في ذي الحجة",
    "15 رمضان 1443",
    "1443هـ",
    "عام 1443 هـ",
    "كوفيد-19",
    "طائرات F-16 وصواريخ S-400",
    "شبكات 5G",
    "هاتف 07701234567",
    "رقم الهاتف +964 770 123 4567",
    "في الساعة 14:30",
    "نحو الجنوب",
    "الربيع العربي",
    "ذو أهمية",
    "رجب طيب أردوغان",
    "الإصدار 1.2.3",
    "مؤلف الكتاب",
    "المثلث الذهبي",
    "تألف الوفد من أعضاء",
    "الألفية",
    "منتصف الليل",
]


@pytest.mark.parametrize("text", NOTHING)
def test_no_quantity(text: str) -> None:
    assert extract_quantities(text) == ()


# --------------------------------------------------------------------------------------------
# Diacritics, tatweel, bidi marks: spans cover the original characters
# --------------------------------------------------------------------------------------------

DIACRITISED = [
    ("قُتِلَ خَمْسَةٌ وَعِشْرُونَ شَخْصًا", "number", 25, "خَمْسَةٌ وَعِشْرُونَ", "شخص"),
    ("الجَوْلَةُ الرَّابِعَةُ", "number", 4, "الرَّابِعَةُ", "جوله"),
    ("أَكْثَرُ مِنْ ٢١٠٠ شُحْنَةٍ", "number", 2100, "٢١٠٠", "شحنه"),
    ("عشـــرة آلاف مقاتل", "number", 10000, "عشـــرة آلاف", "مقاتل"),
    ("نِسْبَةُ ٦٠٪ مِنَ القُوَّاتِ", "percent", 60, "٦٠٪", "قوات"),
    ("سِتِّينَ بِالمِئَةِ", "percent", 60, "سِتِّينَ بِالمِئَةِ", ""),
    ("بلغ \u200f2100\u200f شحنة", "number", 2100, "2100\u200f", "شحنه"),
    ("أَرْبَعُ سَنَوَاتٍ", "number", 4, "أَرْبَعُ", "سنوات"),
]


@pytest.mark.parametrize(("text", "kind", "value", "span", "unit"), DIACRITISED)
def test_diacritised_spans(text: str, kind: str, value: float, span: str, unit: str) -> None:
    q = only(text)
    assert (q.kind, q.value, q.text, q.unit) == (kind, value, span, unit)


# --------------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------------


def words(text: str) -> list[str]:
    return text.split()


VOCAB = words(
    "قال الجيش إن القوات الأميركية شحنة جندي مقاتل من في عام سنة منذ حتى نحو أكثر أقل حوالي "
    "قرابة على الأقل تقريبا الماضي المقبل يوم الخميس الاثنين الأحد أحد واحد اثنان ثلاث ثلاثة "
    "أربع أربعة خمسة ست ستة سبعة ثمانية تسعة عشر عشرة عشرون عشرين ثلاثين مئة مائة مئتان ثلاثمئة "
    "ألف ألفا ألفين آلاف مليون ملايين مليار نصف ربع ثلث أرباع الأول الأولى الثاني الثالثة الرابعة "
    "الحادي العاشر أول ثالث وثلاثة بعشرة للمرة والعشرون في المئة بالمئة بالمائة كانون تشرين "
    "الثاني يناير ديسمبر يوليو آب أيار مارس نيسان شهر مطلع رمضان ربيع ذو الحجة م هـ و ب"
)
PUNCT = ["%", "٪", "/", "-", ",", "،", ".", "٫", "٬", "(", ")", ":", "+", "«", "»", "_"]
SEPARATORS = [" ", " ", " ", "", "\n", "\u00a0", "\u200f"]
MARKS = ["\u064e", "\u064f", "\u0650", "\u0651", "\u0652", "\u064b", "\u064c", "\u0640"]


@st.composite
def digits(draw: st.DrawFn) -> str:
    n = draw(st.one_of(st.integers(0, 40), st.integers(1890, 2110), st.integers(0, 10**7)))
    text = draw(st.sampled_from([str(n), f"{n:,}", f"{n}.{draw(st.integers(0, 99))}"]))
    return text.translate(draw(st.sampled_from([{}, ARABIC_INDIC, PERSIAN])))


@st.composite
def news_like(draw: st.DrawFn) -> str:
    pieces = draw(
        st.lists(
            st.one_of(st.sampled_from(VOCAB), digits(), st.sampled_from(PUNCT)),
            max_size=40,
        )
    )
    out = []
    for piece in pieces:
        out.append(piece)
        out.append(draw(st.sampled_from(SEPARATORS)))
    return "".join(out)


def diacritise(text: str, data: st.DataObject) -> str:
    """Insert diacritics / tatweel after random characters (folding removes them all)."""
    out = []
    for ch in text:
        out.append(ch)
        if data.draw(st.integers(0, 3)) == 0:
            out.append(data.draw(st.sampled_from(MARKS)))
    return "".join(out)


def check_invariants(text: str, found: tuple[Quantity, ...]) -> None:
    previous_end = 0
    for q in found:
        assert 0 <= q.start < q.end <= len(text)
        assert q.start >= previous_end  # sorted, non-overlapping
        previous_end = q.end
        assert q.text == text[q.start : q.end] and q.text.strip()
        assert q.kind in KINDS
        if q.kind == "date":
            assert q.date is not None and q.value is None
        else:
            assert q.date is None and q.value is not None


@settings(max_examples=300, deadline=None)
@given(news_like())
def test_random_text_spans_are_sound(text: str) -> None:
    check_invariants(text, extract_quantities(text))


def meaning(found: tuple[Quantity, ...]) -> list[tuple]:
    return [(q.kind, q.value, q.date, q.unit, q.qualifier, q.ordinal, fold(q.text)) for q in found]


@settings(max_examples=200, deadline=None)
@given(news_like(), st.data())
def test_diacritics_change_spans_not_meaning(text: str, data: st.DataObject) -> None:
    marked = diacritise(text, data)
    found = extract_quantities(marked)
    check_invariants(marked, found)
    assert meaning(found) == meaning(extract_quantities(text))


@settings(max_examples=200, deadline=None)
@given(news_like())
def test_identity_offsets_agree_with_fold_with_map(text: str) -> None:
    # Texts without diacritics skip the offset map; forcing the map must change nothing.
    fast = extract_quantities(text)
    with mock.patch.object(quantities, "_NOT_ONE_TO_ONE_RE", re.compile("")):
        slow = extract_quantities(text)
    assert fast == slow


def test_no_regex_compiled_per_call() -> None:
    text = "في 31 كانون الأول 2021 انسحب أكثر من 2100 جندي، أي ستين بالمئة من القوات"
    with (
        mock.patch.object(re, "compile", side_effect=AssertionError("compiled per call")),
        mock.patch.object(re, "_compile", side_effect=AssertionError("compiled per call")),
    ):
        found = extract_quantities(text)
    assert [q.kind for q in found] == ["date", "number", "percent"]


# --------------------------------------------------------------------------------------------
# Records and their summary
# --------------------------------------------------------------------------------------------


def test_quantity_record() -> None:
    q = Quantity(kind="number", start=0, end=4, text="2100", value=2100.0, qualifier="about")
    assert q.approx
    assert not dataclasses.replace(q, qualifier="").approx
    with pytest.raises(dataclasses.FrozenInstanceError):
        q.value = 1.0  # type: ignore[misc]
    with pytest.raises(ValueError):
        Quantity(kind="year", start=0, end=4, text="2021")
    with pytest.raises(ValueError):
        Quantity(kind="number", start=0, end=4, text="2100", qualifier="roughly")


def test_quantity_summary_for_json() -> None:
    text = "في 31 كانون الأول 2021 انسحب أكثر من 2100 جندي، أي 60% من القوات"

    def span(wording: str) -> dict:
        start = text.index(wording)
        return {"text": wording, "start": start, "end": start + len(wording)}

    assert quantity_summary_of(extract_quantities(text)) == [
        {"kind": "date", **span("31 كانون الأول 2021"), "date": "2021-12-31"},
        {"kind": "number", **span("2100"), "value": 2100.0, "unit": "جندي"},
        {"kind": "percent", **span("60%"), "value": 60.0, "unit": "قوات"},
    ]
    assert quantity_summary_of(()) == []


# --------------------------------------------------------------------------------------------
# The package's shape: public names between modules, small modules
# --------------------------------------------------------------------------------------------

FIGURES = Path(factcheck.figures.__file__).parent


@pytest.mark.parametrize("path", sorted(FIGURES.glob("*.py")), ids=lambda p: p.name)
def test_figures_modules_share_only_public_names(path: Path) -> None:
    private = [
        f"{node.module}.{alias.name}"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("factcheck")
        for alias in node.names
        if alias.name.startswith("_")
    ]
    assert not private, f"{path.name} imports private names: {private}"


@pytest.mark.parametrize("path", sorted(FIGURES.glob("*.py")), ids=lambda p: p.name)
def test_figures_modules_stay_small(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 500
