r"""Groups: communities of persons more densely in contact with each other than with the rest.

The report reads *clusters* (klynger) off the drawings: persons densely in contact with each
other, often inside one part of the network. netkart calls them *groups* (gruppe), to keep
them apart from the *parts* the picture shows as separate (:mod:`analytics.components`):

- the communities that maximise Newman's modularity
  :math:`Q = \sum_c \big(l_c/m - (d_c/2m)^2\big)` (Louvain method, seeded so the result is
  reproducible), over the persons with at least one tie;
- only communities of at least :data:`MIN_GROUP` persons count, and only when
  :math:`Q \ge` :data:`MIN_MODULARITY` (Newman & Girvan's rule of thumb for real community
  structure); below it each part is one community, so a clique or a tightly knit network is
  one group, not several.

References
----------
.. [1] Newman, M. E. J. & Girvan, M. (2004). Finding and evaluating community structure in
   networks. *Physical Review E* 69, 026113.
.. [2] Blondel, V. D., Guillaume, J.-L., Lambiotte, R. & Lefebvre, E. (2008). Fast unfolding
   of communities in large networks. *J. Stat. Mech.* P10008.
"""

from __future__ import annotations

import networkx as nx

__all__ = ["MIN_GROUP", "MIN_MODULARITY", "groups"]

#: Smallest community that counts as a group.
MIN_GROUP = 3

#: Modularity below which the network is not split into groups.
MIN_MODULARITY = 0.3


def groups(graph: nx.Graph, seed: int = 0) -> list[list[str]]:
    """Groups as sorted id lists, largest first (equal sizes by first id).

    Parameters
    ----------
    graph : networkx.Graph
        Undirected view; isolates are left out before the communities are sought.
    seed : int
        Seed of the Louvain method; the same seed gives the same groups.

    Returns
    -------
    list of list of str
        Empty when no community has :data:`MIN_GROUP` persons; one list when the tied
        network is one community.
    """
    tied = graph.subgraph(p for p, d in graph.degree() if d > 0)
    if tied.number_of_edges() == 0:
        return []
    communities = nx.community.louvain_communities(tied, seed=seed)
    if len(communities) > 1 and nx.community.modularity(tied, communities) < MIN_MODULARITY:
        communities = [set(c) for c in nx.connected_components(tied)]
    found = [sorted(c) for c in communities if len(c) >= MIN_GROUP]
    return sorted(found, key=lambda c: (-len(c), c[0]))
