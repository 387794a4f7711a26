"""Political contacts (``/political``): persons and political bodies, ties coloured by contact
type (information, professional, political), with the per-body counts."""

from __future__ import annotations

from typing import Any

import dash
import pandas as pd
from dash import Input, Output, State, callback, dcc, html

from analytics.political import political_summary
from cypher.model import CONTACT_TYPES
from dashboard import components as ui
from dashboard import data
from dashboard.elements import political_elements
from dashboard.i18n import text

dash.register_page(__name__, path="/political", name="Political", order=3)

_P = "pol"


def layout(**_query: str) -> html.Div:
    return html.Div(
        [
            html.Div(
                [
                    ui.selector(f"{_P}-municipality-label", dcc.Dropdown(id=f"{_P}-municipality", clearable=False)),
                    ui.selector(f"{_P}-round-label", dcc.Dropdown(id=f"{_P}-round", clearable=False)),
                ],
                className="selectors",
            ),
            html.Div(
                [
                    html.Div(
                        [html.Div(id=f"{_P}-summary", className="summary"), ui.graph(f"{_P}-graph", "70vh")],
                        className="graph-column",
                    ),
                    ui.side_panel(_P, ("counts", ui.table(f"{_P}-table")), "legend"),
                ],
                className="columns",
            ),
            ui.export_bar(_P, image=True, tables=True, graphs=False),
        ]
    )


ui.selector_callbacks(_P, threshold=False)
ui.label_callback(
    {
        f"{_P}-municipality-label": "municipality",
        f"{_P}-round-label": "round",
        f"{_P}-counts-title": "per_body",
        f"{_P}-legend-title": "legend",
        f"{_P}-export-label": "export",
    }
)


def _summary(key: str | None, round_label: str | None) -> tuple[Any, dict[str, Any]] | None:
    item = data.municipality(key)
    if item is None or round_label not in item.rounds:
        return None
    view = data.view(item.name, round_label, "monthly")
    return item, political_summary(data.political(item.name, round_label), view)


def body_table(key: str | None, round_label: str | None, lang: str) -> pd.DataFrame:
    """Per political body: persons in contact, their share of the roster, and by contact type."""
    found = _summary(key, round_label)
    if found is None:
        return pd.DataFrame()
    rows = [
        {
            text("body", lang): data.redact(found[0].name, lang, body["name"]),
            text("persons", lang): body["persons"],
            "%": None if body["share"] is None else round(100 * body["share"]),
            **{text(c, lang): body["by_type"][c] for c in CONTACT_TYPES},
        }
        for body in found[1]["bodies"]
    ]
    return pd.DataFrame(rows)


@callback(
    Output(f"{_P}-graph", "elements"),
    Output(f"{_P}-summary", "children"),
    Output(f"{_P}-legend", "children"),
    Output(f"{_P}-table", "data"),
    Output(f"{_P}-table", "columns"),
    Input(f"{_P}-municipality", "value"),
    Input(f"{_P}-round", "value"),
    Input("lang", "value"),
    Input("db-epoch", "data"),
)
def _draw(key: str | None, round_label: str | None, lang: str, _epoch: object) -> tuple[Any, ...]:
    try:
        found = _summary(key, round_label)
        if found is None or round_label is None:
            return [], text("no_data", lang), [], [], []
        item, summary = found
        view = data.view(item.name, round_label, "monthly")
        contacts = data.political(item.name, round_label)
        bodies = {body["key"]: data.redact(item.name, lang, body["name"]) for body in summary["bodies"]}
        elements = political_elements(view, contacts, data.labels(item.name, lang), data.positions(item.name), bodies)
        rows, columns = ui.table_props(body_table(key, round_label, lang))
    except data.DATABASE_ERRORS:
        return dash.no_update, text("db_down", lang), dash.no_update, dash.no_update, dash.no_update
    heading = (
        f"{item.public_name} · {round_label}: {summary['persons_in_contact']} / {summary['persons']} "
        f"{text('persons', lang)}"
    )
    legend = ui.contact_legend(lang) + ui.function_legend(sorted({p.primary_function for p in view.persons}), lang)
    return elements, heading, legend, rows, columns


ui.export_callbacks(
    _P,
    graph_id=f"{_P}-graph",
    states=[State(f"{_P}-municipality", "value"), State(f"{_P}-round", "value"), State("lang", "value")],
    make_table=body_table,
)
