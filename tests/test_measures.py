"""SNA measures on hand-computed graphs and on published reference networks.

Every expected value is computed by hand in a comment (or taken from the publication
named), never produced by the code under test. networkx serves as an independent
cross-check where our code wraps it with its own normalisation or conventions.
"""

from __future__ import annotations

import json
import math

import networkx as nx
import pytest

from analytics import distances
from analytics.centralization import betweenness, betweenness_centralization, degree_centralization
from analytics.components import bridges, cut_points, isolates, parts
from analytics.ei_index import ei_index, function_integration
from analytics.groups import groups
from analytics.holes import structural_holes
from analytics.ideal_types import ideal_type
from analytics.metrics import compute_metrics, person_metrics
from analytics.synthetic import random_view, view_from_edges

# --- the hand-computed graphs -------------------------------------------------------------

STAR = [("c", f"l{i}") for i in range(1, 6)]  # centre c, five leaves, n = 6
CIRCLE = [(f"r{i}", f"r{(i + 1) % 6}") for i in range(6)]  # r0 … r5, n = 6
LINE = [(f"l{i}", f"l{i + 1}") for i in range(4)]  # l0 – l1 – l2 – l3 – l4, n = 5
# Two 4-cliques {a1..a4}, {b1..b4}; the broker x is tied to a1, a2, b1, b2; n = 9.
CLIQUE_A = [(f"a{i}", f"a{j}") for i in range(1, 5) for j in range(i + 1, 5)]
CLIQUE_B = [(f"b{i}", f"b{j}") for i in range(1, 5) for j in range(i + 1, 5)]
BROKER = CLIQUE_A + CLIQUE_B + [("x", "a1"), ("x", "a2"), ("x", "b1"), ("x", "b2")]
BROKER_FUNCTIONS = {**{f"a{i}": "services" for i in range(1, 5)}, **{f"b{i}": "allocation" for i in range(1, 5)}}
BROKER_FUNCTIONS["x"] = "instruments"
# A triangle t1 t2 t3 and two isolates i1, i2; n = 5.
ISOLATES = [("t1", "t2"), ("t2", "t3"), ("t3", "t1")]


def graph_of(edges, persons=()):
    return view_from_edges(edges, persons=persons).graph


# --- degree and betweenness centralization, betweenness ----------------------------------


@pytest.mark.parametrize(
    ("edges", "persons", "expected"),
    [
        (STAR, (), 1.0),  # Σ(5 − d) = 5·4 = 20 over (n−1)(n−2) = 5·4 = 20
        (CIRCLE, (), 0.0),  # every degree 2
        (LINE, (), 2 / 12),  # degrees 1,2,2,2,1: Σ(2 − d) = 2 over 4·3 = 12
        (BROKER, (), 4 / 56),  # degrees 4,4,3,3 ×2 and x = 4: Σ(4 − d) = 4 over 8·7 = 56
        (ISOLATES, ("i1", "i2"), 4 / 12),  # degrees 2,2,2,0,0: Σ(2 − d) = 4 over 4·3 = 12
    ],
)
def test_degree_centralization(edges, persons, expected):
    assert degree_centralization(graph_of(edges, persons)) == pytest.approx(expected)


def test_centralization_is_undefined_below_three_persons():
    assert degree_centralization(graph_of([("a", "b")])) is None
    assert betweenness_centralization(graph_of([("a", "b")])) is None


def test_betweenness_star_circle_line():
    # Star: the centre lies on all C(5,2) = 10 leaf pairs; normalised by (5·4)/2 = 10 → 1.
    star = betweenness(graph_of(STAR))
    assert star["c"] == pytest.approx(1.0)
    assert all(star[f"l{i}"] == 0 for i in range(1, 6))
    # Circle C6: a node is the midpoint of 1 distance-2 pair (1) and interior to one of the two
    # geodesics of 3 opposite pairs: 3 pairs × 4 interior nodes × ½ / 6 nodes = 1 → 2 / 10.
    assert list(betweenness(graph_of(CIRCLE)).values()) == [pytest.approx(0.2)] * 6
    # Line: l1 on (l0,l2),(l0,l3),(l0,l4) = 3; l2 on {l0,l1}×{l3,l4} = 4; over (4·3)/2 = 6.
    line = betweenness(graph_of(LINE))
    assert line == pytest.approx({"l0": 0, "l1": 3 / 6, "l2": 4 / 6, "l3": 3 / 6, "l4": 0})


def test_betweenness_broker_between_two_cliques():
    # x lies on every geodesic between the 4 a's and the 4 b's: 16 pairs, over 8·7/2 = 28.
    # a1 carries half of the geodesics from a3 and a4 to x and to each b (a2 carries the
    # other half): 2 × 5 × ½ = 5, over 28.
    values = betweenness(graph_of(BROKER))
    assert values["x"] == pytest.approx(16 / 28)
    assert values["a1"] == pytest.approx(5 / 28)
    assert values["b2"] == pytest.approx(5 / 28)
    assert values["a3"] == 0


@pytest.mark.parametrize(
    ("edges", "expected"),
    [
        (STAR, 1.0),  # Σ(1 − b) = 5 leaves × 1 over n − 1 = 5
        (CIRCLE, 0.0),
        (LINE, (2 * 4 / 6 + 2 * 1 / 6) / 4),  # max 4/6: two ends 4/6, l1 and l3 1/6; over 4
        (BROKER, (4 * 11 / 28 + 4 * 16 / 28) / 8),  # max 16/28; a1,a2,b1,b2 at 5/28, rest 0
    ],
)
def test_betweenness_centralization(edges, expected):
    assert betweenness_centralization(graph_of(edges)) == pytest.approx(expected)


def test_betweenness_centralization_equals_freeman_raw_formula():
    # Freeman's raw form Σ(B_max − B_i)/((n−1)²(n−2)/2) on networkx's unnormalised values.
    graph = nx.relabel_nodes(nx.karate_club_graph(), str)
    raw = nx.betweenness_centrality(graph, normalized=False)
    n = graph.number_of_nodes()
    expected = sum(max(raw.values()) - b for b in raw.values()) / ((n - 1) ** 2 * (n - 2) / 2)
    assert betweenness_centralization(graph) == pytest.approx(expected)


# --- published reference networks --------------------------------------------------------


def test_florentine_families_published_values():
    graph = nx.florentine_families_graph()  # Padgett's marriage network, 15 connected families
    values = betweenness(graph)
    # Wasserman & Faust (1994), ch. 5, centrality table of the marriage relation over the 15
    # connected families (Pucci, an isolate, left out; Medici degree 6/14 = .429, closeness
    # 14/25 = .560), standardised betweenness: Medici .522, Guadagni .255, Albizzi .212,
    # Salviati .143. Medici's raw value 47.5 / C(14, 2) = 47.5 / 91 = 0.522.
    assert values["Medici"] == pytest.approx(0.522, abs=5e-4)
    assert values["Guadagni"] == pytest.approx(0.255, abs=5e-4)
    assert values["Albizzi"] == pytest.approx(0.212, abs=5e-4)
    assert values["Salviati"] == pytest.approx(0.143, abs=5e-4)
    # Degrees: Medici 6, Guadagni 4, Strozzi 4, six families with 3, Barbadori and Salviati 2,
    # four with 1 → Σ d = 40 (20 marriages); Σ(6 − d) = 90 − 40 = 50 over 14·13 = 182.
    assert degree_centralization(graph) == pytest.approx(50 / 182)


def test_karate_club_published_values():
    graph = nx.karate_club_graph()
    values = betweenness(graph)
    # Zachary (1977) data. Raw betweenness of actor 1 (node 0) 231.07: the maximum printed by
    # the igraph C library's tutorial (example 3) and by ``betweenness(karate)`` in Kolaczyk &
    # Csárdi (2014), *Statistical Analysis of Network Data with R*, §4.2, which also lists
    # actor 34 (node 33) at 160.55. Normalised by C(33, 2) = 528: 0.4376 and 0.3041.
    assert values[0] == pytest.approx(231.07 / 528, abs=1e-4)
    assert values[33] == pytest.approx(160.55 / 528, abs=1e-4)
    # Degrees: max 17 (node 33), Σ d = 2·78 = 156, n = 34:
    # Σ(17 − d) = 34·17 − 156 = 422 over 33·32 = 1056.
    assert degree_centralization(graph) == pytest.approx(422 / 1056)
    # The club's split runs through the instructor (node 0): the only cut person.
    assert cut_points(graph) == [0]


# --- parts, isolates, cut points, bridges ------------------------------------------------


@pytest.mark.parametrize(
    ("edges", "persons", "sizes", "alone", "cut", "bridge"),
    [
        (STAR, (), [6], [], ["c"], [["c", f"l{i}"] for i in range(1, 6)]),
        (CIRCLE, (), [6], [], [], []),
        (LINE, (), [5], [], ["l1", "l2", "l3"], [["l0", "l1"], ["l1", "l2"], ["l2", "l3"], ["l3", "l4"]]),
        (BROKER, (), [9], [], ["x"], []),
        (ISOLATES, ("i1", "i2"), [3], ["i1", "i2"], [], []),  # isolates are not parts
        ([], ("a", "b"), [], ["a", "b"], [], []),
    ],
)
def test_parts(edges, persons, sizes, alone, cut, bridge):
    graph = graph_of(edges, persons)
    assert [len(part) for part in parts(graph)] == sizes
    assert isolates(graph) == alone
    assert cut_points(graph) == cut
    assert bridges(graph) == bridge


# --- ideal types -------------------------------------------------------------------------


def shape(label, star, circle, line, size):
    scores = pytest.approx({"star": star, "circle": circle, "line": line})
    return {"label": label, "scores": scores, "part_size": size}


def test_ideal_type_exact_shapes_classify_as_themselves():
    star = ideal_type(graph_of(STAR))
    # star: centralization 1; circle 0 (a tree); line diameter 2 / (6 − 1)
    assert star == shape("star", 1, 0, 2 / 5, 6)
    circle = ideal_type(graph_of(CIRCLE))
    # circle: all 6 of degree 2, one cycle (6 − 6 + 1) → 1; line: diameter 3 / 5
    assert circle == shape("circle", 0, 1, 3 / 5, 6)
    line = ideal_type(graph_of(LINE))
    # line: diameter 4 / 4 = 1; star: centralization 2/12 (above); circle 0 (a tree)
    assert line == shape("line", 2 / 12, 0, 1, 5)


@pytest.mark.parametrize("n", [4, 7, 12])
def test_ideal_type_exact_shapes_of_any_size(n):
    assert ideal_type(nx.relabel_nodes(nx.star_graph(n - 1), str))["label"] == "star"
    assert ideal_type(nx.relabel_nodes(nx.cycle_graph(n), str))["label"] == "circle"
    assert ideal_type(nx.relabel_nodes(nx.path_graph(n), str))["label"] == "line"


def test_ideal_type_of_mixed_and_shapeless_views():
    broker = ideal_type(graph_of(BROKER))
    # star 4/56; circle: degrees are 4 (a1, a2, b1, b2, x) or 3, none is 2 → 0; line: the
    # diameter a3 – a1 – x – b1 – b3 is 4, over n − 1 = 8 → 0.5. Best 0.5 < 0.75 → mixed.
    assert broker == shape("mixed", 4 / 56, 0, 0.5, 9)
    # The triangle is the largest part (size 3): a circle of three.
    assert ideal_type(graph_of(ISOLATES, ("i1", "i2")))["label"] == "circle"
    shapeless = ideal_type(graph_of([("a", "b")], ("c",)))
    assert shapeless == {"label": None, "scores": {"star": None, "circle": None, "line": None}, "part_size": 2}


def test_ideal_type_scores_the_largest_part_only():
    # A star of 6 beside a line of 3: the star is the largest cluster.
    result = ideal_type(graph_of([*STAR, ("m1", "m2"), ("m2", "m3")]))
    assert result["label"] == "star"
    assert result["part_size"] == 6


# --- E−I index ---------------------------------------------------------------------------


def test_ei_index_broker_graph():
    graph = graph_of(BROKER)
    # 12 ties inside a clique (I), 4 ties from x (instruments) to the cliques (E):
    # (4 − 12) / 16 = −0.5
    assert ei_index(graph, BROKER_FUNCTIONS) == pytest.approx(-0.5)
    groups = function_integration(graph, BROKER_FUNCTIONS)
    # services: 6 within ties (I = 12 tie ends), 2 external ties (a1–x, a2–x): (2 − 12)/14
    assert groups["services"] == {
        "members": 4,
        "within_ties": 6,
        "external_ties": 2,
        "isolated_within": [],
        "ei_index": pytest.approx(-10 / 14),
    }
    # instruments: x alone, 4 external ties: (4 − 0) / 4 = 1
    assert groups["instruments"] == {
        "members": 1,
        "within_ties": 0,
        "external_ties": 4,
        "isolated_within": ["x"],
        "ei_index": 1.0,
    }


def test_ei_index_extremes_and_undefined():
    star = graph_of(STAR)
    assert ei_index(star, {p: "services" for p in star}) == -1.0  # every tie inside
    assert ei_index(star, {p: ("allocation" if p == "c" else "services") for p in star}) == 1.0
    empty = graph_of([], ("a", "b"))
    assert ei_index(empty, {"a": "services", "b": "allocation"}) is None
    groups = function_integration(empty, {"a": "services", "b": "services"})
    assert groups["services"]["isolated_within"] == ["a", "b"]
    assert groups["services"]["ei_index"] is None


def test_function_integration_isolated_within_counts_only_own_function():
    # s1 – s2 tied; s3 tied only to an allocation person: s3 is isolated within services.
    functions = {"s1": "services", "s2": "services", "s3": "services", "t": "allocation"}
    graph = graph_of([("s1", "s2"), ("s3", "t")])
    groups = function_integration(graph, functions)
    assert groups["services"]["isolated_within"] == ["s3"]
    assert groups["services"]["within_ties"] == 1
    assert groups["allocation"]["isolated_within"] == ["t"]


# --- Burt's structural holes -------------------------------------------------------------


def test_structural_holes_star_circle_and_isolate():
    star = structural_holes(graph_of(STAR))
    # centre: 5 contacts with p = 1/5 and no ties among them: 5 × (1/5)² = 0.2; ES = 5 − 0 = 5
    assert star["c"] == {"constraint": pytest.approx(0.2), "effective_size": pytest.approx(5.0)}
    # a leaf has one contact with p = 1: constraint 1, effective size 1
    assert star["l1"] == {"constraint": pytest.approx(1.0), "effective_size": pytest.approx(1.0)}
    circle = structural_holes(graph_of(CIRCLE))
    # two unconnected contacts: 2 × (1/2)² = 0.5; ES = 2
    assert circle["r0"] == {"constraint": pytest.approx(0.5), "effective_size": pytest.approx(2.0)}
    triangle = structural_holes(graph_of(ISOLATES, ("i1",)))
    # triangle: p = ½ direct plus ½·½ through the third: 2 × (¾)² = 1.125; ES = 2 − 2·1/2 = 1
    assert triangle["t1"] == {"constraint": pytest.approx(1.125), "effective_size": pytest.approx(1.0)}
    assert triangle["i1"] == {"constraint": None, "effective_size": None}


# --- the whole metrics dict --------------------------------------------------------------


def test_compute_metrics_broker_graph_keys_and_values():
    view = view_from_edges(BROKER, functions=BROKER_FUNCTIONS, persons=("z",), non_respondents=("z", "b4"))
    result = compute_metrics(view)
    assert set(result) >= {
        "municipality", "round", "threshold", "nodes", "respondents", "arcs", "ties", "density",
        "reciprocity", "parts", "part_members", "groups", "isolates", "bridge_builders",
        "degree_centralization", "betweenness_centralization", "betweenness", "cut_points", "bridges",
        "ideal_type", "ei_index", "functions", "brokerage", "persons", "political",
    }  # fmt: skip
    assert result["nodes"] == 10  # 9 + the isolate z
    assert result["respondents"] == 8  # z and b4 did not answer
    assert result["arcs"] == 16  # 6 + 6 + 4, each reported once
    assert result["ties"] == 16
    assert result["density"] == pytest.approx(16 / 45)  # n(n−1)/2 = 10·9/2 = 45
    assert result["reciprocity"] == 0.0  # no arc is reported back
    assert result["parts"] == [9]  # z is an isolate, not a part
    assert result["part_members"] == [sorted([*BROKER_FUNCTIONS])]
    assert result["isolates"] == ["z"]
    assert result["cut_points"] == ["x"]
    # Without x the two cliques are pieces of 4: x cuts off 8 − 4 = 4 ≥ max(2, ⌈0.2·10⌉ = 2).
    assert result["bridge_builders"] == ["x"]
    assert result["persons"]["x"]["cut_off"] == 4
    assert result["persons"]["a1"]["cut_off"] == 0
    assert result["betweenness"]["x"] == pytest.approx(16 / 36)  # now n = 10: 9·8/2 = 36
    assert result["persons"]["z"]["constraint"] is None
    assert result["persons"]["z"]["is_isolate"] is True
    assert result["persons"]["x"]["degree"] == 4
    assert result["persons"]["x"]["is_bridge_builder"] is True
    assert result["persons"]["x"]["is_cut_point"] is True
    assert result["persons"]["a1"]["is_bridge_builder"] is False
    json.dumps(result, allow_nan=False)  # JSON-ready: no NaN anywhere


def test_reciprocity_counts_arcs_reported_back():
    # a→b, b→a, b→c: 2 of 3 arcs are reciprocated; 2 undirected ties.
    result = compute_metrics(view_from_edges([("a", "b"), ("b", "a"), ("b", "c")]))
    assert result["arcs"] == 3
    assert result["ties"] == 2
    assert result["reciprocity"] == pytest.approx(2 / 3)
    assert result["persons"]["b"]["out_degree"] == 2
    assert result["persons"]["b"]["in_degree"] == 1


@pytest.mark.parametrize("persons", [(), ("a",), ("a", "b")])
def test_compute_metrics_tiny_views_are_json_ready(persons):
    result = compute_metrics(view_from_edges([], persons=persons))
    text = json.dumps(result, allow_nan=False)
    assert result["reciprocity"] is None
    assert result["degree_centralization"] is None
    assert result["ideal_type"]["label"] is None
    assert result["density"] == (0.0 if len(persons) == 2 else None)
    assert "NaN" not in text


def test_person_metrics_match_networkx_on_a_random_view():
    view = random_view(60, out_degree=3, seed=3)
    rows = person_metrics(view)
    graph = view.graph
    reference = nx.betweenness_centrality(graph)
    constraint = nx.constraint(graph)
    for pid, row in rows.items():
        assert row["degree"] == graph.degree(pid)
        assert row["betweenness"] == pytest.approx(reference[pid])
        if math.isnan(constraint[pid]):
            assert row["constraint"] is None
        else:
            assert row["constraint"] == pytest.approx(constraint[pid])
        assert row["is_cut_point"] == (pid in set(nx.articulation_points(graph)))


# --- groups -----------------------------------------------------------------------------


def test_groups():
    graph = graph_of(BROKER)
    found = groups(graph)
    # Two groups: the cliques, x joining one of them (4 + 5 persons).
    assert sorted(map(len, found)) == [4, 5]
    assert {"a1", "a2", "a3", "a4"} <= set(found[0]) | set(found[1])
    # One tight clique is one group, never split below modularity 0.3.
    assert len(groups(graph_of(CLIQUE_A))) == 1
    assert groups(graph_of([], ("a", "b"))) == []
    # Three 5-cliques in a row (A–B through u, B–C through w): three groups, largest first.
    cliques = [(f"{c}{i}", f"{c}{j}") for c in "abc" for i in range(1, 6) for j in range(i + 1, 6)]
    three = groups(graph_of([*cliques, ("u", "a1"), ("u", "b1"), ("w", "b2"), ("w", "c1")]))
    assert len(three) == 3 and all(len(group) >= 5 for group in three)


@pytest.mark.parametrize(
    "graph",
    [
        nx.karate_club_graph(),
        nx.florentine_families_graph(),
        nx.path_graph(30),
        nx.cycle_graph(9),
        nx.disjoint_union(nx.path_graph(5), nx.complete_graph(4)),  # two parts
        nx.gnp_random_graph(80, 0.03, seed=2),  # sparse, with isolates
        nx.gnp_random_graph(60, 0.3, seed=4),  # dense
        nx.empty_graph(4),
    ],
)
@pytest.mark.parametrize("dense_limit", [distances.DENSE_LIMIT, 0], ids=["dense", "sparse"])
def test_vectorised_betweenness_equals_networkx(graph, dense_limit, monkeypatch):
    # networkx's Brandes implementation is the independent reference for our vectorised one,
    # with the adjacency dense (a municipality) and sparse (above DENSE_LIMIT persons).
    monkeypatch.setattr(distances, "DENSE_LIMIT", dense_limit)
    reference = nx.betweenness_centrality(graph, normalized=True)
    assert betweenness(graph) == pytest.approx(reference, abs=1e-12)


@pytest.mark.parametrize("dense_limit", [distances.DENSE_LIMIT, 0], ids=["dense", "sparse"])
@pytest.mark.parametrize(
    "graph",
    [
        nx.karate_club_graph(),
        nx.disjoint_union(nx.star_graph(4), nx.cycle_graph(5)),
        nx.gnp_random_graph(80, 0.05, seed=3),  # with isolates
    ],
    ids=["karate", "star-and-circle", "random"],
)
def test_structural_holes_equal_networkx(graph, dense_limit, monkeypatch):
    monkeypatch.setattr(distances, "DENSE_LIMIT", dense_limit)
    found = structural_holes(graph)
    constraint, effective = nx.constraint(graph), nx.effective_size(graph)
    for person in graph:
        for name, reference in (("constraint", constraint), ("effective_size", effective)):
            expected = None if math.isnan(reference[person]) else pytest.approx(reference[person], abs=1e-12)
            assert found[person][name] == expected


@pytest.mark.parametrize("dense_limit", [distances.DENSE_LIMIT, 0], ids=["dense", "sparse"])
def test_levels_are_the_breadth_first_distances(dense_limit, monkeypatch):
    monkeypatch.setattr(distances, "DENSE_LIMIT", dense_limit)
    graph = nx.disjoint_union(nx.path_graph(6), nx.cycle_graph(5))
    graph.add_node("isolate")
    nodes = list(graph)
    found = distances.levels(distances.adjacency(graph, nodes))
    lengths = dict(nx.all_pairs_shortest_path_length(graph))
    expected = [[lengths[s].get(t, -1) for t in nodes] for s in nodes]
    assert found.tolist() == expected
    assert found[0, 5] == 5  # the ends of the path
    assert found[nodes.index("isolate")].tolist() == [-1] * 11 + [0]


def test_random_view_is_reproducible_and_plausible():
    first, second = random_view(200, seed=0), random_view(200, seed=0)
    assert first.arcs == second.arcs
    # About 6 reports per respondent (180 of 200 answer): 1080 expected arcs.
    assert 900 < len(first.arcs) < 1300
    silent = {p.person_id for p in first.persons if not p.responded}
    assert len(silent) == 20
    assert not any(arc.ego in silent for arc in first.arcs)  # non-respondents report no one
