"""Progress of long work (building, adding, opening an index), reported to whoever watches.

The library only calls a :class:`Progress` -- ``progress(label, total)`` returns a step that
is told ``update(n)`` and ``close()`` -- so it stays free of display code: the command line
passes :func:`tqdm_progress` (a terminal bar), the desk passes a reporter that drives an
ipywidgets bar (``factcheck.widgets``), and the default reports nothing.
"""

from __future__ import annotations

from typing import Any, Protocol

__all__ = ["Progress", "Step", "silent", "tqdm_progress"]


class Step(Protocol):
    def update(self, n: int = 1) -> None: ...

    def close(self) -> None: ...


class Progress(Protocol):
    def __call__(self, label: str, total: int) -> Step: ...


class _Silent:
    def update(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


def silent(label: str, total: int) -> Step:
    """Reports nothing."""
    return _Silent()


def tqdm_progress(label: str, total: int) -> Step:
    """A tqdm bar on standard error (``tqdm.auto``: a widget bar inside Jupyter)."""
    from tqdm.auto import tqdm

    bar: Any = tqdm(total=total, desc=label, unit="", leave=True, dynamic_ncols=True)
    return bar
