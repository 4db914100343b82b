"""factcheck-desk: a fact-checking desk for Arabic-language newsrooms, inside Jupyter.

The library is pure Python (the ipywidgets UI lives in :mod:`factcheck.widgets`)::

    from factcheck import load_corpus, extract_claims, check, VerdictLog

    corpus = load_corpus("articles/")             # .txt .md .html .jsonl .csv, any encoding
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
    "Corpus": "factcheck.corpus",
    "Document": "factcheck.corpus",
    "Passage": "factcheck.corpus",
    "load_corpus": "factcheck.corpus",
    "sample_corpus_path": "factcheck.corpus",
    "Claim": "factcheck.records",
    "Evidence": "factcheck.records",
    "EvidenceResult": "factcheck.records",
    "extract_claims": "factcheck.claims",
    "EvidenceEngine": "factcheck.evidence",
    "check": "factcheck.evidence",
    "VerdictLog": "factcheck.verdicts",
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
    "check",
    "extract_claims",
    "load_corpus",
    "sample_corpus_path",
]

if TYPE_CHECKING:
    from factcheck.claims import extract_claims
    from factcheck.corpus import Corpus, Document, Passage, load_corpus, sample_corpus_path
    from factcheck.evidence import EvidenceEngine, check
    from factcheck.records import Claim, Evidence, EvidenceResult
    from factcheck.verdicts import VerdictLog


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'factcheck' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value
