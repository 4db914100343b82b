"""Passages: the units of evidence, cut from a cleaned document with exact offsets.

Each line (paragraph) of a cleaned article is usually one or two sentences. A paragraph is split
at sentence ends (``. ! ? ؟ ۔``, a run such as ``..``, plus any closing quotes) when followed by
white space -- so never at a decimal point (3.5) or inside 31/12/2021 -- and not inside quotes
unless the quoted stretch is too long to be one passage. Fragments of fewer than
:data:`MIN_WORDS` words (a lone "وأضاف:") are attached to a neighbour -- a short line of its own
joins the line before it when it ends a sentence, else the line after it, so such a passage
spans a line break. Section subheadings --
short lines that do not end like a sentence and have no reporting verb ("المباشرة بالانسحاب") --
carry no claim and are not passages (they stay in the document text for display).

``passage.text == document.text[passage.start:passage.end]`` always holds. Passage ids are
``f"{doc_id}:{h}"`` where ``h`` is the first 10 hex digits of the SHA-1 of the passage's matching
form (:func:`factcheck.text.arabic.fold`, whitespace collapsed), with ``-2``, ``-3``... for repeats
of the same text in one document: the id survives edits elsewhere in the article and reloads.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from factcheck.records import Passage
from factcheck.text.arabic import fold
from factcheck.text.ids import passage_id, passage_id_from_key
from factcheck.text.vocabulary import ends_sentence, is_heading

__all__ = [
    "MAX_CHARS",
    "MIN_WORDS",
    "segment",
    "split_sentences",
]

MIN_WORDS = 4
"""Pieces shorter than this many words are attached to a neighbouring piece."""

MAX_CHARS = 600
"""A sentence held together by quotes is split inside the quotes beyond this length."""


_LINE_RE = re.compile(r"[^\n]+")
_TERMINATORS = (".", "!", "?", "؟", "۔")
_TRAILING = "".join(_TERMINATORS) + "\"'»”’)] \t\u00a0"
# A sentence end: terminators, then closing quotes/brackets, then (looked ahead) white space.
_BOUNDARY_RE = re.compile(r"[.!?؟۔]+[\"'»”’)\]]*(?=\s)")
_WORD_CHAR_RE = re.compile(r"\w")


def _quote_depth_fn(paragraph: str) -> Callable[[int], bool]:
    """A function telling whether a position is inside quotes.

    Straight quotes toggle; «» and “” nest. A kind of quote whose marks do not balance in the
    paragraph (a typo, or “ used to close as in “الحرة“) is ignored rather than trusted.
    Counting with ``str.count`` keeps this in C.
    """
    count = paragraph.count
    use_straight = count('"') % 2 == 0
    use_guillemets = count("«") == count("»")
    use_curly = count("“") == count("”")

    def inside(pos: int) -> bool:
        if use_straight and count('"', 0, pos) % 2:
            return True
        if use_guillemets and count("«", 0, pos) > count("»", 0, pos):
            return True
        return use_curly and count("“", 0, pos) > count("”", 0, pos)

    return inside


def _boundaries(paragraph: str) -> list[tuple[int, bool]]:
    """(end of sentence, inside quotes) for each candidate sentence end of a paragraph."""
    out: list[tuple[int, bool]] = []
    inside = None
    for m in _BOUNDARY_RE.finditer(paragraph):
        start = m.start()
        if paragraph[start] == "." and m.group().count(".") == 1:
            # An initial or abbreviation ("د. محمد", "U.S."): a one-letter word before the dot.
            word_start = max(paragraph.rfind(" ", 0, start), paragraph.rfind(".", 0, start)) + 1
            if start - word_start <= 1:
                continue
        if inside is None:
            inside = _quote_depth_fn(paragraph)
        out.append((m.end(), inside(m.end())))
    return out


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` narrowed to exclude surrounding white space (empty if all space)."""
    piece = text[start:end]
    lead = len(piece) - len(piece.lstrip())
    if lead == len(piece):
        return start, start
    return start + lead, start + len(piece.rstrip())


def split_sentences(paragraph: str) -> list[tuple[int, int]]:
    """Sentence spans of one paragraph, trimmed of white space, in order.

    Boundaries inside quotes are used only to break up a quoted stretch longer than
    :data:`MAX_CHARS`.
    """
    # Most paragraphs are one sentence: no terminator before the closing ones, no regex needed.
    core = paragraph.rstrip(_TRAILING)
    inner_end = "." in core or "؟" in core or "?" in core or "!" in core or "۔" in core
    bounds = _boundaries(paragraph) if inner_end else []
    if not bounds:
        span = _trimmed(paragraph, 0, len(paragraph))
        return [span] if span[0] < span[1] else []
    cuts: list[int] = []
    last = 0
    pending_quoted: list[int] = []
    for end, quoted in bounds:
        if quoted:
            pending_quoted.append(end)
            continue
        if end - last > MAX_CHARS and pending_quoted:
            cuts.extend(_spread(pending_quoted, last, end))
        cuts.append(end)
        last = end
        pending_quoted = []
    if len(paragraph) - last > MAX_CHARS and pending_quoted:
        cuts.extend(_spread(pending_quoted, last, len(paragraph)))
    spans: list[tuple[int, int]] = []
    start = 0
    for cut in [*cuts, len(paragraph)]:
        s, e = _trimmed(paragraph, start, cut)
        if s < e:
            spans.append((s, e))
        start = cut
    return spans


def _spread(candidates: list[int], start: int, end: int) -> list[int]:
    """Of the in-quote boundaries between start and end, those needed to keep pieces short."""
    chosen: list[int] = []
    last = start
    for i, pos in enumerate(candidates):
        nxt = candidates[i + 1] if i + 1 < len(candidates) else end
        if nxt - last > MAX_CHARS:
            chosen.append(pos)
            last = pos
    return chosen


@dataclass(slots=True)
class _Piece:
    start: int
    end: int
    words: int
    paragraph: int
    lead_in: bool  # ends with ":" -- belongs with what follows
    key: str | None = None  # matching form, known when the piece is a whole paragraph


def _pieces(text: str, keys: Sequence[str] | None) -> list[_Piece | None]:
    """Sentence pieces of every paragraph; ``None`` marks an excluded heading (a barrier)."""
    pieces: list[_Piece | None] = []
    paragraphs = [m for m in _LINE_RE.finditer(text) if not m.group().isspace()]
    if keys is not None and len(keys) != len(paragraphs):
        raise ValueError(f"{len(keys)} paragraph keys for {len(paragraphs)} paragraphs")
    for number, m in enumerate(paragraphs):
        paragraph = m.group()
        key = keys[number] if keys is not None else None
        if is_heading(paragraph, key):
            pieces.append(None)
            continue
        base = m.start()
        spans = split_sentences(paragraph)
        whole = key if len(spans) == 1 else None
        for s, e in spans:
            piece_text = paragraph[s:e]
            # Only "fewer than MIN_WORDS?" matters: count no further (capped sums stay right).
            words = len(piece_text.split(None, MIN_WORDS))
            pieces.append(
                _Piece(base + s, base + e, words, number, piece_text.endswith(":"), whole)
            )
    return pieces


def _merge_short(text: str, pieces: list[_Piece | None]) -> list[_Piece]:
    """Attach fragments of fewer than MIN_WORDS words to a neighbour (never across a heading).

    A lead-in ending with ":" joins the piece after it; other fragments join the piece before
    them in the same paragraph, else the one after them in it. A short paragraph of its own
    joins the paragraph before it when it ends like a sentence ("انتهى."), else the one after
    it (a line broken off its sentence, e.g. by ``<br>``).
    """
    runs: list[list[_Piece]] = [[]]
    for piece in pieces:
        if piece is None:
            runs.append([])
        else:
            runs[-1].append(piece)
    merged: list[_Piece] = []
    for run in runs:
        out: list[_Piece] = []
        i = 0
        while i < len(run):
            piece = run[i]
            nxt = run[i + 1] if i + 1 < len(run) else None
            prev = out[-1] if out else None
            if piece.words < MIN_WORDS:
                same_prev = prev is not None and prev.paragraph == piece.paragraph
                same_next = nxt is not None and nxt.paragraph == piece.paragraph
                if nxt is not None and (
                    piece.lead_in
                    or (
                        not same_prev
                        and (
                            same_next
                            or prev is None
                            or not ends_sentence(
                                " ".join(fold(text[piece.start : piece.end]).split())
                            )
                        )
                    )
                ):
                    run[i + 1] = _Piece(
                        piece.start, nxt.end, piece.words + nxt.words, nxt.paragraph, nxt.lead_in
                    )
                    i += 1
                    continue
                if prev is not None:
                    _absorb(prev, piece)
                    i += 1
                    continue
            out.append(piece)
            i += 1
        merged.extend(out)
    return merged


def _absorb(prev: _Piece, piece: _Piece) -> None:
    prev.end = piece.end
    prev.words += piece.words
    prev.lead_in = piece.lead_in
    prev.key = None  # no longer one whole paragraph


def segment(doc_id: str, text: str, keys: Sequence[str] | None = None) -> tuple[Passage, ...]:
    """Passages of a cleaned document text, with offsets into ``text`` and stable ids.

    ``keys`` (optional, :attr:`factcheck.ingest.cleaning.Cleaned.keys`) are the matching forms of
    the text's non-empty lines; a passage that is a whole line then reuses its key for the id
    instead of folding the line again. The ids are the same either way.
    """
    passages: list[Passage] = []
    seen: dict[str, int] = {}
    for piece in _merge_short(text, _pieces(text, keys)):
        body = text[piece.start : piece.end]
        base = (
            passage_id_from_key(doc_id, piece.key)
            if piece.key is not None
            else passage_id(doc_id, body)
        )
        seen[base] = seen.get(base, 0) + 1
        pid = base if seen[base] == 1 else f"{base}-{seen[base]}"
        passages.append(Passage(pid, doc_id, body, piece.start, piece.end, len(passages)))
    if not passages:
        # Nothing but short unpunctuated lines: a headline, or a list of them (claim/evidence
        # datasets, tickers imported on purpose). Between paragraphs such a line is a crosshead;
        # standing alone it *is* the content, so each line becomes a passage.
        for m in _LINE_RE.finditer(text):
            start, end = _trimmed(text, m.start(), m.end())
            if start < end and _WORD_CHAR_RE.search(text[start:end]):
                body = text[start:end]
                base = passage_id(doc_id, body)
                seen[base] = seen.get(base, 0) + 1
                pid = base if seen[base] == 1 else f"{base}-{seen[base]}"
                passages.append(Passage(pid, doc_id, body, start, end, len(passages)))
    return tuple(passages)
