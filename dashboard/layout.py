"""Stable node positions: one layout per municipality, shared by every round and threshold.

The layout is computed once from the union of all rounds' monthly views (the monthly view
holds every tie of a round, so it covers every threshold too) with networkx's
Fruchterman–Reingold spring layout [1]_ from a fixed seed. A person therefore sits at the same
coordinates in 2011 and 2013 and at daily, weekly and monthly thresholds, and the picture does
not jump when a selector changes.

Persons without any tie in the union are laid out in a row under the network, sorted by
primary function, as the report's figures gather isolates. :func:`gather_isolates` does the
same for the isolates of one view when the page asks for it.

References
----------
.. [1] T. M. J. Fruchterman and E. M. Reingold, "Graph drawing by force-directed placement",
   Software: Practice and Experience 21(11), 1991, 1129–1164.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

import networkx as nx

from analytics.view import Person, View
from cypher.model import FREQUENCIES

__all__ = ["SEED", "gather_isolates", "stable_positions"]

#: Seed of the spring layout, fixed so that a layout is reproducible between server runs.
SEED = 20131
#: Pixels between neighbours in an isolate row.
ROW_SPACING = 70.0
#: Gap between the network's lowest node and an isolate row, in pixels.
ROW_GAP = 110.0


def _scale(node_count: int) -> float:
    # The drawing's half-width in pixels grows with sqrt(n) so that density on screen is steady.
    return 90.0 * math.sqrt(max(node_count, 4))


def stable_positions(views: Sequence[View]) -> dict[str, tuple[float, float]]:
    """Pixel coordinates of every person in any of ``views``.

    Parameters
    ----------
    views : sequence of View
        Views of one municipality, normally one per round at the ``monthly`` threshold.

    Returns
    -------
    dict
        person id → ``(x, y)`` in pixels, y growing downwards as in Cytoscape.

    Notes
    -----
    Ties are weighted by frequency (daily 3, weekly 2, monthly 1) so that persons in daily
    contact end up closer together. Persons isolated in the union form a row below.
    """
    union = nx.Graph()
    persons: dict[str, Person] = {}
    for item in views:
        persons.update(item.person_by_id)
        union.add_nodes_from(item.graph.nodes)
        for u, v, frequency in item.graph.edges(data="frequency"):
            weight = len(FREQUENCIES) - 1 - FREQUENCIES.index(frequency)
            if not union.has_edge(u, v) or union.edges[u, v]["weight"] < weight:
                union.add_edge(u, v, weight=weight)
    connected = union.subgraph([n for n in union if union.degree(n) > 0])
    scale = _scale(union.number_of_nodes())
    layout: dict[str, tuple[float, float]] = {}
    if connected.number_of_nodes():
        # Sorting the nodes makes the result independent of the order rounds were loaded in.
        ordered = nx.Graph()
        ordered.add_nodes_from(sorted(connected.nodes))
        ordered.add_edges_from(sorted(connected.edges(data=True)))
        raw = nx.spring_layout(ordered, seed=SEED, weight="weight", iterations=200, scale=scale)
        layout = {n: (round(float(x), 1), round(float(y), 1)) for n, (x, y) in raw.items()}
    loners = [n for n in union if union.degree(n) == 0]
    layout.update(gather_isolates(layout, loners, persons))
    return layout


def gather_isolates(
    placed: Mapping[str, tuple[float, float]], isolates: Iterable[str], persons: Mapping[str, Person]
) -> dict[str, tuple[float, float]]:
    """Coordinates for ``isolates`` in a row under the nodes of ``placed`` that are not isolates.

    The row is centred under the others and sorted by primary function, then person id, so
    that isolates of one function sit together.
    """
    row = sorted(set(isolates), key=lambda pid: (persons[pid].primary_function if pid in persons else "", pid))
    others = [xy for pid, xy in placed.items() if pid not in set(row)]
    if not row:
        return {}
    if others:
        centre = (min(x for x, _ in others) + max(x for x, _ in others)) / 2
        top = max(y for _, y in others) + ROW_GAP
    else:
        centre, top = 0.0, 0.0
    start = centre - ROW_SPACING * (len(row) - 1) / 2
    return {pid: (round(start + i * ROW_SPACING, 1), round(top, 1)) for i, pid in enumerate(row)}
