"""Network view (``/``): one municipality, round and threshold, with findings and details."""

from __future__ import annotations

from typing import Any

import dash
import networkx as nx
import pandas as pd
from dash import Input, Output, State, dcc, html

from dashboard import address, data
from dashboard import components as ui
from dashboard.elements import node_token
from dashboard.exports import labelled_graph
from dashboard.i18n import function_label, number, text
from dashboard.skeleton import Failure, attempt, page_callback, resolve

dash.register_page(__name__, path="/", name="Network", order=0)

_P = "net"


#: Address parameter → the selector it is read from and written to (dashboard/address.py).
_ADDRESS = {
    "municipality": (f"{_P}-municipality", "value"),
    "round": (f"{_P}-round", "value"),
    "threshold": (f"{_P}-threshold", "value"),
    "gather": (f"{_P}-gather-address", "data"),
}


def layout(**query: str) -> html.Div:
    """The page; ``?municipality=D&round=2013&threshold=daily&gather=0`` opens that view."""
    opened = address.selection(query)
    problems = opened.problems + address.check("gather", query.get("gather"), ("0", "1"))
    gathered = query.get("gather") != "0"
    return html.Div(
        [
            address.address_store(_P, _ADDRESS, problems),
            html.Div(
                [
                    ui.selector(
                        f"{_P}-municipality-label", address.dropdown(f"{_P}-municipality", opened, "municipality")
                    ),
                    ui.selector(f"{_P}-round-label", address.dropdown(f"{_P}-round", opened, "round")),
                    ui.selector(
                        f"{_P}-threshold-label",
                        dcc.RadioItems(
                            id=f"{_P}-threshold", value=opened.values["threshold"], inline=True, className="radio"
                        ),
                    ),
                    dcc.Checklist(id=f"{_P}-gather", value=["gather"] if gathered else [], className="check"),
                    dcc.Store(id=f"{_P}-gather-address"),
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
            ui.report_bar(_P),
            ui.table(f"{_P}-table"),
        ]
    )


ui.selector_callbacks(_P)
address.address_callback(_P, _ADDRESS)
# Gathering is the default: the address says gather=0 when it is off, and nothing when on.
dash.clientside_callback(
    "function (gather) { return gather && gather.length ? null : '0'; }",
    Output(f"{_P}-gather-address", "data"),
    Input(f"{_P}-gather", "value"),
)
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


@page_callback(output={"options": Output(f"{_P}-gather", "options")}, inputs={"lang": Input("lang", "value")})
def _gather_label(lang: str) -> dict[str, Any]:
    return {"options": [{"label": text("gather_isolates", lang), "value": "gather"}]}


def person_table(key: str | None, round_label: str | None, threshold: str, lang: str) -> pd.DataFrame:
    """One row per person of the view: label, functions and position measures."""
    chosen = resolve(key, round_label)
    snapshot, name = chosen.snapshot, chosen.name
    view = snapshot.view(name, str(round_label), threshold)
    stats = snapshot.persons_metrics(name, str(round_label), threshold)
    shown = snapshot.labels(name, lang)
    rows = []
    for person in sorted(view.persons, key=lambda p: shown.get(p.person_id, "")):
        row = stats[person.person_id]
        rows.append(
            {
                text("details", lang): shown.get(person.person_id, "?"),
                text("functions", lang): ", ".join(function_label(f, lang) for f in person.functions),
                text("responded", lang): text("yes" if person.responded else "no", lang),
                text("degree", lang): row["degree"],
                text("betweenness", lang): row["betweenness"],
                text("constraint", lang): row["constraint"],
                text("effective_size", lang): row["effective_size"],
                text("brokerage", lang): row["brokerage"].get("total", 0),
                text("bridge_builder", lang): text("yes" if row["is_bridge_builder"] else "no", lang),
                text("cut_point", lang): text("yes" if row["is_cut_point"] else "no", lang),
            }
        )
    return pd.DataFrame(rows)


def view_graph(key: str | None, round_label: str | None, threshold: str, lang: str) -> nx.Graph:
    """The undirected view, labelled for display, with stable coordinates (GraphML/GEXF)."""
    chosen = resolve(key, round_label)
    snapshot, name = chosen.snapshot, chosen.name
    view = snapshot.view(name, str(round_label), threshold)
    return labelled_graph(view.graph, snapshot.labels(name, lang), snapshot.positions(name), show_ids=data.show_names())


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
def _drawing(key: str | None, round_label: str | None, threshold: str, lang: str, gather: bool) -> dict[str, Any]:
    chosen = resolve(key, round_label)
    snapshot, name = chosen.snapshot, chosen.name
    elements = snapshot.network(name, str(round_label), threshold, lang, gather=gather)
    graph = snapshot.view(name, str(round_label), threshold).graph
    summary = (
        f"{chosen.item.public_name} · {round_label} · {text(threshold, lang)}: "
        f"{graph.number_of_nodes()} {text('persons', lang)}, {graph.number_of_edges()} {text('ties', lang)}"
    )
    return {"elements": elements, "summary": summary}


@page_callback(
    output={"drawn": Output(f"{_P}-drawn", "data")},
    inputs={
        "key": _SELECTION[0],
        "round_label": _SELECTION[1],
        "threshold": _SELECTION[2],
        "gather": _SELECTION[3],
        "lang": _SELECTION[4],
        "_epoch": Input("db-epoch", "data"),
    },
)
def _draw(
    key: str | None, round_label: str | None, threshold: str, gather: list[str], lang: str, _epoch: object
) -> dict[str, Any]:
    drawn: dict[str, Any] = {"selection": selection(key, round_label, threshold, gather, lang)}
    outcome = attempt(lambda: _drawing(key, round_label, threshold, lang, bool(gather)))
    if isinstance(outcome, Failure):
        # No data: an empty graph. Database down: no "elements", so the graph drawn stays.
        emptied = {"elements": []} if outcome.reason == "no_data" else {}
        return {"drawn": drawn | emptied | {"summary": outcome.message(lang)}}
    return {"drawn": drawn | outcome}


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
@page_callback(
    output={
        "findings": Output(f"{_P}-findings", "children"),
    }
    | ui.table_outputs(_P),
    inputs={
        "drawn": Input(f"{_P}-drawn", "data"),
        "key": _SELECTION_STATES[0],
        "round_label": _SELECTION_STATES[1],
        "threshold": _SELECTION_STATES[2],
        "gather": _SELECTION_STATES[3],
        "lang": _SELECTION_STATES[4],
    },
)
def _describe(
    drawn: dict[str, Any] | None, key: str | None, round_label: str | None, threshold: str, gather: list[str], lang: str
) -> dict[str, Any]:
    if not drawn or drawn["selection"] != selection(key, round_label, threshold, gather, lang):
        return {}
    chosen = resolve(key, round_label)
    snapshot, name = chosen.snapshot, chosen.name
    view = snapshot.view(name, str(round_label), threshold)
    rows, columns = ui.table_props(person_table(key, round_label, threshold, lang), lang)
    functions = sorted({f for p in view.persons for f in p.functions} | {p.primary_function for p in view.persons})
    return {
        "findings": ui.findings_list(snapshot.findings(name, str(round_label), threshold, lang)),
        "legend": ui.function_legend(functions, lang) + ui.frequency_legend(lang),
        "rows": rows,
        "columns": columns,
    }


@page_callback(
    output={"details": Output(f"{_P}-details", "children")},
    inputs={
        "node": Input(f"{_P}-graph", "tapNodeData"),
        "lang": Input("lang", "value"),
        "key": State(f"{_P}-municipality", "value"),
        "round_label": State(f"{_P}-round", "value"),
        "threshold": State(f"{_P}-threshold", "value"),
    },
    message="details",
)
def _details(
    node: dict[str, Any] | None, lang: str, key: str | None, round_label: str, threshold: str
) -> dict[str, Any]:
    hint = {"details": html.P(text("click_person", lang), className="hint")}
    if not node:
        return hint
    chosen = resolve(key, round_label)
    snapshot, name = chosen.snapshot, chosen.name
    view = snapshot.view(name, round_label, threshold)
    stats = snapshot.persons_metrics(name, round_label, threshold)
    pid = next((p.person_id for p in view.persons if node_token(p.person_id) == node.get("id")), None)
    if pid is None:
        return hint
    person, row = view.person_by_id[pid], stats[pid]
    roles = (
        ", ".join(
            f"{text(role, lang)} {count}" for role, count in row["brokerage"].items() if role != "total" and count
        )
        or "–"
    )
    fields = [
        ("functions", ", ".join(function_label(f, lang) for f in person.functions)),
        ("responded", text("yes" if person.responded else "no", lang)),
        ("degree", number(row["degree"], lang)),
        ("betweenness", number(row["betweenness"], lang)),
        ("brokerage", roles),
        ("constraint", "–" if row["constraint"] is None else number(row["constraint"], lang)),
        ("effective_size", "–" if row["effective_size"] is None else number(row["effective_size"], lang)),
    ]
    card = html.Div(
        [html.H3(snapshot.labels(name, lang).get(pid, "?"), id=f"{_P}-details-name")]
        + [html.Div([html.Dt(text(k, lang)), html.Dd(v)], className="field") for k, v in fields],
        className="person-card",
    )
    return {"details": card}


ui.export_callbacks(
    _P,
    picture=ui.view_picture(f"{_P}-graph"),
    states=[
        State(f"{_P}-municipality", "value"),
        State(f"{_P}-round", "value"),
        State(f"{_P}-threshold", "value"),
        State("lang", "value"),
    ],
    make_table=person_table,
    make_graph=view_graph,
)


ui.report_callback(
    _P,
    municipality=State(f"{_P}-municipality", "value"),
    round=State(f"{_P}-round", "value"),
)
