"""The one anonymisation policy: labels of persons, municipalities and political bodies."""

from __future__ import annotations

import itertools

import pytest

from analytics.anonymise import body_labels, municipality_labels, pseudonyms
from analytics.synthetic import view_from_edges
from cypher.model import MunicipalityInfo, Person, erased_numbers, pseudonym_numbers


def test_municipality_labels_never_show_a_name() -> None:
    infos = [
        MunicipalityInfo("Namsos", None, ()),
        MunicipalityInfo("Ålesund", "A", ()),
        MunicipalityInfo("Melhus", None, ()),
    ]
    # The unaliased by name: Melhus #1, Namsos #2; Ålesund keeps its letter.
    assert municipality_labels(infos) == {"Melhus": "#1", "Namsos": "#2", "Ålesund": "A"}
    assert municipality_labels([]) == {}


def test_body_labels_keep_kinds_and_number_committees_by_name() -> None:
    bodies = [
        ("Teknisk utvalg", "committee"),
        ("Ordfører", "mayor"),
        ("Helse- og velferdsutvalget", "committee"),
        ("Formannskapet", "executive_committee"),
        ("Bystyret", "council"),
        ("Teknisk utvalg", "committee"),  # reported twice, labelled once
    ]
    assert body_labels(bodies, "nb") == {
        "Ordfører": "Ordfører",
        "Formannskapet": "Formannskap",
        "Bystyret": "Kommunestyre",
        "Helse- og velferdsutvalget": "Utvalg 1",  # H before T
        "Teknisk utvalg": "Utvalg 2",
    }
    english = body_labels(bodies, "en")
    assert english["Helse- og velferdsutvalget"] == "Committee 1" and english["Bystyret"] == "Council"
    with pytest.raises(ValueError, match="unknown language 'de'"):
        body_labels(bodies, "de")


def test_pseudonyms_number_persons_within_their_primary_function() -> None:
    view = view_from_edges(
        [("b", "a")], persons=("c", "d"), functions={"a": "services", "b": "allocation", "c": "services"}
    )
    # Services by id: a, c, and d (the default function); allocation: b.
    assert pseudonyms(view, "nb") == {"a": "Tjenester 1", "b": "Tildeling 1", "c": "Tjenester 2", "d": "Tjenester 3"}
    assert pseudonyms(view, "en")["b"] == "Allocation 1"


def test_erasures_in_any_order_renumber_no_one_else() -> None:
    """Every order of erasing persons one by one from a roster of two functions (5! orders):
    after each erasure, recorded as the erased person's pair, everyone left keeps their number."""
    roster = [Person(pid, (function,), True) for pid, function in zip("abcde", "SSASS", strict=True)]
    first = pseudonym_numbers(roster)
    assert first == {"a": ("S", 1), "b": ("S", 2), "c": ("A", 1), "d": ("S", 3), "e": ("S", 4)}
    for order in itertools.permutations("abcde"):
        left, erased = list(roster), set()
        for person_id in order:
            erased.add(pseudonym_numbers(left, erased)[person_id])
            left = [p for p in left if p.person_id != person_id]
            assert pseudonym_numbers(left, erased) == {p.person_id: first[p.person_id] for p in left}


def test_erased_numbers_read_the_stored_pairs() -> None:
    assert erased_numbers(["services:3", "other:12"]) == {("services", 3), ("other", 12)}
    assert erased_numbers(None) == frozenset()
    view = view_from_edges([("b", "a")], persons=("c", "d"), functions={"a": "services", "c": "services"})
    # a is Tjenester 1; with Tjenester 2 erased earlier, c and d are 3 and 4.
    assert pseudonyms(view, "nb", {("services", 2)}) == {
        "a": "Tjenester 1",
        "b": "Tjenester 3",
        "c": "Tjenester 4",
        "d": "Tjenester 5",
    }
