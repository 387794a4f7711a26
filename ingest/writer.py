"""Write a parsed survey round to Neo4j: one transaction, batched, idempotent.

:func:`load_round` runs every statement of a round in **one managed write transaction**
(``session.execute_write``), so a failure anywhere leaves the database as it was. Rows go to
the server in batches of :data:`BATCH_SIZE` through ``UNWIND`` statements kept in
``cypher/write/`` (never built by string formatting), which is what makes national-scale
loads fast: one round trip per batch instead of one per contact. A round of a few thousand
contacts takes four statements (lock, round and functions, persons with their functions, all
contacts); each batch looks every person up once and addresses them by index after that.

Concurrency: every writer first takes the write lock of the municipality's node and the
round's node (``lock_round.cypher``, ``lock_municipality.cypher``) and only then reads the
checksum, so concurrent loads of one round run one after the other: the second finds the
first's data and is a no-op (identical content) or follows the replace rule.

Idempotence: the round node stores :attr:`ParsedRound.checksum`. Loading the same content
again changes nothing; different content for a loaded round is refused unless
``replace=True``, which deletes that round's facts and writes the new ones in the same
transaction (other rounds and municipalities are not touched). :func:`delete_round` takes a
round out again, in one transaction as well.

Several rounds: :func:`load_rounds` loads rounds of different municipalities concurrently
(a few threads, one session and one transaction per round): they share no node but the
function vocabulary, so their transactions do not wait for each other, and the client's round
trips, the parsing of the next rounds and the server's commits overlap. Rounds of one
municipality still go one after the other, in the order given.

Audit: a load, a replace and a delete record their :class:`cypher.audit.AuditEvent` in their
own transaction, so the log holds an event exactly when the change was committed. A load that
finds identical data changes nothing and records nothing.
"""

from __future__ import annotations

import re
import threading
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

from neo4j import Driver, ManagedTransaction, SummaryCounters
from tqdm import tqdm

from cypher import audit, statement
from cypher.model import FREQUENCIES, FUNCTIONS, Arc
from ingest.errors import RoundExistsError
from ingest.survey import ParsedRound

__all__ = [
    "BATCH_SIZE",
    "LOAD_WORKERS",
    "DeleteSummary",
    "LoadSummary",
    "delete_round",
    "load_round",
    "load_rounds",
    "set_alias",
]

#: Rows (persons, or contacts) per statement. A round of a few thousand contacts goes in one
#: statement: round trips, not rows, dominated the write time of national loads (issue 12).
#: Larger rounds are cut so that one message stays a few megabytes.
BATCH_SIZE = 50_000

#: Rounds :func:`load_rounds` writes at once. Beyond a few, the rounds only queue on the
#: server's cores; one would give up the overlap of round trips and commits (issue 12).
LOAD_WORKERS = 4

T = TypeVar("T")

_ALIAS = re.compile(r"^[A-ZÆØÅ](?:[A-Za-z0-9ÆØÅæøå \-]{0,10}[A-Za-z0-9ÆØÅæøå])?$")


@dataclass
class LoadSummary:
    """What :func:`load_round` did.

    ``action`` is ``"created"`` (new round), ``"replaced"`` or ``"unchanged"`` (identical
    content was already loaded; nothing was written). The counters are the server's.
    """

    municipality: str
    round: str
    action: str
    persons: int
    respondents: int
    contacts: dict[str, int]
    political: int
    nodes_created: int = 0
    nodes_deleted: int = 0
    relationships_created: int = 0
    relationships_deleted: int = 0
    statements: int = 0

    def __str__(self) -> str:
        if self.action == "unchanged":
            return f"{self.municipality} {self.round}: already loaded with identical data; nothing written."
        written = (
            f"{_count(self.nodes_created, 'node')} and {_count(self.relationships_created, 'relationship')} created"
        )
        if self.action == "replaced":
            deleted = f"{_count(self.nodes_deleted, 'node')} and {_count(self.relationships_deleted, 'relationship')}"
            written += f", {deleted} deleted"
        return f"{self.municipality} {self.round} {self.action}: {written}."


@dataclass
class DeleteSummary:
    """What :func:`delete_round` removed; the counters are the server's."""

    municipality: str
    round: str
    nodes_deleted: int = 0
    relationships_deleted: int = 0
    rounds_left: int = 0

    def add(self, counters: SummaryCounters) -> None:
        self.nodes_deleted += counters.nodes_deleted
        self.relationships_deleted += counters.relationships_deleted

    def __str__(self) -> str:
        removed = f"{_count(self.nodes_deleted, 'node')} and {_count(self.relationships_deleted, 'relationship')}"
        left = (
            f"{_count(self.rounds_left, 'round')} of {self.municipality} left"
            if self.rounds_left
            else f"{self.municipality} had no other round and is removed"
        )
        return f"{self.municipality} {self.round} deleted ({removed}); {left}."


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _batches(rows: Sequence[T]) -> Iterator[Sequence[T]]:
    """Consecutive slices of ``rows`` of at most :data:`BATCH_SIZE`."""
    for start in range(0, len(rows), BATCH_SIZE):
        yield rows[start : start + BATCH_SIZE]


def _contact_batch(arcs: Sequence[Arc]) -> dict[str, list[Any]]:
    """The parameters of ``contacts.cypher``: the persons the arcs name, and per frequency
    the ``[ego, alter]`` index pairs into them."""
    index: dict[str, int] = {}
    pairs: dict[str, list[tuple[int, int]]] = {frequency: [] for frequency in FREQUENCIES}
    for arc in arcs:
        ego = index.setdefault(arc.ego, len(index))
        pairs[arc.frequency].append((ego, index.setdefault(arc.alter, len(index))))
    return {"persons": list(index), **pairs}


class _Round:
    """The transaction function of one load; keeps the server's counters."""

    def __init__(self, parsed: ParsedRound, *, replace: bool, progress: bool) -> None:
        self.parsed = parsed
        self.replace = replace
        self.progress = progress
        self.params = {"municipality": parsed.municipality, "round": parsed.round_label}

    def run(self, tx: ManagedTransaction, name: str, **params: Any) -> None:
        self.count(tx.run(statement(name), {**self.params, **params}).consume().counters)

    def run_all(self, tx: ManagedTransaction, name: str, expected: int, **params: Any) -> None:
        """Run a statement that returns how many of the batch's persons it found; all must be.

        The statements address persons by their index in the batch, so a missing one would
        put relationships on the wrong person: fail (the transaction rolls back) instead.
        """
        result = tx.run(statement(name), {**self.params, **params})
        found = result.single(strict=True)["persons"]
        self.count(result.consume().counters)
        if found != expected:
            raise RuntimeError(f"{name}: {found} of {expected} persons found; nothing was written")

    def count(self, counters: SummaryCounters) -> None:
        self.summary.statements += 1
        self.summary.nodes_created += counters.nodes_created
        self.summary.nodes_deleted += counters.nodes_deleted
        self.summary.relationships_created += counters.relationships_created
        self.summary.relationships_deleted += counters.relationships_deleted

    def __call__(self, tx: ManagedTransaction) -> LoadSummary:
        parsed = self.parsed
        # a retried transaction starts again from zero
        self.summary = LoadSummary(
            parsed.municipality,
            parsed.round_label,
            "created",
            len(parsed.persons),
            parsed.respondents,
            parsed.contacts_per_frequency,
            len(parsed.political),
        )
        # the lock first, the checksum after it: see cypher/write/lock_round.cypher
        locked = tx.run(statement("lock_round"), self.params)
        stored = locked.single(strict=True)["checksum"]
        self.count(locked.consume().counters)
        if stored is not None:
            if stored == parsed.checksum:
                self.summary.action = "unchanged"
                return self.summary
            if not self.replace:
                raise RoundExistsError(
                    f"{parsed.municipality} {parsed.round_label} is already loaded with different data; "
                    "use replace (--replace) to swap it for these files"
                )
            self.summary.action = "replaced"
            self.run(tx, "delete_round")
        functions = {f.key: f for f in (*FUNCTIONS, *parsed.functions)}
        self.run(
            tx,
            "round",
            checksum=parsed.checksum,
            names_stored=parsed.names_stored,
            functions=[{"key": f.key, "nb": f.nb, "en": f.en} for f in functions.values()],
        )
        bodies: dict[str, dict[str, str]] = {}
        for a in parsed.political:  # the first spelling of a body names it
            bodies.setdefault(a.body_key, {"key": a.body_key, "name": a.body_name, "kind": a.body_kind})
        political = [
            {"person_id": a.person_id, "body_key": a.body_key, "contact_type": a.contact_type, "frequency": a.frequency}
            for a in parsed.political
        ]
        total = len(parsed.persons) + len(parsed.contacts) + len(political)
        with tqdm(total=total, unit="rows", disable=not self.progress, leave=False) as bar:
            for batch in _batches(parsed.persons):
                rows = [
                    {"person_id": p.person_id, "name": p.name, "responded": p.responded, "unit": p.unit, "role": p.role}
                    for p in batch
                ]
                # by function: the Function nodes are the only nodes that rounds of different
                # municipalities share, so concurrent loads (load_rounds) take most of their
                # locks in one order. A deadlock on them is still possible (seen about once in
                # 700 rounds); the driver retries the transaction, as for any transient error.
                covers = sorted(
                    ((i, key, rank) for i, p in enumerate(batch) for rank, key in enumerate(p.functions)),
                    key=lambda cover: cover[1],
                )
                self.run_all(tx, "persons", len(rows), rows=rows, covers=covers)
                bar.update(len(batch))
            for batch in _batches(parsed.contacts):
                params = _contact_batch(batch)
                self.run_all(tx, "contacts", len(params["persons"]), **params)
                bar.update(len(batch))
            for name, rows in (("political_bodies", list(bodies.values())), ("political_contacts", political)):
                for batch in _batches(rows):
                    self.run(tx, name, rows=batch)
            bar.update(len(political))
        if self.replace:
            self.run(tx, "delete_orphans")
        command = "replace" if self.summary.action == "replaced" else "load"
        audit.record(tx, command, parsed.municipality, parsed.round_label, parsed.checksum)
        return self.summary


def load_round(
    driver: Driver, parsed: ParsedRound, *, replace: bool = False, database: str | None = None, progress: bool = False
) -> LoadSummary:
    """Write ``parsed`` in one transaction.

    Parameters
    ----------
    driver : neo4j.Driver
    parsed : ParsedRound
        From :func:`ingest.read_round`.
    replace : bool
        Swap an already loaded round with different content for this one.
    database : str, optional
        Target database (the server's default when ``None``).
    progress : bool
        Show a progress bar on stderr.

    Returns
    -------
    LoadSummary
        ``action == "unchanged"`` when identical content was already loaded.

    Raises
    ------
    RoundExistsError
        The round is loaded with different content and ``replace`` is false; nothing written.
    """
    # OFF: a first load on an empty database would warn that property keys do not exist yet
    with driver.session(database=database, notifications_min_severity="OFF") as session:
        return session.execute_write(_Round(parsed, replace=replace, progress=progress))


def load_rounds(
    driver: Driver,
    rounds: Iterable[ParsedRound],
    *,
    workers: int = LOAD_WORKERS,
    replace: bool = False,
    database: str | None = None,
) -> list[LoadSummary]:
    """Write several rounds, those of different municipalities concurrently.

    Each round is written by :func:`load_round`: its own all-or-nothing transaction, with the
    municipality's and the round's locks, so the outcome is that of loading the rounds one
    after the other. Rounds of one municipality are written in the order given, one at a
    time (they share persons). ``rounds`` is read lazily, in the caller's thread, while
    earlier rounds are written: a generator that parses files (:func:`ingest.read_round`)
    overlaps parsing with writing, and at most ``2 * workers`` parsed rounds wait in memory.

    Parameters
    ----------
    driver : neo4j.Driver
        Shared by the threads (the driver is thread-safe; each load opens its own session).
    rounds : iterable of ParsedRound
    workers : int
        Rounds written at once; 1 writes them one after the other.
    replace, database
        As for :func:`load_round`, for every round.

    Returns
    -------
    list of LoadSummary
        One per round, in the order of ``rounds``.

    Raises
    ------
    RoundExistsError, Exception
        The first failure of a round (its transaction wrote nothing). Rounds that had already
        committed stay loaded, as they would one after the other; no further round is started
        (loading the same rounds again skips the loaded ones: identical data is a no-op).
    """
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    guard = threading.Lock()
    waiting: dict[str, deque[tuple[int, ParsedRound]]] = {}  # behind the round being written
    summaries: dict[int, LoadSummary] = {}
    failures: list[BaseException] = []
    room = threading.Semaphore(2 * workers)  # parsed rounds taken from `rounds`, not yet written

    def write(municipality: str) -> None:
        """Write the municipality's rounds as they come, until none waits."""
        while True:
            with guard:
                queue = waiting[municipality]
                if not queue or failures:
                    for _ in queue:  # not started after a failure: their room is free again
                        room.release()
                    del waiting[municipality]
                    return
                index, parsed = queue.popleft()
            try:
                summaries[index] = load_round(driver, parsed, replace=replace, database=database)
            except BaseException as error:  # reported by the caller's thread below
                with guard:
                    failures.append(error)
            finally:
                room.release()

    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="load_rounds") as pool:
        try:
            for index, parsed in enumerate(rounds):
                room.acquire()
                with guard:
                    if failures:
                        break
                    queue = waiting.get(parsed.municipality)
                    writing = queue is not None
                    if not writing:
                        queue = waiting[parsed.municipality] = deque()
                    queue.append((index, parsed))
                if not writing:
                    pool.submit(write, parsed.municipality)
        except BaseException as error:  # e.g. a ValidationError of the caller's parsing
            with guard:
                failures.append(error)  # the writers start no further round
            raise
    if failures:
        raise failures[0]
    return [summaries[index] for index in sorted(summaries)]


def delete_round(driver: Driver, municipality: str, round_label: str, *, database: str | None = None) -> DeleteSummary:
    """Delete one loaded round of ``municipality`` in one transaction.

    Removes the round's roster memberships, functions, contacts and political contacts, then
    persons and political bodies left in no round, then the round itself, and the
    municipality when it has no round left. Other rounds and municipalities, and the shared
    function vocabulary, are not touched.

    Raises
    ------
    ValueError
        The round is not loaded; nothing is changed.
    """
    params = {"municipality": municipality, "round": round_label}

    def work(tx: ManagedTransaction) -> DeleteSummary:
        locked = tx.run(statement("lock_municipality"), params).single() is not None
        stored = tx.run(statement("round_checksum"), params).single() if locked else None
        if stored is None:
            raise ValueError(f"{municipality} {round_label} is not loaded; nothing deleted")
        summary = DeleteSummary(municipality, round_label)
        for name in ("delete_round", "delete_orphans"):
            summary.add(tx.run(statement(name), params).consume().counters)
        removed = tx.run(statement("remove_round"), params)
        summary.rounds_left = removed.single(strict=True)["rounds_left"]
        summary.add(removed.consume().counters)
        audit.record(tx, "delete-round", municipality, round_label, stored["checksum"])
        return summary

    with driver.session(database=database) as session:
        return session.execute_write(work)


def set_alias(driver: Driver, municipality: str, letter: str, *, database: str | None = None) -> None:
    """Set the anonymised alias shown for ``municipality`` at gatherings.

    ``letter`` is a single capital letter (``A``) or a short label starting with one (at
    most 12 characters: letters, digits, space, ``-``). Raises ``ValueError`` when the label
    is not valid, the municipality is not loaded, or another municipality has the alias.
    """
    if not _ALIAS.match(letter):
        raise ValueError(
            f"alias {letter!r} is not valid; expected a capital letter such as 'A', or a short label "
            "starting with one (at most 12 letters, digits, spaces or '-')"
        )
    records, _, _ = driver.execute_query(
        statement("set_alias"), {"municipality": municipality, "alias": letter}, database_=database
    )
    if not records:
        raise ValueError(f"no municipality named {municipality!r} is loaded")
    if records[0]["taken"]:
        raise ValueError(f"alias {letter!r} is already used by {', '.join(records[0]['taken'])}")
