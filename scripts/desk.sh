#!/usr/bin/env bash
# Open the fact-checking desk.
#
#   bash scripts/desk.sh [ARGS...]          # JupyterLab on notebooks/desk.ipynb
#   bash scripts/desk.sh --voila [ARGS...]  # the same notebook as a Voila app (no code cells shown)
#
# Sets up the venv first (scripts/bootstrap.sh, no browser or apt needed). The server listens on
# 127.0.0.1 only; extra ARGS go to `jupyter lab` / `voila` unchanged (e.g. --port=8890, --no-browser).
# FACTCHECK_VENV picks another venv, as in bootstrap.sh.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${FACTCHECK_VENV:-$ROOT/.venv}"
NOTEBOOK="notebooks/desk.ipynb"

MODE=lab
if [[ "${1:-}" == "--voila" ]]; then
    MODE=voila
    shift
elif [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then
    sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    exit 0
fi

bash "$ROOT/scripts/bootstrap.sh"

cd "$ROOT"
if [[ ! -f "$NOTEBOOK" ]]; then
    echo "desk.sh: $ROOT/$NOTEBOOK not found" >&2
    exit 1
fi
export PATH="$VENV/bin:$PATH" VIRTUAL_ENV="$VENV"

if [[ "$MODE" == "voila" ]]; then
    exec "$VENV/bin/voila" "$NOTEBOOK" --Voila.ip=127.0.0.1 "$@"
fi

ROOT_ARGS=()
# Jupyter refuses to run as root unless told; containers and CI machines often are root.
if [[ "$(id -u)" == "0" ]]; then ROOT_ARGS=(--allow-root); fi
exec "$VENV/bin/jupyter" lab "$NOTEBOOK" --ServerApp.ip=127.0.0.1 "${ROOT_ARGS[@]}" "$@"
