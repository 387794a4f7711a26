"""The one anonymisation policy: labels of persons, municipalities and political bodies."""

from __future__ import annotations

import pytest

from analytics.anonymise import body_labels, municipality_labels, pseudonyms
from analytics.synthetic import view_from_edges
from cypher.model import MunicipalityInfo


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
