"""What the pages show, fetched through ``analytics`` once and cached in the server process.

Callbacks stay cheap: every view, measure, layout and label set is computed here on first use
and memoised, keyed by the real municipality name. The browser never sees that name in
anonymised mode: it addresses a municipality by its *public key* (the alias letter, or the
name when the server runs with ``--show-names``), and :func:`municipality` maps it back.

When the list of municipalities and rounds changes (a round loaded or replaced while the
server runs) every cache is dropped, so nothing stale is drawn.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from neo4j import Driver
from neo4j.exceptions import DriverError, Neo4jError

from analytics import store
from analytics.anonymise import pseudonyms
from analytics.compare import compare_views
from analytics.findings import comparison_findings, view_findings
from analytics.metrics import compute_metrics
from analytics.view import View
from cypher.model import THRESHOLDS, Person, PoliticalContact
from dashboard.elements import network_elements
from dashboard.i18n import LANGUAGES
from dashboard.layout import stable_positions
from netkart.connection import get_driver

__all__ = [
    "DATABASE_ERRORS",
    "Municipality",
    "anonymise_cell",
    "catalogue",
    "change_findings",
    "comparison",
    "configure",
    "database_answers",
    "findings",
    "labels",
    "metrics",
    "municipality",
    "network",
    "persons_metrics",
    "political",
    "positions",
    "redact",
    "run_named_query",
    "show_names",
    "view",
    "warm",
]

#: What a call into the database raises when the server is down or restarting.
DATABASE_ERRORS: tuple[type[Exception], ...] = (DriverError, Neo4jError, OSError)

#: How long the list of municipalities is trusted before it is asked for again (seconds).
CATALOGUE_TTL = 30.0


@dataclass(frozen=True)
class _Options:
    show_names: bool = False


_options = _Options()


def configure(*, show_names: bool) -> None:
    """Set the server-wide display options (called once by :func:`dashboard.app.create_app`)."""
    global _options
    _options = _Options(show_names=show_names)


def show_names() -> bool:
    """Whether the server was started with ``--show-names``."""
    return _options.show_names


def _driver() -> Driver:
    return get_driver()


@dataclass(frozen=True)
class Municipality:
    """A municipality as the pages address it: ``key`` is what the browser sees."""

    key: str
    name: str
    alias: str | None
    rounds: tuple[str, ...]

    @property
    def public_name(self) -> str:
        return self.name if show_names() else self.key


_catalogue_lock = threading.Lock()
_catalogue_state: dict[str, Any] = {"at": -CATALOGUE_TTL, "value": ()}


def _public_key(name: str, alias: str | None, index: int) -> str:
    if show_names():
        return name
    # A municipality without a letter still must not show its name: number it instead.
    return alias or f"#{index + 1}"


def catalogue() -> tuple[Municipality, ...]:
    """Every municipality with its rounds, in the order of their public keys."""
    with _catalogue_lock:
        if time.monotonic() - _catalogue_state["at"] < CATALOGUE_TTL:
            return _catalogue_state["value"]
        infos = sorted(store.list_municipalities(_driver()), key=lambda info: (info.alias or "~", info.name))
        value = tuple(
            Municipality(_public_key(info.name, info.alias, i), info.name, info.alias, tuple(sorted(info.rounds)))
            for i, info in enumerate(infos)
        )
        if value != _catalogue_state["value"]:
            _clear_caches()
        _catalogue_state.update(at=time.monotonic(), value=value)
        return value


def municipality(key: str | None) -> Municipality | None:
    """The municipality whose public key is ``key`` (the first one when ``key`` is unknown)."""
    known = catalogue()
    for item in known:
        if item.key == key:
            return item
    return known[0] if known else None


@lru_cache(maxsize=512)
def view(name: str, round_label: str, threshold: str) -> View:
    """The :class:`View` of ``name``, ``round_label`` and ``threshold``."""
    return store.load_view(_driver(), name, round_label, threshold)


@lru_cache(maxsize=128)
def political(name: str, round_label: str) -> tuple[PoliticalContact, ...]:
    """The political contacts of a round."""
    return tuple(store.load_political(_driver(), name, round_label))


@lru_cache(maxsize=512)
def metrics(name: str, round_label: str, threshold: str) -> dict[str, Any]:
    """:func:`analytics.metrics.compute_metrics` of the view, political contacts included."""
    return compute_metrics(view(name, round_label, threshold), political(name, round_label))


def persons_metrics(name: str, round_label: str, threshold: str) -> dict[str, dict[str, Any]]:
    """:func:`analytics.metrics.person_metrics` of the view (part of :func:`metrics`)."""
    return metrics(name, round_label, threshold)["persons"]


@lru_cache(maxsize=256)
def comparison(name: str, before: str, after: str, threshold: str) -> dict[str, Any]:
    """:func:`analytics.compare.compare_views` of two rounds at ``threshold``."""
    return compare_views(view(name, before, threshold), view(name, after, threshold))


@lru_cache(maxsize=256)
def network(name: str, round_label: str, threshold: str, lang: str, *, gather: bool) -> list[dict[str, Any]]:
    """Cytoscape elements of a view (:func:`dashboard.elements.network_elements`), memoised
    because a large view takes tens of milliseconds to build."""
    return network_elements(
        view(name, round_label, threshold),
        persons_metrics(name, round_label, threshold),
        labels(name, lang),
        positions(name),
        gather=gather,
    )


def _all_rounds(name: str) -> list[View]:
    item = next(m for m in catalogue() if m.name == name)
    # ``monthly`` holds every tie of a round, so these views cover all thresholds too.
    return [view(name, r, "monthly") for r in item.rounds]


@lru_cache(maxsize=64)
def positions(name: str) -> dict[str, tuple[float, float]]:
    """Coordinates of every person who appears in any round of ``name`` (computed once)."""
    return stable_positions(_all_rounds(name))


@lru_cache(maxsize=64)
def labels(name: str, lang: str) -> dict[str, str]:
    """Display label of every person of ``name`` across rounds.

    Anonymised mode: the pseudonyms of :func:`analytics.anonymise.pseudonyms` computed over
    the municipality's persons of all rounds, so one person has one pseudonym on every page.
    With ``--show-names``: the roster name, or the person id when no name was stored.
    """
    latest: dict[str, Person] = {}
    for round_view in _all_rounds(name):
        latest.update(round_view.person_by_id)
    if show_names():
        return {pid: person.name or pid for pid, person in latest.items()}
    everyone = View(name, "all", "monthly", tuple(latest[pid] for pid in sorted(latest)), ())
    return pseudonyms(everyone, lang)


def redact(name: str, lang: str, sentence: str) -> str:
    """``sentence`` with every person id and roster name of ``name`` replaced by its display
    label and the municipality's name by its public key.

    A safety net for text written by ``analytics``: findings should not name anyone, and in
    anonymised mode nothing on a page may.
    """
    return _redactor(name, lang)(sentence)


@lru_cache(maxsize=64)
def _redactor(name: str, lang: str) -> Callable[[str], str]:
    shown = labels(name, lang)
    replacements: dict[str, str] = {pid: label for pid, label in shown.items()}
    for round_view in _all_rounds(name):
        for person in round_view.persons:
            if person.name and not show_names():
                replacements[person.name] = shown.get(person.person_id, "?")
    item = next(m for m in catalogue() if m.name == name)
    replacements[name] = item.public_name
    # Longest first, so that "Tjenester 12"-style ids are not cut by a shorter one.
    pattern = re.compile(
        r"(?<!\w)(" + "|".join(re.escape(k) for k in sorted(replacements, key=len, reverse=True)) + r")(?!\w)"
    )
    return lambda sentence: pattern.sub(lambda match: replacements[match.group(1)], sentence)


@lru_cache(maxsize=512)
def findings(name: str, round_label: str, threshold: str, lang: str) -> tuple[str, ...]:
    """:func:`analytics.findings.view_findings` of the view, redacted."""
    sentences = view_findings(view(name, round_label, threshold), metrics(name, round_label, threshold), lang)
    return tuple(redact(name, lang, s) for s in sentences)


@lru_cache(maxsize=256)
def change_findings(name: str, before: str, after: str, threshold: str, lang: str) -> tuple[str, ...]:
    """:func:`analytics.findings.comparison_findings` of two rounds, redacted."""
    sentences = comparison_findings(comparison(name, before, after, threshold), lang)
    return tuple(redact(name, lang, s) for s in sentences)


def run_named_query(query: str, parameters: dict[str, Any]) -> list[dict[str, Any]]:
    """Run a named read-only query of ``cypher/queries`` with ``parameters``.

    In anonymised mode a string parameter equal to a municipality's public key (its letter)
    is passed on as that municipality's name, and every result cell equal to a roster name or
    a municipality name comes back as the pseudonym or letter (see :func:`anonymise_cell`).
    """
    by_key = {m.key: m.name for m in catalogue()}
    translated = {k: by_key.get(v, v) if isinstance(v, str) else v for k, v in parameters.items()}
    rows = store.run_named_query(_driver(), query, translated, show_names=show_names())
    if show_names():
        return rows
    return [{column: anonymise_cell(value) for column, value in row.items()} for row in rows]


@lru_cache(maxsize=1)
def _everyone() -> dict[str, str]:
    replacements: dict[str, str] = {}
    for item in catalogue():
        shown = labels(item.name, "nb")
        for round_view in _all_rounds(item.name):
            for person in round_view.persons:
                if person.name:
                    replacements[person.name] = shown.get(person.person_id, "?")
        replacements[item.name] = item.key
    return replacements


def anonymise_cell(value: Any) -> Any:
    """``value`` with roster and municipality names replaced, inside lists and maps too."""
    if isinstance(value, str):
        return _everyone().get(value, value)
    if isinstance(value, list):
        return [anonymise_cell(v) for v in value]
    if isinstance(value, dict):
        return {k: anonymise_cell(v) for k, v in value.items()}
    return value


def warm() -> None:
    """Compute every layout, label set, measure and finding ahead of the first visitor.

    Run in a background thread at start-up; a database error just ends it (the pages then
    compute on demand).
    """
    try:
        for item in catalogue():
            positions(item.name)
            for lang in LANGUAGES:
                labels(item.name, lang)
                for round_label in item.rounds:
                    for threshold in THRESHOLDS:
                        findings(item.name, round_label, threshold, lang)
                        network(item.name, round_label, threshold, lang, gather=True)
    except DATABASE_ERRORS:
        return


def database_answers() -> bool:
    """Whether Neo4j answers a trivial read right now (the banner's health check).

    An auto-commit ``session.run`` is used on purpose: it fails at once when the server is
    down, where ``execute_query`` would retry for up to 30 s.
    """
    try:
        with _driver().session() as session:
            session.run("RETURN 1").consume()
    except DATABASE_ERRORS:
        return False
    return True


_CACHED: tuple[Callable[..., Any], ...] = (
    view,
    political,
    metrics,
    comparison,
    network,
    positions,
    labels,
    _redactor,
    _everyone,
    findings,
    change_findings,
)


def _clear_caches() -> None:
    for function in _CACHED:
        function.cache_clear()  # type: ignore[attr-defined]
