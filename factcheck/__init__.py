"""factcheck-desk: a fact-checking desk for Arabic-language newsrooms, inside Jupyter.

The library is pure Python (the ipywidgets UI lives in :mod:`factcheck.widgets`)::

    from factcheck import load_corpus, extract_claims, check, VerdictLog

    corpus = load_corpus("articles/")             # .txt .md .html .jsonl .csv, or an index
    claims = extract_claims(corpus)               # check-worthy statements, merged across outlets
    result = check(claims[0].text, corpus)        # passages that support / contradict, with reasons
    VerdictLog("verdicts.csv").record(claim=result.claim, verdict="false", editor="Huda")

Names are imported lazily so ``import factcheck`` stays cheap and never touches the network.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "Corpus": "factcheck.records",
    "Document": "factcheck.records",
    "Passage": "factcheck.records",
    "load_corpus": "factcheck.archive.front",
    "sample_corpus_path": "factcheck.ingest.corpus",
    "Claim": "factcheck.records",
    "Evidence": "factcheck.records",
    "EvidenceResult": "factcheck.records",
    "extract_claims": "factcheck.engine.claims",
    "EvidenceEngine": "factcheck.engine.evidence",
    "check": "factcheck.archive.front",
    "build_index": "factcheck.archive.build",
    "add_to_index": "factcheck.archive.build",
    "open_index": "factcheck.archive.corpus",
    "VerdictLog": "factcheck.verdicts.log",
}

__all__ = [
    "Claim",
    "Corpus",
    "Document",
    "Evidence",
    "EvidenceEngine",
    "EvidenceResult",
    "Passage",
    "VerdictLog",
    "__version__",
    "add_to_index",
    "build_index",
    "check",
    "extract_claims",
    "load_corpus",
    "open_index",
    "sample_corpus_path",
]

if TYPE_CHECKING:
    from factcheck.archive.build import add_to_index, build_index
    from factcheck.archive.corpus import open_index
    from factcheck.archive.front import check, load_corpus
    from factcheck.engine.claims import extract_claims
    from factcheck.engine.evidence import EvidenceEngine
    from factcheck.ingest.corpus import sample_corpus_path
    from factcheck.records import Claim, Corpus, Document, Evidence, EvidenceResult, Passage
    from factcheck.verdicts.log import VerdictLog


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'factcheck' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value
