r"""Burt's structural holes: constraint and effective size of each person's contacts.

On the undirected view with unit ties, the proportional tie strength is
:math:`p_{ij} = 1/d_i` for each contact ``j`` of ``i``, and

.. math::

   c_i = \sum_{j \in N(i)} \Big(p_{ij} + \sum_{q \ne i,j} p_{iq} p_{qj}\Big)^2,
   \qquad
   \mathrm{ES}_i = d_i - \frac{2 t_i}{d_i}

where :math:`t_i` is the number of ties among ``i``'s contacts (Borgatti's 1997 simplification
of Burt's effective size for unweighted, undirected data). Low constraint and high effective
size mean a person spans structural holes, i.e. brokers between otherwise unconnected contacts.
Both are undefined for an isolate (no contacts): ``None``.

Computed with networkx's ``constraint`` and ``effective_size``, which implement exactly these.

References
----------
.. [1] Burt, R. S. (1992). *Structural Holes: The Social Structure of Competition*, ch. 2.
   Harvard University Press.
.. [2] Borgatti, S. P. (1997). Structural holes: unpacking Burt's redundancy measures.
   *Connections* 20(1), 35–38.
"""

from __future__ import annotations

import math

import networkx as nx

__all__ = ["structural_holes"]


def structural_holes(graph: nx.Graph) -> dict[str, dict[str, float | None]]:
    """Person id → ``{"constraint": c_i, "effective_size": ES_i}``; ``None`` for isolates.

    Parameters
    ----------
    graph : networkx.Graph
        Undirected view (unweighted: ``frequency`` is not a weight).
    """
    if not graph:  # networkx's constraint cannot build the adjacency matrix of an empty graph
        return {}
    constraint = nx.constraint(graph)
    effective = nx.effective_size(graph)
    return {
        person: {
            "constraint": None if math.isnan(constraint[person]) else constraint[person],
            "effective_size": None if math.isnan(effective[person]) else effective[person],
        }
        for person in graph
    }
