"""Every default cleaning rule, both ways: boilerplate of several outlets goes, news of the same
shape stays.

A rule must match the *shape* of page furniture, not words that news also uses; so each rule has
rows where it must fire (``True``) and rows of real-looking news lines that look like its target
and must survive the whole rule list (``False``), the named rule included.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.ingest.cleaning import DEFAULT_RULES, clean
from factcheck.ingest.rules import Page
from factcheck.text.arabic import match_key

BEFORE = "قال وزير المالية إن الحكومة ستعلن الموازنة العامة الأسبوع المقبل بعد إقرارها."
AFTER = "وأضاف أن المفاوضات مع صندوق النقد الدولي مستمرة منذ أشهر دون نتائج واضحة."

# (rule, line between BEFORE and AFTER, dropped?). A "\n" in the line: a label and the line it
# takes along (only the first line is named by the rule).
LINE_CASES: list[tuple[str, str, bool]] = [
    ("symbol_only", "•••", True),
    ("symbol_only", "×", True),
    ("symbol_only", "| — |", True),
    ("symbol_only", "«لا».", False),
    ("icon_alt_text", "share icon", True),
    ("icon_alt_text", "image icon عناصر من الجيش خلال دورية", True),
    ("icon_alt_text", "camera iconمتظاهرون أمام مبنى البرلمان (رويترز)", True),
    ("icon_alt_text", "tag icon ع ع ع", True),
    ("icon_alt_text", "Icon Group تعلن توسعة مصنعها في الإسكندرية بقيمة 20 مليون دولار.", False),
    ("icon_alt_text", "icon الشركة التي فازت بالعقد قالت إن العمل يبدأ الشهر المقبل", False),
    ("font_size_controls", "A+ A-", True),
    ("font_size_controls", "تكبير الخط", True),
    ("font_size_controls", "تكبير الخط تصغير الخط", True),
    ("font_size_controls", "حجم النص يثير الجدل في البرلمان", False),
    ("font_size_controls", "تكبير الخط الأحمر لم يعد ممكنا", False),
    ("share_controls", "شارك فيسبوك تويتر واتساب", True),
    ("share_controls", "Facebook Twitter WhatsApp Telegram", True),
    ("share_controls", "طباعة | نسخ الرابط", True),
    ("share_controls", "شارك هذا المقال", True),
    ("share_controls", "شارك الخبر على فيسبوك", True),
    ("share_controls", "شارك على مدى يومين خبراء من عشرين دولة.", False),
    ("share_controls", "شارك عبر الفيديو وزير الخارجية الأمريكي في المؤتمر.", False),
    ("share_controls", "تويتر يحذف آلاف الحسابات المزيفة", False),
    ("breadcrumb", "الرئيسية | سياسة | لبنان", True),
    ("breadcrumb", "الرئيسية » أخبار العراق", True),
    ("breadcrumb", "Home / World / Middle East", True),
    ("breadcrumb", "فيديو | لحظة انهيار المبنى في حلب", False),
    ("breadcrumb", "الحكومة | البرلمان | الشارع: من يحكم العراق؟", False),
    ("ticker", "الأكثر قراءة\nمقتل ثلاثة في انفجار بالعاصمة", True),
    ("ticker", "شريط الأخبار:\nالرئيس يستقبل وفدا أمريكيا", True),
    ("ticker", "آخر الأخبار الواردة من الجبهة تشير إلى تقدم القوات.", False),
    (
        "ticker_inline",
        "آخر الأخبار: انقطاع الكهرباء في البصرة ارتفاع أسعار الذهب الرئيس يستقبل وفدا",
        True,
    ),
    ("ticker_inline", "أخبار عاجلة | انفجار في الميناء | الرئيس يستقبل وفدا", True),
    ("ticker_inline", "آخر الأخبار الواردة من الجبهة تشير إلى تقدم القوات", False),
    ("related_list", "أخبار ذات صلة\nالحكومة تقر الموازنة\nالبرلمان يرفض القانون", True),
    ("related_list", "مواضيع مشابهة:\nالبرلمان يرفض القانون", True),
    ("related_list", "قد يهمك", True),
    ("related_list", "تقارير أخرى تشير إلى سقوط قتلى في القصف.", False),
    ("read_also", "إقرأ أيضا\nالحكومة تقر الموازنة بعد جدل طويل", True),
    ("read_also", "للقراءة أو الاستماع:\nالقوات في العراق.. انطلاق عملية الانسحاب", True),
    ("read_also", "شاهد أيضا:\nلحظة انهيار المبنى في حلب", True),
    ("read_also", "استمع المزيد من الشهود إلى شهادات الضحايا.", False),
    ("read_also_inline", "اقرأ أيضاً: الحكومة تقر الموازنة بعد جدل طويل", True),
    ("read_also_inline", "اقرأ أيضا الحكومة تقر الموازنة بعد جدل طويل", True),
    ("read_also_inline", "شاهد أيضا: لحظة انهيار المبنى في حلب", True),
    ("read_also_inline", "شاهد أيضا عدد من السكان ألسنة اللهب تتصاعد من المبنى.", False),
    ("read_also_inline", "استمع كذلك القاضي إلى أقوال المتهمين", False),
    ("donation_appeal", "ادعم الصحافة المستقلة", True),
    ("donation_appeal", "ادعم عنب بلدي", True),
    ("donation_appeal", "تبرع الآن لدعم استمرار الموقع", True),
    ("donation_appeal", "ادعمنا لنواصل العمل", True),
    ("donation_appeal", "ساهم معنا في استمرار الصحافة المستقلة", True),
    ("donation_appeal", "سوريا بحاجة للصحافة الحرة.. ونحن بحاجتك لنبقى مستقلين", True),
    ("donation_appeal", "اضغط هنا للمساهمة", True),
    ("donation_appeal", "دعمك يساعدنا على البقاء مستقلين.", True),
    ("donation_appeal", "Support us: donate today", True),
    ("donation_appeal", "دعت الحكومة الشركات للمساهمة في إعادة الإعمار.", False),
    ("donation_appeal", "قال الوزير إن الحكومة بحاجة إلى دعم دولي.", False),
    ("donation_appeal", "ارتفع سعر الدولار الواحد إلى 1500 دينار.", False),
    ("donation_appeal", "دولار واحد يعادل 1500 دينار في السوق الموازية", False),
    ("donation_appeal", "تبرع رجل أعمال بمليون دولار لدعم المستشفى.", False),
    ("donation_appeal", "ساهم في دعم الاقتصاد المحلي قطاع السياحة.", False),
    ("donation_appeal", 'وقال رئيس التحرير: "نحن بحاجتك لنبقى مستقلين".', False),
    ("donation_appeal", "وقال المتحدث إن الصحافة الحرة ركن أساسي في أي نظام ديمقراطي.", False),
    ("donation_appeal", "دعا البنك الدولي إلى تمويل بمليار دولار لكي تبقى المدارس مفتوحة", False),
    ("newsletter_prompt", "اشترك في نشرتنا الإخبارية ليصلك كل جديد", True),
    ("newsletter_prompt", "اشترك الآن", True),
    (
        "newsletter_prompt",
        "هل أعجبك المحتوى وتريد المزيد منه يصل إلى صندوق بريدك الإلكتروني بشكلٍ دوري؟",
        True,
    ),
    ("newsletter_prompt", "انضم إلى قائمة من يقدّرون محتوى الموقع واشترك بنشرتنا البريدية.", True),
    ("newsletter_prompt", "سجل بريدك الإلكتروني لتصلك آخر الأخبار", True),
    ("newsletter_prompt", "Subscribe to our newsletter", True),
    ("newsletter_prompt", "اشترك أكثر من ألف متطوع في حملة التنظيف.", False),
    ("newsletter_prompt", "اشترك في الهجوم عشرات المسلحين من الفصائل المسلحة.", False),
    ("newsletter_prompt", "اشترك في الخدمة أكثر من مليون مستخدم خلال عام", False),
    ("newsletter_prompt", "وقالت المذيعة في النشرة الإخبارية المسائية إن الاجتماع تأجل.", False),
    ("newsletter_prompt", "نشرت الوزارة بيانا على موقعها الإلكتروني.", False),
    ("social_follow", "تابعونا على تلغرام", True),
    ("social_follow", "انضموا إلى قناتنا على واتساب", True),
    ("social_follow", "تابعوا آخر الأخبار عبر حسابنا على إنستغرام", True),
    ("social_follow", "Follow us on Twitter", True),
    ("social_follow", "انضم عبر الاتصال المرئي وزير الخارجية إلى الاجتماع.", False),
    ("social_follow", "تابع الرئيس سير العملية من غرفة العمليات", False),
    ("social_follow", "وكتب الرئيس على تويتر أن الاتفاق نهائي.", False),
    ("photo_caption", "متظاهرون أمام مبنى البرلمان في بيروت (رويترز)", True),
    ("photo_caption", "عناصر من الجيش خلال دورية (أ ف ب)", True),
    ("photo_caption", "الرئيس خلال المؤتمر الصحفي [AFP]", True),
    ("photo_caption", "وقالت الشرطة إن خمسة أشخاص قتلوا في الانفجار. (رويترز)", False),
    ("photo_caption", "وأعلن الجيش أن الدفاعات الجوية تصدت لصواريخ فوق دمشق (سانا)", False),
    ("photo_caption", "ونقلت وكالة رويترز عن مصادر أمنية أن الهجوم وقع فجرا.", False),
    ("photo_label", "صورة أرشيفية", True),
    ("photo_label", "(صورة تعبيرية)", True),
    ("photo_label", "تصوير: علي حسين", True),
    ("photo_label", "Photo: Reuters", True),
    ("photo_label", "صور من الأرشيف تكشف حجم الدمار", False),
    ("photo_label", "صورة الرئيس ترفع في الساحات", False),
    ("category_dateline", "الخميس 2 ديسمبر 2021 - 10:30 ص", True),
    ("category_dateline", "نشر في: 28/11/2021 آخر تحديث: 29/11/2021", True),
    ("category_dateline", "اقتصاد | منذ 3 ساعات", True),
    ("category_dateline", "2021-11-28T14:13:00", True),
    ("category_dateline", "2 ديسمبر 2021", True),
    ("category_dateline", "الانتخابات في 10 أكتوبر 2021", False),
    ("category_dateline", "موعد القمة 15 مارس", False),
    ("category_dateline", "وقع الانفجار في 12 مايو 2021.", False),
    ("category_dateline", "وأكد أن القوات ستبقى حتى 31 ديسمبر 2021.", False),
    ("byline", "بقلم: أحمد علي", True),
    ("byline", "بقلم د. سامي الخطيب", True),
    ("byline", "كتب - محمد حسن", True),
    ("byline", "ترجمة: سارة أحمد", True),
    ("byline", "بيروت - خاص", True),
    ("byline", "بغداد اليوم - تقرير محمود المفرجي", True),
    ("byline", "تقرير الأمم المتحدة يحذر من المجاعة في اليمن", False),
    ("byline", "الحكومة العراقية: تحرير الموصل خلال أسابيع", False),
    ("byline", "ترجمة الاتفاق إلى العربية تثير جدلا", False),
    ("byline", "متابعة لملف الانتخابات في البرلمان", False),
    ("byline", "كتب الرئيس على تويتر أن الاتفاق نهائي.", False),
    ("tag_list", "الوسوم: العراق، الولايات المتحدة، الانسحاب", True),
    ("tag_list", "كلمات مفتاحية: الموازنة", True),
    ("tag_list", "Tags: Iraq, US", True),
    ("tag_list", "الموضوعات التي ناقشها الاجتماع شملت الأمن والاقتصاد.", False),
    ("tag_list", "التصنيفات: الحكومة تعيد النظر في تصنيف الفصائل المسلحة.", False),
    ("comments_prompt", "أضف تعليقاً", True),
    ("comments_prompt", "اترك رداً", True),
    ("comments_prompt", "3 تعليقات", True),
    ("comments_prompt", "التعليقات:", True),
    ("comments_prompt", "التعليقات الرسمية على القرار جاءت متأخرة.", False),
    ("comments_prompt", "كما أعلنت الوزارة أن 3 تعليقات رسمية صدرت بشأن القرار.", False),
    ("advert_label", "إعلان", True),
    ("advert_label", "محتوى ممول", True),
    ("advert_label", "Advertisement", True),
    ("advert_label", "إعلان حالة الطوارئ في البصرة", False),
    ("reading_time", "وقت القراءة: 3 دقائق", True),
    ("reading_time", "4 دقائق للقراءة", True),
    ("reading_time", "5 min read", True),
    ("reading_time", "وقت القراءة لدى الأطفال يتراجع", False),
    ("reading_time", "تراجع وقت القراءة لدى الأطفال إلى 10 دقائق يوميا.", False),
    ("rights_reserved", "جميع الحقوق محفوظة © 2024 شبكة الأخبار", True),
    ("rights_reserved", "© 2023 All rights reserved", True),
    ("rights_reserved", "حقوق النشر محفوظة لموقع المدى 2024", True),
    ("rights_reserved", "وقال المحامي إن جميع الحقوق محفوظة للورثة بموجب القانون.", False),
    (
        "cookie_notice",
        "نستخدم ملفات تعريف الارتباط (الكوكيز) لتحسين تجربتك على موقعنا. باستمرارك في التصفح "
        "فإنك توافق على ذلك.",
        True,
    ),
    ("cookie_notice", "This site uses cookies. By continuing you accept our use of cookies.", True),
    (
        "cookie_notice",
        "وأصدرت المحكمة حكما يلزم الشركات بطلب موافقة المستخدمين قبل استخدام ملفات تعريف الارتباط.",
        False,
    ),
    (
        "cookie_notice",
        "وقال خبراء إن هذا الموقع يستخدم ملفات تعريف الارتباط لتتبع المستخدمين.",
        False,
    ),
    ("reader_prompt", "اضغط هنا لمشاهدة الفيديو", True),
    ("reader_prompt", "انقر على الصورة لتكبيرها", True),
    ("reader_prompt", "Click here to watch the video", True),
    ("reader_prompt", "ما الذي يعنيه ارتفاع الأسعار بالنسبة لك؟", False),
    ("reader_prompt", "حمل المتظاهرون لافتات تندد بالفساد.", False),
    ("reader_prompt", "شاهد السكان الدخان يتصاعد من المصفاة.", False),
    ("reader_prompt", "وتابع: نحن مستعدون للحوار.", False),
    ("reader_prompt", 'ودعا الرئيس المواطنين قائلا: "اضغطوا على ممثليكم".', False),
]


def _case_id(case: tuple[str, str, bool]) -> str:
    rule, _, dropped = case
    return f"{rule}-{'drops' if dropped else 'keeps'}"


@pytest.mark.parametrize(("rule", "line", "dropped"), LINE_CASES, ids=map(_case_id, LINE_CASES))
def test_rule_drops_its_boilerplate_and_keeps_news_of_the_same_shape(rule, line, dropped):
    cleaned = clean(f"{BEFORE}\n\n{line}\n\n{AFTER}")
    if dropped:
        assert cleaned.text == f"{BEFORE}\n\n{AFTER}"
        assert cleaned.removed[0] == (rule, line.split("\n")[0])
    else:
        assert cleaned.text.split("\n\n") == [BEFORE, line, AFTER], cleaned.removed
        page = Page.from_text(f"{BEFORE}\n{line}\n{AFTER}")
        assert not DEFAULT_RULES.get(rule).matches(page.lines[1], page)


def test_every_rule_has_a_negative_and_a_positive_row():
    """Context rules (metadata, position on the page) are tested in the next table."""
    in_table = {(rule, dropped) for rule, _, dropped in LINE_CASES}
    in_context = {(rule, dropped) for rule, *_, dropped in CONTEXT_CASES}
    for name in DEFAULT_RULES.names:
        for dropped in (True, False):
            assert (name, dropped) in in_table | in_context, (name, dropped)


FOOTER = "جميع الحقوق محفوظة © 2024"
NO_STOP = "وتستمر المعارك في ريف إدلب منذ أسبوعين"  # an outlet writing without full stops

# (rule, lines, index of the line under test, keyword arguments of clean, dropped?)
CONTEXT_CASES: list[tuple[str, list[str], int, dict[str, str], bool]] = [
    ("lone_source_name", [BEFORE, AFTER, "الحرة"], 2, {"source": "الحرة"}, True),
    (
        "lone_source_name",
        [BEFORE, "ونقل موقع الحرة عن مصادر أن الاجتماع تأجل.", AFTER],
        1,
        {"source": "الحرة"},
        False,
    ),
    (
        "title_line",
        ["الحكومة تعلن موعد الانتخابات", BEFORE],
        0,
        {"title": "الحكومة تعلن موعد الانتخابات"},
        True,
    ),
    (
        "title_line",
        [BEFORE, "وقال مسؤول: الحكومة تعلن موعد الانتخابات", AFTER],
        1,
        {"title": "الحكومة تعلن موعد الانتخابات"},
        False,
    ),
    ("trailing_signature", [BEFORE, AFTER, "وكالات"], 2, {}, True),
    ("trailing_signature", [BEFORE, AFTER, "انتهى", FOOTER], 2, {}, True),
    (
        "trailing_signature",
        [BEFORE, AFTER, "الإعلام الموجّه يشوه الحقيقة في بلادنا ويطيل أمد الحرب..", "ادعم عنب بلدي"],
        2,
        {},
        True,
    ),
    ("trailing_signature", [BEFORE, AFTER, NO_STOP, FOOTER], 2, {}, False),
    ("trailing_signature", [BEFORE, AFTER, "ولم يصب أحد", FOOTER], 2, {}, False),
    ("trailing_signature", [BEFORE, AFTER, "وأكد أن العجز سينخفض هذا العام", FOOTER], 2, {}, False),
    (
        "boilerplate_island",
        [BEFORE, "ادعم عنب بلدي", "دولار واحد شهريًا يصنع الفرق", "اضغط هنا للمساهمة", AFTER],
        2,
        {},
        True,
    ),
    (
        "boilerplate_island",
        [BEFORE, "صورة أرشيفية", NO_STOP, "اقرأ أيضا: الحكومة تقر الموازنة", AFTER],
        2,
        {},
        False,
    ),
    (
        "boilerplate_island",
        [BEFORE, "صورة أرشيفية", "ويقول السكان إن القصف لم يتوقف", "تصوير: علي حسين", AFTER],
        2,
        {},
        False,
    ),
]


@pytest.mark.parametrize(
    ("rule", "lines", "index", "kwargs", "dropped"),
    CONTEXT_CASES,
    ids=[f"{c[0]}-{'drops' if c[-1] else 'keeps'}" for c in CONTEXT_CASES],
)
def test_context_rule_drops_furniture_and_keeps_news(rule, lines, index, kwargs, dropped):
    cleaned = clean("\n".join(lines), **kwargs)
    reasons = dict((line, reason) for reason, line in cleaned.removed)
    if dropped:
        assert reasons.get(lines[index]) == rule
    else:
        assert lines[index] not in reasons
        assert lines[index] in cleaned.text.split("\n\n")


# --------------------------------------------------------------------------- the title guess


def test_title_is_guessed_only_from_the_shape_of_a_page_top():
    title = "الحكومة تعلن موعد الانتخابات"
    assert clean(f"{title}\n{BEFORE}\n{AFTER}").title == title
    # an outlet without full stops: nothing reads as the lead paragraph, so no guess
    no_stops = [title, NO_STOP, "ويقول السكان إن القصف لم يتوقف", "وأكد أن العجز سينخفض"]
    cleaned = clean("\n".join(no_stops))
    assert cleaned.title == ""
    assert cleaned.text.split("\n\n") == no_stops
    # a first line continuing a report with و/ف is no headline; a word whose root starts
    # with و (وزير, واشنطن) is no conjunction
    assert clean(f"وأكد الوزير أن العجز سينخفض هذا العام\n{BEFORE}").title == ""
    assert clean(f"وزير الدفاع يصل إلى بغداد\n{BEFORE}").title == "وزير الدفاع يصل إلى بغداد"
    assert clean(f"واشنطن تعلن سحب قواتها\n{BEFORE}").title == "واشنطن تعلن سحب قواتها"
    # more than a kicker, a title and a subtitle before the first sentence: no page top
    many = ["عنوان أول هنا", "عنوان ثان هنا", "عنوان ثالث هنا", "عنوان رابع هنا"]
    assert clean("\n".join([*many, BEFORE])).title == ""


# --------------------------------------------------------------------------- properties

_POOL = [
    BEFORE,
    AFTER,
    NO_STOP,
    FOOTER,
    "الحرة",
    *(line for _, line, _ in LINE_CASES[::3]),
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_POOL), min_size=1, max_size=14))
def test_cleaning_a_cleaned_text_changes_nothing(lines):
    # With the title given (no guess) cleaning is idempotent: what it keeps, it keeps again.
    once = clean("\n".join(lines), title="عنوان المقال")
    twice = clean(once.text, title="عنوان المقال")
    assert twice.text == once.text
    assert twice.removed == ()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_POOL), min_size=1, max_size=14))
def test_kept_lines_are_original_lines_in_order_and_removed_ones_are_accounted_for(lines):
    text = "\n".join(lines)
    cleaned = clean(text)
    originals = [line.strip() for line in text.split("\n") if line.strip()]
    kept = cleaned.text.split("\n\n") if cleaned.text else []
    assert sorted(kept + [line for _, line in cleaned.removed]) == sorted(originals)
    it = iter(originals)
    assert all(any(k == o for o in it) for k in kept)
    assert list(cleaned.keys) == [match_key(k) for k in kept]


# --------------------------------------------------------------------------- whole pages

# Pages as scraped from outlets laid out unlike the five samples: (page, the news lines).
PAGES = [
    (
        [
            "الرئيسية | سياسة | لبنان",
            "الأربعاء 14 شباط 2024 - 09:15",
            "بيروت - خاص",
            "A+ A-",
            "طباعة | نسخ الرابط",
            "أعلنت وزارة الطاقة اللبنانية عن خطة جديدة لزيادة ساعات التغذية الكهربائية.",
            "وقال الوزير إن الخطة تعتمد على شحنات الفيول العراقي.",
            "مولدات كهربائية في أحد أحياء بيروت (أ ف ب)",
            "اقرأ أيضاً: أزمة الكهرباء تتفاقم مع بداية الصيف",
            "وأضاف أن التغذية سترتفع إلى عشر ساعات يوميا بحلول الربيع.",
            "الوسوم: لبنان، الكهرباء، الطاقة",
            "اشترك في نشرتنا الإخبارية ليصلك كل جديد",
            "تابعونا على تلغرام",
            "جميع الحقوق محفوظة © 2024",
        ],
        [5, 6, 9],
    ),
    (
        [
            "الأكثر قراءة",
            "ارتفاع أسعار الذهب في الأسواق المحلية",
            "نشر في: 03/05/2023 آخر تحديث: 03/05/2023",
            "بقلم: سالم المري",
            "وقت القراءة: 4 دقائق",
            "قررت الحكومة رفع الحد الأدنى للأجور بنسبة 15 في المئة اعتبارا من الشهر المقبل.",
            "صورة أرشيفية",
            "وقال وزير العمل إن القرار يشمل العاملين في القطاع الخاص.",
            "إعلان",
            "ودعت الحكومة الشركات للمساهمة في تمويل برامج التدريب.",
            "شارك هذا المقال",
            "أضف تعليقاً",
            "3 تعليقات",
            "اضغط هنا لتحميل تطبيقنا",
        ],
        [5, 7, 9],
    ),
]


@pytest.mark.parametrize(("page", "news"), PAGES, ids=["levant", "gulf"])
def test_pages_of_other_outlets_keep_only_their_news(page, news):
    cleaned = clean("\n".join(page))
    assert cleaned.text.split("\n\n") == [page[k] for k in news]
