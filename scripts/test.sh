#!/usr/bin/env bash
# The project's test command (README; CI runs it through .ci/run).
#
#   bash scripts/test.sh [PYTEST_ARGS...]
#
# 1. scripts/bootstrap.sh --with-browser  (venv, project, chromium + Arabic fonts; quick when done)
# 2. ruff check .
# 3. ruff format --check .
# 4. pytest [PYTEST_ARGS...]              (the whole suite by default: unit, notebook, browser)
#
# Every step runs even when an earlier check fails, so one run shows every problem; the exit code
# is non-zero when any step failed. pytest's "no tests collected" (exit 5) counts as a failure.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${FACTCHECK_VENV:-$ROOT/.venv}"
START=$SECONDS
FAILED=()

section() { printf '\n==================== %s ====================\n' "$*"; }
elapsed() { printf '%dm%02ds' $(($1 / 60)) $(($1 % 60)); }

run_step() {
    local name="$1" t0=$SECONDS rc
    shift
    section "$name"
    "$@"
    rc=$?
    printf -- '---- %s: exit %d after %s\n' "$name" "$rc" "$(elapsed $((SECONDS - t0)))"
    return "$rc"
}

summary() {
    section "summary"
    if ((${#FAILED[@]})); then
        printf 'FAILED: %s\n' "${FAILED[@]}"
    else
        echo "all steps passed"
    fi
    echo "total time: $(elapsed $((SECONDS - START)))"
}

if ! run_step "bootstrap" bash "$ROOT/scripts/bootstrap.sh" --with-browser; then
    FAILED+=("bootstrap")
    summary
    exit 1
fi

cd "$ROOT" || exit 1
export PATH="$VENV/bin:$PATH" VIRTUAL_ENV="$VENV"

run_step "ruff check" "$VENV/bin/ruff" check . || FAILED+=("ruff check")
run_step "ruff format --check" "$VENV/bin/ruff" format --check . || FAILED+=("ruff format")

run_step "pytest $*" "$VENV/bin/python" -m pytest "$@"
rc=$?
if ((rc == 5)); then
    echo "pytest collected no tests: that is a failure here"
fi
((rc == 0)) || FAILED+=("pytest (exit $rc)")

summary
((${#FAILED[@]} == 0))
