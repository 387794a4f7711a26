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

In matrix form, with ``A`` the adjacency, ``d`` the degrees and :math:`P = A / d` (row-wise),
:math:`c_i = \sum_j [A_{ij} > 0]\,(P + P^2)_{ij}^2` and, as :math:`(A^3)_{ii} = 2 t_i`,
:math:`\mathrm{ES}_i = d_i - (A^3)_{ii} / d_i`. That is how they are computed for a
municipality's network (dense numpy, :data:`analytics.distances.DENSE_LIMIT`); above it
networkx's ``constraint`` and ``effective_size``, which implement the same formulas with
scipy's sparse matrices, whose import would otherwise cost every command a quarter of a
second. Both are tested against networkx.

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
import numpy as np

from analytics import distances

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
    if graph.number_of_nodes() > distances.DENSE_LIMIT:
        constraint, effective = nx.constraint(graph), nx.effective_size(graph)
    else:
        constraint, effective = _dense(graph)
    return {
        person: {
            "constraint": None if math.isnan(constraint[person]) else constraint[person],
            "effective_size": None if math.isnan(effective[person]) else effective[person],
        }
        for person in graph
    }


def _dense(graph: nx.Graph) -> tuple[dict[str, float], dict[str, float]]:
    """Constraint and effective size by the matrix formulas of the module docstring; NaN for
    isolates, as networkx gives."""
    nodes = list(graph)
    adjacency = distances.adjacency(graph, nodes)
    degree = adjacency.sum(axis=1)
    # An isolate's row of shares is 0, not 0/0: a NaN would spread through share @ share.
    share = np.divide(adjacency, degree[:, None], out=np.zeros_like(adjacency), where=degree[:, None] > 0)
    constraint = ((adjacency > 0) * (share + share @ share) ** 2).sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        effective = degree - np.diagonal(adjacency @ adjacency @ adjacency) / degree
    constraint[degree == 0] = math.nan
    effective[degree == 0] = math.nan
    return dict(zip(nodes, constraint.tolist(), strict=True)), dict(zip(nodes, effective.tolist(), strict=True))
