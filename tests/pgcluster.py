"""A throwaway PostgreSQL server for the tests and the benchmark (not part of the library).

``with throwaway_cluster() as pg: VerdictLog(pg.create_database())`` runs Debian's ``initdb``
into a fresh temporary directory, starts the server on a unix socket only (no TCP port, so
parallel runs never collide and nothing is reachable from outside) and removes everything on
exit. As root the server runs as the ``postgres`` user (``runuser``), since PostgreSQL refuses to
run as root; the directory is then owned by ``postgres``.

The binaries are looked up in ``$FACTCHECK_PG_BIN`` when it is set (and only there), else in
``/usr/lib/postgresql/*/bin`` (newest first), then ``$PATH``. :func:`find_pg_bin` returns
``None`` when there are none; the tests' fixture turns that into a failure that says how to
install them (``scripts/bootstrap.sh``).

The tests import it as ``pgcluster`` (``tests/`` is on ``sys.path`` under pytest);
``benchmarks/verdicts_bench.py`` puts ``tests/`` on ``sys.path`` to import it.
"""

from __future__ import annotations

import itertools
import os
import pwd
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

__all__ = ["PgCluster", "find_pg_bin", "install_hint", "throwaway_cluster"]

SERVER_USER = "postgres"
"""The system user the server runs as when the tests run as root."""


def install_hint() -> str:
    """How to get the binaries (what a failing fixture tells the reader)."""
    return (
        "PostgreSQL server binaries (initdb, pg_ctl) not found in $FACTCHECK_PG_BIN, "
        "/usr/lib/postgresql/*/bin or $PATH; `bash scripts/bootstrap.sh --with-browser` installs "
        "Debian's postgresql (or: apt-get install postgresql)"
    )


def _version_key(path: Path) -> tuple[int, ...]:
    return tuple(int(x) for x in re.findall(r"\d+", path.parent.name)) or (0,)


def find_pg_bin() -> Path | None:
    """The directory holding ``initdb`` and ``pg_ctl``, or ``None``."""
    if os.environ.get("FACTCHECK_PG_BIN"):
        candidates = [Path(os.environ["FACTCHECK_PG_BIN"])]
    else:
        candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=_version_key)[::-1]
        on_path = shutil.which("initdb")
        if on_path:
            candidates.append(Path(on_path).parent)
    for folder in candidates:
        if all(os.access(folder / tool, os.X_OK) for tool in ("initdb", "pg_ctl", "postgres")):
            return folder
    return None


class PgCluster:
    """A running throwaway server: its socket directory, superuser and fresh databases."""

    def __init__(
        self, bin_dir: Path, root: Path, as_user: str | None, settings: Sequence[str] = ()
    ) -> None:
        self.bin_dir, self.root, self.as_user = bin_dir, root, as_user
        self.settings = tuple(settings)
        self.data = root / "data"
        self.socket_dir = root / "socket"
        self.logfile = root / "server.log"
        self.superuser = as_user or pwd.getpwuid(os.getuid()).pw_name
        self._names = itertools.count(1)

    # -- running the server's tools

    def run(self, tool: str, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        """Run one of the server's binaries (as the server's user when we are root)."""
        cmd = [str(self.bin_dir / tool), *args]
        if self.as_user:
            cmd = [_runuser(), "-u", self.as_user, "--", *cmd]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, cwd=self.root)
        if check and done.returncode != 0:
            log = self.logfile.read_text(errors="replace")[-3000:] if self.logfile.exists() else ""
            raise RuntimeError(
                f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stdout}{done.stderr}{log}"
            )
        return done

    def start(self) -> None:
        """Start the server (again), listening on the socket directory only, with the cluster's
        settings; waits until it accepts connections."""
        opts = f"-k {self.socket_dir} -c listen_addresses=''"
        opts += "".join(f" -c {s}" for s in self.settings)
        self.run("pg_ctl", "-D", str(self.data), "-l", str(self.logfile), "-o", opts, "-w",
                 "-t", "60", "start")  # fmt: skip

    def stop(self, mode: str = "fast") -> None:
        """Stop the server (``fast``: end sessions, checkpoint; ``immediate``: as on a crash)."""
        self.run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop", check=False)

    @property
    def running(self) -> bool:
        return self.run("pg_ctl", "-D", str(self.data), "status", check=False).returncode == 0

    # -- connecting

    def url(self, dbname: str = "postgres", user: str | None = None) -> str:
        """A ``postgresql://`` URL for the socket (the socket directory goes in ``host=``)."""
        who = quote(user or self.superuser, safe="")
        return f"postgresql://{who}@/{quote(dbname, safe='')}?host={quote(str(self.socket_dir))}"

    def connect(self, dbname: str = "postgres", **kwargs: Any) -> Any:
        """A psycopg connection as the superuser, autocommit (for set-up and inspection)."""
        import psycopg

        return psycopg.connect(self.url(dbname), autocommit=True, **kwargs)

    def execute(self, sql: str, params: Sequence[Any] | None = None, dbname: str = "postgres"):
        """Run one statement as the superuser; returns all rows when it yields any."""
        with self.connect(dbname) as conn:
            cur = conn.execute(sql, params)
            return cur.fetchall() if cur.description else None

    def create_database(self, name: str | None = None) -> str:
        """A new empty UTF-8 database; returns its URL."""
        name = name or f"t{next(self._names)}"
        self.execute(
            f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8' "
            "LC_COLLATE 'C' LC_CTYPE 'C'"
        )
        return self.url(name)


def _owned_by(path: Path, user: str) -> None:
    entry = pwd.getpwnam(user)
    os.chown(path, entry.pw_uid, entry.pw_gid)


@contextmanager
def throwaway_cluster(
    *, settings: Sequence[str] = (), base: str | os.PathLike[str] | None = None
) -> Iterator[PgCluster]:
    """``initdb`` + ``pg_ctl start`` in a new temporary directory; stopped and removed on exit.

    ``settings`` are extra ``name=value`` server settings (e.g. ``fsync=off`` for quick tests).
    ``base`` is where the temporary directory goes (default: the system's, which the server's
    user can reach; pytest's own temporary folders are private to root).
    """
    bin_dir = find_pg_bin()
    if bin_dir is None:
        raise FileNotFoundError(install_hint())
    as_user = SERVER_USER if os.geteuid() == 0 else None
    if as_user:
        try:
            pwd.getpwnam(as_user)
        except KeyError:
            raise RuntimeError(
                f"running as root, but there is no {as_user!r} user to run the server as "
                "(Debian's postgresql package creates it)"
            ) from None
    root = Path(tempfile.mkdtemp(prefix="factcheck-pg-", dir=base))
    try:
        root.chmod(0o755)
        (root / "socket").mkdir()
        if as_user:
            _owned_by(root, as_user)
            _owned_by(root / "socket", as_user)
        cluster = PgCluster(bin_dir, root, as_user, settings)
        cluster.run("initdb", "-D", str(cluster.data), "-U", cluster.superuser, "--auth=trust",
                    "-E", "UTF8", "--locale=C", "--no-sync")  # fmt: skip
        cluster.start()
        try:
            yield cluster
        finally:
            cluster.stop()
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _runuser() -> str:
    """util-linux's ``runuser``: on PATH, or in the sbin folders a root PATH may leave out."""
    for candidate in (shutil.which("runuser"), "/usr/sbin/runuser", "/sbin/runuser"):
        if candidate and Path(candidate).exists():
            return candidate
    raise RuntimeError("runuser (util-linux) not found: needed to start PostgreSQL as root")
