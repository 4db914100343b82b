"""Archives: a persisted index of a corpus, built on Dask, opened in seconds, grown in place.

::

    from factcheck.archive import build_index, add_to_index, open_index

    build_index("archive/", "archive.index", workers=2)   # factcheck index build
    add_to_index("archive.index", ["new/"])               # factcheck index add
    corpus = open_index("archive.index")                  # a Corpus: check(), Desk(), CLI

An index directory is accepted wherever a corpus is (:func:`factcheck.load_corpus`,
:func:`factcheck.check`, ``Desk(...)``, ``factcheck passages|claims|evidence``). Modules:
:mod:`~factcheck.archive.layout` (generations, manifest, atomic publish),
:mod:`~factcheck.archive.tables` (Parquet tables, read lazily),
:mod:`~factcheck.archive.segments` (what one build or add wrote),
:mod:`~factcheck.archive.parts` (the per-partition work a Dask worker does),
:mod:`~factcheck.archive.copies` (the copy index), :mod:`~factcheck.archive.grow` (clusters and
claims grown by a segment),
:mod:`~factcheck.archive.build` (the Dask build and add), :mod:`~factcheck.archive.corpus`
(an opened index), :mod:`~factcheck.archive.front` (corpus or index, one entry point),
:mod:`~factcheck.archive.progress`.
"""

from __future__ import annotations

from factcheck.archive.build import add_to_index, build_index
from factcheck.archive.corpus import ArchiveCorpus, open_index
from factcheck.archive.front import check, load_corpus
from factcheck.archive.layout import ArchiveError, is_index

__all__ = [
    "ArchiveCorpus",
    "ArchiveError",
    "add_to_index",
    "build_index",
    "check",
    "is_index",
    "load_corpus",
    "open_index",
]
