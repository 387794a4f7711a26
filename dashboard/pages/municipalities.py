"""Municipalities side by side (``/municipalities``): every municipality of a round in a grid
at the same threshold, with the cross-municipality table under it (the report's figures 5–7)."""

from __future__ import annotations

from typing import Any

import dash
import pandas as pd
from dash import Input, Output, State, dcc, html

from analytics.metrics import headline
from dashboard import components as ui
from dashboard import data
from dashboard.i18n import text
from dashboard.skeleton import page_callback

dash.register_page(__name__, path="/municipalities", name="Municipalities", order=1)

_P = "mun"


def layout(**_query: str) -> html.Div:
    return html.Div(
        [
            html.Div(
                [
                    ui.selector(f"{_P}-round-label", dcc.Dropdown(id=f"{_P}-round", clearable=False)),
                    ui.selector(
                        f"{_P}-threshold-label",
                        dcc.RadioItems(id=f"{_P}-threshold", value="weekly", inline=True, className="radio"),
                    ),
                ],
                className="selectors",
            ),
            html.Div(id=f"{_P}-grid", className="grid"),
            html.Div(id=f"{_P}-legend", className="legend legend-row"),
            html.H2(id=f"{_P}-table-title"),
            ui.export_bar(_P, image=False, tables=True, graphs=False),
            ui.table(f"{_P}-table"),
        ]
    )


ui.label_callback(
    {
        f"{_P}-round-label": "round",
        f"{_P}-threshold-label": "threshold",
        f"{_P}-table-title": "cross_table",
        f"{_P}-export-label": "export",
    }
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
    },
)
def _selectors(lang: str, _epoch: object, current: str | None) -> dict[str, Any]:
    rounds = data.current().rounds()
    return {
        "options": [{"label": r, "value": r} for r in rounds],
        "value": current if current in rounds else (rounds[-1] if rounds else None),
        "thresholds": ui.threshold_options(lang),
    }


def cross_table(round_label: str | None, threshold: str, lang: str) -> pd.DataFrame:
    """Headline measures (:func:`analytics.metrics.headline`) of every municipality of the round."""
    snapshot = data.current()
    rows = []
    for item in snapshot.municipalities:
        if round_label not in item.rounds:
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
    }
    | ui.REDRAW_INPUTS,
    message="grid",
)
def _draw(round_label: str | None, threshold: str, lang: str, _epoch: object) -> dict[str, Any]:
    snapshot = data.current()
    shown = [item for item in snapshot.municipalities if round_label in item.rounds]
    if not shown:
        raise data.NoData(f"no municipality has round {round_label!r}")
    cells = []
    functions: set[str] = set()
    for item in shown:
        view = snapshot.view(item.name, str(round_label), threshold)
        functions |= {p.primary_function for p in view.persons}
        graph = ui.graph(f"{_P}-graph-{item.key}", "44vh")
        graph.elements = snapshot.network(item.name, str(round_label), threshold, lang, gather=True)
        title = (
            f"{item.public_name}: {view.graph.number_of_nodes()} {text('persons', lang)}, "
            f"{view.graph.number_of_edges()} {text('ties', lang)}"
        )
        cells.append(html.Div([html.H2(title), graph], className="cell"))
    rows, columns = ui.table_props(cross_table(round_label, threshold, lang), lang)
    legend = ui.function_legend(sorted(functions), lang) + ui.frequency_legend(lang)
    return {"grid": cells, "legend": legend, "rows": rows, "columns": columns}


ui.export_callbacks(
    _P,
    graph_id=None,
    states=[State(f"{_P}-round", "value"), State(f"{_P}-threshold", "value"), State("lang", "value")],
    make_table=cross_table,
)
