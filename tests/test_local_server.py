"""The project's own Neo4j server: idempotent start, clean stop, data that survives a restart.

Runs a second local server with its own home folder and ports, so the session's server (which
every other test uses) is not disturbed. Takes about a minute: two cold starts of Neo4j.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import GraphDatabase

from netkart.server.local import LocalServer, ServerError
from netkart.settings import Settings


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def own_settings(password: str) -> Settings:
    """Settings of a second local server on free ports (the reliability trials use them too)."""
    bolt, http = free_port(), free_port()
    return Settings(
        uri=f"bolt://127.0.0.1:{bolt}",
        user="neo4j",
        password=password,
        database="neo4j",
        bolt_port=bolt,
        http_port=http,
        external=False,
    )


@pytest.fixture
def own_server(tmp_path: Path, neo4j_settings: Settings) -> Iterator[LocalServer]:
    server = LocalServer(own_settings("lifecycle-test-pw"), home=tmp_path / ".netkart" / "neo4j")
    yield server
    server.stop()


def _netkart(server: LocalServer, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env.update(
        NETKART_HOME=str(server.home.parent.parent),
        NETKART_BOLT_PORT=str(server.settings.bolt_port),
        NETKART_HTTP_PORT=str(server.settings.http_port),
        NEO4J_PASSWORD=server.settings.password,
    )
    return subprocess.run(
        [sys.executable, "-m", "netkart.cli", *args], env=env, capture_output=True, text=True, check=False
    )


def test_start_is_idempotent_and_data_survives_stop_start(own_server: LocalServer) -> None:
    first = _netkart(own_server, "db", "start")
    assert first.returncode == 0, first.stderr
    assert "is running on" in first.stdout
    second = _netkart(own_server, "db", "start")
    assert "already running" in second.stdout

    status = _netkart(own_server, "db", "status")
    assert status.returncode == 0
    assert f"bolt://127.0.0.1:{own_server.settings.bolt_port}" in status.stdout
    assert "Neo4j 5.26" in status.stdout and "GDS 2." in status.stdout

    with GraphDatabase.driver(own_server.bolt_uri, auth=own_server.settings.auth) as driver:
        driver.execute_query("CREATE (:Municipality {name: 'Sæterdal'})")
        # Neo4j Browser on the local server sends no usage data: the graph holds personal data.
        telemetry, _, _ = driver.execute_query(
            "SHOW SETTINGS YIELD name, value WHERE name = 'client.allow_telemetry' RETURN value"
        )
    assert [r["value"] for r in telemetry] == ["false"]
    assert "Neo4j stopped." in _netkart(own_server, "db", "stop").stdout
    assert _netkart(own_server, "db", "status").returncode == 3
    assert _netkart(own_server, "db", "start").returncode == 0
    with GraphDatabase.driver(own_server.bolt_uri, auth=own_server.settings.auth) as driver:
        records, _, _ = driver.execute_query("MATCH (m:Municipality) RETURN m.name AS name")
    assert [r["name"] for r in records] == ["Sæterdal"]


def test_port_taken_is_a_clear_error(own_server: LocalServer) -> None:
    with socket.socket() as blocker:
        blocker.bind(("127.0.0.1", own_server.settings.bolt_port))
        blocker.listen()
        with pytest.raises(ServerError, match=f"port {own_server.settings.bolt_port} on 127.0.0.1 is taken"):
            own_server.start()
    assert own_server.pid() is None


def test_stop_when_not_running_says_so(own_server: LocalServer) -> None:
    assert own_server.stop() is False
