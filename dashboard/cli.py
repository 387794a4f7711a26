"""``netkart serve``: run the dashboard."""

from __future__ import annotations

import argparse

from dashboard.serving import DEFAULT_THREADS, serve

__all__ = ["register"]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8050


def _serve(args: argparse.Namespace) -> int:
    # Imported here so that other subcommands do not pay for Dash's start-up.
    from dashboard.app import create_app

    app = create_app(show_names=args.show_names)
    mode = "names shown" if args.show_names else "anonymised"
    print(f"netkart dashboard ({mode}) on http://{args.host}:{args.port}/ ({args.threads} threads)", flush=True)
    serve(app, host=args.host, port=args.port, threads=args.threads)
    return 0


def _threads(value: str) -> int:
    """A thread count: a whole number of at least 1."""
    try:
        count = int(value)
    except ValueError:
        count = 0
    if count < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {value!r}")
    return count


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``netkart serve``."""
    serve = subparsers.add_parser(
        "serve",
        help="serve the dashboard (anonymised unless --show-names)",
        description=(
            "Serve the Dash dashboard on a production WSGI server (waitress). Persons appear as function "
            "pseudonyms and municipalities as letters unless --show-names is given. HTTP basic auth is switched "
            "on when NETKART_DASH_USER and NETKART_DASH_PASSWORD are set."
        ),
    )
    serve.add_argument(
        "--host", default=DEFAULT_HOST, help=f"address to bind (default {DEFAULT_HOST}: this machine only)"
    )
    serve.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})")
    serve.add_argument(
        "--threads",
        type=_threads,
        default=DEFAULT_THREADS,
        metavar="N",
        help=f"worker threads of the WSGI server: requests answered at once (default {DEFAULT_THREADS})",
    )
    serve.add_argument("--show-names", action="store_true", help="show persons' and municipalities' names")
    serve.set_defaults(handler=_serve)
