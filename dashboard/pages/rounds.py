"""Rounds side by side (``/rounds``): one municipality in two rounds, at identical positions,
and the difference between them with the comparison's findings and metric changes."""

from __future__ import annotations

from typing import Any

import dash
import networkx as nx
import pandas as pd
from dash import ALL, Input, Output, State, ctx, dcc, html

from analytics.compare import PERSON_CHANGES, person_changes
from dashboard import address, data
from dashboard import components as ui
from dashboard.elements import difference_elements, highlight_rule, stylesheet
from dashboard.exports import labelled_graph
from dashboard.i18n import LANGUAGES, text
from dashboard.skeleton import page_callback, resolve

dash.register_page(__name__, path="/rounds", name="Rounds", order=2)

_P = "rnd"


#: Address parameter → the selector it is read from and written to (dashboard/address.py).
_ADDRESS = {
    "municipality": (f"{_P}-municipality", "value"),
    "from": (f"{_P}-from", "value"),
    "to": (f"{_P}-to", "value"),
    "threshold": (f"{_P}-threshold", "value"),
    "person": (f"{_P}-person", "data"),
}


def layout(**query: str) -> html.Div:
    """The page; ``?municipality=D&from=2011&to=2013&threshold=daily&person=Drift%202`` opens
    that view with the person (by the label the page shows) highlighted."""
    opened = address.selection(query, ("from", "to"))
    return html.Div(
        [
            address.address_store(_P, _ADDRESS, opened.problems),
            dcc.Store(id=f"{_P}-person", data=query.get("person") or None),
            html.Div(
                [
                    ui.selector(
                        f"{_P}-municipality-label", address.dropdown(f"{_P}-municipality", opened, "municipality")
                    ),
                    ui.selector(f"{_P}-from-label", address.dropdown(f"{_P}-from", opened, "from")),
                    ui.selector(f"{_P}-to-label", address.dropdown(f"{_P}-to", opened, "to")),
                    ui.selector(
                        f"{_P}-threshold-label",
                        ui.threshold_radio(f"{_P}-threshold", opened.values["threshold"], address.language(query)),
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
                    ui.side_panel(_P, "changes", "findings", "legend"),
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
address.error_callback(_P)
ui.label_callback(
    {
        f"{_P}-municipality-label": "municipality",
        f"{_P}-from-label": "from_round",
        f"{_P}-to-label": "to_round",
        f"{_P}-threshold-label": "threshold",
        f"{_P}-difference-title": "difference",
        f"{_P}-changes-title": "person_changes",
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
        "difference": difference_elements(
            views[0],
            views[1],
            result,
            shown,
            where,
            (snapshot.persons_metrics(name, before, threshold), snapshot.persons_metrics(name, after, threshold)),
        ),
        "before_title": titles[0],
        "after_title": titles[1],
        "findings": ui.findings_list(snapshot.change_findings(name, before, after, threshold, lang)),
        "legend": legend,
        "rows": rows,
        "columns": columns,
    }


_PICK = f"{_P}-pick"  # a person in the list of who changed


def changed_persons(
    key: str | None, before: str | None, after: str | None, threshold: str, lang: str
) -> dict[str, list[str]]:
    """Kind of change (:data:`analytics.compare.PERSON_CHANGES`) → the labels of the persons
    who changed so between the rounds (:func:`analytics.compare.person_changes`), sorted."""
    chosen = resolve(key, before, after)
    shown = chosen.snapshot.labels(chosen.name, lang)
    changes = person_changes(chosen.snapshot.comparison(chosen.name, str(before), str(after), threshold))
    return {kind: sorted(shown.get(pid, "?") for pid in changes[kind]) for kind in PERSON_CHANGES}


@page_callback(
    output={"changes": Output(f"{_P}-changes", "children")},
    inputs={
        "key": Input(f"{_P}-municipality", "value"),
        "before": Input(f"{_P}-from", "value"),
        "after": Input(f"{_P}-to", "value"),
        "threshold": Input(f"{_P}-threshold", "value"),
        "person": Input(f"{_P}-person", "data"),
    }
    | ui.REDRAW_INPUTS,
)
def _changes(
    key: str | None, before: str, after: str, threshold: str, person: str | None, lang: str, _epoch: object
) -> dict[str, Any]:
    groups = []
    for kind, labels in changed_persons(key, before, after, threshold, lang).items():
        if not labels:
            continue
        buttons = [
            html.Button(
                label,
                id={"type": _PICK, "person": label},
                className="person-pick picked" if label == person else "person-pick",
            )
            for label in labels
        ]
        groups.append(html.Div([html.H3(text(f"change_{kind}", lang)), html.Div(buttons, className="picks")]))
    chosen = resolve(key)
    everyone = sorted(chosen.snapshot.labels(chosen.name, lang).values(), key=lambda label: (len(label), label))
    # A person in the address nobody is called (in the page's language: see _pick).
    problem = address.unknown("person", [person], everyone, lang) if person and person not in everyone else None
    warning = [html.Div(html.P(problem), className="address-error")] if problem else []
    if not groups:
        return {"changes": [*warning, html.P(text("nobody_changed", lang), className="hint")]}
    return {"changes": [*warning, html.P(text("click_to_highlight", lang), className="hint"), *groups]}


@page_callback(
    output={"person": Output(f"{_P}-person", "data")},
    inputs={
        "_clicks": Input({"type": _PICK, "person": ALL}, "n_clicks"),
        "lang": Input("lang", "value"),
        "key": State(f"{_P}-municipality", "value"),
        "person": State(f"{_P}-person", "data"),
    },
)
def _pick(_clicks: list[int | None], lang: str, key: str | None, person: str | None) -> dict[str, Any]:
    # Opened (no trigger) or the language changed: the person's label in the page's language.
    # Set even when unchanged: the highlight waits for this callback on opening, and Dash
    # would not run it at all after an answer without the person.
    if ctx.triggered_id in (None, "lang"):
        return {"person": _translated(key, person, lang)} if person else {}
    # The list is redrawn with every selection: only a real click (n_clicks set) picks.
    if not isinstance(ctx.triggered_id, dict) or not any(t["value"] for t in ctx.triggered):
        return {}
    picked = ctx.triggered_id["person"]
    # A second click on the highlighted person clears the highlight.
    return {"person": None if picked == person else picked}


def _translated(key: str | None, person: str, lang: str) -> str:
    """``person``'s label in ``lang``: a pseudonym names the person's function in the page's
    language ("Drift 2", "Operation 2")."""
    chosen = resolve(key)
    for other in LANGUAGES:
        found = [pid for pid, label in chosen.snapshot.labels(chosen.name, other).items() if label == person]
        if found:
            return chosen.snapshot.labels(chosen.name, lang)[found[0]]
    return person


@page_callback(
    output={graph: Output(f"{_P}-{graph}", "stylesheet") for graph in ("before", "after", "difference")},
    inputs={"person": Input(f"{_P}-person", "data")},
)
def _highlight(person: str | None) -> dict[str, Any]:
    rules = stylesheet() + ([highlight_rule(person)] if person else [])
    return {graph: rules for graph in ("before", "after", "difference")}


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
