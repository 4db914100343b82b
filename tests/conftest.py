"""Suite-wide pytest configuration: only what every test directory shares.

Browser tests (``@pytest.mark.browser``) need Debian's chromium. On a developer machine without
it they are skipped with a reason that says how to get it; in CI (``CI=true``) a missing chromium
is a failure, because CI installs it (``bash scripts/test.sh`` runs ``bootstrap.sh
--with-browser``) and a silently skipped browser suite would hide a broken set-up.

PostgreSQL tests (``@pytest.mark.postgres``, or any test using ``pg_cluster`` / ``pg_url``) run
against one throwaway server per session (:mod:`pgcluster`: ``initdb`` in a temporary directory,
a unix socket only, as the ``postgres`` user when root), each test in a fresh database. Missing
server binaries fail those tests with the way to install them; only outside CI, and only with
``FACTCHECK_SKIP_PG=1``, are they skipped instead.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pgcluster
import pytest

# The flags every chromium launch uses: headless as root, and no background traffic (this
# machine's network is closed; without them chromium retries Google hosts at every start).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Debian's chromium; FACTCHECK_CHROMIUM points elsewhere on a machine that has it somewhere else.
CHROMIUM = Path(os.environ.get("FACTCHECK_CHROMIUM", "/usr/bin/chromium"))


def running_in_ci() -> bool:
    """True when the CI environment variable says so (CI=true, as the CI runner sets it)."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def chromium_available() -> bool:
    return CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)


def pytest_report_header(config: pytest.Config) -> list[str]:
    state = "found" if chromium_available() else "MISSING"
    pg = pgcluster.find_pg_bin()
    return [
        f"browser tests: chromium {state} at {CHROMIUM}; CI={running_in_ci()}",
        f"postgres tests: server binaries {'in ' + str(pg) if pg else 'MISSING'}",
    ]


def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker("browser") is None or chromium_available():
        return
    reason = (
        f"chromium not found at {CHROMIUM}; `bash scripts/bootstrap.sh --with-browser` installs it "
        "(or set FACTCHECK_CHROMIUM)"
    )
    if running_in_ci():
        pytest.fail(f"{reason}. CI must run the browser tests, so this fails.", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium_executable() -> Path:
    """Path of the chromium binary the browser tests drive (through Playwright)."""
    return CHROMIUM


@pytest.fixture(scope="session")
def browser(chromium_executable: Path) -> Iterator[Any]:
    """Debian's chromium through Playwright's sync API (never a Playwright-downloaded browser).

    One per session for the whole suite: Playwright's sync API cannot run two instances in one
    thread, so every browser test (desk, smoke, chart rendering) shares this one.
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # Playwright gives each launch a fresh temporary --user-data-dir of its own.
        instance = playwright.chromium.launch(
            executable_path=str(chromium_executable), headless=True, args=CHROMIUM_ARGS
        )
        yield instance
        instance.close()


# --- PostgreSQL -----------------------------------------------------------------------------


def pg_skip_allowed() -> bool:
    """``FACTCHECK_SKIP_PG=1`` on a developer machine; never in CI."""
    return os.environ.get("FACTCHECK_SKIP_PG", "") == "1" and not running_in_ci()


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[pgcluster.PgCluster]:
    """One throwaway PostgreSQL server for the session (stopped and removed at the end).

    ``fsync=off`` keeps the suite quick (the tests kill clients, never the server);
    ``synchronous_commit=off`` as the server default proves the store turns it back on.
    """
    if pgcluster.find_pg_bin() is None:
        if pg_skip_allowed():
            pytest.skip(f"{pgcluster.install_hint()}; skipped (FACTCHECK_SKIP_PG=1)")
        pytest.fail(
            f"{pgcluster.install_hint()}. The PostgreSQL tests must run (set FACTCHECK_SKIP_PG=1 "
            "to skip them on a machine without it, outside CI).",
            pytrace=False,
        )
    with pgcluster.throwaway_cluster(settings=["fsync=off", "synchronous_commit=off"]) as cluster:
        yield cluster


@pytest.fixture
def pg_url(pg_cluster: pgcluster.PgCluster) -> str:
    """The URL of a new, empty database on the session's server."""
    return pg_cluster.create_database()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests that use the server are marked ``postgres`` (``-m "not postgres"`` leaves them)."""
    for item in items:
        if {"pg_cluster", "pg_url"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.postgres)


@pytest.fixture(params=["csv", pytest.param("pg", marks=pytest.mark.postgres)])
def log(request: pytest.FixtureRequest, tmp_path: Path) -> Any:
    """A new, empty verdict log on each store (``pg``: a fresh database on the session's
    server): the log-semantics tests run on both, so both are held to one contract."""
    from factcheck.verdicts.log import VerdictLog

    if request.param == "pg":
        return VerdictLog(request.getfixturevalue("pg_url"))
    return VerdictLog(tmp_path / "verdicts.csv")
