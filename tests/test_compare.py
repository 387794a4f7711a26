"""Round comparison and the QAP test, on hand-computed rounds."""

from __future__ import annotations

import json
from itertools import permutations

import networkx as nx
import numpy as np
import pytest

from analytics.compare import PERSON_CHANGES, compare_views, person_changes
from analytics.qap import qap_correlation
from analytics.synthetic import random_view, view_from_edges


def matrix(n, edges):
    graph = nx.Graph()
    graph.add_nodes_from(range(n))
    graph.add_edges_from(edges)
    return nx.to_numpy_array(graph, nodelist=range(n), weight=None)


# --- QAP ---------------------------------------------------------------------------------


def test_qap_correlation_by_hand_and_exact_p():
    # A: 0–1, 1–2 → pairs (01, 02, 12) = (1, 0, 1); B: 0–1, 0–2 → (1, 1, 0).
    # means 2/3; Σ(x−x̄)(y−ȳ) = (1/3·1/3) + (−2/3·1/3) + (1/3·−2/3) = −3/9; Σ(x−x̄)² = 6/9 for
    # both: r = −0.5. Every relabelling of B is a path with some centre: r = 1 or −0.5, so
    # |r_perm| ≥ 0.5 always and p = (1 + K)/(1 + K) = 1.
    r, p = qap_correlation(matrix(3, [(0, 1), (1, 2)]), matrix(3, [(0, 1), (0, 2)]), permutations=200)
    assert r == pytest.approx(-0.5)
    assert p == 1.0


def test_qap_matches_exhaustive_permutation_test():
    # Six persons: the exact p over all 720 relabellings vs the Monte Carlo p.
    first = matrix(6, [(0, 1), (1, 2), (2, 0), (3, 4), (4, 5)])
    second = matrix(6, [(0, 1), (1, 2), (3, 4), (2, 5), (0, 3)])
    rows, cols = np.triu_indices(6, k=1)
    x = first[rows, cols]

    def r(b):
        return np.corrcoef(x, b[rows, cols])[0, 1]

    observed = r(second)
    exact = np.mean([abs(r(second[np.ix_(p, p)])) >= abs(observed) - 1e-12 for p in map(list, permutations(range(6)))])
    got_r, got_p = qap_correlation(first, second, permutations=20000, seed=1)
    assert got_r == pytest.approx(observed)
    assert got_p == pytest.approx(exact, abs=0.015)


def test_qap_is_seeded_and_detects_a_real_association():
    base = random_view(40, out_degree=3, seed=5).graph
    nodes = sorted(base)
    first = nx.to_numpy_array(base, nodelist=nodes, weight=None)
    # The second round keeps the network and adds a few ties: strongly associated.
    second = first.copy()
    second[0, 5] = second[5, 0] = second[3, 9] = second[9, 3] = 1
    r1, p1 = qap_correlation(first, second, permutations=500, seed=7)
    r2, p2 = qap_correlation(first, second, permutations=500, seed=7)
    assert (r1, p1) == (r2, p2)
    assert r1 > 0.9
    assert p1 == pytest.approx(1 / 501)  # no relabelling comes close: only the +1 term
    # An unrelated network: p well above any usual significance level.
    other = nx.to_numpy_array(random_view(40, out_degree=3, seed=99).graph, weight=None)
    _, p_unrelated = qap_correlation(first, other, permutations=500, seed=7)
    assert p_unrelated > 0.05


def test_qap_undefined_cases():
    assert qap_correlation(matrix(3, []), matrix(3, [(0, 1)])) == (None, None)  # constant A
    assert qap_correlation(matrix(1, []), matrix(1, [])) == (None, None)
    r, p = qap_correlation(matrix(3, [(0, 1)]), matrix(3, [(0, 1)]), permutations=0)
    assert r == pytest.approx(1.0)
    assert p is None


# --- compare_views -----------------------------------------------------------------------

BEFORE = view_from_edges([("a", "b"), ("b", "c"), ("c", "d")], round_label="2011")
# After: a left; e and f joined, f without ties; c–d dropped; c–e and d–e new.
AFTER = view_from_edges([("b", "c"), ("c", "e"), ("e", "d")], persons=("f",), round_label="2013")


def test_compare_hand_computed_rounds():
    result = compare_views(BEFORE, AFTER, permutations=100)
    assert result["round_from"] == "2011" and result["round_to"] == "2013"
    assert result["persons_joined"] == ["e", "f"]
    assert result["persons_left"] == ["a"]
    assert result["ties_new"] == [["c", "e"], ["d", "e"]]  # e → d reported, stored sorted
    assert result["ties_dropped"] == [["a", "b"], ["c", "d"]]
    assert result["ties_stable"] == [["b", "c"]]
    assert result["counts"] == {
        "persons_joined": 2, "persons_left": 1, "ties_new": 2, "ties_dropped": 2, "ties_stable": 1,
        "arcs_new": 2, "arcs_dropped": 2, "arcs_stable": 1,
    }  # fmt: skip
    assert result["ties_jaccard"] == pytest.approx(1 / 5)  # 1 / (1 + 2 + 2)
    assert result["arcs_jaccard"] == pytest.approx(1 / 5)
    # QAP over b, c, d: before (bc, bd, cd) = (1, 0, 1), after (1, 0, 0).
    # x̄ = 2/3, ȳ = 1/3; Σ(x−x̄)(y−ȳ) = 2/9 + 2/9 − 1/9 = 3/9; Σ(x−x̄)² = Σ(y−ȳ)² = 6/9: r = 0.5
    assert result["qap_persons"] == 3
    assert result["qap_correlation"] == pytest.approx(0.5)
    # Bridge-builders: in a–b–c–d (bar max(2, ⌈0.8⌉) = 2) b and c cut off one person each;
    # in b–c–e–d plus f (bar 2) c and e do: none before, none after.
    assert result["bridge_builders_gained"] == [] and result["bridge_builders_lost"] == []
    assert result["isolates_gained"] == ["f"]
    assert result["isolates_lost"] == []
    head = result["metrics"]
    assert head["from"]["nodes"] == 4 and head["to"]["nodes"] == 5
    assert head["from"]["isolates"] == 0 and head["to"]["isolates"] == 1
    assert head["delta"]["ties"] == 0
    assert head["delta"]["parts"] == 0  # one part in both; f is an isolate, not a part
    # density 3/6 → 3/10
    assert head["delta"]["density"] == pytest.approx(3 / 10 - 3 / 6)
    json.dumps(result, allow_nan=False)


def test_compare_bridge_builders_gained_and_lost():
    # 2011: line p1 … p7, n = 7, bar 2; removing p_i leaves pieces i − 1 and 7 − i, cut-off
    # the smaller: p3 2, p4 3, p5 2 → p3, p4, p5.
    # 2013: line p2 … p8 and p1 alone, n = 8, bar 2: p4 2, p5 3, p6 2 → p4, p5, p6.
    before = view_from_edges([(f"p{i}", f"p{i + 1}") for i in range(1, 7)], round_label="2011")
    after = view_from_edges([(f"p{i}", f"p{i + 1}") for i in range(2, 8)], persons=("p1",), round_label="2013")
    result = compare_views(before, after, permutations=10)
    assert result["bridge_builders_gained"] == ["p6"]
    assert result["bridge_builders_lost"] == ["p3"]
    assert result["metrics"]["from"]["bridge_builders"] == 3 and result["metrics"]["to"]["bridge_builders"] == 3


def test_person_changes_list_a_newcomer_as_joined_only():
    # f joined without ties: an isolate gained by the comparison, but joined, not "became isolated".
    changes = person_changes(compare_views(BEFORE, AFTER, permutations=10))
    assert list(changes) == list(PERSON_CHANGES)
    assert changes == {
        "joined": ["e", "f"], "left": ["a"], "isolated": [], "no_longer_isolated": [],
        "bridge_builder": [], "no_longer_bridge_builder": [],
    }  # fmt: skip


def test_person_changes_of_persons_present_in_both_rounds():
    # The line p1 … p7 becomes p2 … p8 with p1 left alone (see the test above): p1 became
    # isolated, p6 a bridge-builder, p3 stopped being one; p8 joined.
    before = view_from_edges([(f"p{i}", f"p{i + 1}") for i in range(1, 7)], round_label="2011")
    after = view_from_edges([(f"p{i}", f"p{i + 1}") for i in range(2, 8)], persons=("p1",), round_label="2013")
    changes = person_changes(compare_views(before, after, permutations=10))
    assert changes == {
        "joined": ["p8"], "left": [], "isolated": ["p1"], "no_longer_isolated": [],
        "bridge_builder": ["p6"], "no_longer_bridge_builder": ["p3"],
    }  # fmt: skip
    # ... and the other way round: p8 left, p1 is no longer isolated.
    assert person_changes(compare_views(after, before, permutations=10)) == {
        "joined": [], "left": ["p8"], "isolated": [], "no_longer_isolated": ["p1"],
        "bridge_builder": ["p3"], "no_longer_bridge_builder": ["p6"],
    }  # fmt: skip


def test_compare_arcs_differ_from_ties_when_direction_changes():
    before = view_from_edges([("a", "b")], round_label="2011")
    after = view_from_edges([("b", "a")], round_label="2013")
    result = compare_views(before, after, permutations=10)
    assert result["ties_jaccard"] == 1.0  # the same tie
    assert result["arcs_jaccard"] == 0.0  # a → b dropped, b → a new


def test_compare_identical_rounds_and_undefined_values():
    empty = view_from_edges([], persons=("a", "b"), round_label="2011")
    result = compare_views(empty, view_from_edges([], persons=("a", "b"), round_label="2013"))
    assert result["ties_jaccard"] is None
    assert result["qap_correlation"] is None and result["qap_p_value"] is None
    assert result["metrics"]["delta"]["reciprocity"] is None


def test_compare_rejects_different_municipalities_or_thresholds():
    other = view_from_edges([("a", "b")], municipality="Andreby")
    with pytest.raises(ValueError, match="one municipality at one threshold"):
        compare_views(BEFORE, other)
    weekly = view_from_edges([("a", "b")], threshold="weekly")
    with pytest.raises(ValueError, match="one municipality at one threshold"):
        compare_views(BEFORE, weekly)
