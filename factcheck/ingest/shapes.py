"""What boilerplate lines look like: the tests behind the default cleaning rules.

A word list cannot tell a donation appeal from a news line about donations: «للمساهمة» is in
«اضغط هنا للمساهمة» and in «دعت الحكومة الشركات للمساهمة في إعادة الإعمار.». What differs is
the *shape* of the line, and that is what these tests look at:

* **voice** -- page furniture talks to the reader (an imperative opening the line, «بحاجتك»,
  «بريدك») or in the outlet's own voice («نشرتنا», «ادعمنا»); news reports events in the third
  person, and when it quotes a first- or second-person appeal it says who speaks (a reporting
  verb or quotation marks): :func:`addresses_reader`, :func:`is_reported`;
* **form** -- labels, captions, datelines and bylines are not sentences: a credit in brackets
  ends a caption, a name follows a «بقلم:» label, a date comes with a time or a weekday;
* **place** -- widgets come in blocks and at the ends of the page: :func:`is_island`,
  :func:`is_trailing`.

Why hand-written: no library recognises Arabic page furniture; the news-extraction tools
(trafilatura, readability) work on HTML structure, which a scraped ``.txt`` no longer has.
"""

from __future__ import annotations

import re

from factcheck.ingest.rules import Line, Page, compile_folded
from factcheck.text.vocabulary import (
    LATIN_MONTHS,
    WEEKDAYS,
    ends_sentence,
    folded_set,
    month_words,
    reports_speech,
)

__all__ = [
    "addresses_reader",
    "commands_reader",
    "continues_prose",
    "continues_report",
    "is_caption",
    "is_dateline",
    "is_icon_alt_text",
    "is_island",
    "is_reported",
    "is_source_name",
    "is_title",
    "is_trailing",
    "not_reported",
    "opens_with_command",
]

# --------------------------------------------------------------------------- voice


# Not preceded / not followed by a letter: whole words, also next to punctuation.
_START = r"(?<![^\W\d_])"
_END = r"(?![^\W\d_])"

# Imperatives whose form is no past-tense verb (ادعم, past دعم; اضغط, past ضغط): opening a line
# they can only be an instruction to the reader. Suffixes: plural, feminine, "us".
_COMMAND = r"(?:ادعم|اضغط|انقر|اقرأ|اقرئي|اقرؤوا|أضف|اترك|اكتب)(?:وا|ي|نا|ونا)?"
# Verbs whose imperative is spelt like their past tense once folded (اشترك "subscribe!" / "he
# took part"; حمّل "download!" / حمل "he carried"): an instruction only with a complement aimed
# at the reader or the outlet ("الآن", "معنا").
_AMBIGUOUS = r"(?:تبرع|ساهم|اشترك|شارك|تابع|انضم|سجل|شاهد|استمع|تعرف|حمل|نزل|جرب)(?:وا|ي)?"
_TO_READER = r"(?:الآن|مجانا|معنا|هنا|إلينا|لنا|فورا)"
_COMMAND_RE = compile_folded(
    rf"^(?:{_COMMAND}{_END}|{_AMBIGUOUS}(?:نا|ونا)?\s+{_TO_READER}{_END}|(?:تابع|شارك)(?:و)?نا{_END}"
    r"|(?:click|tap|subscribe|sign up|donate|support us|follow us|read more|download)\b)"
)

# Second person: "you" and "your ..." on the words appeals use (بحاجتك, بريدك, أعجبك, يصلك).
# Not the feminine كي: لكي is the conjunction "so that".
_SECOND_PERSON_RE = compile_folded(
    rf"{_START}(?:[وفبل]|ال)?(?:حاجت|دعم|بريد|تجربت|تصفح|رأي|تعليق|مساهمت|تبرع|اشتراك|متابعت"
    rf"|أعجب|يعجب|يصل|يهم|إلي|ل)(?:ك|كم){_END}|{_START}(?:أنت|أنتم){_END}"
    r"|\b(?:you|your)\b"
)
# The outlet speaking of itself: "our site, our newsletter, support us, we".
_OUTLET_VOICE_RE = compile_folded(
    rf"{_START}(?:[وفبل]|ال)?(?:موقع|نشرت|قنات|صفحت|حساب|حسابات|تطبيق|فريق|صحيفت|محتوا|دعم"
    rf"|بلاد|مجلت|منصت|قراء|رسالت)نا{_END}"
    rf"|{_START}(?:لنا|معنا|إلينا|نحن|لنبقى|لنستمر|نستخدم){_END}|\b(?:our|us|we)\b"
)


# A line opening with one of those verbs and no conjunction: it is the reader being addressed
# or a headline, not speech reported with it (تابعوا آخر الأخبار "follow the latest news").
_AMBIGUOUS_START_RE = compile_folded(rf"^{_AMBIGUOUS}(?:نا|ونا)?{_END}\s*")


def is_reported(line: Line) -> bool:
    """The line reports speech (a reporting verb) or quotes (folded text writes every quotation
    mark as "): then a first- or second-person phrase in it is somebody's words, i.e. news.
    A verb that opens the line in its imperative spelling (تابعوا) is not counted."""
    folded = line.folded
    if '"' in folded:
        return True
    start = _AMBIGUOUS_START_RE.match(folded)
    return reports_speech(folded[start.end() :] if start else folded)


def opens_with_command(line: Line) -> bool:
    """The line opens with an instruction to the reader (اضغط هنا، ادعمنا، اشترك الآن)."""
    return _COMMAND_RE.search(line.folded) is not None


def addresses_reader(line: Line, page: Page | None = None) -> bool:
    """Page furniture's voice: an instruction to the reader, "you/your", or the outlet's "we/
    our" -- and not reported or quoted speech (see :func:`is_reported`)."""
    folded = line.folded
    return (
        _COMMAND_RE.search(folded) is not None
        or _SECOND_PERSON_RE.search(folded) is not None
        or _OUTLET_VOICE_RE.search(folded) is not None
    ) and not is_reported(line)


def commands_reader(line: Line, page: Page | None = None) -> bool:
    """:func:`opens_with_command`, unless the line is reported speech."""
    return opens_with_command(line) and not is_reported(line)


def not_reported(line: Line, page: Page | None = None) -> bool:
    """The opposite of :func:`is_reported`, as a rule predicate."""
    return not is_reported(line)


_CONJUNCTION_RE = re.compile(r"^[وف][^\W\d_]{2,}")


def continues_report(line: Line) -> bool:
    """The line opens with و/ف and a reporting verb (وأضاف، وقال، فأكد): the next paragraph of
    a report, never a headline."""
    first = line.folded.split(" ", 1)[0]
    return first[:1] in ("و", "ف") and reports_speech(first)


def continues_prose(line: Line) -> bool:
    """The line opens with the conjunction و/ف on a word (وتستمر، فقد): the next paragraph of
    an article, not a label or a slogan. (Words whose root starts with و, like وزير, count too:
    the test only ever keeps lines.)"""
    return _CONJUNCTION_RE.match(line.folded) is not None


# --------------------------------------------------------------------------- form

_ICON_PREFIX_RE = re.compile(r"^(?:[a-z]+[ _-]?)?icon(?![a-z])\s*")
_CREDIT_RE = compile_folded(  # searched only in lines that end with a bracket
    r"\s*[(\[]\s*(?:ap|afp|reuters|getty(?: images)?|epa|shutterstock|رويترز|أ\s?\.?\s?ف\s?\.?\s?ب"
    r"|أسوشيتد برس|الأناضول|وكالات|أرشيف|أرشيفية|صورة أرشيفية|إنترنت|مواقع التواصل|سانا|واع)"
    r"\s*[)\]]$"
)
_CONTROLS_RE = compile_folded(r"^(?:[+-]?\s*[aع]\s*[+-]?\s*)+$|^\W*$")


def _caption_core(folded: str) -> str:
    return _CREDIT_RE.sub("", _ICON_PREFIX_RE.sub("", folded)).strip()


def _has_credit(folded: str) -> bool:
    return folded.endswith((")", "]")) and _CREDIT_RE.search(folded) is not None


def _copies_a_neighbour(line: Line, page: Page, core: str) -> bool:
    for step in (-1, 1):
        other = page.neighbour(line, step)
        if other is not None and core and _caption_core(other.folded) == core:
            return True
    return False


def is_caption(line: Line, page: Page) -> bool:
    """A photo caption: it ends in a photo credit "(AP)"/"(رويترز)" and either repeats next to
    an icon-prefixed copy of itself or is not a sentence. A news paragraph that an outlet closes
    with an agency credit ends with a full stop before it, or reports speech."""
    if not _has_credit(line.folded):
        return False
    core = _caption_core(line.folded)
    if _copies_a_neighbour(line, page, core):
        return True
    return not ends_sentence(core) and not is_reported(line) and line.words <= 40


def is_icon_alt_text(line: Line, page: Page) -> bool:
    """Scrapers keep the alt text of icons ("camera icon", "tag icon"): the line starts with
    one, and what follows it is furniture too -- nothing, font controls, a photo caption (a
    credit, or a copy of the neighbouring caption), or a short label that is no sentence."""
    prefix = _ICON_PREFIX_RE.match(line.folded)
    if prefix is None:
        return False
    rest = line.folded[prefix.end() :]
    if _CONTROLS_RE.search(rest) or _has_credit(rest):
        return True
    if _copies_a_neighbour(line, page, _caption_core(line.folded)):
        return True
    words = len(rest.split())
    return words <= 10 and not ends_sentence(rest) and not reports_speech(rest)


_MONTHS = sorted(month_words() | LATIN_MONTHS)
_DATE_WORDS = (
    frozenset(_MONTHS)
    | WEEKDAYS
    | folded_set(
        "الأول الثاني نشر نشرت منشور في بتاريخ تاريخ النشر آخر تحديث التحديث محدث الساعة "
        "ساعة ساعات منذ دقيقة دقائق يوم أيام أمس ص م صباحا مساء مساءً بتوقيت غرينتش مكة "
        "المكرمة am pm gmt utc updated published on at"
    )
)
_MONTH_ALT = "|".join(re.escape(m) for m in _MONTHS)
# Folded text is lower-case, so no IGNORECASE (several times slower on Arabic); every shape
# has a digit, so lines without one are turned away by a cheap search first.
_DATE_SHAPE_RE = re.compile(
    r"\d{1,4}[-/.]\d{1,2}[-/.]\d{2,4}|\d{1,2}:\d{2}"
    rf"|\d{{1,2}}\s+(?:من\s+)?(?:{_MONTH_ALT})|(?:{_MONTH_ALT})\s+\d{{4}}"
    r"|منذ\s+\d+\s+(?:ساعه|ساعات|دقيقه|دقائق|يوم|ايام)"
)
# What a page's date line has and a headline about a date has not: a numeric date or a clock
# time, a weekday, a publishing label, a "|" between fields, or a relative "منذ 3 ساعات".
_STAMP_RE = re.compile(
    r"\d{1,4}[-/.]\d{1,2}[-/.]\d{2,4}|\d{1,2}:\d{2}|\||منذ\s+\d"
    r"|(?<![^\W\d_])(?:نشر|نشرت|منشور|بتاريخ|تحديث|التحديث|محدث|updated|published)(?![^\W\d_])"
)
_DIGIT_RE = re.compile(r"\d")
_HAS_LETTER_RE = re.compile(r"[^\W\d_]")


def is_dateline(line: Line, page: Page) -> bool:
    """A publication date line: "سياسة | 28-11-2021, 14:13 |", "الخميس 2 ديسمبر 2021",
    "منذ 3 ساعات". A date with at most two other words, and a time stamp's marks (see
    ``_STAMP_RE``) unless the date stands alone: «الانتخابات في 10 أكتوبر» is a headline."""
    if _DIGIT_RE.search(line.folded) is None or _DATE_SHAPE_RE.search(line.folded) is None:
        return False
    rest = 0
    weekday = False
    for w in line.folded.split():
        bare = w.strip(",.:|-")
        if bare in WEEKDAYS:
            weekday = True
        if _HAS_LETTER_RE.search(w) and bare not in _DATE_WORDS:
            rest += 1
    if rest == 0:
        return True
    return rest <= 2 and (weekday or _STAMP_RE.search(line.folded) is not None)


def is_source_name(line: Line, page: Page) -> bool:
    """The line is the outlet's name (from metadata) and nothing else."""
    return bool(page.source) and line.folded == page.source


def is_title(line: Line, page: Page) -> bool:
    """The line is the title (from metadata) and nothing else."""
    return bool(page.title) and line.folded == page.title


# --------------------------------------------------------------------------- place

_ELLIPSIS = ("..", "…")


def is_trailing(line: Line, page: Page) -> bool:
    """Nothing but dropped lines after it, and the shape of a sign-off: a signature or outlet
    name (up to three words, not a clause opening with و/ف), or a slogan opening a footer block
    -- a headline ellipsis or the outlet's voice, right before a line dropped for what it says.
    A closing news paragraph of an outlet that writes without full stops has neither shape."""
    following = range(line.index + 1, len(page.lines))
    if not all(page.dropped[k] is not None for k in following):
        return False
    if is_reported(line):
        return False
    if line.words <= 3:
        return line.words == 1 or not continues_prose(line)
    if not following or page.context[line.index + 1] or not page.is_widget(line.index + 1):
        return False
    return line.folded.endswith(_ELLIPSIS) or _OUTLET_VOICE_RE.search(line.folded) is not None


def is_island(line: Line, page: Page) -> bool:
    """Both neighbours are page furniture (widgets come in blocks), and the line is no news:
    it reports no speech and does not continue the article's prose with و/ف."""
    if is_reported(line) or continues_prose(line):
        return False
    for step in (-1, 1):
        other = page.neighbour(line, step)
        if other is None or not page.is_widget(other.index):
            return False
    return True
