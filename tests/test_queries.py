"""The Cypher query library on the real Neo4j, each result cross-checked against networkx.

Networks are written as semicolon CSV files with Norwegian labels and loaded through the real
ingest path (``read_round`` + ``load_round``). The expected values are computed here with
networkx from the same lists of reported contacts, independently of the code under test.
"""

from __future__ import annotations

import csv
import itertools
import math
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pytest
from conftest import wipe
from neo4j import Driver
from neo4j.exceptions import ClientError
from test_measures_bridge_builders import brute_force_cut_off

import cypher
from cypher import list_queries, run_query
from cypher.model import FUNCTIONS
from ingest import SurveyFiles, load_round, read_round, set_alias
from ingest.survey import ParsedRound

THRESHOLD_LEVELS = {
    "daily": {"daily"},
    "weekly": {"daily", "weekly"},
    "monthly": {"daily", "weekly", "monthly"},
}
LABELS_NB = {
    "daily": "daglig",
    "weekly": "ukentlig",
    "monthly": "månedlig",
    "less_often": "sjeldnere",
    "never": "aldri",
}
RANK = {"daily": 0, "weekly": 1, "monthly": 2}
GDS_QUERIES = ("parts", "betweenness", "cut_points", "bridge_ties", "bridge_builders")
#: Queries about the server rather than the data: no rows is their normal answer.
MAY_BE_EMPTY = {"drop_stale_projections"}


@dataclass
class Network:
    """One municipality's round as the survey files give it.

    ``persons``: person id → function keys (first = primary); ``arcs``: (ego, alter,
    frequency) including 'less_often' and 'never', which are never ties; ``silent``: persons
    who did not respond; ``political``: (person, body label, contact type label, frequency).
    """

    municipality: str
    round: str
    persons: dict[str, tuple[str, ...]]
    arcs: list[tuple[str, str, str]]
    silent: set[str] = field(default_factory=set)
    political: list[tuple[str, str, str, str]] = field(default_factory=list)

    def arcs_at(self, threshold: str) -> set[tuple[str, str, str]]:
        return {arc for arc in self.arcs if arc[2] in THRESHOLD_LEVELS[threshold]}

    def graph(self, threshold: str) -> nx.Graph:
        graph = nx.Graph()
        graph.add_nodes_from(self.persons)
        graph.add_edges_from((ego, alter) for ego, alter, _ in self.arcs_at(threshold))
        return graph

    def primary(self, person: str) -> str:
        return self.persons[person][0]


def load_network(driver: Driver, folder: Path, network: Network, *, replace: bool = False) -> ParsedRound:
    """Write the network's roster, contacts and political files, load them with ingest and
    return the parsed round."""
    folder = folder / f"{network.municipality}-{network.round}"
    folder.mkdir(parents=True)
    nb = {f.key: f.nb for f in FUNCTIONS}

    def write(name: str, header: list[str], rows: list[list[str]]) -> Path:
        path = folder / name
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, delimiter=";")
            writer.writerow(header)
            writer.writerows(rows)
        return path

    roster = write(
        "roster.csv",
        ["person_id", "navn", "funksjoner", "svart"],
        [
            [pid, f"Åse Ødegård {pid}", ", ".join(nb[f] for f in functions), "nei" if pid in network.silent else "ja"]
            for pid, functions in network.persons.items()
        ],
    )
    contacts = write("contacts.csv", ["fra", "til", "frekvens"], [[e, a, LABELS_NB[f]] for e, a, f in network.arcs])
    political = None
    if network.political:
        political = write(
            "political.csv",
            ["person_id", "organ", "kontakttype", "frekvens"],
            [[p, body, kind, LABELS_NB[f]] for p, body, kind, f in network.political],
        )
    files = SurveyFiles(network.municipality, network.round, roster=roster, contacts=contacts, political=political)
    parsed = read_round(files)
    load_round(driver, parsed, replace=replace)
    return parsed


# The main test network: Ålesund 2013 and 2011.
ALESUND_2013 = Network(
    "Ålesund",
    "2013",
    persons={
        "p01": ("services", "allocation"),
        "p02": ("services",),
        "p03": ("services",),
        "p04": ("allocation",),
        "p05": ("allocation", "services"),
        "p06": ("instruments",),
        "p07": ("instruments",),
        "p08": ("housing_planning",),
        "p09": ("counselling",),
        "p10": ("services",),
        "p11": ("operation",),
        "p12": ("community_planning",),
    },
    arcs=[
        ("p01", "p02", "daily"),
        ("p02", "p01", "weekly"),
        ("p01", "p04", "daily"),
        ("p04", "p05", "daily"),
        ("p05", "p04", "weekly"),
        ("p01", "p06", "weekly"),
        ("p06", "p07", "daily"),
        ("p07", "p06", "daily"),
        ("p02", "p10", "monthly"),
        ("p03", "p09", "less_often"),
        ("p09", "p07", "never"),
        ("p08", "p12", "monthly"),
        ("p12", "p08", "daily"),
        ("p06", "p08", "monthly"),
        ("p03", "p05", "weekly"),
    ],
    silent={"p10", "p11"},
    political=[
        ("p01", "Ordfører", "informasjonsutveksling", "monthly"),
        ("p01", "Formannskapet", "faglig diskusjon", "less_often"),
        ("p02", "Ordfører", "informasjonsutveksling", "weekly"),
        ("p04", "Helse- og velferdsutvalget", "politisk diskusjon", "monthly"),
        ("p04", "Ordfører", "faglig diskusjon", "monthly"),
    ],
)
ALESUND_2011 = Network(
    "Ålesund",
    "2011",
    persons={pid: functions for pid, functions in ALESUND_2013.persons.items() if pid != "p12"}
    | {"p13": ("operation",)},
    arcs=[
        ("p01", "p02", "weekly"),
        ("p01", "p03", "daily"),
        ("p04", "p05", "daily"),
        ("p06", "p07", "monthly"),
        ("p08", "p13", "weekly"),
        ("p13", "p11", "daily"),
        ("p06", "p01", "daily"),
    ],
    silent={"p09"},
)
# Karate club as a larger network: members' arcs point from the lower to the higher number.
KARATE = Network(
    "Namsos",
    "2013",
    persons={
        f"k{n:02d}": (("services", "allocation")[data["club"] == "Officer"],)
        for n, data in nx.karate_club_graph().nodes(data=True)
    },
    arcs=[
        (f"k{u:02d}", f"k{v:02d}", ("daily", "weekly", "monthly")[(u + v) % 3])
        for u, v in nx.karate_club_graph().edges()
    ],
)
NETWORKS = (ALESUND_2013, ALESUND_2011, KARATE)


@pytest.fixture(scope="module")
def loaded(driver: Driver, tmp_path_factory: pytest.TempPathFactory) -> Driver:
    wipe(driver)
    folder = tmp_path_factory.mktemp("networks")
    for network in NETWORKS:
        load_network(driver, folder, network)
    set_alias(driver, "Ålesund", "A")
    return driver


def view(network: Network, threshold: str) -> dict[str, str]:
    return {"municipality": network.municipality, "round": network.round, "threshold": threshold}


VIEWS = [
    pytest.param(network, threshold, id=f"{network.municipality}-{network.round}-{threshold}")
    for network in NETWORKS
    for threshold in THRESHOLD_LEVELS
]


# -- the library itself --------------------------------------------------------------------


def test_library_has_the_required_queries() -> None:
    names = {q.name for q in list_queries()}
    assert {
        "view_persons",
        "view_ties",
        "view_arcs",
        "isolates",
        "parts",
        "betweenness",
        "cut_points",
        "bridge_ties",
        "bridge_builders",
        "function_isolates",
        "function_mixing",
        "political_contacts",
        "round_ties_diff",
        "municipalities_summary",
    } <= names


# -- views ------------------------------------------------------------------------------------


@pytest.mark.parametrize("network", NETWORKS, ids=lambda n: f"{n.municipality}-{n.round}")
def test_view_persons_is_the_roster_with_functions_in_order(loaded: Driver, network: Network) -> None:
    rows = run_query(loaded, "view_persons", {"municipality": network.municipality, "round": network.round})
    assert [r["person_id"] for r in rows] == sorted(network.persons)
    for row in rows:
        assert tuple(row["functions"]) == network.persons[row["person_id"]]
        assert row["responded"] is (row["person_id"] not in network.silent)
        assert row["name"] == f"Åse Ødegård {row['person_id']}"


@pytest.mark.parametrize(("network", "threshold"), VIEWS)
def test_view_arcs_are_the_reported_contacts_at_the_threshold(loaded: Driver, network: Network, threshold: str) -> None:
    rows = run_query(loaded, "view_arcs", view(network, threshold))
    assert {(r["ego"], r["alter"], r["frequency"]) for r in rows} == network.arcs_at(threshold)
    assert len(rows) == len(network.arcs_at(threshold))


@pytest.mark.parametrize(("network", "threshold"), VIEWS)
def test_view_ties_follow_the_union_rule(loaded: Driver, network: Network, threshold: str) -> None:
    rows = run_query(loaded, "view_ties", view(network, threshold))
    expected = network.graph(threshold)
    assert {(r["person_a"], r["person_b"]) for r in rows} == {tuple(sorted(e)) for e in expected.edges}
    assert len(rows) == expected.number_of_edges()
    arcs = network.arcs_at(threshold)
    for row in rows:
        a, b = row["person_a"], row["person_b"]
        reports = [f for e, x, f in arcs if {e, x} == {a, b}]
        assert row["frequency"] == min(reports, key=RANK.__getitem__)
        assert row["reciprocated"] is (len(reports) == 2)


def test_view_ties_by_hand(loaded: Driver) -> None:
    # p01 → p02 daily and p02 → p01 weekly: one daily, reciprocated tie; p03 → p09 is "less
    # often" and p09 → p07 "never": no tie at any threshold.
    rows = run_query(loaded, "view_ties", view(ALESUND_2013, "monthly"))
    assert rows[0] == {"person_a": "p01", "person_b": "p02", "frequency": "daily", "reciprocated": True}
    assert not {("p03", "p09"), ("p07", "p09")} & {(r["person_a"], r["person_b"]) for r in rows}


@pytest.mark.parametrize(("network", "threshold"), VIEWS)
def test_isolates(loaded: Driver, network: Network, threshold: str) -> None:
    rows = run_query(loaded, "isolates", view(network, threshold))
    assert [r["person_id"] for r in rows] == sorted(nx.isolates(network.graph(threshold)))
    for row in rows:
        assert tuple(row["functions"]) == network.persons[row["person_id"]]


def test_isolates_include_unnamed_non_respondents(loaded: Driver) -> None:
    rows = run_query(loaded, "isolates", view(ALESUND_2013, "monthly"))
    assert {"person_id": "p11", "responded": False, "functions": ["operation"]} in rows


# -- GDS graph queries --------------------------------------------------------------------------


def test_the_server_has_gds(loaded: Driver) -> None:
    row = run_query(loaded, "gds_available")[0]
    assert row["available"], f"GDS procedures missing on the test server; found only {row['procedures']}"


@pytest.mark.parametrize(("network", "threshold"), VIEWS)
def test_parts_match_networkx(loaded: Driver, network: Network, threshold: str) -> None:
    rows = run_query(loaded, "parts", view(network, threshold))
    components = nx.connected_components(network.graph(threshold))
    expected = sorted((sorted(c) for c in components if len(c) >= 2), key=lambda c: (-len(c), c))
    assert [r["person_ids"] for r in rows] == expected
    assert [r["part"] for r in rows] == list(range(1, len(expected) + 1))
    assert [r["size"] for r in rows] == [len(c) for c in expected]


@pytest.mark.parametrize(("network", "threshold"), VIEWS)
def test_betweenness_matches_networkx(loaded: Driver, network: Network, threshold: str) -> None:
    rows = run_query(loaded, "betweenness", view(network, threshold))
    graph = network.graph(threshold)
    # networkx normalises undirected betweenness by (n-1)(n-2)/2, as the query does.
    normalised = nx.betweenness_centrality(graph, normalized=True)
    raw = nx.betweenness_centrality(graph, normalized=False)
    assert {r["person_id"] for r in rows} == {p for p, value in raw.items() if value > 0}
    for row in rows:
        assert row["betweenness"] == pytest.approx(normalised[row["person_id"]], abs=1e-9)
        assert row["score"] == pytest.approx(raw[row["person_id"]], abs=1e-9)
    values = [r["betweenness"] for r in rows]
    assert values == sorted(values, reverse=True)


def test_betweenness_of_the_karate_club_matches_published_values(loaded: Driver) -> None:
    # Zachary's karate club: normalised betweenness of the instructor (node 0) is 0.4376 and of
    # the administrator (node 33) 0.3041 (UCINET, igraph and networkx agree).
    rows = {r["person_id"]: r["betweenness"] for r in run_query(loaded, "betweenness", view(KARATE, "monthly"))}
    assert rows["k00"] == pytest.approx(0.43763528, abs=1e-8)
    assert rows["k33"] == pytest.approx(0.30407497, abs=1e-8)


@pytest.mark.parametrize(("network", "threshold"), VIEWS)
def test_cut_points_are_articulation_points(loaded: Driver, network: Network, threshold: str) -> None:
    rows = run_query(loaded, "cut_points", view(network, threshold))
    assert [r["person_id"] for r in rows] == sorted(nx.articulation_points(network.graph(threshold)))


@pytest.mark.parametrize(("network", "threshold"), VIEWS)
def test_bridge_builders_match_brute_force_removal(loaded: Driver, network: Network, threshold: str) -> None:
    graph = network.graph(threshold)
    bar = max(2, math.ceil(0.2 * graph.number_of_nodes()))
    cut = {p: brute_force_cut_off(graph, p) for p in graph}
    expected = sorted(((p, c) for p, c in cut.items() if c >= bar), key=lambda item: (-item[1], item[0]))
    rows = run_query(loaded, "bridge_builders", view(network, threshold))
    assert [(r["person_id"], r["cut_off"]) for r in rows] == expected


@pytest.mark.parametrize(("network", "threshold"), VIEWS)
def test_bridge_ties_are_bridges(loaded: Driver, network: Network, threshold: str) -> None:
    rows = run_query(loaded, "bridge_ties", view(network, threshold))
    expected = sorted(tuple(sorted(e)) for e in nx.bridges(network.graph(threshold)))
    assert [(r["person_a"], r["person_b"]) for r in rows] == expected


def test_known_structure_of_the_main_network(loaded: Driver) -> None:
    # Hand-read from ALESUND_2013 at weekly: p01 links {p02}, {p04, p05, p03} and {p06, p07}.
    cut = [r["person_id"] for r in run_query(loaded, "cut_points", view(ALESUND_2013, "weekly"))]
    assert cut == ["p01", "p04", "p05", "p06"]
    parts = run_query(loaded, "parts", view(ALESUND_2013, "weekly"))
    assert [c["size"] for c in parts] == [7, 2]  # p09, p10, p11 are isolates, not parts
    # n = 12, bar max(2, ⌈2.4⌉) = 3: without p01 the largest piece is {p03, p04, p05}, so p01
    # cuts off 6 − 3 = 3; p04 cuts off 2 (p03, p05), p05 and p06 one each.
    builders = run_query(loaded, "bridge_builders", view(ALESUND_2013, "weekly"))
    assert builders == [{"person_id": "p01", "cut_off": 3}]


def test_projections_are_dropped(loaded: Driver) -> None:
    for name in GDS_QUERIES:
        run_query(loaded, name, view(ALESUND_2013, "weekly"))
    records, _, _ = loaded.execute_query("CALL gds.graph.list() YIELD graphName RETURN collect(graphName) AS names")
    assert [n for n in records[0]["names"] if n.startswith("netkart-")] == []


def test_drop_stale_projections_drops_only_netkart_leftovers(loaded: Driver) -> None:
    project = (
        "MATCH (p:Person {municipality: 'Ålesund'}) "
        "WITH gds.graph.project($name, p, null) AS graph RETURN graph.graphName AS name"
    )
    for name in ("netkart-leftover", "analyst-own"):
        loaded.execute_query(project, name=name)
    try:
        assert run_query(loaded, "drop_stale_projections", {"minutes": 10}) == []  # both are new
        rows = run_query(loaded, "drop_stale_projections", {"minutes": 0})
        assert [r["dropped"] for r in rows] == ["netkart-leftover"]
        records, _, _ = loaded.execute_query("CALL gds.graph.list() YIELD graphName RETURN collect(graphName) AS g")
        assert records[0]["g"] == ["analyst-own"]
    finally:
        loaded.execute_query("CALL gds.graph.drop('analyst-own', false) YIELD graphName RETURN graphName")


def test_graph_queries_on_an_unknown_round_give_no_rows_and_leave_no_projection(loaded: Driver) -> None:
    for name in GDS_QUERIES:
        assert run_query(loaded, name, {"municipality": "Ålesund", "round": "1999", "threshold": "daily"}) == []
    records, _, _ = loaded.execute_query("CALL gds.graph.list() YIELD graphName RETURN count(*) AS n")
    assert records[0]["n"] == 0


# -- functions ----------------------------------------------------------------------------------


@pytest.mark.parametrize("threshold", THRESHOLD_LEVELS)
@pytest.mark.parametrize("function", ["services", "allocation", "instruments", "housing_planning", "operation"])
def test_function_isolates(loaded: Driver, threshold: str, function: str) -> None:
    network = ALESUND_2013
    rows = run_query(loaded, "function_isolates", view(network, threshold) | {"function": function})
    members = {p for p, functions in network.persons.items() if function in functions}
    within = network.graph(threshold).subgraph(members)
    assert [r["person_id"] for r in rows] == sorted(nx.isolates(within))
    for row in rows:
        assert row["members"] == len(members)
        assert row["primary"] is (network.primary(row["person_id"]) == function)


def test_function_isolates_by_hand(loaded: Driver) -> None:
    # Services: p01, p02, p03, p10 first-listed, p05 second. p01–p02 daily, p03–p05 weekly,
    # p02–p10 monthly.
    def isolated(threshold: str) -> list[tuple[str, bool, int]]:
        parameters = view(ALESUND_2013, threshold) | {"function": "services"}
        return [
            (r["person_id"], r["primary"], r["members"]) for r in run_query(loaded, "function_isolates", parameters)
        ]

    assert isolated("daily") == [("p03", True, 5), ("p05", False, 5), ("p10", True, 5)]
    assert isolated("weekly") == [("p10", True, 5)]
    assert isolated("monthly") == []


@pytest.mark.parametrize(("network", "threshold"), VIEWS)
def test_function_mixing_counts_ties_by_primary_function(loaded: Driver, network: Network, threshold: str) -> None:
    rows = run_query(loaded, "function_mixing", view(network, threshold))
    expected = Counter(
        tuple(sorted((network.primary(a), network.primary(b)))) for a, b in network.graph(threshold).edges
    )
    assert {(r["function_a"], r["function_b"]): r["ties"] for r in rows} == dict(expected)
    assert sum(r["ties"] for r in rows) == network.graph(threshold).number_of_edges()


# -- political contacts -----------------------------------------------------------------------


def test_political_contacts_by_body_and_type(loaded: Driver) -> None:
    rows = run_query(loaded, "political_contacts", {"municipality": "Ålesund", "round": "2013"})
    table = {(r["body_key"], r["contact_type"]): (r["persons"], r["roster"]) for r in rows}
    assert table == {
        ("mayor", "information"): (2, 12),
        ("mayor", "professional"): (1, 12),
        ("executive_committee", "professional"): (1, 12),
        ("helse_og_velferdsutvalget", "political"): (1, 12),
    }
    assert [r["body_kind"] for r in rows] == ["mayor", "mayor", "executive_committee", "committee"]
    assert rows[0]["share"] == pytest.approx(2 / 12, abs=1e-4)


def test_view_political_lists_every_report(loaded: Driver) -> None:
    rows = run_query(loaded, "view_political", {"municipality": "Ålesund", "round": "2013"})
    assert len(rows) == len(ALESUND_2013.political)
    assert {
        "person_id": "p04",
        "body_key": "helse_og_velferdsutvalget",
        "body_name": "Helse- og velferdsutvalget",
        "body_kind": "committee",
        "contact_type": "political",
        "frequency": "monthly",
    } in rows


# -- rounds and municipalities -------------------------------------------------------------


@pytest.mark.parametrize("threshold", THRESHOLD_LEVELS)
def test_round_ties_diff_matches_set_differences(loaded: Driver, threshold: str) -> None:
    parameters = {"municipality": "Ålesund", "from_round": "2011", "to_round": "2013", "threshold": threshold}
    rows = run_query(loaded, "round_ties_diff", parameters)
    before = {tuple(sorted(e)) for e in ALESUND_2011.graph(threshold).edges}
    after = {tuple(sorted(e)) for e in ALESUND_2013.graph(threshold).edges}
    by_status = {
        status: {(r["person_a"], r["person_b"]) for r in rows if r["status"] == status}
        for status in ("new", "dropped", "stable")
    }
    assert by_status == {"new": after - before, "dropped": before - after, "stable": before & after}
    for row in rows:
        assert (row["from_frequency"] is None) is (row["status"] == "new")
        assert (row["to_frequency"] is None) is (row["status"] == "dropped")


def test_round_ties_diff_by_hand(loaded: Driver) -> None:
    parameters = {"municipality": "Ålesund", "from_round": "2011", "to_round": "2013", "threshold": "daily"}
    stable = [r for r in run_query(loaded, "round_ties_diff", parameters) if r["status"] == "stable"]
    # p04–p05 daily both rounds; p06–p07 monthly in 2011, so new at daily; p01–p06 weekly in 2013.
    assert [(r["person_a"], r["person_b"], r["from_frequency"], r["to_frequency"]) for r in stable] == [
        ("p04", "p05", "daily", "daily")
    ]


def test_municipalities_and_summary(loaded: Driver) -> None:
    rows = run_query(loaded, "municipalities")
    assert [(r["municipality"], r["alias"], r["rounds"]) for r in rows] == [
        ("Namsos", None, ["2013"]),
        ("Ålesund", "A", ["2011", "2013"]),
    ]
    checksums, _, _ = loaded.execute_query(
        "MATCH (r:SurveyRound) RETURN r.municipality AS m, r.label AS round, r.checksum AS checksum ORDER BY m, round"
    )
    assert [c for row in rows for c in row["checksums"]] == [c["checksum"] for c in checksums]
    assert all(len(row["loaded_at"]) == len(row["rounds"]) for row in rows)
    for threshold in THRESHOLD_LEVELS:
        rows = run_query(loaded, "municipalities_summary", {"threshold": threshold})
        assert [(r["alias"], r["municipality"], r["round"]) for r in rows] == [
            ("A", "Ålesund", "2011"),
            ("A", "Ålesund", "2013"),
            (None, "Namsos", "2013"),
        ]
        for row, network in zip(rows, (ALESUND_2011, ALESUND_2013, KARATE), strict=True):
            graph = network.graph(threshold)
            n = graph.number_of_nodes()
            assert row["persons"] == n
            assert row["respondents"] == n - len(network.silent)
            assert row["arcs"] == len(network.arcs_at(threshold))
            assert row["ties"] == graph.number_of_edges()
            assert row["isolates"] == nx.number_of_isolates(graph)
            assert row["density"] == pytest.approx(nx.density(graph), abs=1e-12)


# -- read-only ----------------------------------------------------------------------------------


def writing_query(monkeypatch: pytest.MonkeyPatch) -> str:
    """Add a query that writes to the library for one test; its name."""
    source = (
        "// Writes (must fail)\n// Parameters: none.\n// Returns: nothing.\n:params {};\nCREATE (:Intruder {at: 1})\n"
    )
    query = cypher.parse_query("zz_write_attempt", source)
    library = cypher.list_queries()
    monkeypatch.setattr(cypher, "list_queries", lambda: (*library, query))
    return query.name


def test_a_write_inside_run_query_fails(loaded: Driver, monkeypatch: pytest.MonkeyPatch) -> None:
    name = writing_query(monkeypatch)
    with pytest.raises(ClientError) as failure:
        run_query(loaded, name)
    assert failure.value.code == "Neo.ClientError.Statement.AccessMode"
    records, _, _ = loaded.execute_query("MATCH (n:Intruder) RETURN count(n) AS n")
    assert records[0]["n"] == 0


def test_every_pair_of_thresholds_is_cumulative(loaded: Driver) -> None:
    for lower, higher in itertools.pairwise(THRESHOLD_LEVELS):
        small = {(r["ego"], r["alter"]) for r in run_query(loaded, "view_arcs", view(ALESUND_2013, lower))}
        large = {(r["ego"], r["alter"]) for r in run_query(loaded, "view_arcs", view(ALESUND_2013, higher))}
        assert small < large
