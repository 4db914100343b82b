"""PostgreSQL URLs: how a database verdict log is named, checked and shown.

``VerdictLog`` opens a ``postgresql://`` or ``postgres://`` URL (:func:`is_database_url`) as a
:class:`~factcheck.verdicts.pgstore.PostgresStore` and anything else as a CSV file. Any libpq
URL works: ``postgresql://huda@db.newsroom:5432/verdicts``, a socket directory with
``postgresql://huda@/verdicts?host=/run/postgresql``, ``?sslmode=require``, several hosts.
:func:`parse_url` checks one before anything connects; messages name the database with
:func:`redact_url`, never with its password.

The driver (psycopg 3) is imported here on first use (:func:`driver`), so ``import factcheck``
and a desk on a CSV file never load it.
"""

from __future__ import annotations

import re
from typing import Any

from factcheck.verdicts.store import LogUnavailableError

__all__ = [
    "URL_SCHEMES",
    "driver",
    "is_database_url",
    "one_line",
    "parse_url",
    "redact_url",
    "without_secrets",
]

URL_SCHEMES = ("postgresql://", "postgres://")
"""How a database log is named: ``VerdictLog`` opens anything else as a CSV file."""

_FORM = (
    "expected postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE "
    "or postgresql://USER@/DATABASE?host=/socket/directory"
)


def is_database_url(target: object) -> bool:
    """True for a ``postgresql://`` or ``postgres://`` URL (any case)."""
    return isinstance(target, str) and target.lstrip().lower().startswith(URL_SCHEMES)


def _netloc(rest: str) -> str:
    return rest[: min((i for i in map(rest.find, "/?#") if i >= 0), default=len(rest))]


def redact_url(url: str) -> str:
    """``url`` without its password (``user:secret@`` and ``password=`` both go), for messages."""
    scheme, sep, rest = url.strip().partition("://")
    netloc = _netloc(rest)
    tail = rest[len(netloc) :]
    if "@" in netloc:
        userinfo, _, hosts = netloc.rpartition("@")
        netloc = userinfo.partition(":")[0] + "@" + hosts
    tail = re.sub(r"([?&])password=[^&#]*&?", r"\1", tail).rstrip("?&")
    return scheme + sep + netloc + tail


def without_secrets(text: str, url: str) -> str:
    """``text`` (a driver's message about ``url``) with the URL redacted and any password in
    it, as written in the URL, masked: a parse error may quote the bad token verbatim."""
    text = text.replace(url, redact_url(url))
    rest = url.strip().partition("://")[2]
    netloc = _netloc(rest)
    secrets = re.findall(r"[?&]password=([^&#]*)", rest)
    if "@" in netloc:
        secrets.append(netloc.rpartition("@")[0].partition(":")[2])
    for secret in filter(None, secrets):
        text = text.replace(secret, "***")
    return text


def one_line(exc: BaseException) -> str:
    """A driver error as one line (libpq's messages span several, with a redundant prefix)."""
    text = str(exc).strip()
    for prefix in ("connection failed: ", "connection is bad: "):
        text = text.removeprefix(prefix)
    return " ".join(text.split())


def driver() -> Any:
    """psycopg, imported on first use so that ``import factcheck`` does not load it."""
    try:
        import psycopg
    except ImportError:  # a regular dependency: only a broken install lacks it
        raise LogUnavailableError(
            "the PostgreSQL driver is not installed: pip install 'psycopg[binary]>=3.2'"
        ) from None
    return psycopg


def parse_url(url: str) -> tuple[str, dict[str, str]]:
    """``(url, parameters)``: the URL with its scheme in lower case, and the connection
    parameters it sets (libpq's names). ``ValueError`` naming the URL (without its password) and
    the expected form when libpq cannot parse it or a port is not a number; nothing connects."""
    scheme, _, rest = url.strip().partition("://")
    url = scheme.lower() + "://" + rest
    psycopg = driver()
    from psycopg.conninfo import conninfo_to_dict

    where = redact_url(url)
    try:
        params = {k: str(v) for k, v in conninfo_to_dict(url).items()}
    except psycopg.Error as exc:
        detail = without_secrets(one_line(exc), url)
        raise ValueError(f"{where}: not a valid PostgreSQL URL ({detail}); {_FORM}") from None
    for port in params.get("port", "").split(","):
        if port and not (port.isdigit() and 0 < int(port) < 65536):
            raise ValueError(f"{where}: port {port!r} is not a port number; {_FORM}")
    return url, params
