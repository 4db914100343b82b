"""Check-worthy claims: the statements of a corpus worth sending to a fact-checker.

A *claim unit* is a passage when it is short enough to read as one statement (at most
:data:`MAX_CHARS` characters), otherwise each of its sentences; a single sentence is kept whole
up to :data:`MAX_SENTENCE` characters (a quotation is not cut in two for a few characters) and
only a longer one is cut at clause commas. A unit is check-worthy when it has a *kind*:

* ``number`` / ``percent`` / ``date`` -- a figure found by
  :func:`factcheck.figures.quantities.extract_quantities` (ordinals such as «الرابعة», a lone «واحد»
  and month-only references such as «في آذار الماضي» are not figures anyone can check);
* ``attributed`` -- someone is said to have said it (:mod:`factcheck.engine.speakers`; a pronoun
  continuation «وأضاف أن ...» counts when the speaker it continues is known);
* ``quote`` -- a quotation of three words or more in « », " " or “ ”;
* ``absolute`` -- a universal, a superlative or a categorical negation (كل، جميع، أبدا، لن،
  لا يوجد، الأول من نوعه، أكبر، تماما، بالكامل ...), the wording fact-checks most often refute.

The same statement carried by several outlets (syndicated copy, light edits) becomes *one*
:class:`~factcheck.records.Claim` listing every document: units are clustered with
:func:`factcheck.engine.provenance.cluster_passages`, the same near-duplicate rule as passages, and
the text shown is the original's (earliest outlet).

Ranking (:func:`score`, documented there) favours figures, then attribution, quotes and
absolutes; widely carried claims rank higher; questions, headline fragments and very short or
very long units rank lower.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np
import pandas as pd
from scipy.sparse import coo_array
from scipy.sparse.csgraph import connected_components

# The date rule is provenance's, so a claim's original outlet is chosen exactly as a passage
# cluster's original is.
from factcheck.engine.prebuilt import PassageClusters, Prepared
from factcheck.engine.provenance import cluster_passages, parse_iso_date
from factcheck.engine.speakers import attribution, speakers_for_document
from factcheck.engine.statements import split_statement
from factcheck.figures import extract_quantities
from factcheck.records import Claim, Corpus, Document, Passage
from factcheck.text.arabic import STOPWORDS, fold, words
from factcheck.text.ids import claim_id_for
from factcheck.text.vocabulary import folded_set, is_heading

__all__ = [
    "KINDS",
    "MAX_CHARS",
    "MAX_SENTENCE",
    "WEIGHTS",
    "ClaimUnit",
    "claim_kinds",
    "claim_of_units",
    "claim_units",
    "claims_frame",
    "claims_from_units",
    "document_units",
    "extract_claims",
    "score",
]

KINDS: tuple[str, ...] = ("number", "percent", "date", "attributed", "quote", "absolute")
MAX_CHARS = 300
"""A passage up to this length is one claim unit; a longer one is split into sentences."""
MAX_SENTENCE = 450
"""A sentence up to this length stays whole; a longer one is cut into clause chunks of at
most :data:`MAX_CHARS`."""
WEIGHTS: dict[str, float] = {
    "percent": 3.0,
    "number": 2.0,
    "date": 1.0,
    "attributed": 1.5,
    "quote": 1.0,
    "absolute": 1.0,
}
"""Check-worthiness of each kind. Figures first: a percentage or a count can be checked
against a source outright (and are the claims fact-checkers most often rate); attribution
makes a statement someone's, so it can be put to them; quotes and absolutes add a little."""

MIN_CONTENT_WORDS = 4
"""Units with fewer content words (not stopwords, not numbers) are not claims."""

# A sentence ends at . ! ? ؟ … (or a run of them) followed by space, not after a one-letter
# abbreviation («د. أحمد») and not inside a number («3.5» has no space).
_SENTENCE_END = re.compile(r"(?<=[.!?؟…])(?<!\s\w\.)(?<!^\w\.)[\"'»”]?\s+")
_CLAUSE_END = re.compile(r"(?<=[،,;؛])\s+")
_NEVER = re.compile(r"(?!)")
_QUOTED = re.compile(r'"([^"]+)"')


def _phrases(text: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(fold(p).split()) for p in text.split("|"))


# Absolute wording, folded. Single words anywhere; phrases as word sequences.
_ABSOLUTE_WORDS = folded_set(
    "كل جميع كافة أبدا إطلاقا مطلقا قط دائما تماما بالكامل كليا نهائيا بتاتا لن "
    "أكبر أصغر أعلى أدنى أكثر أقل أسرع أبطأ أفضل أسوأ أطول أقصر أعظم أقوى أضعف أهم أخطر "
    "أغلى أرخص أشد الأكبر الأصغر الأعلى الأدنى الأفضل الأسوأ الأطول الأقصر الأعظم الأقوى "
    "الأضعف الأهم الأخطر الأغلى الأرخص الأشد الأسرع قياسي قياسية القياسي القياسية"
)
_ABSOLUTE_PHRASES = _phrases(
    "لا يوجد|لا توجد|ليس هناك|لا أحد|لم يعد|لم تعد|الأول من نوعه|الأولى من نوعها|لأول مرة|"
    "غير مسبوق|غير مسبوقة|على الإطلاق|من دون استثناء|بلا استثناء"
)
# Phrases by their first word, which may carry the conjunction («ولا أحد»، «فلا يوجد»): one pass
# over a passage's words instead of one per phrase.
_PHRASES_BY_HEAD: dict[str, list[tuple[str, ...]]] = {}
for _p in _ABSOLUTE_PHRASES:
    for _head in (_p[0], "و" + _p[0], "ف" + _p[0]):
        _PHRASES_BY_HEAD.setdefault(_head, []).append(_p)
# «أكثر من 2100» is a hedge on a figure and «كل من X و Y» means "both X and Y": not absolutes.
_HEDGES = folded_set("أكثر أقل كل")
_HEDGE_NEXT = folded_set("من عن")


@dataclass(frozen=True)
class ClaimUnit:
    """One claim unit of one passage: a check-worthy sentence or clause, before claims are
    merged across outlets. ``uid`` is the passage id, with ``#k`` for the k-th unit of a
    passage that holds several."""

    uid: str
    text: str
    passage: Passage
    k: int
    kinds: tuple[str, ...]
    speaker: str = ""
    """The passage's speaker (a continuation «وأضاف أن» inherits it), or the unit's own."""


def _pieces(text: str, start: int, end: int, boundary: re.Pattern[str]) -> list[tuple[int, int]]:
    """Spans of ``text[start:end]`` between matches of ``boundary`` (whitespace trimmed)."""
    out, pos = [], start
    for m in boundary.finditer(text, start, end):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, end))
    trimmed = []
    for a, b in out:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            trimmed.append((a, b))
    return trimmed


def claim_units(
    text: str, max_chars: int = MAX_CHARS, max_sentence: int = MAX_SENTENCE
) -> list[str]:
    """Split a passage into claim units: itself when short, else sentences (and clauses).

    Units are slices of ``text`` as written (only trimmed), so they can be found again in it.
    """
    whole = _pieces(text, 0, len(text), _NEVER)
    if not whole:
        return []
    start, end = whole[0]
    if end - start <= max_chars:
        return [text[start:end]]
    units: list[str] = []
    for s, e in _pieces(text, start, end, _SENTENCE_END):
        if e - s <= max(max_chars, max_sentence):
            units.append(text[s:e])
            continue
        # Pack clauses into chunks of at most max_chars; cut an over-long clause at a space.
        chunk_start = chunk_end = None
        for a, b in _pieces(text, s, e, _CLAUSE_END):
            if chunk_start is not None and b - chunk_start > max_chars:
                units.append(text[chunk_start:chunk_end])
                chunk_start = None
            if chunk_start is None:
                chunk_start = a
            chunk_end = b
            while chunk_end - chunk_start > max_chars:
                cut = text.rfind(" ", chunk_start, chunk_start + max_chars)
                cut = cut if cut > chunk_start else chunk_start + max_chars
                units.append(text[chunk_start:cut].strip())
                chunk_start = cut
                while chunk_start < chunk_end and text[chunk_start].isspace():
                    chunk_start += 1
        if chunk_start is not None and chunk_start < chunk_end:
            units.append(text[chunk_start:chunk_end])
    return units


def _absolute(ws: Sequence[str]) -> bool:
    for i, w in enumerate(ws):
        if w in _ABSOLUTE_WORDS:
            if w in _HEDGES and i + 1 < len(ws) and ws[i + 1] in _HEDGE_NEXT:
                continue
            return True
    for i, w in enumerate(ws):
        for phrase in _PHRASES_BY_HEAD.get(w, ()):
            if tuple(ws[i + 1 : i + len(phrase)]) == phrase[1:]:
                return True
    return False


def claim_kinds(text: str, *, attributed: bool | None = None) -> tuple[str, ...]:
    """Why ``text`` is check-worthy: its kinds, in :data:`KINDS` order (empty: it is not).

    ``attributed`` overrides the attribution test (a passage whose speaker is known from the
    passage before it); by default the text's own attribution decides.
    """
    folded = fold(text)
    ws = words(folded)
    found: set[str] = set()
    for q in extract_quantities(text):
        if q.kind == "percent":
            found.add("percent")
        elif q.kind == "number":
            # Ordinals («الجولة الرابعة») and a lone «واحد» are not figures anyone checks.
            if not q.ordinal and not (q.value == 1 and not any(c.isdigit() for c in q.text)):
                found.add("number")
        elif q.kind == "date" and q.date is not None and (q.date.year or q.date.day):
            found.add("date")  # «في آذار الماضي» alone is too vague to check
    if attributed is None:
        a = attribution(text)
        attributed = a is not None and bool(a.speaker)
    if attributed:
        found.add("attributed")
    if any(len(words(m)) >= 3 for m in _QUOTED.findall(folded)):
        found.add("quote")
    if _absolute(ws):
        found.add("absolute")
    return tuple(k for k in KINDS if k in found)


def _content_words(text: str) -> int:
    return sum(1 for w in words(fold(text)) if w not in STOPWORDS and not w[0].isdigit())


def score(text: str, kinds: Iterable[str], n_outlets: int = 1) -> float:
    """Check-worthiness of a claim, >= 0, higher first.

    ``sum(WEIGHTS[kind]) * reach * length * form``, where

    * ``reach = 1 + 0.5 * log2(n_outlets)``: a claim carried by 2 outlets weighs 1.5x, by 4
      outlets 2x -- wider reach, more reason to check it;
    * ``length`` is 1 for 10-60 words, 0.7 for 6-9 words, 0.3 under 6 words (too little to
      check), and ``60 / words`` above 60 (several statements run together);
    * ``form`` is 0.3 for a question (it asks rather than asserts) and 0.5 for a headline-like
      fragment (no final punctuation, no verb of saying, 12 words or fewer).
    """
    base = sum(WEIGHTS[k] for k in set(kinds))
    if base == 0:
        return 0.0
    reach = 1.0 + 0.5 * math.log2(max(1, n_outlets))
    n_words = len(text.split())
    if n_words < 6:
        length = 0.3
    elif n_words < 10:
        length = 0.7
    elif n_words <= 60:
        length = 1.0
    else:
        length = 60 / n_words
    form = 1.0
    if "?" in fold(text):
        form *= 0.3
    elif is_heading(text):
        form *= 0.5
    return round(base * reach * length * form, 3)


def document_units(doc: Document) -> list[ClaimUnit]:
    """The claim units of one document (independent of every other document, so an archive
    build computes them in parallel)."""
    out: list[ClaimUnit] = []
    speakers = speakers_for_document(doc.passages)
    for p, speaker in zip(doc.passages, speakers, strict=True):
        pieces = claim_units(p.text)
        for k, piece in enumerate(pieces):
            if _content_words(piece) < MIN_CONTENT_WORDS:
                continue
            # A paragraph opening «قال X إن ...» is X's throughout; a later sentence may
            # also name its own speaker.
            attributed = bool(speaker)
            own = speaker
            if not attributed and k > 0:
                a = attribution(piece)
                attributed = a is not None and bool(a.speaker)
                own = a.speaker if a is not None else ""
            kinds = claim_kinds(piece, attributed=attributed)
            if not kinds:
                continue
            uid = p.passage_id if len(pieces) == 1 else f"{p.passage_id}#{k}"
            out.append(ClaimUnit(uid, piece, p, k, kinds, own))
    return out


def extract_claims(
    corpus: Corpus, *, clusters: PassageClusters | None = None, limit: int | None = None
) -> tuple[Claim, ...]:
    """Check-worthy claims of ``corpus``, merged across outlets, best first.

    Units carrying the same or nearly the same text in several documents are merged into one
    claim (:func:`factcheck.engine.provenance.cluster_passages` over the units); so are units whose
    texts fold to the same claim id. ``clusters`` -- syndication clusters of the corpus's
    passages, e.g. from :func:`factcheck.engine.provenance.cluster_corpus` -- adds its links for
    passages that are a single unit, so a caller's clustering is honoured. The claim's text
    is the original's (the earliest outlet by date when every outlet has one, else the first
    in corpus order); ``doc_ids`` start with that outlet's document, ``sources`` align with
    ``doc_ids`` (``""`` for a document without an outlet). ``claim_id`` is
    :func:`factcheck.text.ids.claim_id_for` of the text, stable across runs.

    A corpus that brings its claims prebuilt (an archive index, :mod:`factcheck.engine.prebuilt`)
    returns them, unless other ``clusters`` are given.
    """
    if limit is not None and limit < 0:
        raise ValueError(f"limit must be >= 0, got {limit}")
    if isinstance(corpus, Prepared):
        pre = corpus.prebuilt()
        if pre.claims is not None and (clusters is None or clusters is pre.clusters):
            return tuple(pre.claims if limit is None else pre.claims[:limit])
    units = [u for doc in corpus.documents for u in document_units(doc)]
    docs = corpus.documents
    claims = claims_from_units(
        units,
        order={d.doc_id: i for i, d in enumerate(docs)},
        dates={d.doc_id: d.date for d in docs},
        sources={d.doc_id: d.source for d in docs},
        clusters=clusters,
    )
    return claims if limit is None else claims[:limit]


def claims_from_units(
    units: Sequence[ClaimUnit],
    *,
    order: Mapping[str, int],
    dates: Mapping[str, str],
    sources: Mapping[str, str],
    clusters: PassageClusters | None = None,
) -> tuple[Claim, ...]:
    """Merge claim units (of every document, in corpus order) into ranked claims: the second
    half of :func:`extract_claims`, given each document's rank in the corpus (``order``), ISO
    date and outlet."""
    if not units:
        return ()
    doc_rank = order
    parsed = {d: parse_iso_date(v) for d, v in dates.items()}

    pseudo = [
        Passage(u.uid, u.passage.doc_id, u.text, u.passage.start, u.passage.end, u.passage.index)
        for u in units
    ]
    unit_clusters = cluster_passages(pseudo, dates=dates)
    # Units sharing a key (unit cluster, claim id, caller's passage cluster) are one claim: the
    # connected components of links to each key's first unit (all known up front: scipy, in C).
    first_of: dict[str, int] = {}
    heads: list[int] = []
    tails: list[int] = []
    for i, u in enumerate(units):
        keys = ["k:" + unit_clusters[u.uid], "c:" + claim_id_for(u.text)]
        pid = u.passage.passage_id
        if clusters is not None and u.uid == pid and pid in clusters:
            keys.append("p:" + clusters[pid])
        for key in keys:
            j = first_of.setdefault(key, i)
            if j != i:
                heads.append(j)
                tails.append(i)
    n = len(units)
    edges = (np.array(heads, dtype=np.intp), np.array(tails, dtype=np.intp))
    graph = coo_array((np.ones(len(heads), dtype=np.int8), edges), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    groups: dict[int, list[int]] = {}
    for i, label in enumerate(labels.tolist()):
        groups.setdefault(label, []).append(i)

    out = [
        claim_of_units([units[i] for i in members], order=doc_rank, parsed=parsed, sources=sources)
        for members in groups.values()
    ]
    out.sort(key=lambda pair: pair[0])
    return tuple(c for _, c in out)


def claim_of_units(
    members: Sequence[ClaimUnit],
    *,
    order: Mapping[str, int],
    parsed: Mapping[str, datetime | None],
    sources: Mapping[str, str],
) -> tuple[tuple[float, int, int, int, int], Claim]:
    """One claim from the units merged into it (in corpus order), with its place in the ranking:
    claims sort by this key (score first, then where the claim first appears).

    ``order``, ``parsed`` and ``sources`` give, for at least the members' documents, the rank in
    the corpus, the parsed date (:func:`~factcheck.engine.provenance.parse_iso_date`) and the
    outlet. The claim depends on its members only, so an archive that adds documents recomputes
    the claims whose members changed and keeps the others."""
    by_date = all(parsed.get(u.passage.doc_id) is not None for u in members)

    def rank(u: ClaimUnit, by_date: bool = by_date) -> tuple:
        return (
            parsed[u.passage.doc_id] if by_date else 0,
            order.get(u.passage.doc_id, len(order)),
            u.passage.index,
            u.k,
        )

    ranked = sorted(members, key=rank)
    rep = ranked[0]
    doc_ids = tuple(dict.fromkeys(u.passage.doc_id for u in ranked))
    passage_ids = tuple(dict.fromkeys(u.passage.passage_id for u in ranked))
    outlets = tuple(sources.get(d, "") for d in doc_ids)
    kinds = tuple(k for k in KINDS if any(k in u.kinds for u in ranked))
    said = split_statement(rep.text)
    claim = Claim(
        claim_id=claim_id_for(rep.text),
        text=rep.text,
        kinds=kinds,
        doc_ids=doc_ids,
        passage_ids=passage_ids,
        score=score(rep.text, kinds, _outlets(outlets)),
        sources=outlets,
        speaker=rep.speaker or said.speaker,
        statement=said.text if said.text != rep.text.strip() else "",
    )
    return (-claim.score, *rank(rep, False)), claim


def _outlets(sources: Sequence[str]) -> int:
    """Distinct outlets: named sources once each, every document without a source on its own."""
    return len({s for s in sources if s}) + sum(1 for s in sources if not s)


_FRAME_COLUMNS = ("claim_id", "text", "kinds", "n_outlets", "sources", "score")


def claims_frame(claims: Iterable[Claim]) -> pd.DataFrame:
    """The desk's claim list: one row per claim, in the given (ranked) order.

    ``kinds`` is the tuple of kinds, ``sources`` the tuple of distinct named outlets,
    ``n_outlets`` counts them plus documents without a named outlet.
    """
    rows = [
        {
            "claim_id": c.claim_id,
            "text": c.text,
            "kinds": tuple(c.kinds),
            "n_outlets": _outlets(c.sources) if c.sources else len(c.doc_ids),
            "sources": tuple(dict.fromkeys(s for s in c.sources if s)),
            "score": float(c.score),
        }
        for c in claims
    ]
    frame = pd.DataFrame(rows, columns=list(_FRAME_COLUMNS))
    return frame.astype({"n_outlets": "int64", "score": "float64"})
