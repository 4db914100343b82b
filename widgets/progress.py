"""Progress bars for long work started from a notebook: building an index, opening a desk.

:func:`widget_progress` is a :class:`factcheck.archive.progress.Progress` that shows an
ipywidgets bar per stage below the running cell and removes it when the stage is done::

    from factcheck import build_index
    from factcheck.widgets.progress import widget_progress
    build_index("archive/", "archive.index", progress=widget_progress)
"""

from __future__ import annotations

import ipywidgets as w

from factcheck.archive.progress import Step

__all__ = ["WidgetStep", "widget_progress"]


class WidgetStep:
    """One stage's bar: ``update(n)`` moves it, ``close()`` removes it from the page."""

    def __init__(self, label: str, total: int, show: bool = True):
        self.bar = w.IntProgress(value=0, min=0, max=max(total, 1), description=label)
        self.bar.style.description_width = "initial"
        self.count = w.Label(f"0 / {total}")
        self.box = w.HBox([self.bar, self.count])
        self.total = total
        self._handle = None
        if show:
            from IPython.display import display

            self._handle = display(self.box, display_id=True)

    def update(self, n: int = 1) -> None:
        self.bar.value = min(self.bar.max, self.bar.value + n)
        self.count.value = f"{self.bar.value} / {self.total}"

    def close(self) -> None:
        # Replace the bar's output with nothing, so the cell keeps no trace of finished work.
        if self._handle is not None:
            self._handle.update({"text/plain": ""}, raw=True)
        self.box.close()
        self.bar.close()
        self.count.close()


def widget_progress(label: str, total: int) -> Step:
    """A bar for one stage of long work, shown in the notebook."""
    return WidgetStep(label, total)
