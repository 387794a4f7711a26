"""One Neo4j driver per process, as the driver manual recommends.

:func:`get_driver` checks that the server answers before handing the driver out: the driver
itself would retry an unreachable server for 30 s inside every managed transaction, logging
each attempt. A server that does not accept a connection within :data:`CONNECT_TIMEOUT`
seconds raises :class:`DatabaseUnavailable` at once instead.
"""

from __future__ import annotations

import atexit
import socket
import sys
from functools import cache
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from netkart.settings import Settings, load_settings

if TYPE_CHECKING:  # importing the driver costs ~0.4 s; commands that do not talk to Neo4j skip it
    from neo4j import Driver

__all__ = ["CONNECT_TIMEOUT", "DatabaseUnavailable", "check_reachable", "get_driver", "open_driver"]

#: Seconds to wait for the server to accept a connection before giving up.
CONNECT_TIMEOUT = 1.5

_DEFAULT_BOLT_PORT = 7687


class DatabaseUnavailable(ConnectionError):
    """Neo4j does not answer at the configured address."""

    def __init__(self, uri: str) -> None:
        self.uri = uri
        super().__init__(f"Neo4j does not answer at {uri}; start it with `netkart db start`")


def check_reachable(uri: str, timeout: float = CONNECT_TIMEOUT) -> None:
    """Raise :class:`DatabaseUnavailable` unless ``uri``'s host accepts a TCP connection in ``timeout`` s."""
    parts = urlsplit(uri)
    try:
        with socket.create_connection((parts.hostname or "localhost", parts.port or _DEFAULT_BOLT_PORT), timeout):
            pass
    except OSError:
        raise DatabaseUnavailable(uri) from None


def _import_driver() -> None:
    """Import the driver without pandas, unless something imported pandas already.

    At import, the driver imports pandas (when installed) for one purpose: to accept pandas
    values as query parameters. netkart never passes any, and pandas is a third of a
    command's start-up, so the driver is imported with pandas hidden; ``import pandas`` works
    as usual afterwards. A pandas value given as a parameter is then a ``TypeError``, not a
    wrong answer.
    """
    if "neo4j" in sys.modules or "pandas" in sys.modules:
        return
    sys.modules["pandas"] = None  # `import pandas` raises ImportError while this holds
    try:
        import neo4j  # noqa: F401
    finally:
        del sys.modules["pandas"]


def open_driver(settings: Settings) -> Driver:
    """A new driver for ``settings``; the caller closes it."""
    _import_driver()
    from neo4j import GraphDatabase

    return GraphDatabase.driver(settings.uri, auth=settings.auth)


@cache
def get_driver() -> Driver:
    """The process-wide driver for :func:`netkart.settings.load_settings`, closed at exit.

    Raises
    ------
    DatabaseUnavailable
        When the server does not accept a connection (checked once, with a short timeout).
    """
    settings = load_settings()
    check_reachable(settings.uri)
    driver = open_driver(settings)
    atexit.register(driver.close)
    return driver
