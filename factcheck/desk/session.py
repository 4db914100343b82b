"""The desk's state machine: which claim is open, its evidence, what the editor ticked, the log.

:class:`DeskSession` is the pure-Python heart of :class:`factcheck.widgets.Desk`: the widgets only
turn clicks into calls on it and its answers into HTML. Everything the desk does is therefore
testable without a kernel or a browser::

    from factcheck.desk.session import DeskSession
    s = DeskSession("articles/", log="verdicts.csv", editor="Huda")
    result = s.select_claim(s.claims[0].claim_id)      # the evidence state
    s.toggle_evidence(result.evidence[0].passage.passage_id)
    row = s.save("false", note="the ministry's own figure is 7.5%")
    s.undo_last()                                     # appends a superseding row

The engine is built once and the claims extracted once per session; evidence is cached per
claim. Coverage (every claim's evidence, for the claim x outlet matrix) is bounded to the
:attr:`~DeskSession.coverage_limit` most check-worthy claims and computed on first use.

Editor-facing problems (no claim open, no verdict chosen, an unknown passage...) raise
:class:`DeskError`, whose message is written for the editor (Arabic / English) and is what the
desk shows in its form.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pandas as pd

from factcheck.archive.corpus import ArchiveCorpus
from factcheck.archive.front import engine_for, load_corpus
from factcheck.archive.progress import Progress, silent
from factcheck.desk.coverage import (
    claim_outlet_counts,
    corpus_outlets,
    coverage_frame,
    mark_origins,
    outlet_stance_matrix,
    with_claim_ids,
)
from factcheck.desk.labels import STANCE_LABELS, outlet_label
from factcheck.desk.logbook import DeskError, LogbookMixin
from factcheck.engine.analysis import Analyzer
from factcheck.engine.evidence import EvidenceEngine
from factcheck.records import (
    STANCES,
    Claim,
    Corpus,
    Document,
    Evidence,
    EvidenceResult,
    Passage,
    Stance,
)
from factcheck.text.arabic import fold
from factcheck.text.ids import claim_id_for
from factcheck.verdicts.log import VerdictLog

__all__ = [
    "COVERAGE_LIMIT",
    "GROUPS",
    "TOP_K",
    "DeskError",
    "DeskSession",
    "EngineStatus",
    "EvidenceGroup",
]

T = TypeVar("T")

TOP_K = 12
"""Evidence passages fetched per claim (the desk shows them all, grouped by stance)."""

COVERAGE_LIMIT = 15
"""How many of the most check-worthy claims the coverage matrix checks (each is one engine call)."""

GROUPS: tuple[tuple[Stance, str, str], ...] = tuple((s, *STANCE_LABELS[s]) for s in STANCES)
"""The evidence groups in display order: stance, Arabic heading, English heading."""


@dataclass(frozen=True)
class EngineStatus:
    """What the desk's engine runs on: semantic matching on or off, and the details."""

    semantic: bool
    detail: str


@dataclass(frozen=True)
class EvidenceGroup:
    """One stance group of the open claim's evidence, after the outlet/stance filters."""

    stance: Stance
    title_ar: str
    title_en: str
    evidence: tuple[Evidence, ...]

    @property
    def title(self) -> str:
        return f"{self.title_ar} / {self.title_en}"


class DeskSession(LogbookMixin):
    """The desk over one corpus and one verdict log.

    ``corpus`` is a :class:`~factcheck.records.Corpus` or anything
    :func:`factcheck.load_corpus` takes (a folder, a file, a list of files, an index
    directory); ``log`` a :class:`~factcheck.verdicts.log.VerdictLog`, the path of its CSV or a
    ``postgresql://`` URL.
    ``editor`` is the default editor name for :meth:`save`. ``engine`` and
    ``claims`` reuse ones already built for the same corpus; ``lexicons`` are newsroom lexicon
    files merged on the general one (:func:`~factcheck.text.lexicon.example_lexicon_path`);
    ``warm`` checks the top claim on opening (see ``__init__``); ``progress`` reports the
    four stages of opening (:mod:`factcheck.archive.progress`).
    """

    def __init__(
        self,
        corpus: Corpus | str | Path | Iterable[str | Path],
        log: VerdictLog | str | Path,
        *,
        editor: str = "",
        top_k: int = TOP_K,
        coverage_limit: int = COVERAGE_LIMIT,
        engine: EvidenceEngine | None = None,
        lexicons: Sequence[str | Path] = (),
        claims: Sequence[Claim] | None = None,
        warm: bool = True,
        progress: Progress = silent,
    ):
        step = progress("opening the desk", 4)
        self.corpus: Corpus = corpus if isinstance(corpus, Corpus) else load_corpus(corpus)
        step.update(1)
        archive = isinstance(self.corpus, ArchiveCorpus)
        self.log: VerdictLog = log if isinstance(log, VerdictLog) else VerdictLog(log)
        self.editor = editor.strip()
        self.top_k = top_k
        self.coverage_limit = coverage_limit
        if engine is None:
            if lexicons:
                # Over an index, lexicons beyond those it was built with change its terms: the
                # engine then re-indexes its passages (correct, slower to open).
                built = self.corpus.analyzer_lexicons() if archive else []  # type: ignore[attr-defined]
                engine = engine_for(self.corpus, analyzer=Analyzer(lexicons=[*built, *lexicons]))
            else:
                engine = engine_for(self.corpus)
        self.engine = engine
        step.update(1)
        if claims is None:
            from factcheck.engine.claims import extract_claims

            claims = extract_claims(self.corpus)
        step.update(1)
        self.claims: tuple[Claim, ...] = tuple(claims)
        self._claims_by_id: dict[str, Claim] = {c.claim_id: c for c in self.claims}
        self._folded_claims: dict[str, str] = {
            c.claim_id: " ".join(fold(c.text).split()) for c in self.claims
        }
        self._results: dict[str, EvidenceResult] = {}
        if warm and self.claims:
            # An engine builds some parts on its first check (syndication clusters: seconds on a
            # large corpus). Checking the top claim now puts that cost on opening the desk, not
            # on the editor's first click, and caches the claim most likely to be opened first.
            self._evidence_for(self.claims[0].claim_id, self.claims[0].text)
        step.update(1)
        step.close()
        self._coverage: pd.DataFrame | None = None
        self.claim_id: str = ""
        self.claim_text: str = ""
        self.result: EvidenceResult | None = None
        self._ticked: dict[str, str] = {}  # passage_id -> doc_id, in ticking order

    def engine_status(self) -> EngineStatus:
        """Whether semantic matching is on (the embedding model loaded) and what decides the
        stance, for the desk's title bar."""
        return EngineStatus(self.engine.embedder is not None, self.engine.status)

    # -- claims -------------------------------------------------------------------------------

    def claim(self, claim_id: str) -> Claim:
        """The corpus claim with this id (:class:`DeskError` when there is none)."""
        try:
            return self._claims_by_id[claim_id]
        except KeyError:
            raise DeskError(f"لا يوجد ادعاء بهذا المعرّف / No claim with id {claim_id!r}") from None

    def outlet_count(self, claim: Claim) -> int:
        """How many outlets carry the claim (a document of unknown outlet counts as its own)."""
        sources = claim.sources or ("",) * len(claim.doc_ids)
        return len({s or d for s, d in zip(sources, claim.doc_ids, strict=True)})

    def outlet_of(self, source: str, doc_id: str) -> str:
        """The outlet as the desk names it: the source, or an unknown outlet with the
        document's number (:func:`~factcheck.desk.labels.outlet_label`)."""
        if source:
            return source
        try:
            return outlet_label("", self.corpus.document_number(doc_id))
        except KeyError:
            return doc_id

    def outlet_total(self) -> int:
        """How many outlets the corpus holds (each document of unknown outlet is its own)."""
        return corpus_outlets(self.corpus)

    def _outlet(self, ev: Evidence) -> str:
        return self.outlet_of(ev.source, ev.passage.doc_id)

    def filter_claims(
        self, query: str = "", *, held_by: str = "", holders: Mapping[str, str] | None = None
    ) -> tuple[Claim, ...]:
        """Claims whose text contains ``query`` in the matching form (all of them for ""),
        and, when ``held_by`` names an editor, that are assigned to them (``holders``: who holds
        which claim, as :meth:`holders` gives it; read from the log when not given)."""
        q = " ".join(fold(query).split())
        claims = self.claims
        if held_by.strip():
            holders = self.holders() if holders is None else holders
            claims = tuple(c for c in claims if holders.get(c.claim_id) == held_by.strip())
        if not q:
            return claims
        return tuple(c for c in claims if q in self._folded_claims[c.claim_id])

    # -- evidence -----------------------------------------------------------------------------

    def _evidence_for(self, claim_id: str, text: str) -> EvidenceResult:
        hit = self._results.get(claim_id)
        if hit is None:
            hit = self.engine.check(text, self.top_k)
            known = self._claims_by_id.get(claim_id)
            if known is not None:
                hit = mark_origins(hit, known)
            self._results[claim_id] = hit
        return hit

    def _open(self, claim_id: str, text: str) -> EvidenceResult:
        result = self._evidence_for(claim_id, text)
        if claim_id != self.claim_id:
            self._ticked = {}
        self.claim_id, self.claim_text, self.result = claim_id, text, result
        return result

    def select_claim(self, claim_id: str) -> EvidenceResult:
        """Open a corpus claim: its evidence becomes the current state (and is returned)."""
        claim = self.claim(claim_id)
        return self._open(claim.claim_id, claim.text)

    def check_text(self, text: str) -> EvidenceResult:
        """Open a claim typed by the editor (it need not be in the corpus)."""
        text = " ".join(str(text).split())
        if not text:
            raise DeskError("اكتب نص الادعاء أولاً / Type the claim to check first")
        claim_id = claim_id_for(text)
        known = self._claims_by_id.get(claim_id)  # a corpus claim's text (folded alike)
        if known is not None:
            return self._open(known.claim_id, known.text)
        return self._open(claim_id, text)

    def clear(self) -> None:
        """Close the open claim (nothing selected)."""
        self.claim_id, self.claim_text, self.result, self._ticked = "", "", None, {}

    @property
    def evidence(self) -> tuple[Evidence, ...]:
        """The open claim's evidence, most relevant first (empty when no claim is open)."""
        return self.result.evidence if self.result is not None else ()

    def outlets(self) -> tuple[str, ...]:
        """The outlets in the open claim's evidence, in order of first appearance."""
        return tuple(dict.fromkeys(self._outlet(e) for e in self.evidence))

    def filtered_evidence(
        self, outlets: Iterable[str] | None = None, stances: Iterable[str] | None = None
    ) -> tuple[Evidence, ...]:
        """The open claim's evidence from these outlets and with these stances (``None``: all)."""
        want_outlets = None if outlets is None else set(outlets)
        want_stances = None if stances is None else set(stances)
        if want_stances is not None and (bad := want_stances - set(STANCES)):
            raise DeskError(f"موقف غير معروف / unknown stance(s): {', '.join(sorted(bad))}")
        return tuple(
            e
            for e in self.evidence
            if (want_outlets is None or self._outlet(e) in want_outlets)
            and (want_stances is None or e.stance in want_stances)
        )

    def grouped(
        self, outlets: Iterable[str] | None = None, stances: Iterable[str] | None = None
    ) -> tuple[EvidenceGroup, ...]:
        """The filtered evidence as Supports / Contradicts / Related groups (empty ones too)."""
        shown = self.filtered_evidence(outlets, stances)
        return tuple(
            EvidenceGroup(stance, ar, en, tuple(e for e in shown if e.stance == stance))
            for stance, ar, en in GROUPS
        )

    def copies_sources(self, evidence: Evidence) -> tuple[str, ...]:
        """The outlets of the passage's syndicated copies (for "same text also in: ...")."""
        out: dict[str, None] = {}
        for pid in evidence.copies:
            try:
                p = self.corpus.passage(pid)
            except KeyError:
                continue
            out.setdefault(self.outlet_of(self.corpus.document(p.doc_id).source, p.doc_id))
        return tuple(out)

    def context(self, passage_id: str) -> tuple[Document, Passage]:
        """The article a passage comes from, and the passage (for "show the article")."""
        try:
            p = self.corpus.passage(passage_id)
        except KeyError:
            raise DeskError(f"لا توجد فقرة بهذا المعرّف / No passage {passage_id!r}") from None
        return self.corpus.document(p.doc_id), p

    # -- ticked evidence ----------------------------------------------------------------------

    def _require_in_result(self, passage_id: str) -> Evidence:
        for e in self.evidence:
            if e.passage.passage_id == passage_id:
                return e
        raise DeskError(
            f"الفقرة ليست من أدلة الادعاء المفتوح / Passage {passage_id!r} is not evidence for "
            "the open claim"
        )

    def set_evidence(self, passage_id: str, ticked: bool) -> None:
        """Tick (or untick) a passage of the open claim as evidence for the verdict."""
        if ticked:
            e = self._require_in_result(passage_id)
            self._ticked[passage_id] = e.passage.doc_id
        else:
            self._ticked.pop(passage_id, None)

    def toggle_evidence(self, passage_id: str) -> bool:
        """Flip a passage's tick; returns whether it is now ticked."""
        now = passage_id not in self._ticked
        self.set_evidence(passage_id, now)
        return now

    @property
    def ticked(self) -> tuple[tuple[str, str], ...]:
        """The ticked evidence as ``(doc_id, passage_id)`` pairs, in ticking order."""
        return tuple((doc, pid) for pid, doc in self._ticked.items())

    def is_ticked(self, passage_id: str) -> bool:
        return passage_id in self._ticked

    # -- coverage -----------------------------------------------------------------------------

    def coverage_claims(self) -> tuple[Claim, ...]:
        """The claims the coverage matrix covers: the most check-worthy ones, bounded."""
        ranked = sorted(self.claims, key=lambda c: -c.score)
        return tuple(ranked[: self.coverage_limit])

    def coverage(self) -> pd.DataFrame:
        """One row per evidence passage of the coverage claims (computed once, then cached)."""
        if self._coverage is None:
            claims = self.coverage_claims()
            results = [self._evidence_for(c.claim_id, c.text) for c in claims]
            self._coverage = coverage_frame(
                with_claim_ids(results, claims), self._claims_by_id, self.outlet_of
            )
        return self._coverage

    def coverage_matrix_frame(self) -> pd.DataFrame:
        """The claim x outlet cells of :meth:`coverage` (dominant stance per cell)."""
        return outlet_stance_matrix(self.coverage())

    def claim_counts_frame(self, claim_id: str | None = None) -> pd.DataFrame:
        """For the open (or given) claim: per outlet, stance counts, independent vs copies."""
        cid = self.claim_id if claim_id is None else claim_id
        if not cid:
            return claim_outlet_counts(coverage_frame([]), "")
        if cid == self.claim_id and self.result is not None:
            result = self.result
        elif cid in self._claims_by_id:
            c = self._claims_by_id[cid]
            result = self._evidence_for(c.claim_id, c.text)
        else:
            raise DeskError(f"لا يوجد ادعاء بهذا المعرّف / No claim with id {cid!r}")
        frame = coverage_frame(
            with_claim_ids([result], None, cid), self._claims_by_id, self.outlet_of
        )
        return claim_outlet_counts(frame, cid)
