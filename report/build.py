"""Build and write the report ``netkart report`` asks for (see :mod:`report.cli`)."""

from __future__ import annotations

import argparse
from pathlib import Path

from analytics import store
from netkart.connection import get_driver
from netkart.settings import load_settings
from report.document import Document
from report.facts import municipality_labels
from report.gathering import build_gathering
from report.note import build_note
from report.render import render
from report.source import load_source, resolve

__all__ = ["make_report", "write_report"]


def make_report(args: argparse.Namespace) -> Document:
    """The document the arguments ask for (note or gathering deck), without writing it."""
    driver, database = get_driver(), load_settings().database
    infos = store.list_municipalities(driver, database=database)
    labels = municipality_labels(infos)
    if args.gathering:
        keys = args.municipalities.split(",") if args.municipalities else sorted(labels, key=labels.get)
        chosen = [resolve(infos, key.strip()) for key in keys if key.strip()]
        sources = [
            load_source(
                driver, info, labels[info.name], [args.round], args.lang, show_names=args.show_names, database=database
            )
            for info in chosen
        ]
        return build_gathering(sources, args.round)
    if not args.municipality:
        raise ValueError("name a municipality (--municipality NAME or letter), or ask for --gathering")
    info = resolve(infos, args.municipality)
    rounds = [args.round] + ([args.compare_to] if args.compare_to else [])
    if args.compare_to == args.round:
        raise ValueError(f"--compare-to {args.compare_to} is the round itself; name an earlier round")
    source = load_source(
        driver, info, labels[info.name], rounds, args.lang, show_names=args.show_names, database=database
    )
    return build_note(source, args.round, args.compare_to)


def write_report(args: argparse.Namespace) -> int:
    """Build and write the report the arguments ask for; print one line per file written."""
    document = make_report(args)
    for path in render(document, args.format, Path(args.out)):
        print(path)
    return 0
