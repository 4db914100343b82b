"""Scraped-page boilerplate removal: a documented, extendable list of named line rules.

Scraped Arabic news arrives with the page around the article: tickers, donation and newsletter
appeals, photo captions with icon alt text, share and font-size buttons, "related articles"
blocks, category/date lines, bylines and the outlet's name. None of it is a claim, and all of it
would pollute retrieval, so :func:`clean` drops whole *lines* that a :class:`Rule` recognises,
then drops repeated paragraphs (kept once). The article's own sentences are never rewritten:
every kept line is the original line with its surrounding whitespace stripped.

A rule sees each non-empty line as a :class:`Line`: the original ``text``, its ``folded`` form
(:func:`factcheck.text.arabic.fold` plus collapsed whitespace) and its word count. Patterns are
matched against ``folded``, so one pattern covers the spellings أيضاً/ايضا, إقرأ/اقرأ,
ة/ه, ى/ي... Pattern strings are written in ordinary Arabic and folded when the rule is built.

A newsroom extends the list for its own sources::

    from factcheck.ingest.cleaning import DEFAULT_RULES, Rule
    rules = DEFAULT_RULES.extend(
        Rule("our_footer", "Our site's footer line.", pattern=r"^تابعوا موقعنا", max_words=12)
    )
    load_corpus(folder, rules=rules)

Rules run in list order, the first match names the reason (see :attr:`Cleaned.removed`).
``after=True`` rules run once the others are done and may look at what they dropped
(:attr:`Page.dropped`), e.g. a short line stranded between two boilerplate lines.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple, overload

from factcheck.text.arabic import fold, match_key
from factcheck.text.vocabulary import (
    HEADING_MAX_WORDS,
    LATIN_MONTHS,
    WEEKDAYS,
    ends_sentence,
    folded_set,
    month_words,
    reports_speech,
)

__all__ = [
    "DEFAULT_RULES",
    "Cleaned",
    "CleaningRules",
    "Line",
    "Page",
    "Rule",
    "clean",
    "clean_text",
    "compile_folded",
]

_REGEX_META = frozenset(".^$*+?{}[]\\|()")
_ESCAPE_RE = re.compile(r"\\.", re.DOTALL)


def _fold_literal(chunk: str) -> str:
    out = []
    for k, ch in enumerate(chunk):
        if ch.isascii():
            # Folded text is lower-case; "(?P<name>" and other "(?X" syntax keep their letter.
            out.append(ch if chunk[max(0, k - 2) : k] == "(?" else ch.lower())
            continue
        folded = fold(ch)
        # e.g. "؟" folds to "?" and "…" to "...": keep them literal, not regex operators.
        out.append(re.escape(folded) if any(c in _REGEX_META for c in folded) else folded)
    return "".join(out)


def compile_folded(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """Compile a pattern written in ordinary Arabic (or Latin) so it matches *folded* text.

    Letters are folded like the text (أ->ا, ة->ه, ى->ي, diacritics dropped, Latin lower-cased);
    backslash escapes are left alone. (Not ``re.IGNORECASE``: it would slow every rule down
    several times on Arabic text, and folded text has no capitals.)
    """
    parts: list[str] = []
    pos = 0
    for m in _ESCAPE_RE.finditer(pattern):
        parts.append(_fold_literal(pattern[pos : m.start()]))
        parts.append(m.group())
        pos = m.end()
    parts.append(_fold_literal(pattern[pos:]))
    return re.compile("".join(parts), flags)


class Line(NamedTuple):
    """One non-empty line as rules see it (a tuple: one is built per line of every article)."""

    index: int
    text: str
    folded: str  # the matching form: folded, whitespace collapsed (what patterns see)
    words: int
    sentence: bool  # ends like a sentence (see :func:`ends_sentence`)


def _line(index: int, text: str, folded: str) -> Line:
    """The rules' view of a stripped line, given the line folded (not yet stripped)."""
    # The usual case -- single plain spaces, none at the ends -- is recognised at C speed.
    if (
        folded
        and "  " not in folded
        and folded.isprintable()
        and not folded.startswith(" ")
        and not folded.endswith(" ")
    ):
        words = folded.count(" ") + 1
    else:
        parts = folded.split()
        folded, words = " ".join(parts), len(parts)
    return Line(index, text, folded, words, ends_sentence(folded))


def _lines(text: str) -> list[Line]:
    """The non-empty lines of ``text``. The whole text is folded in one call (folding never
    adds or removes a line break), which saves a call per line."""
    raw_lines = text.split("\n")
    folded_lines = fold(text).split("\n")
    if len(folded_lines) != len(raw_lines):  # defensive: fold line by line instead
        folded_lines = [fold(raw) for raw in raw_lines]
    lines: list[Line] = []
    for raw, folded in zip(raw_lines, folded_lines, strict=True):
        stripped = raw.strip()
        if stripped and not folded.isspace() and folded:  # invisible-only lines are empty too
            lines.append(_line(len(lines), stripped, folded))
    return lines


@dataclass
class Page:
    """The document being cleaned: all its lines and, per line, why it was dropped (or None)."""

    lines: list[Line]
    dropped: list[str | None]
    source: str = ""
    title: str = ""

    def neighbour(self, line: Line, step: int) -> Line | None:
        """The previous (``step=-1``) or next (``step=1``) non-empty line."""
        k = line.index + step
        return self.lines[k] if 0 <= k < len(self.lines) else None


Predicate = Callable[[Line, Page], bool]


@dataclass(frozen=True)
class Rule:
    """A named class of boilerplate lines.

    A line matches when it has at most ``max_words`` words, contains one of the ``keywords``
    (if given), the ``pattern`` (searched in the folded line) and the ``predicate`` (if given)
    both accept it and, with ``not_sentence``, it does not end like a sentence. ``then=N``
    also drops up to N following lines while they read like headlines (a "read also:" label
    and its link). ``after=True`` rules run after the others (see :class:`Page`).

    A ``pattern`` string is compiled with :func:`compile_folded` (write it in ordinary Arabic);
    a compiled pattern is used as is and must be written for folded text.

    ``keywords`` are a speed-up for patterns not anchored at the start of the line: plain
    substrings (folded like the text), at least one of which any match must contain, checked
    with ``in`` before the regular expression runs. ``why`` documents the rule.
    """

    name: str
    why: str
    pattern: str | re.Pattern[str] | None = None
    predicate: Predicate | None = None
    max_words: int = 20
    not_sentence: bool = False
    then: int = 0
    after: bool = False
    keywords: tuple[str, ...] = ()
    _regex: re.Pattern[str] | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.pattern is None and self.predicate is None:
            raise ValueError(f"rule {self.name!r} needs a pattern or a predicate")
        if not self.why.strip():
            raise ValueError(f"rule {self.name!r} needs a 'why'")
        regex = compile_folded(self.pattern) if isinstance(self.pattern, str) else self.pattern
        object.__setattr__(self, "_regex", regex)
        object.__setattr__(self, "keywords", tuple(match_key(k) for k in self.keywords))

    def matches(self, line: Line, page: Page) -> bool:
        """Whether this rule recognises ``line`` of ``page`` as boilerplate."""
        if line.words > self.max_words or (self.not_sentence and line.sentence):
            return False
        return _first_match(((self, *self._check),), line, page) is not None

    @property
    def _check(self) -> tuple[tuple[str, ...], Callable[[str], object] | None, Predicate | None]:
        search = self._regex.search if self._regex is not None else None
        return self.keywords, search, self.predicate


class CleaningRules(Sequence[Rule]):
    """An immutable, ordered list of :class:`Rule` with unique names.

    :meth:`extend` and :meth:`without` return new lists, so the shared :data:`DEFAULT_RULES`
    can never be changed by accident.
    """

    def __init__(self, rules: Iterable[Rule] = ()) -> None:
        self._rules: tuple[Rule, ...] = tuple(rules)
        seen: set[str] = set()
        for rule in self._rules:
            if not isinstance(rule, Rule):
                raise TypeError(f"expected a Rule, got {type(rule).__name__}")
            if rule.name in seen:
                raise ValueError(f"duplicate rule name {rule.name!r}")
            seen.add(rule.name)
        self._after_any = any(r.after for r in self._rules)
        self._checks: dict[tuple[bool, int, bool], tuple[_Check, ...]] = {}

    def _applicable(self, line: Line, after: bool) -> tuple[_Check, ...]:
        """The checks of the rules that can match a line of this length and ending, in order:
        long article paragraphs then meet only the few rules that may match them."""
        key = (after, min(line.words, 10_000), line.sentence)
        checks = self._checks.get(key)
        if checks is None:
            checks = self._checks[key] = tuple(
                (rule, *rule._check)
                for rule in self._rules
                if rule.after == after
                and rule.max_words >= line.words
                and not (rule.not_sentence and line.sentence)
            )
        return checks

    @overload
    def __getitem__(self, index: int) -> Rule: ...
    @overload
    def __getitem__(self, index: slice) -> CleaningRules: ...
    def __getitem__(self, index: int | slice) -> Rule | CleaningRules:
        if isinstance(index, slice):
            return CleaningRules(self._rules[index])
        return self._rules[index]

    def __len__(self) -> int:
        return len(self._rules)

    def __iter__(self) -> Iterator[Rule]:
        return iter(self._rules)

    def __repr__(self) -> str:
        return f"CleaningRules({list(self.names)!r})"

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(r.name for r in self._rules)

    def get(self, name: str) -> Rule:
        for rule in self._rules:
            if rule.name == name:
                return rule
        raise KeyError(f"no cleaning rule named {name!r}")

    def extend(self, *rules: Rule | Iterable[Rule]) -> CleaningRules:
        """A new list with ``rules`` appended (rules or iterables of rules)."""
        added: list[Rule] = []
        for item in rules:
            added.extend([item] if isinstance(item, Rule) else item)
        return CleaningRules((*self._rules, *added))

    def without(self, *names: str) -> CleaningRules:
        """A new list without the named rules (``KeyError`` for an unknown name)."""
        for name in names:
            self.get(name)
        return CleaningRules(r for r in self._rules if r.name not in names)


# --------------------------------------------------------------------------- predicates

_ICON_PREFIX_RE = re.compile(r"^[a-z]+[ _-]?icon\s*")
_CREDIT_RE = compile_folded(  # searched only in lines that end with a bracket
    r"\s*[(\[]\s*(?:ap|afp|reuters|getty(?: images)?|epa|shutterstock|رويترز|أ\s?\.?\s?ف\s?\.?\s?ب"
    r"|أسوشيتد برس|الأناضول|وكالات|أرشيف|أرشيفية|صورة أرشيفية|إنترنت|مواقع التواصل|سانا|واع)"
    r"\s*[)\]]$"
)


def _caption_core(folded: str) -> str:
    return _CREDIT_RE.sub("", _ICON_PREFIX_RE.sub("", folded)).strip()


def _is_photo_caption(line: Line, page: Page) -> bool:
    """A line ending in a photo credit "(AP)"/"(رويترز)": the caption, usually repeated next to
    an icon-prefixed copy of itself. News sentences end with a full stop, not a credit."""
    if not line.folded.endswith((")", "]")) or _CREDIT_RE.search(line.folded) is None:
        return False
    core = _caption_core(line.folded)
    for step in (-1, 1):
        other = page.neighbour(line, step)
        if other is not None and core and _caption_core(other.folded) == core:
            return True
    return not ends_sentence(core) and line.words <= 40


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
_DIGIT_RE = re.compile(r"\d")
_HAS_LETTER_RE = re.compile(r"[^\W\d_]")


def _is_dateline(line: Line, page: Page) -> bool:
    """A date/time with at most two other words: "سياسة | 28-11-2021, 14:13 |"."""
    if _DIGIT_RE.search(line.folded) is None or _DATE_SHAPE_RE.search(line.folded) is None:
        return False
    rest = [
        w
        for w in line.folded.split()
        if _HAS_LETTER_RE.search(w) and w.strip(",.:|-") not in _DATE_WORDS
    ]
    return len(rest) <= 2


def _is_source_name(line: Line, page: Page) -> bool:
    return bool(page.source) and line.folded == page.source


def _is_title(line: Line, page: Page) -> bool:
    return bool(page.title) and line.folded == page.title


_CONTEXT_REASONS = frozenset({"trailing_signature", "boilerplate_island"})


def _is_trailing(line: Line, page: Page) -> bool:
    """Nothing but dropped lines after it: a signature or outlet name (up to three words) or a
    slogan right before a boilerplate line. The slogan case needs the next line to be dropped
    by a content rule, so that an outlet writing without full stops does not lose its short
    closing paragraphs one after the other."""
    following = range(line.index + 1, len(page.lines))
    if not all(page.dropped[k] is not None for k in following):
        return False
    if line.words <= 3:
        return True
    return (
        bool(following)
        and page.dropped[line.index + 1] not in _CONTEXT_REASONS
        and not reports_speech(line.folded)
    )


def _is_island(line: Line, page: Page) -> bool:
    """Both neighbours are boilerplate (widgets come in blocks), and the line reports no
    speech."""
    if reports_speech(line.folded):
        return False
    for step in (-1, 1):
        other = page.neighbour(line, step)
        if other is None:
            return False
        reason = page.dropped[other.index]
        if reason is None or reason.startswith("title_line"):  # the title is not a widget
            return False
    return True


# --------------------------------------------------------------------------- the rule list

DEFAULT_RULES = CleaningRules(
    [
        Rule(
            "symbol_only",
            "Close buttons (×), separators and bullets left by removed widgets: "
            "no letter or digit.",
            pattern=r"^\W+$",
            max_words=6,
        ),
        Rule(
            "icon_alt_text",
            "Scrapers keep the alt text of icons ('camera icon', 'tag icon ع ع ع'); the rest "
            "of the line is a photo caption, a tag list or a control glued to it.",
            pattern=r"^(?:[a-z]+[ _-]?)?icon(?![a-z])",
            max_words=80,
        ),
        Rule(
            "font_size_controls",
            "Text-size buttons: '+A -A', 'A+ A-', 'ع ع ع', 'تكبير الخط'.",
            pattern=r"^(?:(?:[+-]?\s*[aع]\s*[+-]?\s*){2,}$|(?:تكبير|تصغير|حجم)\s+(?:الخط|النص))",
            max_words=6,
        ),
        Rule(
            "share_controls",
            "Share, print and copy-link buttons and social network names on a line of their own.",
            pattern=r"^(?:(?:(?:شارك(?:ها|ه)?|مشاركة|المشاركة|انشر|طباعة|اطبع|أرسل|إرسال"
            r"|نسخ الرابط|نسخ|الرابط|فيسبوك|فيس بوك|تويتر|إكس|واتساب|واتس آب|واتس اب"
            r"|تيليغرام|تلغرام|تليجرام|لينكد إن|لينكدإن|ماسنجر|بريد إلكتروني|البريد الإلكتروني"
            r"|facebook|twitter|whatsapp|telegram|linkedin|e-?mail|print|share|tweet|copy link"
            r"|pinterest|reddit|x)(?:\s|[,|:/•·-])*)+$"
            r"|(?:شارك|شاركوا|انشر)\s+(?:هذا|الخبر|المقال|المقالة|الموضوع|على|عبر))",
            max_words=12,
        ),
        Rule(
            "ticker",
            "Ticker and most-read headers ('آخر الأخبار', 'الأكثر قراءة'); the scraped ticker "
            "that follows is a run-on line of unrelated headlines, dropped with it.",
            pattern=r"^(?:(?:آخر|أحدث)\s+(?:الأخبار|الأنباء|المستجدات|التحديثات)"
            r"|شريط الأخبار|أخبار عاجلة|عاجل|الأكثر قراءة|الأكثر مشاهدة|الأكثر تداولا"
            r"|الأكثر شعبية|breaking news|latest news|most read)\s*:?$",
            max_words=4,
            then=1,
        ),
        Rule(
            "ticker_inline",
            "A ticker header and its headlines scraped onto one line (no sentence end).",
            pattern=r"^(?:آخر الأخبار|شريط الأخبار|أخبار عاجلة)\s*[:|-]?\s*\S",
            max_words=10_000,
            not_sentence=True,
        ),
        Rule(
            "related_list",
            "'مقالات متعلقة'/'أخبار ذات صلة' headers and the list of headlines under them.",
            pattern=r"^(?:(?:مقالات|أخبار|مواضيع|موضوعات|قصص|تقارير|روابط)\s+"
            r"(?:متعلقة|ذات صلة|مرتبطة|مشابهة|أخرى)|قد يهمك|قد يعجبك|يهمك أيضا"
            r"|المزيد من الأخبار|related (?:articles|stories|news)|more (?:articles|stories|news)"
            r"|you may also like)\s*:?$",
            max_words=5,
            then=5,
        ),
        Rule(
            "read_also",
            "'اقرأ أيضاً:' / 'للقراءة أو الاستماع:' labels; the next line is the linked headline.",
            pattern=r"^(?:(?:اقرأ|اقرئي|شاهد|شاهدي|استمع)\s+(?:أيضا|كذلك|المزيد)"
            r"|(?:للقراءة|للمزيد)\s+(?:أو|و)\s*(?:الاستماع|المشاهدة)|(?:read|see) (?:also|more))"
            r"\s*[:.-]?$",
            max_words=5,
            then=1,
        ),
        Rule(
            "read_also_inline",
            "A 'read also' label with the linked headline on the same line.",
            pattern=r"^(?:(?:اقرأ|اقرئي|شاهد|شاهدي|استمع)\s+(?:أيضا|كذلك|المزيد)"
            r"|(?:للقراءة|للمزيد)\s+(?:أو|و)\s*(?:الاستماع|المشاهدة)|read also|see also)"
            r"\s*[:-]?\s*\S",
            max_words=30,
        ),
        Rule(
            "donation_appeal",
            "Appeals for money: 'ادعم عنب بلدي', 'دولار واحد شهريًا يصنع الفرق', 'اضغط هنا "
            "للمساهمة', 'ونحن بحاجتك لنبقى مستقلين'.",
            pattern=r"^ادعم(?:نا|وا)?(?:\s+\S+){1,3}$|دولار(?:ا)? واحد|اضغط هنا|انقر هنا|للمساهمة"
            r"|تبرع(?:وا)?\s+(?:الآن|لنا|لدعم)|ساهم(?:وا)?\s+(?:في|ب)\s*دعم"
            r"|ادعم(?:نا|وا)?\s+(?:الصحافة|صحافة|الإعلام|إعلام)|بحاجتك|بحاجة (?:إلى|ل)\s*دعمك"
            r"|لنبقى مستقلين|support us|donate",
            keywords=(
                "ادعم",
                "دولار",
                "اضغط",
                "انقر",
                "مساهم",
                "تبرع",
                "ساهم",
                "بحاج",
                "مستقل",
                "support",
                "donate",
            ),
            max_words=20,
        ),
        Rule(
            "newsletter_prompt",
            "Newsletter and subscription prompts ('هل أعجبك المحتوى ... صندوق بريدك', "
            "'اشترك بنشرتنا البريدية').",
            pattern=r"النشرة البريدية|نشرتنا|النشرة الإخبارية|صندوق بريدك|بريدك الإلكتروني"
            r"|اشترك(?:وا)?\s+(?:الآن|مجانا|معنا)"
            r"|اشترك(?:وا)?\s+(?:في|ب)\s*(?:ال)?(?:نشر|قنا|خدم|تنبيه)"
            r"|هل أعجبك (?:المحتوى|المقال|الخبر|التقرير)|سجل(?:وا)? بريدك"
            r"|newsletter|subscribe|sign up",
            keywords=("نشر", "بريد", "اشترك", "أعجبك", "newsletter", "subscribe", "sign up"),
            max_words=40,
        ),
        Rule(
            "social_follow",
            "'Follow us on ...' prompts and links to the outlet's channels.",
            pattern=r"^(?:تابعونا|تابعنا|تابعوا|انضموا|انضم)\s+(?:على|عبر|إلى قناتنا|لقناتنا|قناتنا"
            r"|إلى صفحتنا)|(?:قناتنا|صفحتنا|حسابنا)\s+(?:على|في|عبر)\s+"
            r"(?:تلغرام|تيليغرام|تليجرام|يوتيوب|واتساب|واتس آب|فيسبوك|فيس بوك|تويتر|إكس"
            r"|انستغرام|إنستغرام|تيك توك)|follow us",
            keywords=("تابع", "انضم", "قناتنا", "صفحتنا", "حسابنا", "follow us"),
            max_words=20,
        ),
        Rule(
            "photo_caption",
            "Photo captions ending in a credit '(AP)', '(رويترز)', '(أ ف ب)', typically repeated "
            "next to an icon-prefixed copy; an article sentence does not end in a photo credit.",
            predicate=_is_photo_caption,
            max_words=60,
        ),
        Rule(
            "photo_label",
            "Photo labels and credits on their own line: 'صورة أرشيفية', 'تصوير: ...'.",
            pattern=r"^(?:[(\[]?\s*(?:ال)?صور(?:ة)?\s+(?:أرشيفية|تعبيرية|توضيحية|من الأرشيف)"
            r"\s*[)\]]?$"
            r"|(?:ال)?(?:صورة|تصوير|صور)\s*:\s*\S|(?:photo|image|credit)s?\s*:)",
            max_words=8,
            not_sentence=True,
        ),
        Rule(
            "category_dateline",
            "Section and publication-date lines: 'سياسة | 28-11-2021, 14:13 |', 'الخميس 2 "
            "ديسمبر 2021', 'منذ 3 ساعات' (a date or time and at most two other words).",
            predicate=_is_dateline,
            max_words=14,
            not_sentence=True,
        ),
        Rule(
            "byline",
            "Bylines: 'بغداد اليوم - تقرير محمود ...', 'بقلم: ...', 'كتب: ...', '... - خاص'.",
            pattern=r"^(?:بقلم|كتب|كتبت|كتبه|إعداد|تحرير|ترجمة|تقرير|متابعة|تصوير|حاوره|حاورته"
            r"|مراسل|مراسلة|by)\s*[:-]?\s+\S"
            r"|\s[-|:]\s*(?:تقرير|خاص|متابعة|ترجمة|كتب|بقلم|إعداد|تحرير|مراسل)(?:\s|$)",
            max_words=10,
            not_sentence=True,
        ),
        Rule(
            "tag_list",
            "Tag and keyword lists: 'الوسوم: ...', 'كلمات مفتاحية: ...'.",
            pattern=r"^(?:الوسوم|وسوم|الكلمات المفتاحية|كلمات مفتاحية|الكلمات الدالة|كلمات دالة"
            r"|التصنيفات|تصنيفات|الموضوعات|tags|keywords|topics)\s*:",
            max_words=30,
        ),
        Rule(
            "comments_prompt",
            "Comment widgets: 'أضف تعليقاً', 'التعليقات', '3 تعليقات'.",
            pattern=r"^(?:(?:أضف|اترك|أكتب|شاركنا)\s+(?:تعليق|تعليقا|تعليقك|رأيك|ردا)"
            r"|(?:التعليقات|تعليقات|\d+\s+تعليق(?:ات)?|leave a (?:comment|reply)|comments?)\s*:?$)",
            max_words=8,
        ),
        Rule(
            "advert_label",
            "Advertisement labels: 'إعلان', 'محتوى ممول', 'Advertisement'.",
            pattern=r"^(?:إعلان|إعلانات|مساحة إعلانية|محتوى (?:مدعوم|ممول|برعاية)|advertisement"
            r"|sponsored|ad)$",
            max_words=3,
        ),
        Rule(
            "reading_time",
            "Reading-time badges: 'وقت القراءة: 3 دقائق', '4 دقائق للقراءة'.",
            pattern=r"(?:وقت|مدة|زمن) القراءة|\d+\s*(?:دقيقة|دقائق|د)\s+(?:للقراءة|قراءة)"
            r"|min(?:ute)?s? read",
            keywords=("قراء", "read"),
            max_words=8,
        ),
        Rule(
            "rights_reserved",
            "Copyright footers: 'جميع الحقوق محفوظة', '©', 'All rights reserved'.",
            pattern=r"الحقوق محفوظة|حقوق (?:النشر|الطبع)(?: والنشر)? محفوظة|©"
            r"|all rights reserved|copyright",
            keywords=("محفوظ", "©", "rights reserved", "copyright"),
            max_words=25,
        ),
        Rule(
            "cookie_notice",
            "Cookie consent banners: a cookie word together with the site addressing the reader "
            "('نستخدم', 'تجربتك', 'توافق', 'this site', 'we use').",
            pattern=r"^(?=.*(?:ملفات تعريف الارتباط|ملفات الارتباط|الكوكيز|cookie))"
            r"(?=.*(?:نستخدم|يستخدم (?:هذا )?الموقع|موقعنا|هذا الموقع|تجربتك|تصفحك|التصفح|توافق"
            r"|أوافق|^موافق|قبول الكل|this (?:site|website)|our (?:site|website)|we use"
            r"|you (?:agree|accept|consent)|accept all))",
            keywords=("الارتباط", "الكوكيز", "cookie"),
            max_words=70,
        ),
        Rule(
            "lone_source_name",
            "A line that is only the outlet's name (from metadata), e.g. a trailing 'الحرة'.",
            predicate=_is_source_name,
            max_words=6,
        ),
        Rule(
            "title_line",
            "The title (from metadata) repeated as the first line of the body: it is metadata.",
            predicate=_is_title,
            max_words=60,
        ),
        Rule(
            "trailing_signature",
            "A short line with no sentence end followed by nothing but boilerplate: the outlet "
            "name, 'وكالات', 'انتهى', an agency credit, or the slogan opening a footer block "
            "('الإعلام الموجّه يشوه الحقيقة..' before a donation appeal). Such a line would not "
            "be a passage anyway (see segmentation.is_heading).",
            predicate=_is_trailing,
            max_words=HEADING_MAX_WORDS,
            not_sentence=True,
            after=True,
        ),
        Rule(
            "boilerplate_island",
            "A short line that neither ends like a sentence nor reports speech, with boilerplate "
            "on both sides, belongs to the same widget (a donation slogan between the appeal's "
            "other lines).",
            predicate=_is_island,
            max_words=HEADING_MAX_WORDS,
            not_sentence=True,
            after=True,
        ),
    ]
)
"""The rules used when none are given; see each rule's ``why``."""


# --------------------------------------------------------------------------- cleaning


@dataclass(frozen=True)
class Cleaned:
    """Cleaned article text (kept lines joined by blank lines), its title, and what was removed.

    ``title`` is the title given, or else the headline guessed from the lines that open the
    article (that line is then removed from ``text``). ``removed`` lists ``(reason, line)`` in
    document order.
    """

    text: str
    title: str = ""
    removed: tuple[tuple[str, str], ...] = ()
    keys: tuple[str, ...] = ()
    """The matching form (:func:`match_key`) of each kept paragraph, in order; passing it to
    :func:`factcheck.ingest.segmentation.segment` saves folding the paragraphs a second time."""


_Check = tuple[Rule, tuple[str, ...], "Callable[[str], object] | None", "Predicate | None"]


def _first_match(checks: Iterable[_Check], line: Line, page: Page) -> Rule | None:
    """The first rule whose keywords, pattern and predicate accept the line (word count and
    sentence ending were checked when the checks were selected). Inlined for speed: this runs
    for every line of every article."""
    folded = line.folded
    for rule, keywords, search, predicate in checks:
        if keywords:
            for keyword in keywords:
                if keyword in folded:
                    break
            else:
                continue
        if search is not None and search(folded) is None:
            continue
        if predicate is not None and not predicate(line, page):
            continue
        return rule
    return None


def clean(
    text: str,
    rules: CleaningRules | None = None,
    *,
    source: str = "",
    title: str = "",
) -> Cleaned:
    """Remove boilerplate lines and repeated paragraphs from one scraped article.

    ``source`` (the outlet) and ``title`` come from metadata when known; they let the rules
    drop a lone outlet-name line and the title repeated in the body.
    """
    rules = DEFAULT_RULES if rules is None else rules
    lines = _lines(text)
    page = Page(lines, [None] * len(lines), match_key(source), match_key(title))
    dropped = page.dropped

    pending, pending_name = 0, ""
    for line in lines:
        rule = _first_match(rules._applicable(line, False), line, page)
        if pending:
            if rule is None and line.sentence:
                pending = 0  # a sentence: the linked headlines are over
            else:
                pending -= 1
                if rule is None:
                    dropped[line.index] = f"{pending_name} (following line)"
        if rule is not None:
            dropped[line.index] = rule.name
            if rule.then:
                pending, pending_name = rule.then, rule.name

    if not title:
        title = _guess_title(page)

    changed = rules._after_any
    while changed:  # until nothing changes: islands and trailing blocks can chain
        changed = False
        for line in lines:
            if dropped[line.index] is None:
                rule = _first_match(rules._applicable(line, True), line, page)
                if rule is not None:
                    dropped[line.index] = rule.name
                    changed = True

    seen: set[str] = set()
    for line in lines:
        if dropped[line.index] is None:
            if line.folded in seen:
                dropped[line.index] = "repeated_paragraph"
            seen.add(line.folded)

    kept = [line for line in lines if dropped[line.index] is None]
    removed = tuple((dropped[line.index] or "", line.text) for line in lines if dropped[line.index])
    return Cleaned(
        "\n\n".join(line.text for line in kept),
        title,
        removed,
        tuple(line.folded for line in kept),
    )


_GUESSED_TITLE = "title_line (guessed)"


def _guess_title(page: Page) -> str:
    """The title when metadata has none: of the headline-like lines that open the article
    (before its first sentence), the last one -- a kicker such as "رغم انتهاء مهمتها القتالية.."
    comes before the title, the lead paragraph after it."""
    lead: list[Line] = []
    for line in page.lines:
        if page.dropped[line.index] is not None:
            continue
        if not (2 <= line.words <= 25 and not line.sentence and not line.folded.endswith(":")):
            break
        lead.append(line)
    rest = (
        any(page.dropped[k] is None for k in range(lead[-1].index + 1, len(page.lines)))
        if lead
        else False
    )
    if not rest:
        return ""
    page.dropped[lead[-1].index] = _GUESSED_TITLE
    return lead[-1].text


def clean_text(
    text: str, rules: CleaningRules | None = None, *, source: str = "", title: str = ""
) -> str:
    """:func:`clean` as a plain ``str -> str`` step."""
    return clean(text, rules, source=source, title=title).text
