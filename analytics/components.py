"""Connected clusters, isolates, bridge persons and bridge ties of the undirected view.

An *isolate* has no tie at the view's threshold. An *articulation point* (cut vertex) is a
person whose removal splits a cluster into more clusters; a *bridge* is a tie whose removal
does (Wasserman & Faust 1994, ch. 4.3). These are the report's "brokers whose leaving is a
risk", in their strictest graph-theoretical form.

References
----------
.. [1] Wasserman, S. & Faust, K. (1994). *Social Network Analysis*, ch. 4.3 (cutpoints and
   bridges). Cambridge University Press.
.. [2] Hopcroft, J. & Tarjan, R. (1973). Algorithm 447: efficient algorithms for graph
   manipulation. *Communications of the ACM* 16(6), 372–378 (networkx's implementation).
"""

from __future__ import annotations

import networkx as nx

__all__ = ["articulation_points", "bridges", "component_sizes", "components", "isolates"]


def components(graph: nx.Graph) -> list[list[str]]:
    """Connected clusters as sorted person-id lists, largest first, ties by first person id.

    Isolates are clusters of size 1. The order is deterministic so that "the largest cluster"
    is well defined when two clusters are equally large.
    """
    parts = [sorted(part) for part in nx.connected_components(graph)]
    return sorted(parts, key=lambda part: (-len(part), part[0]))


def component_sizes(graph: nx.Graph) -> list[int]:
    """Sizes of the connected clusters, largest first; an isolate counts as a cluster of 1."""
    return [len(part) for part in components(graph)]


def isolates(graph: nx.Graph) -> list[str]:
    """Sorted ids of the persons with no tie in the view."""
    return sorted(nx.isolates(graph))


def articulation_points(graph: nx.Graph) -> list[str]:
    """Sorted ids of the persons whose removal disconnects their cluster."""
    return sorted(nx.articulation_points(graph))


def bridges(graph: nx.Graph) -> list[list[str]]:
    """Ties whose removal disconnects their cluster, each as a sorted pair, in sorted order."""
    return sorted(sorted(edge) for edge in nx.bridges(graph))
