"""Backups of the local server's database with Neo4j's own dump and load (``neo4j-admin``).

Neo4j Community can dump or load a database only while it is stopped, so :func:`backup` and
:func:`restore` stop the local server, run ``neo4j-admin database dump|load`` from the jars
``netkart db start`` assembled (``org.neo4j.cli.AdminTool``), and start the server again
when it was running. A dump is one file holding the whole database (every municipality,
the schema included); restoring it replaces what the database holds.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from netkart.server.local import LocalServer, ServerError
from netkart.settings import project_home

__all__ = ["backup", "default_backup_path", "restore"]


def default_backup_path() -> Path:
    """``<project>/.netkart/backups/neo4j-<UTC time>.dump``."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    return project_home() / ".netkart" / "backups" / f"neo4j-{stamp}.dump"


def _admin(server: LocalServer, *args: str) -> None:
    java = shutil.which("java")
    if java is None:
        raise ServerError("Java is not on PATH; neo4j-admin needs it")
    conf_dir = server.write_config()
    command = [java, "-Xmx512m", "-cp", f"{server.lib_dir}/*", "org.neo4j.cli.AdminTool", *args]
    env = {**os.environ, "NEO4J_HOME": str(server.home), "NEO4J_CONF": str(conf_dir)}
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-10:])
        raise ServerError(f"neo4j-admin {' '.join(args[:2])} failed (exit {done.returncode}):\n{tail}")


def _stopped(server: LocalServer) -> bool:
    """Stop the server for the admin tool; whether it was running (to start it again)."""
    if server.settings.external:
        raise ServerError("NEO4J_URI is set: back up that server with its own tools (neo4j-admin, Aura snapshots)")
    server.install()
    return server.stop()


def backup(server: LocalServer, out: Path | None = None) -> Path:
    """Dump the server's database to ``out`` (default :func:`default_backup_path`); returns it."""
    target = (out or default_backup_path()).resolve()
    if target.exists():
        raise ServerError(f"{target} exists; choose another --out or remove it")
    target.parent.mkdir(parents=True, exist_ok=True)
    was_running = _stopped(server)
    try:
        with tempfile.TemporaryDirectory(dir=target.parent) as folder:
            _admin(server, "database", "dump", server.settings.database, f"--to-path={folder}")
            (Path(folder) / f"{server.settings.database}.dump").rename(target)
    finally:
        if was_running:
            server.start()
    return target


def restore(server: LocalServer, dump: Path) -> None:
    """Replace the server's database with the dump ``dump``; starts the server afterwards."""
    dump = dump.resolve()
    if not dump.is_file():
        raise ServerError(f"{dump} is not a file; name a dump written by `netkart db backup`")
    was_running = _stopped(server)
    try:
        with tempfile.TemporaryDirectory() as folder:
            # neo4j-admin loads <database>.dump from a folder
            shutil.copyfile(dump, Path(folder) / f"{server.settings.database}.dump")
            _admin(
                server,
                "database",
                "load",
                server.settings.database,
                f"--from-path={folder}",
                "--overwrite-destination=true",
            )
    finally:
        if was_running:
            server.start()
