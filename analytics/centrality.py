"""Point centralities of each person on the undirected view: degree, closeness, eigenvector.

Betweenness, the fourth of the measures a picture can be sized by, is
:func:`analytics.centralization.betweenness` (one implementation per measure);
:func:`centralities` gives all four side by side. Every measure is normalised so that it lies
in [0, 1] and can be compared between views of different size, and every person of the view
gets a value: an isolate is 0 on every measure.

References
----------
.. [1] Freeman, L. C. (1978/79). Centrality in social networks: conceptual clarification.
   *Social Networks* 1(3), 215–239.
.. [2] Wasserman, S. & Faust, K. (1994). *Social Network Analysis: Methods and Applications*,
   ch. 5.2 (closeness in disconnected graphs, p. 200–201). Cambridge University Press.
.. [3] Bonacich, P. (1972). Factoring and weighting approaches to status scores and clique
   identification. *Journal of Mathematical Sociology* 2(1), 113–120.
.. [4] Bonacich, P. (1987). Power and centrality: a family of measures. *American Journal of
   Sociology* 92(5), 1170–1182.
"""

from __future__ import annotations

from collections.abc import Mapping

import networkx as nx
import numpy as np

from analytics import distances
from analytics.centralization import betweenness

__all__ = ["MEASURES", "centralities", "closeness", "degree", "eigenvector"]

#: The centralities a person can be measured (and a picture sized) by, the default second.
MEASURES: tuple[str, ...] = ("degree", "betweenness", "closeness", "eigenvector")

# Parts larger than this get the sparse Lanczos solver for their leading eigenpair: a full
# dense decomposition of a 300-person part takes several times as long. scipy is imported
# only then, as for the distances (analytics.distances).
_DENSE_UP_TO = 50


def degree(graph: nx.Graph) -> dict[str, float]:
    r"""Freeman's normalised degree: the share of the others a person is tied to [1]_.

    .. math:: C'_D(v) = \frac{d_v}{n - 1}

    Parameters
    ----------
    graph : networkx.Graph
        Undirected view.

    Returns
    -------
    dict
        Person id → value in [0, 1]: 1 for the centre of a star, 0 for an isolate. With
        ``n < 2`` every value is 0 (nobody else to be tied to). Equals networkx's
        ``degree_centrality``.
    """
    n = graph.number_of_nodes()
    if n < 2:
        return dict.fromkeys(graph, 0.0)
    return {v: d / (n - 1) for v, d in graph.degree()}


def closeness(graph: nx.Graph) -> dict[str, float]:
    r"""Closeness: how near a person is to those they can reach, by Wasserman & Faust [2]_.

    Freeman's closeness [1]_ is :math:`(n-1) / \sum_u d(v, u)`, undefined when someone is out
    of reach. On a view with several parts and isolates netkart uses Wasserman & Faust's
    correction: with :math:`r_v` the persons ``v`` can reach (``v`` excluded) and
    :math:`S_v` the sum of their distances,

    .. math:: C_C(v) = \frac{r_v}{n - 1} \cdot \frac{r_v}{S_v}

    the closeness within the own part, scaled down by the share of the view that part makes
    up. On a connected view it is Freeman's closeness.

    Parameters
    ----------
    graph : networkx.Graph
        Undirected view; distances count ties (unweighted).

    Returns
    -------
    dict
        Person id → value in [0, 1]: 1 for the centre of a star, 0 for an isolate (nobody
        in reach) and for every person when ``n < 2``. Equals networkx's
        ``closeness_centrality(wf_improved=True)``.
    """
    nodes = list(graph)
    n = len(nodes)
    if n < 2:
        return dict.fromkeys(nodes, 0.0)
    level = distances.levels(distances.adjacency(graph, nodes))
    reachable = level >= 0
    reach = reachable.sum(axis=1) - 1
    total = np.where(reachable, level, 0).sum(axis=1)
    values = np.where(total > 0, reach / np.where(total > 0, total, 1) * reach / (n - 1), 0.0)
    return dict(zip(nodes, values.tolist(), strict=True))


def eigenvector(graph: nx.Graph) -> dict[str, float]:
    r"""Bonacich's eigenvector centrality: central are those tied to the central [3]_ [4]_.

    The values are the entries of the leading eigenvector of the adjacency matrix ``A``,

    .. math:: \lambda_1 x_v = \sum_u A_{vu} x_u, \qquad \sum_v x_v^2 = 1

    normalised to unit length as networkx does (the centre of a star has :math:`1/\sqrt{2}`;
    everyone on a circle of ``n`` has :math:`1/\sqrt{n}`).

    Notes
    -----
    On a connected view the leading eigenvector is unique and positive (Perron–Frobenius). A
    view with several parts is handled part by part: each part's leading eigenvalue
    :math:`\lambda_c` and positive unit eigenvector :math:`x_c` are computed, and only the
    parts whose :math:`\lambda_c` equals the view's largest :math:`\lambda_1` carry weight.
    That is the leading eigenvector of the whole view, and, where several parts tie for
    :math:`\lambda_1` (two equal triangles), the limit of the power iteration that networkx's
    ``eigenvector_centrality`` runs from the all-ones vector: part ``c`` gets the weight
    :math:`\mathbf{1} \cdot x_c` before the whole vector is scaled to unit length. Persons in
    the other parts (a dyad beside the main part, say) get 0: eigenvector centrality measures
    standing in the dominant part, so closeness or degree suit views of many similar parts
    better. An isolate gets 0, and so does everyone in a view without ties (where networkx
    gives every person :math:`1/\sqrt{n}`).

    Parameters
    ----------
    graph : networkx.Graph
        Undirected view.

    Returns
    -------
    dict
        Person id → value in [0, 1/√2].
    """
    result = dict.fromkeys(graph, 0.0)
    leading: list[tuple[float, list[str], np.ndarray]] = []
    for part in nx.connected_components(graph):
        if len(part) < 2:
            continue
        members = sorted(part)
        value, vector = _leading(graph.subgraph(members), members)
        leading.append((value, members, vector))
    if not leading:
        return result
    top = max(value for value, _, _ in leading)
    for value, members, vector in leading:
        if np.isclose(value, top, rtol=1e-9, atol=1e-12):
            result.update(zip(members, (vector.sum() * vector).tolist(), strict=True))
    norm = float(np.sqrt(sum(x * x for x in result.values())))
    return {v: x / norm for v, x in result.items()}


def _leading(part: nx.Graph, members: list[str]) -> tuple[float, np.ndarray]:
    """The largest eigenvalue of a connected part's adjacency and its positive unit eigenvector,
    in the order of ``members``."""
    n = len(members)
    if n <= _DENSE_UP_TO:
        values, vectors = np.linalg.eigh(nx.to_numpy_array(part, nodelist=members, weight=None))
        value, vector = values[-1], vectors[:, -1]
    else:
        from scipy.sparse.linalg import eigsh

        adjacency = nx.to_scipy_sparse_array(part, nodelist=members, weight=None, format="csr").astype(float)
        # Started from all ones (which overlaps the positive Perron vector), so it is repeatable.
        values, vectors = eigsh(adjacency, k=1, which="LA", v0=np.ones(n))
        value, vector = values[0], vectors[:, 0]
    # The Perron vector of a connected part has entries of one sign; the solver picks the sign.
    return float(value), np.abs(vector) / np.linalg.norm(vector)


def centralities(graph: nx.Graph, between: Mapping[str, float] | None = None) -> dict[str, dict[str, float]]:
    """Each of :data:`MEASURES` → person id → value, on the undirected view.

    ``between`` is the normalised betweenness if already computed (it is the costly one).
    """
    return {
        "degree": degree(graph),
        "betweenness": dict(betweenness(graph) if between is None else between),
        "closeness": closeness(graph),
        "eigenvector": eigenvector(graph),
    }
