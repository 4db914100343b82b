"""Speakers: who is quoted or credited in a passage of Arabic news.

A fact-checker weighs a statement by who made it, and the stance judge compares a claim's
speaker with a passage's rather than counting the attribution words themselves. Answered
without network access or a gazetteer:

* :func:`speaker_of` names the quoted or attributed speaker of a passage
  («قال المتحدث باسم الجيش، العميد X، إن ...» -> «العميد X»);
* :func:`attribution` gives the full :class:`Attribution` (speaker, cue, span, continuation);
* :func:`speakers_for_document` also lets a pronoun continuation («وأضاف أن ...») inherit the
  speaker of the passage before it.

Rules (all on the folded text, so hamza, diacritic and alef-maqsura spellings match; the
returned name is cut from the *original* text through :func:`~factcheck.text.arabic.fold_with_map`):

1. A speech verb (قال، أكد، أعلن، أوضح، نفى، أضاف ... with و/ف prefixes, feminine, plural and
   present forms) is followed by the speaker noun phrase, which ends at a complementiser
   (إن/أن/بأن), a colon, a quotation, a preposition governing the content (إلى أن، على، من، عن),
   an adverbial (weekdays, اليوم، أمس، في تصريح/بيان/تغريدة ...، خلال، عبر، digits) or the addressee
   («للوكالة»، «لموقع»، «للصحفيين»). Verbs that are also common nouns or prepositions
   (بين، تابع، رأى، ذكر ...) count only at the start of a clause.
2. Subject first: «وكان X قد أكد»، «X قال إن»، and headline attributions «وزير الصحة: ...».
3. Source prepositions: «على لسان X»، «نقلا عن X»، and «بحسب / وفقا لـ / طبقا لـ X» when X is a
   source-like noun (بيان، وزارة، مصادر، متحدث ...), so «وفق الخطة» is not read as a source.
4. The phrase is reduced to its *shortest informative form*: a personal name with the rank or
   honorific directly before it («اللواء تحسين الخفاجي» from «المتحدث باسم قيادة العمليات
   المشتركة العراقية اللواء تحسين الخفاجي»); a name in apposition without a rank alone
   («قاسم الأعرجي» from «مستشار الأمن القومي العراقي، قاسم الأعرجي»); otherwise the descriptive
   phrase as written («مسؤول رفيع في وزارة الدفاع الأمريكية»، «قيادة العمليات المشتركة»، «البيان»).
   Names are recognised by position (after a comma, or an indefinite word after a definite one
   when the phrase is cleanly closed by إن/أن), not by a gazetteer, so unseen names work.

Which passages are copies of one another (syndication) is :mod:`factcheck.engine.provenance`'s job.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from factcheck.text.arabic import STOPWORDS, fold, fold_with_map
from factcheck.text.vocabulary import (
    SPEECH_VERBS,
    SPEECH_VERBS_PRESENT,
    SPEECH_VERBS_RARE,
    SPEECH_VERBS_WEAK,
    WEEKDAYS,
    folded_set,
    is_heading,
    month_words,
)

if TYPE_CHECKING:
    from factcheck.records import Passage

__all__ = [
    "Attribution",
    "attribution",
    "speaker_of",
    "speakers_for_document",
]


_f = folded_set
_STRONG = SPEECH_VERBS  # count anywhere in the passage
_WEAK = SPEECH_VERBS_WEAK | SPEECH_VERBS_RARE | SPEECH_VERBS_PRESENT  # only at a clause start
_VERBS = _STRONG | _WEAK
# Circumstantial participles: a passage opening with one continues the previous speaker.
_PARTICIPLES = _f(
    "قائلا قائلة مؤكدا مؤكدة مشيرا مشيرة مضيفا مضيفة موضحا موضحة لافتا لافتة مبينا مبينة "
    "متابعا متابعة معتبرا معتبرة مشددا مشددة محذرا محذرة كاشفا كاشفة منوها منوهة مردفا مردفة "
    "معلنا معلنة نافيا نافية"
)
_KANA = _f("كان كانت كانوا وكان وكانت وكانوا فكان فكانت")
_QAD = _f("قد وقد فقد لقد ولقد")
_COMPLEMENT = _f("إن أن إنه أنه إنها أنها إنهم أنهم إنهما أنهما بأن بأنه بأنها بأنهم")
_COORD = _f("وأن وأنه وأنها وإن")
_PREPS = _f("إلى على عن من حول بشأن")
_CONTENT_PREPS = _f("إلى على عن من")  # «أشار إلى»، «شدد على»، «حذر من»
_WEEKDAYS = WEEKDAYS
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
    | _WEEKDAYS
)
# Addressees after the speaker («للوكالة»، «لموقع»): the noun with ل or لل attached.
_MEDIA = ("وكالة", "موقع", "قناة", "صحيفة", "شبكة", "تلفزيون", "إذاعة", "مراسل", "صحفيين")
_ADDRESSEE = frozenset(fold(p + n) for n in _MEDIA for p in ("ل", "لل")) | _f(
    "لـ ل له لها لهم للصحفيين لوسائل"
)
_RANKS = _f(
    "اللواء العميد العقيد المقدم الرائد النقيب الملازم الفريق المشير الجنرال الأدميرال "
    "الأميرال الدكتور الدكتورة د الشيخ الشيخة السيد السيدة المهندس الأستاذ الأستاذة القاضي "
    "الأمير الأميرة الملك الملكة السلطان الحاج الحاجة الكابتن المطران البطريرك السيناتور"
)
# Role nouns and institutions (folded, without ال): never the first word of a personal name;
# also the heads that make «بحسب / وفقا لـ X» a source rather than "according to the plan".
_ROLES = _f(
    "متحدث متحدثة ناطق ناطقة مستشار مستشارة وزير وزيرة رئيس رئيسة مسؤول مسؤولة مسؤولون "
    "مسؤولين مدير مديرة قائد نائب نائبة عضو سفير سفيرة أمين محافظ مصدر مصادر خبير خبراء محلل "
    "مندوب ممثل مبعوث منسق مساعد معاون كبير زعيم مرشد مدرب لاعب قيادة وزارة حكومة بيان تقرير "
    "وكالة صحيفة موقع قناة شبكة مكتب مركز هيئة منظمة جهاز دائرة مديرية مرصد لجنة مجلس "
    "مفوضية سلطات شرطة جيش رئاسة خلية إحصاءات إحصائيات بيانات أرقام دراسة استطلاع شهود سكان "
    "ناشطون ناشطين مراسل بنك صندوق أمم قوات قوة أطراف جانب جانبان اتحاد نادي شركة"
)
_SOURCE_HEADS = _ROLES | _f("رويترز فرانس أسوشيتد الأناضول سانا واس وفا إرنا تاس")
_SOURCE_PREP = _f("بحسب وبحسب حسب وحسب وفق وفقا ووفقا طبقا وطبقا")
_CLAUSE_WORDS = _f(
    "كما وكما كذلك وكذلك ثم فيما بينما حيث وحيث بدوره بدورها أيضا وأيضا فقد وقد قد لقد ولقد"
)
_TRANSITIONS = _CLAUSE_WORDS | _f("و ف من جهته جهتها جانبه جانبها ذلك إلى")
_RELATIVE = _f("الذي التي الذين اللذين اللتين اللواتي ما لم لن لا")
_SUFFIX_AFTER = _f("ما لما حسبما بحسبما وفقما كما")
_TITLE_ABOUT = _f("النائب نائب النائبة ممثل مندوب")
_AFTER_VERB = _f("أيضا كذلك مجددا")
_ALI = fold("على")
_AN = fold("عن")
_BISM = fold("باسم")
_LISAN = fold("لسان")
_ALA = _f("على وعلى")
_NAQLAN = _f("نقلا ونقلا")
_JAA = _f("جاء وجاء")
_LIMA = _f("لما ما")
_LAM = _f("لـ ل")

# Every word that can start an attribution; a passage with none of them has no speaker.
_CUES = (
    _VERBS
    | frozenset(p + v for v in _VERBS for p in ("و", "ف"))
    | frozenset(v + "ه" for v in _VERBS)
    | _PARTICIPLES
    | _KANA
    | _SOURCE_PREP
    | _f("لسان نقلا ونقلا جاء وجاء")
)
_WORD_RE = re.compile(r"[^\W\d_]+")
_TOKEN_RE = re.compile(r"(\d+(?:[.,/]\d+)*%?)|([^\W\d_]+)|([^\w\s])", re.UNICODE)
_QUOTE_CHARS = re.compile(r"[\"'«»“”„‟‹›‘’‚″]")
_SENTENCE_PUNCT = frozenset(".!?;")
_BOUNDARY_PUNCT = frozenset(',.:;!?"()-')
_MAX_NP = 16
_CLOSED = frozenset({"comma", "complement", "colon", "quote", "adverbial"})
_MAX_SUBJECT = 12
_MAX_SPEAKER = 10  # words: a longer "speaker" is a misread clause


@dataclass(frozen=True)
class Attribution:
    """An attribution found in a passage.

    ``speaker`` is the shortest informative form of the speaker phrase ("" for a continuation
    such as «وأضاف أن ...» that names nobody); ``span`` is that phrase's ``(start, end)`` in the
    original text; ``cue`` is the speech verb or source preposition as written;
    ``continuation`` is True when the passage opens with a speech verb that has no subject.
    """

    speaker: str
    cue: str
    span: tuple[int, int]
    continuation: bool = False


class _Tok(NamedTuple):
    text: str
    start: int
    end: int
    kind: str  # "w" word, "n" number, "p" punctuation
    raw: str = ""  # as written, where folding merges words («على» and the name «علي»)

    @property
    def word(self) -> bool:
        return self.kind == "w"


def _tokens(folded: str) -> list[_Tok]:
    # The matching group says the kind: 1 number, 2 word, 3 punctuation.
    return [
        _Tok(m.group(), m.start(), m.end(), "nwp"[m.lastindex - 1])
        for m in _TOKEN_RE.finditer(folded)
    ]


def _verb(toks: list[_Tok], i: int) -> str | None:
    """The speech verb at token ``i`` (و/ف prefix stripped; «ذكرته» after «لما»), or None."""
    tok = toks[i]
    if not tok.word:
        return None
    t = tok.text
    if t in _VERBS:
        return t
    if t[:1] in ("و", "ف") and t[1:] in _VERBS:
        return t[1:]
    if i and toks[i - 1].text in _SUFFIX_AFTER and t.endswith("ه"):
        stem = t[:-1]
        if stem in _VERBS:
            return stem
    return None


def _first_word(toks: list[_Tok]) -> int:
    """Index of the first word after opening transitions («و»، «كما»، «من جهته»، «الى ذلك»)."""
    i = 0
    while i < len(toks) and (toks[i].text in _TRANSITIONS or toks[i].kind == "p"):
        i += 1
    return i


def _clause_start(toks: list[_Tok], i: int, first: int) -> bool:
    if i <= first:
        return True
    prev = toks[i - 1]
    if prev.kind == "p":
        return prev.text in _BOUNDARY_PUNCT
    return prev.text in _CLAUSE_WORDS


def _next_word(toks: list[_Tok], k: int) -> _Tok | None:
    """The next token after ``k`` that is not a quotation mark."""
    for m in range(k + 1, len(toks)):
        if toks[m].text != '"':
            return toks[m]
    return None


def _stop(toks: list[_Tok], k: int) -> str | None:
    """Why a speaker phrase ends at token ``k`` (None: the phrase goes on)."""
    tok = toks[k]
    if tok.kind == "n":
        return "number"
    t = tok.text
    if t in _COMPLEMENT:
        return "complement"
    if t in _COORD:
        return "coord"
    if t == _ALI and tok.raw.endswith("ي") and k and _name_start(toks[k - 1].text):
        return None  # «هدى علي»: the name, not the preposition على (both fold to علي)
    if t in _PREPS:
        nxt = _next_word(toks, k)
        if nxt is not None and nxt.text in _COMPLEMENT:
            return "complement"  # «أشار إلى أن»
        if t == _AN and k and toks[k - 1].text in _TITLE_ABOUT:
            return None  # «النائب عن كتلة ...» is part of the title
        return "prep"
    if t in _WEEKDAYS or t in _TIME or t in _ADDRESSEE:
        return "adverbial"
    if t in _PERIODS and k + 1 < len(toks) and toks[k + 1].text in _RELATIVE_TIME:
        return "adverbial"
    if t == "في":
        nxt = _next_word(toks, k)
        if nxt is not None and (nxt.kind == "n" or nxt.text in _IN_HEADS):
            return "adverbial"
    if t in _QAD or t in _PARTICIPLES or _verb(toks, k):
        return "verb"
    return None


def _np(toks: list[_Tok], j: int) -> tuple[list[list[int]], str, int]:
    """The speaker phrase starting at token ``j``: comma-separated segments of token indices,
    why it ended, and the index where it ended."""
    segs: list[list[int]] = [[]]
    k, n, count = j, len(toks), 0
    while k < n:
        tok = toks[k]
        if tok.kind == "p":
            if tok.text == ",":
                nxt = toks[k + 1] if k + 1 < n else None
                if nxt is None or not nxt.word or _stop(toks, k + 1):
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
                    if after >= n or toks[after].kind == "p" or _stop(toks, after):
                        segs[-1].extend(m for m in range(k + 1, close) if toks[m].word)
                        k = after
                        continue
                return segs, "quote", k
            if tok.text == ":":
                return segs, "colon", k
            return segs, "end" if tok.text in _SENTENCE_PUNCT else "punct", k
        why = _stop(toks, k)
        if why:
            return segs, why, k
        segs[-1].append(k)
        count += 1
        if count > _MAX_NP:
            return segs, "long", k
        k += 1
    return segs, "end", k


def _content_follows(toks: list[_Tok], k: int) -> bool:
    """A content clause (إن/أن, a colon or a quotation) opens within a few tokens of ``k``."""
    for m in range(k, min(k + 12, len(toks))):
        t = toks[m].text
        if t in _COMPLEMENT or t in (":", '"'):
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
        or t in _ROLES
        or t in STOPWORDS
        or t in _MONTHS
        or t.startswith("ل")
        or t == _BISM
    )


def _form(toks: list[_Tok], segs: list[list[int]], content: bool, closed: bool = True) -> list[int]:
    """Token indices of the shortest informative form of a speaker phrase.

    ``content`` says a content clause follows the phrase: then an indefinite word after a
    definite one opens a personal name («رئيس الوزراء مصطفى الكاظمي إن»); without it, it opens
    the verb's object («نفت القيادة العراقية تمديد الموعد») and the speaker ends before it.
    ``closed`` says the phrase ended cleanly (comma, إن/أن, colon, quote, adverbial): only then
    can its last comma segment be an appositive name rather than the start of the next clause.
    """
    segs = [s for s in segs if s]
    if not segs:
        return []
    # 1. A rank or honorific followed by a name: «اللواء يحيى رسول».
    for s in segs:
        for pos, k in enumerate(s):
            if toks[k].text in _RANKS and pos + 1 < len(s):
                return s[pos : pos + 6]
    # 2. A name in apposition after a comma: «مستشار الأمن القومي العراقي، قاسم الأعرجي».
    for pos, s in enumerate(segs[1:], start=2):
        if len(s) <= 4 and _name_start(toks[s[0]].text) and (closed or pos < len(segs)):
            return s
    first = segs[0]
    # 3. Definite word then indefinite word: a name (content follows) or the verb's object.
    for pos in range(1, len(first)):
        prev, cur = toks[first[pos - 1]].text, toks[first[pos]].text
        if _definite(prev) and prev not in _RANKS and _name_start(cur):
            if content and len(first) - pos <= 4:
                return first[pos:]
            return first[:pos]
    return first


def _drop_addressee(toks: list[_Tok], phrase: list[int]) -> list[int]:
    """Drop a trailing «للحرة» (said *to* an outlet) when an adverbial follows it."""
    if len(phrase) < 2:
        return phrase
    last = toks[phrase[-1]].text
    if not last.startswith("ل") or last in STOPWORDS:
        return phrase
    nxt = phrase[-1] + 1
    if nxt < len(toks) and toks[nxt].text == ",":
        nxt += 1
    if nxt < len(toks) and _stop(toks, nxt) == "adverbial":
        return phrase[:-1]
    return phrase


class _Reader:
    """One passage, folded and tokenised once, with the helpers that cut a speaker out of it."""

    def __init__(self, text: str):
        self.text = text
        self.folded = fold_with_map(text)
        self.toks = _tokens(self.folded.text)
        for i, tok in enumerate(self.toks):
            if tok.text == _ALI:
                s, e = self.folded.to_original(tok.start, tok.end)
                self.toks[i] = _Tok(tok.text, tok.start, tok.end, tok.kind, text[s:e])
        self.first = _first_word(self.toks)

    def original(self, a: int, b: int) -> tuple[str, tuple[int, int]]:
        """Original text and span of tokens ``a..b`` (inclusive)."""
        s, e = self.folded.to_original(self.toks[a].start, self.toks[b].end)
        return self.text[s:e], (s, e)

    def made(self, phrase: list[int], cue: int, strip_lam: bool = False) -> Attribution | None:
        toks = self.toks
        phrase = _drop_addressee(toks, phrase)
        if not phrase or len(phrase) > _MAX_SPEAKER:
            return None
        head = toks[phrase[0]].text
        if head in STOPWORDS or head in _VERBS or head in _COMPLEMENT:
            return None
        raw, span = self.original(phrase[0], phrase[-1])
        speaker = " ".join(_QUOTE_CHARS.sub("", raw).replace("_", " ").split())
        speaker = speaker.strip(" ،,.:؛;-")
        if strip_lam:
            # «وفقا لبيان الوزارة» -> «بيان الوزارة»; «لوكالة رويترز» -> «وكالة رويترز».
            if fold(speaker).startswith("لل"):
                speaker = "ال" + speaker[2:]
            elif fold(speaker).startswith("ل"):
                speaker = speaker[1:]
        if not speaker:
            return None
        return Attribution(speaker, self.original(cue, cue)[0], span)

    def continuation(self, cue: int) -> Attribution:
        text, (s, _) = self.original(cue, cue)
        return Attribution("", text, (s, s), continuation=True)


def _headline(r: _Reader) -> Attribution | None:
    """«وزير الصحة: لا إصابات جديدة» -- a role noun, a colon, then the statement."""
    toks = r.toks
    colon = next((k for k in range(min(len(toks), 6)) if toks[k].text == ":"), None)
    if not colon or not all(toks[k].word for k in range(colon)):
        return None
    head = toks[0].text[2:] if toks[0].text.startswith("ال") else toks[0].text
    if head in _ROLES or toks[0].text in _RANKS:
        return r.made(list(range(colon)), 0)
    return None


def _subject_first(r: _Reader, i: int) -> Attribution | None:
    """«وكان X (قد) قال ...» anywhere a clause starts; «X قال إن ...» at the passage start."""
    toks, n = r.toks, len(r.toks)
    kana = toks[i].text in _KANA
    if not kana and i != r.first:
        return None
    phrase: list[int] = []
    segs: list[list[int]] = [[]]
    k = i + 1 if kana else i
    while k < n and len(phrase) <= _MAX_SUBJECT:
        tok = toks[k]
        if tok.text in (",", '"'):
            if tok.text == "," and segs[-1]:
                segs.append([])
            k += 1
            continue
        if tok.kind != "w" or tok.text in _COMPLEMENT:
            return None
        if tok.text in _QAD:
            k += 1
            continue
        if _verb(toks, k):
            break
        phrase.append(k)
        segs[-1].append(k)
        k += 1
    else:
        return None
    if not phrase:
        return None
    if not kana:
        # Plain subject-verb order: a short subject with no adverbials, and a content clause.
        if len(phrase) > 6 or any(_stop(toks, m) for m in phrase):
            return None
        if not _content_follows(toks, k + 1):
            return None
    return r.made(_form(toks, segs, content=False), k)


def _source(r: _Reader, i: int) -> Attribution | None:
    """«على لسان X»، «نقلا عن X»، «جاء في بيان X»، «بحسب / وفقا لـ X» (X source-like)."""
    toks, n = r.toks, len(r.toks)
    t = toks[i].text
    nxt = toks[i + 1].text if i + 1 < n else ""
    if t == _LISAN and i and toks[i - 1].text in _ALA:
        j, strict = i + 1, False
    elif t in _NAQLAN and nxt == _AN:
        j, strict = i + 2, False
    elif t in _JAA and nxt == "في":
        j, strict = i + 2, True
    elif t in _SOURCE_PREP and nxt not in _LIMA:
        j, strict = i + 1, True
    else:
        return None
    if j < n and toks[j].text in _LAM:
        j += 1  # «وفقا لـ "رويترز"»
    while j < n and toks[j].text == '"':
        j += 1
    segs, why, end = _np(toks, j)
    if why == "long":
        return None
    phrase = _form(toks, segs, _content_follows(toks, end), why in _CLOSED)
    if not phrase:
        return None
    head = toks[phrase[0]].text
    bare = "ال" + head[2:] if head.startswith("لل") else head[1:] if head.startswith("ل") else head
    bare = bare[2:] if bare.startswith("ال") else bare
    if strict and bare not in _SOURCE_HEADS and head not in _RANKS:
        return None
    return r.made(phrase, i, strip_lam=True)


def _verb_first(r: _Reader, i: int) -> Attribution | None:
    """«قال X إن»، «وأكدت Y أن»، «أعلن Z، في ...، أن»; a subjectless verb at the passage start
    is a continuation («وأضاف أن ...»، «وتابع: ...»، «مؤكدا ...»)."""
    toks, n = r.toks, len(r.toks)
    verb = _verb(toks, i)
    participle = i == r.first and toks[i].text in _PARTICIPLES
    if verb is None and not participle:
        return None
    if verb is not None:
        if verb in _STRONG:
            if i and toks[i - 1].text in _RELATIVE:
                return None  # «التي قالت عنها»: a relative clause, not an attribution
        elif not _clause_start(toks, i, r.first):
            return None
    j = i + 1
    while j < n and (toks[j].text in _ADDRESSEE or toks[j].text in _AFTER_VERB):
        j += 1
    segs, why, end = _np(toks, j)
    content = why in ("complement", "colon", "quote") or (
        why in ("comma", "adverbial") and _content_follows(toks, end)
    )
    if participle or not any(segs):
        if i == r.first and why not in ("long", "number", "coord"):
            return r.continuation(i)
        return None
    if verb not in _STRONG:
        weak_ok = content or (why == "prep" and toks[end].text in _CONTENT_PREPS)
        if not weak_ok:
            return None
    return r.made(_form(toks, segs, content, why in _CLOSED), i)


@lru_cache(maxsize=65536)
def attribution(text: str) -> Attribution | None:
    """The first attribution in ``text``, or None. See the module docstring for the rules."""
    if _CUES.isdisjoint(_WORD_RE.findall(fold(text))) and ":" not in text[:80]:
        return None  # no speech verb, source word or participle: most passages, cheaply
    r = _Reader(text)
    if not r.toks:
        return None
    got = _headline(r)
    if got is not None:
        return got
    for i, tok in enumerate(r.toks):
        if not tok.word:
            continue
        for rule in (_subject_first, _source, _verb_first):
            got = rule(r, i)
            if got is not None:
                return got
    return None


def speaker_of(passage_text: str) -> str:
    """The quoted or attributed speaker of a passage, or "" when it names none.

    >>> speaker_of("وقال المتحدث باسم القيادة اللواء تحسين الخفاجي إن الموعد ثابت")
    'اللواء تحسين الخفاجي'
    >>> speaker_of("وأضاف أن الموعد ثابت")
    ''
    """
    a = attribution(passage_text)
    return a.speaker if a is not None else ""


def speakers_for_document(passages: Sequence[Passage]) -> list[str]:
    """Speakers of a document's passages, in order, with pronoun continuations resolved.

    A passage opening with a speech verb and no subject («وأضاف أن ...»، «وتابع: ...»،
    «مؤكدا ...») inherits the speaker of the passage right before it in the same document,
    which may itself have inherited (a chain of continuations). An explicit speaker resets the
    chain; an unattributed passage breaks it, except a crosshead (a short line without final
    punctuation), which is skipped over because it is layout, not speech.
    """
    out: list[str] = []
    prev, prev_doc = "", None
    for p in passages:
        if p.doc_id != prev_doc:
            prev = ""
        prev_doc = p.doc_id
        a = attribution(p.text)
        if a is not None and a.speaker:
            speaker = a.speaker
        elif a is not None and a.continuation:
            speaker = prev
        else:
            out.append("")
            if not is_heading(p.text):
                prev = ""
            continue
        out.append(speaker)
        prev = speaker
    return out
