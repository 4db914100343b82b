"""The desk's stylesheet: one ``<style>`` for every fragment :mod:`factcheck.desk.render` and
:mod:`factcheck.desk.panels` write (the widgets add their own layout rules, ``widgets/desk.css``).
"""

from __future__ import annotations

from factcheck.desk.labels import STANCE_COLORS

__all__ = ["DESK_CSS"]

# JupyterLab exposes its theme as --jp-* custom properties (light and dark themes both define
# them); every use has a fallback so the same sheet works in Voila and classic Notebook, where
# they may be missing. Stance colours are fixed (STANCE_COLORS, the charts' colours) rather than
# themed, so a stance means the same colour in a card and in a chart; they read on light and dark.
DESK_CSS = f"""<style>
.fc-card, .fc-claims, .fc-context, .fc-msg, .fc-verdict {{
  font-family: "Noto Naskh Arabic", "Noto Sans Arabic", "Amiri", "Tahoma", "Arial", sans-serif;
  line-height: 1.8;
  color: var(--jp-ui-font-color1, #212121);
  --fc-support: {STANCE_COLORS["support"]};
  --fc-contradict: {STANCE_COLORS["contradict"]};
  --fc-neutral: {STANCE_COLORS["neutral"]};
}}
.fc-card {{
  direction: rtl; text-align: start;
  background: var(--jp-layout-color1, #fff);
  border: 1px solid var(--jp-border-color2, #e0e0e0);
  border-inline-start: 4px solid var(--fc-neutral);
  border-radius: 6px; padding: 0.6em 0.9em; margin: 0.5em 0;
}}
.fc-card-support {{ border-inline-start-color: var(--fc-support); }}
.fc-card-contradict {{ border-inline-start-color: var(--fc-contradict); }}
.fc-checked {{ box-shadow: 0 0 0 2px var(--jp-brand-color1, #1976d2); }}
.fc-card-meta {{ display: flex; flex-wrap: wrap; gap: 0.3em 0.8em; align-items: center;
  font-size: 0.9em; color: var(--jp-ui-font-color2, #616161); }}
.fc-outlet {{ font-weight: bold; color: var(--jp-ui-font-color1, #212121); }}
.fc-badge, .fc-kind, .fc-verdict, .fc-syndicated, .fc-check {{
  display: inline-block; border-radius: 1em; padding: 0 0.7em; font-size: 0.85em;
  white-space: nowrap;
}}
.fc-badge {{ color: #fff; background: var(--fc-neutral); }}
.fc-support {{ background: var(--fc-support); }}
.fc-contradict {{ background: var(--fc-contradict); }}
.fc-neutral {{ background: var(--fc-neutral); }}
.fc-syndicated, .fc-kind {{ border: 1px dashed var(--jp-border-color1, #9e9e9e); }}
.fc-check {{ color: var(--jp-brand-color1, #1976d2); }}
.fc-title {{ font-weight: bold; margin-top: 0.3em; }}
.fc-passage, .fc-context {{ white-space: pre-wrap; margin: 0.5em 0; font-size: 1.1em; }}
.fc-passage {{ padding-inline-start: 0.8em;
  border-inline-start: 2px solid var(--jp-border-color2, #e0e0e0); }}
.fc-context {{ max-height: 24em; overflow-y: auto; padding: 0.5em;
  background: var(--jp-layout-color1, #fff); }}
mark.fc-match {{ background: rgba(255, 214, 0, 0.45); color: inherit; border-radius: 2px; }}
mark.fc-qty {{ background: transparent; color: inherit; font-weight: bold;
  border-bottom: 2px solid var(--jp-brand-color1, #1976d2); }}
mark.fc-match.fc-qty {{ background: rgba(255, 214, 0, 0.45); }}
mark.fc-focus {{ background: var(--jp-layout-color2, #fff3c4); color: inherit;
  outline: 1px solid var(--jp-warn-color1, #f9a825); }}
.fc-reasons {{ margin: 0.3em 0; padding-inline-start: 1.4em; font-size: 0.9em;
  color: var(--jp-ui-font-color2, #616161); }}
.fc-origin {{ font-size: 0.85em; border: 1px dotted currentColor; padding: 0 0.3em; }}
.fc-claim-speaker {{ display: inline-block; font-weight: 600; margin-inline-end: 0.4em; }}
.fc-claim-speaker::after {{ content: ":"; }}
.fc-copies, .fc-claim-sources {{ display: block; font-size: 0.85em;
  color: var(--jp-ui-font-color2, #616161); }}
.fc-claims {{ direction: rtl; padding-inline-start: 1.6em; }}
.fc-claim {{ margin: 0.3em 0; }}
.fc-claim.fc-selected {{ background: var(--jp-layout-color2, #eeeeee); border-radius: 4px; }}
.fc-kinds {{ margin-inline-start: 0.5em; }}
.fc-kind {{ margin-inline-end: 0.3em; }}
.fc-verdict {{ font-weight: bold; }}
.fc-msg {{ border-radius: 4px; padding: 0.4em 0.8em; margin: 0.3em 0; white-space: pre-wrap;
  border: 1px solid currentColor; }}
.fc-msg-error {{ color: var(--jp-error-color1, {STANCE_COLORS["contradict"]}); }}
.fc-msg-ok {{ color: var(--jp-success-color1, {STANCE_COLORS["support"]}); }}
.fc-msg-info {{ color: var(--jp-info-color1, #0277bd); }}
</style>"""
"""Stylesheet for every fragment above; display it once (``widgets.HTML(DESK_CSS)``)."""
