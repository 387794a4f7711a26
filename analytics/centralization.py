"""Freeman's graph centralization of degree and betweenness on the undirected view.

A centralization index compares every person's centrality with the most central person's,
relative to the largest sum of differences any graph with as many persons can have: the star.
So a star scores 1 and a graph where everyone is equally central (a circle) scores 0.

References
----------
.. [1] Freeman, L. C. (1979). Centrality in social networks: conceptual clarification.
   *Social Networks* 1(3), 215–239.
.. [2] Wasserman, S. & Faust, K. (1994). *Social Network Analysis: Methods and Applications*,
   ch. 5.3. Cambridge University Press.
"""

from __future__ import annotations

from collections.abc import Mapping

import networkx as nx

__all__ = ["betweenness", "betweenness_centralization", "degree_centralization"]


def degree_centralization(graph: nx.Graph) -> float | None:
    r"""Freeman's degree centralization on raw degrees.

    .. math:: C_D = \frac{\sum_i (d_{\max} - d_i)}{(n-1)(n-2)}

    The denominator is the value of the numerator for a star with ``n`` persons, the most
    centralized graph [1]_.

    Parameters
    ----------
    graph : networkx.Graph
        Undirected view; isolates count as persons of degree 0.

    Returns
    -------
    float or None
        1 for a star, 0 for a circle or any regular graph; ``None`` when ``n < 3`` (the
        denominator is 0).
    """
    n = graph.number_of_nodes()
    if n < 3:
        return None
    degrees = [d for _, d in graph.degree()]
    top = max(degrees)
    return sum(top - d for d in degrees) / ((n - 1) * (n - 2))


def betweenness(graph: nx.Graph) -> dict[str, float]:
    r"""Betweenness of each person on the undirected view, normalised by :math:`(n-1)(n-2)/2`.

    .. math:: b_v = \frac{2}{(n-1)(n-2)} \sum_{s<t;\ s,t \ne v} \frac{\sigma_{st}(v)}{\sigma_{st}}

    networkx's ``betweenness_centrality(normalized=True)`` divides the count over *ordered*
    pairs by :math:`(n-1)(n-2)`; on an undirected graph every unordered pair is counted twice, so
    this is exactly the unordered count over :math:`(n-1)(n-2)/2` (Freeman's :math:`C'_B`, [1]_;
    the same as UCINET's "nBetweenness" and R sna ``betweenness(rescale=FALSE)/choose(n-1,2)``).
    For ``n < 3`` every value is 0.
    """
    return nx.betweenness_centrality(graph, normalized=True)


def betweenness_centralization(graph: nx.Graph, values: Mapping[str, float] | None = None) -> float | None:
    r"""Freeman's betweenness centralization.

    On raw betweenness :math:`B_i` (shortest paths over unordered pairs):

    .. math:: C_B = \frac{\sum_i (B_{\max} - B_i)}{(n-1)^2 (n-2) / 2}

    and, since the star's centre has :math:`B = (n-1)(n-2)/2`, on the normalised betweenness
    :math:`b_i = B_i / ((n-1)(n-2)/2)` of :func:`betweenness` the same index is

    .. math:: C_B = \frac{\sum_i (b_{\max} - b_i)}{n - 1}

    Parameters
    ----------
    graph : networkx.Graph
        Undirected view.
    values : mapping, optional
        Normalised betweenness already computed by :func:`betweenness` (saves a second run).

    Returns
    -------
    float or None
        1 for a star, 0 for a circle; ``None`` when ``n < 3``.
    """
    n = graph.number_of_nodes()
    if n < 3:
        return None
    scores = list((values if values is not None else betweenness(graph)).values())
    top = max(scores)
    return sum(top - b for b in scores) / (n - 1)
