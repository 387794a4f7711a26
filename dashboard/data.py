"""What the pages show, fetched through ``analytics`` and cached per catalogue generation.

Callbacks stay cheap: every view, measure, layout and label set is computed on first use and
memoised in a :class:`Snapshot`, keyed by the real municipality name. The browser never sees
that name in anonymised mode: it addresses a municipality by its *public key* (the alias
letter, ``#1``, ``#2`` … for one without a letter, or the name when the server runs with
``--show-names``), and :meth:`Snapshot.municipality` maps it back.

A snapshot belongs to one *generation* of the catalogue: a digest of every municipality, its
letter and every loaded round's checksum and load time (query ``rounds_loaded``). Any load,
``--replace`` or delete of a round changes it, and :func:`current` then starts a new, empty
snapshot; nothing computed from the earlier data is served again.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from neo4j import Driver
from neo4j.exceptions import DriverError, Neo4jError

from analytics import anonymise, store
from analytics.anonymise import pseudonyms
from analytics.compare import compare_views
from analytics.findings import comparison_findings, view_findings
from analytics.layout import stable_positions
from analytics.metrics import compute_metrics
from analytics.view import View
from cypher import run_query
from cypher.model import THRESHOLDS, MunicipalityInfo, Person, PoliticalContact, erased_numbers
from dashboard.elements import network_elements
from dashboard.i18n import LANGUAGES
from netkart.connection import get_driver

__all__ = [
    "DATABASE_ERRORS",
    "GENERATION_TTL",
    "Municipality",
    "NoData",
    "Snapshot",
    "anonymise_cell",
    "body_labels",
    "catalogue",
    "configure",
    "current",
    "database_answers",
    "municipality_labels",
    "run_named_query",
    "show_names",
    "warm",
]

#: What a call into the database raises when the server is down or restarting.
DATABASE_ERRORS: tuple[type[Exception], ...] = (DriverError, Neo4jError, OSError)

#: How long a generation is trusted before the database is asked again (seconds): a page
#: shows a replaced or deleted round at most this long after the change.
GENERATION_TTL = 1.0

T = TypeVar("T")


class NoData(LookupError):
    """The municipality or round asked for is not (or no longer) in the database."""


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
    erased: frozenset[tuple[str, int]] = frozenset()

    @property
    def public_name(self) -> str:
        return self.name if show_names() else self.key


def municipality_labels(infos: list[tuple[str, str | None]]) -> dict[str, str]:
    """Anonymised label of each ``(name, alias)`` (:func:`analytics.anonymise.municipality_labels`)."""
    return anonymise.municipality_labels([MunicipalityInfo(name, alias, ()) for name, alias in infos])


def body_labels(bodies: list[dict[str, Any]], lang: str) -> dict[str, str]:
    """Body key → the name shown in anonymised mode (:func:`analytics.anonymise.body_labels`,
    which labels by name): the mayor, executive committee and council by their kind, each
    committee as "Utvalg 1", "Utvalg 2" … in name order."""
    return anonymise.body_key_labels(((b["key"], b["name"], b["kind"]) for b in bodies), lang)


@dataclass
class Snapshot:
    """The municipalities of one catalogue generation and everything computed from them.

    Every method is memoised in the snapshot itself, so a cache can never outlive the data it
    was computed from. Methods raise :class:`NoData` for a municipality or round that is not
    in this generation, and ``DATABASE_ERRORS`` when Neo4j does not answer.
    """

    generation: str
    municipalities: tuple[Municipality, ...]
    _memo: dict[Hashable, Any] = field(default_factory=dict, repr=False)

    def _cached(self, key: Hashable, compute: Callable[[], T]) -> T:
        # Two callbacks may compute the same value at once; both results are equal, so the
        # race costs time only, never correctness.
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def _named(self, name: str) -> Municipality:
        found = next((m for m in self.municipalities if m.name == name), None)
        if found is None:
            raise NoData(name)
        return found

    def municipality(self, key: str | None) -> Municipality:
        """The municipality whose public key is ``key``."""
        found = next((m for m in self.municipalities if m.key == key), None)
        if found is None:
            raise NoData(f"no municipality {key!r}")
        return found

    def resolve(self, key: str | None, *rounds: str | None) -> Municipality:
        """The municipality of ``key`` after checking it has every round of ``rounds``."""
        item = self.municipality(key)
        missing = [r for r in rounds if r not in item.rounds]
        if missing:
            raise NoData(f"{item.key} has no round {missing[0]!r}")
        return item

    def rounds(self) -> list[str]:
        """Every round label of any municipality, sorted."""
        return sorted({r for m in self.municipalities for r in m.rounds})

    def view(self, name: str, round_label: str, threshold: str) -> View:
        """The :class:`View` of ``name``, ``round_label`` and ``threshold``."""
        if round_label not in self._named(name).rounds:
            raise NoData(f"{name} has no round {round_label!r}")
        return self._cached(
            ("view", name, round_label, threshold),
            lambda: store.load_view(_driver(), name, round_label, threshold),
        )

    def political(self, name: str, round_label: str) -> tuple[PoliticalContact, ...]:
        """The political contacts of a round."""
        self.view(name, round_label, "monthly")
        return self._cached(
            ("political", name, round_label),
            lambda: tuple(store.load_political(_driver(), name, round_label)),
        )

    def metrics(self, name: str, round_label: str, threshold: str) -> dict[str, Any]:
        """:func:`analytics.metrics.compute_metrics` of the view, political contacts included."""
        return self._cached(
            ("metrics", name, round_label, threshold),
            lambda: compute_metrics(self.view(name, round_label, threshold), self.political(name, round_label)),
        )

    def persons_metrics(self, name: str, round_label: str, threshold: str) -> dict[str, dict[str, Any]]:
        """:func:`analytics.metrics.person_metrics` of the view (part of :meth:`metrics`)."""
        return self.metrics(name, round_label, threshold)["persons"]

    def comparison(self, name: str, before: str, after: str, threshold: str) -> dict[str, Any]:
        """:func:`analytics.compare.compare_views` of two rounds at ``threshold``."""
        return self._cached(
            ("comparison", name, before, after, threshold),
            lambda: compare_views(self.view(name, before, threshold), self.view(name, after, threshold)),
        )

    def network(self, name: str, round_label: str, threshold: str, lang: str, *, gather: bool) -> list[dict[str, Any]]:
        """Cytoscape elements of a view (:func:`dashboard.elements.network_elements`)."""
        return self._cached(
            ("network", name, round_label, threshold, lang, gather),
            lambda: network_elements(
                self.view(name, round_label, threshold),
                self.persons_metrics(name, round_label, threshold),
                self.labels(name, lang),
                self.positions(name),
                gather=gather,
            ),
        )

    def network_version(self, name: str, round_label: str, threshold: str, lang: str, *, gather: bool) -> str:
        """A digest of :meth:`network`'s elements: the browser keeps the views it drew, and a
        view it holds is named by this digest instead of being sent again
        (``dashboard/assets/graphs.js``)."""
        return self._cached(
            ("network_version", name, round_label, threshold, lang, gather),
            lambda: hashlib.blake2s(
                json.dumps(
                    self.network(name, round_label, threshold, lang, gather=gather), separators=(",", ":")
                ).encode(),
                digest_size=8,
            ).hexdigest(),
        )

    def _all_rounds(self, name: str) -> list[View]:
        # ``monthly`` holds every tie of a round, so these views cover all thresholds too.
        return [self.view(name, r, "monthly") for r in self._named(name).rounds]

    def positions(self, name: str) -> dict[str, tuple[float, float]]:
        """Coordinates of every person who appears in any round of ``name``."""
        return self._cached(("positions", name), lambda: stable_positions(self._all_rounds(name)))

    def labels(self, name: str, lang: str) -> dict[str, str]:
        """Display label of every person of ``name`` across rounds.

        Anonymised mode: the pseudonyms of :func:`analytics.anonymise.pseudonyms` computed
        over the municipality's persons of all rounds, so one person has one pseudonym on every
        page. With ``--show-names``: the roster name, or the person id when no name was stored.
        """
        return self._cached(("labels", name, lang), lambda: self._labels(name, lang))

    def _labels(self, name: str, lang: str) -> dict[str, str]:
        latest: dict[str, Person] = {}
        for round_view in self._all_rounds(name):
            latest.update(round_view.person_by_id)
        if show_names():
            return {pid: person.name or pid for pid, person in latest.items()}
        everyone = View(name, "all", "monthly", tuple(latest[pid] for pid in sorted(latest)), ())
        return pseudonyms(everyone, lang, self._named(name).erased)

    def redact(self, name: str, lang: str, sentence: str) -> str:
        """``sentence`` with every person id and roster name of ``name`` replaced by its display
        label and the municipality's name by its public key.

        A safety net for text written by ``analytics``: findings should not name anyone, and in
        anonymised mode nothing on a page may.
        """
        return self._cached(("redactor", name, lang), lambda: self._redactor(name, lang))(sentence)

    def _redactor(self, name: str, lang: str) -> Callable[[str], str]:
        shown = self.labels(name, lang)
        replacements: dict[str, str] = dict(shown)
        for round_view in self._all_rounds(name):
            for person in round_view.persons:
                if person.name and not show_names():
                    replacements[person.name] = shown.get(person.person_id, "?")
        replacements[name] = self._named(name).public_name
        # Longest first, so that "Tjenester 12"-style ids are not cut by a shorter one.
        pattern = re.compile(
            r"(?<!\w)(" + "|".join(re.escape(k) for k in sorted(replacements, key=len, reverse=True)) + r")(?!\w)"
        )
        return lambda sentence: pattern.sub(lambda match: replacements[match.group(1)], sentence)

    def findings(self, name: str, round_label: str, threshold: str, lang: str) -> tuple[str, ...]:
        """:func:`analytics.findings.view_findings` of the view, redacted."""
        return self._cached(
            ("findings", name, round_label, threshold, lang),
            lambda: tuple(
                self.redact(name, lang, s)
                for s in view_findings(
                    self.view(name, round_label, threshold), self.metrics(name, round_label, threshold), lang
                )
            ),
        )

    def change_findings(self, name: str, before: str, after: str, threshold: str, lang: str) -> tuple[str, ...]:
        """:func:`analytics.findings.comparison_findings` of two rounds, redacted."""
        return self._cached(
            ("change_findings", name, before, after, threshold, lang),
            lambda: tuple(
                self.redact(name, lang, s)
                for s in comparison_findings(self.comparison(name, before, after, threshold), lang)
            ),
        )

    def person_labels(self, first: object, lang: str) -> dict[str, str]:
        """Person id → pseudonym over every municipality; where two municipalities use the
        same id, the one named ``first`` wins."""
        merged: dict[str, str] = {}
        for item in sorted(self.municipalities, key=lambda m: m.name == first):
            merged |= self.labels(item.name, lang)
        return merged

    def everyone(self) -> dict[str, str]:
        """Every roster and municipality name of the database → its pseudonym or label."""
        return self._cached("everyone", self._everyone)

    def _everyone(self) -> dict[str, str]:
        replacements: dict[str, str] = {}
        for item in self.municipalities:
            shown = self.labels(item.name, "nb")
            for round_view in self._all_rounds(item.name):
                for person in round_view.persons:
                    if person.name:
                        replacements[person.name] = shown.get(person.person_id, "?")
            replacements[item.name] = item.key
        return replacements


def _read_snapshot() -> Snapshot:
    rows = run_query(_driver(), "rounds_loaded")
    generation = hashlib.sha256(json.dumps(rows, sort_keys=True, default=str).encode()).hexdigest()[:16]
    rounds: dict[str, list[str]] = {}
    aliases: dict[str, str | None] = {}
    erased: dict[str, frozenset[tuple[str, int]]] = {}
    for row in rows:
        aliases[row["municipality"]] = row["alias"]
        erased[row["municipality"]] = erased_numbers(row["erased"])
        rounds.setdefault(row["municipality"], [])
        if row["round"] is not None:
            rounds[row["municipality"]].append(row["round"])
    labels = municipality_labels(list(aliases.items()))
    items = [
        Municipality(
            name if show_names() else labels[name], name, aliases[name], tuple(sorted(rounds[name])), erased[name]
        )
        for name in aliases
    ]
    return Snapshot(generation, tuple(sorted(items, key=lambda m: (m.alias or "~", m.key))))


_lock = threading.Lock()
_state: dict[str, Any] = {"at": -GENERATION_TTL, "snapshot": None}


def current() -> Snapshot:
    """The snapshot of the database's current generation (asked at most every
    :data:`GENERATION_TTL` seconds); a new generation starts with empty caches."""
    with _lock:
        if time.monotonic() - _state["at"] < GENERATION_TTL and _state["snapshot"] is not None:
            return _state["snapshot"]
        fresh = _read_snapshot()
        known: Snapshot | None = _state["snapshot"]
        if known is None or known.generation != fresh.generation:
            _state["snapshot"] = fresh
        _state["at"] = time.monotonic()
        return _state["snapshot"]


def catalogue() -> tuple[Municipality, ...]:
    """Every municipality with its rounds, in the order of their public keys."""
    return current().municipalities


#: Query columns never shown in anonymised mode: they name or point at a person.
_HIDDEN_COLUMNS = frozenset({"name", "unit", "role", "email"})
#: Query columns holding a person id, and lists of person ids: shown as pseudonyms.
_PERSON_COLUMNS = frozenset({"person_id", "person", "ego", "alter", "person_a", "person_b"})
_PERSON_LISTS = frozenset({"persons", "members", "person_ids"})


def run_named_query(query: str, parameters: dict[str, Any], lang: str = LANGUAGES[0]) -> list[dict[str, Any]]:
    """Run a named read-only query of ``cypher/queries`` with ``parameters``.

    In anonymised mode a string parameter equal to a municipality's public key (its letter)
    is passed on as that municipality's name, and the rows are anonymised (the contract's
    policy, issue 9 §3): the columns ``name``, ``unit``, ``role`` and ``email`` are dropped,
    person ids become pseudonyms (those of the queried municipality first), and any other
    cell holding a roster or municipality name becomes the pseudonym or label.
    """
    snapshot = current()
    by_key = {m.key: m.name for m in snapshot.municipalities}
    translated = {k: by_key.get(v, v) if isinstance(v, str) else v for k, v in parameters.items()}
    # Raw rows, anonymised below with the page's own pseudonyms so a person reads the same here as in the graphs.
    rows = store.run_named_query(_driver(), query, translated, show_names=True)
    if show_names():
        return rows
    persons = snapshot.person_labels(translated.get("municipality"), lang)

    def shown(column: str, value: Any) -> Any:
        if column in _PERSON_COLUMNS and isinstance(value, str):
            return persons.get(value, "?")
        if column in _PERSON_LISTS and isinstance(value, list):
            return [persons.get(v, "?") if isinstance(v, str) else v for v in value]
        return anonymise_cell(value)

    return [{c: shown(c, v) for c, v in row.items() if c not in _HIDDEN_COLUMNS} for row in rows]


def anonymise_cell(value: Any) -> Any:
    """``value`` with roster and municipality names replaced, inside lists and maps too."""
    if isinstance(value, str):
        return current().everyone().get(value, value)
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
        snapshot = current()
        for item in snapshot.municipalities:
            for lang in LANGUAGES:
                for round_label in item.rounds:
                    for threshold in THRESHOLDS:
                        snapshot.findings(item.name, round_label, threshold, lang)
                        snapshot.network(item.name, round_label, threshold, lang, gather=True)
    except (*DATABASE_ERRORS, NoData):
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
