"""A person's ego network: the persons within a few steps of them on the undirected view.

Steps count ties: one step out are the persons the ego is tied to (their alters), two steps
out also the alters' alters. The ego belongs to their own ego network (a closed
neighbourhood, as UCINET's and Gephi's ego networks and networkx's ``ego_graph``).

References
----------
.. [1] Wasserman, S. & Faust, K. (1994). *Social Network Analysis*, ch. 2.3 (ego-centered
   networks). Cambridge University Press.
"""

from __future__ import annotations

import networkx as nx

__all__ = ["STEPS", "ego_network"]

#: How many steps out an ego network can reach in the dashboard.
STEPS: tuple[int, ...] = (1, 2)


def ego_network(graph: nx.Graph, ego: str, steps: int = 1) -> list[str]:
    """Sorted ids of the persons at most ``steps`` ties from ``ego``, ``ego`` included.

    Parameters
    ----------
    graph : networkx.Graph
        Undirected view.
    ego : str
        A person of the view; an isolate's ego network is the ego alone.
    steps : int
        How far out, at least 0 (0: the ego alone).

    Raises
    ------
    ValueError
        When ``ego`` is not a person of the view, or ``steps`` is negative.
    """
    if ego not in graph:
        raise ValueError(f"{ego!r} is not a person of the view ({graph.number_of_nodes()} persons)")
    if steps < 0:
        raise ValueError(f"steps must be 0 or more, not {steps}")
    return sorted(nx.single_source_shortest_path_length(graph, ego, cutoff=steps))
