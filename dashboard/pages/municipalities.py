"""Municipalities side by side (``/municipalities``): the chosen municipalities of a round in a
grid at the same threshold, with the cross-municipality table under it (the report's figures
5–7).

Presentation mode (``?present=1`` or the button) shows only the grid, filling the screen
without scrolling: the header, selectors and table are hidden (``assets/present.css``), and
keys step the threshold and round (``assets/present.js``). The address holds the selection
(:mod:`dashboard.address`): ``?municipalities=A,B&round=2013&threshold=daily&present=1``.
"""

from __future__ import annotations

from typing import Any

import dash
import pandas as pd
from dash import Input, Output, State, dcc, html

from analytics.metrics import headline
from cypher.model import THRESHOLDS
from dashboard import components as ui
from dashboard import data
from dashboard.address import Problem, address_store, check, error_callback, language, listed
from dashboard.i18n import text
from dashboard.skeleton import Failure, attempt, page_callback

dash.register_page(__name__, path="/municipalities", name="Municipalities", order=1)

_P = "mun"

#: Municipalities chosen when the address names none: the grid's size on a 16:9 screen.
DEFAULT_COUNT = 6

_ADDRESS = {
    "municipalities": (f"{_P}-municipalities", "value"),
    "round": (f"{_P}-round", "value"),
    "threshold": (f"{_P}-threshold", "value"),
    "present": (f"{_P}-present", "data"),
}


def layout(
    municipalities: str | None = None,
    round: str | None = None,
    threshold: str | None = None,
    present: str | None = None,
    **query: str,
) -> html.Div:
    """The page; ``?municipalities=A,B&round=2013&threshold=daily&present=1`` opens that view."""
    request = {"municipalities": listed(municipalities), "round": round, "threshold": threshold}
    presenting = present == "1"
    return html.Div(
        [
            dcc.Store(id=f"{_P}-request", data=request),
            dcc.Store(id=f"{_P}-present", data=presenting),
            address_store(_P, _ADDRESS, _problems(municipalities, round, threshold)),
            html.Div(
                [
                    ui.selector(
                        f"{_P}-municipalities-label",
                        dcc.Dropdown(id=f"{_P}-municipalities", multi=True),
                    ),
                    ui.selector(
                        f"{_P}-round-label",
                        dcc.RadioItems(id=f"{_P}-round", value=round, inline=True, className="radio"),
                    ),
                    ui.selector(
                        f"{_P}-threshold-label",
                        ui.threshold_radio(
                            f"{_P}-threshold",
                            # An unknown threshold selects none; the error names the known ones.
                            threshold if threshold in THRESHOLDS else None if threshold else "weekly",
                            language(query),
                        ),
                    ),
                    html.Button(id=f"{_P}-present-open", className="present-open"),
                ],
                className="selectors",
            ),
            html.Button("×", id=f"{_P}-present-exit", className="present-exit"),
            html.Div(id=f"{_P}-grid", className="grid"),
            html.Div(id=f"{_P}-legend", className="legend legend-row"),
            html.Div(
                [
                    ui.export_bar(_P, image=True, tables=True, graphs=False),
                    html.H2(id=f"{_P}-table-title"),
                    ui.table(f"{_P}-table"),
                ],
                className="mun-details",
            ),
        ],
        id=f"{_P}-page",
        className="mun-page present" if presenting else "mun-page",
    )


error_callback(_P)
ui.label_callback(
    {
        f"{_P}-municipalities-label": "municipalities",
        f"{_P}-round-label": "round",
        f"{_P}-threshold-label": "threshold",
        f"{_P}-table-title": "cross_table",
        f"{_P}-export-label": "export",
        f"{_P}-present-open": "present",
    }
)


@page_callback(
    output={"exit": Output(f"{_P}-present-exit", "title"), "labels": Output(f"{_P}-municipalities", "labels")},
    inputs={"lang": Input("lang", "value")},
)
def _texts(lang: str) -> dict[str, Any]:
    return {
        "exit": f"{text('present_exit', lang)} · {text('present_keys', lang)}",
        "labels": ui.dropdown_labels(lang),
    }


# Presentation mode on and off: the button, the way out, and Esc (assets/present.js).
dash.clientside_callback(
    dash.ClientsideFunction(namespace="netkart_present", function_name="toggle"),
    Output(f"{_P}-present", "data"),
    Input(f"{_P}-present-open", "n_clicks"),
    Input(f"{_P}-present-exit", "n_clicks"),
    prevent_initial_call=True,
)
dash.clientside_callback(
    dash.ClientsideFunction(namespace="netkart_present", function_name="pageClass"),
    Output(f"{_P}-page", "className"),
    Input(f"{_P}-present", "data"),
)


@page_callback(
    output={
        "options": Output(f"{_P}-round", "options"),
        "value": Output(f"{_P}-round", "value"),
        "thresholds": Output(f"{_P}-threshold", "options"),
    },
    inputs={
        "lang": Input("lang", "value"),
        "_epoch": Input("db-epoch", "data"),
        "current": State(f"{_P}-round", "value"),
        "request": State(f"{_P}-request", "data"),
    },
)
def _selectors(lang: str, _epoch: object, current: str | None, request: dict[str, Any]) -> dict[str, Any]:
    rounds = data.current().rounds()
    if current in rounds or (current and current == request.get("round")):
        # Kept; a round the address named but the database does not know stays unselected,
        # and the address error (_problems) says so.
        value = current if current in rounds else None
    else:
        value = rounds[-1] if rounds else None
    return {
        "options": [{"label": r, "value": r} for r in rounds],
        "value": value,
        "thresholds": ui.threshold_options(lang),
    }


@page_callback(
    output={
        "options": Output(f"{_P}-municipalities", "options"),
        "value": Output(f"{_P}-municipalities", "value"),
    },
    inputs={
        "round_label": Input(f"{_P}-round", "value"),
        "_epoch": Input("db-epoch", "data"),
        "current": State(f"{_P}-municipalities", "value"),
        "filled": State(f"{_P}-municipalities", "options"),
        "request": State(f"{_P}-request", "data"),
    },
)
def _municipalities(
    round_label: str | None,
    _epoch: object,
    current: list[str] | None,
    filled: list[dict[str, str]] | None,
    request: dict[str, Any],
) -> dict[str, Any]:
    """The municipalities that have the round; the chosen ones that still have it, or the
    first :data:`DEFAULT_COUNT` of them when none is chosen. The first fill takes those the
    address names."""
    having = [m for m in data.catalogue() if round_label is None or round_label in m.rounds]
    keys = [m.key for m in having]
    asked = [] if filled else request.get("municipalities") or []
    kept = [key for key in asked or current or [] if key in keys]
    # Municipalities named in the address but unknown stay unchosen (the error names them);
    # otherwise an empty choice falls back to the default.
    if not kept and not asked:
        kept = keys[:DEFAULT_COUNT]
    return {"options": [{"label": m.public_name, "value": m.key} for m in having], "value": kept}


def _problems(municipalities: str | None, round_label: str | None, threshold: str | None) -> list[Problem]:
    """The address's values the database does not know (shown by :mod:`dashboard.address`).

    A municipality is checked against those with the round asked for (all of them when that
    round is unknown itself); nothing but the threshold when the database does not answer.
    """
    problems = check("threshold", threshold, THRESHOLDS)
    snapshot = attempt(data.current)
    if isinstance(snapshot, Failure):
        return problems
    rounds = snapshot.rounds()
    having = [m.key for m in snapshot.municipalities if round_label not in rounds or round_label in m.rounds]
    return check("round", round_label, rounds) + problems + check("municipalities", municipalities, having)


def cross_table(round_label: str | None, threshold: str, lang: str, keys: list[str] | None = None) -> pd.DataFrame:
    """Headline measures (:func:`analytics.metrics.headline`) of the municipalities of the
    round, those of ``keys`` only when given (the ones the page shows)."""
    snapshot = data.current()
    rows = []
    for item in snapshot.municipalities:
        if round_label not in item.rounds or (keys is not None and item.key not in keys):
            continue
        measures = snapshot.metrics(item.name, round_label, threshold)
        row: dict[str, Any] = {text("municipality", lang): item.public_name}
        for name, value in headline(measures).items():
            row[text(name, lang)] = value
        row[text("ideal_type", lang)] = text(measures["ideal_type"]["label"], lang)
        rows.append(row)
    return pd.DataFrame(rows)


@page_callback(
    output={
        "grid": Output(f"{_P}-grid", "children"),
    }
    | ui.table_outputs(_P),
    inputs={
        "round_label": Input(f"{_P}-round", "value"),
        "threshold": Input(f"{_P}-threshold", "value"),
        "keys": Input(f"{_P}-municipalities", "value"),
    }
    | ui.REDRAW_INPUTS,
    message="grid",
)
def _draw(
    round_label: str | None, threshold: str | None, keys: list[str] | None, lang: str, _epoch: object
) -> dict[str, Any]:
    snapshot = data.current()
    chosen = set(keys or [])
    shown = [item for item in snapshot.municipalities if round_label in item.rounds and item.key in chosen]
    if not shown or threshold not in THRESHOLDS:
        raise data.NoData(f"nothing to draw for round {round_label!r}, threshold {threshold!r}, {sorted(chosen)}")
    cells = []
    functions: set[str] = set()
    for item in shown:
        view = snapshot.view(item.name, str(round_label), threshold)
        functions |= {p.primary_function for p in view.persons}
        graph = ui.graph(f"{_P}-graph-{item.key}", "44vh")
        graph.elements = snapshot.network(item.name, str(round_label), threshold, lang, gather=True)
        title = " · ".join([item.public_name, str(round_label), text(threshold, lang)])
        counts = (
            f"{view.graph.number_of_nodes()} {text('persons', lang)}, "
            f"{view.graph.number_of_edges()} {text('ties', lang)}"
        )
        heading = html.H2([title, html.Span(counts, className="counts")], id=f"{_P}-title-{item.key}")
        cells.append(html.Div([heading, graph], className="cell"))
    rows, columns = ui.table_props(cross_table(round_label, threshold, lang, keys or []), lang)
    legend = ui.function_legend(sorted(functions), lang) + ui.frequency_legend(lang)
    return {"grid": cells, "legend": legend, "rows": rows, "columns": columns}


ui.export_callbacks(
    _P,
    states=[
        State(f"{_P}-round", "value"),
        State(f"{_P}-threshold", "value"),
        State(f"{_P}-municipalities", "value"),
        State("lang", "value"),
    ],
    picture=ui.grid_picture_of(_P),
    make_table=lambda round_label, threshold, keys, lang: cross_table(round_label, threshold, lang, keys or []),
)
