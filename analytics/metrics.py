"""All measures of one view as one JSON-ready dict (``netkart metrics --json``).

Every value is plain Python (``int``, ``float``, ``str``, ``list``, ``dict``, ``None``):
undefined measures (reciprocity without arcs, centralization with fewer than three persons,
constraint of an isolate, ...) are ``None``, never NaN. Definitions, formulas and references
are in ``docs/metrics.md`` and in the module of each measure. The words are netkart's
vocabulary: a *part* is a connected component of at least two persons
(:mod:`analytics.components`), a *group* a Louvain community (:mod:`analytics.groups`), a
*bridge-builder* a cut point whose removal cuts off many persons
(:mod:`analytics.bridge_builders`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from analytics.bridge_builders import bridge_builders, cut_off
from analytics.brokerage import brokerage
from analytics.centrality import MEASURES, centralities
from analytics.centralization import betweenness, betweenness_centralization, degree_centralization
from analytics.components import bridges, cut_points, isolates, parts
from analytics.ei_index import ei_index, function_integration
from analytics.groups import groups
from analytics.holes import structural_holes
from analytics.ideal_types import ideal_type
from analytics.political import political_summary
from analytics.view import View
from cypher.model import PoliticalContact

__all__ = [
    "CENTRALITY_KEYS",
    "HEADLINE",
    "compute_metrics",
    "headline",
    "network_summary",
    "person_metrics",
]

#: The headline numbers compared between rounds and municipalities (counts for list measures).
HEADLINE: tuple[str, ...] = (
    "nodes",
    "respondents",
    "arcs",
    "ties",
    "density",
    "reciprocity",
    "parts",
    "isolates",
    "bridge_builders",
    "degree_centralization",
    "betweenness_centralization",
    "ei_index",
)


#: Each centrality of :data:`analytics.centrality.MEASURES` → its key in :func:`person_metrics`
#: (``degree`` there is the raw count of ties, so the normalised one has a name of its own).
CENTRALITY_KEYS: dict[str, str] = {m: "degree_centrality" if m == "degree" else m for m in MEASURES}


def _groups(view: View) -> dict[str, str]:
    return {p.person_id: p.primary_function for p in view.persons}


def person_metrics(view: View) -> dict[str, dict]:
    """Per person: position and brokerage in the view (the dashboard sizes and colours by it).

    Returns
    -------
    dict
        Person id → ``primary_function``, ``responded``, ``degree`` (undirected ties),
        ``out_degree`` (persons they reported), ``in_degree`` (persons who reported them),
        ``betweenness`` (normalised), ``degree_centrality``, ``closeness`` and
        ``eigenvector`` (:mod:`analytics.centrality`), ``constraint`` and ``effective_size`` (Burt; ``None``
        for isolates), ``brokerage`` (Gould & Fernandez role counts and ``total``),
        ``cut_off`` (persons their removal cuts off), ``is_cut_point``,
        ``is_bridge_builder`` and ``is_isolate``.
    """
    graph, digraph = view.graph, view.digraph
    central = centralities(graph)
    holes = structural_holes(graph)
    roles = brokerage(digraph, _groups(view))
    cut = set(cut_points(graph))
    builders = set(bridge_builders(graph))
    cut_offs = cut_off(graph)
    result = {}
    for person in sorted(view.persons, key=lambda p: p.person_id):
        pid = person.person_id
        result[pid] = {
            "primary_function": person.primary_function,
            "responded": person.responded,
            "degree": graph.degree(pid),
            "out_degree": digraph.out_degree(pid),
            "in_degree": digraph.in_degree(pid),
            **{key: central[measure][pid] for measure, key in CENTRALITY_KEYS.items()},
            "constraint": holes[pid]["constraint"],
            "effective_size": holes[pid]["effective_size"],
            "brokerage": roles[pid],
            "cut_off": cut_offs[pid],
            "is_cut_point": pid in cut,
            "is_bridge_builder": pid in builders,
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
        "parts": [len(part) for part in parts(graph)],
        "isolates": isolates(graph),
        "bridge_builders": bridge_builders(graph),
        "degree_centralization": degree_centralization(graph),
        "betweenness_centralization": betweenness_centralization(graph, between),
        "ei_index": ei_index(graph, _groups(view)),
    }


def headline(summary: dict) -> dict:
    """The :data:`HEADLINE` numbers of a :func:`network_summary` (or :func:`compute_metrics`).

    ``parts`` becomes the number of parts, ``isolates`` and ``bridge_builders`` the number
    of persons.
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
        ``reciprocity``, ``parts`` (sizes, largest first), ``isolates`` (ids),
        ``bridge_builders`` (ids), ``degree_centralization``, ``betweenness_centralization``,
        ``ei_index``), then ``part_members`` (id lists, in the order of ``parts``),
        ``groups`` (id lists), ``betweenness`` (id → value), ``cut_points``, ``bridges``
        (sorted pairs), ``ideal_type``, ``functions``, ``brokerage`` (id → role counts),
        ``persons`` (:func:`person_metrics`) and ``political``.
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
        "part_members": parts(graph),
        "groups": groups(graph),
        "betweenness": between,
        "cut_points": cut_points(graph),
        "bridges": bridges(graph),
        "ideal_type": ideal_type(graph),
        "functions": function_integration(graph, _groups(view)),
        "brokerage": {pid: row["brokerage"] for pid, row in persons.items()},
        "persons": persons,
        "political": political_summary(political, view),
    }
