"""Network view (``/``): one municipality, round and threshold, with findings and details."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import dash
import networkx as nx
import pandas as pd
from dash import Input, Output, State, dcc, html

from analytics.centrality import MEASURES
from analytics.ego import STEPS, ego_network
from cypher.model import FUNCTIONS
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
    # The network tools' fixed choices; the ego person is left out, as its choices depend on
    # the municipality drawn.
    "size": (f"{_P}-size", "value"),
    "function": (f"{_P}-function", "value"),
    "mode": (f"{_P}-mode", "value"),
    "steps": (f"{_P}-steps", "value"),
}

#: The known values of the tools' address parameters.
_TOOL_CHOICES: dict[str, tuple[str, ...]] = {
    "size": tuple(MEASURES),
    "function": tuple(f.key for f in FUNCTIONS),
    "mode": ("highlight", "filter"),
    "steps": tuple(str(k) for k in STEPS),
}


def layout(**query: str) -> html.Div:
    """The page; ``?municipality=D&round=2013&threshold=daily&gather=0`` opens that view."""
    opened = address.selection(query)
    problems = opened.problems + address.check("gather", query.get("gather"), ("0", "1"))
    for parameter, known in _TOOL_CHOICES.items():
        problems += address.check(parameter, query.get(parameter), known)
    # An unknown value is named by the page and the tool keeps its default.
    tools = {p: query[p] for p, known in _TOOL_CHOICES.items() if query.get(p) in known}
    gathered = query.get("gather") != "0"
    # The address's language (one kept from an earlier visit differs, and the callbacks then
    # put the page into it).
    lang = address.language(query)
    opened, drawn = _first_drawing(opened, lang, gathered)
    return html.Div(
        [
            # The selectors and the graph fill the screen below the header (netkart.css, .fold);
            # the exports and the table follow below the fold.
            html.Div(
                [
                    address.address_store(_P, _ADDRESS, problems),
                    _selectors(opened, gathered, tools, lang),
                    _view(drawn),
                ],
                className="fold",
            ),
            ui.export_bar(_P, image=True, tables=True, graphs=True),
            ui.report_bar(_P),
            ui.table(f"{_P}-table"),
        ]
    )


def _selectors(opened: address.Opened, gathered: bool, tools: dict[str, str], lang: str) -> html.Div:
    """The view's selectors, then the network tools' row, as the address opened them.

    Their options are there from the start, in ``lang``, rather than left to the language
    callbacks: options arriving later widen the controls, the selectors' rows rewrap and the
    graph below changes size, and is fitted and its labels placed again, after it was drawn.
    """
    return html.Div(
        [
            ui.selector(f"{_P}-municipality-label", address.dropdown(f"{_P}-municipality", opened, "municipality")),
            ui.selector(f"{_P}-round-label", address.dropdown(f"{_P}-round", opened, "round")),
            ui.selector(
                f"{_P}-threshold-label", ui.threshold_radio(f"{_P}-threshold", opened.values["threshold"], lang)
            ),
            dcc.Checklist(
                id=f"{_P}-gather",
                options=_gather_label(lang)["options"],
                value=["gather"] if gathered else [],
                className="check",
            ),
            dcc.Store(id=f"{_P}-gather-address"),
            _tools(lang, **tools),
        ],
        className="selectors",
    )


def _view(drawn: dict[str, Any]) -> html.Div:
    """The graph, drawn with the layout's first view (:func:`_first_drawing`), and its side panel."""
    return html.Div(
        [
            html.Div(
                [
                    html.Div(drawn.get("summary"), id=f"{_P}-summary", className="summary"),
                    dcc.Store(id=f"{_P}-drawn"),
                    # The same without its elements, for what follows the drawing.
                    dcc.Store(id=f"{_P}-drawn-view"),
                    # The elements are the graph's already: _draw's first call passes the rest on.
                    dcc.Store(id=f"{_P}-first", data=_without_elements(drawn)),
                    # The digests of the views the page holds, and a request for one it dropped.
                    dcc.Store(id=f"{_P}-kept"),
                    dcc.Store(id=f"{_P}-resend"),
                    ui.graph(f"{_P}-graph", fit_on_change=False, **_first_graph(drawn)),
                ],
                className="graph-column",
            ),
            ui.side_panel(
                _P,
                "details",
                "findings",
                (
                    "legend",
                    html.Div(
                        [
                            html.Div(id=f"{_P}-legend", className="legend"),
                            html.Div(id=f"{_P}-size-legend", className="legend"),
                        ]
                    ),
                ),
            ),
        ],
        className="columns",
    )


ui.selector_callbacks(_P)
address.error_callback(_P)
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
                text("closeness", lang): row["closeness"],
                text("eigenvector", lang): row["eigenvector"],
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
#: The network tools' choices (``networkTools`` in ``dashboard/assets/graphs.js``), which a
#: redraw applies again in the batch that draws the view.
_TOOLS = (
    State(f"{_P}-size", "value"),
    State(f"{_P}-function", "value"),
    State(f"{_P}-mode", "value"),
    State(f"{_P}-ego-members", "data"),
)


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
    version = snapshot.network_version(name, str(round_label), threshold, lang, gather=gather)
    return {"elements": elements, "summary": summary, "version": version, "generation": snapshot.generation}


def _first_drawing(opened: address.Opened, lang: str, gathered: bool) -> tuple[address.Opened, dict[str, Any]]:
    """The address's selection with the selectors' defaults filled in (the first municipality,
    its latest round, as :func:`dashboard.components.selector_callbacks` would choose), and
    its drawing as :func:`_draw` answers it, marked ``first``; ``{}`` when there is nothing
    to draw.

    The layout draws the graph itself, so that the page's first render does not wait for the
    chain of callbacks municipality → rounds → drawing → graph. The language is the address's
    (a language kept from an earlier visit differs, and :func:`_draw` then draws it again).
    """
    found = attempt(data.catalogue)
    if isinstance(found, Failure) or not found:
        return opened, {}
    item = next((m for m in found if m.key == opened.values.get("municipality")), found[0])
    round_label = opened.values.get("round") or (item.rounds[-1] if item.rounds else None)
    threshold = str(opened.values["threshold"])
    opened = replace(
        opened,
        values=opened.values | {"municipality": item.key, "round": round_label},
        options=opened.options | {"round": [{"label": r, "value": r} for r in item.rounds]},
    )
    outcome = attempt(lambda: _drawing(item.key, round_label, threshold, lang, gathered))
    if isinstance(outcome, Failure):
        return opened, {}
    stamp = selection(item.key, round_label, threshold, ["gather"] if gathered else [], lang)
    return opened, {"selection": stamp, "first": True} | outcome


def _without_elements(drawn: dict[str, Any]) -> dict[str, Any] | None:
    """A drawing without its elements, saying instead whether it has persons: the layout's
    first drawing, whose elements are the graph's already, and what the findings, table and
    tools follow. Those callbacks run on the server and need only which view is drawn; given
    the elements, every redraw would send them there three more times (about 150 kB each for
    300 persons)."""
    if not drawn:
        return None
    return {key: value for key, value in drawn.items() if key != "elements"} | {"persons": bool(drawn.get("elements"))}


def _has_persons(view: dict[str, Any] | None) -> bool:
    """Whether the drawn view (:func:`_without_elements`) has persons."""
    return bool(view and view.get("persons"))


def _first_graph(drawn: dict[str, Any]) -> dict[str, Any]:
    """The graph's ``elements`` and fitted ``layout`` for the layout's drawing, stamped with
    its view as ``drawCurrent`` stamps it (``dashboard/assets/graphs.js``), so that a change
    of round or threshold keeps the viewport."""
    if not drawn.get("elements"):
        return {}
    key, gathered = drawn["selection"][0], drawn["selection"][3]
    view = f"{key}|{'true' if gathered else 'false'}"
    return {"elements": drawn["elements"], "layout": ui.GRAPH_LAYOUT | {"view": view}}


@page_callback(
    output={
        "drawn": Output(f"{_P}-drawn", "data"),
        "view": Output(f"{_P}-drawn-view", "data"),
        "first": Output(f"{_P}-first", "data"),
    },
    inputs={
        "key": _SELECTION[0],
        "round_label": _SELECTION[1],
        "threshold": _SELECTION[2],
        "gather": _SELECTION[3],
        "lang": _SELECTION[4],
        "_epoch": Input("db-epoch", "data"),
        "_resend": Input(f"{_P}-resend", "data"),
        "first": State(f"{_P}-first", "data"),
        "kept": State(f"{_P}-kept", "data"),
    },
)
def _draw(
    key: str | None,
    round_label: str | None,
    threshold: str,
    gather: list[str],
    lang: str,
    _epoch: object,
    _resend: object,
    first: dict[str, Any] | None,
    kept: list[str] | None,
) -> dict[str, Any]:
    current = selection(key, round_label, threshold, gather, lang)
    # The store of the layout's drawing (_first_drawing) is emptied by the page's first call.
    done: dict[str, Any] = {} if first is None else {"first": None}
    if first is not None and first["selection"] == current:
        # The layout has drawn this selection already: what follows the drawing (findings,
        # table, tools) gets it without its elements, and drawCurrent leaves the graph be.
        return done | {"drawn": first, "view": first}
    drawn: dict[str, Any] = {"selection": current}
    outcome = attempt(lambda: _drawing(key, round_label, threshold, lang, bool(gather)))
    if isinstance(outcome, Failure):
        # No data: an empty graph. Database down: no "elements", so the graph drawn stays.
        emptied = {"elements": []} if outcome.reason == "no_data" else {}
        drawn |= emptied | {"summary": outcome.message(lang)}
    else:
        drawn |= outcome
    view = _without_elements(drawn)
    # The page holds this view already (drawCurrent keeps what it drew): the digest names it,
    # unless the page asked for it whole.
    if drawn.get("version") in (kept or ()) and dash.ctx.triggered_id != f"{_P}-resend":
        drawn = {k: v for k, v in drawn.items() if k != "elements"} | {"kept": True}
    return done | {"drawn": drawn, "view": view}


# drawCurrent and drawCached put the elements into Cytoscape themselves, not into the graph's
# ``elements`` property, which keeps the layout's first view (see dashboard/assets/graphs.js).
dash.clientside_callback(
    dash.ClientsideFunction(namespace="netkart", function_name="drawCurrent"),
    Output(f"{_P}-tools", "data", allow_duplicate=True),
    Output(f"{_P}-summary", "children"),
    Output(f"{_P}-kept", "data"),
    Output(f"{_P}-resend", "data"),
    Input(f"{_P}-drawn", "data"),
    *_SELECTION_STATES,
    *_TOOLS,
    State(f"{_P}-graph", "layout"),
    State(f"{_P}-graph", "elements"),
    State(f"{_P}-graph", "id"),
    prevent_initial_call=True,  # nothing is drawn before _draw's first answer
)
# A view drawn before is drawn again at once, without waiting for _draw's answer.
dash.clientside_callback(
    dash.ClientsideFunction(namespace="netkart", function_name="drawCached"),
    Output(f"{_P}-tools", "data", allow_duplicate=True),
    Output(f"{_P}-summary", "children", allow_duplicate=True),
    *_SELECTION,
    *_TOOLS,
    State("db-epoch", "data"),
    State(f"{_P}-graph", "layout"),
    State(f"{_P}-graph", "id"),
    prevent_initial_call=True,
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
        "drawn": Input(f"{_P}-drawn-view", "data"),
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
        "legend": ui.function_legend(functions, lang, size=None) + ui.frequency_legend(lang),
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
        ("closeness", number(row["closeness"], lang)),
        ("eigenvector", number(row["eigenvector"], lang)),
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
    legends=[f"{_P}-size-legend"],
)


ui.report_callback(
    _P,
    municipality=State(f"{_P}-municipality", "value"),
    round=State(f"{_P}-round", "value"),
)


# --- network tools (issue 11): size by a centrality, one function, a person's ego network ---
#
# The page's values ``size`` (a centrality of analytics.centrality.MEASURES), ``function`` (a
# function key), ``mode`` (``highlight``: others faded, ``filter``: others hidden), ``ego``
# (the person's English pseudonym, the same in both languages and across server restarts)
# and ``steps`` (1 or 2). They restyle the drawn graph in the browser (``networkTools`` in
# assets/graphs.js): nodes carry their size by every measure and their functions, so no
# choice here redraws the graph. Only the ego network is computed on the server, by analytics.


def _tools(
    lang: str,
    size: str = "betweenness",
    function: str | None = None,
    mode: str = "highlight",
    steps: str = str(STEPS[0]),
) -> html.Div:
    """The tools' controls, one block of the selectors, set as the address asks."""
    texts = _tool_options(lang)
    return html.Div(
        [
            ui.selector(
                f"{_P}-size-label",
                dcc.Dropdown(id=f"{_P}-size", options=texts["sizes"], value=size, clearable=False),
            ),
            ui.selector(
                f"{_P}-function-label",
                dcc.Dropdown(id=f"{_P}-function", value=function, placeholder=texts["all_functions"]),
            ),
            ui.selector(f"{_P}-ego-label", dcc.Dropdown(id=f"{_P}-ego", value=None, placeholder=texts["whole"])),
            ui.selector(
                f"{_P}-steps-label",
                dcc.RadioItems(
                    id=f"{_P}-steps",
                    options=[{"label": str(k), "value": k} for k in STEPS],
                    value=int(steps),
                    inline=True,
                    className="radio",
                ),
            ),
            ui.selector(
                f"{_P}-mode-label",
                dcc.RadioItems(id=f"{_P}-mode", options=texts["modes"], value=mode, inline=True, className="radio"),
            ),
            dcc.Store(id=f"{_P}-ego-members"),
            dcc.Store(id=f"{_P}-tools"),
        ],
        className="selectors network-tools",
    )


ui.label_callback(
    {
        f"{_P}-size-label": "size_by",
        f"{_P}-function-label": "show_function",
        f"{_P}-ego-label": "ego_person",
        f"{_P}-steps-label": "ego_steps",
        f"{_P}-mode-label": "tool_mode",
    }
)


@page_callback(
    output={
        "sizes": Output(f"{_P}-size", "options"),
        "modes": Output(f"{_P}-mode", "options"),
        "all_functions": Output(f"{_P}-function", "placeholder"),
        "whole": Output(f"{_P}-ego", "placeholder"),
    },
    inputs={"lang": Input("lang", "value")},
)
def _tool_options(lang: str) -> dict[str, Any]:
    return {
        "sizes": [{"label": text(m, lang), "value": m} for m in MEASURES],
        "modes": [{"label": text(f"mode_{m}", lang), "value": m} for m in ("highlight", "filter")],
        "all_functions": text("all_functions", lang),
        "whole": text("whole_network", lang),
    }


@page_callback(
    output={
        "legend": Output(f"{_P}-size-legend", "children"),
        "style": Output(f"{_P}-table", "style_data_conditional"),
    },
    inputs={"size": Input(f"{_P}-size", "value"), "lang": Input("lang", "value")},
)
def _size_legend(size: str | None, lang: str) -> dict[str, Any]:
    size = size if size in MEASURES else "betweenness"
    # The table's column of the measure the nodes are sized by stands out.
    return {
        "legend": ui.size_legend(size, lang),
        "style": [{"if": {"column_id": text(size, lang)}, "fontWeight": "bold", "backgroundColor": "#FFF3C4"}],
    }


def _ego_keys(snapshot: data.Snapshot, name: str) -> dict[str, str]:
    """Person id → the value of the ego control: the English pseudonym (with
    ``--show-names`` the name), the same whatever the page's language."""
    return snapshot.labels(name, "en")


@page_callback(
    output={
        "functions": Output(f"{_P}-function", "options"),
        "function": Output(f"{_P}-function", "value"),
        "persons": Output(f"{_P}-ego", "options"),
        "ego": Output(f"{_P}-ego", "value"),
    },
    inputs={
        "drawn": Input(f"{_P}-drawn-view", "data"),
        "node": Input(f"{_P}-graph", "tapNodeData"),
        "key": State(f"{_P}-municipality", "value"),
        "round_label": State(f"{_P}-round", "value"),
        "threshold": State(f"{_P}-threshold", "value"),
        "lang": State("lang", "value"),
        "function": State(f"{_P}-function", "value"),
        "ego": State(f"{_P}-ego", "value"),
    },
)
def _tool_choices(
    drawn: dict[str, Any] | None,
    node: dict[str, Any] | None,
    key: str | None,
    round_label: str | None,
    threshold: str,
    lang: str,
    function: str | None,
    ego: str | None,
) -> dict[str, Any]:
    """The functions and persons of the drawn view to choose from; a tapped person becomes
    the ego. A choice the view does not have is cleared.

    Only a choice that changes is sent back: this answer may have been asked for before the
    user chose (a view's answers overlap), and must not undo that choice."""
    if not _has_persons(drawn):
        return {}
    chosen = resolve(key, round_label)
    snapshot, name = chosen.snapshot, chosen.name
    view = snapshot.view(name, str(round_label), threshold)
    shown, keys = snapshot.labels(name, lang), _ego_keys(snapshot, name)
    present = sorted({f for p in view.persons for f in p.functions})
    persons = sorted(view.person_by_id, key=lambda pid: shown.get(pid, ""))
    chosen_ego = ego
    if node and dash.ctx.triggered_id == f"{_P}-graph":
        tapped = next((pid for pid in persons if node_token(pid) == node.get("id")), None)
        if tapped:
            chosen_ego = keys.get(tapped, ego)
    if chosen_ego not in {keys.get(pid) for pid in persons}:
        chosen_ego = None
    choices: dict[str, Any] = {
        "functions": [{"label": function_label(f, lang), "value": f} for f in present],
        "persons": [{"label": shown.get(pid, "?"), "value": keys.get(pid, "?")} for pid in persons],
    }
    if function is not None and function not in present:
        choices["function"] = None
    if chosen_ego != ego:
        choices["ego"] = chosen_ego
    return choices


@page_callback(
    output={"members": Output(f"{_P}-ego-members", "data")},
    inputs={
        "ego": Input(f"{_P}-ego", "value"),
        "steps": Input(f"{_P}-steps", "value"),
        "drawn": Input(f"{_P}-drawn-view", "data"),
        "key": State(f"{_P}-municipality", "value"),
        "round_label": State(f"{_P}-round", "value"),
        "threshold": State(f"{_P}-threshold", "value"),
    },
)
def _ego_members(
    ego: str | None, steps: int | None, drawn: dict[str, Any] | None, key: str | None, round_label: str, threshold: str
) -> dict[str, Any]:
    """The node ids of the ego network (:func:`analytics.ego.ego_network`); ``None`` shows
    the whole network."""
    if not ego or not _has_persons(drawn):
        return {"members": None}
    chosen = resolve(key, round_label)
    snapshot, name = chosen.snapshot, chosen.name
    graph = snapshot.view(name, str(round_label), threshold).graph
    person = next((pid for pid, k in _ego_keys(snapshot, name).items() if k == ego and pid in graph), None)
    if person is None:
        return {"members": None}
    reach = ego_network(graph, person, steps if steps in STEPS else STEPS[0])
    return {"members": [node_token(pid) for pid in reach]}


dash.clientside_callback(
    dash.ClientsideFunction(namespace="netkart", function_name="networkTools"),
    Output(f"{_P}-tools", "data"),
    Input(f"{_P}-size", "value"),
    Input(f"{_P}-function", "value"),
    Input(f"{_P}-mode", "value"),
    Input(f"{_P}-ego-members", "data"),
    State(f"{_P}-graph", "id"),
)
