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
from dashboard.i18n import LANGUAGES, function_label, number, text
from dashboard.skeleton import Failure, attempt, page_callback

__all__ = [
    "REDRAW_INPUTS",
    "export_bar",
    "export_callbacks",
    "findings_list",
    "frequency_legend",
    "function_legend",
    "graph",
    "municipality_options",
    "selector",
    "table",
    "table_outputs",
    "threshold_options",
]


def selector(label_id: str, control: Any) -> html.Div:
    """A labelled control; the label's text is filled in per language by the page."""
    return html.Div([html.Label(id=label_id, className="selector-label"), control], className="selector")


def municipality_options() -> list[dict[str, str]]:
    return [{"label": m.public_name, "value": m.key} for m in data.catalogue()]


def threshold_options(lang: str) -> list[dict[str, str]]:
    return [{"label": text(t, lang), "value": t} for t in THRESHOLDS]


def graph(component_id: str, height: str = "78vh", *, fit_on_change: bool = True) -> cyto.Cytoscape:
    """A Cytoscape graph with preset (server-computed) positions, fitted to its box.

    ``fit_on_change=False`` leaves fitting to the page, which then changes the ``layout``
    property (network page) or its ``zoom`` and ``pan`` (rounds page) when it wants the graph
    fitted, see ``dashboard/assets/graphs.js``; otherwise every added or removed element refits
    the view to the graph's own box. When the box changes size (a resize, another screen), the
    browser fits the graph again by the same rule (``dashboard/assets/labels.js``).
    """
    return cyto.Cytoscape(
        id=component_id,
        elements=[],
        layout={"name": "preset", "fit": True, "padding": 30},
        autoRefreshLayout=fit_on_change,
        stylesheet=stylesheet(),
        style={"width": "100%", "height": height},
        minZoom=0.1,
        maxZoom=4,
        boxSelectionEnabled=False,
        # Refitted after a resize by assets/labels.js, with the page's own fit rule.
        responsive=False,
        className="graph",
    )


def _swatch(colour: str, label: str, *, shape: str = "dot") -> html.Div:
    return html.Div(
        [html.Span(className=f"swatch {shape}", style={"background": colour}), label], className="legend-item"
    )


def function_legend(functions: Iterable[str], lang: str) -> list[html.Div]:
    """Legend entries for the functions present, then the node encodings."""
    items = [_swatch(FUNCTION_COLOURS.get(f, "#BBBBBB"), function_label(f, lang)) for f in functions]
    items += [
        _swatch("#FFFFFF", text("nonrespondent", lang), shape="dot hollow"),
        _swatch("#FFFFFF", text("bridge_builder_legend", lang), shape="dot outlined"),
        _swatch("#FFFFFF", text("cut_point_legend", lang), shape="dot double"),
        _swatch("linear-gradient(90deg, #0072B2 50%, #E69F00 50%)", text("multi_function", lang)),
        html.Div(text("size_betweenness", lang), className="legend-item note"),
    ]
    return items


def frequency_legend(lang: str, frequencies: Sequence[str] = FREQUENCIES[:3]) -> list[html.Div]:
    return [
        _swatch(FREQUENCY_STYLE[f][1], text(f, lang), shape=f"line w{int(FREQUENCY_STYLE[f][0])}") for f in frequencies
    ]


def change_legend(lang: str) -> list[html.Div]:
    items = [
        _swatch(colour, text(f"tie_{change}", lang), shape="line w5") for change, colour in TIE_CHANGE_COLOURS.items()
    ]
    items += [
        _swatch("#FFFFFF", text("person_joined", lang), shape="dot joined"),
        _swatch("#FFFFFF", text("person_left", lang), shape="dot left"),
    ]
    return items


def contact_legend(lang: str) -> list[html.Div]:
    return [_swatch(CONTACT_COLOURS[c], text(c, lang), shape="line w5") for c in CONTACT_TYPES]


def findings_list(sentences: Iterable[str]) -> html.Ul:
    return html.Ul([html.Li(s) for s in sentences], className="findings")


def side_panel(prefix: str, *sections: str | tuple[str, Any]) -> html.Aside:
    """The column beside a graph: a heading (``{prefix}-{name}-title``) and a body per section.

    A section named alone gets an empty ``Div`` ``{prefix}-{name}`` (class ``name``) that a
    callback fills; ``(name, component)`` puts that component under the heading instead.
    """
    children: list[Any] = []
    for section in sections:
        name, body = section if isinstance(section, tuple) else (section, None)
        children.append(html.H2(id=f"{prefix}-{name}-title"))
        children.append(body if body is not None else html.Div(id=f"{prefix}-{name}", className=name))
    return html.Aside(children, className="side")


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


def table_props(frame: pd.DataFrame, lang: str = LANGUAGES[0]) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
    """``data`` and ``columns`` of a DataTable showing ``frame``, numbers written as in
    ``lang`` (:func:`dashboard.i18n.number`)."""
    shown = frame.astype(object).map(lambda value: number(value, lang))
    return shown.to_dict("records"), [{"name": str(c), "id": str(c)} for c in frame.columns]


def _file_formats(make_table: object, make_graph: object) -> list[str]:
    return [
        f
        for f, source in (("csv", make_table), ("xlsx", make_table), ("graphml", make_graph), ("gexf", make_graph))
        if source
    ]


def export_bar(prefix: str, *, image: bool, tables: bool, graphs: bool) -> html.Div:
    """Export buttons (their callbacks: :func:`export_callbacks` with the same ``prefix``)."""
    buttons: list[Any] = [html.Span(id=f"{prefix}-export-label", className="export-label")]
    if image:
        buttons += [html.Button("PNG", id=f"{prefix}-png"), html.Button("SVG", id=f"{prefix}-svg")]
    names = {"csv": "CSV", "xlsx": "XLSX", "graphml": "GraphML", "gexf": "GEXF"}
    buttons += [html.Button(names[f], id=f"{prefix}-{f}") for f in _file_formats(tables, graphs)]
    buttons.append(dcc.Download(id=f"{prefix}-download"))
    return html.Div(buttons, className="export-bar")


def export_callbacks(
    prefix: str,
    *,
    graph_id: str | None,
    states: Sequence[State],
    make_table: Callable[..., pd.DataFrame] | None = None,
    make_graph: Callable[..., nx.Graph] | None = None,
) -> None:
    """Callbacks of the export bar ``prefix``.

    PNG and SVG are drawn by Cytoscape in the browser (``generateImage`` on ``graph_id``);
    CSV/XLSX come from ``make_table(*state_values)`` and GraphML/GEXF from
    ``make_graph(*state_values)`` on the server; a CSV is written in the page's language
    (:func:`dashboard.exports.table_file`). A selection that is gone or a database that does
    not answer downloads nothing.
    """
    file_formats = _file_formats(make_table, make_graph)
    if graph_id:

        @callback(
            Output(graph_id, "generateImage"),
            Input(f"{prefix}-png", "n_clicks"),
            Input(f"{prefix}-svg", "n_clicks"),
            prevent_initial_call=True,
        )
        def _image(_png: int | None, _svg: int | None) -> dict[str, Any]:
            kind = "png" if ctx.triggered_id == f"{prefix}-png" else "svg"
            options: dict[str, Any] = {"full": True}
            if kind == "png":
                options |= {"bg": "#FFFFFF", "scale": 2}
            return {"type": kind, "action": "download", "filename": f"netkart-{prefix}", "options": options}

    if not file_formats:
        return

    @callback(
        Output(f"{prefix}-download", "data"),
        [Input(f"{prefix}-{f}", "n_clicks") for f in file_formats],
        *states,
        State("lang", "value"),
        prevent_initial_call=True,
    )
    def _download(*values: Any) -> Any:
        kind = str(ctx.triggered_id).removeprefix(f"{prefix}-")
        arguments, lang = values[len(file_formats) : -1], values[-1]
        named = [str(v) for v in arguments if isinstance(v, str) and v]
        filename = "-".join(["netkart", prefix, *named])
        if kind in ("csv", "xlsx") and make_table is not None:
            content = attempt(lambda: table_file(make_table(*arguments), kind, lang))
        elif kind in ("graphml", "gexf") and make_graph is not None:
            content = attempt(lambda: graph_file(make_graph(*arguments), kind))
        else:
            return no_update
        return no_update if isinstance(content, Failure) else dcc.send_bytes(content, f"{filename}.{kind}")


def selector_callbacks(prefix: str, round_ids: Sequence[str] = ("round",), *, threshold: bool = True) -> None:
    """Fill ``{prefix}-municipality``, its rounds (``{prefix}-{round_id}``, defaulting to the
    latest round, or to the first for all but the last id) and ``{prefix}-threshold``.

    Re-run when the language changes or the database comes back (``db-epoch``).
    """
    municipality_outputs = {
        "options": Output(f"{prefix}-municipality", "options"),
        "value": Output(f"{prefix}-municipality", "value"),
    }
    if threshold:
        municipality_outputs["thresholds"] = Output(f"{prefix}-threshold", "options")

    @page_callback(
        output=municipality_outputs,
        inputs={
            "lang": Input("lang", "value"),
            "_epoch": Input("db-epoch", "data"),
            "current": State(f"{prefix}-municipality", "value"),
        },
    )
    def _municipalities(lang: str, _epoch: object, current: str | None) -> dict[str, Any]:
        options = municipality_options()
        keys = [o["value"] for o in options]
        shown = {"options": options, "thresholds": threshold_options(lang)}
        if current in keys:
            # Left as it is: setting it again would re-run everything that follows it.
            return shown
        return shown | {"value": keys[0] if keys else None}

    @page_callback(
        output={f"{r}-{p}": Output(f"{prefix}-{r}", p) for r in round_ids for p in ("options", "value")},
        inputs={"key": Input(f"{prefix}-municipality", "value"), "_epoch": Input("db-epoch", "data")}
        | {f"current_{i}": State(f"{prefix}-{r}", "value") for i, r in enumerate(round_ids)},
    )
    def _rounds(key: str | None, _epoch: object, **current: str | None) -> dict[str, Any]:
        known = {m.key: m for m in data.catalogue()}
        labels = list(known[key].rounds) if key in known else []
        options = [{"label": r, "value": r} for r in labels]
        result: dict[str, Any] = {}
        for i, r in enumerate(round_ids):
            value = current[f"current_{i}"]
            fallback = labels[-1 if i == len(round_ids) - 1 else 0] if labels else None
            result |= {f"{r}-options": options, f"{r}-value": value if value in labels else fallback}
        return result


def table_outputs(prefix: str) -> dict[str, Output]:
    """The outputs of a page's legend (``legend``) and table (``rows``, ``columns``)."""
    return {
        "legend": Output(f"{prefix}-legend", "children"),
        "rows": Output(f"{prefix}-table", "data"),
        "columns": Output(f"{prefix}-table", "columns"),
    }


#: Inputs that make a page redraw: the language, and the database coming back or changing.
REDRAW_INPUTS: dict[str, Input] = {"lang": Input("lang", "value"), "_epoch": Input("db-epoch", "data")}


def label_callback(texts: dict[str, str]) -> None:
    """Translate the ``children`` of each component id in ``texts`` to the text key it maps to."""

    @page_callback(output={i: Output(i, "children") for i in texts}, inputs={"lang": Input("lang", "value")})
    def _labels(lang: str) -> dict[str, str]:
        return {i: text(key, lang) for i, key in texts.items()}
