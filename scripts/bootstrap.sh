#!/usr/bin/env bash
# Set up everything factcheck-desk needs on this machine; shared by desk.sh and test.sh.
#
#   bash scripts/bootstrap.sh                 # Python venv + the project (editable, with [test,bench,places])
#   bash scripts/bootstrap.sh --with-browser  # ...plus Debian's chromium, Arabic fonts, PostgreSQL (tests)
#
# Idempotent and quick when already done: pip runs only when the venv is missing or the stamp
# (a hash of pyproject.toml and of the pins below) differs; apt runs only for missing packages.
#
# Environment:
#   FACTCHECK_VENV    venv location (default: <repo>/.venv); lets a throwaway venv test a fresh set-up
#   FACTCHECK_PYTHON  interpreter that creates the venv (default: python3.11, else a python3 that is 3.11)
#   FACTCHECK_VERBOSE=1  show pip's full output
set -euo pipefail

# torch must be installed *before* the project, pinned exactly: camel-tools asks for "torch>=2.0",
# and a bare requirement lets pip take a multi-GB CUDA build. 2.13.0 is the CPU wheel that pip
# finds on this kind of machine through its own configuration (find-links). binder/requirements.txt
# pins the same version (tests/test_binder.py checks that).
TORCH_VERSION="2.13.0"
# Debian packages the tests need beyond Python: the browser tests' browser and fonts that cover
# Arabic (fonts-noto-core: Noto Naskh/Kufi/Sans Arabic; fonts-kacst: KACST fonts, 1 MB), and the
# PostgreSQL server whose binaries (initdb, pg_ctl) the shared-log tests start a throwaway
# server with (tests/pgcluster.py; no system server is used).
APT_PACKAGES=(chromium fonts-noto-core fonts-kacst postgresql)
# Bump when this script changes what it installs, so existing venvs are brought up to date.
BOOTSTRAP_REVISION="2"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${FACTCHECK_VENV:-$ROOT/.venv}"
WITH_BROWSER=0

usage() { sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

for arg in "$@"; do
    case "$arg" in
        --with-browser) WITH_BROWSER=1 ;;
        -h | --help) usage; exit 0 ;;
        *) echo "bootstrap.sh: unknown argument: $arg" >&2; usage >&2; exit 2 ;;
    esac
done

log() { printf '[bootstrap] %s\n' "$*"; }
die() { printf '[bootstrap] ERROR: %s\n' "$*" >&2; exit 1; }

export PIP_NO_INPUT=1 PIP_DISABLE_PIP_VERSION_CHECK=1
PIP_QUIET=(--quiet)
if [[ "${FACTCHECK_VERBOSE:-0}" == "1" ]]; then PIP_QUIET=(); fi
if [[ -n "${CI:-}" ]]; then PIP_QUIET+=(--progress-bar off); fi

find_python() {
    local candidate
    for candidate in "${FACTCHECK_PYTHON:-}" python3.11 python3; do
        [[ -n "$candidate" ]] || continue
        command -v "$candidate" > /dev/null 2>&1 || continue
        if "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2> /dev/null; then
            echo "$candidate"
            return 0
        fi
    done
    return 1
}

# pip, minus one warning per package that this machine's pip configuration causes (an extra
# file:// index that lacks most projects); the status is pip's (pipefail).
pip_install() {
    "$VENV/bin/python" -m pip install "${PIP_QUIET[@]}" "$@" 2>&1 |
        { grep -v -E "^WARNING: Location 'file://[^']*' is ignored" || true; }
}

venv_is_usable() {
    [[ -x "$VENV/bin/python" ]] &&
        "$VENV/bin/python" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2> /dev/null
}

stamp_value() {
    {
        sha256sum "$ROOT/pyproject.toml" | cut -d' ' -f1
        echo "torch==$TORCH_VERSION"
        echo "revision=$BOOTSTRAP_REVISION"
    } | sha256sum | cut -d' ' -f1
}

setup_python() {
    local stamp="$VENV/.factcheck-bootstrap-stamp" want python
    want="$(stamp_value)"
    if venv_is_usable && [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
        log "venv up to date: $VENV"
        return 0
    fi
    if ! venv_is_usable; then
        python="$(find_python)" || die "Python 3.11 not found (set FACTCHECK_PYTHON=/path/to/python3.11)"
        log "creating venv with $python ($("$python" --version 2>&1)): $VENV"
        "$python" -m venv --clear "$VENV"
        pip_install --upgrade pip
    fi
    rm -f "$stamp"
    log "pip install torch==$TORCH_VERSION (CPU build, before the project)"
    pip_install "torch==$TORCH_VERSION"
    # The constraint keeps the torch we just installed while the project's dependencies resolve.
    local constraints="$VENV/.factcheck-constraints.txt"
    echo "torch==$TORCH_VERSION" > "$constraints"
    log "pip install -e '.[test,bench,places]'"
    pip_install -c "$constraints" -e "$ROOT[test,bench,places]"
    "$VENV/bin/python" -c 'import torch, factcheck' ||
        die "the venv does not import torch and factcheck after installing"
    echo "$want" > "$stamp"
    log "venv ready: $VENV"
}

apt_missing() {
    local pkg
    for pkg in "${APT_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}\n' "$pkg" 2> /dev/null | grep -q '^install ok installed$' ||
            echo "$pkg"
    done
}

pg_initdb() {
    compgen -G '/usr/lib/postgresql/*/bin/initdb' > /dev/null
}

setup_browser() {
    local missing=()
    mapfile -t missing < <(apt_missing)
    if command -v chromium > /dev/null 2>&1 && pg_initdb && ((${#missing[@]} == 0)); then
        log "chromium, Arabic fonts and PostgreSQL present: $(chromium --version 2> /dev/null || echo '?')"
        return 0
    fi
    command -v apt-get > /dev/null 2>&1 ||
        die "apt-get not found; install chromium, Arabic fonts and PostgreSQL by hand"
    local sudo=()
    if [[ "$(id -u)" != "0" ]]; then
        command -v sudo > /dev/null 2>&1 || die "not root and no sudo: cannot apt-get install ${missing[*]}"
        sudo=(sudo -n)
    fi
    ((${#missing[@]} > 0)) || missing=(chromium postgresql)
    log "apt-get install ${missing[*]}"
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq --no-install-recommends "${missing[@]}"
    command -v chromium > /dev/null 2>&1 || die "chromium still missing after apt-get install"
    pg_initdb || die "PostgreSQL's initdb still missing after apt-get install"
    log "installed: $(chromium --version 2> /dev/null || echo chromium), $(ls -d /usr/lib/postgresql/*/ | tr '\n' ' ')"
}

main() {
    mkdir -p "$(dirname "$VENV")"
    # One bootstrap at a time per venv (desk.sh and test.sh may start together).
    local lock="${TMPDIR:-/tmp}/factcheck-bootstrap-$(echo -n "$VENV" | sha256sum | cut -c1-16).lock"
    exec 9> "$lock"
    flock 9
    setup_python
    if ((WITH_BROWSER)); then
        setup_browser
    fi
}

main
