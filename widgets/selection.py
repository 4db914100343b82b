"""Selecting words in an article to check them as a claim: a small anywidget.

An editor reading the article around an evidence passage often sees a sentence worth checking
that the desk did not list as a claim. :class:`ArticleContext` shows the article (escaped markup
from :func:`factcheck.desk.render.context_html`) and reports the words the editor selects in it
(trait ``selection``); :class:`SelectionCheck` adds the button that asks the desk to check them.

Why a custom widget: ipywidgets' ``HTML`` cannot tell Python what the reader selected, and no
maintained widget package does this one thing; anywidget makes it one small ES module
(``selection.js``, shipped as package data) with no build step and no JupyterLab extension of
our own.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import anywidget
import ipywidgets as w
from traitlets import Unicode, validate

from factcheck.desk.labels import truncate

from .common import button

__all__ = ["PROMPT", "SELECTION_LIMIT", "ArticleContext", "SelectionCheck"]

PROMPT = "حدّد كلمات من المقال للتحقق منها / Select words to check them"
"""The button's label while nothing is selected."""
SELECTION_LIMIT = 600
"""Characters of a selection kept: a claim is a sentence or two, not an article."""


class ArticleContext(anywidget.AnyWidget):
    """The article around a passage, RTL, selectable. Traits: ``html`` (safe markup, Python ->
    browser) and ``selection`` (browser -> Python: the words last selected inside it, white
    space folded, at most :data:`SELECTION_LIMIT` characters)."""

    _esm = Path(__file__).with_name("selection.js")
    html = Unicode("", help="the article's escaped markup").tag(sync=True)
    selection = Unicode("", help="the words last selected in the article").tag(sync=True)

    @validate("selection")
    def _fold(self, proposal) -> str:
        return " ".join(str(proposal["value"]).split())[:SELECTION_LIMIT]


class SelectionCheck(w.VBox):
    """:class:`ArticleContext` plus a button that checks the selected words as a claim.

    The button is disabled until something is selected and names what it will check. The desk
    registers what a click does with :meth:`on_check` (it receives the selected text).
    """

    def __init__(self, **kwargs):
        self.article = ArticleContext()
        self.article.add_class("fc-context-html")
        self.check_button = button(PROMPT, "fc-check-selection", icon="search", disabled=True)
        super().__init__(children=[self.article, self.check_button], **kwargs)
        self.add_class("fc-selection-check")
        self._callbacks: list[Callable[[str], object]] = []
        self.check_button.on_click(self._clicked)
        self.article.observe(self._selected, "selection")

    @property
    def html(self) -> str:
        return self.article.html

    @html.setter
    def html(self, value: str) -> None:
        self.article.html = value

    def _selected(self, change) -> None:
        text = change["new"]
        self.check_button.disabled = not text
        if text:
            shown = truncate(text, 60)
            self.check_button.description = f"تحقق من «{shown}» / Check the selected words"
            self.check_button.button_style = "primary"
        else:
            self.check_button.description = PROMPT
            self.check_button.button_style = ""

    def on_check(self, callback: Callable[[str], object]) -> None:
        """Call ``callback(text)`` with the selected words when the button is clicked."""
        self._callbacks.append(callback)

    def _clicked(self, _button) -> None:
        text = self.article.selection
        if text:
            for callback in self._callbacks:
                callback(text)
