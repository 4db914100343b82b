"""Statements: what a claim says, apart from who says it.

Editors read a claim as a speaker and a statement: «قال الكاظمي إن بلاده نجحت في تخفيض عدد
القوات الأجنبية» is الكاظمي saying «بلاده نجحت في تخفيض عدد القوات الأجنبية». The claim's text
and id stay the sentence as the outlet printed it; :func:`split_statement` gives the parts the
desk shows, from the attribution :mod:`factcheck.engine.speakers` finds and the content clause
that follows it (after إن/أن and their forms, or a colon) or, for a source named at the end
(«...، بحسب بيان الوزارة»), the clause before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factcheck.engine.clauses import COMPLEMENTISERS
from factcheck.engine.speakers import attribution
from factcheck.text.arabic import fold

__all__ = ["MAX_GAP_WORDS", "MIN_STATEMENT_WORDS", "Statement", "split_statement"]

MAX_GAP_WORDS = 12
"""Most words between the speaker phrase and the start of what they said («قال X، في مؤتمر
صحفي عقده في بغداد اليوم، إن ...»): further on, a إن/أن belongs to the statement itself."""
MIN_STATEMENT_WORDS = 3
"""A shorter remainder is not a statement: the sentence is shown whole."""

_TOKEN = re.compile(r"[^\W\d_]+|:")
_EDGES = " \t\n،,.:;؛\"'«»“”„‹›"
_CLAUSE_BREAK = re.compile(r"[،,؛;]")


@dataclass(frozen=True)
class Statement:
    """A claim's speaker (``""`` when it names none) and what it states."""

    speaker: str
    text: str


def _words(text: str) -> int:
    return len(text.split())


def _balanced(text: str) -> str:
    """The statement without a quotation mark left open by the cut."""
    return text.replace('"', "") if text.count('"') % 2 else text


def split_statement(text: str) -> Statement:
    """The speaker and the statement of a claim sentence (the whole sentence when it attributes
    nothing, or when no content clause can be told apart)."""
    whole = Statement("", text.strip())
    found = attribution(text)
    if found is None or not (found.speaker or found.continuation):
        return whole
    start, end = found.span
    for gap, m in enumerate(_TOKEN.finditer(text, end)):
        if gap > MAX_GAP_WORDS:
            break
        if m.group() == ":" or fold(m.group()) in COMPLEMENTISERS:
            rest = text[m.end() :].strip(_EDGES)
            if _words(rest) >= MIN_STATEMENT_WORDS:
                return Statement(found.speaker, _balanced(rest))
            break
    if start > len(text) // 2:
        # A source named at the end: the statement is the clause before it.
        breaks = [m.start() for m in _CLAUSE_BREAK.finditer(text, 0, start)]
        if breaks:
            before = text[: breaks[-1]].strip(_EDGES)
            if _words(before) >= MIN_STATEMENT_WORDS:
                return Statement(found.speaker, _balanced(before))
    return Statement(found.speaker, text.strip()) if found.speaker else whole
