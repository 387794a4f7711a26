"""Analyst queries (``/queries``): pick a named query of ``cypher/queries``, fill in its
parameters, run it read-only and download the table.

No Cypher comes from the browser: the page sends a query *name* and parameter *values*,
which are checked by :func:`cypher.params.validate_parameters` (the check ``netkart query``
makes) and reach Neo4j only as ``$parameters`` of the stored query, in a read transaction.
A parameter with a known set of values (municipality, round, threshold, function, ...) is a
dropdown; a bad value is an error on the page naming the known values. The query list is read
from the folder on every visit, so a new query file shows without a restart. Rows are
anonymised unless the dashboard was started with ``--show-names``.
"""

from __future__ import annotations

import json
from typing import Any

import dash
import pandas as pd
from dash import ALL, Input, Output, State, dcc, html

from analytics import store
from cypher import list_queries, load_query
from cypher.params import (
    Catalogue,
    ParameterError,
    example_parameters,
    parameter_choices,
    read_catalogue,
    validate_parameters,
)
from dashboard import address, data
from dashboard import components as ui
from dashboard.i18n import text
from dashboard.skeleton import Failure, attempt, page_callback
from netkart.connection import get_driver

dash.register_page(__name__, path="/queries", name="Queries", order=4)

_P = "qry"
_CHOICE = f"{_P}-choice"  # a dropdown parameter
_FREE = f"{_P}-param"  # a free-text parameter


def layout(**given: str) -> html.Div:
    """The page; ``?query=isolates&municipality=D&round=2013&threshold=daily`` opens that query
    with those parameter values (the others take the query's example)."""
    queries = list_queries()
    names = [q.name for q in queries]
    chosen = given.get("query") or None
    problems = address.check("query", chosen, names)
    known = attempt(data.catalogue)
    if not isinstance(known, Failure):
        problems += address.check("municipality", given.get("municipality"), [m.key for m in known])
    if problems or chosen is None:
        chosen = names[0] if names else None
    return html.Div(
        [
            address.address_store(_P, None, problems),
            dcc.Store(id=f"{_P}-address"),  # writeQuery's output; it writes the address itself
            # The address's parameter values: the defaults of the chosen query's fields.
            dcc.Store(id=f"{_P}-given", data={k: v for k, v in given.items() if k not in ("query", "lang")}),
            html.Div(
                [
                    ui.selector(
                        f"{_P}-query-label",
                        dcc.Dropdown(
                            id=f"{_P}-query",
                            options=[{"label": f"{q.title} ({q.name})", "value": q.name} for q in queries],
                            value=chosen,
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


def _catalogue() -> Catalogue:
    return read_catalogue(get_driver())


def _names() -> dict[str, str]:
    """Public key (what the page shows and sends) → municipality name."""
    return {m.key: m.name for m in data.catalogue()}


def _choices(parameter: str, catalogue: Catalogue, lang: str, municipality: str | None) -> list[dict[str, str]] | None:
    """Dropdown options of ``parameter``; municipalities by their public key and name."""
    if parameter == "municipality":
        return ui.municipality_options() if catalogue.municipalities else []
    found = parameter_choices(parameter, catalogue, lang, municipality=municipality)
    return None if found is None else [{"value": value, "label": label} for value, label in found]


def _field(parameter: str, options: list[dict[str, str]] | None, default: Any) -> html.Div:
    if options is not None:
        values = [o["value"] for o in options]
        control: Any = dcc.Dropdown(
            id={"type": _CHOICE, "name": parameter},
            options=options,
            value=default if default in values else (values[0] if values else None),
            clearable=False,
        )
    else:
        shown = default if isinstance(default, str) else json.dumps(default)
        control = dcc.Input(id={"type": _FREE, "name": parameter}, value=shown, type="text", debounce=True)
    return html.Div([html.Label(parameter, className="selector-label"), control], className="selector")


@page_callback(
    output={"description": Output(f"{_P}-description", "children"), "fields": Output(f"{_P}-parameters", "children")},
    inputs={
        "name": Input(f"{_P}-query", "value"),
        "lang": Input("lang", "value"),
        "given": State(f"{_P}-given", "data"),
    },
)
def _parameters(name: str | None, lang: str, given: dict[str, str] | None) -> dict[str, Any]:
    if not name:
        return {"description": "", "fields": []}
    query = load_query(name)
    given = given or {}
    example = example_parameters(query)
    found = attempt(_catalogue)
    catalogue = Catalogue((), "") if isinstance(found, Failure) else found
    keys = {m.name: m.key for m in data.catalogue()} if catalogue.municipalities else {}
    # The address's municipality, else the example's when it is loaded (the examples name demo
    # municipalities), else the first.
    municipality = next((n for n, k in keys.items() if k == given.get("municipality")), example.get("municipality"))
    if municipality not in keys:
        municipality = next(iter(keys), None)
    fields = []
    for parameter in query.parameters:
        if parameter == "municipality":
            default = keys.get(municipality)
        else:
            default = given.get(parameter, example.get(parameter, ""))
        fields.append(_field(parameter, _choices(parameter, catalogue, lang, municipality), default))
    return {"description": query.description, "fields": fields}


@page_callback(
    output={"options": Output({"type": _CHOICE, "name": ALL}, "options")},
    inputs={
        "values": Input({"type": _CHOICE, "name": ALL}, "value"),
        "ids": State({"type": _CHOICE, "name": ALL}, "id"),
        "options": State({"type": _CHOICE, "name": ALL}, "options"),
        "lang": State("lang", "value"),
    },
    prevent_initial_call=True,
)
def _rounds_of_municipality(
    values: list[Any], ids: list[dict[str, str]], options: list[Any], lang: str
) -> dict[str, list[Any]]:
    """Offer the rounds the chosen municipality has."""
    chosen = dict(zip((i["name"] for i in ids), values, strict=True))
    if "municipality" not in chosen:
        return {}
    catalogue = _catalogue()
    name = _names().get(chosen["municipality"])
    return {
        "options": [
            _choices(i["name"], catalogue, lang, name) if i["name"] != "municipality" else current
            for i, current in zip(ids, options, strict=True)
        ]
    }


def _given(
    choice_values: list[Any], choice_ids: list[dict[str, str]], free_values: list[Any], free_ids: list[dict[str, str]]
) -> dict[str, Any]:
    given = {i["name"]: v for i, v in zip(choice_ids, choice_values, strict=True)}
    given |= {i["name"]: v or "" for i, v in zip(free_ids, free_values, strict=True)}
    if "municipality" in given:
        given["municipality"] = _names().get(given["municipality"], given["municipality"])
    return given


def result_table(
    name: str | None,
    choice_values: list[Any],
    choice_ids: list[dict[str, str]],
    free_values: list[Any],
    free_ids: list[dict[str, str]],
    lang: str,
) -> pd.DataFrame:
    """Rows of the named query run with the chosen and typed-in parameters, checked first."""
    if not name:
        return pd.DataFrame()
    query = load_query(name)
    catalogue = _catalogue()
    parameters = validate_parameters(query, _given(choice_values, choice_ids, free_values, free_ids), catalogue)
    rows = store.run_named_query(get_driver(), name, parameters, show_names=data.show_names(), lang=lang)
    return pd.DataFrame(
        [
            {k: json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v for k, v in r.items()}
            for r in rows
        ]
    )


def _public(message: str) -> str:
    """``message`` with municipality names replaced by their public keys when anonymised."""
    if data.show_names():
        return message
    for key, name in _names().items():
        message = message.replace(f"{name} ({key})", key).replace(name, key)
    return message


_STATES = [
    State(f"{_P}-query", "value"),
    State({"type": _CHOICE, "name": ALL}, "value"),
    State({"type": _CHOICE, "name": ALL}, "id"),
    State({"type": _FREE, "name": ALL}, "value"),
    State({"type": _FREE, "name": ALL}, "id"),
    State("lang", "value"),
]


@page_callback(
    output={
        "rows": Output(f"{_P}-table", "data"),
        "columns": Output(f"{_P}-table", "columns"),
        "status": Output(f"{_P}-status", "children"),
    },
    inputs={"_clicks": Input(f"{_P}-run", "n_clicks"), "name": _STATES[0], "states": _STATES[1:]},
    prevent_initial_call=True,
)
def _run(_clicks: int, name: str | None, states: list[Any]) -> dict[str, Any]:
    lang = states[-1]
    try:
        frame = result_table(name, *states)
    except ParameterError as error:
        return {"rows": [], "columns": [], "status": f"{text('query_error', lang)}: {_public(str(error))}"}
    except data.DATABASE_ERRORS as error:
        return {"rows": [], "columns": [], "status": f"{text('query_error', lang)}: {error}"}
    rows, columns = ui.table_props(frame)
    return {"rows": rows, "columns": columns, "status": f"{len(rows)} {text('rows', lang)}"}


# The address names the query and its parameters' values (dashboard/address.py).
address.error_callback(_P)
dash.clientside_callback(
    dash.ClientsideFunction(namespace="netkart_address", function_name="writeQuery"),
    Output(f"{_P}-address", "data"),
    Input(f"{_P}-query", "value"),
    Input({"type": _CHOICE, "name": ALL}, "value"),
    Input({"type": _FREE, "name": ALL}, "value"),
    Input("lang", "value"),
    State({"type": _CHOICE, "name": ALL}, "id"),
    State({"type": _FREE, "name": ALL}, "id"),
)


ui.export_callbacks(_P, states=_STATES, make_table=result_table)
