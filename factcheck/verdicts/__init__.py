"""Verdicts: the append-only log of editorial decisions, its stores, scale, ClaimReview export.

Modules, each building only on those after it:

* :mod:`~factcheck.verdicts.log` -- :class:`VerdictLog`: record, undo, review, assign, read,
  current verdicts with their review status.
* :mod:`~factcheck.verdicts.agreement` -- agreement between editors (Cohen's kappa per pair,
  Krippendorff's alpha); :mod:`~factcheck.verdicts.summaries` -- per label, editor and claim.
* :mod:`~factcheck.verdicts.csvstore` -- :class:`CsvFileStore`, the shared CSV file.
* :mod:`~factcheck.verdicts.pgstore` -- :class:`PostgresStore`, the shared PostgreSQL table
  (``VerdictLog("postgresql://...")``); :mod:`~factcheck.verdicts.pgschema` -- its tables,
  schema version and migrations; :mod:`~factcheck.verdicts.pgurl` -- database URLs.
* :mod:`~factcheck.verdicts.store` -- the :class:`LogStore` protocol every store implements.
* :mod:`~factcheck.verdicts.claimreview` -- schema.org ClaimReview export of current verdicts.
* :mod:`~factcheck.verdicts.rows` -- the row format: columns, :class:`VerdictRow`,
  :class:`EvidenceRef`, validation, and what a read returns (:class:`LogContents`).
* :mod:`~factcheck.verdicts.scale` -- the verdict :class:`Scale` and :data:`RETRACTED`.

The names below are imported lazily (as in :mod:`factcheck`), so importing one submodule, say
the scale, does not load pandas, the file store or the PostgreSQL driver.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "VerdictLog": "factcheck.verdicts.log",
    "Agreement": "factcheck.verdicts.agreement",
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
    "LogUnavailableError": "factcheck.verdicts.store",
    "Scan": "factcheck.verdicts.store",
    "CsvFileStore": "factcheck.verdicts.csvstore",
    "PostgresStore": "factcheck.verdicts.pgstore",
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
    "Agreement",
    "CsvFileStore",
    "EvidenceRef",
    "Label",
    "LogContents",
    "LogFormatError",
    "LogProblem",
    "LogStore",
    "LogUnavailableError",
    "PostgresStore",
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
    from factcheck.verdicts.agreement import Agreement
    from factcheck.verdicts.claimreview import dumps_claimreview, missing_required, to_claimreview
    from factcheck.verdicts.csvstore import CsvFileStore
    from factcheck.verdicts.log import VerdictLog
    from factcheck.verdicts.pgstore import PostgresStore
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
    from factcheck.verdicts.store import LogFormatError, LogStore, LogUnavailableError, Scan


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'factcheck.verdicts' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value
