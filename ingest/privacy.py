"""Data-protection writes and reads: erase one person, purge a municipality, read one person's record.

The survey names municipal staff, so the municipality is the controller and netkart must let
it answer an erasure request (GDPR art. 17, :func:`erase_person`), an access request (art. 15,
:func:`person_record`) and end its processing altogether (:func:`purge_municipality`). See
docs/privacy.md.

Erasure and purge are writers like a load: each runs in **one** write transaction that first
takes the municipality's lock and every one of its rounds' (``lock_municipality``,
``lock_rounds``), so it waits for a running load, replace or delete of that municipality and
they wait for it; it is all-or-nothing, and its :class:`cypher.audit.AuditEvent` is written in
the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from cypher import audit, statement
from cypher.model import Person, erased_entry, erased_numbers, pseudonym_numbers
from ingest.writer import _count

if TYPE_CHECKING:
    from neo4j import Driver, ManagedTransaction, SummaryCounters

__all__ = ["PersonNotFound", "RemovalSummary", "erase_person", "person_record", "purge_municipality"]


class PersonNotFound(LookupError):
    """No person of that id in the municipality; the message says how to find the ids."""

    def __init__(self, municipality: str, person_id: str) -> None:
        super().__init__(
            f"no person {person_id!r} in {municipality}; a round's persons and their ids are listed by "
            f"`netkart query view_persons --param municipality={municipality} --param round=ROUND --show-names`"
        )


@dataclass
class RemovalSummary:
    """What an erasure or a purge removed: the rounds concerned and the server's counters."""

    municipality: str
    rounds: list[str] = field(default_factory=list)
    nodes_deleted: int = 0
    relationships_deleted: int = 0

    def add(self, counters: SummaryCounters) -> None:
        self.nodes_deleted += counters.nodes_deleted
        self.relationships_deleted += counters.relationships_deleted

    @property
    def removed(self) -> str:
        return f"{_count(self.nodes_deleted, 'node')} and {_count(self.relationships_deleted, 'relationship')}"


def _lock(tx: ManagedTransaction, municipality: str) -> list[str]:
    """Take the municipality's and all its rounds' write locks; its round labels."""
    params = {"municipality": municipality}
    if tx.run(statement("lock_municipality"), params).single() is None:
        raise LookupError(f"no municipality named {municipality!r} is loaded; nothing changed")
    return [row["round"] for row in tx.run(statement("lock_rounds"), params)]


def erase_person(driver: Driver, municipality: str, person_id: str, *, database: str | None = None) -> RemovalSummary:
    """Remove one person from every round of ``municipality``, in one transaction.

    Deletes the person's node with their roster memberships, functions, ties (reported by them
    or by others) and political contacts, then political bodies nobody reports contact with
    any more. Every round of the municipality is stamped as changed (``mark_erased``), so the
    catalogue's generation changes and other persons' measures are computed afresh on the
    next read. No other person is renamed.

    Returns
    -------
    RemovalSummary
        ``rounds`` are the rounds the person was on.

    Raises
    ------
    LookupError
        The municipality is not loaded, or :class:`PersonNotFound`; nothing is changed.
    """

    def work(tx: ManagedTransaction) -> RemovalSummary:
        _lock(tx, municipality)
        summary = RemovalSummary(municipality)
        number = _pseudonym_number(tx, municipality, person_id)
        erased = tx.run(statement("erase_person"), {"municipality": municipality, "person_id": person_id})
        row = erased.single()
        if row is None:
            raise PersonNotFound(municipality, person_id)
        summary.rounds = sorted(row["rounds"])
        summary.add(erased.consume().counters)
        summary.add(tx.run(statement("delete_orphans"), {"municipality": municipality}).consume().counters)
        params = {"municipality": municipality, "rounds": summary.rounds, "numbers": number}
        tx.run(statement("mark_erased"), params).consume()
        audit.record(tx, "person erase", municipality)
        return summary

    with driver.session(database=database) as session:
        return session.execute_write(work)


def _pseudonym_number(tx: ManagedTransaction, municipality: str, person_id: str) -> list[str]:
    """The person's pseudonym number as stored among the erased (``["services:3"]``), or ``[]``
    when they are on no round; numbered as every reader numbers (:func:`pseudonym_numbers`)."""
    rows = list(tx.run(statement("pseudonym_roster"), {"municipality": municipality}))
    latest = {row["person_id"]: Person(row["person_id"], tuple(row["functions"]), True) for row in rows}
    erased = erased_numbers(rows[0]["erased"]) if rows else frozenset()
    numbers = pseudonym_numbers(latest.values(), erased)
    if person_id not in numbers:
        return []
    return [erased_entry(*numbers[person_id])]


def purge_municipality(driver: Driver, municipality: str, *, database: str | None = None) -> RemovalSummary:
    """Remove ``municipality`` with all its rounds, persons, bodies and alias, in one transaction.

    The shared function vocabulary, other municipalities and the audit log stay.

    Raises
    ------
    LookupError
        The municipality is not loaded; nothing is changed.
    """

    def work(tx: ManagedTransaction) -> RemovalSummary:
        summary = RemovalSummary(municipality, _lock(tx, municipality))
        summary.add(tx.run(statement("purge_municipality"), {"municipality": municipality}).consume().counters)
        audit.record(tx, "municipality purge", municipality)
        return summary

    with driver.session(database=database) as session:
        return session.execute_write(work)


def person_record(driver: Driver, municipality: str, person_id: str, *, database: str | None = None) -> dict[str, Any]:
    """Everything stored about one person, read in one transaction (``person_record.cypher``).

    Returns
    -------
    dict
        ``person`` (the node's properties), ``rosters``, ``functions``, ``reported``,
        ``reported_by_others`` and ``political``: lists of maps with a ``round`` each; other
        persons appear by ``person_id`` only.

    Raises
    ------
    PersonNotFound
    """
    records, _, _ = driver.execute_query(
        statement("person_record"),
        {"municipality": municipality, "person_id": person_id},
        database_=database,
        routing_="r",
    )
    if not records:
        raise PersonNotFound(municipality, person_id)
    return records[0].data()
