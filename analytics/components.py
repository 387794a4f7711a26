"""Parts, isolates, cut points and bridges of the undirected view.

A *part* is a connected component of the undirected view with at least two persons: what the
picture shows as separate. A person with no tie at the view's threshold is an *isolate*, not
a part of one. A *cut point* (articulation point) is a person whose removal splits their part
into more pieces; a *bridge* is a tie whose removal does (Wasserman & Faust 1994, ch. 4.3).
Which cut points matter enough to be called bridge-builders is decided in
:mod:`analytics.bridge_builders`.

References
----------
.. [1] Wasserman, S. & Faust, K. (1994). *Social Network Analysis*, ch. 4.3 (cutpoints and
   bridges). Cambridge University Press.
.. [2] Hopcroft, J. & Tarjan, R. (1973). Algorithm 447: efficient algorithms for graph
   manipulation. *Communications of the ACM* 16(6), 372–378 (networkx's implementation).
"""

from __future__ import annotations

import networkx as nx

__all__ = ["bridges", "cut_points", "isolates", "parts"]


def parts(graph: nx.Graph) -> list[list[str]]:
    """Parts (connected components of at least two persons) as sorted id lists.

    Largest first, equal sizes ordered by their first person id, so that "the largest part"
    is well defined. Isolates belong to no part: a graph of isolates has no parts.
    """
    found = [sorted(part) for part in nx.connected_components(graph) if len(part) >= 2]
    return sorted(found, key=lambda part: (-len(part), part[0]))


def isolates(graph: nx.Graph) -> list[str]:
    """Sorted ids of the persons with no tie in the view."""
    return sorted(nx.isolates(graph))


def cut_points(graph: nx.Graph) -> list[str]:
    """Sorted ids of the persons whose removal splits their part (articulation points)."""
    return sorted(nx.articulation_points(graph))


def bridges(graph: nx.Graph) -> list[list[str]]:
    """Ties whose removal splits their part, each as a sorted pair, in sorted order."""
    return sorted(sorted(edge) for edge in nx.bridges(graph))
