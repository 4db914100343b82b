"""Text: the Arabic matching form, shared vocabulary, ids, stems, lemmas and the lexicon.

Everything here maps ``str -> str`` (or to word lists) and knows nothing of corpora, figures or
verdicts; every layer above compares text through it.
"""
