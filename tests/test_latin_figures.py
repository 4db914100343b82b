"""Figures in English and French text (the Latin-script reader, ``factcheck.figures.latin*``):
dates in every common order, percentages, hedges, counts with their unit, what is no figure,
spans into the original, comparison with Arabic figures, and Arabic output left as it was."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import factcheck
from factcheck.figures import date_role, extract_quantities, figures_agree
from factcheck.figures.latin_text import latin_script
from factcheck.figures.latin_words import LATIN_WORDS, latin_key
from factcheck.records import KINDS, Quantity
from factcheck.text.arabic import fold
from factcheck.text.vocabulary import LATIN_MONTHS, MONTHS_EN, MONTHS_FR, folded_set


def only(text: str, kind: str | None = None) -> Quantity:
    """The single figure (of ``kind``, when given) of ``text``, checking its span."""
    found = [q for q in extract_quantities(text) if kind is None or q.kind == kind]
    assert len(found) == 1, [(q.kind, q.value, q.date, q.text) for q in extract_quantities(text)]
    q = found[0]
    assert text[q.start : q.end] == q.text
    return q


# ---- Dates ---------------------------------------------------------------------------------------

DATES = [
    ("the withdrawal must end by December 31, 2021", "2021-12-31", "December 31, 2021"),
    ("by December 31 2021", "2021-12-31", "December 31 2021"),
    ("on 31 December 2021", "2021-12-31", "31 December 2021"),
    ("on Dec. 31", "--12-31", "Dec. 31"),
    ("on Dec 31, 2021", "2021-12-31", "Dec 31, 2021"),
    ("on 31 Dec. 2021", "2021-12-31", "31 Dec. 2021"),
    ("by December 31st, 2021", "2021-12-31", "December 31st, 2021"),
    ("on the 31st of December", "--12-31", "31st of December"),
    ("on Friday, December 31", "--12-31", "December 31"),
    ("in September 2014", "2014-09", "September 2014"),
    ("in early January 2020", "2020-01", "January 2020"),
    ("elections next December", "--12", "December"),
    ("in May", "--05", "May"),
    ("since 2014", "2014", "2014"),
    ("by the end of 2021", "2021", "2021"),
    ("in mid-2021", "2021", "2021"),
    ("the deadline is 31/12/2021", "2021-12-31", "31/12/2021"),
    ("the deadline is 2021-12-31", "2021-12-31", "2021-12-31"),
    ("the deadline is 12/31/2021", "2021-12-31", "12/31/2021"),
    ("le 31 décembre 2021", "2021-12-31", "31 décembre 2021"),
    ("le 31 decembre 2021", "2021-12-31", "31 decembre 2021"),
    ("le 1er janvier", "--01-01", "1er janvier"),
    ("le premier janvier 2022", "2022-01-01", "premier janvier 2022"),
    ("le 30 novembre 2021", "2021-11-30", "30 novembre 2021"),
    ("en décembre dernier", "--12", "décembre dernier"),
    ("en mars", "--03", "mars"),
    ("le 3 févr. 2020", "2020-02-03", "3 févr. 2020"),
    ("depuis 2003", "2003", "2003"),
    ("d'ici fin 2021", "2021", "2021"),
    ("le 31.12.2021", "2021-12-31", "31.12.2021"),
    ("LE 31 DÉCEMBRE 2021", "2021-12-31", "31 DÉCEMBRE 2021"),
]


@pytest.mark.parametrize(("text", "iso", "span"), DATES)
def test_dates(text: str, iso: str, span: str) -> None:
    q = only(text, "date")
    assert (str(q.date), q.text, q.value) == (iso, span, None)


YEAR_SPANS = [
    ("between 2014 and 2017", ["2014", "2017"]),
    ("from 2014 to 2017", ["2014", "2017"]),
    ("over the 2014-2017 period", ["2014", "2017"]),
    ("de 2014 à 2017", ["2014", "2017"]),
    ("entre 2014 et 2017", ["2014", "2017"]),
]


@pytest.mark.parametrize(("text", "years"), YEAR_SPANS)
def test_spans_of_years(text: str, years: list[str]) -> None:
    found = extract_quantities(text)
    assert [(q.kind, str(q.date), q.text) for q in found] == [("date", y, y) for y in years]


# ---- Percentages ---------------------------------------------------------------------------------

PERCENTS = [
    ("Iraq cut foreign troops by 60%", 60, "60%", ""),
    ("a cut of 60 %", 60, "60 %", ""),
    ("a cut of 60\u202f%", 60, "60\u202f%", ""),
    ("a cut of 60 percent", 60, "60 percent", ""),
    ("a cut of 60 per cent", 60, "60 per cent", ""),
    ("a cut of sixty percent", 60, "sixty percent", ""),
    ("a cut of 60 pct", 60, "60 pct", ""),
    ("une baisse de 60 pour cent", 60, "60 pour cent", ""),
    ("une baisse de 60 %", 60, "60 %", ""),
    ("une baisse de 2,5 %", 2.5, "2,5 %", ""),
    ("a rise of 2.5%", 2.5, "2.5%", ""),
    ("60% of the troops", 60, "60%", "troops"),
    ("sixty percent of foreign troops", 60, "sixty percent", "troops"),
    ("60 % des soldats", 60, "60 %", "soldats"),
    ("60 % de la population", 60, "60 %", "population"),
]


@pytest.mark.parametrize(("text", "value", "span", "unit"), PERCENTS)
def test_percentages(text: str, value: float, span: str, unit: str) -> None:
    q = only(text)
    assert (q.kind, q.value, q.text, q.unit) == ("percent", value, span, unit)


def test_range_of_percentages() -> None:
    found = extract_quantities("a budget deficit of 9.5-9.7 percent")
    assert [(q.kind, q.value, q.text) for q in found] == [
        ("percent", 9.5, "9.5"),
        ("percent", 9.7, "9.7 percent"),
    ]


# ---- Hedges --------------------------------------------------------------------------------------

HEDGES = [
    ("more than 60 percent", 60, "more_than"),
    ("More than 2,100 shipments", 2100, "more_than"),
    ("over 2,000 people", 2000, "more_than"),
    ("above 50%", 50, "more_than"),
    ("at least 300 people", 300, "more_than"),
    ("300 people at least", 300, "more_than"),
    ("300 soldiers or more", 300, "more_than"),
    ("300+ soldiers", 300, "more_than"),
    ("no fewer than 300 soldiers", 300, "more_than"),
    ("nearly 2,100 shipments", 2100, "about"),
    ("almost 60%", 60, "about"),
    ("about 5,000 troops", 5000, "about"),
    ("around 5,000 troops", 5000, "about"),
    ("roughly 5,000 troops", 5000, "about"),
    ("approximately 5,000 troops", 5000, "about"),
    ("some 5,000 troops", 5000, "about"),
    ("5,000 troops or so", 5000, "about"),
    ("up to 300 soldiers", 300, "less_than"),
    ("less than 40%", 40, "less_than"),
    ("under 40%", 40, "less_than"),
    ("fewer than 300 soldiers", 300, "less_than"),
    ("no more than 300 soldiers", 300, "less_than"),
    ("plus de 2 100 soldats", 2100, "more_than"),
    ("plus d'un million de personnes", 1e6, "more_than"),
    ("au moins 300 morts", 300, "more_than"),
    ("300 morts au moins", 300, "more_than"),
    ("près de 60 % des soldats", 60, "about"),
    ("environ 300 soldats", 300, "about"),
    ("d'environ 300 soldats", 300, "about"),
    ("quelque 300 soldats", 300, "about"),
    ("jusqu'à 300 soldats", 300, "less_than"),
    ("jusqu’à 300 soldats", 300, "less_than"),
    ("moins de 40 %", 40, "less_than"),
    ("300 soldiers", 300, ""),
    ("over 10 years", 10, ""),  # during them
]


@pytest.mark.parametrize(("text", "value", "bound"), HEDGES)
def test_hedges(text: str, value: float, bound: str) -> None:
    q = only(text)
    assert (q.value, q.qualifier, q.approx) == (value, bound, bound != "")


# ---- Counts and their units ----------------------------------------------------------------------

COUNTS = [
    ("2,100 shipments", 2100, "2,100", "shipments"),
    ("2.100 soldats", 2100, "2.100", "soldats"),
    ("2 100 soldats", 2100, "2 100", "soldats"),
    ("2\u00a0100 soldats", 2100, "2\u00a0100", "soldats"),
    ("2\u202f100 soldats", 2100, "2\u202f100", "soldats"),
    ("1,500,000 barrels", 1.5e6, "1,500,000", "barrels"),
    ("1.500.000 barils", 1.5e6, "1.500.000", "barils"),
    ("3.5 million barrels", 3.5e6, "3.5 million", "barrels"),
    ("2.5 million", 2.5e6, "2.5 million", ""),
    ("1,5 million de barils", 1.5e6, "1,5 million", "barils"),
    ("2 millions de barils", 2e6, "2 millions", "barils"),
    ("three soldiers killed", 3, "three", "soldiers"),
    ("twenty-five soldiers", 25, "twenty-five", "soldiers"),
    ("one hundred and twenty-five soldiers", 125, "one hundred and twenty-five", "soldiers"),
    ("three thousand two hundred soldiers", 3200, "three thousand two hundred", "soldiers"),
    ("a thousand soldiers", 1000, "a thousand", "soldiers"),
    ("a million and a half people", 1.5e6, "a million and a half", "people"),
    ("one and a half million people", 1.5e6, "one and a half million", "people"),
    ("half a million people", 5e5, "half a million", "people"),
    ("two and a half years", 2.5, "two and a half", "years"),
    ("a dozen soldiers", 12, "a dozen", "soldiers"),
    ("one soldier died", 1, "one", "soldier"),
    ("deux mille soldats", 2000, "deux mille", "soldats"),
    ("deux cent mille soldats", 2e5, "deux cent mille", "soldats"),
    ("mille cent soldats", 1100, "mille cent", "soldats"),
    ("trois cents soldats", 300, "trois cents", "soldats"),
    ("vingt et un morts", 21, "vingt et un", "morts"),
    ("dix-sept blessés", 17, "dix-sept", "blessés"),
    ("soixante et onze morts", 71, "soixante et onze", "morts"),
    ("soixante-douze morts", 72, "soixante-douze", "morts"),
    ("quatre-vingts soldats", 80, "quatre-vingts", "soldats"),
    ("quatre-vingt-dix soldats", 90, "quatre-vingt-dix", "soldats"),
    ("un million et demi de dollars", 1.5e6, "un million et demi", "dollars"),
    ("cent un soldats", 101, "cent un", "soldats"),
    ("2,100 new shipments", 2100, "2,100", "shipments"),
    ("2,100 US troops", 2100, "2,100", "troops"),
    ("8 Turkish soldiers", 8, "8", "soldiers"),
    ("2 100 nouveaux soldats", 2100, "2 100", "soldats"),
    ("a 10-day truce", 10, "10", "day"),
    ("$2.5 billion in aid", 2.5e9, "$2.5 billion", "dollars"),
    ("5 € par jour", 5, "5 €", "euros"),
    ("10km of road", 10, "10", "km"),
    ("3 Palestinians killed", 3, "3", "palestinians"),
]


@pytest.mark.parametrize(("text", "value", "span", "unit"), COUNTS)
def test_counts(text: str, value: float, span: str, unit: str) -> None:
    q = only(text)
    assert (q.kind, q.value, q.text, q.unit, q.ordinal) == ("number", value, span, unit, False)


def test_number_conventions_follow_the_language() -> None:
    # «,» groups thousands in English and is the decimal sign in French; «.» the other way.
    assert only("2,100 soldiers were deployed").value == 2100
    assert only("2,5 millions de soldats").value == 2.5e6
    assert only("une hausse de 2,100 points").value == 2.1
    assert only("a 2.100 point rise").value == 2.1
    assert only("2.100 soldats").value == 2100


# ---- What is no figure ---------------------------------------------------------------------------

NOTHING = [
    "",
    "the third time",
    "for the 3rd time",
    "its 27th anniversary",
    "la 2e fois",
    "COVID-19",
    "COVID-19 cases rose",
    "Boeing 737",
    "Boeing 737-800 jets",
    "an Airbus A320",
    "F-16 jets and S-400 missiles",
    "5G networks",
    "flight MH17",
    "the G20 summit",
    "Resolution 2254",
    "UN resolution 2254",
    "No. 5",
    "n° 5",
    "call +1 202 555 0143",
    "call (202) 555-0143",
    "call 202-555-0143",
    "tel. 07701234567",
    "appelez le 01 23 45 67 89",
    "id 123456789",
    "at 10 a.m.",
    "at 10am",
    "at 14:30",
    "à 14h30",
    "the 1990s",
    "thousands of protesters",
    "millions of dollars",
    "des milliers de manifestants",
    "des dizaines de morts",
    "two-thirds of the troops",
    "half of the troops",
    "one of them",
    "no one knows",
    "un accord de paix",
    "un bâtiment neuf",
    "troops may leave",
    "the march on Washington",
    "see https://example.com/2021/12/31/report-60 now",
    "write to desk2021@example.org",
]


@pytest.mark.parametrize("text", NOTHING)
def test_no_figure(text: str) -> None:
    assert extract_quantities(text) == ()


# ---- Several figures; spans index the original text ----------------------------------------------

MULTI = [
    (
        "By December 31, 2021, more than 2,100 shipments — 60% of the total — had left.",
        [
            ("date", "2021-12-31", "December 31, 2021", ""),
            ("number", 2100.0, "2,100", "more_than"),
            ("percent", 60.0, "60%", ""),
        ],
    ),
    (
        "Le 31\u00a0décembre\u00a02021, plus de 2\u202f100 soldats, soit 60\u202f% des troupes.",
        [
            ("date", "2021-12-31", "31\u00a0décembre\u00a02021", ""),
            ("number", 2100.0, "2\u202f100", "more_than"),
            ("percent", 60.0, "60\u202f%", ""),
        ],
    ),
    (
        "The coalition’s \u200f2,100\u200f shipments, Dec. 31",
        [("number", 2100.0, "2,100", ""), ("date", "--12-31", "Dec. 31", "")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), MULTI)
def test_several_figures_with_original_spans(text: str, expected: list[tuple]) -> None:
    found = extract_quantities(text)
    for q in found:
        assert text[q.start : q.end] == q.text
    got = [(q.kind, str(q.date) if q.date else q.value, q.text, q.qualifier) for q in found]
    assert got == expected


def test_units_are_folded_words() -> None:
    assert only("2,100 SHIPMENTS").unit == "shipments"
    assert only("300 Soldats blessés").unit == "soldats"
    assert only("l'armée a perdu 300 hommes d'élite").unit == "hommes"


# ---- Properties: spans are the original's wording for any text -----------------------------------

PIECES = (
    "more than|over|at least|nearly|about|up to|less than|plus de|au moins|près de|environ|"
    "jusqu'à|jusqu’à|moins de|percent|per cent|pour cent|%|December|Dec|Dec.|May|may|March|"
    "décembre|janvier|mars|1er|31st|of|the|in|since|by|from|to|between|and|et|de|le|la|one|two|"
    "three|twenty|-|five|hundred|thousand|million|billion|a|an|half|dozen|deux|mille|cent|vingt|"
    "quatre|dix|sept|onze|un|une|demi|neuf|2,100|2.100|2 100|1,5|2.5|31|2021|2014|0143|+1|"
    "(202)|555-0143|COVID|-19|F|16|Boeing|737|$|€|+|,|.|:|/|31/12/2021|2021-12-31|14:30|10|am|"
    "a.m.|soldiers|soldats|shipments|troops|US|Iraqi|new|autres|https://x.com/2021/12|٣١|٪|٢١٠٠|"
    "شحنة|أكثر من"
).split("|")
SEPARATORS = [" ", " ", " ", "", "\n", "\u00a0", "\u202f", "\u200f", "-"]


@st.composite
def latin_news(draw: st.DrawFn) -> str:
    pieces = draw(st.lists(st.sampled_from(PIECES), max_size=30))
    return "".join(p + draw(st.sampled_from(SEPARATORS)) for p in pieces)


@settings(max_examples=400, deadline=None)
@given(latin_news())
def test_latin_spans_are_the_original_wording(text: str) -> None:
    previous_end = 0
    for q in extract_quantities(text):
        assert q.text == text[q.start : q.end] and q.text.strip()
        assert previous_end <= q.start < q.end <= len(text)  # sorted, not overlapping
        previous_end = q.end
        assert q.kind in KINDS
        assert (q.date is not None) == (q.kind == "date") and (q.value is None) == (
            q.kind == "date"
        )


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=80))
def test_spans_are_the_original_wording_for_any_text(text: str) -> None:
    for q in extract_quantities(text):
        assert q.text == text[q.start : q.end]
        assert 0 <= q.start < q.end <= len(text)


def test_no_regex_compiled_per_call() -> None:
    text = "By December 31, 2021, more than 2,100 shipments (sixty percent) left, Jan. 1"
    with (
        mock.patch.object(re, "compile", side_effect=AssertionError("compiled per call")),
        mock.patch.object(re, "_compile", side_effect=AssertionError("compiled per call")),
    ):
        found = extract_quantities(text)
    assert [q.kind for q in found] == ["date", "number", "percent", "date"]


# ---- Across languages: figures, dates and their roles compare with Arabic ones -------------------

AGREE = [
    ("أكثر من 2100 شحنة", "2,500 shipments", True),
    ("أكثر من 2100 شحنة", "more than 2,100 shipments", True),
    ("أكثر من 2100 شحنة", "5,000 shipments", False),
    ("أكثر من ٢١٠٠ شحنة", "plus de 2 100 envois", True),
    ("بنسبة 60%", "sixty percent", True),
    ("بنسبة ٦٠٪", "by 40%", False),
    ("نحو 5000 جندي", "around 5,000 troops", True),
    ("31 كانون الأول 2021", "by December 31, 2021", True),
    ("31 كانون الأول 2021", "le 31 décembre 2021", True),
    ("31 كانون الأول 2021", "on November 30, 2021", False),
    ("في أيلول 2014", "in September 2014", True),
]


@pytest.mark.parametrize(("arabic", "latin", "agree"), AGREE)
def test_figures_agree_across_languages(arabic: str, latin: str, agree: bool) -> None:
    a = only(arabic)
    b = only(latin)
    assert a.kind == b.kind
    assert figures_agree(a, b) is agree
    assert figures_agree(b, a) is agree
    # Unit matching across languages is the engine's job: the records keep each its own word.
    assert a.unit != b.unit or not a.unit


ROLES = [
    ("the withdrawal must end by December 31, 2021", "deadline"),
    ("no combat troops in Iraq by the end of 2021", "deadline"),
    ("troops stay until 31 December 2021", "deadline"),
    ("le retrait doit être achevé d'ici le 31 décembre 2021", "deadline"),
    ("les troupes resteront jusqu'au 31 décembre 2021", "deadline"),
    ("avant le 31 décembre 2021", "deadline"),
    ("the coalition has been in Iraq since 2014", "since"),
    ("présente depuis le 1er janvier 2015", "since"),
    ("after December 31, 2021", "after"),
    ("the talks were held on 26 July 2021", "at"),
    ("annoncé le 26 juillet 2021", "at"),
]


@pytest.mark.parametrize(("text", "role"), ROLES)
def test_date_roles_in_english_and_french(text: str, role: str) -> None:
    assert date_role(text, only(text, "date")) == role


# ---- Arabic text: exactly the output it had before the Latin-script reader -----------------------

SAMPLE = Path(factcheck.__file__).parent / "data" / "sample"
SAMPLE_DIGEST = "79eb1326d9a2af69566fc291b5b68d80640211da2aba4e4da5b1337a940abecf"
"""sha256 of every figure of the sample corpus (each file whole and line by line), computed with
the parser as it was before the Latin-script reader (commit cb359ab)."""


def _rest(q: Quantity) -> tuple:
    return q.unit, q.qualifier, q.ordinal


def test_arabic_sample_corpus_reads_as_before() -> None:
    texts: list[str] = []
    for path in sorted(SAMPLE.glob("*.txt")):
        whole = path.read_text(encoding="utf-8")
        texts += [whole, *whole.splitlines()]
    rows = [
        [
            [q.kind, q.start, q.end, q.text, q.value, q.date and str(q.date), *_rest(q)]
            for q in extract_quantities(t)
        ]
        for t in texts
    ]
    assert (len(texts), sum(map(len, rows))) == (186, 86)
    blob = json.dumps(rows, ensure_ascii=False, sort_keys=True).encode()
    assert hashlib.sha256(blob).hexdigest() == SAMPLE_DIGEST


MIXED = [
    ("خفض العراق القوات الأجنبية بنسبة 60% بحسب Reuters", False, [(60.0, "60%")]),
    ("طائرات F-16 وأكثر من 2100 شحنة", False, [(2100.0, "2100")]),
    ("وكالة (AP) في 31 كانون الأول 2021", False, [("2021-12-31", "31 كانون الأول 2021")]),
    # mostly Latin: the Latin reader reads it, the quoted Arabic figure too
    (
        "Iraq says «أكثر من 2100 شحنة» left by Dec. 31",
        True,
        [(2100, "2100"), ("--12-31", "Dec. 31")],
    ),
]


@pytest.mark.parametrize(("text", "latin", "expected"), MIXED)
def test_mixed_text(text: str, latin: bool, expected: list[tuple]) -> None:
    assert latin_script(fold(text)) is latin
    found = extract_quantities(text)
    assert all(text[q.start : q.end] == q.text for q in found)
    assert [(str(q.date) if q.date else q.value, q.text) for q in found] == expected


# ---- Vocabulary ----------------------------------------------------------------------------------


def test_month_tables() -> None:
    assert sorted(MONTHS_EN) == sorted(MONTHS_FR) == list(range(1, 13))
    old_list = folded_set(
        "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june "
        "july august september october november december"
    )
    assert old_list == LATIN_MONTHS  # derived from MONTHS_EN now, the same words as before
    for lang, table in (("en", MONTHS_EN), ("fr", MONTHS_FR)):
        for month, names in table.items():
            for name in names:
                assert LATIN_WORDS[lang].months[latin_key(name)][0] == month
    assert latin_key("Décembre") == latin_key("DECEMBRE") == "decembre"
    assert latin_key("d'") == "de" and latin_key("jusqu'") == "jusque"
