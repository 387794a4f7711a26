"""Serve the dashboard on waitress, a production WSGI server, and say who may write through it.

Flask's own server is for development: it warns so on every start, and it was never meant
for a room of users. :func:`serve` runs the same Flask application on waitress with a pool of
``threads`` worker threads; Dash callbacks are plain WSGI requests, so nothing else changes.

The Import page (:mod:`dashboard.pages.imports`) writes to the database. It is open only when
the server listens on this machine alone or asks for a login (issue 12 item 9):
:func:`write_refusal` says why it is closed otherwise. The address the server listens on is
kept in the Flask application's config by :func:`serve`, so the page reads it per request.
This module imports neither Dash nor waitress at import time: ``netkart --help`` reads its
defaults.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dash import Dash

__all__ = ["BIND_HOST", "DEFAULT_THREADS", "LOOPBACK_HOSTS", "login_required", "serve", "write_refusal"]

#: Worker threads of the WSGI server: callbacks running at once. A callback mostly waits on
#: Neo4j or on numpy, which release the GIL, so a few per core pay off.
DEFAULT_THREADS = 8

#: Flask config key holding the address :func:`serve` bound.
BIND_HOST = "NETKART_BIND_HOST"

#: Addresses that only this machine can reach.
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


def serve(app: Dash, *, host: str, port: int, threads: int = DEFAULT_THREADS) -> None:
    """Serve ``app`` on ``host``:``port`` with ``threads`` worker threads until interrupted."""
    import waitress

    app.server.config[BIND_HOST] = host
    waitress.serve(app.server, host=host, port=port, threads=threads)


def login_required() -> bool:
    """Whether the dashboard asks for HTTP basic auth.

    :func:`dashboard.app.create_app` refuses to start with only one of the two variables
    set, so in a running dashboard both are set or neither.
    """
    return bool(os.environ.get("NETKART_DASH_USER")) and bool(os.environ.get("NETKART_DASH_PASSWORD"))


def write_refusal() -> str | None:
    """The address the server listens on when pages must not write to the database, ``None``
    when they may.

    Called in a request. They may when the server listens on a loopback address or asks for a
    login; otherwise anyone who reaches the port could load or replace a round. A server not
    started by :func:`serve` (its address unknown) is refused too.
    """
    from flask import current_app

    host = current_app.config.get(BIND_HOST)
    if host in LOOPBACK_HOSTS or login_required():
        return None
    return str(host) if host else "?"
