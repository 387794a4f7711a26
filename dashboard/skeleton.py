"""What every page's callbacks share: resolving the selection, and one policy for failures.

A page callback is declared with :func:`page_callback`: its outputs and inputs are named
dicts (Dash's flexible callback signature), and it returns a dict holding only the outputs it
changes; the others stay as they are. Failures are handled here, once:

- the municipality or round is not (or no longer) in the database, for instance a round
  deleted while the server runs: every output is emptied and the ``message`` output says
  "no data" in the page's language;
- Neo4j does not answer: what is drawn stays, and the ``message`` output says so (the
  header's banner does too, and the page redraws when the database is back, ``db-epoch``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from dash import Input, Output, State, callback, no_update

from dashboard import data
from dashboard.i18n import LANGUAGES, text

__all__ = ["Failure", "Selection", "attempt", "page_callback", "resolve"]

T = TypeVar("T")


@dataclass(frozen=True)
class Selection:
    """A page's municipality, checked against the current snapshot of the database."""

    snapshot: data.Snapshot
    item: data.Municipality

    @property
    def name(self) -> str:
        return self.item.name


def resolve(key: str | None, *rounds: str | None) -> Selection:
    """The municipality of public key ``key``, with every round of ``rounds`` checked.

    Raises :class:`dashboard.data.NoData` when it or a round is missing.
    """
    snapshot = data.current()
    return Selection(snapshot, snapshot.resolve(key, *rounds))


@dataclass(frozen=True)
class Failure:
    """Why a page could not be computed: ``no_data`` or ``db_down`` (an :mod:`i18n` key)."""

    reason: str

    def message(self, lang: str) -> str:
        return text(self.reason, lang)


def attempt(compute: Callable[[], T]) -> T | Failure:
    """``compute()``, or the :class:`Failure` it ran into."""
    try:
        return compute()
    except LookupError:
        # NoData from the snapshot, or analytics' LookupError when a round went away between
        # the generation check and the read.
        return Failure("no_data")
    except data.DATABASE_ERRORS:
        return Failure("db_down")


def page_callback(
    output: Mapping[str, Output],
    inputs: Mapping[str, Input | State],
    *,
    message: str | None = None,
    emptied: Sequence[str] | None = None,
    prevent_initial_call: bool = False,
) -> Callable[[Callable[..., dict[str, Any]]], Callable[..., dict[str, Any]]]:
    """Register a page callback taking ``inputs`` as keyword arguments and returning a dict
    with some of the keys of ``output``.

    ``message`` names the output (if any) that tells the user about a :class:`Failure`. The
    language is the ``lang`` input when there is one. ``emptied`` names the outputs emptied
    when there is no data (all by default; a download has nothing to empty).
    """

    def register(function: Callable[..., dict[str, Any]]) -> Callable[..., dict[str, Any]]:
        def run(**values: Any) -> dict[str, Any]:
            outcome = attempt(lambda: function(**values))
            if isinstance(outcome, Failure):
                lang = values.get("lang") or LANGUAGES[0]
                cleared = output if emptied is None else emptied
                empty = {key: [] for key in cleared} if outcome.reason == "no_data" else {}
                outcome = empty | ({message: outcome.message(lang)} if message else {})
            return {key: outcome.get(key, no_update) for key in output}

        callback(output=dict(output), inputs=dict(inputs), prevent_initial_call=prevent_initial_call)(run)
        return function

    return register
