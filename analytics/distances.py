r"""Breadth-first distances between all persons at once, as matrix products.

Both betweenness (:mod:`analytics.centralization`) and the line score of the ideal types
(:mod:`analytics.ideal_types`, the diameter) need every shortest-path distance of the
undirected view. They are found level by level for all sources together: the persons at
distance ``k`` from ``s`` are those next to a person at distance ``k-1`` and not reached
before, i.e. row ``s`` of

.. math:: F_k = [F_{k-1} A > 0] \wedge [L = -1], \qquad F_0 = I

with ``A`` the adjacency and ``L`` the level matrix filled in as the frontiers ``F_k`` are
found [1]_. The cost is :math:`O(\mathrm{diameter})` matrix products.

The adjacency is a dense numpy array for networks up to :data:`DENSE_LIMIT` persons, which
covers a municipality's network, and a scipy sparse matrix above it. The dense form spares
a command the import of scipy's sparse package, about a quarter of a second and a third of
``netkart metrics``; for a few hundred persons the dense products take milliseconds.

References
----------
.. [1] Kepner, J. & Gilbert, J. (eds.) (2011). *Graph Algorithms in the Language of Linear
   Algebra*, ch. 3 and 6 (breadth-first search and batched betweenness). SIAM.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
import numpy as np

__all__ = ["DENSE_LIMIT", "adjacency", "levels"]

#: Up to this many persons the adjacency is dense (see the module docstring).
DENSE_LIMIT = 600


def adjacency(graph: nx.Graph, nodes: list[Any]) -> Any:
    """The 0/1 adjacency of ``graph`` in the order of ``nodes``, as float: a numpy array up to
    :data:`DENSE_LIMIT` persons, a scipy CSR matrix above. Both support ``A @ X``."""
    if len(nodes) <= DENSE_LIMIT:
        return nx.to_numpy_array(graph, nodelist=nodes, weight=None)
    return nx.to_scipy_sparse_array(graph, nodelist=nodes, weight=None, format="csr").astype(float)


def levels(matrix: Any) -> np.ndarray:
    """Distance matrix of the symmetric adjacency ``matrix``: ``L[s, t]`` is the number of
    ties on a shortest path from ``s`` to ``t``, 0 on the diagonal and -1 where ``t`` cannot
    be reached from ``s`` (another part, or an isolate)."""
    n = matrix.shape[0]
    level = np.full((n, n), -1, dtype=np.int64)
    np.fill_diagonal(level, 0)
    frontier = np.eye(n)
    k = 0
    while True:
        k += 1
        # A is symmetric, so (A F^T)^T = F A; the first form keeps a sparse A on the left.
        reached = (np.asarray(matrix @ frontier.T).T > 0) & (level < 0)
        if not reached.any():
            return level
        level[reached] = k
        frontier = reached.astype(float)
