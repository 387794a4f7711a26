"""Views, political contacts and graph queries read from Neo4j.

Analytics reads the database only here, and only through the named, read-only queries of
``cypher/queries``. A view is read as **one snapshot**: the municipality list, the roster
(``view_persons``), the reported contacts (``view_arcs``) and, with
:func:`load_view_and_political`, the political contacts (``view_political``) in one read
transaction, between two reads of the round's version stamp (``round_stamp``). Neo4j reads
committed data statement by statement (read-committed isolation), so the transaction alone
does not keep out a ``--replace`` committed halfway; a stamp that differs at the end shows it,
and the read is repeated (:data:`READ_ATTEMPTS`). A reader thus sees one version of a round
or the other, never a mix of both.

The graph queries ``parts``, ``betweenness``, ``cut_points``, ``bridge_ties`` and
``bridge_builders`` run Neo4j Graph Data Science on a temporary projection of the view. On a
server without GDS, :func:`graph_query` computes the same rows by calling the analytics
functions of each measure (:mod:`analytics.components`, :mod:`analytics.centralization`,
:mod:`analytics.bridge_builders`) on the view read from ``view_persons`` and ``view_ties`` —
same columns, same order, betweenness rounded to the same 12 decimals — so callers need not
know which ran. Whether the server has GDS is asked once per driver (query ``gds_available``).

:func:`run_named_query` is the one door for analyst queries (CLI and dashboard); it
anonymises the rows unless names are asked for (:mod:`analytics.anonymise`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any
from weakref import WeakKeyDictionary

import networkx as nx
from neo4j import READ_ACCESS, Driver, ManagedTransaction

from analytics.anonymise import body_labels, municipality_labels, pseudonyms
from analytics.bridge_builders import bridge_builders, cut_off
from analytics.centralization import betweenness
from analytics.components import bridges, cut_points, parts
from analytics.view import View
from cypher import load_query, run_query
from cypher.model import Arc, MunicipalityInfo, Person, PoliticalContact, threshold_types

__all__ = [
    "GRAPH_QUERIES",
    "NAME_COLUMNS",
    "PERSON_COLUMNS",
    "PERSON_LIST_COLUMNS",
    "anonymise_rows",
    "gds_available",
    "graph_query",
    "list_municipalities",
    "load_political",
    "load_view",
    "load_view_and_political",
    "run_named_query",
]

Row = dict[str, Any]

#: Decimals to which betweenness is rounded, in the ``betweenness`` query and its fallback
#: alike, so that GDS and networkx give identical rows despite floating-point summation order.
BETWEENNESS_DECIMALS = 12

#: Reads of a round repeated while it keeps changing underneath, before giving up.
READ_ATTEMPTS = 5

#: Columns that identify a person directly; anonymised rows leave them out.
NAME_COLUMNS: tuple[str, ...] = ("name", "unit", "role", "email")

#: Columns holding one person id; anonymised rows show the person's pseudonym instead.
PERSON_COLUMNS: tuple[str, ...] = ("person_id", "person", "ego", "alter", "person_a", "person_b")

#: Columns holding a list of person ids; anonymised rows show pseudonyms instead.
PERSON_LIST_COLUMNS: tuple[str, ...] = ("persons", "members", "person_ids")


def _read_together(driver: Driver, calls: Iterable[tuple[str, Row]], database: str | None) -> list[list[Row]]:
    """Rows of several named queries, read in one read-only transaction (one snapshot)."""
    queries = [(load_query(name).text, parameters) for name, parameters in calls]

    def read(tx: ManagedTransaction) -> list[list[Row]]:
        return [[record.data() for record in tx.run(text, parameters)] for text, parameters in queries]

    # Notifications off for the reason given in cypher.run_query.
    with driver.session(
        database=database, default_access_mode=READ_ACCESS, notifications_min_severity="OFF"
    ) as session:
        return session.execute_read(read)


def _read_round(
    driver: Driver, municipality: str, round: str, calls: list[tuple[str, Row]], database: str | None
) -> list[list[Row]]:
    """Rows of ``calls`` as one version of the round: stamped before and after, repeated on change.

    Raises
    ------
    LookupError
        When the round changed during each of :data:`READ_ATTEMPTS` reads.
    """
    stamp = ("round_stamp", {"municipality": municipality, "round": round})
    for _ in range(READ_ATTEMPTS):
        before, *results, after = _read_together(driver, [stamp, *calls, stamp], database)
        if before == after:
            return results
    raise LookupError(
        f"{municipality}, round {round} was replaced {READ_ATTEMPTS} times while it was being read "
        "(is a load or --replace running?); try again when it has finished"
    )


def _infos(rows: list[Row]) -> list[MunicipalityInfo]:
    return [MunicipalityInfo.from_row(row) for row in rows]


def list_municipalities(driver: Driver, *, database: str | None = None) -> list[MunicipalityInfo]:
    """Every municipality in the database, by name, with alias and rounds (sorted)."""
    return _infos(run_query(driver, "municipalities", database=database))


def _municipality(infos: list[MunicipalityInfo], municipality: str, round: str) -> MunicipalityInfo:
    """The municipality, after checking it has ``round``; ``LookupError`` says what exists."""
    known = {info.name: info for info in infos}
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


def _persons(rows: list[Row]) -> tuple[Person, ...]:
    return tuple(
        Person(
            person_id=row["person_id"],
            functions=tuple(row["functions"]),
            responded=bool(row["responded"]),
            name=row["name"],
            unit=row["unit"],
            role=row["role"],
        )
        for row in rows
    )


def _read_view(
    driver: Driver, municipality: str, round: str, threshold: str, *, political: bool, database: str | None
) -> tuple[View, list[PoliticalContact]]:
    parameters = _view_parameters(municipality, round, threshold)
    calls = [("municipalities", {}), ("view_persons", parameters), ("view_arcs", parameters)]
    if political:
        calls.append(("view_political", {"municipality": municipality, "round": round}))
    infos, persons, arcs, *rest = _read_round(driver, municipality, round, calls, database)
    info = _municipality(_infos(infos), municipality, round)
    view = View(
        municipality,
        round,
        threshold,
        _persons(persons),
        tuple(Arc(row["ego"], row["alter"], row["frequency"]) for row in arcs),
        alias=info.alias,
    )
    return view, [PoliticalContact(**row) for rows in rest for row in rows]


def load_view(driver: Driver, municipality: str, round: str, threshold: str, *, database: str | None = None) -> View:
    """The view ``municipality`` × ``round`` × ``threshold`` (``daily``, ``weekly``, ``monthly``).

    Roster and contacts are read in one transaction.

    Raises
    ------
    ValueError
        For an unknown threshold.
    LookupError
        When the municipality or its round is not in the database (the message lists what is).
    """
    return _read_view(driver, municipality, round, threshold, political=False, database=database)[0]


def load_view_and_political(
    driver: Driver, municipality: str, round: str, threshold: str, *, database: str | None = None
) -> tuple[View, list[PoliticalContact]]:
    """The view and the round's political contacts, read together in one transaction.

    Use it whenever both are needed (``netkart metrics``): read separately, a round replaced
    in between would give a view of one version and contacts of the other.
    """
    return _read_view(driver, municipality, round, threshold, political=True, database=database)


def load_political(
    driver: Driver, municipality: str, round: str, *, database: str | None = None
) -> list[PoliticalContact]:
    """Every reported political contact of the round's roster, one per person, body and type."""
    infos, rows = _read_round(
        driver,
        municipality,
        round,
        [("municipalities", {}), ("view_political", {"municipality": municipality, "round": round})],
        database,
    )
    _municipality(_infos(infos), municipality, round)
    return [PoliticalContact(**row) for row in rows]


_GDS: WeakKeyDictionary[Driver, bool] = WeakKeyDictionary()


def gds_available(driver: Driver, *, database: str | None = None) -> bool:
    """Whether the server has the GDS procedures the graph queries call (cached per driver)."""
    if driver not in _GDS:
        _GDS[driver] = bool(run_query(driver, "gds_available", database=database)[0]["available"])
    return _GDS[driver]


# -- without GDS: the same rows from the analytics functions --------------------------------


def _parts_rows(graph: nx.Graph) -> list[Row]:
    return [{"part": i, "size": len(m), "person_ids": m} for i, m in enumerate(parts(graph), start=1)]


def _betweenness_rows(graph: nx.Graph) -> list[Row]:
    n = graph.number_of_nodes()
    pairs = (n - 1) * (n - 2) / 2
    rows = [
        {
            "person_id": person,
            "betweenness": round(value, BETWEENNESS_DECIMALS),
            "score": round(value * pairs, BETWEENNESS_DECIMALS),
        }
        for person, value in betweenness(graph).items()
        if round(value, BETWEENNESS_DECIMALS) > 0
    ]
    return sorted(rows, key=lambda row: (-row["betweenness"], row["person_id"]))


def _cut_points_rows(graph: nx.Graph) -> list[Row]:
    return [{"person_id": person} for person in cut_points(graph)]


def _bridge_ties_rows(graph: nx.Graph) -> list[Row]:
    return [{"person_a": a, "person_b": b} for a, b in bridges(graph)]


def _bridge_builders_rows(graph: nx.Graph) -> list[Row]:
    cut = cut_off(graph)
    rows = [{"person_id": person, "cut_off": cut[person]} for person in bridge_builders(graph)]
    return sorted(rows, key=lambda row: (-row["cut_off"], row["person_id"]))


#: Graph queries that need GDS, with the function giving the same rows from the view's
#: undirected tie graph.
GRAPH_QUERIES: dict[str, Callable[[nx.Graph], list[Row]]] = {
    "parts": _parts_rows,
    "betweenness": _betweenness_rows,
    "cut_points": _cut_points_rows,
    "bridge_ties": _bridge_ties_rows,
    "bridge_builders": _bridge_builders_rows,
}


def _tie_graph(driver: Driver, parameters: dict[str, str], database: str | None) -> nx.Graph:
    """The undirected view (union rule) as ``view_ties`` gives it, roster as nodes, one snapshot."""
    persons, ties = _read_round(
        driver,
        parameters["municipality"],
        parameters["round"],
        [("view_persons", parameters), ("view_ties", parameters)],
        database,
    )
    graph = nx.Graph()
    graph.add_nodes_from(row["person_id"] for row in persons)
    graph.add_edges_from((row["person_a"], row["person_b"]) for row in ties)
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
    fallback, ``True`` the GDS query. An unknown municipality or round gives no rows, as the
    query does.
    """
    if name not in GRAPH_QUERIES:
        raise KeyError(f"{name!r} is not a graph query; graph queries: {', '.join(GRAPH_QUERIES)}")
    parameters = _view_parameters(municipality, round, threshold)
    if use_gds is None:
        use_gds = gds_available(driver, database=database)
    if use_gds:
        return run_query(driver, name, parameters, database=database)
    return GRAPH_QUERIES[name](_tie_graph(driver, parameters, database))


def roster(
    driver: Driver, municipality: str, rounds: Iterable[str], *, database: str | None = None
) -> tuple[Person, ...]:
    """Persons of the given rounds of ``municipality`` (all of its rounds, as a rule), once each.

    Pseudonyms are numbered over all of a municipality's rounds, later rounds' records
    winning, as on the dashboard and in ``netkart metrics``: one person keeps one pseudonym
    whichever round or query shows them. The rosters are read in one transaction.
    """
    calls = [("view_persons", {"municipality": municipality, "round": label}) for label in rounds]
    if not calls:
        return ()
    found: dict[str, Person] = {}
    for rows in _read_together(driver, calls, database):
        found.update((person.person_id, person) for person in _persons(rows))
    return tuple(found.values())


def anonymise_rows(
    rows: list[Row],
    *,
    persons: Iterable[Person],
    municipalities: Iterable[MunicipalityInfo],
    lang: str,
    erased: Iterable[tuple[str, int]] = (),
) -> list[Row]:
    """The rows without names, units, roles, e-mails, raw person ids or municipality names.

    Parameters
    ----------
    rows : list of dict
        Query rows.
    persons : iterable of Person
        The roster the rows' person ids belong to; ids are replaced by
        :func:`analytics.anonymise.pseudonyms` of it. An id not on it becomes ``"?"``.
    municipalities : iterable of MunicipalityInfo
        Every municipality, for :func:`analytics.anonymise.municipality_labels`.
    lang : {'nb', 'en'}
    erased : iterable of (str, int)
        The municipality's erased pseudonym numbers (``MunicipalityInfo.erased``).

    Returns
    -------
    list of dict
        Rows without the :data:`NAME_COLUMNS`; :data:`PERSON_COLUMNS` and
        :data:`PERSON_LIST_COLUMNS` hold pseudonyms; ``municipality`` holds the label;
        ``body_name`` (and ``body_key``) the body label of
        :func:`analytics.anonymise.body_labels`.
    """
    roster = tuple(persons)
    names = pseudonyms(View("", "", "daily", roster, ()), lang, erased)
    places = municipality_labels(municipalities)
    bodies = body_labels(
        ((row["body_name"], row.get("body_kind", "committee")) for row in rows if "body_name" in row), lang
    )

    def person(value: Any) -> Any:
        return None if value is None else names.get(value, "?")

    def anonymised(row: Row) -> Row:
        result = {}
        for column, value in row.items():
            if column in NAME_COLUMNS:
                continue
            if column in PERSON_COLUMNS:
                value = person(value)
            elif column in PERSON_LIST_COLUMNS and isinstance(value, list):
                value = [person(v) for v in value]
            elif column == "municipality" and value is not None:
                value = places.get(value, "?")
            elif column in ("body_name", "body_key") and "body_name" in row:
                value = bodies[row["body_name"]]
            result[column] = value
        return result

    return [anonymised(row) for row in rows]


def run_named_query(
    driver: Driver,
    name: str,
    parameters: dict[str, Any],
    *,
    show_names: bool = False,
    lang: str = "nb",
    use_gds: bool | None = None,
    database: str | None = None,
) -> list[Row]:
    """Rows of any named query of ``cypher/queries``, read-only, anonymised by default.

    Graph queries go through :func:`graph_query`, so they answer on a server without GDS too;
    every other query runs as it is with :func:`cypher.run_query`. Unless ``show_names``, the
    rows are anonymised (:func:`anonymise_rows`) with pseudonyms in ``lang`` over the roster of
    all the municipality's rounds. This is the one door the CLI's ``query`` command and the
    dashboard's query page use.
    """
    if name in GRAPH_QUERIES:
        rows = graph_query(
            driver,
            name,
            parameters["municipality"],
            parameters["round"],
            parameters["threshold"],
            use_gds=use_gds,
            database=database,
        )
    else:
        rows = run_query(driver, name, parameters, database=database)
    if show_names:
        return rows
    infos = list_municipalities(driver, database=database)
    municipality = parameters.get("municipality")
    info = next((info for info in infos if info.name == municipality), MunicipalityInfo(str(municipality), None, ()))
    persons = roster(driver, info.name, info.rounds, database=database)
    return anonymise_rows(rows, persons=persons, municipalities=infos, lang=lang, erased=info.erased)
