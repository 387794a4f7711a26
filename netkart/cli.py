"""The ``netkart`` command: ``db`` and ``audit`` here, the other subcommands registered by their pillars.

``report`` is wrapped here to record its audit event once it succeeded (docs/privacy.md); the
report pillar itself only reads.

One error policy for every command (:func:`main`):

- a user error (a bad argument, an unknown municipality, round or parameter, invalid survey
  files, a query Neo4j rejects) prints one ``netkart COMMAND: ...`` message on stderr and exits
  with status 2;
- an unreachable database exits with status 3 within about two seconds, saying
  "Neo4j does not answer at <uri>; start it with `netkart db start`";
- nothing ever prints a traceback (``NETKART_DEBUG=1`` shows one for an unexpected failure,
  which exits with status 1).

Parsing the command line imports no driver, pandas, networkx or Dash: the pillars register
their subcommands with modules that import their work lazily, so ``netkart --help`` is fast.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

import analytics.cli
import dashboard.cli
import ingest.cli
import report.cli
from netkart.confirm import confirm
from netkart.connection import DatabaseUnavailable, check_reachable, get_driver
from netkart.settings import load_settings

__all__ = ["EXIT_UNAVAILABLE", "EXIT_USER_ERROR", "GC_FIRST_THRESHOLD", "main", "run"]

Handler = Callable[[argparse.Namespace], int]

#: Exit status of a user error (bad input) and of a database that does not answer.
EXIT_USER_ERROR = 2
EXIT_UNAVAILABLE = 3

#: Allocations between two runs of the cyclic garbage collector's youngest generation in a
#: ``netkart`` process (CPython's default is 700); see :func:`run`.
GC_FIRST_THRESHOLD = 50_000


def _apply_schema() -> int:
    from cypher import apply_schema

    return apply_schema(get_driver(), database=load_settings().database)


def _db_start(_: argparse.Namespace) -> int:
    from netkart.server.local import LocalServer

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
    print(f"Applied {_apply_schema()} schema statements.")
    _drop_stale_projections()
    return 0


def _drop_stale_projections() -> None:
    """Drop ``netkart-*`` GDS projections a query cut off half-way left behind (issue 13 item 2)."""
    from cypher.guard import drop_stale_projections

    dropped = drop_stale_projections(get_driver(), database=load_settings().database)
    if dropped:
        print(f"Dropped {len(dropped)} leftover GDS projection(s): {', '.join(dropped)}.")


def _db_stop(_: argparse.Namespace) -> int:
    from netkart.server.local import LocalServer

    server = LocalServer()
    print("Neo4j stopped." if server.stop() else "Neo4j was not running.")
    return 0


def _db_status(_: argparse.Namespace) -> int:
    settings = load_settings()
    if settings.external:
        check_reachable(settings.uri)
    from netkart.server.local import LocalServer, server_versions

    if settings.external:
        neo4j_version, gds_version = server_versions(settings.uri, settings.auth)
        if neo4j_version is None:
            print(f"NEO4J_URI is set, but {settings.uri} does not answer with the configured credentials.")
            return EXIT_UNAVAILABLE
        print(f"Neo4j {neo4j_version} answers on {settings.uri} (external); GDS {gds_version or 'not available'}.")
        return 0
    status = LocalServer(settings).status()
    if not status.running:
        print(f"Neo4j is not running (would listen on {status.bolt_uri}).")
        return EXIT_UNAVAILABLE
    if status.neo4j_version is None:
        print(
            f"Neo4j runs on {status.bolt_uri} (pid {status.pid}) but does not accept the configured user and "
            "password (NEO4J_USER / NEO4J_PASSWORD, or NEO4J_PASSWORD in .env)",
            file=sys.stderr,
        )
        return EXIT_UNAVAILABLE
    gds = status.gds_version or "not available"
    print(f"Neo4j {status.neo4j_version} is running on {status.bolt_uri} (pid {status.pid}); GDS {gds}.")
    return 0


def _db_init(_: argparse.Namespace) -> int:
    print(f"Applied {_apply_schema()} schema statements (constraints and indexes).")
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
    from netkart.server.local import LocalServer

    print("Stopping Neo4j for the dump (Community dumps a stopped database) ...", flush=True)
    path = backup(LocalServer(), args.out)
    print(f"Backed up the database to {path} ({path.stat().st_size} bytes).")
    return 0


def _db_restore(args: argparse.Namespace) -> int:
    from netkart.backup import restore
    from netkart.server.local import LocalServer

    confirm(f"this replaces everything the database holds with {args.file}", yes=args.yes)
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
    restore.add_argument("--yes", action="store_true", help="really replace the database (without it, asks)")
    restore.set_defaults(handler=_db_restore)


def _audit(args: argparse.Namespace) -> int:
    """``netkart audit``: the audit log as a table or JSON, municipalities by label unless ``--show-names``."""
    from analytics.anonymise import municipality_labels
    from analytics.cli import format_rows
    from cypher.audit import read_events
    from cypher.params import read_catalogue

    driver, database = get_driver(), load_settings().database
    catalogue = read_catalogue(driver, database=database)
    events = read_events(driver, database=database)
    wanted = None
    if args.municipality is not None:
        logged = {name for event in events for name in (event.municipality or "").split(", ") if name}
        # A purged municipality is no longer in the catalogue, but its events are.
        wanted = args.municipality if args.municipality in logged else catalogue.municipality(args.municipality).name
    labels = municipality_labels(catalogue.municipalities)

    def shown(names: str | None) -> str | None:
        if names is None or args.show_names:
            return names
        return ", ".join(labels.get(name, "(removed)") for name in names.split(", "))

    rows = [
        {**vars(event), "municipality": shown(event.municipality)}
        for event in events
        if wanted is None or wanted in (event.municipality or "").split(", ")
    ]
    print(format_rows(rows, "json" if args.json else "table"))
    return 0


def _register_audit(subparsers: argparse._SubParsersAction) -> None:
    audit = subparsers.add_parser(
        "audit", help="list the audit log: loads, replaces, deletes, erasures, purges, exports, reports"
    )
    audit.add_argument("--municipality", help="only this municipality's events (name or alias letter)")
    audit.add_argument("--json", action="store_true", help="print a JSON array")
    audit.add_argument("--show-names", action="store_true", help="show municipality names instead of labels")
    audit.set_defaults(handler=_audit)


def _audited_report(handler: Handler) -> Handler:
    """``report`` with its AuditEvent: written after the report succeeded (the report pillar only reads)."""

    def run(args: argparse.Namespace) -> int:
        status = handler(args)
        if status == 0:
            from cypher import audit, statement
            from cypher.params import read_catalogue

            driver, database = get_driver(), load_settings().database
            catalogue = read_catalogue(driver, database=database)
            if args.gathering or not args.municipality:
                chosen = args.municipalities.split(",") if args.municipalities else None
                infos = [catalogue.municipality(v) for v in chosen] if chosen else catalogue.municipalities
                names, checksum = ", ".join(info.name for info in infos), None
            else:
                names = catalogue.municipality(args.municipality).name
                stamp, _, _ = driver.execute_query(
                    statement("round_checksum"), {"municipality": names, "round": args.round}, database_=database
                )
                checksum = stamp[0]["checksum"] if stamp else None
            audit.record(driver, "report", names, args.round, checksum, database=database)
        return status

    return run


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="netkart",
        description="Social network analysis of coordination in municipal social-housing work, on Neo4j.",
        epilog="Quick start: netkart db start && netkart demo && netkart serve. See README.md.",
    )
    subparsers = parser.add_subparsers(dest="command", required=True)
    _register_db(subparsers)
    ingest.cli.register(subparsers, pseudonyms=analytics.cli.person_pseudonyms)
    analytics.cli.register(subparsers)
    dashboard.cli.register(subparsers)
    report.cli.register(subparsers)
    reporting = subparsers.choices["report"]
    reporting.set_defaults(handler=_audited_report(reporting.get_default("handler")))
    _register_audit(subparsers)
    return parser


def _neo4j_failure(error: BaseException) -> tuple[int, str] | None:
    """Exit status and message for a driver error, ``None`` when ``error`` is not one."""
    if "neo4j" not in sys.modules:  # nothing talked to Neo4j, so this is not a driver error
        return None
    from neo4j.exceptions import AuthError, ClientError, Neo4jError, ServiceUnavailable, SessionExpired

    uri = load_settings().uri
    if isinstance(error, ServiceUnavailable | SessionExpired):
        return EXIT_UNAVAILABLE, str(DatabaseUnavailable(uri))
    if isinstance(error, AuthError):
        return EXIT_UNAVAILABLE, f"Neo4j at {uri} refused the credentials (NEO4J_USER, NEO4J_PASSWORD or .env)"
    if isinstance(error, ClientError) and error.code == "Neo.ClientError.Statement.AccessMode":
        return (
            EXIT_USER_ERROR,
            f"the query tried to write, but queries run read-only; nothing was changed ({error.message})",
        )
    if isinstance(error, ClientError):
        return EXIT_USER_ERROR, f"Neo4j refused the query: {error.code}: {error.message}"
    if isinstance(error, Neo4jError):
        return 1, f"Neo4j failed: {error.code}: {error.message}"
    return None


def _failure(error: BaseException) -> tuple[int, str]:
    """Exit status and one-line message for an exception a command raised."""
    if isinstance(error, DatabaseUnavailable):
        return EXIT_UNAVAILABLE, str(error)
    if isinstance(error, LookupError | ValueError):
        # A KeyError's str() is the repr of its message; its first argument is the text.
        return EXIT_USER_ERROR, str(error.args[0] if isinstance(error, KeyError) and error.args else error)
    if (known := _neo4j_failure(error)) is not None:
        return known
    if "netkart.server.local" in sys.modules:
        from netkart.server.local import ServerError

        if isinstance(error, ServerError):  # Java missing, a port taken: the message says what to do
            return EXIT_USER_ERROR, str(error)
    if isinstance(error, OSError):  # a file that cannot be read or written, a port in use
        return EXIT_USER_ERROR, str(error)
    return 1, f"unexpected {type(error).__name__}: {error} (NETKART_DEBUG=1 shows where)"


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler: Handler = args.handler
    command = " ".join(["netkart", args.command, *[v for k, v in vars(args).items() if k.endswith("_command")]])
    # The driver logs each retry and defunct connection as a warning; a command reports one line.
    logging.getLogger("neo4j").addHandler(logging.NullHandler())
    logging.getLogger("neo4j").propagate = False
    try:
        return handler(args)
    except BrokenPipeError:
        # The reader closed the pipe (`netkart query ... | head`): stop quietly, as Unix tools do;
        # stdout goes to /dev/null so that the interpreter's final flush does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # the policy: one line, never a traceback
        if os.environ.get("NETKART_DEBUG"):
            raise
        status, message = _failure(error)
        print(f"{command}: {message}", file=sys.stderr)
        return status


def run() -> NoReturn:
    """The ``netkart`` command (the installed script and ``python -m netkart.cli``): :func:`main`.

    The garbage collector is set for a command rather than a library. A command's start-up
    imports the driver, numpy and networkx, whose objects all live until the process ends, so
    the cyclic collector finds nothing in them:

    - it runs after every :data:`GC_FIRST_THRESHOLD` allocations instead of 700 while they are
      created; ``netkart serve``, which runs for hours, is still collected, only less often;
    - at exit, what exists is frozen (:func:`gc.freeze`), so the interpreter does not take it
      apart object by object. atexit handlers (closing the driver) and file flushes still run.

    Together they are about a seventh of ``netkart metrics`` (docs/performance.md). :func:`main`
    leaves the collector alone, for callers that import it.
    """
    gc.set_threshold(GC_FIRST_THRESHOLD, *gc.get_threshold()[1:])
    try:
        status = main()
    finally:
        gc.freeze()
    sys.exit(status)


if __name__ == "__main__":
    run()
