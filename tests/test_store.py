"""analytics.store on the real Neo4j: views read as one snapshot, political contacts, GDS versus
the fallback, and anonymised query rows."""

from __future__ import annotations

import itertools
import json
import threading

import networkx as nx
import pytest
from conftest import wipe
from neo4j import Driver
from test_queries import ALESUND_2013, KARATE, NETWORKS, THRESHOLD_LEVELS, Network, load_network

from analytics import store
from analytics.view import View
from cypher.model import Arc, MunicipalityInfo, Person, PoliticalContact
from ingest import delete_round, load_round, set_alias


@pytest.fixture(scope="module")
def loaded(driver: Driver, tmp_path_factory: pytest.TempPathFactory) -> Driver:
    wipe(driver)
    folder = tmp_path_factory.mktemp("store")
    for network in NETWORKS:
        load_network(driver, folder, network)
    set_alias(driver, "Namsos", "D")
    return driver


def test_list_municipalities(loaded: Driver) -> None:
    assert store.list_municipalities(loaded) == [
        MunicipalityInfo("Namsos", "D", ("2013",)),
        MunicipalityInfo("Ålesund", None, ("2011", "2013")),
    ]


@pytest.mark.parametrize("threshold", THRESHOLD_LEVELS)
@pytest.mark.parametrize("network", NETWORKS, ids=lambda n: f"{n.municipality}-{n.round}")
def test_load_view_is_the_survey_at_the_threshold(loaded: Driver, network, threshold: str) -> None:
    view = store.load_view(loaded, network.municipality, network.round, threshold)
    assert (view.municipality, view.round, view.threshold) == (network.municipality, network.round, threshold)
    assert view.persons == tuple(
        Person(pid, functions, pid not in network.silent, f"Åse Ødegård {pid}")
        for pid, functions in sorted(network.persons.items())
    )
    assert set(view.arcs) == {Arc(*arc) for arc in network.arcs_at(threshold)}
    assert len(view.arcs) == len(network.arcs_at(threshold))
    expected = network.graph(threshold)
    assert nx.utils.graphs_equal(nx.Graph(view.graph.edges()), nx.Graph(expected.edges()))
    assert set(view.graph.nodes) == set(expected.nodes)


def test_load_view_carries_the_alias(loaded: Driver) -> None:
    assert store.load_view(loaded, "Namsos", "2013", "daily").alias == "D"
    assert store.load_view(loaded, "Ålesund", "2013", "daily").alias is None


def test_load_view_names_what_exists_when_asked_for_what_does_not(loaded: Driver) -> None:
    with pytest.raises(LookupError, match=r"no municipality 'Molde'.*known: Namsos, Ålesund"):
        store.load_view(loaded, "Molde", "2013", "daily")
    with pytest.raises(LookupError, match=r"Ålesund has no survey round '2015'; its rounds: 2011, 2013"):
        store.load_view(loaded, "Ålesund", "2015", "daily")
    with pytest.raises(ValueError, match="unknown threshold 'yearly'"):
        store.load_view(loaded, "Ålesund", "2013", "yearly")


def test_load_political(loaded: Driver) -> None:
    contacts = store.load_political(loaded, "Ålesund", "2013")
    assert len(contacts) == len(ALESUND_2013.political)
    assert PoliticalContact("p02", "mayor", "Ordfører", "mayor", "information", "weekly") in contacts
    committee = PoliticalContact(
        "p01", "executive_committee", "Formannskapet", "executive_committee", "professional", "less_often"
    )
    assert committee in contacts
    assert store.load_political(loaded, "Ålesund", "2011") == []


def test_gds_is_detected(loaded: Driver) -> None:
    assert store.gds_available(loaded), "the test server must have GDS; `netkart db status` shows its version"


@pytest.mark.parametrize("name", store.GRAPH_QUERIES)
@pytest.mark.parametrize("threshold", THRESHOLD_LEVELS)
@pytest.mark.parametrize("network", NETWORKS, ids=lambda n: f"{n.municipality}-{n.round}")
def test_fallback_gives_the_same_rows_as_gds(loaded: Driver, network, threshold: str, name: str) -> None:
    arguments = (loaded, name, network.municipality, network.round, threshold)
    with_gds = store.graph_query(*arguments, use_gds=True)
    without = store.graph_query(*arguments, use_gds=False)
    # Floats agree to rounding: both are rounded to 12 decimals, and GDS's last bits can fall
    # on the other side of a rounding step than the fallback's.
    close = [{k: pytest.approx(v, abs=1e-9) if isinstance(v, float) else v for k, v in row.items()} for row in without]
    assert close == with_gds
    assert with_gds or name not in ("parts", "cut_points"), "every test view has a part with a cut point"


def test_fallback_results_by_hand(loaded: Driver) -> None:
    # ALESUND_2011 at weekly (12 persons): p01 tied to p02, p03 and p06; p08–p13–p11; p04–p05;
    # p07 (only a monthly tie), p09 and p10 alone.
    arguments = (loaded, "Ålesund", "2011", "weekly")

    def rows(name: str) -> list[dict]:
        return store.graph_query(loaded, name, *arguments[1:], use_gds=False)

    assert [c["person_ids"] for c in rows("parts")] == [
        ["p01", "p02", "p03", "p06"],
        ["p08", "p11", "p13"],
        ["p04", "p05"],
    ]
    assert [r["person_id"] for r in rows("cut_points")] == ["p01", "p13"]
    # n = 12, bar 3: p01 cuts off 2 (pieces of one), p13 one: no bridge-builder.
    assert rows("bridge_builders") == []
    assert [(r["person_a"], r["person_b"]) for r in rows("bridge_ties")] == [
        ("p01", "p02"),
        ("p01", "p03"),
        ("p01", "p06"),
        ("p04", "p05"),
        ("p08", "p13"),
        ("p11", "p13"),
    ]
    # n = 12: p01 lies on the 3 paths among p02, p03, p06, p13 on 1: normalised by 55.
    assert rows("betweenness") == [
        {"person_id": "p01", "betweenness": round(3 / 55, 12), "score": 3.0},
        {"person_id": "p13", "betweenness": round(1 / 55, 12), "score": 1.0},
    ]


def test_graph_query_rejects_other_names(loaded: Driver) -> None:
    with pytest.raises(KeyError, match="not a graph query"):
        store.graph_query(loaded, "view_ties", "Namsos", "2013", "daily")


def test_karate_betweenness_through_the_store(loaded: Driver) -> None:
    expected = nx.betweenness_centrality(KARATE.graph("monthly"))
    for use_gds in (True, False):
        rows = store.graph_query(loaded, "betweenness", "Namsos", "2013", "monthly", use_gds=use_gds)
        assert {r["person_id"]: r["betweenness"] for r in rows} == pytest.approx(
            {p: v for p, v in expected.items() if v > 0}, abs=1e-9
        )


# -- one snapshot per read ----------------------------------------------------------------------


def test_a_contact_off_the_roster_is_an_error_naming_the_round() -> None:
    persons = (Person("a", ("services",), True), Person("b", ("services",), True))
    with pytest.raises(ValueError, match=r"Molde, round 2013: the contact a → z names 'z', who is not on the round"):
        View("Molde", "2013", "daily", persons, (Arc("a", "b", "daily"), Arc("a", "z", "daily")))


def _version(prefix: str) -> Network:
    """A chain of six persons named ``prefix``01 … 06 with a political contact each."""
    ids = [f"{prefix}{i:02d}" for i in range(1, 7)]
    return Network(
        "Molde",
        "2013",
        persons={pid: ("services",) for pid in ids},
        arcs=[(a, b, "daily") for a, b in itertools.pairwise(ids)],
        political=[(pid, "Ordfører", "informasjonsutveksling", "monthly") for pid in ids],
    )


def test_a_reader_never_mixes_two_versions_of_a_round(loaded: Driver, tmp_path) -> None:
    # One thread swaps the round between two rosters with disjoint ids (--replace) while this
    # thread reads it: every read must see one version whole — roster, contacts and political
    # contacts together.
    first = load_network(loaded, tmp_path / "a", _version("a"))
    second = load_network(loaded, tmp_path / "b", _version("b"), replace=True)
    swaps, done = 12, threading.Event()
    errors: list[BaseException] = []

    def swap() -> None:
        try:
            for i in range(swaps):
                load_round(loaded, (first, second)[i % 2], replace=True)
        except BaseException as error:  # reported by the reader's assertion below
            errors.append(error)
        finally:
            done.set()

    writer = threading.Thread(target=swap)
    writer.start()
    reads = 0
    try:
        while not done.is_set() or reads == 0:
            view, political = store.load_view_and_political(loaded, "Molde", "2013", "daily")
            prefixes = {p.person_id[0] for p in view.persons}
            assert len(prefixes) == 1 and len(view.persons) == 6, [p.person_id for p in view.persons]
            assert {arc.ego[0] for arc in view.arcs} | {arc.alter[0] for arc in view.arcs} == prefixes
            assert {contact.person_id[0] for contact in political} == prefixes
            reads += 1
    finally:
        writer.join()
        delete_round(loaded, "Molde", "2013")
    assert not errors, errors
    assert reads >= 1


# -- anonymised query rows ----------------------------------------------------------------------


def test_named_queries_are_anonymised_by_default(loaded: Driver) -> None:
    parameters = {"municipality": "Ålesund", "round": "2013"}
    persons = store.run_named_query(loaded, "view_persons", parameters)
    assert all(set(row) == {"person_id", "responded", "functions"} for row in persons)  # no name, unit, role
    # Services by id: p01, p02, p03, p10; allocation: p04, p05.
    by_function = {row["person_id"]: row["functions"][0] for row in persons}
    assert [p for p, f in by_function.items() if f == "services"] == [f"Tjenester {i}" for i in range(1, 5)]
    assert [p for p, f in by_function.items() if f == "allocation"] == ["Tildeling 1", "Tildeling 2"]
    english = store.run_named_query(loaded, "view_persons", parameters, lang="en")
    assert english[0]["person_id"] == "Services 1"
    text = json.dumps(persons, ensure_ascii=False)
    assert "Ødegård" not in text and '"p0' not in text and '"p1' not in text

    bodies = store.run_named_query(loaded, "political_contacts", parameters)
    assert {row["body_name"] for row in bodies} == {"Ordfører", "Formannskap", "Utvalg 1"}
    assert "velferd" not in json.dumps(bodies, ensure_ascii=False).lower()

    places = store.run_named_query(loaded, "municipalities", {})
    assert [row["municipality"] for row in places] == ["D", "#1"]  # Namsos has D; Ålesund none

    parts = store.run_named_query(loaded, "parts", parameters | {"threshold": "weekly"})
    assert parts[1]["person_ids"] == ["Boligsosial planlegging 1", "Samfunnsplanlegging 1"]  # p08, p12


def test_show_names_gives_the_rows_as_they_are(loaded: Driver) -> None:
    parameters = {"municipality": "Ålesund", "round": "2013"}
    rows = store.run_named_query(loaded, "view_persons", parameters, show_names=True)
    assert rows[0]["person_id"] == "p01" and rows[0]["name"] == "Åse Ødegård p01"
    bodies = store.run_named_query(loaded, "political_contacts", parameters, show_names=True)
    assert "Helse- og velferdsutvalget" in {row["body_name"] for row in bodies}
