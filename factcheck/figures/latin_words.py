"""The words of Latin-script figures: English and French number words, hedges, percent and date
words, and the words that are never the noun a figure counts.

The vocabulary half of the Latin-script reader (:mod:`factcheck.figures.latin` is the grammar),
kept apart as :mod:`factcheck.figures.numerals` is for Arabic. Every entry is stored under its
*key* (:func:`latin_key`): lower case, accents dropped, an elided article or preposition written
out («d'» -> ``de``, «jusqu'» -> ``jusque``), so "Décembre", "decembre" and "DÉCEMBRE" are one
look-up, and so are «plus d'un million» and «plus de 2 000». Phrases are written as they read,
each word keyed on its own. Month names come from :mod:`factcheck.text.vocabulary`
(:data:`~factcheck.text.vocabulary.MONTHS_EN`, :data:`~factcheck.text.vocabulary.MONTHS_FR`),
their one home.

:data:`LATIN_WORDS` holds one :class:`LatinWords` per language (``"en"``, ``"fr"``): the same
words read differently in each («sept» is seven in French and September in English, «2.100» is
2100 in French and 2.1 in English), so a text is read with one language's table
(:func:`factcheck.figures.latin_text.guess_language`).

Why keys and not only :func:`~factcheck.text.arabic.fold` (the house's matching form, which
lower-cases Latin letters but keeps their accents): editors type «décembre», «decembre» and
«DÉCEMBRE» alike, and French elides articles into the next word, so the key also drops accents
and writes elisions out. Why hand-written: the packages that read number words and dates
(measured in :mod:`factcheck.figures.latin`) keep their word lists inside, with no hedges, no
French percent words and none of the rules here.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import NamedTuple

from factcheck.text.vocabulary import MONTHS_EN, MONTHS_FR

__all__ = [
    "LATIN_WORDS",
    "LatinWords",
    "cue_words",
    "figure_words",
    "keys",
    "latin_key",
    "phrases",
]

_DROP_MARKS = dict.fromkeys(range(0x300, 0x370))  # combining accents, after NFKD
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss"})


@lru_cache(maxsize=1 << 16)
def latin_key(word: str) -> str:
    """The look-up form of a Latin-script word: lower case, no accents, an elision written out
    («Décembre» -> ``decembre``, «d'» -> ``de``, «jusqu'» -> ``jusque``, «l'» -> ``le``)."""
    w = unicodedata.normalize("NFKD", word.lower().translate(_LIGATURES)).translate(_DROP_MARKS)
    return w[:-1] + "e" if w.endswith("'") else w


def keys(words: str) -> frozenset[str]:
    """The keys of a space-separated word list."""
    return frozenset(latin_key(w) for w in words.split())


def phrases(text: str, bound: str) -> dict[tuple[str, ...], str]:
    """``|``-separated phrases (words separated by spaces, a hyphen written as its own word)
    -> ``bound``, each phrase as the tuple of its words' keys."""
    return {tuple(latin_key(w) for w in p.split()): bound for p in text.split("|")}


class LatinWords(NamedTuple):
    """The words one language writes figures with, by key (:func:`latin_key`)."""

    numbers: dict[str, tuple[str, float]]
    """Number word -> (category, value). Categories: ``unit`` (0-9), ``ten`` (French «dix»),
    ``teen`` (10/11-19), ``tens`` (20-90), ``hund``, ``scale`` (thousand, million ...),
    ``scalep`` (their plurals: only after a number, «2 millions»; alone they are vague,
    "thousands of"), ``dozen``, ``article`` ("a", «un» before a scale), ``half``."""
    alone_needs_noun: frozenset[str]
    """Number words that only count alone with a noun after them ("one soldier"; «neuf» is
    also "new")."""
    joiner: str
    """The word that joins number words: "one hundred *and* five", «vingt *et* un»."""
    decimal_comma: bool
    """French writes 2,5 for 2.5 and 2.100 (or 2 100) for 2100; English the other way."""
    months: dict[str, tuple[int, bool]]
    """Month name or abbreviation -> (month, weak). A weak one ("May", "March", «mars», every
    abbreviation) is also an ordinary word: a date only with a day, a year or a cue word."""
    capital_months: bool
    """English writes month names with a capital, so a lower-case weak one is the ordinary
    word ("troops may leave"); French writes them in lower case."""
    day_suffixes: frozenset[str]
    """What an ordinal day number carries: "31st", «1er»."""
    day_words: dict[str, int]
    """Day words before a month: «premier janvier»."""
    month_cues: frozenset[str]
    """Words before a month name that make it a month: "in May", «en mars»."""
    relative_after: frozenset[str]
    """Words after a month that place it relative to now and belong to its wording:
    «décembre dernier»."""
    year_leads: frozenset[str]
    """Words before a four-digit number that make it a year: "in 2014", «depuis 2003»."""
    range_from: frozenset[str]
    """Words that open a span of years: "from 2014 to 2017", «entre 2014 et 2017»."""
    range_to: frozenset[str]
    """Words between the two years of a span."""
    time_nouns: frozenset[str]
    """Nouns after a number that make it a duration, not a year: "before 2000 years"."""
    percent: frozenset[tuple[str, ...]]
    """Words after a number that make it a percentage: "percent", "per cent", «pour cent»."""
    hedges_before: dict[tuple[str, ...], str]
    """Phrases before a figure -> the bound they put on it ("more than" -> ``more_than``)."""
    hedges_after: dict[tuple[str, ...], str]
    """Phrases after a figure (or the noun it counts) -> its bound ("or more")."""
    of_words: frozenset[str]
    """The words between a percentage or a scale and what it counts: "60% *of* the troops",
    «2 millions *de* barils»."""
    determiners: frozenset[str]
    """Articles and possessives skipped before the counted noun: "60% of *the* troops"."""
    modifiers: frozenset[str]
    """Adjectives skipped before the counted noun: "2,100 *new* shipments"."""
    labels: frozenset[str]
    """Words that make the number after them a label, counting nothing: "Resolution 2254"."""
    fractions: frozenset[str]
    """Fraction words: "two-thirds", "one quarter" are no count of two or one (fractions are
    not read)."""
    not_after_alone: frozenset[str]
    """Words before a lone "one" that make it a pronoun: "no one", "the one"."""
    not_units: frozenset[str]
    """Words that are never the counted noun (function words, hedges, number and date
    words)."""
    cues: frozenset[str]
    """Frequent words of the language, to tell the two apart (with its number, month and
    hedge words that the other language does not share: :func:`cue_words`)."""


_WRITTEN: set[str] = set()  # number and month words as written (accents kept), lower case


def _months(table: dict[int, tuple[str, ...]], weak_names: str) -> dict[str, tuple[int, bool]]:
    weak = keys(weak_names)
    out: dict[str, tuple[int, bool]] = {}
    for month, names in table.items():
        for i, name in enumerate(names):
            key = latin_key(name)
            out[key] = (month, i > 0 or key in weak)  # abbreviations are weak
            _WRITTEN.add(name.lower())
    return out


def _numbers(**by_category: str) -> dict[str, tuple[str, float]]:
    """``category="word:value word:value ..."`` -> key -> (category, value)."""
    out: dict[str, tuple[str, float]] = {}
    for cat, items in by_category.items():
        for item in items.split():
            word, value = item.split(":")
            out[latin_key(word)] = (cat, float(value))
            _WRITTEN.add(word)
    return out


_EN_FUNCTION = (
    "the a an of and or but to in on at by for with from as into onto over under than that "
    "this these those it its their his her our your my we they he she you i them us him who "
    "whom which what when where while was were is are be been being has have had do does did "
    "will would shall should can could may might must not no nor so if then also only just "
    "about around after before since until till during per each every all some any both such "
    "other more most less least many much few several another there here up down out off "
    "said says say according including among between against without within via amid"
)
_FR_FUNCTION = (
    "le la les l' un une des du de d' au aux et ou mais que qu' qui dont ou à a en dans par "
    "pour sur sous avec sans chez vers entre contre depuis pendant avant après selon ce cet "
    "cette ces son sa ses leur leurs notre nos votre vos mon ma mes il elle ils elles on nous "
    "vous je tu se s' ne n' pas plus moins très tout tous toute toutes est sont été être ont "
    "avait était sera fait y ainsi aussi dont lors comme si"
)
_EN_NUMBERS = _numbers(
    unit="zero:0 one:1 two:2 three:3 four:4 five:5 six:6 seven:7 eight:8 nine:9",
    teen="ten:10 eleven:11 twelve:12 thirteen:13 fourteen:14 fifteen:15 sixteen:16 "
    "seventeen:17 eighteen:18 nineteen:19",
    tens="twenty:20 thirty:30 forty:40 fifty:50 sixty:60 seventy:70 eighty:80 ninety:90",
    hund="hundred:100",
    scale="thousand:1e3 million:1e6 billion:1e9 trillion:1e12 bn:1e9",
    scalep="hundreds:100 thousands:1e3 millions:1e6 billions:1e9 trillions:1e12",
    dozen="dozen:12",
    article="a:1 an:1",
    half="half:0.5",
)
_FR_NUMBERS = _numbers(
    unit="zéro:0 deux:2 trois:3 quatre:4 cinq:5 six:6 sept:7 huit:8 neuf:9",
    ten="dix:10",
    teen="onze:11 douze:12 treize:13 quatorze:14 quinze:15 seize:16",
    tens="vingt:20 vingts:20 trente:30 quarante:40 cinquante:50 soixante:60 septante:70 "
    "huitante:80 octante:80 nonante:90",
    hund="cent:100 cents:100",
    scale="mille:1e3 million:1e6 milliard:1e9 billion:1e12",
    scalep="millions:1e6 milliards:1e9 billions:1e12",
    article="un:1 une:1",
    half="demi:0.5 demie:0.5",
)
_EN_HEDGES_BEFORE = {
    **phrases(
        "more than|over|above|at least|upwards of|in excess of|well over|just over|"
        "no fewer than|no less than|not less than|a minimum of|exceeding|greater than|"
        "higher than|north of|beyond",
        "more_than",
    ),
    **phrases(
        "less than|fewer than|under|below|up to|at most|no more than|not more than|"
        "just under|well under|a maximum of|lower than|as much as|as many as",
        "less_than",
    ),
    **phrases(
        "about|around|roughly|approximately|approx|approx .|some|nearly|almost|close to|"
        "an estimated|estimated|circa|ca .|as few as|~",
        "about",
    ),
}
_FR_HEDGES_BEFORE = {
    **phrases(
        "plus de|au moins|pas moins de|au - delà de|au delà de|un peu plus de|bien plus de|"
        "supérieur à|supérieure à|supérieurs à|supérieures à|dépassant|au minimum|minimum",
        "more_than",
    ),
    **phrases(
        "moins de|jusqu' à|pas plus de|au plus|au maximum|tout au plus|un peu moins de|"
        "inférieur à|inférieure à|inférieurs à|inférieures à|maximum|en dessous de",
        "less_than",
    ),
    **phrases(
        "près de|environ|quelque|quelques|à peu près|approximativement|autour de|presque|"
        "quasiment|de l' ordre de|aux alentours de|pratiquement|~",
        "about",
    ),
}

LATIN_WORDS: dict[str, LatinWords] = {
    "en": LatinWords(
        numbers=_EN_NUMBERS,
        alone_needs_noun=keys("one"),
        joiner="and",
        decimal_comma=False,
        months=_months(MONTHS_EN, "may march"),
        capital_months=True,
        day_suffixes=keys("st nd rd th"),
        day_words={},
        month_cues=keys(
            "in since by until till before after during from through of early late mid last "
            "next this end"
        ),
        relative_after=frozenset(),
        year_leads=keys(
            "in since by until till before after during from through throughout early late "
            "mid year fiscal"
        ),
        range_from=keys("from between"),
        range_to=keys("to and through until"),
        time_nouns=keys(
            "year years day days month months week weeks hour hours minute minutes decade "
            "decades century centuries"
        ),
        percent=frozenset({("percent",), ("per", "cent"), ("pct",), ("percentage",)}),
        hedges_before=_EN_HEDGES_BEFORE,
        hedges_after={
            **phrases("or more|and more|at least|or above|or over|and above|plus", "more_than"),
            **phrases("or less|or fewer|at most|or below|or under", "less_than"),
            **phrases("or so|or thereabouts|approximately|roughly", "about"),
        },
        of_words=keys("of"),
        determiners=keys("the its their his her our your all these those them"),
        modifiers=keys(
            "more other new additional extra further foreign local former total estimated fresh"
        ),
        labels=keys(
            "no number resolution article flight route chapter section paragraph page room "
            "model version highway track gate platform rule phase"
        ),
        fractions=keys(
            "half halves third thirds quarter quarters fifth fifths sixth sixths eighth "
            "eighths tenth tenths"
        ),
        not_after_alone=keys("no the any every each this that which anyone someone"),
        not_units=keys(_EN_FUNCTION)
        | frozenset(_EN_NUMBERS)
        | keys("percent pct percentage cent times")
        | keys("monday tuesday wednesday thursday friday saturday sunday"),
        cues=keys(
            "the of and to is was were are by that for with from has have had said than "
            "more will been its it be at as this which after people soldiers troops killed "
            "dead wounded injured years days months"
        ),
    ),
    "fr": LatinWords(
        numbers=_FR_NUMBERS,
        alone_needs_noun=keys("neuf"),
        joiner="et",
        decimal_comma=True,
        months=_months(MONTHS_FR, "mars"),
        capital_months=False,
        day_suffixes=keys("er re e eme ème"),
        day_words={"premier": 1},
        month_cues=keys("en depuis dès avant après fin début mi mois courant jusque ici de"),
        relative_after=keys("dernier prochain passé"),
        year_leads=keys(
            "en depuis dès avant après fin début mi courant année pendant durant vers ici jusque"
        ),
        range_from=keys("de entre depuis"),
        range_to=keys("à et"),
        time_nouns=keys("an ans année années jour jours mois semaine semaines heure heures"),
        percent=frozenset({("pour", "cent"), ("pourcent",), ("pourcents",)}),
        hedges_before=_FR_HEDGES_BEFORE,
        hedges_after={
            **phrases("au moins|au minimum|ou plus|et plus|minimum", "more_than"),
            **phrases("au plus|au maximum|ou moins|maximum", "less_than"),
            **phrases("environ|à peu près|approximativement", "about"),
        },
        of_words=keys("de d' des du"),
        determiners=keys("la le l' les ses leurs leur son sa ces cette ce nos notre"),
        modifiers=keys(
            "autres autre nouveaux nouvelles nouveau nouvelle premiers premières derniers "
            "dernières anciens anciennes jeunes"
        ),
        labels=keys(
            "numéro n résolution article vol route chapitre section paragraphe page salle "
            "modèle version loi décret"
        ),
        fractions=keys("demi demie moitié tiers quart quarts cinquième dixième"),
        not_after_alone=frozenset(),
        not_units=keys(_FR_FUNCTION)
        | frozenset(_FR_NUMBERS)
        | keys("pour cent pourcent fois")
        | keys("lundi mardi mercredi jeudi vendredi samedi dimanche"),
        cues=keys(
            "le la les des du de et est sont une pour par dans sur au aux que qui plus moins "
            "été ont en avec ce cette ses leurs personnes soldats troupes morts tués blessés "
            "ans jours mois années militaires habitants victimes"
        ),
    ),
}
"""One :class:`LatinWords` per language: ``"en"`` and ``"fr"``."""


def figure_words() -> frozenset[str]:
    """Every lower-case word that can open a figure in either language, as written and as a
    key (number words other than "a"/«un» and "half", which need a number word after them;
    month names; «premier»): a text with none of them and no digit has no figure."""
    openers = {"article", "half"}
    words = {
        k for w in LATIN_WORDS.values() for k, (cat, _) in w.numbers.items() if cat not in openers
    }
    for w in LATIN_WORDS.values():
        words.update(w.months, w.day_words)
    articles = {
        k for w in LATIN_WORDS.values() for k, (cat, _) in w.numbers.items() if cat in openers
    }
    return frozenset(words | (_WRITTEN - articles))


def _vocabulary(w: LatinWords) -> frozenset[str]:
    hedges = (k for phrase in (*w.hedges_before, *w.hedges_after) for k in phrase)
    percent = (k for phrase in w.percent for k in phrase)
    dates = (*w.months, *w.year_leads, *w.month_cues, *w.relative_after, *w.time_nouns)
    return frozenset((*w.numbers, *dates, *hedges, *percent, *w.modifiers, *w.cues))


def cue_words() -> dict[str, frozenset[str]]:
    """Language -> the words that tell it: its :attr:`LatinWords.cues` and its number, date,
    hedge, percent and adjective words that the other language does not share («deux»,
    «depuis», "thousand")."""
    en, fr = _vocabulary(LATIN_WORDS["en"]), _vocabulary(LATIN_WORDS["fr"])
    shared = en & fr | {"un"}  # "UN" is the United Nations in English
    return {
        lang: frozenset(k for k in words - shared if k.isalpha())
        for lang, words in (("en", en), ("fr", fr))
    }
