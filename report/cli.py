"""``netkart report``: the municipal note, or with ``--gathering`` the gathering deck.

Only the arguments live here; :mod:`report.build` reads through :mod:`analytics`, renders
with :mod:`report.render` and prints the written paths. Anonymised unless ``--show-names``.
"""

from __future__ import annotations

import argparse

from report.document import FORMATS

__all__ = ["register"]


def _formats(text: str) -> list[str]:
    formats = [f.strip() for f in text.split(",") if f.strip()]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise argparse.ArgumentTypeError(
            f"unknown format(s) {', '.join(unknown) or text!r}; expected {', '.join(FORMATS)}"
        )
    return formats


def _handler(args: argparse.Namespace) -> int:
    # Imported here: `netkart` starts without loading matplotlib, python-pptx and Jinja2.
    from report.build import write_report

    return write_report(args)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``report`` to ``netkart``."""
    parser = subparsers.add_parser(
        "report",
        help="write the municipal note (or --gathering deck) as PDF, PPTX and HTML",
        description="Write a municipality's network analysis note, or with --gathering the side-by-side deck "
        "for a network gathering. Anonymised (letters and pseudonyms) unless --show-names.",
    )
    parser.add_argument("--municipality", help="municipality name or letter (the note)")
    parser.add_argument("--round", required=True, help="survey round label, e.g. 2013")
    parser.add_argument("--compare-to", help="an earlier round: adds the change section")
    parser.add_argument("--gathering", action="store_true", help="the gathering deck of several municipalities")
    parser.add_argument("--municipalities", help="letters or names for --gathering, e.g. A,B,C,D (default: all)")
    parser.add_argument("--lang", choices=("nb", "en"), default="nb", help="language (default nb)")
    parser.add_argument(
        "--format", type=_formats, default=list(FORMATS), help="comma-separated: pdf,pptx,html (default all)"
    )
    parser.add_argument("--out", default="reports", help="output directory (default ./reports)")
    parser.add_argument(
        "--show-names", action="store_true", help="names of persons and municipalities (not for gatherings)"
    )
    parser.set_defaults(handler=_handler)
