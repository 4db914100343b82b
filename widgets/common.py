"""Small helpers shared by the desk's panels: RTL inputs, the stylesheet, plotly in an Output.

Plotly figures are shown by putting the figure's ``application/vnd.plotly.v1+json`` bundle into
an :class:`ipywidgets.Output`'s ``outputs`` directly. The front end (JupyterLab, and Voila, which
loads the same federated ``jupyterlab-plotly`` mime extension) renders that mimetype with the
plotly.js bundled in the ``plotly`` package, so it works offline and on Binder. Writing the bundle
ourselves -- instead of ``with out: fig.show()`` -- does not depend on the renderer the kernel
picked (``pio.renderers.default``), needs no kernel ``display`` hook (so it is testable without
one), and replaces the chart in one trait update when a verdict is saved. ``go.FigureWidget`` would
need ``anywidget`` and its own front-end bundle; it buys interactivity from Python we do not use.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from functools import wraps
from importlib import resources
from typing import Any, TypeVar

import ipywidgets as w
import plotly.graph_objects as go
import plotly.io as pio

from factcheck.desk.panels import message
from factcheck.desk.style import DESK_CSS

__all__ = [
    "PLOTLY_MIME",
    "RTL_CLASS",
    "button",
    "checkbox",
    "close_tree",
    "desk_stylesheet",
    "figure_bundle",
    "guarded",
    "html",
    "rtl",
    "show_figure",
]

log = logging.getLogger("factcheck.widgets")

RTL_CLASS = "fc-rtl"
"""Class that makes an input widget's text right-to-left (rule in ``desk.css``)."""

PLOTLY_MIME = "application/vnd.plotly.v1+json"

# No "responsive": plotly's own window-resize handler collapses a chart to zero height when it
# runs while the chart's tab is hidden (seen in Voila); the JupyterLab/Voila renderer already
# resizes the chart with its output area.
_PLOT_CONFIG = {"displaylogo": False}

W = TypeVar("W", bound=w.DOMWidget)


def rtl(widget: W, *classes: str) -> W:
    """Add the RTL class (and any ``classes``) to a widget and return it."""
    for cls in (RTL_CLASS, *classes):
        widget.add_class(cls)
    return widget


def close_tree(widget: w.Widget) -> None:
    """Close a widget and everything inside it (replaced views must not leak comms)."""
    for child in getattr(widget, "children", ()):
        close_tree(child)
    widget.close()


def button(description: str, cls: str, *, icon: str = "", style: str = "", **kwargs) -> w.Button:
    """A button sized to its bilingual label, with the desk's class ``cls``."""
    widget = w.Button(
        description=description,
        icon=icon,
        button_style=style,
        layout=w.Layout(width="auto", max_width="100%"),
        **kwargs,
    )
    widget.add_class(cls)
    return widget


def checkbox(description: str, cls: str, value: bool = False) -> w.Checkbox:
    """A checkbox with its bilingual label beside it (no indent), with the class ``cls``."""
    widget = w.Checkbox(
        value=value, description=description, indent=False, layout=w.Layout(width="auto")
    )
    widget.add_class(cls)
    return widget


def html(value: str = "", *classes: str) -> w.HTML:
    """An ``HTML`` widget with classes. ``value`` must already be safe: built by
    :mod:`factcheck.desk.render` or :mod:`factcheck.desk.panels` (widgets write no markup)."""
    widget = w.HTML(value=value)
    for cls in classes:
        widget.add_class(cls)
    return widget


def desk_stylesheet() -> str:
    """The desk's ``<style>``: :data:`factcheck.desk.style.DESK_CSS` plus widget layout rules."""
    extra = resources.files("factcheck.widgets").joinpath("desk.css").read_text("utf-8")
    return DESK_CSS + f"<style>\n{extra}</style>"


def figure_bundle(fig: go.Figure) -> dict[str, Any]:
    """The plotly mimetype bundle of a figure (plus a text fallback) as an output's ``data``.

    Built with ``pio.to_json`` rather than through ``pio.renderers``: the renderers module
    imports nbformat (and jsonschema), two seconds on a cold kernel for nothing we use.
    """
    spec = json.loads(pio.to_json(fig, validate=False))
    spec["config"] = dict(_PLOT_CONFIG)
    title = fig.layout.title.text or "plotly figure"
    return {PLOTLY_MIME: spec, "text/plain": f"<Figure: {title}>"}


def show_figure(out: w.Output, fig: go.Figure) -> None:
    """Replace what ``out`` shows with ``fig`` (see module doc for why not ``fig.show()``)."""
    out.outputs = ({"output_type": "display_data", "data": figure_bundle(fig), "metadata": {}},)


F = TypeVar("F", bound=Callable[..., Any])


def guarded(show: Callable[[Any, str], None]) -> Callable[[F], F]:
    """Decorate a widget event handler so errors reach the editor as a message, not a traceback.

    ``show(self, html)`` puts the message where it belongs (the form, the status line).
    ``ValueError`` (including :class:`~factcheck.desk.session.DeskError`) is the editor's to fix
    and is shown as is; anything else is logged with its traceback for the developer and shown
    as a short "unexpected error" line.
    """

    def decorate(fn: F) -> F:
        @wraps(fn)
        def handler(self: Any, *args: Any, **kwargs: Any) -> Any:
            try:
                return fn(self, *args, **kwargs)
            except ValueError as exc:
                text = getattr(exc, "message", None) or str(exc)
                show(self, message(text, kind="error"))
            except Exception as exc:
                log.exception("desk: unexpected error in %s", fn.__name__)
                show(
                    self,
                    message(
                        "حدث خطأ غير متوقع، ولم يُفقد شيء مما سُجّل / "
                        f"Unexpected error ({type(exc).__name__}: {exc}); "
                        "nothing already recorded was lost.",
                        kind="error",
                    ),
                )
            return None

        return handler  # type: ignore[return-value]

    return decorate
