"""Stable node positions: one layout per municipality, shared by every round and threshold.

The layout is computed once from the union of all rounds' monthly views (the monthly view
holds every tie of a round, so it covers every threshold too) with networkx's
Kamada–Kawai layout [2]_ per cluster, started from a Fruchterman–Reingold spring layout [1]_
with a fixed seed. A person therefore sits at the same
coordinates in 2011 and 2013 and at daily, weekly and monthly thresholds, and the picture does
not jump when a selector changes.

Persons without any tie in the union are laid out in a row under the network, sorted by
primary function, as the report's figures gather isolates. :func:`gather_isolates` does the
same for the isolates of one view when the page asks for it.

References
----------
.. [1] T. M. J. Fruchterman and E. M. Reingold, "Graph drawing by force-directed placement",
   Software: Practice and Experience 21(11), 1991, 1129–1164.
.. [2] T. Kamada and S. Kawai, "An algorithm for drawing general undirected graphs",
   Information Processing Letters 31(1), 1989, 7–15.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

import networkx as nx

from analytics.view import View
from cypher.model import FREQUENCIES, Person

__all__ = ["SEED", "gather_isolates", "stable_positions"]

#: Seed of the spring layout, fixed so that a layout is reproducible between server runs.
SEED = 20131
#: Pixels between neighbours in an isolate row.
ROW_SPACING = 125.0
#: Most isolates in one row before the next row starts.
ROW_LENGTH = 14
#: Gap between the network's lowest node and an isolate row, in pixels.
ROW_GAP = 110.0


#: Pixels per unit of graph distance inside a cluster.
UNIT = 115.0
#: Largest cluster drawn with Kamada–Kawai; larger ones keep their spring layout.
KAMADA_KAWAI_LIMIT = 120
#: Gap between packed clusters, in pixels.
CLUSTER_GAP = 120.0
#: Width-to-height ratio the packed drawing aims at (a wide screen or projector).
ASPECT = 1.8


def _cluster_layout(cluster: nx.Graph) -> dict[str, tuple[float, float]]:
    """Kamada–Kawai [2]_ positions of one connected cluster, from a seeded spring start.

    Kamada–Kawai's cost grows with the square of the cluster size (seconds at 300 persons);
    clusters above :data:`KAMADA_KAWAI_LIMIT` keep the spring layout.
    """
    n = cluster.number_of_nodes()
    if n == 1:
        return {next(iter(cluster)): (0.0, 0.0)}
    scale = UNIT * max(1.0, math.sqrt(n) * 0.9)
    raw = nx.spring_layout(cluster, seed=SEED, weight="weight", iterations=100, scale=scale)
    if n <= KAMADA_KAWAI_LIMIT:
        raw = nx.kamada_kawai_layout(cluster, pos=raw, weight=None, scale=scale)
    return {node: (float(x), float(y)) for node, (x, y) in raw.items()}


def _pack(clusters: list[dict[str, tuple[float, float]]]) -> dict[str, tuple[float, float]]:
    """Place cluster drawings left to right on shelves, largest first, about :data:`ASPECT` wide."""
    boxes = []
    for positions in clusters:
        xs = [x for x, _ in positions.values()]
        ys = [y for _, y in positions.values()]
        boxes.append((positions, min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)))
    area = sum((w + CLUSTER_GAP) * (h + CLUSTER_GAP) for *_, w, h in boxes)
    shelf_width = max(max(w for *_, w, _ in boxes), math.sqrt(area * ASPECT))
    placed: dict[str, tuple[float, float]] = {}
    x = y = shelf_height = 0.0
    for positions, left, top, width, height in boxes:
        if x > 0 and x + width > shelf_width:
            x, y, shelf_height = 0.0, y + shelf_height + CLUSTER_GAP, 0.0
        for node, (px, py) in positions.items():
            placed[node] = (round(x + px - left, 1), round(y + py - top, 1))
        x += width + CLUSTER_GAP
        shelf_height = max(shelf_height, height)
    return placed


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
    Each connected cluster of the union is drawn by Kamada–Kawai (graph distance ≈ drawn
    distance) started from a seeded spring layout in which ties are weighted by frequency
    (daily 3, weekly 2, monthly 1); clusters are then packed side by side, largest first.
    Persons isolated in the union form a row below. Node order is sorted first, so the
    result does not depend on the order in which rounds were loaded.
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
    ordered = nx.Graph()
    ordered.add_nodes_from(sorted(union.nodes))
    ordered.add_edges_from(sorted((min(u, v), max(u, v), d) for u, v, d in union.edges(data=True)))
    clusters = sorted((c for c in nx.connected_components(ordered) if len(c) > 1), key=lambda c: (-len(c), min(c)))
    layout = _pack([_cluster_layout(ordered.subgraph(sorted(c)).copy()) for c in clusters]) if clusters else {}
    loners = [n for n in ordered if ordered.degree(n) == 0]
    layout.update(gather_isolates(layout, loners, persons))
    return layout


def gather_isolates(
    placed: Mapping[str, tuple[float, float]], isolates: Iterable[str], persons: Mapping[str, Person]
) -> dict[str, tuple[float, float]]:
    """Coordinates for ``isolates`` in a row under the nodes of ``placed`` that are not isolates.

    The row is centred under the others, sorted by primary function, then person id, so
    that isolates of one function sit together, and wraps after :data:`ROW_LENGTH` persons.
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
    placed_row: dict[str, tuple[float, float]] = {}
    for first in range(0, len(row), ROW_LENGTH):
        chunk = row[first : first + ROW_LENGTH]
        start = centre - ROW_SPACING * (len(chunk) - 1) / 2
        y = top + (first // ROW_LENGTH) * ROW_GAP * 0.7
        placed_row |= {pid: (round(start + i * ROW_SPACING, 1), round(y, 1)) for i, pid in enumerate(chunk)}
    return placed_row
