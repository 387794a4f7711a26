"""Degree, closeness and eigenvector centrality, ego networks and the size they give a node.

Every expected value on the star, line and circle is worked out by hand in a comment;
networkx is the independent cross-check on the demo views and on a random view.
"""

from __future__ import annotations

import math

import networkx as nx
import pytest
from test_findings import parse_demo_views

from analytics.centrality import MEASURES, centralities, closeness, degree, eigenvector
from analytics.centralization import betweenness
from analytics.ego import ego_network
from analytics.metrics import CENTRALITY_KEYS, person_metrics
from analytics.style import NODE_SIZE, node_size, node_sizes
from analytics.synthetic import random_view, view_from_edges
from dashboard.components import function_legend
from dashboard.elements import network_elements

STAR = [("c", f"l{i}") for i in range(1, 6)]  # centre c, five leaves, n = 6
CIRCLE = [(f"r{i}", f"r{(i + 1) % 6}") for i in range(6)]  # r0 … r5, n = 6
LINE = [(f"l{i}", f"l{i + 1}") for i in range(4)]  # l0 – l1 – l2 – l3 – l4, n = 5


def graph_of(edges, persons=()):
    return view_from_edges(edges, persons=persons).graph


# --- hand-computed graphs ---------------------------------------------------------------


def test_star():
    graph = graph_of(STAR)
    # Degree d/(n − 1): the centre 5/5, a leaf 1/5.
    assert degree(graph) == pytest.approx({"c": 1.0} | {f"l{i}": 0.2 for i in range(1, 6)})
    # Closeness (n − 1)/Σd: the centre 5/5 = 1; a leaf 1 + 4·2 = 9 → 5/9.
    assert closeness(graph) == pytest.approx({"c": 1.0} | {f"l{i}": 5 / 9 for i in range(1, 6)})
    # Eigenvector: λ = √5, x_c = √5·x_l; x_c² + 5·x_l² = 10·x_l² = 1 → x_l = 1/√10, x_c = 1/√2.
    assert eigenvector(graph) == pytest.approx(
        {"c": 1 / math.sqrt(2)} | {f"l{i}": 1 / math.sqrt(10) for i in range(1, 6)}
    )


def test_line():
    graph = graph_of(LINE)
    # Degree: ends 1/4, inner persons 2/4.
    assert degree(graph) == pytest.approx({"l0": 0.25, "l1": 0.5, "l2": 0.5, "l3": 0.5, "l4": 0.25})
    # Closeness 4/Σd: l0 1+2+3+4 = 10 → 0.4; l1 1+1+2+3 = 7 → 4/7; l2 1+1+2+2 = 6 → 2/3.
    assert closeness(graph) == pytest.approx({"l0": 0.4, "l1": 4 / 7, "l2": 2 / 3, "l3": 4 / 7, "l4": 0.4})
    # Eigenvector of the path P5: λ = 2cos(π/6) = √3, x_k ∝ sin(kπ/6), k = 1…5 = ½, √3/2, 1,
    # √3/2, ½; Σx² = ¼ + ¾ + 1 + ¾ + ¼ = 3, so divide by √3: 1/(2√3), ½, 1/√3, ½, 1/(2√3).
    end, inner, middle = 1 / (2 * math.sqrt(3)), 0.5, 1 / math.sqrt(3)
    assert eigenvector(graph) == pytest.approx({"l0": end, "l1": inner, "l2": middle, "l3": inner, "l4": end})


def test_circle():
    graph = graph_of(CIRCLE)
    # Everyone alike: degree 2/5; closeness 5/(1+1+2+2+3) = 5/9; eigenvector 1/√6 (λ = 2).
    assert list(degree(graph).values()) == [pytest.approx(0.4)] * 6
    assert list(closeness(graph).values()) == [pytest.approx(5 / 9)] * 6
    assert list(eigenvector(graph).values()) == [pytest.approx(1 / math.sqrt(6))] * 6


def test_disconnected_view_with_isolate():
    # A triangle t1–t3, a dyad d1–d2 and an isolate i; n = 6.
    graph = graph_of([("t1", "t2"), ("t2", "t3"), ("t3", "t1"), ("d1", "d2")], persons=("i",))
    # Wasserman–Faust closeness (r/(n−1))·(r/Σd): triangle (2/5)(2/2) = 0.4, dyad (1/5)(1/1)
    # = 0.2, the isolate reaches nobody: 0.
    assert closeness(graph) == pytest.approx({"t1": 0.4, "t2": 0.4, "t3": 0.4, "d1": 0.2, "d2": 0.2, "i": 0.0})
    # Eigenvector: the triangle's λ = 2 beats the dyad's λ = 1, so only the triangle carries
    # weight: 1/√3 each; the dyad and the isolate 0.
    third = 1 / math.sqrt(3)
    assert eigenvector(graph) == pytest.approx({"t1": third, "t2": third, "t3": third, "d1": 0, "d2": 0, "i": 0})
    assert degree(graph)["i"] == 0


def test_eigenvector_of_parts_tied_for_the_largest_eigenvalue():
    # Two triangles: both λ = 2 and weight 1·x = √3·(1/√3) = 1, so all six alike: 1/√6
    # (networkx's power iteration from all ones ends there too).
    graph = graph_of([("a", "b"), ("b", "c"), ("c", "a"), ("x", "y"), ("y", "z"), ("z", "x")])
    assert list(eigenvector(graph).values()) == [pytest.approx(1 / math.sqrt(6))] * 6
    # A triangle and a star of three leaves: λ = 2 and √3, the triangle alone carries weight.
    mixed = eigenvector(graph_of([("a", "b"), ("b", "c"), ("c", "a"), ("s", "1"), ("s", "2"), ("s", "3")]))
    assert [mixed[p] for p in ("s", "1")] == [0, 0]


@pytest.mark.parametrize("persons", [(), ("a",), ("a", "b")])
def test_tiny_and_tieless_views_are_all_zero(persons):
    graph = graph_of([], persons)
    for values in centralities(graph).values():
        assert values == dict.fromkeys(persons, 0.0)


# --- networkx cross-check ---------------------------------------------------------------


def _same_as_networkx(graph):
    values = centralities(graph)
    assert values["degree"] == pytest.approx(nx.degree_centrality(graph), abs=1e-12)
    assert values["closeness"] == pytest.approx(nx.closeness_centrality(graph, wf_improved=True), abs=1e-12)
    assert values["betweenness"] == pytest.approx(nx.betweenness_centrality(graph), abs=1e-12)
    # networkx's power iteration, run to convergence: the limit our Notes describe.
    reference = nx.eigenvector_centrality(graph, max_iter=100_000, tol=1e-13)
    assert values["eigenvector"] == pytest.approx(reference, abs=1e-6)


@pytest.fixture(scope="module")
def demo_views(tmp_path_factory):
    return parse_demo_views(tmp_path_factory.mktemp("demo"))


def test_demo_views_equal_networkx(demo_views):
    # A–D at daily (D: three separate chains and isolates) and weekly.
    assert len(demo_views) == 8
    for view in demo_views.values():
        _same_as_networkx(view.graph)


@pytest.mark.parametrize("seed", [0, 5])
def test_random_view_equals_networkx(seed):
    _same_as_networkx(random_view(80, out_degree=2, seed=seed).graph)


def test_person_metrics_carry_every_centrality():
    view = view_from_edges(STAR, persons=("z",))
    rows = person_metrics(view)
    assert set(CENTRALITY_KEYS) == set(MEASURES)
    # n = 7 with the isolate z: the centre's degree 5/6; betweenness on the C(5, 2) = 10 leaf
    # pairs over 6·5/2 = 15 → 2/3; closeness (5/6)(5/5).
    assert rows["c"]["degree_centrality"] == pytest.approx(5 / 6)
    assert rows["c"]["degree"] == 5
    assert rows["c"]["betweenness"] == pytest.approx(2 / 3)
    assert rows["c"]["closeness"] == pytest.approx(5 / 6)
    assert rows["c"]["eigenvector"] == pytest.approx(1 / math.sqrt(2))
    assert [rows["z"][CENTRALITY_KEYS[m]] for m in MEASURES] == [0, 0, 0, 0]
    assert rows["c"]["betweenness"] == betweenness(view.graph)["c"]


# --- ego networks -----------------------------------------------------------------------


def test_ego_network_on_a_line():
    graph = graph_of(LINE)
    # From the end l0: one step reaches l1 (2 persons), two steps l2 too (3 persons).
    assert ego_network(graph, "l0", 1) == ["l0", "l1"]
    assert ego_network(graph, "l0", 2) == ["l0", "l1", "l2"]
    # From the middle l2: l1, l3, then the ends.
    assert ego_network(graph, "l2", 1) == ["l1", "l2", "l3"]
    assert ego_network(graph, "l2", 2) == ["l0", "l1", "l2", "l3", "l4"]
    assert ego_network(graph, "l2", 0) == ["l2"]


def test_ego_network_of_star_centre_isolate_and_unknown_person():
    graph = graph_of(STAR, persons=("z",))
    assert ego_network(graph, "l1", 2) == sorted(p for p in graph if p != "z")
    assert ego_network(graph, "z", 2) == ["z"]
    with pytest.raises(ValueError, match="'nobody' is not a person of the view"):
        ego_network(graph, "nobody")


def test_ego_network_equals_networkx_ego_graph():
    graph = random_view(60, out_degree=2, seed=1).graph
    for person in list(graph)[:20]:
        for steps in (1, 2):
            assert ego_network(graph, person, steps) == sorted(nx.ego_graph(graph, person, radius=steps))


# --- the size a measure gives a node ----------------------------------------------------


def test_node_size_is_monotone_and_equal_values_get_equal_sizes():
    small, large = NODE_SIZE
    values = [0.0, 0.01, 0.1, 0.25, 0.5, 0.9, 1.0]
    sizes = [node_size(v, 1.0) for v in values]
    assert sizes == sorted(sizes)
    assert sizes[0] == small and sizes[-1] == large
    # The area grows linearly: a quarter of the largest gives half the way in diameter.
    assert node_size(0.25, 1.0) == pytest.approx(small + (large - small) / 2, abs=0.05)
    assert node_sizes({"a": 0.3, "b": 0.3, "c": 0.6}) == {
        "a": node_size(0.3, 0.6),
        "b": node_size(0.3, 0.6),
        "c": large,
    }
    assert node_sizes({"a": 0.0, "b": 0.0}) == {"a": small, "b": small}  # nobody central: all small


@pytest.mark.parametrize("measure", MEASURES)
def test_network_elements_size_by_every_measure(measure):
    view = view_from_edges(LINE, persons=("z",))
    stats = person_metrics(view)
    nodes = {
        e["data"]["label"]: e["data"]
        for e in network_elements(view, stats, {p: p for p in view.person_by_id}, {}, gather=False)
        if "source" not in e["data"]
    }
    values = {pid: stats[pid][CENTRALITY_KEYS[measure]] for pid in nodes}
    sizes = {pid: data[f"size_{measure}"] for pid, data in nodes.items()}
    # Monotone: a higher value never gets a smaller node; equal values get equal nodes.
    for a in nodes:
        for b in nodes:
            if values[a] > values[b]:
                assert sizes[a] >= sizes[b], (a, b)
            if values[a] == pytest.approx(values[b]):
                assert sizes[a] == sizes[b], (a, b)
    assert sizes["z"] == NODE_SIZE[0]
    assert max(sizes.values()) == NODE_SIZE[1]
    # ``size``, what is drawn before the page chooses, stays betweenness.
    assert all(data["size"] == data["size_betweenness"] for data in nodes.values())
    assert nodes["l1"]["functions"] == ["services"]


@pytest.mark.parametrize(("measure", "en", "nb"), [
    ("degree", "Size = degree", "Størrelse = grad"),
    ("betweenness", "Size = betweenness", "Størrelse = mellomsentralitet"),
    ("closeness", "Size = closeness", "Størrelse = nærhetssentralitet"),
    ("eigenvector", "Size = eigenvector centrality", "Størrelse = egenvektorsentralitet"),
])  # fmt: skip
def test_the_legend_names_the_measure(measure, en, nb):
    def shown(lang):
        return [item.children for item in function_legend(["services"], lang, size=measure)]

    assert en in shown("en") and nb in shown("nb")
    assert not any(str(c).startswith("Size") for c in (i.children for i in function_legend([], "en", size=None)))
