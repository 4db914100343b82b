"""Figures: numbers, percentages and dates in Arabic news text and in English or French claims,
and when two of them agree.

The rest of the package uses these names (the modules behind them are the parser's layers,
:mod:`~factcheck.figures.numerals` -> :mod:`~factcheck.figures.dates` ->
:mod:`~factcheck.figures.hedges` -> :mod:`~factcheck.figures.units` ->
:mod:`~factcheck.figures.quantities`; the Latin-script reader it sends English and French text
to, :mod:`~factcheck.figures.latin_words` -> :mod:`~factcheck.figures.latin_text` ->
:mod:`~factcheck.figures.latin_dates` -> :mod:`~factcheck.figures.latin`; and the comparison,
:mod:`~factcheck.figures.agreement`):

* :func:`extract_quantities` -- every figure of a text (Arabic, English or French), with its
  span in the original;
* :func:`quantity_summary_of` -- figures as plain dicts for display and JSON;
* :func:`figures_agree`, :func:`interval`, :func:`comparable` -- whether two figures can both be
  true, by the reporting convention of news text (tolerances in
  :mod:`~factcheck.figures.agreement`);
* :func:`dates_compatible`, :func:`same_precision`, :func:`date_role` -- when two dates agree,
  and when two that do not agree clash.
"""

from __future__ import annotations

from factcheck.figures.agreement import (
    comparable,
    date_role,
    dates_compatible,
    figures_agree,
    interval,
    same_precision,
)
from factcheck.figures.quantities import extract_quantities, quantity_summary_of

__all__ = [
    "comparable",
    "date_role",
    "dates_compatible",
    "extract_quantities",
    "figures_agree",
    "interval",
    "quantity_summary_of",
    "same_precision",
]
