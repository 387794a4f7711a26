"""Pieces every page uses: selectors, the graph, legend, findings, tables and the export bar.

The export bar registers its own callback (:func:`export_bar`), so a page only says what its
table and graph are; the file formats live in :mod:`dashboard.exports`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

import dash
import dash_cytoscape as cyto
import networkx as nx
import pandas as pd
from dash import Input, Output, State, callback, ctx, dash_table, dcc, html, no_update

from cypher.model import CONTACT_TYPES, FREQUENCIES, THRESHOLDS
from dashboard import data
from dashboard.elements import CONTACT_COLOURS, FREQUENCY_STYLE, FUNCTION_COLOURS, TIE_CHANGE_COLOURS, stylesheet
from dashboard.exports import Picture, graph_file, graph_picture, grid_picture, table_file
from dashboard.i18n import LANGUAGES, function_label, number, text
from dashboard.skeleton import Failure, attempt, page_callback, resolve

__all__ = [
    "GRAPH_LAYOUT",
    "REDRAW_INPUTS",
    "dropdown_labels",
    "export_bar",
    "export_callbacks",
    "findings_list",
    "frequency_legend",
    "function_legend",
    "graph",
    "grid_picture_of",
    "municipality_options",
    "political_picture",
    "report_bar",
    "report_callback",
    "rounds_picture",
    "selector",
    "size_legend",
    "table",
    "table_outputs",
    "threshold_options",
    "view_picture",
]


def selector(label_id: str, control: Any) -> html.Div:
    """A labelled control; the label's text is filled in per language by the page."""
    return html.Div([html.Label(id=label_id, className="selector-label"), control], className="selector")


def municipality_options() -> list[dict[str, str]]:
    return [{"label": m.public_name, "value": m.key} for m in data.catalogue()]


#: The texts of Dash's Dropdown (its ``labels`` property), each an interface text ``dropdown_*``.
_DROPDOWN_TEXTS = (
    "select_all",
    "deselect_all",
    "selected_count",
    "search",
    "clear_search",
    "clear_selection",
    "no_options_found",
)


def dropdown_labels(lang: str) -> dict[str, str]:
    """A Dropdown's own texts ("4 selected", "Search" …) in ``lang``, for its ``labels``."""
    return {key: text(f"dropdown_{key}", lang) for key in _DROPDOWN_TEXTS}


def threshold_options(lang: str) -> list[dict[str, str]]:
    return [{"label": text(t, lang), "value": t} for t in THRESHOLDS]


def threshold_radio(component_id: str, value: str | None, lang: str) -> dcc.RadioItems:
    """The threshold's radio buttons, with their options in ``lang`` from the start.

    The selectors' callbacks translate them again, but options arriving only then would widen
    the control after the page is drawn, and a row of selectors that rewraps changes the size
    of the graphs below it, which are then fitted and labelled again.
    """
    return dcc.RadioItems(id=component_id, options=threshold_options(lang), value=value, inline=True, className="radio")


#: The graphs' layout: the server's positions, fitted to the box (as ``graphs.js`` fits).
GRAPH_LAYOUT: dict[str, Any] = {"name": "preset", "fit": True, "padding": 30}


def graph(
    component_id: str,
    height: str = "78vh",
    *,
    fit_on_change: bool = True,
    elements: list[dict[str, Any]] | None = None,
    layout: dict[str, Any] | None = None,
) -> cyto.Cytoscape:
    """A Cytoscape graph with preset (server-computed) positions, fitted to its box.

    ``fit_on_change=False`` leaves fitting to the page, which fits Cytoscape itself (network
    page) or changes the graph's ``zoom`` and ``pan`` (rounds page) when it wants the graph
    fitted, see ``dashboard/assets/graphs.js``; otherwise every added or removed element refits
    the view to the graph's own box. When the box changes size (a resize, another screen), the
    browser fits the graph again by the same rule (``dashboard/assets/labels.js``).
    ``elements`` and ``layout`` start it drawn (a page whose layout draws its first view).
    """
    return cyto.Cytoscape(
        id=component_id,
        elements=elements or [],
        layout=layout or GRAPH_LAYOUT,
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
    # The shape and colour are repeated as data, which an exported picture draws its legend
    # from (assets/export.js), so that it need not read them back from the page's style.
    return html.Div(
        [html.Span(className=f"swatch {shape}", style={"background": colour}), label],
        className="legend-item",
        **{"data-shape": shape, "data-colour": colour},
    )


def function_legend(functions: Iterable[str], lang: str, *, size: str | None = "betweenness") -> list[html.Div]:
    """Legend entries for the functions present, then the node encodings.

    ``size`` is the centrality the nodes are sized by (:data:`analytics.centrality.MEASURES`);
    ``None`` leaves its line out, for a page that shows it on its own (:func:`size_legend`).
    """
    items = [_swatch(FUNCTION_COLOURS.get(f, "#BBBBBB"), function_label(f, lang)) for f in functions]
    items += [
        _swatch("#FFFFFF", text("nonrespondent", lang), shape="dot hollow"),
        _swatch("#FFFFFF", text("bridge_builder_legend", lang), shape="dot outlined"),
        _swatch("#FFFFFF", text("cut_point_legend", lang), shape="dot double"),
        _swatch("linear-gradient(90deg, #0072B2 50%, #E69F00 50%)", text("multi_function", lang)),
    ]
    return items + (size_legend(size, lang) if size else [])


def size_legend(size: str, lang: str) -> list[html.Div]:
    """The legend's line saying which centrality the node size shows."""
    return [html.Div(text(f"size_{size}", lang), className="legend-item note", **{"data-shape": "note"})]


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
    if image:
        # What the picture shows (from the server), and the composer's answer (assets/export.js).
        buttons += [dcc.Store(id=f"{prefix}-picture"), dcc.Store(id=f"{prefix}-picture-done")]
    return html.Div(buttons, className="export-bar")


def export_callbacks(
    prefix: str,
    *,
    states: Sequence[State],
    picture: Callable[..., Picture] | None = None,
    make_table: Callable[..., pd.DataFrame] | None = None,
    make_graph: Callable[..., nx.Graph] | None = None,
    legends: Sequence[str] = (),
) -> None:
    """Callbacks of the export bar ``prefix``.

    PNG and SVG are pictures for slides: ``picture(*state_values)`` says on the server which
    graphs they hold, their titles, file name and source line (:class:`dashboard.exports.Picture`);
    the browser draws them with the page's legend (``{prefix}-legend``, then the entries of the
    components ``legends`` names, e.g. a legend line the browser changes) into one SVG, rasterised
    for PNG (``composePicture`` in ``assets/export.js``). CSV/XLSX come from
    ``make_table(*state_values)`` and GraphML/GEXF from ``make_graph(*state_values)`` on the
    server; a CSV is written in the page's language (:func:`dashboard.exports.table_file`). A
    selection that is gone or a database that does not answer downloads nothing.
    """
    file_formats = _file_formats(make_table, make_graph)
    if picture is not None:

        @callback(
            Output(f"{prefix}-picture", "data"),
            Input(f"{prefix}-png", "n_clicks"),
            Input(f"{prefix}-svg", "n_clicks"),
            *states,
            prevent_initial_call=True,
        )
        def _picture(png: int | None, svg: int | None, *arguments: Any) -> Any:
            found = attempt(lambda: picture(*arguments))
            if isinstance(found, Failure):
                return no_update
            kind = "png" if ctx.triggered_id == f"{prefix}-png" else "svg"
            # The click count makes a second export of the same view a change of the store.
            return found.as_data() | {"kind": kind, "stamp": (png or 0) + (svg or 0)}

        dash.clientside_callback(
            dash.ClientsideFunction(namespace="netkart_pictures", function_name="composePicture"),
            Output(f"{prefix}-picture-done", "data"),
            Input(f"{prefix}-picture", "data"),
            State(f"{prefix}-legend", "children"),
            *[State(legend, "children") for legend in legends],
            prevent_initial_call=True,
        )

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


def view_picture(graph_id: str) -> Callable[[str | None, str | None, str, str], Picture]:
    """The picture of one view's graph ``graph_id`` (network page): "A · 2013 · ukentlig"."""

    def picture(key: str | None, round_label: str | None, threshold: str, lang: str) -> Picture:
        item = resolve(key, round_label).item
        return graph_picture([(graph_id, "")], item.public_name, [str(round_label)], text(threshold, lang), lang)

    return picture


def rounds_picture(
    before_id: str, after_id: str, difference_id: str
) -> Callable[[str | None, str | None, str | None, str, str], Picture]:
    """The picture of the rounds page: both rounds and their difference, "A · 2011–2013 · ukentlig"."""

    def picture(key: str | None, before: str | None, after: str | None, threshold: str, lang: str) -> Picture:
        name = resolve(key, before, after).item.public_name
        graphs = [
            (before_id, f"{name} · {before}"),
            (after_id, f"{name} · {after}"),
            (difference_id, text("difference", lang)),
        ]
        return graph_picture(graphs, name, [str(before), str(after)], text(threshold, lang), lang)

    return picture


def political_picture(graph_id: str) -> Callable[[str | None, str | None, str], Picture]:
    """The picture of the political page's graph: "A · 2013 · politisk"."""

    def picture(key: str | None, round_label: str | None, lang: str) -> Picture:
        item = resolve(key, round_label).item
        qualifier = text("political_picture", lang)
        return graph_picture([(graph_id, "")], item.public_name, [str(round_label)], qualifier, lang)

    return picture


def grid_picture_of(prefix: str) -> Callable[[str | None, str | None, list[str] | None, str], Picture]:
    """The picture of the municipalities grid ``{prefix}-graph-{key}``: every chosen graph,
    each with its title, in the grid's columns (``2013-ukentlig-A-B-C-D``)."""

    def picture(round_label: str | None, threshold: str | None, keys: list[str] | None, lang: str) -> Picture:
        # In the grid's order (the catalogue's), as _draw of the page shows them.
        chosen = [m for m in data.current().municipalities if m.key in (keys or []) and round_label in m.rounds]
        if not chosen or threshold is None:
            raise data.NoData("nothing is drawn")
        cells = [(f"{prefix}-graph-{m.key}", m.public_name) for m in chosen]
        return grid_picture(cells, str(round_label), text(threshold, lang), lang)

    return picture


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
            result[f"{r}-options"] = options
            if value not in labels:
                # Set only when it changes: setting it again would re-run what follows it (the
                # page's drawing, which the page's layout may already have drawn).
                result[f"{r}-value"] = labels[-1 if i == len(round_ids) - 1 else 0] if labels else None
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


def report_bar(prefix: str) -> html.Div:
    """The report button: the municipal note of the page's selection, in the chosen format
    (its callback: :func:`report_callback` with the same ``prefix``)."""
    return html.Div(
        [
            html.Span(id=f"{prefix}-report-label", className="export-label"),
            dcc.RadioItems(
                id=f"{prefix}-report-format",
                options=[{"label": f.upper(), "value": f} for f in ("pdf", "pptx", "html")],
                value="pdf",
                inline=True,
                className="radio",
            ),
            html.Button(id=f"{prefix}-report"),
            dcc.Loading(dcc.Download(id=f"{prefix}-report-download"), type="dot"),
            html.Span(id=f"{prefix}-report-message", role="status", className="hint"),
        ],
        className="export-bar",
    )


def report_callback(prefix: str, *, municipality: State, round: State, compare_to: State | None = None) -> None:
    """Write the note :func:`report.build.make_note` builds for the page's municipality and
    ``round``, compared with ``compare_to`` (the rounds page's first round) or, without it,
    with the municipality's round before ``round`` if there is one; anonymised unless the
    dashboard shows names. The note is built in the page's language."""
    label_callback({f"{prefix}-report-label": "report", f"{prefix}-report": "report_button"})
    compared = {"compare_to": compare_to} if compare_to is not None else {}

    @page_callback(
        output={
            "file": Output(f"{prefix}-report-download", "data"),
            "message": Output(f"{prefix}-report-message", "children"),
        },
        inputs={
            "_clicks": Input(f"{prefix}-report", "n_clicks"),
            "kind": State(f"{prefix}-report-format", "value"),
            "key": municipality,
            "round_label": round,
            "lang": State("lang", "value"),
        }
        | compared,
        message="message",
        emptied=(),
        prevent_initial_call=True,
    )
    def _report(
        _clicks: int | None,
        kind: str,
        key: str | None,
        round_label: str | None,
        lang: str,
        compare_to: str | None = None,
    ) -> dict[str, Any]:
        import tempfile
        from pathlib import Path

        from report.build import make_note
        from report.render import render

        chosen = data.current().resolve(key, round_label, *([compare_to] if compare_to else []))
        earlier = [r for r in chosen.rounds if r < str(round_label)]
        before = compare_to or (earlier[-1] if earlier else None)
        document = make_note(chosen.name, str(round_label), before, lang, show_names=data.show_names())
        with tempfile.TemporaryDirectory(prefix="netkart-report-") as folder:
            (path,) = render(document, [kind], Path(folder))
            return {"file": dcc.send_bytes(path.read_bytes(), path.name), "message": ""}


def used_legend(
    lang: str,
    *,
    functions: Iterable[str],
    contact_types: Iterable[str] = (),
    nonrespondent: bool = False,
    multi_function: bool = False,
) -> list[html.Div]:
    """Legend entries for only what a graph draws: its functions (in ``functions``' order), a
    hollow node if it has a non-respondent, a pie if a person has several functions, and its
    kinds of political contact (Political page)."""
    items = [_swatch(FUNCTION_COLOURS.get(f, "#BBBBBB"), function_label(f, lang)) for f in functions]
    if nonrespondent:
        items.append(_swatch("#FFFFFF", text("nonrespondent", lang), shape="dot hollow"))
    if multi_function:
        items.append(_swatch("linear-gradient(90deg, #0072B2 50%, #E69F00 50%)", text("multi_function", lang)))
    used = set(contact_types)
    items += [_swatch(CONTACT_COLOURS[c], text(c, lang), shape="line w5") for c in CONTACT_TYPES if c in used]
    return items
