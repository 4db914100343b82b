"""The desk's pure-Python side: session state, coverage frames, charts and all HTML.

The widgets in :mod:`factcheck.widgets` are a thin view over these.
"""
