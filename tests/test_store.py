"""analytics.store on the real Neo4j: views, political contacts, and GDS versus the fallback."""

from __future__ import annotations

import networkx as nx
import pytest
from conftest import wipe
from neo4j import Driver
from test_queries import ALESUND_2013, KARATE, NETWORKS, THRESHOLD_LEVELS, load_network

from analytics import store
from cypher.model import Arc, Person, PoliticalContact
from ingest import set_alias


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
        store.MunicipalityInfo("Namsos", "D", ("2013",)),
        store.MunicipalityInfo("Ålesund", None, ("2011", "2013")),
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
    assert with_gds or name != "components", "every view has at least one component"


def test_fallback_results_by_hand(loaded: Driver) -> None:
    # ALESUND_2011 at weekly (12 persons): p01 tied to p02, p03 and p06; p08–p13–p11; p04–p05;
    # p07 (only a monthly tie), p09 and p10 alone.
    arguments = (loaded, "Ålesund", "2011", "weekly")
    assert [c["person_ids"] for c in store.components(*arguments, use_gds=False)] == [
        ["p01", "p02", "p03", "p06"],
        ["p08", "p11", "p13"],
        ["p04", "p05"],
        ["p07"],
        ["p09"],
        ["p10"],
    ]
    assert [r["person_id"] for r in store.bridge_persons(*arguments, use_gds=False)] == ["p01", "p13"]
    assert [(r["person_a"], r["person_b"]) for r in store.bridge_ties(*arguments, use_gds=False)] == [
        ("p01", "p02"),
        ("p01", "p03"),
        ("p01", "p06"),
        ("p04", "p05"),
        ("p08", "p13"),
        ("p11", "p13"),
    ]
    # n = 12: p01 lies on the 3 paths among p02, p03, p06, p13 on 1: normalised by 55.
    assert store.brokers(*arguments, use_gds=False) == [
        {"person_id": "p01", "betweenness": round(3 / 55, 12), "score": 3.0},
        {"person_id": "p13", "betweenness": round(1 / 55, 12), "score": 1.0},
    ]


def test_graph_query_rejects_other_names(loaded: Driver) -> None:
    with pytest.raises(KeyError, match="not a graph query"):
        store.graph_query(loaded, "view_ties", "Namsos", "2013", "daily")


def test_karate_betweenness_through_the_store(loaded: Driver) -> None:
    expected = nx.betweenness_centrality(KARATE.graph("monthly"))
    for use_gds in (True, False):
        rows = store.brokers(loaded, "Namsos", "2013", "monthly", use_gds=use_gds)
        assert {r["person_id"]: r["betweenness"] for r in rows} == pytest.approx(
            {p: v for p, v in expected.items() if v > 0}, abs=1e-9
        )
