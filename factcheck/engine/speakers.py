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
returned name is cut from the *original* text). Where a speaker phrase ends and which of its
words name the speaker is the clause grammar of :mod:`factcheck.engine.clauses`; this module
says which words attribute a statement at all:

1. Verb first: a speech verb (قال، أكد، أعلن، أوضح، نفى، أضاف ...) followed by the speaker
   phrase («قال X إن»، «وأكدت Y أن»، «أعلن Z، في ...، أن»). Verbs that are also common nouns or
   prepositions (بين، تابع، رأى، ذكر ...) count only at the start of a clause and with a
   content clause (إن/أن, a colon, a quotation, «أشار إلى») after the phrase.
2. Subject first: «وكان X قد أكد»، «X قال إن»، and headline attributions «وزير الصحة: ...».
3. Sources: «على لسان X»، «نقلا عن X»، «جاء في بيان X»، «بحسب / وفقا لـ / طبقا لـ X» when X is
   a source-like noun (بيان، وزارة، مصادر، متحدث، رويترز ...), so «وفق الخطة» is not read as a
   source; and «نقلت الوكالة عن X قوله إن» (X made the statement, the outlet carried it; a
   content clause must follow, so «نقلت الشاحنات المساعدات عن طريق ...» is not a quotation).
4. Continuation: a subjectless speech verb or participle at the passage start («وأضاف أن ...»،
   «وتابع: ...»، «مؤكدا ...») names nobody; :func:`speakers_for_document` resolves it.

Which passages are copies of one another (syndication) is :mod:`factcheck.engine.provenance`'s job.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from factcheck.engine.clauses import (
    ADDRESSEES,
    AGENCIES,
    CLOSED_ENDINGS,
    COMPLEMENTISERS,
    PARTICIPLES,
    QAD,
    RANKS,
    ROLES,
    VERBS,
    Clause,
    clause_start,
    content_follows,
    drop_addressee,
    noun_phrase,
    phrase_stop,
    shortest_form,
    verb_at,
)
from factcheck.text.arabic import STOPWORDS, fold
from factcheck.text.vocabulary import SPEECH_VERBS, folded_set, is_heading, past_forms

if TYPE_CHECKING:
    from factcheck.records import Passage

__all__ = [
    "Attribution",
    "attribution",
    "speaker_of",
    "speakers_for_document",
]


_f = folded_set
_STRONG = SPEECH_VERBS  # count anywhere in the passage; the other VERBS only at a clause start
_KANA = _f("كان كانت كانوا وكان وكانت وكانوا فكان فكانت")
_CONTENT_PREPS = _f("إلى على عن من")  # «أشار إلى»، «شدد على»، «حذر من»
# Heads that make «بحسب / وفقا لـ X» a source rather than "according to the plan".
_SOURCE_HEADS = ROLES | AGENCIES
_SOURCE_PREP = _f("بحسب وبحسب حسب وحسب وفق وفقا ووفقا طبقا وطبقا")
_RELATIVE = _f("الذي التي الذين اللذين اللتين اللواتي ما لم لن لا")
_AFTER_VERB = _f("أيضا كذلك مجددا")
_AN = fold("عن")
_LISAN = fold("لسان")
_ALA = _f("على وعلى")
_NAQLAN = _f("نقلا ونقلا")
_REPORTED = frozenset(p + v for v in past_forms("نقل") for p in ("", "و", "ف"))  # «نقلت X عن»
_JAA = _f("جاء وجاء")
_LIMA = _f("لما ما")
_LAM = _f("لـ ل")

# Every word that can start an attribution; a passage with none of them has no speaker.
_CUES = (
    VERBS
    | frozenset(p + v for v in VERBS for p in ("و", "ف"))
    | frozenset(v + "ه" for v in VERBS)
    | PARTICIPLES
    | _KANA
    | _SOURCE_PREP
    | _REPORTED
    | _f("لسان نقلا ونقلا جاء وجاء")
)
_WORD_RE = re.compile(r"[^\W\d_]+")
_QUOTE_CHARS = re.compile(r"[\"'«»“”„‟‹›‘’‚″]")
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


def _made(c: Clause, phrase: list[int], cue: int, strip_lam: bool = False) -> Attribution | None:
    """The attribution to the phrase of token indices ``phrase``, credited by token ``cue``
    (None when the phrase is empty, too long or starts with a particle or a verb)."""
    toks = c.toks
    phrase = drop_addressee(toks, phrase)
    if not phrase or len(phrase) > _MAX_SPEAKER:
        return None
    head = toks[phrase[0]].text
    if head in STOPWORDS or head in VERBS or head in COMPLEMENTISERS:
        return None
    raw, span = c.original(phrase[0], phrase[-1])
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
    return Attribution(speaker, c.original(cue, cue)[0], span)


def _continuation(c: Clause, cue: int) -> Attribution:
    text, (s, _) = c.original(cue, cue)
    return Attribution("", text, (s, s), continuation=True)


def _headline(c: Clause) -> Attribution | None:
    """«وزير الصحة: لا إصابات جديدة» -- a role noun, a colon, then the statement."""
    toks = c.toks
    colon = next((k for k in range(min(len(toks), 6)) if toks[k].text == ":"), None)
    if not colon or not all(toks[k].word for k in range(colon)):
        return None
    head = toks[0].text[2:] if toks[0].text.startswith("ال") else toks[0].text
    if head in ROLES or toks[0].text in RANKS:
        return _made(c, list(range(colon)), 0)
    return None


def _subject_first(c: Clause, i: int) -> Attribution | None:
    """«وكان X (قد) قال ...» anywhere a clause starts; «X قال إن ...» at the passage start."""
    toks, n = c.toks, len(c.toks)
    kana = toks[i].text in _KANA
    if not kana and i != c.first:
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
        if tok.kind != "w" or tok.text in COMPLEMENTISERS:
            return None
        if tok.text in QAD:
            k += 1
            continue
        if verb_at(toks, k):
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
        if len(phrase) > 6 or any(phrase_stop(toks, m) for m in phrase):
            return None
        if not content_follows(toks, k + 1):
            return None
    return _made(c, shortest_form(toks, segs, content=False), k)


def _source(c: Clause, i: int) -> Attribution | None:
    """«على لسان X»، «نقلا عن X»، «جاء في بيان X»، «بحسب / وفقا لـ X» (X source-like), and
    «نقلت الوكالة عن X قوله إن» (X quoted by an outlet, a content clause after X)."""
    toks, n = c.toks, len(c.toks)
    t = toks[i].text
    nxt = toks[i + 1].text if i + 1 < n else ""
    reported = False
    if t == _LISAN and i and toks[i - 1].text in _ALA:
        j, strict = i + 1, False
    elif t in _NAQLAN and nxt == _AN:
        j, strict = i + 2, False
    elif t in _REPORTED:
        _, why, end = noun_phrase(toks, i + 1)  # the outlet, up to «عن»
        if why != "prep" or toks[end].text != _AN:
            return None
        j, strict, reported = end + 1, False, True
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
    segs, why, end = noun_phrase(toks, j)
    content = content_follows(toks, end)
    if why == "long" or (reported and not content):
        return None  # «نقلت القوات المعدات عن طريق البر»: carried, not quoted
    phrase = shortest_form(toks, segs, content, why in CLOSED_ENDINGS)
    if not phrase:
        return None
    head = toks[phrase[0]].text
    bare = "ال" + head[2:] if head.startswith("لل") else head[1:] if head.startswith("ل") else head
    bare = bare[2:] if bare.startswith("ال") else bare
    if strict and bare not in _SOURCE_HEADS and head not in RANKS:
        return None
    return _made(c, phrase, i, strip_lam=True)


def _verb_first(c: Clause, i: int) -> Attribution | None:
    """«قال X إن»، «وأكدت Y أن»، «أعلن Z، في ...، أن»; a subjectless verb at the passage start
    is a continuation («وأضاف أن ...»، «وتابع: ...»، «مؤكدا ...»)."""
    toks, n = c.toks, len(c.toks)
    verb = verb_at(toks, i)
    participle = i == c.first and toks[i].text in PARTICIPLES
    if verb is None and not participle:
        return None
    if verb is not None:
        if verb in _STRONG:
            if i and toks[i - 1].text in _RELATIVE:
                return None  # «التي قالت عنها»: a relative clause, not an attribution
        elif not clause_start(toks, i, c.first):
            return None
    j = i + 1
    while j < n and (toks[j].text in ADDRESSEES or toks[j].text in _AFTER_VERB):
        j += 1
    segs, why, end = noun_phrase(toks, j)
    content = why in ("complement", "colon", "quote") or (
        why in ("comma", "adverbial") and content_follows(toks, end)
    )
    if participle or not any(segs):
        if i == c.first and why not in ("long", "number", "coord"):
            return _continuation(c, i)
        return None
    if verb not in _STRONG:
        weak_ok = content or (why == "prep" and toks[end].text in _CONTENT_PREPS)
        if not weak_ok:
            return None
    return _made(c, shortest_form(toks, segs, content, why in CLOSED_ENDINGS), i)


@lru_cache(maxsize=65536)
def attribution(text: str) -> Attribution | None:
    """The first attribution in ``text``, or None. See the module docstring for the rules.

    Cached per text, because claims, the stance judge and the evidence engine all ask about the
    same passages. A module-level cache is safe here: the answer is a pure function of an
    immutable string (no corpus, settings or clock is read) and a frozen :class:`Attribution`,
    so an entry can never go stale or be altered by a caller; the cache holds no corpus object
    and is bounded (65,536 texts, about 40 MB at news-passage length).
    """
    if _CUES.isdisjoint(_WORD_RE.findall(fold(text))) and ":" not in text[:80]:
        return None  # no speech verb, source word or participle: most passages, cheaply
    c = Clause.read(text)
    if not c.toks:
        return None
    got = _headline(c)
    if got is not None:
        return got
    for i, tok in enumerate(c.toks):
        if not tok.word:
            continue
        for rule in (_subject_first, _source, _verb_first):
            got = rule(c, i)
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
