"""Ingest: files in, a cleaned and segmented :class:`~factcheck.records.Corpus` out.

:mod:`~factcheck.ingest.readers` (formats and encodings), :mod:`~factcheck.ingest.cleaning`
(scraped boilerplate), :mod:`~factcheck.ingest.segmentation` (passages) and
:mod:`~factcheck.ingest.corpus`, the one-call front :func:`~factcheck.ingest.corpus.load_corpus`.
"""
