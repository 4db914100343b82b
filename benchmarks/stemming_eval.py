"""Which stemmer should retrieval use?  BM25 over the sample articles, queries worded differently.

Run: ``python benchmarks/stemming_eval.py`` (add ``--details`` for per-case ranks, ``--speed`` for
the analysis throughput).

Passages are the non-empty lines of ``factcheck/data/sample/*.txt`` (the real passage splitter is
elsewhere; lines are a fair proxy). Each case is a query a fact-checker might type, deliberately
worded with other word forms than the article (خفض/تخفيض/تقليص, الأجانب/الأجنبية,
انسحاب/انسحابها/ينسحب, أمريكي/أميركي, Arabic-Indic digits ...), and the distinctive substring(s)
that identify the line(s) answering it. A passage is relevant when it contains one of those
substrings (the sample repeats some lines across and within articles, so a case can have several
relevant passages).

Metrics, per configuration:

* ``R@k`` -- share of cases with at least one relevant passage among the first k (success@k);
* ``MRR`` -- mean of 1/rank of the first relevant passage (0 when not in the first 100);
* ``index ms`` / ``query ms`` -- analysis + ``bm25s`` indexing of all passages, and analysis +
  scoring of all queries, with cold stemmer caches (so the stemmer's own cost is included);
* ``vocab`` -- distinct index terms (smaller = more words conflated).

Configurations are a stemmer from :data:`factcheck.text.stemming.STEMMERS`, optionally with
``+surface`` (also index the unstemmed folded word) or ``+skeleton`` (also index the stem
without its inner long vowels ا و ي -- a general rule for loanword spellings like
أميركي/أمريكي; see ``docs/stemming.md``), and ``*-unfolded`` runs that stem the dediacritised
but unfolded words (ة, ى, أ kept) and fold the stem afterwards, to see whether stemming before
folding would help.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import bm25s
import numpy as np
from camel_tools.utils.dediac import dediac_ar
from stemmers import STEMMERS, get_stemmer

from factcheck.text.arabic import STOPWORDS, fold, words
from factcheck.text.stemming import DEFAULT_STEMMER, analyze, analyze_words, skeleton

SAMPLE = Path(__file__).resolve().parents[1] / "factcheck" / "data" / "sample"


@dataclass(frozen=True)
class Case:
    query: str
    expected: tuple[str, ...]  # distinctive substrings of the answering line(s), original text


CASES: tuple[Case, ...] = (
    Case("خفض عدد القوات الاجنبيه بنسبه ٦٠٪", ("بنسبة 60%",)),
    Case("تقليص الوجود العسكري الامريكي في العراق", ("تخفيض مستوى الوجود العسكري",)),
    Case(
        "البنتاغون: لم ينسحب الجنود الأمريكيون بل تبدلت مهمتهم الى الاستشارة",
        ("تبديل مهمة الجنود",),
    ),
    Case("نجاح بغداد في تقليص أعداد الأجانب من القوات", ("بنسبة 60%",)),
    Case("تاريخ خروج المقاتلين ٣١/١٢/٢٠٢١", ("31/12/2021",)),
    Case("إجلاء ٢١٠٠ شحنه من العتاد العسكري", ("2100 شحنة",)),
    Case(
        "الرئيس الامريكي يعلن انهاء المهام القتاليه مع نهايه السنه",
        ("ستنهي بحلول نهاية العام", "انتهاء الدور القتالي للقوات"),
    ),
    Case("قرار برلماني بإخراج القوات الأجنبية", ("واتخذ البرلمان العراقي قرارا",)),
    Case("القياده العراقيه تنفي تمديد مواعيد الانسحاب", ("تمديد موعد", "قابل للتمديد")),
    Case(
        "حماية المستشارين الأمريكيين مسؤولية القوات العراقية",
        ("وحمايتهم تقع على عاتق", "وستقع حمايتهم على عاتق"),
    ),
    Case(
        "القوات الامريكيه قادره على حمايه نفسها من الهجمات",
        ("الدفاع عن نفسها ضد أي هجوم", "تمتلك القدرة على الدفاع", "مستعدة للدفاع عن نفسها"),
    ),
    Case("انسحاب قوه الافق من العراق الى الكويت", ("انسحاب قوات “OTH”", "قوة الأفق (OTH)")),
    Case("تأسيس التحالف الدولي لقتال تنظيم الدولة في ٢٠١٤", ("وشُكّل “التحالف الدولي”",)),
    Case(
        "تغريده مستشار الامن القومي عن انتهاء المهام القتاليه",
        ("في تغريدة عبر “تويتر”", "قاسم الأعرجي، انتهاء المهمة القتالية"),
    ),
    Case(
        "اجتماع لجنة عسكرية فنية عراقية مع نظيرتها في التحالف",
        ("اللجنة الفنية العسكرية العراقية ونظيرتها",),
    ),
    Case(
        "اتفاق واشنطن وبغداد على الانسحاب الكامل للقوات المقاتلة الأمريكية",
        ("اتفقت بغداد وواشنطن على انسحاب كامل",),
    ),
    Case("تسليم الأسلحة والمركبة للقوات المسلحة العراقية", ("تسليم المعدات والمركبات القتالية",)),
    Case("٤ جولات من الحوار الإستراتيجي بين العراق وأمريكا", ("بواقع 4 جولات",)),
    Case(
        "الحوار الاستراتيجي بدأ في عهد ترامب وانتهى في عهد بايدن",
        ("بدأ بعهد الرئيس الأميركي السابق",),
    ),
    Case(
        "رئيس الوزراء الأسبق طلب تواجد القوات الأمريكية عام ٢٠١٤",
        ("رئيس الوزراء الأسبق نوري المالكي",),
    ),
    Case(
        "الفصائل المسلحة تستهدف رتل التحالف بعبوة ناسفة",
        ("باستهداف ارتال التحالف الدولي في الناصرية",),
    ),
    Case(
        "الفصائل تعتبر الأمريكيين قوة احتلال",
        ("ما زالت تعتبرها قوات احتلال", "هي قوات احتلال"),
    ),
    Case(
        "غارة أمريكية قرب المطار استهدفت قائد فيلق القدس",
        ("استهدفت الجنرال قاسم سليماني",),
    ),
    Case(
        "تحول مهام القوات الأميركية الباقية الى الاستشارة بعد الموعد",
        ("ستتحول بعد هذا الموعد",),
    ),
    Case("طيران التحالف يتوقف عن قصف داعش جوا إلا بطلب", ("سيتوقف عن القصف الجوي",)),
    Case("السفير الأميركي في بغداد: شراكة طويله الامد", ("شراكة طويلة الأمد",)),
    Case(
        "واشنطن ستواصل دعمها للقوات الأمنية العراقية",
        ("سوف تواصل دعم القوات الأمنية العراقية", "مواصلة دعم القوات الأمنية العراقية"),
    ),
    Case(
        "مطلع تشرين الأول أكتوبر بدأ انسحاب القوات المكلفة بمهام قتالية",
        ("وفي مطلع أكتوبر الماضي", "وفي (8 أكتوبر) المنصرم"),
    ),
    Case(
        "عادت القوات الأمريكية الى العراق بعد ان خرجت منه في ٢٠١١",
        ("بعد خروجها منه، عام 2011",),
    ),
    Case("طرد داعش من المناطق التي سيطر عليها بآلاف الغارات", ("آلاف الغارات الجوية",)),
    Case(
        "الحشد الشعبي ووزارة الداخلية طردا داعش الإرهابي",
        ("الحشد الشعبي وصنوف وزارة الداخلية",),
    ),
    Case(
        "متحدث البنتاغون: انتقال القوات الى مهمة استشارية متواصل",
        ("عملية الانتقال من المهام القتالية",),
    ),
    Case(
        "بيان مشترك: العلاقه الامنيه تنتقل الى التدريب والمشوره",
        ("ستنتقل بالكامل إلى دور التدريب", "ستنتقل العلاقة الأمنية بالكامل إلى المشورة"),
    ),
    Case(
        "لن يبقى اي جنود قتاليين امريكيين في العراق بعد ٣١ ديسمبر",
        ("ذات دور قتالي في العراق بحلول 31 ديسمبر", "أي وجود لقوات قتالية أمريكية"),
    ),
    Case(
        "مستشار الأمن القومي يعلن نهاية مهمة التحالف القتالية وانسحابه",
        ("قاسم الأعرجي، انتهاء المهمة القتالية",),
    ),
    Case("الناطق العسكري العراقي: انسحاب الأمريكيين بدأ فعلياً", ("بدأ فعليا بعد الحوار",)),
    Case("القوات الأمريكية تمتلك نوعا مختلفا من السلاح والعتاد", ("من الأسلحة والعتاد",)),
    Case("تبديل روتيني للوحدة بتنسيق مسبق", ("عملية تبديل روتينية",)),
    Case("الانسحاب الامريكي من العراق: مباحثات متواصلة", ("المباحثات مستمرة",)),
    Case("جنود امريكان في دوريه بمنطقه ريفيه غرب العراق", ("يقومون بدورية في منطقة ريفية",)),
    Case(
        "الوحدات المقاتلة تستعد للانسحاب واعادة الانتشار خارج حدود العراق",
        ("تتهيأ لعملية الانسحاب وإعادة انتشارها",),
    ),
    Case(
        "مستشارون يقدمون استشارات في تبادل المعلومات الاستخبارية والتسليح",
        ("بقاء مستشارين لتقديم الاستشارة", "بقاء المستشارين لتقديم الاستشارة"),
    ),
    Case(
        "الميليشيات المدعومة إيرانيا تهاجم بالصواريخ والطائرات المسيرة",
        ("الميليشيات المدعومة من إيران",),
    ),
    Case("إيجاز من قادة صنوف الجيش العراقي عن عملياتهم", ("قدموا إيجازا عن عملياتهم",)),
    Case(
        "مباحثات جديدة مع قادة التحالف لبحث انسحاب الأمريكيين",
        ("مباحثات جديدة مع قيادات التحالف الدولي",),
    ),
    # Added after the first run, to cover loanword spellings and a root-stemmer false merge
    # (الجانب "side" and الأجنبية "foreign" share the root ج ن ب).
    Case("المليشيات المدعومة من ايران تهاجم القوات", ("الميليشيات المدعومة من إيران",)),
    Case("الحوار بدأ في عهد ترمب", ("دونالد ترامب",)),
    Case(
        "الجانبان العراقي والأمريكي يتفقان على موعد الانسحاب",
        ("بين الجانبين العراقي والأمريكي", "الجانبين اتفقا على"),
    ),
)


def _pairs(spec: str) -> tuple[tuple[str, str], ...]:
    return tuple((a, b) for a, b in (p.split() for p in spec.split("|")))


# Conflation pairs: what an analyzer should merge, and what it should keep apart.
INFLECTION = _pairs(
    "الأميركية الأمريكية|أمريكي أميركي|الأمريكيين أمريكيون|انسحاب الانسحاب|انسحابها انسحاب|"
    "إنسحاب انسحاب|القوات قوات|للقوات القوات|العراقية العراق|عراقي العراقيون|"
    "المباحثات مباحثات|الأجنبية أجنبي|مستشار المستشارين|القتالية قتالي|الوحدات وحدة|"
    "المهمة مهمتها|المشتركة مشترك|العسكرية العسكري|الجنود جنود|التدريب تدريب|"
    "الصواريخ صواريخ|بغداد وبغداد|واشنطن وواشنطن|المعلومات معلومات|الاستشارية استشاري|"
    "انتشارها الانتشار|الحكومة حكومات|المسلحة مسلح|عملياتهم العمليات|بالعراق العراق|"
    "كالعادة العادة|فالقوات القوات|وللقوات القوات|مستشارون مستشارين|الإرهابي الإرهاب|"
    "تصريحاتها تصريحات|قواعدها قواعد|بلاده بلاد|دورها دور|مهمتهم مهمة"
)
DERIVATION = _pairs(
    "الأجانب الأجنبية|أعداد عدد|خفض تخفيض|ينسحب انسحاب|تنسحب الانسحاب|قتال مقاتلة|"
    "تدريب مدرب|استشارة مستشار|قوة قوات|الأسلحة سلاح"
)
LOANWORDS = _pairs(
    "أميركي أمريكي|الأميركية الأمريكية|أوروبا أوربا|ترامب ترمب|ديسمبر دسمبر|فيديو فديو|"
    "كومبيوتر كمبيوتر|تكنولوجيا تكنلوجيا|ماكنزي ماكينزي|بوتين بوتن|كورونا كرونا|"
    "الميليشيات المليشيات|الديمقراطية الديموقراطية|البنتاغون البنتاجون|انترنت إنترنيت|"
    "فرانسا فرنسا|ستراتيجي استراتيجي"
)
# Common news words with different meanings that share a root, or differ by a long vowel.
DISTINCT = _pairs(
    "أمريكي أمر|أمريكية أمير|العراق عرق|قوات قوت|كتاب مكتب|علم عالم|معلومات تعليم|"
    "الأمن الإيمان|الأمن مؤمن|عمل عميل|الجانب الأجنبي|مطار مطر|شرطة شريط|خارجية خروج|"
    "قاعدة قعود|دولة دولار|مؤتمر أمر|محكمة حكومة|مصر مصير|نظير نظر|قبيلة قبلة|سفير سفر|"
    "وزير وزر|حرير حرر|الجيش جاش|جامعة جمع|مدير دار|حزب حزيران|شعب شعبان|سوريا سور|"
    "رسول رسالة|أجنبي جنب|مستمر تمر|سياسة سائس|بنك بناء|قائد قاعدة|مسؤول سؤال|"
    "الوزراء وزر|الرئيس رأس|قانون قنوات|مقاتل مقتل|مكتوب مكتب|معلوم معلم|مشارك مشرك|"
    "مشروع مشرع|تقرير تقرر"
)


def conflation(config: str) -> tuple[int, int, int, int]:
    """Pairs (of each list above) whose analyses share at least one term."""
    run = make_analyzer(config)

    def merged(pairs: tuple[tuple[str, str], ...]) -> int:
        return sum(1 for a, b in pairs if set(run(a)) & set(run(b)))

    return merged(INFLECTION), merged(DERIVATION), merged(LOANWORDS), merged(DISTINCT)


def conflation_table(configs: list[str]) -> str:
    head = (
        f"| config | inflection /{len(INFLECTION)} | derivation /{len(DERIVATION)} "
        f"| loanword spelling /{len(LOANWORDS)} | distinct words merged /{len(DISTINCT)} |"
    )
    lines = [head, "|" + "---|" * 5]
    for c in configs:
        i, d, lw, x = conflation(c)
        lines.append(f"| {c} | {i} | {d} | {lw} | {x} |")
    return "\n".join(lines)


def passages() -> list[str]:
    """Non-empty lines of every sample article, in file order."""
    out: list[str] = []
    for path in sorted(SAMPLE.glob("*.txt")):
        out.extend(line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [p for p in out if p]


def relevant(case: Case, docs: list[str]) -> set[int]:
    found = {i for i, d in enumerate(docs) if any(s in d for s in case.expected)}
    if not found:
        raise ValueError(f"no passage contains any of {case.expected!r} (query {case.query!r})")
    return found


Analyzer = Callable[[str], list[str]]

_TATWEEL = re.compile("\u0640")


def make_analyzer(config: str) -> Analyzer:
    """An analysis function for a configuration ``primary[+extra...]``.

    ``primary`` is a stemmer name (or ``name-unfolded``); each ``extra`` adds a second term per
    word, in its own namespace so that its document frequency is its own: ``surface`` (the
    folded word itself), ``skeleton`` (:func:`factcheck.text.stemming.skeleton` of the primary term)
    or another stemmer name.
    """
    primary, *extras = config.split("+")
    if primary.endswith("-unfolded"):
        if extras:
            raise ValueError(f"no extras with an unfolded run: {config!r}")
        return _unfolded_analyzer(primary.removesuffix("-unfolded"))
    stemmer = get_stemmer(primary)
    if not extras:
        return lambda text: analyze_words(words(fold(text)), stemmer)
    adders: list[Callable[[str, str], str]] = []
    for extra in extras:
        if extra == "surface":
            adders.append(lambda w, s: w)
        elif extra == "skeleton":
            adders.append(lambda w, s: skeleton(s))
        else:
            other = get_stemmer(extra)
            adders.append(lambda w, s, other=other: other(w))

    def run(text: str) -> list[str]:
        out: list[str] = []
        for w in words(fold(text)):
            if w in STOPWORDS:
                continue
            s = stemmer(w)
            out.append(s)
            # Every word gets every extra term (even when equal to the primary one), so an
            # exact match always earns the same bonus.
            out.extend(f"{i}:{add(w, s)}" for i, add in enumerate(adders, 1))
        return out

    return run


def _unfolded_analyzer(name: str) -> Analyzer:
    """Stem dediacritised, UNFOLDED words with the package's own stemmer, then fold the stem."""
    if name == "snowball":
        import snowballstemmer

        impl = snowballstemmer.stemmer("arabic").stemWord
    elif name == "tashaphyne":
        from tashaphyne.stemming import ArabicLightStemmer

        ls = ArabicLightStemmer()

        def impl(w: str) -> str:
            ls.light_stem(w)
            return ls.get_stem()

    elif name == "isri":
        from nltk.stem.isri import ISRIStemmer

        impl = ISRIStemmer().stem
    else:
        raise ValueError(f"no unfolded variant for {name!r}")
    cache: dict[str, str] = {}

    def run(text: str) -> list[str]:
        out: list[str] = []
        for w in words(_TATWEEL.sub("", dediac_ar(text))):
            f = fold(w)
            if f in STOPWORDS:
                continue
            t = cache.get(w)
            if t is None:
                t = cache[w] = fold(impl(w)) if "\u0621" <= f[:1] <= "\u064a" else f
            out.append(t)
        return out

    return run


@dataclass(frozen=True)
class Result:
    config: str
    ranks: tuple[int | None, ...]  # rank (1-based) of the first relevant passage, per case
    aps: tuple[float, ...]  # average precision over all relevant passages (first 100), per case
    index_s: float
    query_s: float
    vocab: int

    def recall(self, k: int) -> float:
        return sum(1 for r in self.ranks if r is not None and r <= k) / len(self.ranks)

    @property
    def mrr(self) -> float:
        return sum(1.0 / r for r in self.ranks if r is not None) / len(self.ranks)

    @property
    def map(self) -> float:
        return sum(self.aps) / len(self.aps)


def evaluate(
    config: str,
    docs: list[str],
    cases: tuple[Case, ...] = CASES,
    analyzer: Analyzer | None = None,
) -> Result:
    """Index ``docs`` with the configuration's analysis (or ``analyzer``) and run the cases."""
    run = analyzer or make_analyzer(config)
    t0 = time.perf_counter()
    corpus_tokens = [run(d) for d in docs]
    retriever = bm25s.BM25()
    retriever.index(corpus_tokens, show_progress=False)
    t1 = time.perf_counter()
    ranks: list[int | None] = []
    aps: list[float] = []
    for case in cases:
        scores = retriever.get_scores(run(case.query))
        # Stable order: ties keep passage order, so results are deterministic.
        order = np.argsort(-scores, kind="stable")[:100]
        rel = relevant(case, docs)
        hits = [i + 1 for i, d in enumerate(order) if int(d) in rel]
        ranks.append(hits[0] if hits else None)
        aps.append(sum(n / r for n, r in enumerate(hits, 1)) / len(rel))
    t2 = time.perf_counter()
    vocab = len({t for toks in corpus_tokens for t in toks})
    return Result(config, tuple(ranks), tuple(aps), t1 - t0, t2 - t1, vocab)


EXTRA_CONFIGS = (
    "light10+surface",
    "light10-skeleton+surface",
    "snowball+surface",
    "isri-skeleton+surface",
    "light10+isri",
    "snowball-unfolded",
    "tashaphyne-unfolded",
    "isri-unfolded",
)


def available_configs() -> list[str]:
    """Every stemmer whose package is installed, then the extra configurations built on them."""
    names = []
    for name in STEMMERS:
        try:
            get_stemmer(name)
        except ImportError as exc:
            print(f"skip {name}: {exc}", file=sys.stderr)
            continue
        names.append(name)
    ok = {*names, "surface"}
    extras = [
        c for c in EXTRA_CONFIGS if all(p.removesuffix("-unfolded") in ok for p in c.split("+"))
    ]
    return names + extras


def table(results: list[Result]) -> str:
    head = "| config | R@1 | R@5 | R@10 | MRR | MAP | vocab | index ms | query ms |"
    lines = [head, "|" + "---|" * 9]
    for r in results:
        lines.append(
            f"| {r.config} | {r.recall(1):.3f} | {r.recall(5):.3f} | {r.recall(10):.3f} "
            f"| {r.mrr:.3f} | {r.map:.3f} | {r.vocab} | {r.index_s * 1e3:.1f} "
            f"| {r.query_s * 1e3:.1f} |"
        )
    return "\n".join(lines)


def pipeline_table(names: list[str], docs: list[str]) -> str:
    """The same cases through the product's analysis (``factcheck.engine.analysis.Analyzer``: stem,
    then the lexicon's synonym concepts), plus the lexicon words that two synonym groups claim
    once stemmed (a stemmer that merges too much makes e.g. "killed" and "combat" one concept).

    Those modules are another part of the desk; when they are not importable the table is
    skipped.
    """
    try:
        import tomllib

        from factcheck.engine.analysis import Analyzer as PipelineAnalyzer
        from factcheck.text.lexicon import default_lexicon_path
    except ImportError as exc:
        return f"(pipeline table skipped: {exc})"
    with default_lexicon_path().open("rb") as fh:
        groups = tomllib.load(fh).get("synonyms", {})
    head = "| stemmer | R@1 | R@5 | R@10 | MRR | MAP | lexicon words claimed by 2 groups |"
    lines = [head, "|" + "---|" * 7]
    for name in names:
        stem = get_stemmer(name)
        r = evaluate(name, docs, analyzer=PipelineAnalyzer(stem=stem).terms)
        owner: dict[str, str] = {}
        clashes = []
        for group, members in groups.items():
            for m in members:
                ws = words(fold(m))
                if len(ws) != 1:
                    continue  # the lexicon skips multi-word synonyms too
                t = stem(ws[0])
                if owner.setdefault(t, group) != group:
                    clashes.append(f"{m} ({group}→{owner[t]})")
        lines.append(
            f"| {name} | {r.recall(1):.3f} | {r.recall(5):.3f} | {r.recall(10):.3f} "
            f"| {r.mrr:.3f} | {r.map:.3f} | {len(clashes)}: {', '.join(clashes[:4])} |"
        )
    return "\n".join(lines)


def speed(docs: list[str], repeat: int = 100) -> str:
    """Throughput of :func:`factcheck.text.stemming.analyze` with the default stemmer.

    Tokens are :func:`words` of the folded text (before stopword removal). The reference is
    ``words(fold(text))`` alone, run in the same process: the floor of any analysis that folds
    and tokenizes the whole text. ``cold`` is a new stemmer's first pass over the sample (every
    word and chunk a miss; median of six); ``warm`` repeats it (every chunk a hit, as for the
    frequent words of a Zipfian news vocabulary).
    """
    text = "\n".join(docs)
    n = len(words(fold(text)))
    t0 = time.perf_counter()
    for _ in range(repeat):
        words(fold(text))
    ref = (time.perf_counter() - t0) / repeat
    colds = []
    for _ in range(6):  # the first pass of a process also pays one-off costs: median of fresh runs
        stemmer = get_stemmer(DEFAULT_STEMMER)
        t0 = time.perf_counter()
        analyze(text, stemmer)
        colds.append(time.perf_counter() - t0)
    cold = sorted(colds)[len(colds) // 2]
    t0 = time.perf_counter()
    for _ in range(repeat):
        analyze(text, stemmer)
    warm = (time.perf_counter() - t0) / repeat
    t0 = time.perf_counter()
    for _ in range(repeat):
        analyze_words(words(fold(text)), stemmer)
    plain = (time.perf_counter() - t0) / repeat
    return (
        f"{n} tokens. fold+words: {n / ref / 1e6:.2f} M tokens/s. "
        f"analyze ({DEFAULT_STEMMER}): cold {n / cold / 1e6:.2f} M tokens/s, "
        f"warm {n / warm / 1e6:.2f} M tokens/s ({ref / warm:.1f}x fold+words); "
        f"without the chunk cache (fold+words+stem, warm): {n / plain / 1e6:.2f} M tokens/s"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("configs", nargs="*", help="configurations (default: all available)")
    ap.add_argument("--details", action="store_true", help="print the rank of every case")
    ap.add_argument("--pipeline", action="store_true", help="also run through the lexicon")
    ap.add_argument("--speed", action="store_true", help="also measure analyze() throughput")
    args = ap.parse_args(argv)
    docs = passages()
    configs = args.configs or available_configs()
    results = [evaluate(c, docs) for c in configs]
    print(f"{len(docs)} passages, {len(CASES)} cases\n")
    print(table(results))
    print()
    print(conflation_table([c for c in configs if not c.endswith("-unfolded")]))
    if args.details:
        print()
        for i, case in enumerate(CASES):
            ranks = " ".join(f"{r.ranks[i] or '-':>3}" for r in results)
            print(f"{ranks}  {case.query}")
    if args.pipeline:
        print()
        print(pipeline_table([c for c in configs if c in STEMMERS], docs))
    if args.speed:
        print()
        print(speed(docs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
