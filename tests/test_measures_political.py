"""Political contact summary and pseudonyms for anonymised views."""

from __future__ import annotations

from dataclasses import replace

import pytest

from analytics.anonymise import pseudonyms
from analytics.metrics import compute_metrics
from analytics.political import political_summary
from analytics.synthetic import view_from_edges
from cypher.model import PoliticalContact

VIEW = view_from_edges(
    [("p1", "p2"), ("p3", "p4")],
    functions={"p1": "services", "p2": ("allocation", "services"), "p3": "services", "p4": "community_planning"},
)

MAYOR = ("mayor", "Ordfører", "mayor")
HEALTH = ("hov", "Helse- og velferdskomiteen", "committee")
COUNCIL = ("ks", "Kommunestyret", "council")


def contact(person, body, kind):
    return PoliticalContact(person, *body, contact_type=kind)


def test_political_summary_counts_persons_per_body_and_type():
    contacts = [
        contact("p1", MAYOR, "information"),
        contact("p1", MAYOR, "political"),  # p1 counts once for the mayor, once per kind
        contact("p2", HEALTH, "information"),
        contact("p3", HEALTH, "professional"),
        contact("p3", COUNCIL, "information"),
        contact("outsider", COUNCIL, "information"),  # not on this round's roster: ignored
    ]
    summary = political_summary(contacts, VIEW)
    assert summary["persons"] == 4
    assert summary["persons_in_contact"] == 3  # p1, p2, p3
    assert summary["share_in_contact"] == pytest.approx(3 / 4)
    # information: p1, p2, p3; professional: p3; political: p1
    assert summary["by_type"] == {"information": 3, "professional": 1, "political": 1}
    # ordered mayor, executive committee, council, committees
    assert [b["key"] for b in summary["bodies"]] == ["mayor", "ks", "hov"]
    mayor, council, health = summary["bodies"]
    assert mayor == {
        "key": "mayor",
        "name": "Ordfører",
        "kind": "mayor",
        "persons": 1,
        "share": pytest.approx(1 / 4),
        "by_type": {"information": 1, "professional": 0, "political": 1},
    }
    assert council["persons"] == 1
    assert health["persons"] == 2
    assert health["by_type"] == {"information": 1, "professional": 1, "political": 0}


def test_political_summary_without_contacts_is_in_metrics():
    result = compute_metrics(VIEW)
    assert result["political"] == {
        "persons": 4,
        "persons_in_contact": 0,
        "share_in_contact": 0.0,
        "by_type": {"information": 0, "professional": 0, "political": 0},
        "bodies": [],
    }
    with_contact = compute_metrics(VIEW, [contact("p4", MAYOR, "information")])
    assert with_contact["political"]["persons_in_contact"] == 1


def test_pseudonyms_number_within_primary_function_by_person_id():
    # services (primary): p1, p3 → 1, 2; allocation: p2 (its first function); planning: p4.
    assert pseudonyms(VIEW, "nb") == {
        "p1": "Tjenester 1",
        "p2": "Tildeling 1",
        "p3": "Tjenester 2",
        "p4": "Samfunnsplanlegging 1",
    }
    assert pseudonyms(VIEW, "en")["p4"] == "Community planning 1"


def test_pseudonyms_never_use_names_and_are_stable():
    plain = view_from_edges([("b", "a")], functions={"a": "counselling", "b": "counselling"})
    named = replace(plain, persons=tuple(replace(p, name=f"Kari {p.person_id}") for p in plain.persons))
    result = pseudonyms(named, "nb")
    assert result == {"a": "Rådgivning 1", "b": "Rådgivning 2"}
    assert not any("Kari" in label for label in result.values())
    with pytest.raises(ValueError, match="unknown language"):
        pseudonyms(named, "sv")
