"""``netkart serve``: run the dashboard."""

from __future__ import annotations

import argparse

__all__ = ["register"]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8050


def _serve(args: argparse.Namespace) -> int:
    # Imported here so that other subcommands do not pay for Dash's start-up.
    from dashboard.app import create_app

    app = create_app(show_names=args.show_names)
    mode = "names shown" if args.show_names else "anonymised"
    print(f"netkart dashboard ({mode}) on http://{args.host}:{args.port}/", flush=True)
    # load_dotenv=False: Flask would otherwise copy ./.env into the environment, and its
    # NEO4J_PASSWORD would override the server chosen by NETKART_HOME (netkart.settings).
    app.run(host=args.host, port=args.port, debug=False, load_dotenv=False)
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``netkart serve``."""
    serve = subparsers.add_parser(
        "serve",
        help="serve the dashboard (anonymised unless --show-names)",
        description=(
            "Serve the Dash dashboard. Persons appear as function pseudonyms and municipalities as "
            "letters unless --show-names is given. HTTP basic auth is switched on when "
            "NETKART_DASH_USER and NETKART_DASH_PASSWORD are set."
        ),
    )
    serve.add_argument(
        "--host", default=DEFAULT_HOST, help=f"address to bind (default {DEFAULT_HOST}: this machine only)"
    )
    serve.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})")
    serve.add_argument("--show-names", action="store_true", help="show persons' and municipalities' names")
    serve.set_defaults(handler=_serve)
