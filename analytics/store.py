"""Views, political contacts and graph queries read from Neo4j.

Analytics reads the database only here, and only through the named, read-only queries of
``cypher/queries`` (:func:`cypher.run_query`): :func:`load_view` builds a
:class:`~analytics.view.View` from ``view_persons`` and ``view_arcs``, :func:`load_political`
the :class:`~analytics.political.PoliticalContact` list from ``view_political``.

The four graph queries ``components``, ``brokers``, ``bridge_persons`` and ``bridge_ties``
run Neo4j Graph Data Science (WCC, Brandes betweenness, articulation points, bridges) on a
temporary projection of the view. On a server without GDS, :func:`graph_query` computes the
same rows with networkx from ``view_persons`` and ``view_ties`` — same columns, same order,
betweenness rounded to the same 12 decimals — so callers need not know which ran.
Whether the server has GDS is asked once per driver (query ``gds_available``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from weakref import WeakKeyDictionary

import networkx as nx
from neo4j import Driver

from analytics.political import PoliticalContact
from analytics.view import Arc, Person, View
from cypher import run_query
from cypher.model import MunicipalityInfo, threshold_types

__all__ = [
    "GRAPH_QUERIES",
    "MunicipalityInfo",
    "bridge_persons",
    "bridge_ties",
    "brokers",
    "components",
    "gds_available",
    "graph_query",
    "list_municipalities",
    "load_political",
    "load_view",
    "run_named_query",
]

Row = dict[str, Any]

#: Decimals to which betweenness is rounded, in the ``brokers`` query and its fallback alike,
#: so that GDS and networkx give identical rows despite floating-point summation order.
BETWEENNESS_DECIMALS = 12


def list_municipalities(driver: Driver, *, database: str | None = None) -> list[MunicipalityInfo]:
    """Every municipality in the database, by name, with alias and rounds (sorted)."""
    return [
        MunicipalityInfo(row["municipality"], row["alias"], tuple(row["rounds"]))
        for row in run_query(driver, "municipalities", database=database)
    ]


def _municipality(driver: Driver, municipality: str, round: str, database: str | None) -> MunicipalityInfo:
    """The municipality, after checking it has ``round``; ``LookupError`` says what exists."""
    known = {info.name: info for info in list_municipalities(driver, database=database)}
    if municipality not in known:
        names = ", ".join(known) or "none loaded yet"
        raise LookupError(f"no municipality {municipality!r} in the database; known: {names}")
    info = known[municipality]
    if round not in info.rounds:
        rounds = ", ".join(info.rounds) or "none"
        raise LookupError(f"{municipality} has no survey round {round!r}; its rounds: {rounds}")
    return info


def _view_parameters(municipality: str, round: str, threshold: str) -> dict[str, str]:
    """The three parameters of a view query; ``ValueError`` for an unknown threshold.

    The queries turn an unknown threshold into an empty tie list rather than an error, so it
    is checked here, before any query runs.
    """
    threshold_types(threshold)
    return {"municipality": municipality, "round": round, "threshold": threshold}


def load_view(driver: Driver, municipality: str, round: str, threshold: str, *, database: str | None = None) -> View:
    """The view ``municipality`` × ``round`` × ``threshold`` (``daily``, ``weekly``, ``monthly``).

    Raises
    ------
    ValueError
        For an unknown threshold.
    LookupError
        When the municipality or its round is not in the database (the message lists what is).
    """
    parameters = _view_parameters(municipality, round, threshold)
    info = _municipality(driver, municipality, round, database)
    persons = tuple(
        Person(
            person_id=row["person_id"],
            functions=tuple(row["functions"]),
            responded=bool(row["responded"]),
            name=row["name"],
            unit=row["unit"],
            role=row["role"],
        )
        for row in run_query(driver, "view_persons", parameters, database=database)
    )
    arcs = tuple(
        Arc(row["ego"], row["alter"], row["frequency"])
        for row in run_query(driver, "view_arcs", parameters, database=database)
    )
    return View(municipality, round, threshold, persons, arcs, alias=info.alias)


def load_political(
    driver: Driver, municipality: str, round: str, *, database: str | None = None
) -> list[PoliticalContact]:
    """Every reported political contact of the round's roster, one per person, body and type."""
    _municipality(driver, municipality, round, database)
    rows = run_query(driver, "view_political", {"municipality": municipality, "round": round}, database=database)
    return [PoliticalContact(**row) for row in rows]


_GDS: WeakKeyDictionary[Driver, bool] = WeakKeyDictionary()


def gds_available(driver: Driver, *, database: str | None = None) -> bool:
    """Whether the server has the GDS procedures the graph queries call (cached per driver)."""
    if driver not in _GDS:
        _GDS[driver] = bool(run_query(driver, "gds_available", database=database)[0]["available"])
    return _GDS[driver]


# -- networkx fallbacks: the same rows as the GDS queries -----------------------------------


def _components_rows(graph: nx.Graph) -> list[Row]:
    clusters = sorted((sorted(c) for c in nx.connected_components(graph)), key=lambda m: (-len(m), m[0]))
    return [{"component": i, "size": len(m), "person_ids": m} for i, m in enumerate(clusters, start=1)]


def _brokers_rows(graph: nx.Graph) -> list[Row]:
    # Unnormalised undirected betweenness counts each unordered pair once, as GDS does.
    scores = nx.betweenness_centrality(graph, normalized=False)
    n = graph.number_of_nodes()
    pairs = (n - 1) * (n - 2) / 2
    rows = [
        {
            "person_id": person,
            "betweenness": round(score / pairs, BETWEENNESS_DECIMALS),
            "score": round(score, BETWEENNESS_DECIMALS),
        }
        for person, score in scores.items()
        if score > 0
    ]
    return sorted(rows, key=lambda row: (-row["betweenness"], row["person_id"]))


def _bridge_persons_rows(graph: nx.Graph) -> list[Row]:
    return [{"person_id": person} for person in sorted(nx.articulation_points(graph))]


def _bridge_ties_rows(graph: nx.Graph) -> list[Row]:
    pairs = sorted(tuple(sorted(edge)) for edge in nx.bridges(graph))
    return [{"person_a": a, "person_b": b} for a, b in pairs]


#: Graph queries that need GDS, with the networkx function giving the same rows from the
#: view's undirected tie graph.
GRAPH_QUERIES: dict[str, Callable[[nx.Graph], list[Row]]] = {
    "components": _components_rows,
    "brokers": _brokers_rows,
    "bridge_persons": _bridge_persons_rows,
    "bridge_ties": _bridge_ties_rows,
}


def _tie_graph(driver: Driver, parameters: dict[str, str], database: str | None) -> nx.Graph:
    """The undirected view (union rule) as the ``view_ties`` query gives it, roster as nodes."""
    graph = nx.Graph()
    graph.add_nodes_from(row["person_id"] for row in run_query(driver, "view_persons", parameters, database=database))
    graph.add_edges_from(
        (row["person_a"], row["person_b"]) for row in run_query(driver, "view_ties", parameters, database=database)
    )
    return graph


def graph_query(
    driver: Driver,
    name: str,
    municipality: str,
    round: str,
    threshold: str,
    *,
    use_gds: bool | None = None,
    database: str | None = None,
) -> list[Row]:
    """Rows of the graph query ``name`` (a key of :data:`GRAPH_QUERIES`) for a view.

    ``use_gds`` ``None`` asks the server (:func:`gds_available`); ``False`` forces the
    networkx fallback, ``True`` the GDS query. An unknown municipality or round gives no rows,
    as the query does.
    """
    if name not in GRAPH_QUERIES:
        raise KeyError(f"{name!r} is not a graph query; graph queries: {', '.join(GRAPH_QUERIES)}")
    parameters = _view_parameters(municipality, round, threshold)
    if use_gds is None:
        use_gds = gds_available(driver, database=database)
    if use_gds:
        return run_query(driver, name, parameters, database=database)
    return GRAPH_QUERIES[name](_tie_graph(driver, parameters, database))


def run_named_query(
    driver: Driver,
    name: str,
    parameters: dict[str, Any],
    *,
    use_gds: bool | None = None,
    database: str | None = None,
) -> list[Row]:
    """Rows of any named query of ``cypher/queries``, read-only.

    Graph queries go through :func:`graph_query`, so they answer on a server without GDS too;
    every other query runs as it is with :func:`cypher.run_query`. This is the one door the
    CLI's ``query`` command and the dashboard's query page use.
    """
    if name in GRAPH_QUERIES:
        return graph_query(
            driver,
            name,
            parameters["municipality"],
            parameters["round"],
            parameters["threshold"],
            use_gds=use_gds,
            database=database,
        )
    return run_query(driver, name, parameters, database=database)


def components(driver: Driver, municipality: str, round: str, threshold: str, **options: Any) -> list[Row]:
    """Connected clusters, largest first: ``component``, ``size``, ``person_ids``."""
    return graph_query(driver, "components", municipality, round, threshold, **options)


def brokers(driver: Driver, municipality: str, round: str, threshold: str, **options: Any) -> list[Row]:
    """Persons with betweenness > 0, largest first: ``person_id``, ``betweenness``, ``score``."""
    return graph_query(driver, "brokers", municipality, round, threshold, **options)


def bridge_persons(driver: Driver, municipality: str, round: str, threshold: str, **options: Any) -> list[Row]:
    """Articulation points of the undirected view: ``person_id``."""
    return graph_query(driver, "bridge_persons", municipality, round, threshold, **options)


def bridge_ties(driver: Driver, municipality: str, round: str, threshold: str, **options: Any) -> list[Row]:
    """Bridges of the undirected view: ``person_a`` < ``person_b``."""
    return graph_query(driver, "bridge_ties", municipality, round, threshold, **options)
