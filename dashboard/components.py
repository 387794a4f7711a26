"""Pieces every page uses: selectors, the graph, legend, findings, tables and the export bar.

The export bar registers its own callback (:func:`export_bar`), so a page only says what its
table and graph are; the file formats live in :mod:`dashboard.exports`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

import dash_cytoscape as cyto
import networkx as nx
import pandas as pd
from dash import Input, Output, State, callback, ctx, dash_table, dcc, html, no_update

from cypher.model import CONTACT_TYPES, FREQUENCIES, THRESHOLDS
from dashboard import data
from dashboard.elements import CONTACT_COLOURS, FREQUENCY_STYLE, FUNCTION_COLOURS, TIE_CHANGE_COLOURS, stylesheet
from dashboard.exports import graph_file, table_file
from dashboard.i18n import function_label, text

__all__ = [
    "export_bar",
    "findings_list",
    "frequency_legend",
    "function_legend",
    "graph",
    "municipality_options",
    "round_options",
    "selector",
    "table",
    "threshold_options",
]


def selector(label_id: str, control: Any) -> html.Div:
    """A labelled control; the label's text is filled in per language by the page."""
    return html.Div([html.Label(id=label_id, className="selector-label"), control], className="selector")


def municipality_options() -> list[dict[str, str]]:
    return [{"label": m.public_name, "value": m.key} for m in data.catalogue()]


def round_options(key: str | None) -> list[dict[str, str]]:
    item = data.municipality(key)
    return [{"label": r, "value": r} for r in (item.rounds if item else ())]


def threshold_options(lang: str) -> list[dict[str, str]]:
    return [{"label": text(t, lang), "value": t} for t in THRESHOLDS]


def graph(component_id: str, height: str = "78vh") -> cyto.Cytoscape:
    """A Cytoscape graph with preset (server-computed) positions, fitted to its box."""
    return cyto.Cytoscape(
        id=component_id,
        elements=[],
        layout={"name": "preset", "fit": True, "padding": 30},
        stylesheet=stylesheet(),
        style={"width": "100%", "height": height},
        minZoom=0.1,
        maxZoom=4,
        boxSelectionEnabled=False,
        responsive=True,
        className="graph",
    )


def _swatch(colour: str, label: str, *, shape: str = "dot") -> html.Div:
    return html.Div([html.Span(className=f"swatch {shape}", style={"background": colour}), label], className="legend-item")


def function_legend(functions: Iterable[str], lang: str) -> list[html.Div]:
    """Legend entries for the functions present, then the node encodings."""
    items = [_swatch(FUNCTION_COLOURS.get(f, "#BBBBBB"), function_label(f, lang)) for f in functions]
    items += [
        _swatch("#FFFFFF", text("nonrespondent", lang), shape="dot hollow"),
        _swatch("#FFFFFF", text("broker", lang), shape="dot outlined"),
        _swatch("#FFFFFF", text("articulation", lang), shape="dot double"),
        _swatch("linear-gradient(90deg, #0072B2 50%, #E69F00 50%)", text("multi_function", lang)),
        html.Div(text("size_betweenness", lang), className="legend-item note"),
    ]
    return items


def frequency_legend(lang: str, frequencies: Sequence[str] = FREQUENCIES[:3]) -> list[html.Div]:
    return [
        _swatch(FREQUENCY_STYLE[f][1], text(f, lang), shape=f"line w{int(FREQUENCY_STYLE[f][0])}") for f in frequencies
    ]


def change_legend(lang: str) -> list[html.Div]:
    items = [_swatch(colour, text(f"tie_{change}", lang), shape="line w5") for change, colour in TIE_CHANGE_COLOURS.items()]
    items += [
        _swatch("#FFFFFF", text("person_joined", lang), shape="dot joined"),
        _swatch("#FFFFFF", text("person_left", lang), shape="dot left"),
    ]
    return items


def contact_legend(lang: str) -> list[html.Div]:
    return [_swatch(CONTACT_COLOURS[c], text(c, lang), shape="line w5") for c in CONTACT_TYPES]


def findings_list(sentences: Iterable[str]) -> html.Ul:
    return html.Ul([html.Li(s) for s in sentences], className="findings")


def table(component_id: str) -> dash_table.DataTable:
    """A read-only table in the projector style."""
    return dash_table.DataTable(
        id=component_id,
        data=[],
        columns=[],
        sort_action="native",
        page_size=40,
        style_table={"overflowX": "auto"},
        style_cell={"fontSize": "18px", "padding": "6px 10px", "textAlign": "left", "fontFamily": "inherit"},
        style_header={"fontWeight": "bold", "backgroundColor": "#E8E8E8"},
    )


def table_props(frame: pd.DataFrame) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
    """``data`` and ``columns`` of a DataTable showing ``frame``."""
    shown = frame.astype(object).where(frame.notna(), "")
    return shown.to_dict("records"), [{"name": str(c), "id": str(c)} for c in frame.columns]


ExportSource = Callable[..., Any]


def export_bar(
    prefix: str,
    *,
    graph_id: str | None,
    states: Sequence[State],
    make_table: Callable[..., pd.DataFrame] | None = None,
    make_graph: Callable[..., nx.Graph] | None = None,
) -> html.Div:
    """Export buttons and their callbacks.

    PNG and SVG are drawn by Cytoscape in the browser (``generateImage``); CSV/XLSX come from
    ``make_table(*state_values)`` and GraphML/GEXF from ``make_graph(*state_values)`` on the
    server, which also names the file.
    """
    buttons: list[Any] = [html.Span(id=f"{prefix}-export-label", className="export-label")]
    if graph_id:
        buttons += [html.Button("PNG", id=f"{prefix}-png"), html.Button("SVG", id=f"{prefix}-svg")]
    file_formats = [f for f, wanted in (("csv", make_table), ("xlsx", make_table), ("graphml", make_graph), ("gexf", make_graph)) if wanted]
    buttons += [html.Button(f.upper() if f != "graphml" else "GraphML", id=f"{prefix}-{f}") for f in file_formats]
    buttons.append(dcc.Download(id=f"{prefix}-download"))

    if graph_id:

        @callback(
            Output(graph_id, "generateImage"),
            Input(f"{prefix}-png", "n_clicks"),
            Input(f"{prefix}-svg", "n_clicks"),
            prevent_initial_call=True,
        )
        def _image(_png: int | None, _svg: int | None) -> dict[str, Any]:
            kind = "png" if ctx.triggered_id == f"{prefix}-png" else "svg"
            options = {"full": True, "bg": "#FFFFFF"} if kind == "png" else {"full": True}
            if kind == "png":
                options["scale"] = 2
            return {"type": kind, "action": "download", "filename": f"netkart-{prefix}", "options": options}

    if file_formats:

        @callback(
            Output(f"{prefix}-download", "data"),
            [Input(f"{prefix}-{f}", "n_clicks") for f in file_formats],
            *states,
            prevent_initial_call=True,
        )
        def _download(*values: Any) -> Any:
            kind = str(ctx.triggered_id).removeprefix(f"{prefix}-")
            arguments = values[len(file_formats) :]
            filename = f"netkart-{prefix}-" + "-".join(str(v) for v in arguments if v not in (None, ""))
            try:
                if kind in ("csv", "xlsx") and make_table is not None:
                    return dcc.send_bytes(table_file(make_table(*arguments), kind), f"{filename}.{kind}")
                if make_graph is not None:
                    return dcc.send_bytes(graph_file(make_graph(*arguments), kind), f"{filename}.{kind}")
            except data.DATABASE_ERRORS:
                return no_update
            return no_update

    return html.Div(buttons, className="export-bar")
