"""Named Cypher: the schema, the analysts' query library and the statements ingest writes with.

Layout:

- ``schema.cypher``: constraints and indexes, applied by :func:`apply_schema` (``netkart db init``).
- ``queries/NAME.cypher``: one named, read-only analyst query per file, opening with a title
  comment and a ``:params {...}`` block so it can be pasted into Neo4j Browser as it is.
- ``write/NAME.cypher``: the parameterised statements the ingest pillar writes with.

Every statement takes its inputs as ``$parameters``; none is built from user input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the driver is imported where a query runs, so `netkart --help` stays fast
    from neo4j import Driver

__all__ = [
    "NamedQuery",
    "apply_schema",
    "list_queries",
    "load_query",
    "parse_query",
    "run_cypher",
    "run_query",
    "schema_statements",
    "statement",
]

_PARAM_BLOCK = re.compile(r"^:params?\s*(\{.*?\})\s*;?\s*$", re.MULTILINE | re.DOTALL)
_PARAM_NAME = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


def _read(relative: str) -> str:
    return resources.files(__name__).joinpath(relative).read_text(encoding="utf-8")


def _strip_comments(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))


def schema_statements() -> list[str]:
    """The statements of ``schema.cypher``, in order, without comments."""
    body = _strip_comments(_read("schema.cypher"))
    return [part.strip() for part in body.split(";") if part.strip()]


def apply_schema(driver: Driver, *, database: str | None = None) -> int:
    """Apply ``schema.cypher`` and return the number of statements.

    Every statement is ``IF NOT EXISTS``, so applying it again changes nothing.
    """
    statements = schema_statements()
    for text in statements:
        driver.execute_query(text, database_=database)
    return len(statements)


@cache
def statement(name: str) -> str:
    """The body of ``write/NAME.cypher``, without comments."""
    return _strip_comments(_read(f"write/{name}.cypher")).strip()


@dataclass(frozen=True)
class NamedQuery:
    """A query of the analysts' library.

    ``title`` is the file's first comment line, ``description`` the rest of its opening
    comment, ``example`` the ``:param`` block's text and ``parameters`` the ``$names`` the
    body uses, in order of first use.
    """

    name: str
    title: str
    description: str
    example: str
    parameters: tuple[str, ...]
    text: str


def parse_query(name: str, source: str) -> NamedQuery:
    """A query file's text (title comment, ``:params`` block, body) as a :class:`NamedQuery`.

    Used for the library's files and for an analyst's own file or ``-e`` text alike.
    """
    header: list[str] = []
    for line in source.splitlines():
        if not line.lstrip().startswith("//"):
            break
        header.append(line.lstrip()[2:].strip())
    example_match = _PARAM_BLOCK.search(source)
    body = _strip_comments(_PARAM_BLOCK.sub("", source)).strip().rstrip(";").strip()
    parameters = tuple(dict.fromkeys(_PARAM_NAME.findall(body)))
    return NamedQuery(
        name=name,
        title=header[0] if header else name,
        description="\n".join(header[1:]).strip(),
        example=example_match.group(1) if example_match else "{}",
        parameters=parameters,
        text=body,
    )


def _queries_folder() -> Path:
    return Path(str(resources.files(__name__).joinpath("queries")))


@lru_cache(maxsize=1)
def _parse_folder(stamp: tuple[tuple[str, int], ...]) -> tuple[NamedQuery, ...]:
    folder = _queries_folder()
    return tuple(parse_query(name, (folder / f"{name}.cypher").read_text(encoding="utf-8")) for name, _ in stamp)


def list_queries() -> tuple[NamedQuery, ...]:
    """Every query of ``queries/``, sorted by name.

    The folder is listed on every call and the files parsed again only when a file was added,
    removed or changed (keyed on names and modification times), so a running dashboard sees a
    new query file without a restart.
    """
    files = sorted(p for p in _queries_folder().iterdir() if p.name.endswith(".cypher"))
    return _parse_folder(tuple((p.name[: -len(".cypher")], p.stat().st_mtime_ns) for p in files))


def load_query(name: str) -> NamedQuery:
    """The named query ``name``; ``KeyError`` lists the known names when there is none."""
    for query in list_queries():
        if query.name == name:
            return query
    known = ", ".join(q.name for q in list_queries())
    raise KeyError(f"no query named {name!r}; known queries: {known}")


def run_query(
    driver: Driver, name: str, parameters: dict[str, Any] | None = None, *, database: str | None = None
) -> list[dict[str, Any]]:
    """Run the named query ``name`` read-only (:func:`run_cypher`) and return its rows as dicts."""
    return run_cypher(driver, load_query(name), parameters, database=database)


def run_cypher(
    driver: Driver, query: NamedQuery, parameters: dict[str, Any] | None = None, *, database: str | None = None
) -> list[dict[str, Any]]:
    """Run ``query`` in a **read-only** transaction and return its rows as dicts.

    The session is opened in read access mode, so a write inside the query fails on the
    server (``Neo.ClientError.Statement.AccessMode``) instead of changing anything.
    Server notifications are off: the library's queries are fixed and tested, and their
    usual notification, "property key does not exist" for an optional property no loaded
    round uses yet (``unit``, ``role``), would otherwise be logged as a warning on every call.
    :func:`cypher.guard.run_read` checks the query first and drops its projections after.
    """
    from cypher import guard  # imports the driver: only where a query runs

    missing = [p for p in query.parameters if p not in (parameters or {})]
    if missing:
        raise ValueError(f"query {query.name!r} needs parameter(s): {', '.join(missing)}")
    return guard.run_read(driver, query.text, parameters, database=database)
