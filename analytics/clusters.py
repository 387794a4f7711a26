r"""Clusters inside the network and the few persons through whom contact between them runs.

The report reads *clusters* (klynger) off the drawings: groups of persons densely in contact
with each other, often inside one connected network, and *brokers* (brobyggere) through whom
the contact between clusters runs. We make both explicit:

- clusters: the communities that maximise Newman's modularity
  :math:`Q = \sum_c \big(l_c/m - (d_c/2m)^2\big)` (Louvain method, seeded so the result is
  reproducible), over the persons with at least one tie; only communities of at least
  :data:`MIN_CLUSTER` persons count, and only when :math:`Q \ge` :data:`MIN_MODULARITY`
  (Newman & Girvan's rule of thumb for real community structure) — a clique or a tightly
  knit network has one cluster, not several.
- brokers between clusters: a small set of persons whose removal leaves no path between
  any two clusters: pair by pair, a minimum vertex cut (Menger's theorem, computed by
  networkx as a max-flow) in the network without the brokers already found. Cut persons
  may be cluster members themselves, as brokers usually are.

References
----------
.. [1] Newman, M. E. J. & Girvan, M. (2004). Finding and evaluating community structure in
   networks. *Physical Review E* 69, 026113.
.. [2] Blondel, V. D., Guillaume, J.-L., Lambiotte, R. & Lefebvre, E. (2008). Fast unfolding
   of communities in large networks. *J. Stat. Mech.* P10008.
.. [3] Wasserman, S. & Faust, K. (1994). *Social Network Analysis*, ch. 4.3 (cutpoints,
   vertex connectivity).
"""

from __future__ import annotations

from itertools import combinations

import networkx as nx

__all__ = ["MIN_CLUSTER", "MIN_MODULARITY", "cluster_brokers", "clusters"]

#: Smallest community that counts as a cluster.
MIN_CLUSTER = 3

#: Modularity below which the network is not split into clusters.
MIN_MODULARITY = 0.3


def clusters(graph: nx.Graph, *, seed: int = 0) -> list[list[str]]:
    """Clusters as sorted id lists, largest first; empty when there is no cluster structure.

    A single cluster is returned as one list when the whole tied network is one community.
    """
    tied = graph.subgraph(p for p, d in graph.degree() if d > 0)
    if tied.number_of_edges() == 0:
        return []
    communities = nx.community.louvain_communities(tied, seed=seed)
    if len(communities) > 1 and nx.community.modularity(tied, communities) < MIN_MODULARITY:
        communities = [set(c) for c in nx.connected_components(tied)]
    found = [sorted(c) for c in communities if len(c) >= MIN_CLUSTER]
    return sorted(found, key=lambda c: (-len(c), c[0]))


def cluster_brokers(graph: nx.Graph, groups: list[list[str]], *, limit: int | None = None) -> list[str]:
    """Sorted ids of persons whose removal leaves no path between any two of ``groups``.

    For each pair of clusters in turn (largest first), a minimum vertex cut between them in
    the network without the brokers already found (two auxiliary nodes tied to all members
    of each cluster stand for the clusters); the union of these cuts. Exact for two
    clusters; for more it is the usual greedy bound on the minimum multiway vertex cut (an
    NP-hard problem). Pairs with no path between them add nobody. With ``limit``, the search
    stops as soon as more than ``limit`` brokers are found (the caller only needs to know
    that contact is spread over many persons), returning those found so far.
    """
    brokers: set[str] = set()
    source, sink = ("cluster", 0), ("cluster", 1)
    part_of = _parts(graph, brokers)
    for first, second in combinations(groups, 2):
        shared = {part_of[p] for p in first if p in part_of} & {part_of[p] for p in second if p in part_of}
        if not shared:
            continue
        flow = nx.Graph(graph.subgraph(p for p, part in part_of.items() if part in shared))
        flow.add_edges_from((source, p) for p in first if part_of.get(p) in shared)
        flow.add_edges_from((sink, p) for p in second if part_of.get(p) in shared)
        brokers |= nx.minimum_node_cut(flow, source, sink)
        if limit is not None and len(brokers) > limit:
            break
        part_of = _parts(graph, brokers)
    return sorted(brokers)


def _parts(graph: nx.Graph, removed: set[str]) -> dict[str, int]:
    """Person id → index of its connected part once ``removed`` persons are taken out."""
    rest = graph.subgraph(p for p in graph if p not in removed)
    return {p: i for i, part in enumerate(nx.connected_components(rest)) for p in part}
