"""Shared vocabulary: month and weekday names, speech verbs, and the heading test.

Cleaning, segmentation, speakers, claims and the date parser all need to know these words; each
list lives here once, written in ordinary Arabic spelling and folded at import
(:func:`~factcheck.text.arabic.fold`), so the modules cannot drift apart. English and French
month names (:data:`MONTHS_EN`, :data:`MONTHS_FR`, for claims typed in those languages and for
English datelines) live here too, in their own spelling.

Why hand-written: no maintained package lists Arabic news month names across the Egyptian/Gulf
(يناير), Levantine/Iraqi (كانون الثاني، آب، أيار) and Maghrebi (جانفي، غشت) calendars, nor Arabic
reporting verbs; CLDR (through ``babel``) knows only one month name per month and locale. For
English and French it does know the names and abbreviations, but ``babel`` is not a run-time
dependency (only ``scripts/make_places.py`` uses it), and twelve names a language do not need
one.
"""

from __future__ import annotations

import re

from factcheck.text.arabic import fold

__all__ = [
    "APPEAL_VERBS",
    "HEADING_MAX_WORDS",
    "HIJRI_MONTHS",
    "HIJRI_TWO_WORD_MONTHS",
    "LATIN_MONTHS",
    "MONTHS",
    "MONTHS_ALSO_WORDS",
    "MONTHS_EN",
    "MONTHS_FR",
    "SPEECH_VERBS",
    "SPEECH_VERBS_PRESENT",
    "SPEECH_VERBS_RARE",
    "SPEECH_VERBS_WEAK",
    "TWO_WORD_MONTHS",
    "WEEKDAYS",
    "ends_sentence",
    "folded_set",
    "is_heading",
    "month_words",
    "past_forms",
    "reports_speech",
    "strip_conjunction",
]


def folded_set(text: str) -> frozenset[str]:
    """Fold a whitespace-separated word list (written in ordinary Arabic spelling)."""
    return frozenset(fold(w) for w in text.split())


# --- calendar --------------------------------------------------------------------------------

MONTHS: dict[int, tuple[str, ...]] = {
    1: ("يناير", "جانفي"),
    2: ("فبراير", "فيفري", "شباط"),
    3: ("آذار",),
    4: ("أبريل", "إبريل", "أفريل"),
    5: ("مايو", "أيار"),
    6: ("يونيو", "يونيه", "حزيران"),
    7: ("يوليو", "يوليه", "يوليوز", "جويلية"),
    8: ("أغسطس", "غشت"),
    9: ("سبتمبر", "شتنبر", "أيلول"),
    10: ("أكتوبر",),
    11: ("نوفمبر", "نونبر"),
    12: ("ديسمبر", "دجنبر"),
}
"""Gregorian month names (Egyptian/Gulf, Levantine/Iraqi, Maghrebi) that are nothing else."""

MONTHS_ALSO_WORDS: dict[int, tuple[str, ...]] = {
    3: ("مارس",),
    4: ("نيسان",),
    5: ("ماي",),
    6: ("جوان",),
    7: ("تموز",),
    8: ("أوت", "آب"),
}
"""Month names that are also ordinary words (مارس "practised", آب "father", نيسان the car maker,
تموز a name): a date only with a day, a year or a cue word around them."""

TWO_WORD_MONTHS: dict[str, dict[str, int]] = {
    "كانون": {"الأول": 12, "الثاني": 1},
    "تشرين": {"الأول": 10, "الثاني": 11},
}
"""Levantine months named by two words («كانون الأول» = December)."""

HIJRI_MONTHS: tuple[str, ...] = ("محرم", "صفر", "رجب", "شعبان", "رمضان", "شوال")
"""One-word Hijri months (the parser reads and sets Hijri dates aside)."""
HIJRI_TWO_WORD_MONTHS: dict[str, tuple[str, ...]] = {
    "ربيع": ("الأول", "الثاني", "الآخر"),
    "جمادى": ("الأولى", "الأول", "الثانية", "الثاني", "الآخرة", "الآخر"),
    "ذو": ("القعدة", "الحجة"),
    "ذي": ("القعدة", "الحجة"),
}
"""Two-word Hijri months: first word -> the second words it takes (ربيع الأول، ذو الحجة)."""

MONTHS_EN: dict[int, tuple[str, ...]] = {
    1: ("January", "Jan"),
    2: ("February", "Feb"),
    3: ("March", "Mar"),
    4: ("April", "Apr"),
    5: ("May",),
    6: ("June", "Jun"),
    7: ("July", "Jul"),
    8: ("August", "Aug"),
    9: ("September", "Sep", "Sept"),
    10: ("October", "Oct"),
    11: ("November", "Nov"),
    12: ("December", "Dec"),
}
"""English month names and their abbreviations (written without the dot: "Dec." is "Dec")."""

MONTHS_FR: dict[int, tuple[str, ...]] = {
    1: ("janvier", "janv"),
    2: ("février", "févr", "fév"),
    3: ("mars",),
    4: ("avril", "avr"),
    5: ("mai",),
    6: ("juin",),
    7: ("juillet", "juil"),
    8: ("août",),
    9: ("septembre", "sept"),
    10: ("octobre", "oct"),
    11: ("novembre", "nov"),
    12: ("décembre", "déc"),
}
"""French month names and their abbreviations, with their accents (readers that accept
"fevrier" or "decembre" drop accents on both sides)."""

LATIN_MONTHS: frozenset[str] = frozenset(
    fold(name) for names in MONTHS_EN.values() for name in names
)
"""English month names and abbreviations, folded (datelines of scraped pages)."""

WEEKDAYS: frozenset[str] = folded_set("السبت الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة")
"""Weekday names, folded."""


def month_words() -> frozenset[str]:
    """Every folded single word that names a Gregorian month or starts a two-word one."""
    names = [n for forms in (*MONTHS.values(), *MONTHS_ALSO_WORDS.values()) for n in forms]
    return frozenset(fold(w) for w in (*names, *TWO_WORD_MONTHS))


# --- speech ----------------------------------------------------------------------------------


def past_forms(verbs: str) -> frozenset[str]:
    """Past-tense forms: masculine, feminine, plural, dual; ى-final verbs (نفى، رأى) inflect
    on the stem (نفت، نفوا). Folded."""
    out: set[str] = set()
    for v in verbs.split():
        if v.endswith("ى"):
            stem = v[:-1]
            out.update((v, stem + "ت", stem + "وا", stem + "يا"))
        else:
            out.update((v, v + "ت", v + "وا", v + "ا", v + "تا"))
    return frozenset(fold(w) for w in out)


SPEECH_VERBS: frozenset[str] = past_forms(
    "قال أكد أعلن أوضح أضاف نفى صرح أفاد أشار زعم ادعى"
) | folded_set("يقول تقول يقولون")
"""Speech verbs that are rarely anything else: a passage with one reports speech."""

SPEECH_VERBS_WEAK: frozenset[str] = past_forms(
    "ذكر لفت تابع أردف كشف اعتبر شدد حذر نوه أورد أقر اعترف توقع رجح استدرك استطرد"
)
"""Past-tense speech verbs that double as nouns (تابع "affiliated", ذكر "mention", كشف "list"):
speech only at the start of a clause with a content clause after."""

SPEECH_VERBS_RARE: frozenset[str] = past_forms("بين رأى")
"""Speech verbs far more often something else (بين "between", رأي "opinion"): only a clause
reading (:mod:`factcheck.engine.speakers`) tells them; a line with one may still be a heading."""

SPEECH_VERBS_PRESENT: frozenset[str] = folded_set(
    "يؤكد تؤكد يؤكدون يعلن تعلن يوضح توضح يشير تشير يضيف تضيف ينفي تنفي يرى ترى يعتبر تعتبر "
    "يكشف تكشف يحذر تحذر يشدد تشدد يذكر تذكر يلفت تلفت يصرح تصرح يتابع تتابع يفيد تفيد يزعم "
    "تزعم يتوقع تتوقع"
)
"""Present-tense speech verbs (weak, like :data:`SPEECH_VERBS_WEAK`)."""

APPEAL_VERBS: frozenset[str] = past_forms("طالب دعا ناشد")
"""Verbs of calling on someone: not speech attribution, but a line with one is a sentence."""

_REPORTING = SPEECH_VERBS | SPEECH_VERBS_WEAK | SPEECH_VERBS_PRESENT | APPEAL_VERBS
_WORD_RE = re.compile(r"[^\W\d_]+")


def strip_conjunction(word: str, rest: int = 2) -> str:
    """A folded ``word`` without a leading conjunction و/ف («ولم» -> «لم») when more than
    ``rest`` letters remain, so short words that merely begin with و/ف («وقف») keep it."""
    return word[1:] if word[:1] in ("و", "ف") and len(word) > rest else word


def reports_speech(folded: str) -> bool:
    """True when a folded line has a reporting verb (قال، أكد، أعلن، دعا ...), with و/ف."""
    for w in _WORD_RE.findall(folded):
        if w in _REPORTING or (w[:1] in ("و", "ف") and w[1:] in _REPORTING):
            return True
    return False


_CLOSERS = "\"')]"


def ends_sentence(folded: str) -> bool:
    """True when a folded line ends like a sentence rather than a headline, label or caption.

    Sentence-final: ``. ! ?`` (folded from ؟ and ۔ too), possibly followed by closing quotes
    or brackets, or a closing quote (quoted speech). ``..`` and ``...`` (from …) are headline
    ellipses. (String methods, not a ``$``-anchored regex: that scans the whole line.)
    """
    core = folded.rstrip(_CLOSERS)
    if '"' in folded[len(core) :] or "'" in folded[len(core) :]:
        return True
    return core[-1:] in (".", "!", "?") and core[-2:-1] != "."


HEADING_MAX_WORDS = 10
"""Lines of at most this many words that do not end like a sentence and report no speech are
headings, crossheads or labels: never passages, never claims, and no break in a speaker chain."""

_WORD_CHAR_RE = re.compile(r"\w")


def is_heading(text: str, key: str | None = None) -> bool:
    """A title, crosshead or label: short, no sentence end, no reporting verb.

    ``key`` is the text's matching form (:func:`~factcheck.text.arabic.match_key`) when the
    caller already has it.
    """
    # Too long for a heading? Single spaces are counted in C; else split, stopping early.
    if text.count(" ") > HEADING_MAX_WORDS + 2 and "  " not in text:
        return False
    if len(text.split(None, HEADING_MAX_WORDS)) > HEADING_MAX_WORDS:
        return False
    folded = key if key is not None else " ".join(fold(text).split())
    if not _WORD_CHAR_RE.search(folded):
        return True  # nothing but symbols: no claim either
    return not ends_sentence(folded) and not reports_speech(folded)
