r"""Krackhardt & Stern's E−I index: do ties stay inside functions or cross them?

Persons are grouped by their primary (first-listed) function. Over undirected ties,

.. math:: EI = \frac{E - I}{E + I}

where :math:`E` counts ties between persons of different functions and :math:`I` ties within
one function. −1: every tie stays inside a function; +1: every tie crosses functions.

References
----------
.. [1] Krackhardt, D. & Stern, R. N. (1988). Informal networks and organizational crises: an
   experimental simulation. *Social Psychology Quarterly* 51(2), 123–140.
.. [2] Borgatti, S. P., Everett, M. G. & Johnson, J. C. (2013). *Analyzing Social Networks*,
   ch. 13 (group-level E−I as computed by UCINET).
"""

from __future__ import annotations

from collections.abc import Mapping

import networkx as nx

__all__ = ["ei_index", "function_integration"]


def _ratio(external: int, internal: int) -> float | None:
    total = external + internal
    return (external - internal) / total if total else None


def ei_index(graph: nx.Graph, groups: Mapping[str, str]) -> float | None:
    """E−I index of the whole view, each undirected tie counted once.

    Parameters
    ----------
    graph : networkx.Graph
        Undirected view.
    groups : mapping
        Person id → group key (the primary function).

    Returns
    -------
    float or None
        In [−1, 1]; ``None`` when the view has no ties.
    """
    internal = sum(1 for u, v in graph.edges() if groups[u] == groups[v])
    return _ratio(graph.number_of_edges() - internal, internal)


def function_integration(graph: nx.Graph, groups: Mapping[str, str]) -> dict[str, dict]:
    r"""Per group: how integrated its members are with each other and with the rest.

    Returns, per group key (sorted),

    - ``members``: number of persons in the group;
    - ``within_ties``: ties between two members;
    - ``external_ties``: ties from a member to a non-member;
    - ``isolated_within``: sorted ids of members with no tie to another member (an only member
      is trivially isolated within its group);
    - ``ei_index``: the group's E−I index over its members' tie ends, as UCINET computes it:
      :math:`(E_g - I_g)/(E_g + I_g)` with :math:`E_g` = ``external_ties`` and
      :math:`I_g = 2 \cdot` ``within_ties`` (a within tie is a tie of two members); ``None``
      when the members have no ties at all.
    """
    result: dict[str, dict] = {}
    for key in sorted(set(groups.values())):
        members = sorted(p for p, g in groups.items() if g == key)
        member_set = set(members)
        within = external = 0
        isolated = []
        for person in members:
            inside = sum(1 for other in graph[person] if other in member_set)
            within += inside
            external += graph.degree(person) - inside
            if inside == 0:
                isolated.append(person)
        result[key] = {
            "members": len(members),
            "within_ties": within // 2,
            "external_ties": external,
            "isolated_within": isolated,
            "ei_index": _ratio(external, within),
        }
    return result
