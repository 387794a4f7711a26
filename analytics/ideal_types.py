r"""How close a network is to the report's three ideal types: star, circle and line.

The report describes coordination networks by three ideal types: the **star** (one person
coordinates everyone; fragile), the **circle** (everyone equal, long paths, no coordinator)
and the **line** (a long chain; no one has the overview). Real networks mix them. We score
the view's largest part (``n ≥ 3`` persons, ``m`` ties) against each:

- star: Freeman's degree centralization :math:`\sum_i (d_{\max} - d_i) / ((n-1)(n-2))`
  (Freeman 1979) — 1 exactly for a star, 0 for a circle;
- circle: :math:`s_2 / \mu` where :math:`s_2` is the share of persons with exactly two ties
  and :math:`\mu = m - n + 1 \ge 1` the number of independent cycles (cyclomatic number), and
  0 for a tree (:math:`\mu = 0`) — 1 exactly for a circle (every degree 2, one cycle); extra
  chords or spokes lower it;
- line: :math:`\mathrm{diameter} / (n - 1)` — 1 exactly for a path, the longest chain
  possible among ``n`` persons; :math:`2/(n-1)` for a star, about 1/2 for a circle.

The label is the type with the highest score when that score is at least
:data:`TYPE_THRESHOLD` (0.75), otherwise ``"mixed"``; ties between scores go to star, then
circle, then line (a path of three persons is also a star with two leaves: it is a star).
With these scores the exact star (``n ≥ 4``), circle and line (``n ≥ 4``) classify as
themselves with score 1 and the other two scores at most 2/3.

References
----------
.. [1] Freeman, L. C. (1979). Centrality in social networks: conceptual clarification.
   *Social Networks* 1(3), 215–239.
.. [2] Bavelas, A. (1950). Communication patterns in task-oriented groups. *Journal of the
   Acoustical Society of America* 22(6), 725–730 (star, circle and chain as ideal types).
"""

from __future__ import annotations

import networkx as nx

from analytics.centralization import degree_centralization
from analytics.components import parts
from analytics.distances import adjacency, levels

__all__ = ["IDEAL_TYPES", "TYPE_THRESHOLD", "ideal_type", "ideal_type_scores"]

#: The ideal types in tie-breaking order.
IDEAL_TYPES: tuple[str, ...] = ("star", "circle", "line")

#: A score at least this high names the type; below it the network is "mixed".
TYPE_THRESHOLD = 0.75


def _diameter(graph: nx.Graph) -> int:
    """Longest shortest path of a connected graph, from :func:`analytics.distances.levels`,
    since networkx's pure-Python eccentricities dominate the whole view's metrics time."""
    return int(levels(adjacency(graph, list(graph))).max())


def ideal_type_scores(graph: nx.Graph) -> dict[str, float]:
    """Scores in [0, 1] of a *connected* graph with at least 3 persons (see module docstring)."""
    n = graph.number_of_nodes()
    cycles = graph.number_of_edges() - n + 1
    two = sum(1 for _, d in graph.degree() if d == 2) / n
    return {
        "star": degree_centralization(graph),
        "circle": two / cycles if cycles else 0.0,
        "line": _diameter(graph) / (n - 1),
    }


def ideal_type(graph: nx.Graph) -> dict:
    """Classify the largest part of the undirected view.

    Returns
    -------
    dict
        ``{"label": "star"|"circle"|"line"|"mixed", "scores": {type: score},
        "part_size": k}`` (0 when there is no part). When the largest part has fewer than
        3 persons (no shape to speak of: only isolates and pairs) the label and every score
        are ``None``.
    """
    found = parts(graph)
    largest = found[0] if found else []
    if len(largest) < 3:
        return {"label": None, "scores": dict.fromkeys(IDEAL_TYPES), "part_size": len(largest)}
    scores = ideal_type_scores(graph.subgraph(largest))
    best = max(IDEAL_TYPES, key=lambda t: (scores[t], -IDEAL_TYPES.index(t)))
    label = best if scores[best] >= TYPE_THRESHOLD else "mixed"
    return {"label": label, "scores": scores, "part_size": len(largest)}
