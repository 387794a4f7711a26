"""Contact with the political side: how many of the network reach each body, and how.

The survey's second part asks each person about contact with the mayor (ordfører), the
executive committee (formannskap), the council (kommunestyre/bystyre) and named committees,
and of which kind: information exchange, professional discussion, political discussion.
The report reads off the share of the network in contact with each body and the kinds of
contact ("mostly information exchange; few political discussions"). The summary is about the
round's roster and does not depend on the contact threshold of the view.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from analytics.view import View
from cypher.model import CONTACT_TYPES, POLITICAL_BODY_KINDS, PoliticalContact

__all__ = ["political_summary"]


def _share(count: int, total: int) -> float | None:
    return count / total if total else None


def political_summary(contacts: Iterable[PoliticalContact], view: View) -> dict:
    """Persons in contact with each political body, overall and by contact type.

    Only persons on the view's roster count; a person with several contacts with a body (or
    several kinds) counts once per body and once per kind.

    Returns
    -------
    dict
        ``persons`` (roster size), ``persons_in_contact`` (with any body), ``share_in_contact``,
        ``by_type`` (contact type → persons with that kind of contact with any body), and
        ``bodies``: one entry per body — ``key``, ``name``, ``kind``, ``persons``, ``share``,
        ``by_type`` — ordered mayor, executive committee, council, committees (by name).
        Shares are ``None`` for an empty roster.
    """
    roster = view.person_by_id
    total = len(roster)
    bodies: dict[str, dict] = {}
    reached: dict[str, set[str]] = defaultdict(set)
    typed: dict[tuple[str, str], set[str]] = defaultdict(set)
    anyone: set[str] = set()
    any_typed: dict[str, set[str]] = defaultdict(set)
    for contact in contacts:
        if contact.person_id not in roster:
            continue
        bodies.setdefault(
            contact.body_key, {"key": contact.body_key, "name": contact.body_name, "kind": contact.body_kind}
        )
        reached[contact.body_key].add(contact.person_id)
        typed[contact.body_key, contact.contact_type].add(contact.person_id)
        anyone.add(contact.person_id)
        any_typed[contact.contact_type].add(contact.person_id)

    def kind_order(body: dict) -> tuple[int, str]:
        kind = body["kind"]
        rank = POLITICAL_BODY_KINDS.index(kind) if kind in POLITICAL_BODY_KINDS else len(POLITICAL_BODY_KINDS)
        return rank, body["name"]

    entries = []
    for body in sorted(bodies.values(), key=kind_order):
        count = len(reached[body["key"]])
        by_type = {kind: len(typed[body["key"], kind]) for kind in CONTACT_TYPES}
        entries.append({**body, "persons": count, "share": _share(count, total), "by_type": by_type})
    return {
        "persons": total,
        "persons_in_contact": len(anyone),
        "share_in_contact": _share(len(anyone), total),
        "by_type": {kind: len(any_typed[kind]) for kind in CONTACT_TYPES},
        "bodies": entries,
    }
