"""Test fixtures: one real Neo4j server for the whole session.

Which server, in order: the one ``NEO4J_URI`` names; else a testcontainers Neo4j when a
Docker daemon answers; else a local server of the project's own, kept for the tests (started
here if it is not running, and stopped again at the end if this session started it). The
chosen server's address and credentials are exported to ``NEO4J_*`` so that code under test,
in-process or in a subprocess, talks to the same server.

The tests empty the database and stop and start the server, so they never use the local
server that holds the user's data (``make demo``, real survey rounds): theirs lives in
``.netkart/test-server`` and listens on ports 7688 and 7475 (``NETKART_TEST_BOLT_PORT`` and
``NETKART_TEST_HTTP_PORT`` change them). Only ``NEO4J_URI`` points the tests at another server.

Isolation: ``clean_db`` empties the database before a test. Tests that share loaded data
across a module use a module-scoped fixture that cleans once and loads once.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from neo4j import Driver

from cypher import apply_schema
from netkart.connection import open_driver
from netkart.server.local import LocalServer
from netkart.settings import Settings, load_settings

#: The browser tests' fixtures (the demo, the served dashboard, a browser).
pytest_plugins = ("support.browser_fixtures",)

if "NEO4J_URI" not in os.environ:
    # Set before any settings are read, so that every in-process and subprocess use follows.
    os.environ["NETKART_HOME"] = str(Path(__file__).resolve().parents[1] / ".netkart" / "test-server")
    os.environ["NETKART_BOLT_PORT"] = os.environ.get("NETKART_TEST_BOLT_PORT", "7688")
    os.environ["NETKART_HTTP_PORT"] = os.environ.get("NETKART_TEST_HTTP_PORT", "7475")


def _docker_answers() -> bool:
    try:
        import docker  # testcontainers' own client

        return bool(docker.from_env(timeout=3).ping())
    except Exception:  # any failure means "no usable daemon": fall back, never fail the suite
        return False


def _export(settings: Settings) -> None:
    os.environ.update(
        {
            "NEO4J_URI": settings.uri,
            "NEO4J_USER": settings.user,
            "NEO4J_PASSWORD": settings.password,
            "NEO4J_DATABASE": settings.database,
        }
    )


@pytest.fixture(scope="session")
def neo4j_settings() -> Iterator[Settings]:
    settings = load_settings()
    if settings.external:
        yield settings
        return
    if _docker_answers():
        from testcontainers.community.neo4j import Neo4jContainer

        with Neo4jContainer("neo4j:5.26-community", password=settings.password).with_env(
            "NEO4J_PLUGINS", '["graph-data-science"]'
        ) as container:
            chosen = replace(settings, uri=container.get_connection_url(), external=True)
            _export(chosen)
            yield chosen
        return
    server = LocalServer(settings)
    started = server.start()
    _export(settings)
    yield settings
    if started:
        server.stop()


@pytest.fixture(scope="session")
def driver(neo4j_settings: Settings) -> Iterator[Driver]:
    with open_driver(neo4j_settings) as session_driver:
        apply_schema(session_driver, database=neo4j_settings.database)
        yield session_driver


def wipe(driver: Driver) -> None:
    """Delete every node and relationship (the schema stays).

    ``IN TRANSACTIONS`` needs an auto-commit transaction, hence ``session.run``.
    """
    with driver.session() as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()


@pytest.fixture
def clean_db(driver: Driver) -> Driver:
    """The session's driver, with the database emptied before the test."""
    wipe(driver)
    return driver
