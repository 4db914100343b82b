from __future__ import annotations

import hashlib
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.arabic import fold, words
from factcheck.corpus import Corpus, Document, Passage, load_corpus, sample_corpus_path
from factcheck.provenance import (
    Clusters,
    _near,
    _UnionFind,
    attribution,
    cluster_corpus,
    cluster_passages,
    near_duplicate,
    speaker_of,
    speakers_for_document,
)

# --------------------------------------------------------------------------------------------
# Speakers
# --------------------------------------------------------------------------------------------

SPEAKERS = [
    # From the sample articles (several outlets, several attribution shapes).
    (
        "قال متحدث باسم البنتاغون للحرة، الخميس، إن القوات الأميركية تواصل عملية الانتقال.",
        "متحدث باسم البنتاغون",
    ),
    (
        "وكان اللواء يحيى رسول قال للوكالة العراقية الرسمية، الخميس، إن الانسحاب بدأ فعليا.",
        "اللواء يحيى رسول",
    ),
    (
        "وكان الناطق باسم القوات المسلحة اللواء يحيى رسول قال "
        "للوكالة العراقية الرسمية، إن الانسحاب بدأ.",
        "اللواء يحيى رسول",
    ),
    ('وأوضح رسول أن "الانسحاب يجري وفق الخطة التي وضعت".', "رسول"),
    (
        "وفي يوليو الماضي، أعلن الرئيس الأميركي، جو بايدن أن الولايات المتحدة ستنهي مهمتها.",
        "جو بايدن",
    ),
    (
        "وقال قائد القيادة المركزية الأميركية، كينيث ماكنزي "
        "الشهر الماضي إن التخفيض لن يضعف الالتزام.",
        "كينيث ماكنزي",
    ),
    (
        "وفي بيان مشترك صدر في يوليو الماضي قالت واشنطن وبغداد إن العلاقة الأمنية ستنتقل.",
        "واشنطن وبغداد",
    ),
    ("وأضاف البيان أنه لن تكون هناك قوات أميركية ذات دور قتالي في العراق.", "البيان"),
    (
        "قال مسؤول رفيع في وزارة الدفاع الأمريكية، إن القوات قادرة على الدفاع عن نفسها.",
        "مسؤول رفيع في وزارة الدفاع الأمريكية",
    ),
    (
        "وفي تصريحات لموقع قناة “الحرة“، الجمعة 10 من كانون الأول، قال "
        "المسؤول في “البنتاغون”، إن “القوات تمتلك القدرة”.",
        "المسؤول في البنتاغون",
    ),
    (
        "وفي 9 من كانون الأول الحالي، أعلن مستشار الأمن القومي "
        "العراقي، قاسم الأعرجي، انتهاء المهمة القتالية.",
        "قاسم الأعرجي",
    ),
    (
        "وأعلن الناطق باسم القائد العام للقوات المسلحة، اللواء يحيى "
        "رسول، في 9 من آب الماضي، أن هذه أول قوة تنسحب.",
        "اللواء يحيى رسول",
    ),
    (
        "وفي 26 من تموز الماضي، أعلن الرئيس الأمريكي، جو بايدن، ورئيس "
        "الوزراء العراقي، مصطفى الكاظمي، انتهاء الدور القتالي.",
        "جو بايدن",
    ),
    (
        "وفي آذار الماضي، قال الكاظمي إن بلاده نجحت في تخفيض عدد القوات الأجنبية بنسبة 60%.",
        "الكاظمي",
    ),
    (
        "وكانت قوات “التحالف الدولي” أعلنت، في 7 من آب الماضي، انسحاب قوات من القاعدة.",
        "قوات التحالف الدولي",
    ),
    (
        "وذكرت قيادة العمليات المشتركة أن: «مستشار الأمن القومي استضاف اجتماعا».",
        "قيادة العمليات المشتركة",
    ),
    (
        "وفي (8 أكتوبر) المنصرم، أعلن الناطق باسم القائد العام للقوات المسلحة "
        "العراقية، اللواء يحيى_رسول، مباشرة القوات بالانسحاب.",
        "اللواء يحيى رسول",
    ),
    ("كذلك بين رسول أن: «عددا من المستشارين الأميركيين سيتواجدون في معسكرات».", "رسول"),
    (
        "الى ذلك نفت قيادة العمليات المشتركة العراقية تمديد "
        "موعد انسحاب القوات الأمريكية من العراق.",
        "قيادة العمليات المشتركة العراقية",
    ),
    (
        "وقال المتحدث باسم قيادة العمليات المشتركة العراقية اللواء "
        "تحسين الخفاجي، في تصريحات صحفية، إن الموعد ثابت.",
        "اللواء تحسين الخفاجي",
    ),
    (
        "وكان مستشار الأمن القومي، قاسم الأعرجي، أكد في وقت سابق "
        "للسفير الأمريكي أن العلاقة شراكة طويلة الأمد.",
        "قاسم الأعرجي",
    ),
    (
        "وفي مطلع أكتوبر الماضي، أكد اللواء يحيى رسول، المتحدث باسم القائد "
        "العام للقوات المسلحة العراقية، أن القوات بدأت الانسحاب.",
        "اللواء يحيى رسول",
    ),
    ("مسؤول: القوات الأمريكية في العراق مستعدة للدفاع عن نفسها", "مسؤول"),
    # Invented: economy, health, sports, other sources and word orders.
    ("قال وزير المالية المصري محمد معيط، الأحد، إن معدل التضخم تراجع إلى 5%.", "محمد معيط"),
    ("أعلنت وزارة الصحة السعودية تسجيل 120 إصابة جديدة بفيروس كورونا.", "وزارة الصحة السعودية"),
    (
        "وقال مدرب المنتخب المغربي وليد الركراكي في مؤتمر صحفي إن الفريق جاهز للمباراة.",
        "وليد الركراكي",
    ),
    ("أكد اللاعب محمد صلاح أن هدفه الفوز بالدوري هذا الموسم.", "محمد صلاح"),
    ("وبحسب منظمة الصحة العالمية، ارتفع عدد الحالات إلى 300 ألف حالة.", "منظمة الصحة العالمية"),
    ("ارتفعت أسعار النفط بنسبة 3% يوم الاثنين، وفقا لبيانات بورصة لندن.", "بيانات بورصة لندن"),
    ("وقالت الدكتورة سارة أحمد، مديرة المستشفى، إن الوضع تحت السيطرة.", "الدكتورة سارة أحمد"),
    ("نقلا عن مصادر أمنية، قتل ثلاثة مسلحين في الهجوم.", "مصادر أمنية"),
    (
        "وجاء ذلك على لسان رئيس الاتحاد الأردني لكرة القدم خلال مؤتمر صحفي.",
        "رئيس الاتحاد الأردني لكرة القدم",
    ),
    ("وزير الصحة: لا إصابات جديدة بالكوليرا في البلاد", "وزير الصحة"),
    ("البنك المركزي قال إن أسعار الفائدة ستبقى دون تغيير.", "البنك المركزي"),
    ("وحذر خبراء اقتصاديون من ارتفاع معدلات التضخم خلال العام المقبل.", "خبراء اقتصاديون"),
    ("وشدد رئيس الوزراء على أن الحكومة لن تتراجع عن الإصلاحات.", "رئيس الوزراء"),
    ("وكان رئيس النادي قد أعلن في وقت سابق أن المدرب باق في منصبه.", "رئيس النادي"),
    ("«الاقتصاد يتعافى بسرعة»، قال المسؤول.", "المسؤول"),
    ("وأوضحت الشركة في بيان أن أرباحها ارتفعت 12% في الربع الأول.", "الشركة"),
    ("ويقول الخبير الاقتصادي أحمد ذكري إن الأسعار ستواصل الارتفاع.", "أحمد ذكري"),
    ("وأفاد مراسل الجزيرة بأن الاشتباكات تجددت صباح اليوم.", "مراسل الجزيرة"),
    (
        "قال الأمين العام للأمم المتحدة أنطونيو غوتيريش إن العالم يواجه أزمة غذاء.",
        "أنطونيو غوتيريش",
    ),
    ("وتوقع صندوق النقد الدولي أن ينمو الاقتصاد بنسبة 4% هذا العام.", "صندوق النقد الدولي"),
    ("ونفت الوزارة وجود أي إصابات في صفوف الطلاب.", "الوزارة"),
    ("وذكرت صحيفة نيويورك تايمز أن المفاوضات وصلت إلى طريق مسدود.", "صحيفة نيويورك تايمز"),
    ("حسب مصادر طبية، تم نقل المصابين إلى المستشفى.", "مصادر طبية"),
    (
        "وأكدت وزيرة الصحة الدكتورة هالة زايد، خلال اجتماع الحكومة، أن اللقاحات متوفرة.",
        "الدكتورة هالة زايد",
    ),
    ("قال النائب عن كتلة التغيير سامي الحسن إن الموازنة تأخرت.", "سامي الحسن"),
    # Diacritics, hamza and tatweel variants read the same.
    ("وقَالَ وزيرُ الـمالية إنّ العجزَ انخفضَ.", "وزيرُ الـمالية"),
    # Negatives: no speaker.
    ("ارتفعت أسعار الذهب بنسبة 2% خلال تعاملات اليوم.", ""),
    ("يجري الانسحاب وفق الخطة المتفق عليها بين الطرفين.", ""),
    ("فاز الفريق بثلاثة أهداف مقابل هدف واحد في المباراة النهائية.", ""),
    ("تقع المدينة بين النهرين على بعد 50 كيلومترا من العاصمة.", ""),
    ("أظهرت البيانات ارتفاع معدل البطالة إلى 7% في الربع الثاني.", ""),
    ("رأي الشارع منقسم حول القرار الأخير للحكومة.", ""),
    ("تابع آلاف المشجعين المباراة عبر الشاشات العملاقة.", ""),
    ("لم يقل الوزير شيئا عن الأزمة.", ""),
    ("وعادت القوات الأميركية إلى العراق بعد خروجها منه، عام 2011، استنادا إلى اتفاقية الإطار.", ""),
    ("وعددهم سيكون حسب تقدير القيادة العسكرية العراقية.", ""),
    (
        "في الوقت الذي تؤكد القوات الأمريكية في العراق، انتقال مهامها من القتالية الى الاستشارية.",
        "",
    ),
    ("وجنود أمريكيون يقومون بدورية في منطقة ريفية بالقرب من موقع تابع للائتلاف.", ""),
    ("يشار إلى أن القوات الأميركية تتواجد في العراق منذ صيف 2014.", ""),
    ("", ""),
    # Continuations name nobody on their own.
    ('وأضاف أن "عددا من الوحدات القتالية تتهيأ لعملية الانسحاب".', ""),
    ("وأضافت في بيان أن: «المباحثات مستمرة».", ""),
    ("مؤكدة: «التزامها بالشراكة المستمرة».", ""),
]


@pytest.mark.parametrize(("text", "speaker"), SPEAKERS)
def test_speaker_of(text: str, speaker: str) -> None:
    assert speaker_of(text) == speaker


@pytest.mark.parametrize(
    "text",
    [
        "وأضاف أن الموعد ثابت.",
        "وأوضح أنه لم تجر أي عملية انسحاب.",
        "ولفت إلى أن ما قد يجري مستقبلا هو تبديل روتيني.",
        'وتابع: "الانسحاب يجري وفق الخطة".',
        "قائلا في تصريح صحفي حينها إن: «القوات بدأت بالانسحاب».",
        "كما لفت إلى أن تواجد المستشارين سيكون ضمن معسكرات عراقية.",
        "وأردفت أن: «هناك تنسيقا في تسليم المعدات».",
    ],
)
def test_continuations_are_flagged(text: str) -> None:
    a = attribution(text)
    assert a is not None and a.continuation and a.speaker == ""


def test_attribution_span_points_at_the_speaker_in_the_original_text() -> None:
    text = "وقال المتحدث باسم القيادة اللواء تحسين الخفاجي إن الموعد ثابت"
    a = attribution(text)
    assert a is not None and not a.continuation
    assert text[a.span[0] : a.span[1]] == "اللواء تحسين الخفاجي"
    assert a.cue == "وقال"


def _doc(doc_id: str, texts: list[str]) -> list[Passage]:
    return [Passage(f"{doc_id}-{i}", doc_id, t, 0, len(t), i) for i, t in enumerate(texts)]


def test_continuations_inherit_across_adjacent_passages_only() -> None:
    passages = _doc(
        "d",
        [
            "قال وزير التجارة أحمد سعيد إن الصادرات ارتفعت 8%.",
            "وأضاف أن الواردات تراجعت.",  # inherits
            "وأوضح أن العجز التجاري انخفض.",  # chain of continuations
            "وارتفعت أسعار القمح في الأسواق العالمية.",  # unattributed: breaks the chain
            "وأضاف أن الأسعار ستستقر.",  # nobody to inherit from
            "وقالت المتحدثة باسم الوزارة هدى علي إن الرسوم لن ترتفع.",  # new explicit speaker
            "وتابعت: «القرار نهائي».",
        ],
    )
    assert speakers_for_document(passages) == [
        "أحمد سعيد",
        "أحمد سعيد",
        "أحمد سعيد",
        "",
        "",
        "هدى علي",
        "هدى علي",
    ]


def test_continuation_does_not_cross_documents_but_skips_a_crosshead() -> None:
    a = _doc("a", ["قال رئيس البنك إن الفائدة ثابتة."])
    b = _doc("b", ["وأضاف أن التضخم سينخفض."])
    assert speakers_for_document(a + b) == ["رئيس البنك", ""]
    with_crosshead = _doc(
        "c", ["قال رئيس البنك إن الفائدة ثابتة.", "الفائدة والتضخم", "وأضاف أن التضخم سينخفض."]
    )
    assert speakers_for_document(with_crosshead) == ["رئيس البنك", "", "رئيس البنك"]


@pytest.fixture(scope="module")
def sample() -> Corpus:
    return load_corpus(sample_corpus_path())


def _doc_of(corpus: Corpus, prefix: str) -> Document:
    return next(d for d in corpus.documents if d.doc_id.startswith(prefix))


def _passage(corpus: Corpus, prefix: str, contains: str) -> Passage:
    return next(p for p in _doc_of(corpus, prefix).passages if contains in p.text)


def test_sample_speakers_with_inheritance(sample: Corpus) -> None:
    doc = _doc_of(sample, "002")
    speakers = dict(
        zip((p.text for p in doc.passages), speakers_for_document(doc.passages), strict=True)
    )
    by = {
        next(t for t in speakers if key in t): s
        for key, s in [
            ("وأضافت في بيان", "قيادة العمليات المشتركة"),
            ("وأردفت أن: «معاون", "قيادة العمليات المشتركة"),
            ("مؤكدة:", "الأطراف المجتمعة"),
            ("قائلا في تصريح", "اللواء يحيى رسول"),
            ("عقدت قيادة العمليات", ""),
        ]
    }
    for text, expected in by.items():
        assert speakers[text] == expected, text


PARSER_TOKENS = " ".join(
    [
        'قال وقال أكدت وأضاف أن إن : ، . « » " اللواء يحيى رسول وزير الصحة في بيان للوكالة',
        "الخميس بحسب وفقا ل مصادر على لسان كان قد 60% 2021 المتحدث باسم الجيش تابع بين و",
        "علي هدى للوزارة لوزارة",
    ]
).split(" ")


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(PARSER_TOKENS),
        max_size=25,
    )
)
def test_speaker_is_always_drawn_from_the_text(tokens: list[str]) -> None:
    text = " ".join(tokens)
    speaker = speaker_of(text)
    folded = fold(text)
    for w in words(fold(speaker)):
        # «وفقا للوزارة» -> «الوزارة»: the article ل swallowed is restored.
        assert w in folded or (w.startswith("ال") and "ل" + w[2:] in folded), (text, speaker)


# --------------------------------------------------------------------------------------------
# Syndication
# --------------------------------------------------------------------------------------------

BASE = (
    "وقال المتحدث باسم وزارة الصحة إن عدد الإصابات الجديدة بلغ 450 إصابة خلال الأسبوع الماضي "
    "وإن الوزارة وزعت أكثر من مليون جرعة من اللقاح على المراكز الصحية في المحافظات الجنوبية"
)


@pytest.mark.parametrize(
    ("other", "same"),
    [
        (BASE, True),  # identical
        (BASE.replace("الجنوبية", "الشمالية"), True),  # a word changed
        (BASE.replace("المتحدث", "الناطق").replace("450", "470"), True),  # two words changed
        (BASE.replace(" إن ", "، إن ") + ".", True),  # punctuation
        (BASE.replace("الإصابات", "الإِصابَات").replace("قال", "قـال"), True),  # diacritics, tatweel
        (BASE.replace("اللقاح", "اللقاحِ").replace("450", "٤٥٠"), True),  # Arabic-Indic digits
        (BASE.replace("الصحية", "الصحيه").replace("إن", "ان"), True),  # spelling variants
        ("وأفادت مصادر طبية بأن " + BASE + " بحسب ما نشرته الصحيفة اليوم", True),  # contained
        (
            "وأعلنت وزارة الصحة أن عدد الإصابات الجديدة تراجع خلال الأسبوع الماضي بعد توزيع "
            "جرعات اللقاح على المراكز الصحية، فيما حذر أطباء من موجة جديدة في المحافظات",
            False,  # same topic, different statement
        ),
        (
            "قال المتحدث باسم وزارة التربية إن عدد الطلاب الجدد بلغ 450 ألف طالب خلال العام "
            "الدراسي الماضي وإن الوزارة وزعت أكثر من مليون كتاب على المدارس",
            False,  # same sentence frame, different facts
        ),
        ("عدد الإصابات الجديدة", False),  # too short to be a copy
    ],
)
def test_near_duplicate(other: str, same: bool) -> None:
    assert near_duplicate(BASE, other) is same
    assert near_duplicate(other, BASE) is same


def test_sample_different_rewrites_of_one_fact_do_not_cluster(sample: Corpus) -> None:
    a = _passage(sample, "000", "وتمكنت القوات الأميركية والعراقية")
    b = _passage(sample, "003", "وتمكنت القوات العراقية والحشد الشعبي")
    assert not near_duplicate(a.text, b.text)
    c = _passage(sample, "003", "نفت قيادة العمليات المشتركة العراقية تمديد")
    d = _passage(sample, "004", "أكدت قيادة العمليات المشتركة العراقية")
    assert not near_duplicate(c.text, d.text)


@pytest.mark.parametrize(
    ("inter", "a", "b", "near"),
    [
        (14, 17, 17, True),  # Jaccard exactly 0.7 (14 / 20)
        (13, 17, 17, False),  # Jaccard 0.62, containment 0.76
        (8, 10, 30, True),  # containment exactly 0.8 of a 10-shingle passage
        (7, 10, 30, False),  # containment 0.7
        (6, 7, 30, False),  # containment 0.86 but too short for the containment rule
        (7, 7, 8, True),  # short, but Jaccard 0.875
    ],
)
def test_threshold_boundaries(inter: int, a: int, b: int, near: bool) -> None:
    assert _near(inter, a, b) is near


def _corpus(docs: dict[str, tuple[str, list[str]]]) -> Corpus:
    out = []
    for doc_id, (date, texts) in docs.items():
        out.append(Document(doc_id, "\n".join(texts), tuple(_doc(doc_id, texts)), date=date))
    return Corpus.from_documents(out)


def test_clusters_original_copies_and_independence() -> None:
    edited = BASE.replace("الجنوبية", "الشمالية")
    other = "وفاز المنتخب الوطني على نظيره بثلاثة أهداف مقابل هدف في المباراة الودية أمس"
    corpus = _corpus(
        {
            "early": ("2024-01-02", ["مقدمة عن الخبر في سطر أول طويل بما يكفي هنا", edited]),
            "late": ("2024-01-05", [BASE, other]),
        }
    )
    # "late" comes first in passage order, but "early" has the earlier date.
    passages = list(corpus.document("late").passages) + list(corpus.document("early").passages)
    clusters = cluster_passages(passages, corpus)
    assert isinstance(clusters, Clusters) and len(clusters) == 4
    cid = clusters["late-0"]
    assert clusters.cluster_of("early-1") == cid
    c = clusters.cluster(cid)
    assert c.original == "early-1" and c.members == ("early-1", "late-0") and c.syndicated
    assert cid == "k-" + hashlib.sha1(b"early-1").hexdigest()[:12]
    assert clusters.is_independent("early-1") and not clusters.is_independent("late-0")
    assert clusters.copies_of("late-0") == ("early-1",)
    assert clusters.copies_of("early-1") == ("late-0",)
    assert clusters.original_of("late-0") == "early-1"
    assert clusters.members(clusters["late-1"]) == ("late-1",)
    assert clusters.copies_of("late-1") == () and clusters.is_independent("late-1")
    assert [k.cluster_id for k in clusters.syndicated()] == [cid]
    with pytest.raises(KeyError, match="nope"):
        clusters.cluster_of("nope")


def test_unknown_date_falls_back_to_document_order() -> None:
    corpus = _corpus({"first": ("", [BASE]), "second": ("2024-01-01", [BASE + " اليوم"])})
    clusters = cluster_corpus(corpus)
    assert clusters.original_of("second-0") == "first-0"
    assert not clusters.is_independent("second-0")


def test_same_document_passages_are_not_syndication() -> None:
    corpus = _corpus({"a": ("", [BASE, BASE.replace("الجنوبية", "الشمالية")]), "b": ("", [])})
    clusters = cluster_corpus(corpus)
    assert clusters["a-0"] != clusters["a-1"]
    assert clusters.syndicated() == ()


def test_chains_of_light_edits_form_one_cluster() -> None:
    v1 = BASE
    v2 = v1.replace("الجنوبية", "الشمالية").replace("450", "451")
    v3 = v2.replace("المراكز", "المستشفيات").replace("مليون", "مليوني")
    v4 = v3.replace("الأسبوع", "الشهر").replace("اللقاح", "الدواء")
    assert not near_duplicate(v1, v4)
    corpus = _corpus({f"d{i}": ("", [t]) for i, t in enumerate([v1, v2, v3, v4])})
    clusters = cluster_corpus(corpus)
    assert len({clusters[f"d{i}-0"] for i in range(4)}) == 1


def _brute_force(passages: list[Passage]) -> list[frozenset[str]]:
    uf = _UnionFind(len(passages))
    for i, p in enumerate(passages):
        for j in range(i + 1, len(passages)):
            q = passages[j]
            if p.doc_id == q.doc_id:
                continue
            wp, wq = words(fold(p.text)), words(fold(q.text))
            if (wp == wq and len(wp) >= 4) or near_duplicate(p.text, q.text):
                uf.union(i, j)
    groups: dict[int, set[str]] = {}
    for i, p in enumerate(passages):
        groups.setdefault(uf.find(i), set()).add(p.passage_id)
    return sorted(frozenset(g) for g in groups.values())


def _random_passages(seed: int, n: int) -> list[Passage]:
    rng = random.Random(seed)
    vocab = words(fold(BASE))[:20]
    bases = [[rng.choice(vocab) for _ in range(rng.randint(3, 30))] for _ in range(n // 3 + 1)]
    out = []
    for i in range(n):
        ws = list(rng.choice(bases))
        for _ in range(rng.randint(0, 3)):
            ws[rng.randrange(len(ws))] = rng.choice(vocab)
        text = " ".join(ws)
        out.append(Passage(f"p{i}", f"d{rng.randint(0, n // 4)}", text, 0, len(text), i))
    return out


@pytest.mark.parametrize("seed", range(8))
def test_prefix_filtered_join_equals_brute_force(seed: int) -> None:
    passages = _random_passages(seed, 120)
    clusters = cluster_passages(passages)
    got = sorted(frozenset(c.members) for c in clusters.clusters)
    assert got == _brute_force(passages)


def test_clusters_do_not_depend_on_passage_order() -> None:
    passages = _random_passages(99, 150)
    docs = sorted({p.doc_id for p in passages}, key=lambda d: int(d[1:]))
    corpus = Corpus.from_documents(
        Document(d, "", tuple(p for p in passages if p.doc_id == d)) for d in docs
    )
    a = cluster_passages(passages, corpus)
    shuffled = list(passages)
    random.Random(1).shuffle(shuffled)
    b = cluster_passages(shuffled, corpus)
    assert {c.cluster_id: c.members for c in a.clusters} == {
        c.cluster_id: c.members for c in b.clusters
    }


def test_sample_syndication(sample: Corpus) -> None:
    clusters = cluster_corpus(sample)
    assert len(clusters) == len(sample.passages)
    rasool = _passage(sample, "000", "وكان اللواء يحيى رسول قال")
    copy = _passage(sample, "003", "وكان الناطق باسم القوات المسلحة اللواء يحيى رسول")
    assert clusters[rasool.passage_id] == clusters[copy.passage_id]
    assert clusters.is_independent(rasool.passage_id)  # no date on 000: document order
    assert not clusters.is_independent(copy.passage_id)
    syndicated = clusters.syndicated()
    assert len(syndicated) >= 8
    for c in syndicated:
        assert {d[:3] for d in c.doc_ids} <= {"000", "003", "004"}
    # 002 and 001 are written independently: none of their passages is a copy.
    for prefix in ("001", "002"):
        for p in _doc_of(sample, prefix).passages:
            assert clusters.copies_of(p.passage_id) == ()
