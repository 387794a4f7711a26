"""The ``netkart`` command: ``db`` here, the other subcommands registered by their pillars."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

import analytics.cli
import dashboard.cli
import ingest.cli
import report.cli
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
    if server.start():
        print(f"Neo4j is running on {server.bolt_uri} (pid {server.pid()}).")
    else:
        print(f"Neo4j is already running on {server.bolt_uri} (pid {server.pid()}).")
    print(f"Applied {apply_schema()} schema statements.")
    return 0


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
    report.cli.register(subparsers)
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
