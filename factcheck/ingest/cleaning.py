"""Scraped-page boilerplate removal: a documented, extendable list of named line rules.

Scraped Arabic news arrives with the page around the article: tickers, donation and newsletter
appeals, photo captions with icon alt text, share and font-size buttons, "related articles"
blocks, category/date lines, bylines and the outlet's name. None of it is a claim, and all of it
would pollute retrieval, so :func:`clean` drops whole *lines* that a rule recognises, then drops
repeated paragraphs (kept once). The article's own sentences are never rewritten: every kept
line is the original line with its surrounding whitespace stripped.

Every default rule matches the *shape* of furniture -- a label that is the whole line, an
instruction or appeal addressed to the reader, a line that is no sentence, a block of widgets
(:mod:`factcheck.ingest.shapes`) -- not words that news also uses: «دعت الحكومة الشركات للمساهمة
في إعادة الإعمار.» survives, «اضغط هنا للمساهمة» does not.

A newsroom extends the list for its own sources (the machinery is :mod:`factcheck.ingest.rules`)::

    from factcheck.ingest.cleaning import DEFAULT_RULES
    from factcheck.ingest.rules import Rule
    rules = DEFAULT_RULES.extend(
        Rule("our_footer", "Our slogan line.", pattern=r"^الموقع الأخضر صوت", max_words=12)
    )
    load_corpus(folder, rules=rules)

Rules run in list order, the first match names the reason (see :attr:`Cleaned.removed`).
"""

from __future__ import annotations

from dataclasses import dataclass

from factcheck.ingest import shapes
from factcheck.ingest.rules import TITLE_REASON, CleaningRules, Page, Rule
from factcheck.text.vocabulary import HEADING_MAX_WORDS

__all__ = ["DEFAULT_RULES", "Cleaned", "clean", "clean_text"]

# Social networks and share buttons, as scraped next to each other on one line.
_NETWORKS = (
    r"شارك(?:ها|ه)?|مشاركة|المشاركة|انشر|طباعة|اطبع|أرسل|إرسال|نسخ الرابط|نسخ|الرابط"
    r"|فيسبوك|فيس بوك|تويتر|إكس|واتساب|واتس آب|واتس اب|تيليغرام|تلغرام|تليجرام|لينكد إن"
    r"|لينكدإن|ماسنجر|بريد إلكتروني|البريد الإلكتروني|facebook|twitter|whatsapp|telegram"
    r"|linkedin|e-?mail|print|share|tweet|copy link|pinterest|reddit|x"
)
# "Read also" labels: the unambiguous imperative اقرأ, or a verb that is also a past tense
# (شاهد "watch!"/"he saw") followed by أيضا and a separator.
_READ_ALSO = (
    r"(?:اقرأ|اقرئي|اقرؤوا)\s+(?:أيضا|كذلك|المزيد)"
    r"|(?:للقراءة|للمزيد)\s+(?:أو|و)\s*(?:الاستماع|المشاهدة)|read also|see also|read more"
)
# Labels that open a byline. Those that are also nouns of a headline (تقرير "report", تحرير
# "liberation", ترجمة "translation") need a separator before the name.
_BYLINE_LABELS = r"(?:كتب|كتبت|كتبه|إعداد|تحرير|ترجمة|تقرير|متابعة|تصوير|مراسل|مراسلة|إشراف)"
_NAME = r"\S+(?:\s+\S+){0,4}$"  # a name: one to five words, then the end of the line
_FIELD = r"[^\s|»>/›]+(?:\s[^\s|»>/›]+)?"  # a menu entry: one or two words

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
            "Icon alt text kept by scrapers ('camera icon', 'tag icon ع ع ع') with only more "
            "furniture glued after it: a caption, a font control, a short label.",
            predicate=shapes.is_icon_alt_text,
            keywords=("icon",),
            max_words=80,
        ),
        Rule(
            "font_size_controls",
            "Text-size buttons as the whole line: '+A -A', 'A+ A-', 'ع ع ع', 'تكبير الخط'.",
            pattern=r"^(?:(?:[+-]?\s*[aع]\s*[+-]?\s*){2,}"
            r"|(?:(?:تكبير|تصغير|حجم)\s+(?:الخط|النص)\s*[+-]?\s*)+)$",
            max_words=6,
        ),
        Rule(
            "share_controls",
            "Share, print and copy-link buttons and social network names making up the whole "
            "line, or 'share this article' addressed to the reader.",
            pattern=rf"^(?:(?:{_NETWORKS})(?:\s|[,|:/•·-])*)+$"
            r"|^(?:شارك|شاركوا|شاركي|انشر)\s+(?:هذا\s+)?(?:الخبر|المقال|المقالة|الموضوع|التقرير)"
            r"(?:\s+(?:على|عبر|مع)(?:\s+\S+){1,3})?\s*:?$",
            max_words=12,
        ),
        Rule(
            "breadcrumb",
            "Navigation trails and menus: three or more fields of one or two words between "
            "'|', '»', '>' or '/' ('الرئيسية | سياسة | لبنان'), or two after 'الرئيسية'.",
            pattern=rf"^(?:{_FIELD}\s*[|»>/›]\s*){{2,}}{_FIELD}$"
            rf"|^(?:الرئيسية|home)\s*[|»>/›]\s*{_FIELD}(?:\s*[|»>/›]\s*{_FIELD})*$",
            max_words=16,
            not_sentence=True,
        ),
        Rule(
            "ticker",
            "Ticker and most-read headers as the whole line ('آخر الأخبار', 'الأكثر قراءة'); "
            "the scraped ticker that follows is a run-on line of unrelated headlines, dropped "
            "with it (not a sentence: see Rule.then).",
            pattern=r"^(?:(?:آخر|أحدث)\s+(?:الأخبار|الأنباء|المستجدات|التحديثات)"
            r"|شريط الأخبار|أخبار عاجلة|الأكثر قراءة|الأكثر مشاهدة|الأكثر تداولا"
            r"|الأكثر شعبية|breaking news|latest news|most read)\s*:?$",
            max_words=4,
            then=1,
        ),
        Rule(
            "ticker_inline",
            "A ticker header, a separator and its headlines scraped onto one line that is no "
            "sentence ('آخر الأخبار: ...').",
            pattern=r"^(?:آخر الأخبار|شريط الأخبار|أخبار عاجلة)\s*[:|-]\s*\S",
            max_words=10_000,
            not_sentence=True,
        ),
        Rule(
            "related_list",
            "'مقالات متعلقة'/'أخبار ذات صلة' headers as the whole line, and the list of headlines "
            "under them.",
            pattern=r"^(?:(?:مقالات|أخبار|مواضيع|موضوعات|قصص|تقارير|روابط)\s+"
            r"(?:متعلقة|ذات صلة|مرتبطة|مشابهة|أخرى)|قد يهمك|قد يعجبك|يهمك أيضا"
            r"|المزيد من الأخبار|related (?:articles|stories|news)|more (?:articles|stories|news)"
            r"|you may also like)\s*:?$",
            max_words=5,
            then=5,
        ),
        Rule(
            "read_also",
            "'اقرأ أيضاً:' / 'للقراءة أو الاستماع:' labels as the whole line; the next line is "
            "the linked headline.",
            pattern=rf"^(?:{_READ_ALSO}|(?:شاهد|شاهدي|استمع)\s+(?:أيضا|كذلك))\s*[:.-]?$",
            max_words=5,
            then=1,
        ),
        Rule(
            "read_also_inline",
            "A 'read also' label with the linked headline on the same line: the imperative "
            "اقرأ, or شاهد/استمع (also past tenses) only with a separator after the label.",
            pattern=rf"^(?:(?:{_READ_ALSO})\s*[:|-]?|(?:شاهد|شاهدي|استمع)\s+(?:أيضا|كذلك)\s*[:|-])"
            r"\s*\S",
            max_words=30,
        ),
        Rule(
            "donation_appeal",
            "Appeals for money in the voice of the page ('ادعم عنب بلدي', 'اضغط هنا للمساهمة', "
            "'ونحن بحاجتك لنبقى مستقلين'): money words together with an instruction to the "
            "reader, 'you' or the outlet's 'we'.",
            keywords=(
                "ادعم",
                "تبرع",
                "ساهم",
                "دولار",
                "مستقل",
                "صحاف",
                "بحاجت",
                "support",
                "donat",
            ),
            predicate=shapes.addresses_reader,
            max_words=20,
        ),
        Rule(
            "newsletter_prompt",
            "Newsletter and subscription prompts ('هل أعجبك المحتوى ... صندوق بريدك', "
            "'اشترك بنشرتنا البريدية'): newsletter words in the voice of the page.",
            keywords=("نشر", "بريد", "اشترك", "أعجبك", "newsletter", "subscri", "sign up", "inbox"),
            predicate=shapes.addresses_reader,
            max_words=40,
        ),
        Rule(
            "social_follow",
            "'Follow us on ...' prompts: following or joining the outlet's channels, in the "
            "voice of the page ('تابعونا على تلغرام', 'انضموا إلى قناتنا').",
            keywords=("تابع", "انضم", "قنات", "صفحت", "حساب", "follow"),
            predicate=shapes.addresses_reader,
            max_words=20,
        ),
        Rule(
            "photo_caption",
            "Photo captions ending in a credit '(AP)', '(رويترز)', '(أ ف ب)', typically repeated "
            "next to an icon-prefixed copy; an article sentence does not end in a photo credit.",
            predicate=shapes.is_caption,
            max_words=60,
        ),
        Rule(
            "photo_label",
            "Photo labels and credits as the whole line: 'صورة أرشيفية', 'تصوير: <name>'.",
            pattern=r"^(?:[(\[]?\s*(?:ال)?صور(?:ة)?\s+(?:أرشيفية|تعبيرية|توضيحية|من الأرشيف)"
            rf"\s*[)\]]?$|(?:ال)?(?:صورة|تصوير|صور)\s*:\s*{_NAME}|(?:photo|image|credit)s?\s*:)",
            max_words=8,
            not_sentence=True,
        ),
        Rule(
            "category_dateline",
            "Section and publication-date lines: 'سياسة | 28-11-2021, 14:13 |', 'الخميس 2 "
            "ديسمبر 2021', 'منذ 3 ساعات' (a date or time, the marks of a time stamp, and at "
            "most two other words).",
            predicate=shapes.is_dateline,
            max_words=14,
            not_sentence=True,
        ),
        Rule(
            "byline",
            "Bylines: a label and a name as the whole line ('بقلم: ...', 'كتب - ...'), or "
            "'<place> - تقرير <name>', '<place> - خاص'.",
            pattern=rf"^(?:بقلم|حاوره|حاورته|حاورها|by)\s*[:-]?\s*{_NAME}"
            rf"|^{_BYLINE_LABELS}\s*[:|-]\s*{_NAME}"
            rf"|^\S+(?:\s+\S+){{0,2}}\s+[-|]\s*(?:{_BYLINE_LABELS}|خاص|بقلم)(?:\s+\S+){{0,4}}$",
            max_words=10,
            not_sentence=True,
        ),
        Rule(
            "tag_list",
            "Tag and keyword lists, no sentence: 'الوسوم: ...', 'كلمات مفتاحية: ...'.",
            pattern=r"^(?:الوسوم|وسوم|الكلمات المفتاحية|كلمات مفتاحية|الكلمات الدالة|كلمات دالة"
            r"|التصنيفات|تصنيفات|الموضوعات|tags|keywords|topics)\s*:",
            max_words=30,
            not_sentence=True,
        ),
        Rule(
            "comments_prompt",
            "Comment widgets: an instruction to comment ('أضف تعليقاً') or a comment counter as "
            "the whole line ('التعليقات', '3 تعليقات').",
            pattern=r"^(?:(?:أضف|اترك|أكتب|اكتب|شاركنا)\s+(?:تعليق|تعليقا|تعليقك|رأيك|ردا)"
            r"|(?:التعليقات|تعليقات|\d+\s+تعليق(?:ات)?|leave a (?:comment|reply)|comments?)\s*:?$)",
            max_words=8,
        ),
        Rule(
            "advert_label",
            "Advertisement labels as the whole line: 'إعلان', 'محتوى ممول', 'Advertisement'.",
            pattern=r"^(?:إعلان|إعلانات|مساحة إعلانية|محتوى (?:مدعوم|ممول|برعاية)|advertisement"
            r"|sponsored|ad)$",
            max_words=3,
        ),
        Rule(
            "reading_time",
            "Reading-time badges as the whole line: 'وقت القراءة: 3 دقائق', '4 دقائق للقراءة'.",
            pattern=r"^(?:(?:وقت|مدة|زمن) القراءة\s*:?\s*\d+\s*(?:دقيقة|دقائق|د)"
            r"|\d+\s*(?:دقيقة|دقائق|د)\s+(?:للقراءة|قراءة)|\d+\s*min(?:ute)?s?\s+read)\s*\.?$",
            max_words=8,
        ),
        Rule(
            "rights_reserved",
            "Copyright footers: 'جميع الحقوق محفوظة', '©', 'All rights reserved' -- unless the "
            "line reports speech (a court case about rights is news).",
            pattern=r"الحقوق محفوظة|حقوق (?:النشر|الطبع)(?: والنشر)? محفوظة|©"
            r"|all rights reserved|^copyright\b|copyright\s*(?:\(c\)|\d{4})",
            predicate=shapes.not_reported,
            keywords=("محفوظ", "©", "rights reserved", "copyright"),
            max_words=25,
        ),
        Rule(
            "cookie_notice",
            "Cookie consent banners: a cookie word together with the site addressing the reader "
            "('نستخدم', 'تجربتك', 'توافق', 'this site', 'we use'), not reported speech.",
            pattern=r"^(?=.*(?:ملفات تعريف الارتباط|ملفات الارتباط|الكوكيز|cookie))"
            r"(?=.*(?:نستخدم|يستخدم (?:هذا )?الموقع|موقعنا|هذا الموقع|تجربتك|تصفحك|التصفح|توافق"
            r"|أوافق|^موافق|قبول الكل|this (?:site|website)|our (?:site|website)|we use"
            r"|you (?:agree|accept|consent)|accept all))",
            predicate=shapes.not_reported,
            keywords=("الارتباط", "الكوكيز", "cookie"),
            max_words=70,
        ),
        Rule(
            "reader_prompt",
            "Any other instruction to the reader opening a line ('اضغط هنا لمشاهدة الفيديو', "
            "'حمّل التطبيق', 'Click here'): imperatives that are no past tense, or a verb that "
            "is one followed by 'الآن'/'معنا'/'لنا'.",
            predicate=shapes.commands_reader,
            max_words=20,
        ),
        Rule(
            "lone_source_name",
            "A line that is only the outlet's name (from metadata), e.g. a trailing 'الحرة'.",
            predicate=shapes.is_source_name,
            max_words=6,
        ),
        Rule(
            TITLE_REASON,
            "The title (from metadata) repeated as the first line of the body: it is metadata.",
            predicate=shapes.is_title,
            max_words=60,
        ),
        Rule(
            "trailing_signature",
            "A short line with no sentence end followed by nothing but boilerplate: the outlet "
            "name, 'وكالات', 'انتهى' (up to three words), or a slogan opening a footer block -- "
            "a headline ellipsis or the outlet's voice ('الإعلام الموجّه يشوه الحقيقة في "
            "بلادنا..' before a donation appeal).",
            predicate=shapes.is_trailing,
            max_words=HEADING_MAX_WORDS,
            not_sentence=True,
            after=True,
        ),
        Rule(
            "boilerplate_island",
            "A short line that neither ends like a sentence, reports speech nor continues the "
            "prose with و/ف, with page furniture on both sides: it belongs to the same widget "
            "(a donation slogan between the appeal's other lines).",
            predicate=shapes.is_island,
            max_words=HEADING_MAX_WORDS,
            not_sentence=True,
            after=True,
        ),
    ]
)
"""The rules used when none are given; see each rule's ``why``."""


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
    page = Page.from_text(text, source=source, title=title)
    rules.mark(page)
    if not title:
        title = _guess_title(page)
    # Repeats before the context rules: a signature after a repeated block still trails.
    page.drop_repeats()
    rules.mark_context(page)

    dropped = page.dropped
    kept = [line for line in page.lines if dropped[line.index] is None]
    removed = tuple((reason, line.text) for line in page.lines if (reason := dropped[line.index]))
    return Cleaned(
        "\n\n".join(line.text for line in kept),
        title,
        removed,
        tuple(line.folded for line in kept),
    )


_GUESSED_TITLE = f"{TITLE_REASON} (guessed)"
_TITLE_MAX_WORDS = 20
_LEAD_MAX_LINES = 3  # kickers and the title; more is an article without full stops


def _guess_title(page: Page) -> str:
    """The title when metadata has none, from the shape of a page's top: at most three
    headline-like lines (kickers such as "رغم انتهاء مهمتها القتالية.." come before the
    title), then the lead paragraph -- a sentence. The last of those lines is the title.
    Without that shape (an outlet writing without full stops, a first line continuing a
    report with و/ف and a reporting verb) nothing is guessed."""
    lead = []
    for line in page.lines:
        if page.dropped[line.index] is not None:
            continue
        headline = (
            2 <= line.words <= _TITLE_MAX_WORDS
            and not line.sentence
            and not line.folded.endswith(":")
            # "وأضاف أن ..." continues a report; a headline never opens with "and he said"
            and not shapes.continues_report(line)
        )
        if not headline:
            if not lead or len(lead) > _LEAD_MAX_LINES or not line.sentence:
                return ""
            break
        lead.append(line)
    else:
        return ""
    page.dropped[lead[-1].index] = _GUESSED_TITLE
    return lead[-1].text


def clean_text(
    text: str, rules: CleaningRules | None = None, *, source: str = "", title: str = ""
) -> str:
    """:func:`clean` as a plain ``str -> str`` step."""
    return clean(text, rules, source=source, title=title).text
