"""The one door analyst Cypher goes through: checked, read-only, and leaving nothing behind.

A read-only transaction stops Cypher writes, but not the Graph Data Science catalogue: a
projection outlives the transaction, ``gds.graph.export`` creates a database, and ``mutate``
and ``write`` modes change the in-memory graph or the store (issue 13 item 2). So every
analyst query, named or ad hoc, is checked before it runs (:func:`check`) and run by
:func:`run_read`:

- GDS calls are limited to read-only ones: ``stream`` and ``stats`` modes, ``gds.util.*``,
  ``gds.similarity.*``, ``gds.version``, ``gds.list``, ``gds.graph.list`` and ``exists``,
  and the ``gds.graph.*.stream`` readers. Catalogue writes (``gds.graph.project.cypher``,
  ``filter``, ``generate``, ``sample``), ``export``, ``mutate``, ``write``, models and
  pipelines are refused with a message naming the call.
- A projection must be named ``'netkart-' + randomUUID()``. :func:`run_read` binds each such
  name to a parameter with a name it chose, so it knows every projection a query makes and
  drops them afterwards, also when the query fails half-way.
- ``gds.graph.drop`` may drop only ``netkart-*`` projections: the query's own (``g.graphName``
  of its projection ``g``), a ``'netkart-…'`` literal, or a variable the query filters with
  ``STARTS WITH 'netkart-'``.
- ``LOAD CSV`` (reads the server's files or any URL), ``dbms.*`` and APOC are refused.

The local server adds a second layer: it loads only the procedures netkart needs
(:data:`PROCEDURE_ALLOWLIST`, ``dbms.security.procedures.allowlist``), so ``export``,
``mutate`` and ``write`` procedures do not exist there at all.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from typing import Any

from neo4j import READ_ACCESS, Driver, ManagedTransaction
from neo4j.exceptions import DriverError, Neo4jError

__all__ = [
    "PROCEDURE_ALLOWLIST",
    "PROJECTION_PREFIX",
    "QueryRefused",
    "bind_projections",
    "check",
    "drop_projections",
    "drop_stale_projections",
    "run_read",
]

#: Projections netkart's queries make are named ``PROJECTION_PREFIX + uuid``.
PROJECTION_PREFIX = "netkart-"

#: ``dbms.security.procedures.allowlist`` of the local server: the GDS procedures and
#: functions the query library uses, plus read-only ones an analyst may add (stream and stats
#: modes, utilities). Built-in procedures are not affected by the setting.
PROCEDURE_ALLOWLIST = (
    "gds.graph.project",
    "gds.graph.drop",
    "gds.graph.list",
    "gds.graph.exists",
    "gds.version",
    "gds.list",
    "gds.util.*",
    "gds.similarity.*",
    "gds.*.stream",
    "gds.*.stats",
)

_PROJECTION_NAME = re.compile(r"'netkart-'\s*\+\s*randomUUID\(\s*\)", re.IGNORECASE)
_BOUND_PREFIX = "netkart_projection_"
_COMMENT = re.compile(r"//[^\n]*|/\*.*?\*/", re.DOTALL)
_STRING = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"", re.DOTALL)
_DOT = re.compile(r"\s*\.\s*")
_CALLABLE = re.compile(r"\b([a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)+)\s*(?:\(|$|\s+yield\b|\s*;)", re.MULTILINE)
_CALLED = re.compile(r"\bcall\s+([a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)+)")
_REFUSED_SEGMENTS = {"mutate", "write", "export", "model", "pipeline", "backup", "restore", "config", "debug"}
_GDS_READERS = {"gds.graph.project", "gds.graph.drop", "gds.graph.list", "gds.graph.exists", "gds.version", "gds.list"}
_GRAPH_READERS = re.compile(r"^gds\.(?:beta\.|alpha\.)?graph\.[a-z]+(?:\.[a-z]+)?\.stream$")


class QueryRefused(ValueError):
    """The query could change or leave something on the server; the message says what."""


def _normalise(text: str) -> str:
    """Lower-case text without comments, string contents and backticks, dots closed up."""
    text = _COMMENT.sub(" ", text)
    text = _STRING.sub("''", text)
    return _DOT.sub(".", text.replace("`", "")).lower()


def _gds_refusal(name: str) -> str | None:
    """Why the GDS call ``name`` (lower case) is refused, or ``None`` when it reads only."""
    segments = name.split(".")
    if _REFUSED_SEGMENTS & set(segments):
        return "it writes to the database, the GDS catalogue or a file"
    if name in _GDS_READERS or _GRAPH_READERS.match(name):
        return None
    if segments[1] == "graph" or "graph" in segments[1:3]:
        return "it creates or changes a graph in the GDS catalogue"
    if segments[-1] in {"stream", "stats"} or segments[1] in {"util", "similarity"}:
        return None
    return "only read-only GDS calls (stream and stats modes, gds.util, gds.similarity) may run"


def _check_drops(text: str, normalised: str) -> None:
    """Every ``gds.graph.drop`` must name a netkart projection (see the module docstring)."""
    source = _DOT.sub(".", _COMMENT.sub(" ", text).replace("`", ""))
    for match in re.finditer(r"gds\.graph\.drop\s*\(\s*([^,)]*)", source, re.IGNORECASE):
        argument = match.group(1).strip()
        if argument.startswith(("'", '"')):
            if argument[1:].startswith(PROJECTION_PREFIX):
                continue
        elif argument.startswith("$"):
            if argument[1:].startswith(_BOUND_PREFIX):
                continue
        else:
            variable, _, field = argument.partition(".")
            variable = variable.lower()
            projected = re.search(rf"gds\.graph\.project\(.*\)\s+as\s+{re.escape(variable)}\b", normalised, re.DOTALL)
            if field.lower() == "graphname" and projected:
                continue
            if re.search(rf"\b{re.escape(argument.lower())}\s+starts\s+with\s+'netkart-'", source.lower()):
                continue
        raise QueryRefused(
            f"gds.graph.drop({argument}) may drop a graph netkart did not make; analyst queries may drop "
            f"only their own projections or '{PROJECTION_PREFIX}*' leftovers"
        )


def check(text: str) -> None:
    """Refuse ``text`` when it could persist anything or read outside the database.

    Raises
    ------
    QueryRefused
        Naming the call or clause, and why.
    """
    normalised = _normalise(text)
    if re.search(r"\bload\s+csv\b", normalised):
        raise QueryRefused("LOAD CSV is not allowed in analyst queries: it reads files and URLs from the server")
    names = set(_CALLABLE.findall(normalised)) | set(_CALLED.findall(normalised))
    for name in sorted(names):
        if name.startswith(("dbms.", "apoc.")):
            raise QueryRefused(f"{name} is not allowed in analyst queries (server administration or APOC)")
        if name.startswith("gds."):
            reason = _gds_refusal(name)
            if reason:
                raise QueryRefused(f"{name} is not allowed in analyst queries: {reason}")
    projections = len(re.findall(r"gds\.graph\.project\s*\(", normalised))
    if projections != len(_PROJECTION_NAME.findall(_COMMENT.sub(" ", text))):
        raise QueryRefused(
            "gds.graph.project must name its graph 'netkart-' + randomUUID(), so that netkart can drop it afterwards"
        )
    _check_drops(text, normalised)


def bind_projections(text: str) -> tuple[str, dict[str, str]]:
    """``text`` with each ``'netkart-' + randomUUID()`` replaced by a parameter, and its values.

    The names are fresh ``netkart-<uuid>`` strings, so the caller knows which projections the
    query makes and can drop them whatever happens.
    """
    names: dict[str, str] = {}

    def bind(_: re.Match[str]) -> str:
        key = f"{_BOUND_PREFIX}{len(names)}"
        names[key] = f"{PROJECTION_PREFIX}{uuid.uuid4()}"
        return f"${key}"

    return _PROJECTION_NAME.sub(bind, _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)), names


def _graph_names(driver: Driver, text: str, database: str | None, **parameters: Any) -> list[str]:
    """``graphName`` of each row of the catalogue statement ``text``; none when it cannot run."""
    try:
        records, _, _ = driver.execute_query(text, parameters, database_=database, routing_="r")
    except (Neo4jError, DriverError):
        return []  # the server is gone (and its catalogue with it) or has no GDS
    return [r["graphName"] for r in records]


def drop_projections(driver: Driver, names: list[str], *, database: str | None = None) -> list[str]:
    """Drop the named GDS graphs that exist; returns those dropped. Quiet when GDS is absent."""
    if not names:
        return []
    drop = "UNWIND $names AS name CALL gds.graph.drop(name, false) YIELD graphName RETURN graphName"
    return _graph_names(driver, drop, database, names=names)


def drop_stale_projections(driver: Driver, *, database: str | None = None) -> list[str]:
    """Drop every ``netkart-*`` projection (``netkart db start``); returns their names.

    A query cut off between projecting and dropping (the client killed, a Browser tab closed)
    leaves its graph in the catalogue until the server restarts. A graph query running at
    this moment loses its projection and fails; ``db start`` is rare enough for that.
    """
    listed = "CALL gds.graph.list() YIELD graphName WHERE graphName STARTS WITH $prefix RETURN graphName"
    return drop_projections(driver, _graph_names(driver, listed, database, prefix=PROJECTION_PREFIX), database=database)


def run_read(
    driver: Driver, text: str, parameters: Mapping[str, Any] | None = None, *, database: str | None = None
) -> list[dict[str, Any]]:
    """Check ``text``, run it in a **read-only** transaction, and drop its projections.

    The session is opened in read access mode, so a Cypher write fails on the server
    (``Neo.ClientError.Statement.AccessMode``) instead of changing anything. Server
    notifications are off: the library's usual one, "property key does not exist" for an
    optional property no loaded round uses yet (``unit``, ``role``), would otherwise be
    logged as a warning on every call.

    Raises
    ------
    QueryRefused
        :func:`check` refused the query; nothing ran.
    """
    check(text)
    bound_text, names = bind_projections(text)
    values = {**(parameters or {}), **names}

    def read(tx: ManagedTransaction) -> list[dict[str, Any]]:
        return [record.data() for record in tx.run(bound_text, values)]

    try:
        with driver.session(
            database=database, default_access_mode=READ_ACCESS, notifications_min_severity="OFF"
        ) as session:
            return session.execute_read(read)
    finally:
        # A query that projects drops its graph itself; this catches the ones cut off between.
        drop_projections(driver, list(names.values()), database=database)
