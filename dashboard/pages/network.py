"""Network view (``/``): one municipality, round and threshold, with findings and details."""

from __future__ import annotations

import os
import time
from typing import Any

import dash
import networkx as nx
import pandas as pd
from dash import Input, Output, State, callback, dcc, html

from cypher.model import THRESHOLDS
from dashboard import components as ui
from dashboard import data
from dashboard.elements import node_token
from dashboard.exports import labelled_graph
from dashboard.i18n import function_label, text

dash.register_page(__name__, path="/", name="Network", order=0)

_P = "net"


def layout(municipality: str | None = None, round: str | None = None, threshold: str = "weekly", **_: str) -> html.Div:
    """The page; ``?municipality=D&round=2013&threshold=daily`` opens that view directly."""
    threshold = threshold if threshold in THRESHOLDS else "weekly"
    return html.Div(
        [
            html.Div(
                [
                    ui.selector(
                        f"{_P}-municipality-label",
                        dcc.Dropdown(id=f"{_P}-municipality", value=municipality, clearable=False),
                    ),
                    ui.selector(f"{_P}-round-label", dcc.Dropdown(id=f"{_P}-round", value=round, clearable=False)),
                    ui.selector(
                        f"{_P}-threshold-label",
                        dcc.RadioItems(id=f"{_P}-threshold", value=threshold, inline=True, className="radio"),
                    ),
                    dcc.Checklist(id=f"{_P}-gather", value=["gather"], className="check"),
                ],
                className="selectors",
            ),
            html.Div(
                [
                    html.Div(
                        [
                            html.Div(id=f"{_P}-summary", className="summary"),
                            dcc.Store(id=f"{_P}-drawn"),
                            ui.graph(f"{_P}-graph", fit_on_change=False),
                        ],
                        className="graph-column",
                    ),
                    ui.side_panel(_P, "details", "findings", "legend"),
                ],
                className="columns",
            ),
            ui.export_bar(_P, image=True, tables=True, graphs=True),
            ui.table(f"{_P}-table"),
        ]
    )


ui.selector_callbacks(_P)
ui.label_callback(
    {
        f"{_P}-municipality-label": "municipality",
        f"{_P}-round-label": "round",
        f"{_P}-threshold-label": "threshold",
        f"{_P}-details-title": "details",
        f"{_P}-findings-title": "findings",
        f"{_P}-legend-title": "legend",
        f"{_P}-export-label": "export",
    }
)


@callback(Output(f"{_P}-gather", "options"), Input("lang", "value"))
def _gather_label(lang: str) -> list[dict[str, str]]:
    return [{"label": text("gather_isolates", lang), "value": "gather"}]


def _number(value: Any) -> Any:
    return round(value, 3) if isinstance(value, float) else value


def person_table(key: str | None, round_label: str | None, threshold: str, lang: str) -> pd.DataFrame:
    """One row per person of the view: label, functions and position measures."""
    item = data.municipality(key)
    if item is None or round_label is None:
        return pd.DataFrame()
    view = data.view(item.name, round_label, threshold)
    stats = data.persons_metrics(item.name, round_label, threshold)
    shown = data.labels(item.name, lang)
    rows = []
    for person in sorted(view.persons, key=lambda p: shown.get(p.person_id, "")):
        row = stats[person.person_id]
        rows.append(
            {
                text("details", lang): shown.get(person.person_id, "?"),
                text("functions", lang): ", ".join(function_label(f, lang) for f in person.functions),
                text("responded", lang): text("yes" if person.responded else "no", lang),
                text("degree", lang): row["degree"],
                text("betweenness", lang): _number(row["betweenness"]),
                text("constraint", lang): _number(row["constraint"]),
                text("effective_size", lang): _number(row["effective_size"]),
                text("brokerage", lang): row["brokerage"].get("total", 0),
                "broker": row["is_bridge_builder"],
                "cut": row["is_cut_point"],
            }
        )
    return pd.DataFrame(rows)


def view_graph(key: str | None, round_label: str | None, threshold: str, lang: str) -> nx.Graph:
    """The undirected view, labelled for display, with stable coordinates (GraphML/GEXF)."""
    item = data.municipality(key)
    if item is None or round_label is None:
        return nx.Graph()
    view = data.view(item.name, round_label, threshold)
    return labelled_graph(view.graph, data.labels(item.name, lang), data.positions(item.name))


_VIEW_INPUTS = (
    Input(f"{_P}-municipality", "value"),
    Input(f"{_P}-round", "value"),
    Input(f"{_P}-threshold", "value"),
)


#: The selectors a drawn view depends on, in the order of :func:`selection`.
_SELECTION = (*_VIEW_INPUTS, Input(f"{_P}-gather", "value"), Input("lang", "value"))
_SELECTION_STATES = tuple(State(i.component_id, i.component_property) for i in _SELECTION)


def selection(
    key: str | None, round_label: str | None, threshold: str, gather: list[str] | None, lang: str
) -> list[Any]:
    """The selectors' values as the graph guard compares them (``dashboard/assets/graphs.js``)."""
    return [key, round_label, threshold, bool(gather), lang]


# The graph has a callback of its own, so that it is redrawn without waiting for the table.
# Its answer goes to a store stamped with the selection it was computed for; the clientside
# guard below draws it only if the selectors still show that selection, so a slow answer
# that lands after a newer one cannot put an earlier view under the current selectors.
@callback(
    Output(f"{_P}-drawn", "data"),
    *_SELECTION,
    Input("db-epoch", "data"),
)
def _draw(
    key: str | None, round_label: str | None, threshold: str, gather: list[str], lang: str, _epoch: object
) -> dict[str, Any]:
    if threshold == os.environ.get("NETKART_TEST_SLOW_THRESHOLD"):
        # Test-only hook: makes this answer land after a newer one (the guard's browser test).
        time.sleep(3)
    drawn: dict[str, Any] = {"selection": selection(key, round_label, threshold, gather, lang)}
    item = data.municipality(key) if key else None
    if item is None or round_label not in item.rounds:
        return drawn | {"elements": [], "summary": text("no_data", lang)}
    try:
        elements = data.network(item.name, round_label, threshold, lang, gather=bool(gather))
        graph = data.view(item.name, round_label, threshold).graph
    except data.DATABASE_ERRORS:
        # No "elements": the graph already drawn stays.
        return drawn | {"summary": text("db_down", lang)}
    summary = (
        f"{item.public_name} · {round_label} · {text(threshold, lang)}: "
        f"{graph.number_of_nodes()} {text('persons', lang)}, {graph.number_of_edges()} {text('ties', lang)}"
    )
    return drawn | {"elements": elements, "summary": summary}


dash.clientside_callback(
    dash.ClientsideFunction(namespace="netkart", function_name="drawCurrent"),
    Output(f"{_P}-graph", "elements"),
    Output(f"{_P}-graph", "layout"),
    Output(f"{_P}-summary", "children"),
    Input(f"{_P}-drawn", "data"),
    *_SELECTION_STATES,
    State(f"{_P}-graph", "extent"),
    State(f"{_P}-graph", "layout"),
)


# Findings, legend and table follow the graph's answer instead of the selectors: they then
# describe the view that is drawn, and their (larger) update reaches the page after the
# graph's, so it does not hold back the redraw.
@callback(
    Output(f"{_P}-findings", "children"),
    Output(f"{_P}-legend", "children"),
    Output(f"{_P}-table", "data"),
    Output(f"{_P}-table", "columns"),
    Input(f"{_P}-drawn", "data"),
    *_SELECTION_STATES,
)
def _describe(
    drawn: dict[str, Any] | None, key: str | None, round_label: str | None, threshold: str, gather: list[str], lang: str
) -> tuple[Any, ...]:
    if not drawn or drawn["selection"] != selection(key, round_label, threshold, gather, lang):
        return (dash.no_update,) * 4
    item = data.municipality(key) if key else None
    if item is None or round_label not in item.rounds:
        return [], [], [], []
    try:
        view = data.view(item.name, round_label, threshold)
        findings = data.findings(item.name, round_label, threshold, lang)
        rows, columns = ui.table_props(person_table(key, round_label, threshold, lang))
    except data.DATABASE_ERRORS:
        return (dash.no_update,) * 4
    functions = sorted({f for p in view.persons for f in p.functions} | {p.primary_function for p in view.persons})
    legend = ui.function_legend(functions, lang) + ui.frequency_legend(lang)
    return ui.findings_list(findings), legend, rows, columns


@callback(
    Output(f"{_P}-details", "children"),
    Input(f"{_P}-graph", "tapNodeData"),
    Input("lang", "value"),
    State(f"{_P}-municipality", "value"),
    State(f"{_P}-round", "value"),
    State(f"{_P}-threshold", "value"),
)
def _details(node: dict[str, Any] | None, lang: str, key: str | None, round_label: str, threshold: str) -> Any:
    item = data.municipality(key) if key else None
    if not node or item is None:
        return html.P(text("click_person", lang), className="hint")
    try:
        view = data.view(item.name, round_label, threshold)
        stats = data.persons_metrics(item.name, round_label, threshold)
    except data.DATABASE_ERRORS:
        return html.P(text("db_down", lang))
    pid = next((p.person_id for p in view.persons if node_token(p.person_id) == node.get("id")), None)
    if pid is None:
        return html.P(text("click_person", lang), className="hint")
    person, row = view.person_by_id[pid], stats[pid]
    roles = ", ".join(f"{role} {count}" for role, count in row["brokerage"].items() if role != "total" and count) or "–"
    fields = [
        ("functions", ", ".join(function_label(f, lang) for f in person.functions)),
        ("responded", text("yes" if person.responded else "no", lang)),
        ("degree", row["degree"]),
        ("betweenness", _number(row["betweenness"])),
        ("brokerage", roles),
        ("constraint", "–" if row["constraint"] is None else _number(row["constraint"])),
        ("effective_size", "–" if row["effective_size"] is None else _number(row["effective_size"])),
    ]
    return html.Div(
        [html.H3(data.labels(item.name, lang).get(pid, "?"), id=f"{_P}-details-name")]
        + [html.Div([html.Dt(text(k, lang)), html.Dd(str(v))], className="field") for k, v in fields],
        className="person-card",
    )


ui.export_callbacks(
    _P,
    graph_id=f"{_P}-graph",
    states=[
        State(f"{_P}-municipality", "value"),
        State(f"{_P}-round", "value"),
        State(f"{_P}-threshold", "value"),
        State("lang", "value"),
    ],
    make_table=person_table,
    make_graph=view_graph,
)
