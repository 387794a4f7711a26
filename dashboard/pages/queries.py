"""Analyst queries (``/queries``): pick a named query of ``cypher/queries``, fill in its
parameters, run it read-only and download the table.

No Cypher comes from the browser: the page sends a query *name* and parameter *values*,
which reach Neo4j only as ``$parameters`` of the stored query, in a read transaction.
"""

from __future__ import annotations

import json
from typing import Any

import dash
import pandas as pd
from dash import ALL, Input, Output, State, callback, dcc, html

from cypher import list_queries, load_query
from dashboard import components as ui
from dashboard import data
from dashboard.i18n import text
from dashboard.params import example_values, typed_value

dash.register_page(__name__, path="/queries", name="Queries", order=4)

_P = "qry"


def layout(**_query: str) -> html.Div:
    queries = list_queries()
    return html.Div(
        [
            html.Div(
                [
                    ui.selector(
                        f"{_P}-query-label",
                        dcc.Dropdown(
                            id=f"{_P}-query",
                            options=[{"label": f"{q.title} ({q.name})", "value": q.name} for q in queries],
                            value=queries[0].name if queries else None,
                            clearable=False,
                        ),
                    ),
                ],
                className="selectors",
            ),
            html.P(id=f"{_P}-description", className="description"),
            html.H2(id=f"{_P}-parameters-title"),
            html.Div(id=f"{_P}-parameters", className="parameters"),
            html.Button(id=f"{_P}-run", className="run"),
            html.Div(id=f"{_P}-status", className="summary"),
            ui.export_bar(_P, image=False, tables=True, graphs=False),
            ui.table(f"{_P}-table"),
        ]
    )


ui.label_callback(
    {
        f"{_P}-query-label": "query",
        f"{_P}-parameters-title": "parameters",
        f"{_P}-run": "run",
        f"{_P}-export-label": "export",
    }
)


@callback(
    Output(f"{_P}-description", "children"),
    Output(f"{_P}-parameters", "children"),
    Input(f"{_P}-query", "value"),
)
def _parameters(name: str | None) -> tuple[Any, Any]:
    if not name:
        return "", []
    query = load_query(name)
    example = example_values(query.example)
    try:
        known = data.catalogue()
    except data.DATABASE_ERRORS:
        known = ()
    fields = []
    for parameter in query.parameters:
        shown = example.get(parameter, "")
        default = shown if isinstance(shown, str) else json.dumps(shown)
        # The examples name real municipalities; offer one that is in this database instead.
        if parameter == "municipality" and known and default not in {m.key for m in known}:
            default = known[0].key
        elif not data.show_names():
            default = data.anonymise_cell(default)
        fields.append(
            html.Div(
                [
                    html.Label(parameter, className="selector-label"),
                    dcc.Input(id={"type": f"{_P}-param", "name": parameter}, value=default, type="text", debounce=True),
                ],
                className="selector",
            )
        )
    return query.description, fields


def result_table(name: str | None, values: list[str], ids: list[dict[str, str]]) -> pd.DataFrame:
    """Rows of the named query run with the typed-in parameters."""
    if not name:
        return pd.DataFrame()
    example = example_values(load_query(name).example)
    parameters = {i["name"]: typed_value(v or "", example.get(i["name"])) for i, v in zip(ids, values, strict=True)}
    rows = data.run_named_query(name, parameters)
    return pd.DataFrame(
        [
            {k: json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v for k, v in r.items()}
            for r in rows
        ]
    )


@callback(
    Output(f"{_P}-table", "data"),
    Output(f"{_P}-table", "columns"),
    Output(f"{_P}-status", "children"),
    Input(f"{_P}-run", "n_clicks"),
    State(f"{_P}-query", "value"),
    State({"type": f"{_P}-param", "name": ALL}, "value"),
    State({"type": f"{_P}-param", "name": ALL}, "id"),
    State("lang", "value"),
    prevent_initial_call=True,
)
def _run(_: int, name: str | None, values: list[str], ids: list[dict[str, str]], lang: str) -> tuple[Any, ...]:
    try:
        frame = result_table(name, values, ids)
    except json.JSONDecodeError as error:
        return [], [], f"{text('bad_json', lang)}: {error}"
    except data.DATABASE_ERRORS as error:
        return [], [], f"{text('query_error', lang)}: {error}"
    except ValueError as error:
        return [], [], f"{text('query_error', lang)}: {error}"
    rows, columns = ui.table_props(frame)
    return rows, columns, f"{len(rows)} {text('rows', lang)}"


ui.export_callbacks(
    _P,
    graph_id=None,
    states=[
        State(f"{_P}-query", "value"),
        State({"type": f"{_P}-param", "name": ALL}, "value"),
        State({"type": f"{_P}-param", "name": ALL}, "id"),
    ],
    make_table=result_table,
)
