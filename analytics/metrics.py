"""All measures of one view as one JSON-ready dict (``netkart metrics --json``).

Every value is plain Python (``int``, ``float``, ``str``, ``list``, ``dict``, ``None``):
undefined measures (reciprocity without arcs, centralization with fewer than three persons,
constraint of an isolate, ...) are ``None``, never NaN. Definitions, formulas and references
are in ``docs/metrics.md`` and in the module of each measure.

A *broker* (``is_broker``, ``brokers``) is a person who is an articulation point of the
undirected view — their leaving splits a cluster, the report's risk — or whose normalised
betweenness stands out: at least :data:`BROKER_BETWEENNESS` (on at least a fifth of the
shortest paths between other pairs of persons) *and* at least twice the view's mean
betweenness. The second condition keeps everyone in a long circle, where all persons are
equally "between", from counting as a broker.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import networkx as nx

from analytics.brokerage import brokerage
from analytics.centralization import betweenness, betweenness_centralization, degree_centralization
from analytics.components import articulation_points, bridges, component_sizes, isolates
from analytics.ei_index import ei_index, function_integration
from analytics.holes import structural_holes
from analytics.ideal_types import ideal_type
from analytics.political import PoliticalContact, political_summary
from analytics.view import View

__all__ = [
    "BROKER_BETWEENNESS",
    "HEADLINE",
    "brokers",
    "compute_metrics",
    "headline",
    "network_summary",
    "person_metrics",
]

#: Normalised betweenness from which a person counts as a broker even without being a cut point.
BROKER_BETWEENNESS = 0.2

#: The headline numbers compared between rounds and municipalities (counts for list measures).
HEADLINE: tuple[str, ...] = (
    "nodes",
    "respondents",
    "arcs",
    "ties",
    "density",
    "reciprocity",
    "components",
    "isolates",
    "brokers",
    "degree_centralization",
    "betweenness_centralization",
    "ei_index",
)


def _groups(view: View) -> dict[str, str]:
    return {p.person_id: p.primary_function for p in view.persons}


def brokers(graph: nx.Graph, between: Mapping[str, float]) -> list[str]:
    """Sorted ids of the brokers: articulation points, and persons whose betweenness is at
    least 0.2 and at least twice the mean (see the module docstring)."""
    if not between:
        return []
    cut = set(articulation_points(graph))
    bar = max(BROKER_BETWEENNESS, 2 * sum(between.values()) / len(between))
    return sorted(p for p in graph if p in cut or between[p] >= bar)


def person_metrics(view: View) -> dict[str, dict]:
    """Per person: position and brokerage in the view (the dashboard sizes and colours by it).

    Returns
    -------
    dict
        Person id → ``primary_function``, ``responded``, ``degree`` (undirected ties),
        ``out_degree`` (persons they reported), ``in_degree`` (persons who reported them),
        ``betweenness`` (normalised), ``constraint`` and ``effective_size`` (Burt; ``None``
        for isolates), ``brokerage`` (Gould & Fernandez role counts and ``total``),
        ``is_articulation_point``, ``is_broker`` (see module docstring) and ``is_isolate``.
    """
    graph, digraph = view.graph, view.digraph
    between = betweenness(graph)
    holes = structural_holes(graph)
    roles = brokerage(digraph, _groups(view))
    cut = set(articulation_points(graph))
    broker = set(brokers(graph, between))
    result = {}
    for person in sorted(view.persons, key=lambda p: p.person_id):
        pid = person.person_id
        result[pid] = {
            "primary_function": person.primary_function,
            "responded": person.responded,
            "degree": graph.degree(pid),
            "out_degree": digraph.out_degree(pid),
            "in_degree": digraph.in_degree(pid),
            "betweenness": between[pid],
            "constraint": holes[pid]["constraint"],
            "effective_size": holes[pid]["effective_size"],
            "brokerage": roles[pid],
            "is_articulation_point": pid in cut,
            "is_broker": pid in broker,
            "is_isolate": graph.degree(pid) == 0,
        }
    return result


def _reciprocity(view: View) -> float | None:
    digraph = view.digraph
    arcs = digraph.number_of_edges()
    mutual = sum(1 for u, v in digraph.edges() if digraph.has_edge(v, u))
    return mutual / arcs if arcs else None


def _density(view: View) -> float | None:
    n = view.graph.number_of_nodes()
    return view.graph.number_of_edges() / (n * (n - 1) / 2) if n >= 2 else None


def network_summary(view: View, between: Mapping[str, float] | None = None) -> dict:
    """The whole-network measures of a view: the :data:`HEADLINE` keys, lists as lists.

    ``between`` is the normalised betweenness if already computed (it is the costly part).
    """
    graph = view.graph
    between = betweenness(graph) if between is None else between
    return {
        "nodes": graph.number_of_nodes(),
        "respondents": sum(1 for p in view.persons if p.responded),
        "arcs": view.digraph.number_of_edges(),
        "ties": graph.number_of_edges(),
        "density": _density(view),
        "reciprocity": _reciprocity(view),
        "components": component_sizes(graph),
        "isolates": isolates(graph),
        "brokers": brokers(graph, between),
        "degree_centralization": degree_centralization(graph),
        "betweenness_centralization": betweenness_centralization(graph, between),
        "ei_index": ei_index(graph, _groups(view)),
    }


def headline(summary: dict) -> dict:
    """The :data:`HEADLINE` numbers of a :func:`network_summary` (or :func:`compute_metrics`).

    ``components`` becomes the number of clusters (isolates included), ``isolates`` and
    ``brokers`` the number of persons.
    """
    return {key: len(summary[key]) if isinstance(summary[key], list) else summary[key] for key in HEADLINE}


def compute_metrics(view: View, political: Iterable[PoliticalContact] = ()) -> dict:
    """Every measure of issue 4 for one view, as one JSON-ready dict.

    Parameters
    ----------
    view : View
        Municipality × round × threshold.
    political : iterable of PoliticalContact
        The round's political contacts (``analytics.store.load_political``); empty by default.

    Returns
    -------
    dict
        Keys ``municipality``, ``alias``, ``round``, ``threshold``, then
        :func:`network_summary` (``nodes``, ``respondents``, ``arcs``, ``ties``, ``density``,
        ``reciprocity``, ``components`` (sizes, largest first), ``isolates`` (ids),
        ``brokers`` (ids), ``degree_centralization``, ``betweenness_centralization``,
        ``ei_index``), then ``betweenness`` (id → value), ``articulation_points``,
        ``bridges`` (sorted pairs), ``ideal_type``, ``functions``, ``brokerage`` (id → role
        counts), ``persons`` (:func:`person_metrics`) and ``political``.
    """
    graph = view.graph
    persons = person_metrics(view)
    between = {pid: row["betweenness"] for pid, row in persons.items()}
    return {
        "municipality": view.municipality,
        "alias": view.alias,
        "round": view.round,
        "threshold": view.threshold,
        **network_summary(view, between),
        "betweenness": between,
        "articulation_points": articulation_points(graph),
        "bridges": bridges(graph),
        "ideal_type": ideal_type(graph),
        "functions": function_integration(graph, _groups(view)),
        "brokerage": {pid: row["brokerage"] for pid, row in persons.items()},
        "persons": persons,
        "political": political_summary(political, view),
    }
