"""The audit log: one ``AuditEvent`` node per command that loads, changes, removes or hands out data.

Loads, replaces and deletes record their event inside their own write transaction
(:mod:`ingest.writer`), erasures and purges too (:mod:`ingest.privacy`); ``person export``
and ``report`` record theirs from the CLI once they have succeeded. An event holds when, the
OS user, the command, the municipality, the round and the checksum of the data concerned,
and never a name or a person id (docs/privacy.md).
"""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cypher import statement

if TYPE_CHECKING:
    from neo4j import Driver, ManagedTransaction

__all__ = ["AuditEvent", "os_user", "read_events", "record"]


@dataclass(frozen=True)
class AuditEvent:
    """One recorded command; ``round`` is ``None`` when it concerned all of a municipality's rounds."""

    at: str
    user: str
    command: str
    municipality: str | None
    round: str | None
    checksum: str | None


def os_user() -> str:
    """The operating-system user running netkart (the uid when the system has no name for it)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # a container's uid without a passwd entry
        return f"uid {os.getuid()}"


def record(
    target: Driver | ManagedTransaction,
    command: str,
    municipality: str | None,
    round_label: str | None = None,
    checksum: str | None = None,
    *,
    database: str | None = None,
) -> None:
    """Write one :class:`AuditEvent`, inside the transaction ``target`` or on its own (a driver)."""
    parameters = {
        "user": os_user(),
        "command": command,
        "municipality": municipality,
        "round": round_label,
        "checksum": checksum,
    }
    if hasattr(target, "execute_query"):
        target.execute_query(statement("audit"), parameters, database_=database)
    else:
        target.run(statement("audit"), parameters).consume()


def read_events(driver: Driver, municipality: str | None = None, *, database: str | None = None) -> list[AuditEvent]:
    """The audit log, oldest first; only the events of ``municipality`` when given (its name)."""
    records, _, _ = driver.execute_query(
        statement("audit_events"), {"municipality": municipality}, database_=database, routing_="r"
    )
    return [AuditEvent(**row.data()) for row in records]
