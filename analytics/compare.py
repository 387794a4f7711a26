r"""Round-to-round comparison of one municipality's network at one threshold.

Programme staff ask: who joined and who left, which ties appeared and which disappeared, did
isolation fall, did the bridge-builders change — and is the 2013 network, on the persons present in
both rounds, still the 2011 network?

- Tie turnover over *all* persons: a tie with a person who joined is new, a tie with a person
  who left is dropped. Jaccard similarity of the tie sets,
  :math:`J = |S| / (|S| + |N| + |D|)` for stable, new and dropped ties (Jaccard 1901); the same
  on reported (directed) arcs.
- QAP correlation of the two undirected adjacency matrices over the persons in both rounds,
  with a seeded permutation p-value (:mod:`analytics.qap`; Krackhardt 1987, 1988).
- Headline metrics of both rounds (:data:`analytics.metrics.HEADLINE`) and their differences
  ``to − from``.
- Bridge-builders (:mod:`analytics.bridge_builders`) and isolates gained — in that role in the
  later round but not in the earlier one, including persons who joined — and lost (the
  reverse, including persons who left).
- Person-level change (:func:`person_changes`, for the report's change section and the
  dashboard's Rounds page): who joined and who left, and who of the persons present in both
  rounds became or stopped being an isolate or a bridge-builder. A person who joined or left
  is listed as such only, not also as having gained or lost a role.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from analytics.metrics import headline, network_summary
from analytics.qap import qap_correlation
from analytics.view import View

__all__ = ["PERSON_CHANGES", "compare_views", "person_changes"]

#: The kinds of person-level change (:func:`person_changes`), in the order they are listed.
PERSON_CHANGES: tuple[str, ...] = (
    "joined",
    "left",
    "isolated",
    "no_longer_isolated",
    "bridge_builder",
    "no_longer_bridge_builder",
)

# The comparison's key of each role change of a person present in both rounds.
_ROLE_KEYS = {
    "isolated": "isolates_gained",
    "no_longer_isolated": "isolates_lost",
    "bridge_builder": "bridge_builders_gained",
    "no_longer_bridge_builder": "bridge_builders_lost",
}


def _pairs(edges: Iterable[tuple[str, str]], *, directed: bool) -> set[tuple[str, str]]:
    return {(u, v) if directed else tuple(sorted((u, v))) for u, v in edges}


def _turnover(first: set, second: set) -> tuple[list, list, list, float | None]:
    """New, dropped and stable elements (sorted) and the Jaccard similarity of two sets."""
    union = first | second
    jaccard = len(first & second) / len(union) if union else None
    return sorted(second - first), sorted(first - second), sorted(first & second), jaccard


def _delta(first: float | None, second: float | None) -> float | None:
    return None if first is None or second is None else second - first


def compare_views(before: View, after: View, *, permutations: int = 1000, seed: int = 0) -> dict:
    """Compare two rounds of the same municipality at the same threshold.

    Parameters
    ----------
    before, after : View
        The earlier and the later round.
    permutations : int
        QAP permutations (default 1000).
    seed : int
        Seed of the permutation test; the same seed gives the same p-value.

    Returns
    -------
    dict
        JSON-ready: ``municipality``, ``alias``, ``threshold``, ``round_from``, ``round_to``;
        ``persons_joined``, ``persons_left``, ``ties_new``, ``ties_dropped``, ``ties_stable``
        (sorted id lists / sorted pairs) and their sizes in ``counts`` (also ``arcs_new``,
        ``arcs_dropped``, ``arcs_stable``); ``ties_jaccard``, ``arcs_jaccard``;
        ``qap_correlation``, ``qap_p_value``, ``qap_persons``, ``qap_permutations``;
        ``metrics``: ``{"from": headline, "to": headline, "delta": to − from}``;
        ``bridge_builders_gained``, ``bridge_builders_lost``, ``isolates_gained``,
        ``isolates_lost``.

    Raises
    ------
    ValueError
        If the views belong to different municipalities or thresholds.
    """
    if before.municipality != after.municipality or before.threshold != after.threshold:
        raise ValueError(
            "compare_views needs one municipality at one threshold, got "
            f"{before.municipality}/{before.threshold} and {after.municipality}/{after.threshold}"
        )
    first, second = network_summary(before), network_summary(after)
    persons_before, persons_after = set(before.person_by_id), set(after.person_by_id)
    ties_new, ties_dropped, ties_stable, ties_jaccard = _turnover(
        _pairs(before.graph.edges(), directed=False), _pairs(after.graph.edges(), directed=False)
    )
    arcs_new, arcs_dropped, arcs_stable, arcs_jaccard = _turnover(
        _pairs(before.digraph.edges(), directed=True), _pairs(after.digraph.edges(), directed=True)
    )

    common = sorted(persons_before & persons_after)
    correlation, p_value = qap_correlation(
        nx.to_numpy_array(before.graph, nodelist=common, weight=None),
        nx.to_numpy_array(after.graph, nodelist=common, weight=None),
        permutations=permutations,
        seed=seed,
    )
    head_from, head_to = headline(first), headline(second)
    result = {
        "municipality": after.municipality,
        "alias": after.alias,
        "threshold": after.threshold,
        "round_from": before.round,
        "round_to": after.round,
        "persons_joined": sorted(persons_after - persons_before),
        "persons_left": sorted(persons_before - persons_after),
        "ties_new": [list(t) for t in ties_new],
        "ties_dropped": [list(t) for t in ties_dropped],
        "ties_stable": [list(t) for t in ties_stable],
        "ties_jaccard": ties_jaccard,
        "arcs_jaccard": arcs_jaccard,
        "qap_correlation": correlation,
        "qap_p_value": p_value,
        "qap_persons": len(common),
        "qap_permutations": permutations,
        "metrics": {
            "from": head_from,
            "to": head_to,
            "delta": {key: _delta(head_from[key], head_to[key]) for key in head_from},
        },
        "bridge_builders_gained": sorted(set(second["bridge_builders"]) - set(first["bridge_builders"])),
        "bridge_builders_lost": sorted(set(first["bridge_builders"]) - set(second["bridge_builders"])),
        "isolates_gained": sorted(set(second["isolates"]) - set(first["isolates"])),
        "isolates_lost": sorted(set(first["isolates"]) - set(second["isolates"])),
    }
    result["counts"] = {
        key: len(result[key]) for key in ("persons_joined", "persons_left", "ties_new", "ties_dropped", "ties_stable")
    } | {"arcs_new": len(arcs_new), "arcs_dropped": len(arcs_dropped), "arcs_stable": len(arcs_stable)}
    return result


def person_changes(comparison: dict) -> dict[str, list[str]]:
    """Who changed between the rounds of ``comparison`` (:func:`compare_views`), by person id.

    Returns
    -------
    dict
        Every kind of :data:`PERSON_CHANGES` → sorted person ids: ``joined`` and ``left`` as
        the comparison has them; ``isolated``, ``no_longer_isolated``, ``bridge_builder`` and
        ``no_longer_bridge_builder`` only for persons present in both rounds (a person who
        joined as an isolate has joined, not become isolated).
    """
    moved = set(comparison["persons_joined"]) | set(comparison["persons_left"])
    changes = {"joined": sorted(comparison["persons_joined"]), "left": sorted(comparison["persons_left"])}
    for kind, key in _ROLE_KEYS.items():
        changes[kind] = sorted(p for p in comparison[key] if p not in moved)
    return changes
