"""Rounds side by side (``/rounds``): one municipality in two rounds, at identical positions,
and the difference between them with the comparison's findings and metric changes."""

from __future__ import annotations

from typing import Any

import dash
import networkx as nx
import pandas as pd
from dash import Input, Output, State, dcc, html

from dashboard import components as ui
from dashboard import data
from dashboard.elements import difference_elements
from dashboard.exports import labelled_graph
from dashboard.i18n import text
from dashboard.skeleton import page_callback, resolve

dash.register_page(__name__, path="/rounds", name="Rounds", order=2)

_P = "rnd"


def layout(**_query: str) -> html.Div:
    return html.Div(
        [
            html.Div(
                [
                    ui.selector(f"{_P}-municipality-label", dcc.Dropdown(id=f"{_P}-municipality", clearable=False)),
                    ui.selector(f"{_P}-from-label", dcc.Dropdown(id=f"{_P}-from", clearable=False)),
                    ui.selector(f"{_P}-to-label", dcc.Dropdown(id=f"{_P}-to", clearable=False)),
                    ui.selector(
                        f"{_P}-threshold-label",
                        dcc.RadioItems(id=f"{_P}-threshold", value="weekly", inline=True, className="radio"),
                    ),
                ],
                className="selectors",
            ),
            html.Div(
                [
                    html.Div(
                        [html.H2(id=f"{_P}-before-title"), ui.graph(f"{_P}-before", "40vh", fit_on_change=False)],
                        className="cell",
                    ),
                    html.Div(
                        [html.H2(id=f"{_P}-after-title"), ui.graph(f"{_P}-after", "40vh", fit_on_change=False)],
                        className="cell",
                    ),
                ],
                className="pair",
            ),
            html.Div(
                [
                    html.Div(
                        [html.H2(id=f"{_P}-difference-title"), ui.graph(f"{_P}-difference", "60vh")],
                        className="graph-column",
                    ),
                    ui.side_panel(_P, "findings", "legend"),
                ],
                className="columns",
            ),
            ui.export_bar(_P, image=True, tables=True, graphs=True),
            ui.report_bar(_P),
            html.H2(id=f"{_P}-deltas-title"),
            ui.table(f"{_P}-table"),
        ]
    )


ui.selector_callbacks(_P, ("from", "to"))
ui.label_callback(
    {
        f"{_P}-municipality-label": "municipality",
        f"{_P}-from-label": "from_round",
        f"{_P}-to-label": "to_round",
        f"{_P}-threshold-label": "threshold",
        f"{_P}-difference-title": "difference",
        f"{_P}-findings-title": "findings",
        f"{_P}-legend-title": "legend",
        f"{_P}-deltas-title": "deltas",
        f"{_P}-export-label": "export",
    }
)

#: Turnover figures of :func:`analytics.compare.compare_views` shown above the metric deltas.
_TURNOVER = (
    "persons_joined",
    "persons_left",
    "ties_new",
    "ties_dropped",
    "ties_stable",
    "ties_jaccard",
    "qap_correlation",
    "qap_p_value",
)


def delta_table(key: str | None, before: str | None, after: str | None, threshold: str, lang: str) -> pd.DataFrame:
    """Turnover and headline measures of both rounds with their change."""
    chosen = resolve(key, before, after)
    result = chosen.snapshot.comparison(chosen.name, str(before), str(after), threshold)
    rows = [
        {
            text("measure", lang): text(name, lang),
            before: None,
            after: None,
            text("change", lang): len(value) if isinstance(value, list) else value,
        }
        for name in _TURNOVER
        for value in [result[name]]
    ]
    for name, delta in result["metrics"]["delta"].items():
        rows.append(
            {
                text("measure", lang): text(name, lang),
                before: result["metrics"]["from"][name],
                after: result["metrics"]["to"][name],
                text("change", lang): delta,
            }
        )
    return pd.DataFrame(rows)


def difference_graph(key: str | None, before: str | None, after: str | None, threshold: str, lang: str) -> nx.Graph:
    """Persons of both rounds with every tie marked ``new``, ``dropped`` or ``stable``."""
    chosen = resolve(key, before, after)
    snapshot, name = chosen.snapshot, chosen.name
    first, second = snapshot.view(name, str(before), threshold), snapshot.view(name, str(after), threshold)
    result = snapshot.comparison(name, str(before), str(after), threshold)
    union = nx.Graph()
    union.add_nodes_from(first.graph.nodes(data=True))
    union.add_nodes_from(second.graph.nodes(data=True))
    for change in ("stable", "dropped", "new"):
        union.add_edges_from(result[f"ties_{change}"], change=change)
    return labelled_graph(union, snapshot.labels(name, lang), snapshot.positions(name), show_ids=data.show_names())


@page_callback(
    output={
        "before": Output(f"{_P}-before", "elements"),
        "after": Output(f"{_P}-after", "elements"),
        "difference": Output(f"{_P}-difference", "elements"),
        "before_title": Output(f"{_P}-before-title", "children"),
        "after_title": Output(f"{_P}-after-title", "children"),
        "findings": Output(f"{_P}-findings", "children"),
    }
    | ui.table_outputs(_P),
    inputs={
        "key": Input(f"{_P}-municipality", "value"),
        "before": Input(f"{_P}-from", "value"),
        "after": Input(f"{_P}-to", "value"),
        "threshold": Input(f"{_P}-threshold", "value"),
    }
    | ui.REDRAW_INPUTS,
    message="before_title",
)
def _draw(key: str | None, before: str, after: str, threshold: str, lang: str, _epoch: object) -> dict[str, Any]:
    chosen = resolve(key, before, after)
    snapshot, name = chosen.snapshot, chosen.name
    shown, where = snapshot.labels(name, lang), snapshot.positions(name)
    views = [snapshot.view(name, r, threshold) for r in (before, after)]
    result = snapshot.comparison(name, before, after, threshold)
    rows, columns = ui.table_props(delta_table(key, before, after, threshold, lang), lang)
    titles = [
        f"{chosen.item.public_name} {v.round} · {text(threshold, lang)}: {v.graph.number_of_nodes()} "
        f"{text('persons', lang)}, {v.graph.number_of_edges()} {text('ties', lang)}"
        for v in views
    ]
    legend = ui.change_legend(lang) + ui.function_legend(
        sorted({p.primary_function for v in views for p in v.persons}), lang
    )
    return {
        # gather=False: the pair must show every person at the same place in both rounds.
        "before": snapshot.network(name, before, threshold, lang, gather=False),
        "after": snapshot.network(name, after, threshold, lang, gather=False),
        "difference": difference_elements(views[0], views[1], result, shown, where),
        "before_title": titles[0],
        "after_title": titles[1],
        "findings": ui.findings_list(snapshot.change_findings(name, before, after, threshold, lang)),
        "legend": legend,
        "rows": rows,
        "columns": columns,
    }


dash.clientside_callback(
    dash.ClientsideFunction(namespace="netkart", function_name="sharedViewport"),
    Output(f"{_P}-before", "zoom"),
    Output(f"{_P}-before", "pan"),
    Output(f"{_P}-after", "zoom"),
    Output(f"{_P}-after", "pan"),
    Input(f"{_P}-before", "elements"),
    Input(f"{_P}-after", "elements"),
    State(f"{_P}-before", "id"),
    State(f"{_P}-after", "id"),
)


ui.export_callbacks(
    _P,
    picture=ui.rounds_picture(f"{_P}-before", f"{_P}-after", f"{_P}-difference"),
    states=[
        State(f"{_P}-municipality", "value"),
        State(f"{_P}-from", "value"),
        State(f"{_P}-to", "value"),
        State(f"{_P}-threshold", "value"),
        State("lang", "value"),
    ],
    make_table=delta_table,
    make_graph=difference_graph,
)


ui.report_callback(
    _P,
    municipality=State(f"{_P}-municipality", "value"),
    round=State(f"{_P}-to", "value"),
    compare_to=State(f"{_P}-from", "value"),
)
