"""Subcommands of this pillar for the ``netkart`` command."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add this pillar's subcommands (filled in by the pillar's issue)."""
