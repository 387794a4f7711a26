"""A view: one municipality × round × threshold, as plain data and as networkx graphs.

Every measure in ``analytics`` is a function of a :class:`View`. The view's persons are the
round's whole roster, respondents or not; its arcs are the contacts reported at or above the
threshold (cumulative: ``weekly`` is daily or weekly). Two persons are *tied* when either
reports contact with the other (union rule), because a non-respondent can still be named.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import networkx as nx

from cypher.model import FREQUENCIES, Arc, Person

__all__ = ["View"]


@dataclass(frozen=True)
class View:
    """Persons and reported arcs of one municipality, round and threshold.

    ``alias`` is the municipality's anonymised letter (``None`` if none is set).
    """

    municipality: str
    round: str
    threshold: str
    persons: tuple[Person, ...]
    arcs: tuple[Arc, ...]
    alias: str | None = None

    def __post_init__(self) -> None:
        roster = {p.person_id for p in self.persons}
        for arc in self.arcs:
            for person in (arc.ego, arc.alter):
                if person not in roster:
                    raise ValueError(
                        f"{self.municipality}, round {self.round}: the contact {arc.ego} → {arc.alter} names "
                        f"{person!r}, who is not on the round's roster of {len(roster)} persons; the round's "
                        "contacts and roster do not belong together (was the round replaced while it was "
                        "read?)"
                    )

    @cached_property
    def person_by_id(self) -> dict[str, Person]:
        return {p.person_id: p for p in self.persons}

    @cached_property
    def digraph(self) -> nx.DiGraph:
        """Directed graph of reported arcs; every roster person is a node, attributes attached."""
        graph = nx.DiGraph()
        for person in self.persons:
            graph.add_node(
                person.person_id,
                functions=person.functions,
                primary_function=person.primary_function,
                responded=person.responded,
            )
        for arc in self.arcs:
            graph.add_edge(arc.ego, arc.alter, frequency=arc.frequency)
        return graph

    @cached_property
    def graph(self) -> nx.Graph:
        """Undirected ties by the union rule; an edge's ``frequency`` is the more frequent report."""
        graph = nx.Graph()
        graph.add_nodes_from(self.digraph.nodes(data=True))
        for arc in self.arcs:
            if graph.has_edge(arc.ego, arc.alter):
                current = graph.edges[arc.ego, arc.alter]["frequency"]
                if FREQUENCIES.index(arc.frequency) < FREQUENCIES.index(current):
                    graph.edges[arc.ego, arc.alter]["frequency"] = arc.frequency
            else:
                graph.add_edge(arc.ego, arc.alter, frequency=arc.frequency)
        return graph
