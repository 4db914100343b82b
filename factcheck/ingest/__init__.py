"""Ingest: files in, a cleaned and segmented :class:`~factcheck.records.Corpus` out.

Reading: :mod:`~factcheck.ingest.decoding` (bytes to text), :mod:`~factcheck.ingest.tables` (CSV
rows), :mod:`~factcheck.ingest.metadata` (``sources.csv``), :mod:`~factcheck.ingest.markup`
(Markdown and HTML) and :mod:`~factcheck.ingest.readers` (the file formats and their registry).
Cleaning: :mod:`~factcheck.ingest.rules` (the rule machinery), :mod:`~factcheck.ingest.shapes`
(what boilerplate lines look like) and :mod:`~factcheck.ingest.cleaning` (the default rules and
:func:`~factcheck.ingest.cleaning.clean`). Then :mod:`~factcheck.ingest.segmentation` (passages)
and :mod:`~factcheck.ingest.corpus`, the one-call front
:func:`~factcheck.ingest.corpus.load_corpus`.
"""
