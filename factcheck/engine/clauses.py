"""Clauses: the grammar of an Arabic news clause that speaker attribution reads.

:mod:`factcheck.engine.speakers` decides *which* words of a passage attribute a statement
(«قال X إن»، «وكان X قد أكد»، «بحسب X»); this module answers the questions every one of those
readers asks of the clause around them, on the folded text (hamza, diacritic and alef-maqsura
spellings match) with spans mapped back to the original through
:func:`~factcheck.text.arabic.fold_with_map`:

* where the words are (:class:`Clause`: tokens of the folded text, the first word after
  opening transitions such as «و»، «كما»، «من جهته»، «الى ذلك»);
* is this token a speech verb (:func:`verb_at`: قال، أكد، أعلن ... with و/ف prefixes, feminine,
  plural and present forms; «ذكرته» after «لما»), and does a clause start here
  (:func:`clause_start`);
* where does the noun phrase after it end, and why (:func:`phrase_stop`, :func:`noun_phrase`):
  at a complementiser (إن/أن/بأن، فإن), a colon, a quotation, «قوله», a preposition governing
  the content (إلى أن، على، من، عن; not «النائب عن»، «صادر عن»), an adverbial (weekdays، اليوم،
  أمس، في تصريح/بيان/تغريدة ...، خلال، عبر, digits) or the addressee («للوكالة»، «لرويترز»،
  «للصحفيين»; a trailing «للحرة» is dropped, a relative adjective such as «لبناني» is kept);
* what is its *shortest informative form* (:func:`shortest_form`): a personal name with the
  rank or honorific directly before it («اللواء تحسين الخفاجي» from «المتحدث باسم قيادة
  العمليات المشتركة العراقية اللواء تحسين الخفاجي»); a name in apposition without a rank alone
  («قاسم الأعرجي» from «مستشار الأمن القومي العراقي، قاسم الأعرجي»); otherwise the descriptive
  phrase as written («مسؤول رفيع في وزارة الدفاع الأمريكية»، «قيادة العمليات المشتركة»).
  Names are recognised by position (after a comma, or an indefinite word after a definite one
  when the phrase is cleanly closed by إن/أن), not by a gazetteer, so unseen names work.

Why hand-written: no maintained package parses Arabic reporting clauses (camel-tools gives
per-word morphology, not phrase boundaries, and needs its optional data); these rules are
small, tested on a table of outlets and wordings, and explain every cut they make.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from factcheck.text.arabic import STOPWORDS, Folded, fold, fold_with_map
from factcheck.text.vocabulary import (
    SPEECH_VERBS,
    SPEECH_VERBS_PRESENT,
    SPEECH_VERBS_RARE,
    SPEECH_VERBS_WEAK,
    WEEKDAYS,
    folded_set,
    month_words,
)

__all__ = [
    "ADDRESSEES",
    "AGENCIES",
    "CLOSED_ENDINGS",
    "COMPLEMENTISERS",
    "PARTICIPLES",
    "QAD",
    "RANKS",
    "ROLES",
    "VERBS",
    "Clause",
    "ClauseToken",
    "clause_start",
    "content_follows",
    "drop_addressee",
    "noun_phrase",
    "phrase_stop",
    "shortest_form",
    "verb_at",
]

_f = folded_set

VERBS: frozenset[str] = SPEECH_VERBS | SPEECH_VERBS_WEAK | SPEECH_VERBS_RARE | SPEECH_VERBS_PRESENT
"""Every speech-verb form (folded, without و/ف). The weak, rare and present ones count as
attribution only at a clause start; that is the speakers' rule, this is the word list."""
PARTICIPLES: frozenset[str] = _f(
    "قائلا قائلة مؤكدا مؤكدة مشيرا مشيرة مضيفا مضيفة موضحا موضحة لافتا لافتة مبينا مبينة "
    "متابعا متابعة معتبرا معتبرة مشددا مشددة محذرا محذرة كاشفا كاشفة منوها منوهة مردفا مردفة "
    "معلنا معلنة نافيا نافية"
)
"""Circumstantial participles of speech: a passage opening with one continues the previous
speaker; inside a phrase, one ends it."""
QAD: frozenset[str] = _f("قد وقد فقد لقد ولقد")
"""The particle قد, which sits between a subject and its verb («وكان X قد أكد»)."""
COMPLEMENTISERS: frozenset[str] = _f(
    "إن أن إنه أنه إنها أنها إنهم أنهم إنهما أنهما بأن بأنه بأنها بأنهم فإن فإنه فإنها فإنهم"
)
"""إن/أن and their forms: the content clause of a speech verb starts here (فإن after a
fronted source: «بحسب وكالة الأنباء، فإن ...»)."""
_SAYING = _f("قوله قولها قولهم قولهما")  # «نقلت الوكالة عن الوزير قوله إن»
_COORD = _f("وأن وأنه وأنها وإن")
_PREPS = _f("إلى على عن من حول بشأن")
_MONTHS = month_words()
_TIME = _f(
    "اليوم أمس غدا الليلة مساء صباح ظهر فجر ليل ليلة يوم حينها "
    "حاليا سابقا مؤخرا لاحقا رسميا مجددا أيضا كذلك بدوره بدورها بدورهم قبل بعد منذ خلال عبر "
    "أمام لدى أثناء إثر عقب وقتذاك آنذاك"
)
# «الشهر/العام الماضي» is an adverbial, but «القائد العام»، «الأمين العام» are titles.
_PERIODS = _f("الشهر الأسبوع العام السنة الأشهر الأيام الساعات")
_RELATIVE_TIME = _f("الماضي الماضية المنصرم المنصرمة المقبل المقبلة الحالي الحالية الجاري القادم")
# Heads after في that make it an adverbial («في تصريح»), not part of the name («في وزارة»).
_IN_HEADS = (
    _f(
        "تصريح تصريحات تصريحه تصريحها تصريحاته بيان بيانه بيانها تغريدة تغريدات تغريدته "
        "منشور مقابلة مقابلته حديث حديثه حديثها كلمة كلمته خطاب خطابه مؤتمر وقت الوقت حين "
        "اتصال رسالة لقاء ختام أعقاب أثناء سياق معرض رد تقرير تعليق تعليقه ندوة جلسة اجتماع "
        "حوار يوم مطلع نهاية بداية منتصف أواخر أوائل العام الشهر الأسبوع الساعات ساعة"
    )
    | _MONTHS
    | WEEKDAYS
)
AGENCIES: frozenset[str] = _f("رويترز فرانس أسوشيتد الأناضول سانا واس وفا إرنا تاس")
"""News agencies named without «وكالة» (folded): a source («بحسب رويترز») or an addressee."""
_MEDIA = ("وكالة", "موقع", "قناة", "صحيفة", "شبكة", "تلفزيون", "إذاعة", "مراسل", "صحفيين")
ADDRESSEES: frozenset[str] = (
    frozenset(fold(p + n) for n in _MEDIA for p in ("ل", "لل"))
    | frozenset("ل" + a[1:] if a.startswith("ال") else "ل" + a for a in AGENCIES)
    | _f("لـ ل له لها لهم للصحفيين لوسائل")
)
"""Addressees after a speech verb or its speaker («للوكالة»، «لموقع»، «لرويترز»): said *to*
them."""
RANKS: frozenset[str] = _f(
    "اللواء العميد العقيد المقدم الرائد النقيب الملازم الفريق المشير الجنرال الأدميرال "
    "الأميرال الدكتور الدكتورة د الشيخ الشيخة السيد السيدة المهندس الأستاذ الأستاذة القاضي "
    "الأمير الأميرة الملك الملكة السلطان الحاج الحاجة الكابتن المطران البطريرك السيناتور"
)
"""Ranks and honorifics: the word before a personal name («اللواء يحيى رسول»)."""
ROLES: frozenset[str] = _f(
    "متحدث متحدثة ناطق ناطقة مستشار مستشارة وزير وزيرة رئيس رئيسة مسؤول مسؤولة مسؤولون "
    "مسؤولين مدير مديرة قائد نائب نائبة عضو سفير سفيرة أمين محافظ مصدر مصادر خبير خبراء محلل "
    "مندوب ممثل مبعوث منسق مساعد معاون كبير زعيم مرشد مدرب لاعب قيادة وزارة حكومة بيان تقرير "
    "وكالة صحيفة موقع قناة شبكة مكتب مركز هيئة منظمة جهاز دائرة مديرية مرصد لجنة مجلس "
    "مفوضية سلطات شرطة جيش رئاسة خلية إحصاءات إحصائيات بيانات أرقام دراسة استطلاع شهود سكان "
    "ناشطون ناشطين مراسل بنك صندوق أمم قوات قوة أطراف جانب جانبان اتحاد نادي شركة"
)
"""Role nouns and institutions (folded, without ال): never the first word of a personal name;
also what makes a headline «وزير الصحة: ...» or «بحسب X» an attribution."""
_CLAUSE_WORDS = _f(
    "كما وكما كذلك وكذلك ثم فيما بينما حيث وحيث بدوره بدورها أيضا وأيضا فقد وقد قد لقد ولقد"
)
_TRANSITIONS = _CLAUSE_WORDS | _f("و ف من جهته جهتها جانبه جانبها ذلك إلى")
_SUFFIX_AFTER = _f("ما لما حسبما بحسبما وفقما كما")
# Words after which «عن» stays inside the phrase: «النائب عن كتلة»، «بيان صادر عن الجيش».
_KEEP_AN = _f("النائب نائب النائبة ممثل مندوب صادر صادرة الصادر الصادرة")
_ALI = fold("على")
_AN = fold("عن")
_BISM = fold("باسم")

_TOKEN_RE = re.compile(r"(\d+(?:[.,/]\d+)*%?)|([^\W\d_]+)|([^\w\s])", re.UNICODE)
_SENTENCE_PUNCT = frozenset(".!?;")
_BOUNDARY_PUNCT = frozenset(',.:;!?"()-')
_MAX_NP = 16  # words: a longer phrase is a clause, not a speaker
CLOSED_ENDINGS = frozenset({"comma", "complement", "colon", "quote", "adverbial", "saying"})
"""Reasons (from :func:`noun_phrase`) that end a phrase cleanly: only then can its last comma
segment be an appositive name rather than the start of the next clause."""


class ClauseToken(NamedTuple):
    """A token of the folded text: ``kind`` is "w" word, "n" number or "p" punctuation."""

    text: str
    start: int
    end: int
    kind: str
    raw: str = ""  # as written, where folding merges words («على» and the name «علي»)

    @property
    def word(self) -> bool:
        return self.kind == "w"


@dataclass(frozen=True)
class Clause:
    """One passage, folded and tokenised once (:meth:`read`), cut back to the original text by
    :meth:`original`. ``first`` is the index of the first word after opening transitions."""

    text: str
    folded: Folded
    toks: tuple[ClauseToken, ...]
    first: int

    @classmethod
    def read(cls, text: str) -> Clause:
        folded = fold_with_map(text)
        toks = []
        # The matching group says the kind: 1 number, 2 word, 3 punctuation.
        for m in _TOKEN_RE.finditer(folded.text):
            tok = ClauseToken(m.group(), m.start(), m.end(), "nwp"[m.lastindex - 1])
            if tok.text == _ALI:
                s, e = folded.to_original(tok.start, tok.end)
                tok = tok._replace(raw=text[s:e])
            toks.append(tok)
        return cls(text, folded, tuple(toks), _first_word(toks))

    def original(self, a: int, b: int) -> tuple[str, tuple[int, int]]:
        """Original text and span of tokens ``a..b`` (inclusive)."""
        s, e = self.folded.to_original(self.toks[a].start, self.toks[b].end)
        return self.text[s:e], (s, e)


def verb_at(toks: Sequence[ClauseToken], i: int) -> str | None:
    """The speech verb at token ``i`` (و/ف prefix stripped; «ذكرته» after «لما»), or None."""
    tok = toks[i]
    if not tok.word:
        return None
    t = tok.text
    if t in VERBS:
        return t
    if t[:1] in ("و", "ف") and t[1:] in VERBS:
        return t[1:]
    if i and toks[i - 1].text in _SUFFIX_AFTER and t.endswith("ه"):
        stem = t[:-1]
        if stem in VERBS:
            return stem
    return None


def _first_word(toks: Sequence[ClauseToken]) -> int:
    """Index of the first word after opening transitions («و»، «كما»، «من جهته»، «الى ذلك»)."""
    i = 0
    while i < len(toks) and (toks[i].text in _TRANSITIONS or toks[i].kind == "p"):
        i += 1
    return i


def clause_start(toks: Sequence[ClauseToken], i: int, first: int) -> bool:
    """Does a clause start at token ``i`` (the passage's first word, or after a boundary
    punctuation mark or a clause word such as «كما»، «فيما»)?"""
    if i <= first:
        return True
    prev = toks[i - 1]
    if prev.kind == "p":
        return prev.text in _BOUNDARY_PUNCT
    return prev.text in _CLAUSE_WORDS


def _next_word(toks: Sequence[ClauseToken], k: int) -> ClauseToken | None:
    """The next token after ``k`` that is not a quotation mark."""
    for m in range(k + 1, len(toks)):
        if toks[m].text != '"':
            return toks[m]
    return None


def phrase_stop(toks: Sequence[ClauseToken], k: int) -> str | None:
    """Why a speaker phrase ends at token ``k`` (None: the phrase goes on)."""
    tok = toks[k]
    if tok.kind == "n":
        return "number"
    t = tok.text
    if t in COMPLEMENTISERS:
        return "complement"
    if t in _COORD:
        return "coord"
    if t == _ALI and tok.raw.endswith("ي") and k and _name_start(toks[k - 1].text):
        return None  # «هدى علي»: the name, not the preposition على (both fold to علي)
    if t in _PREPS:
        nxt = _next_word(toks, k)
        if nxt is not None and nxt.text in COMPLEMENTISERS:
            return "complement"  # «أشار إلى أن»
        if t == _AN and k and toks[k - 1].text in _KEEP_AN:
            return None  # «النائب عن كتلة ...» is part of the title
        return "prep"
    if t in WEEKDAYS or t in _TIME or t in ADDRESSEES:
        return "adverbial"
    if t in _PERIODS and k + 1 < len(toks) and toks[k + 1].text in _RELATIVE_TIME:
        return "adverbial"
    if t == "في":
        nxt = _next_word(toks, k)
        if nxt is not None and (nxt.kind == "n" or nxt.text in _IN_HEADS):
            return "adverbial"
    if t in _SAYING:
        return "saying"
    if t in QAD or t in PARTICIPLES or verb_at(toks, k):
        return "verb"
    return None


def noun_phrase(toks: Sequence[ClauseToken], j: int) -> tuple[list[list[int]], str, int]:
    """The speaker phrase starting at token ``j``: comma-separated segments of token indices,
    why it ended (a :func:`phrase_stop` reason, or "comma", "quote", "colon", "punct", "end",
    "long"), and the index where it ended."""
    segs: list[list[int]] = [[]]
    k, n, count = j, len(toks), 0
    while k < n:
        tok = toks[k]
        if tok.kind == "p":
            if tok.text == ",":
                nxt = toks[k + 1] if k + 1 < n else None
                if nxt is None or not nxt.word or phrase_stop(toks, k + 1):
                    return segs, "comma", k
                if nxt.text.startswith("و") and any(segs):
                    return segs, "comma", k  # «جو بايدن، ورئيس الوزراء ...»: a second subject
                segs.append([])
                k += 1
                continue
            if tok.text == '"':
                # A short quoted name inside the phrase («المسؤول في "البنتاغون"، إن»).
                close = next((m for m in range(k + 1, min(k + 6, n)) if toks[m].text == '"'), None)
                if close is not None and close > k + 1 and any(segs):
                    after = close + 1
                    if after >= n or toks[after].kind == "p" or phrase_stop(toks, after):
                        segs[-1].extend(m for m in range(k + 1, close) if toks[m].word)
                        k = after
                        continue
                return segs, "quote", k
            if tok.text == ":":
                return segs, "colon", k
            return segs, "end" if tok.text in _SENTENCE_PUNCT else "punct", k
        why = phrase_stop(toks, k)
        if why:
            return segs, why, k
        segs[-1].append(k)
        count += 1
        if count > _MAX_NP:
            return segs, "long", k
        k += 1
    return segs, "end", k


def content_follows(toks: Sequence[ClauseToken], k: int) -> bool:
    """A content clause (إن/أن, a colon or a quotation) opens within a few tokens of ``k``."""
    for m in range(k, min(k + 12, len(toks))):
        t = toks[m].text
        if t in COMPLEMENTISERS or t in (":", '"'):
            return True
        if t in _SENTENCE_PUNCT:
            return False
    return False


def _definite(t: str) -> bool:
    return t.startswith(("ال", "بال", "لل", "وال", "فال", "كال"))


def _name_start(t: str) -> bool:
    """Could ``t`` open a personal name? (Not definite, not a role, not a particle.)"""
    return not (
        _definite(t)
        or t in ROLES
        or t in STOPWORDS
        or t in _MONTHS
        or t.startswith("ل")
        or t == _BISM
    )


def shortest_form(
    toks: Sequence[ClauseToken], segs: list[list[int]], content: bool, closed: bool = True
) -> list[int]:
    """Token indices of the shortest informative form of a speaker phrase.

    ``content`` says a content clause follows the phrase: then an indefinite word after a
    definite one opens a personal name («رئيس الوزراء مصطفى الكاظمي إن»); without it, it opens
    the verb's object («نفت القيادة العراقية تمديد الموعد») and the speaker ends before it.
    ``closed`` says the phrase ended cleanly (:data:`CLOSED_ENDINGS`): only then can its last
    comma segment be an appositive name rather than the start of the next clause.
    """
    segs = [s for s in segs if s]
    if not segs:
        return []
    # 1. A rank or honorific followed by a name: «اللواء يحيى رسول».
    for s in segs:
        for pos, k in enumerate(s):
            if toks[k].text in RANKS and pos + 1 < len(s):
                return s[pos : pos + 6]
    # 2. A name in apposition after a comma: «مستشار الأمن القومي العراقي، قاسم الأعرجي».
    for pos, s in enumerate(segs[1:], start=2):
        if len(s) <= 4 and _name_start(toks[s[0]].text) and (closed or pos < len(segs)):
            return s
    first = segs[0]
    # 3. Definite word then indefinite word: a name (content follows) or the verb's object.
    for pos in range(1, len(first)):
        prev, cur = toks[first[pos - 1]].text, toks[first[pos]].text
        if _definite(prev) and prev not in RANKS and _name_start(cur):
            if content and len(first) - pos <= 4:
                return first[pos:]
            return first[:pos]
    return first


def _nisba(t: str) -> bool:
    """An indefinite relative adjective («لبناني»، «ليبية»، «لندنيون»), not ل + a noun."""
    return not t.startswith("لل") and t.endswith(("ي", "يه", "يون", "يين", "يان"))


def drop_addressee(toks: Sequence[ClauseToken], phrase: list[int]) -> list[int]:
    """Drop a trailing «للحرة» (said *to* an outlet) when an adverbial follows it."""
    if len(phrase) < 2:
        return phrase
    last = toks[phrase[-1]].text
    if not last.startswith("ل") or last in STOPWORDS or _nisba(last):
        return phrase
    nxt = phrase[-1] + 1
    if nxt < len(toks) and toks[nxt].text == ",":
        nxt += 1
    if nxt < len(toks) and phrase_stop(toks, nxt) == "adverbial":
        return phrase[:-1]
    return phrase
