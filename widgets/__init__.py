"""The desk's ipywidgets UI, installed as ``factcheck.widgets``.

``from factcheck.widgets import Desk; Desk("articles/", log="verdicts.csv", editor="Huda")``
opens the whole desk in one cell (JupyterLab, Voila, Binder). The widgets hold state as traitlets
and delegate to :class:`factcheck.desk.session.DeskSession`, which is pure Python.
"""

from __future__ import annotations

from factcheck.desk.session import DeskError, DeskSession

from .desk import Desk

__all__ = ["Desk", "DeskError", "DeskSession"]
