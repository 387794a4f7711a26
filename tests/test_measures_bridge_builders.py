"""Bridge-builders and cut-off on hand-computed graphs, and against brute-force removal.

Expected values are worked out by hand in the comments; the cross-check removes each person
in turn with this file's own breadth-first search, independent of networkx's articulation
points and of the code under test.
"""

from __future__ import annotations

import math
from collections import deque

import networkx as nx
import pytest
from test_findings import parse_demo_views

from analytics.bridge_builders import BRIDGE_SHARE, MIN_CUT_OFF, bridge_builders, cut_off, cut_off_bar
from analytics.synthetic import random_view


def test_the_constants_are_the_documented_ones():
    assert (MIN_CUT_OFF, BRIDGE_SHARE) == (2, 0.2)
    # max(2, ⌈0.2 n⌉): n = 10 → 2, n = 11 → 3, n = 34 → 7.
    assert [cut_off_bar(n) for n in (1, 10, 11, 34)] == [2, 2, 3, 7]


@pytest.mark.parametrize("n", [4, 6, 12])
def test_star_centre_cuts_off_all_but_one_leaf(n):
    # Without the centre, n − 1 leaves stand alone: the largest piece is one leaf, so the
    # centre cuts off n − 1 − 1 = n − 2 persons; leaves cut off nobody.
    star = nx.star_graph(n - 1)  # centre 0, leaves 1 … n − 1
    counts = cut_off(star)
    assert counts[0] == n - 2
    assert all(counts[leaf] == 0 for leaf in range(1, n))
    # n − 2 ≥ max(2, ⌈0.2 n⌉) for n = 4, 6, 12: 2 ≥ 2, 4 ≥ 2, 10 ≥ 3.
    assert bridge_builders(star) == [0]


def test_line_of_seven():
    # p1 – p2 – … – p7. Removing p_i leaves pieces of i − 1 and 7 − i; the cut-off is the
    # smaller: p2 1, p3 2, p4 3, p5 2, p6 1; the ends 0. Bar max(2, ⌈1.4⌉) = 2: p3, p4, p5.
    line = nx.path_graph([f"p{i}" for i in range(1, 8)])
    assert cut_off(line) == {"p1": 0, "p2": 1, "p3": 2, "p4": 3, "p5": 2, "p6": 1, "p7": 0}
    assert bridge_builders(line) == ["p3", "p4", "p5"]


def test_circle_has_no_bridge_builder():
    circle = nx.cycle_graph(10)
    assert set(cut_off(circle).values()) == {0}
    assert bridge_builders(circle) == []


def test_two_stars_joined_by_one_person():
    # Centres a and b, four leaves each; x is tied to a and b. n = 11, bar max(2, ⌈2.2⌉) = 3.
    # Without x: two stars of 5 → cut off 10 − 5 = 5. Without a: four lone leaves and
    # {x, b, b's leaves} of 6 → cut off 10 − 6 = 4. Same for b.
    graph = nx.Graph([("a", f"a{i}") for i in range(1, 5)] + [("b", f"b{i}") for i in range(1, 5)])
    graph.add_edges_from([("x", "a"), ("x", "b")])
    counts = cut_off(graph)
    assert (counts["x"], counts["a"], counts["b"]) == (5, 4, 4)
    assert bridge_builders(graph) == ["a", "b", "x"]


def test_isolates_count_in_n_but_cut_off_nobody():
    # Line of 5 plus 5 isolates: n = 10, bar 2. The middle cuts off 2 (pieces of 2 and 2),
    # its neighbours 1 each.
    graph = nx.path_graph(["a", "b", "c", "d", "e"])
    graph.add_nodes_from(["i1", "i2", "i3", "i4", "i5"])
    assert bridge_builders(graph) == ["c"]
    # With 6 isolates n = 11 and the bar is 3: nobody.
    graph.add_node("i6")
    assert bridge_builders(graph) == []
    assert cut_off(graph)["i1"] == 0


def brute_force_cut_off(graph: nx.Graph, person) -> int:
    """Persons of ``person``'s part outside the largest piece left without them (plain BFS)."""

    def reach(start, removed) -> set:
        seen, queue = {start}, deque([start])
        while queue:
            for neighbour in graph.adj[queue.popleft()]:
                if neighbour != removed and neighbour not in seen:
                    seen.add(neighbour)
                    queue.append(neighbour)
        return seen

    part = reach(person, None)
    left = set(part) - {person}
    pieces = []
    while left:
        piece = reach(next(iter(left)), person)
        pieces.append(len(piece))
        left -= piece
    return len(part) - 1 - max(pieces, default=0)


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_cut_off_equals_brute_force_removal(seed):
    graph = random_view(40, out_degree=1, seed=seed).graph  # sparse: many cut points
    counts = cut_off(graph)
    for person in graph:
        assert counts[person] == brute_force_cut_off(graph, person), person
    bar = max(2, math.ceil(0.2 * graph.number_of_nodes()))
    assert bridge_builders(graph) == sorted(p for p in graph if brute_force_cut_off(graph, p) >= bar)


def test_the_demo_names_the_few_persons_the_docs_promise(tmp_path):
    # The documented figures (docs/metrics.md): A and C weekly 2, D daily 0 (three chains of
    # 7–8 among 34: nobody cuts off ⌈6.8⌉ = 7), D weekly 4 — of 17 and 23 cut points in D.
    views = parse_demo_views(tmp_path)
    keys = (("A", "weekly"), ("C", "weekly"), ("D", "daily"), ("D", "weekly"))
    assert [len(bridge_builders(views[key].graph)) for key in keys] == [2, 2, 0, 4]
    assert [len(list(nx.articulation_points(views["D", t].graph))) for t in ("daily", "weekly")] == [17, 23]
