"""Verdicts: the append-only log of editorial decisions, its stores, scale, ClaimReview export.

Modules, each building only on those after it:

* :mod:`~factcheck.verdicts.log` -- :class:`VerdictLog`: record, undo, read, current verdicts,
  summaries.
* :mod:`~factcheck.verdicts.csvstore` -- :class:`CsvFileStore`, the shared CSV file.
* :mod:`~factcheck.verdicts.store` -- the :class:`LogStore` protocol any store (a PostgreSQL one
  later) implements.
* :mod:`~factcheck.verdicts.claimreview` -- schema.org ClaimReview export of current verdicts.
* :mod:`~factcheck.verdicts.rows` -- the row format: columns, :class:`VerdictRow`,
  :class:`EvidenceRef`, validation, and what a read returns (:class:`LogContents`).
* :mod:`~factcheck.verdicts.scale` -- the verdict :class:`Scale` and :data:`RETRACTED`.

The names below are imported lazily (as in :mod:`factcheck`), so importing one submodule, say
the scale, does not load pandas or the file store.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "VerdictLog": "factcheck.verdicts.log",
    "COLUMNS": "factcheck.verdicts.rows",
    "EvidenceRef": "factcheck.verdicts.rows",
    "LogContents": "factcheck.verdicts.rows",
    "LogProblem": "factcheck.verdicts.rows",
    "VerdictRow": "factcheck.verdicts.rows",
    "format_evidence": "factcheck.verdicts.rows",
    "parse_evidence": "factcheck.verdicts.rows",
    "validate_values": "factcheck.verdicts.rows",
    "LogFormatError": "factcheck.verdicts.store",
    "LogStore": "factcheck.verdicts.store",
    "Scan": "factcheck.verdicts.store",
    "CsvFileStore": "factcheck.verdicts.csvstore",
    "RETRACTED": "factcheck.verdicts.scale",
    "Label": "factcheck.verdicts.scale",
    "Scale": "factcheck.verdicts.scale",
    "ScaleError": "factcheck.verdicts.scale",
    "default_scale": "factcheck.verdicts.scale",
    "load_scale": "factcheck.verdicts.scale",
    "dumps_claimreview": "factcheck.verdicts.claimreview",
    "missing_required": "factcheck.verdicts.claimreview",
    "to_claimreview": "factcheck.verdicts.claimreview",
}

__all__ = [
    "COLUMNS",
    "RETRACTED",
    "CsvFileStore",
    "EvidenceRef",
    "Label",
    "LogContents",
    "LogFormatError",
    "LogProblem",
    "LogStore",
    "Scale",
    "ScaleError",
    "Scan",
    "VerdictLog",
    "VerdictRow",
    "default_scale",
    "dumps_claimreview",
    "format_evidence",
    "load_scale",
    "missing_required",
    "parse_evidence",
    "to_claimreview",
    "validate_values",
]

if TYPE_CHECKING:
    from factcheck.verdicts.claimreview import dumps_claimreview, missing_required, to_claimreview
    from factcheck.verdicts.csvstore import CsvFileStore
    from factcheck.verdicts.log import VerdictLog
    from factcheck.verdicts.rows import (
        COLUMNS,
        EvidenceRef,
        LogContents,
        LogProblem,
        VerdictRow,
        format_evidence,
        parse_evidence,
        validate_values,
    )
    from factcheck.verdicts.scale import (
        RETRACTED,
        Label,
        Scale,
        ScaleError,
        default_scale,
        load_scale,
    )
    from factcheck.verdicts.store import LogFormatError, LogStore, Scan


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'factcheck.verdicts' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value
