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

__all__ = ["make_note", "make_report", "write_report"]


def make_note(
    municipality: str, round: str, compare_to: str | None, lang: str, *, show_names: bool = False
) -> Document:
    """The municipal note of ``municipality`` (name or letter) in ``round``, with the change
    since ``compare_to`` when given; what ``netkart report`` and the dashboard's report button
    build.

    Raises
    ------
    LookupError
        An unknown municipality or round, naming the known ones.
    ValueError
        ``compare_to`` is ``round`` itself.
    """
    if compare_to == round:
        raise ValueError(f"--compare-to {compare_to} is the round itself; name an earlier round")
    driver, database = get_driver(), load_settings().database
    infos = store.list_municipalities(driver, database=database)
    info = resolve(infos, municipality)
    rounds = [round] + ([compare_to] if compare_to else [])
    label = municipality_labels(infos)[info.name]
    source = load_source(driver, info, label, rounds, lang, show_names=show_names, database=database)
    return build_note(source, round, compare_to)


def make_report(args: argparse.Namespace) -> Document:
    """The document the arguments ask for (note or gathering deck), without writing it."""
    if not args.gathering:
        if not args.municipality:
            raise ValueError("name a municipality (--municipality NAME or letter), or ask for --gathering")
        return make_note(args.municipality, args.round, args.compare_to, args.lang, show_names=args.show_names)
    driver, database = get_driver(), load_settings().database
    infos = store.list_municipalities(driver, database=database)
    labels = municipality_labels(infos)
    keys = args.municipalities.split(",") if args.municipalities else sorted(labels, key=labels.get)
    chosen = [resolve(infos, key.strip()) for key in keys if key.strip()]
    sources = [
        load_source(
            driver, info, labels[info.name], [args.round], args.lang, show_names=args.show_names, database=database
        )
        for info in chosen
    ]
    return build_gathering(sources, args.round)


def write_report(args: argparse.Namespace) -> int:
    """Build and write the report the arguments ask for; print one line per file written."""
    document = make_report(args)
    for path in render(document, args.format, Path(args.out)):
        print(path)
    return 0
