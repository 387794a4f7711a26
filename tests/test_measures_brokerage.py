"""Gould & Fernandez brokerage roles: each role on a hand-built graph, and a brute force."""

from __future__ import annotations

from itertools import permutations

import networkx as nx
import pytest

from analytics.brokerage import ROLES, brokerage

ZERO = dict.fromkeys(ROLES, 0)


def roles_of(arcs, groups, person="v"):
    graph = nx.DiGraph(arcs)
    graph.add_nodes_from(groups)
    return brokerage(graph, groups)[person]


@pytest.mark.parametrize(
    ("role", "groups"),
    [
        ("coordinator", {"a": "X", "v": "X", "c": "X"}),  # all in one group
        ("gatekeeper", {"a": "Y", "v": "X", "c": "X"}),  # a outside, v lets a into X
        ("representative", {"a": "X", "v": "X", "c": "Y"}),  # v speaks for X towards c
        ("consultant", {"a": "X", "v": "Y", "c": "X"}),  # outsider v between two X
        ("liaison", {"a": "X", "v": "Y", "c": "Z"}),  # all different
    ],
)
def test_each_role_on_one_open_two_path(role, groups):
    # a → v → c, no a → c: exactly one brokered two-path, in exactly one role.
    assert roles_of([("a", "v"), ("v", "c")], groups) == {**ZERO, role: 1, "total": 1}


def test_closed_and_returning_two_paths_are_not_brokered():
    groups = {"a": "X", "v": "X", "c": "X"}
    # a already reports c: closed
    assert roles_of([("a", "v"), ("v", "c"), ("a", "c")], groups) == {**ZERO, "total": 0}
    # a → v → a: a = c, not a brokerage
    assert roles_of([("a", "v"), ("v", "a")], {"a": "X", "v": "X"}) == {**ZERO, "total": 0}
    # c → a does not close a → v → c: direction matters
    assert roles_of([("a", "v"), ("v", "c"), ("c", "a")], groups)["coordinator"] == 1


def test_mixed_broker_by_hand():
    # v in Y; in-arcs from a (X) and b (Y); out-arcs to c (X) and d (Z); a also reports d.
    # a→v→c: a=c≠v → consultant; a→v→d closed by a→d; b→v→c and b→v→d: b=v≠c,d → 2×
    # representative. Total 3. Nobody else brokers anything: c, d have no out-arcs, and a,
    # b have no in-arcs.
    groups = {"a": "X", "b": "Y", "v": "Y", "c": "X", "d": "Z"}
    graph = nx.DiGraph([("a", "v"), ("b", "v"), ("v", "c"), ("v", "d"), ("a", "d")])
    result = brokerage(graph, groups)
    assert result["v"] == {**ZERO, "consultant": 1, "representative": 2, "total": 3}
    assert all(result[p] == {**ZERO, "total": 0} for p in "abcd")


def brute_force(graph, groups):
    counts = {p: dict.fromkeys((*ROLES, "total"), 0) for p in graph}
    for a, v, c in permutations(graph, 3):
        if not (graph.has_edge(a, v) and graph.has_edge(v, c)) or graph.has_edge(a, c):
            continue
        ga, gv, gc = groups[a], groups[v], groups[c]
        if ga == gv == gc:
            role = "coordinator"
        elif ga != gv and gv == gc:
            role = "gatekeeper"
        elif ga == gv and gv != gc:
            role = "representative"
        elif ga == gc:
            role = "consultant"
        else:
            role = "liaison"
        counts[v][role] += 1
        counts[v]["total"] += 1
    return counts


@pytest.mark.parametrize("seed", range(5))
def test_matches_brute_force_enumeration(seed):
    graph = nx.gnp_random_graph(25, 0.15, seed=seed, directed=True)
    groups = {p: "XYZ"[(p * 7 + seed) % 3] for p in graph}
    assert brokerage(graph, groups) == brute_force(graph, groups)


def test_star_and_line_reported_both_ways():
    # Star: centre c and leaves l1..l5 report each other. Every li → c → lj (i ≠ j) is open:
    # 5 × 4 = 20 two-paths through c; leaves broker nothing. With c in allocation and the
    # leaves in services, each is a consultant path (a = c's group ≠ v's).
    arcs = [(u, v) for i in range(1, 6) for u, v in (("c", f"l{i}"), (f"l{i}", "c"))]
    groups = {"c": "allocation", **{f"l{i}": "services" for i in range(1, 6)}}
    result = brokerage(nx.DiGraph(arcs), groups)
    assert result["c"] == {**ZERO, "consultant": 20, "total": 20}
    assert result["l1"] == {**ZERO, "total": 0}
    # Line l0 – l1 – l2 – l3 reported both ways, all services: l1 brokers l0 → l2 and
    # l2 → l0; l2 brokers l1 → l3 and l3 → l1: 2 coordinator paths each.
    line = nx.DiGraph([(u, v) for i in range(3) for u, v in ((f"l{i}", f"l{i + 1}"), (f"l{i + 1}", f"l{i}"))])
    counts = brokerage(line, dict.fromkeys(line, "services"))
    assert [counts[f"l{i}"]["coordinator"] for i in range(4)] == [0, 2, 2, 0]
