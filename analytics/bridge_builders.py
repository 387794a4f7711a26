r"""Bridge-builders: the few persons whose leaving would cut a real share off the network.

The report looks for brokers (brobyggere) "through whom contact between clusters runs, and
the risk when they leave". Every cut point (:func:`analytics.components.cut_points`) is such a
risk in the strict graph-theoretical sense, but in a sparse network most persons are cut
points — anyone holding a single pendant colleague is one — and a list of 23 of 34 persons
names nobody a municipality would recognise. A bridge-builder is a cut point whose removal
cuts off *many* persons: Borgatti's (2006) fragmentation view of key players, applied to one
person at a time, with Burt's (1992) brokerage across a gap as the idea behind it.

Definitions, for the undirected view :math:`G` with :math:`n` persons (isolates included):

- the *cut-off* of person :math:`v` in part :math:`P` (connected component containing
  :math:`v`) is

  .. math:: c(v) = |P| - 1 - \max_{Q} |Q|

  over the pieces :math:`Q` (connected components) of :math:`P - v`: the persons of
  :math:`v`'s part, other than :math:`v`, who are no longer in the largest piece. It is 0 for
  an isolate and for any person who is not a cut point; a star's centre cuts off
  :math:`n - 2`.
- :math:`v` is a *bridge-builder* when :math:`v` is a cut point and

  .. math:: c(v) \ge \max\big(\text{MIN\_CUT\_OFF},\ \lceil \text{BRIDGE\_SHARE} \cdot n \rceil\big)

  with :data:`MIN_CUT_OFF` = 2 (one pendant colleague is not a bridge) and
  :data:`BRIDGE_SHARE` = 0.2 (a fifth of the network).

On the demo data this names 2 persons in A's weekly network (the report's "two brokers"),
2 in C's, none in D's daily chains and 4 in D's weekly network.

References
----------
.. [1] Wasserman, S. & Faust, K. (1994). *Social Network Analysis: Methods and Applications*,
   ch. 4.3 (cutpoints). Cambridge University Press.
.. [2] Borgatti, S. P. (2006). Identifying sets of key players in a social network.
   *Computational and Mathematical Organization Theory* 12(1), 21–34.
.. [3] Burt, R. S. (1992). *Structural Holes: The Social Structure of Competition*. Harvard
   University Press.
"""

from __future__ import annotations

import math

import networkx as nx

__all__ = ["BRIDGE_SHARE", "MIN_CUT_OFF", "bridge_builders", "cut_off", "cut_off_bar"]

#: Fewest persons a bridge-builder's removal must cut off.
MIN_CUT_OFF = 2

#: Share of the view's persons a bridge-builder's removal must cut off (rounded up).
BRIDGE_SHARE = 0.2


def cut_off(graph: nx.Graph) -> dict[str, int]:
    """Person id → how many persons their removal cuts off from the largest remaining piece.

    Parameters
    ----------
    graph : networkx.Graph
        Undirected view.

    Returns
    -------
    dict of str to int
        :math:`c(v)` (see the module docstring) for every person; 0 for isolates and for
        persons who are not cut points.
    """
    result = dict.fromkeys(graph, 0)
    part_of = {p: part for part in nx.connected_components(graph) for p in part}
    for person in nx.articulation_points(graph):
        part = part_of[person]
        rest = graph.subgraph(part - {person})
        largest = max(len(piece) for piece in nx.connected_components(rest))
        result[person] = len(part) - 1 - largest
    return result


def cut_off_bar(persons: int) -> int:
    """The cut-off a bridge-builder needs in a view of ``persons`` persons (module docstring)."""
    return max(MIN_CUT_OFF, math.ceil(BRIDGE_SHARE * persons))


def bridge_builders(graph: nx.Graph) -> list[str]:
    """Sorted ids of the bridge-builders of the undirected view.

    A cut point whose removal cuts off at least :func:`cut_off_bar` persons (module
    docstring). Only cut points have a positive cut-off, so the cut-off alone decides.

    Examples
    --------
    >>> bridge_builders(nx.path_graph(["a", "b", "c", "d", "e", "f", "g"]))
    ['c', 'd', 'e']
    """
    bar = cut_off_bar(graph.number_of_nodes())
    return sorted(p for p, count in cut_off(graph).items() if count >= bar)
