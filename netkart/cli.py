"""The ``netkart`` command: ``db`` here, the other subcommands registered by their pillars."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

import analytics.cli
import dashboard.cli
import ingest.cli
from cypher import schema_statements
from netkart.connection import get_driver
from netkart.server.local import LocalServer, ServerError, server_versions
from netkart.settings import load_settings

__all__ = ["main"]

Handler = Callable[[argparse.Namespace], int]


def apply_schema() -> int:
    """Apply ``cypher/schema.cypher``; every statement is IF NOT EXISTS, so this is idempotent."""
    driver = get_driver()
    database = load_settings().database
    statements = schema_statements()
    for text in statements:
        driver.execute_query(text, database_=database)
    return len(statements)


def _db_start(_: argparse.Namespace) -> int:
    server = LocalServer()
    if server.settings.external:
        print(f"NEO4J_URI is set ({server.settings.uri}): netkart does not manage that server.")
        return 0
    print(f"Starting Neo4j on {server.bolt_uri} (first start fetches jars with Maven) ...", flush=True)
    started = server.start()
    for note in server.recovered:
        print(f"Recovered after a crash: {note}.")
    state = "is running" if started else "is already running"
    print(f"Neo4j {state} on {server.bolt_uri} (pid {server.pid()}).")
    print(f"Applied {apply_schema()} schema statements.")
    _drop_stale_projections()
    return 0


def _drop_stale_projections() -> None:
    """Drop ``netkart-*`` GDS projections a query cut off half-way left behind (issue 13 item 2)."""
    from cypher.guard import drop_stale_projections

    dropped = drop_stale_projections(get_driver(), database=load_settings().database)
    if dropped:
        print(f"Dropped {len(dropped)} leftover GDS projection(s): {', '.join(dropped)}.")


def _db_stop(_: argparse.Namespace) -> int:
    server = LocalServer()
    print("Neo4j stopped." if server.stop() else "Neo4j was not running.")
    return 0


def _db_status(_: argparse.Namespace) -> int:
    settings = load_settings()
    if settings.external:
        neo4j_version, gds_version = server_versions(settings.uri, settings.auth)
        if neo4j_version is None:
            print(f"NEO4J_URI is set, but {settings.uri} does not answer with the configured credentials.")
            return 3
        print(f"Neo4j {neo4j_version} answers on {settings.uri} (external); GDS {gds_version or 'not available'}.")
        return 0
    status = LocalServer(settings).status()
    if not status.running:
        print(f"Neo4j is not running (would listen on {status.bolt_uri}).")
        return 3
    if status.neo4j_version is None:
        print(
            f"Neo4j runs on {status.bolt_uri} (pid {status.pid}) but does not accept the configured user and "
            "password (NEO4J_USER / NEO4J_PASSWORD, or NEO4J_PASSWORD in .env)",
            file=sys.stderr,
        )
        return 3
    gds = status.gds_version or "not available"
    print(f"Neo4j {status.neo4j_version} is running on {status.bolt_uri} (pid {status.pid}); GDS {gds}.")
    return 0


def _db_init(_: argparse.Namespace) -> int:
    print(f"Applied {apply_schema()} schema statements (constraints and indexes).")
    return 0


def _register_db(subparsers: argparse._SubParsersAction) -> None:
    db = subparsers.add_parser("db", help="run the local Neo4j server and apply the schema")
    actions = db.add_subparsers(dest="db_command", required=True)
    for name, handler, text in (
        ("start", _db_start, "start the local server (idempotent) and apply the schema"),
        ("stop", _db_stop, "stop the local server cleanly"),
        ("status", _db_status, "say whether it runs, its Bolt URI and Neo4j/GDS versions"),
        ("init", _db_init, "apply cypher/schema.cypher (constraints and indexes)"),
    ):
        actions.add_parser(name, help=text).set_defaults(handler=handler)
    _register_backup(actions)


def _db_backup(args: argparse.Namespace) -> int:
    from netkart.backup import backup

    print("Stopping Neo4j for the dump (Community dumps a stopped database) ...", flush=True)
    path = backup(LocalServer(), args.out)
    print(f"Backed up the database to {path} ({path.stat().st_size} bytes).")
    return 0


def _db_restore(args: argparse.Namespace) -> int:
    from netkart.backup import restore

    if not args.yes:
        print(
            f"netkart db restore: this replaces everything the database holds with {args.file}; "
            "run again with --yes to do it",
            file=sys.stderr,
        )
        return 2
    print("Stopping Neo4j for the load ...", flush=True)
    restore(LocalServer(), args.file)
    print(f"Restored the database from {args.file}.")
    return 0


def _register_backup(actions: argparse._SubParsersAction) -> None:
    """``db backup`` and ``db restore`` (issue 13 item 6; docs/reliability.md)."""
    from pathlib import Path

    backup = actions.add_parser("backup", help="dump the local database to a file (stops and restarts the server)")
    backup.add_argument("--out", type=Path, help="dump file (default .netkart/backups/neo4j-<time>.dump)")
    backup.set_defaults(handler=_db_backup)
    restore = actions.add_parser("restore", help="replace the local database with a dump (stops and restarts)")
    restore.add_argument("file", type=Path, help="a dump written by `netkart db backup`")
    restore.add_argument("--yes", action="store_true", help="really replace the database")
    restore.set_defaults(handler=_db_restore)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="netkart",
        description="Social network analysis of coordination in municipal social-housing work, on Neo4j.",
        epilog="Quick start: netkart db start && netkart demo && netkart serve. See README.md.",
    )
    subparsers = parser.add_subparsers(dest="command", required=True)
    _register_db(subparsers)
    ingest.cli.register(subparsers)
    analytics.cli.register(subparsers)
    dashboard.cli.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler: Handler = args.handler
    try:
        return handler(args)
    except ServerError as error:
        print(f"netkart: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
