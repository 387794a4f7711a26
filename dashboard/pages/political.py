"""Political contacts (``/political``): persons and political bodies, ties coloured by contact
type (information, professional, political), with the per-body counts."""

from __future__ import annotations

from typing import Any

import dash
import pandas as pd
from dash import Input, Output, State, html

from analytics.political import political_summary
from analytics.text import in_words
from cypher.model import CONTACT_TYPES, FUNCTIONS
from dashboard import address, data
from dashboard import components as ui
from dashboard.elements import political_elements
from dashboard.i18n import text
from dashboard.skeleton import Selection, page_callback, resolve

dash.register_page(__name__, path="/political", name="Political", order=3)

_P = "pol"


def _counts_table() -> Any:
    """The per-body table, fitted to the width under the graph even at 1280×720: the columns
    share the width, and cells and headers wrap, a single long word
    ("informasjonsutveksling") too."""
    counts = ui.table(f"{_P}-table")
    counts.css = [
        {"selector": "table", "rule": "table-layout: fixed; width: 100% !important;"},
        {"selector": "th, td, .column-header-name", "rule": "white-space: normal; overflow-wrap: anywhere;"},
    ]
    counts.style_cell = {**counts.style_cell, "whiteSpace": "normal", "height": "auto", "fontSize": "16px"}
    counts.style_header = {**counts.style_header, "whiteSpace": "normal", "height": "auto"}
    return counts


#: Address parameter → the selector it is read from and written to (dashboard/address.py).
_ADDRESS = {"municipality": (f"{_P}-municipality", "value"), "round": (f"{_P}-round", "value")}


def layout(**query: str) -> html.Div:
    """The page; ``?municipality=D&round=2013`` opens that view."""
    opened = address.selection(query, threshold=False)
    return html.Div(
        [
            address.address_store(_P, _ADDRESS, opened.problems),
            html.Div(
                [
                    ui.selector(
                        f"{_P}-municipality-label", address.dropdown(f"{_P}-municipality", opened, "municipality")
                    ),
                    ui.selector(f"{_P}-round-label", address.dropdown(f"{_P}-round", opened, "round")),
                ],
                className="selectors",
            ),
            html.Div(
                [
                    html.Div(
                        [
                            html.Div(id=f"{_P}-summary", className="summary"),
                            ui.graph(f"{_P}-graph", "62vh"),
                            # Under the graph, at its width: seven columns do not fit the side panel.
                            html.H2(id=f"{_P}-counts-title"),
                            _counts_table(),
                        ],
                        className="graph-column",
                    ),
                    ui.side_panel(_P, "legend"),
                ],
                className="columns",
            ),
            ui.export_bar(_P, image=True, tables=True, graphs=False),
        ]
    )


ui.selector_callbacks(_P, threshold=False)
address.error_callback(_P)
ui.label_callback(
    {
        f"{_P}-municipality-label": "municipality",
        f"{_P}-round-label": "round",
        f"{_P}-counts-title": "per_body",
        f"{_P}-legend-title": "legend",
        f"{_P}-export-label": "export",
    }
)


def _summary(key: str | None, round_label: str | None, lang: str) -> tuple[Selection, dict[str, Any], dict[str, str]]:
    """The round's political summary and the name shown for each body."""
    chosen = resolve(key, round_label)
    snapshot, name = chosen.snapshot, chosen.name
    summary = political_summary(
        snapshot.political(name, str(round_label)), snapshot.view(name, str(round_label), "monthly")
    )
    if data.show_names():
        shown = {body["key"]: body["name"] for body in summary["bodies"]}
    else:
        shown = data.body_labels(summary["bodies"], lang)
    return chosen, summary, shown


def body_table(key: str | None, round_label: str | None, lang: str) -> pd.DataFrame:
    """Per political body: persons in contact, their share of the roster, and by contact type."""
    _, summary, shown = _summary(key, round_label, lang)
    rows = [
        {
            text("body", lang): shown[body["key"]],
            text("persons", lang): body["persons"],
            text("share", lang): None if body["share"] is None else round(100 * body["share"]),
            **{text(c, lang): body["by_type"][c] for c in CONTACT_TYPES},
        }
        for body in summary["bodies"]
    ]
    return pd.DataFrame(rows)


def heading(key: str | None, round_label: str | None, lang: str) -> str:
    """ "A · 2013: Nitten av trettien personer har kontakt med politikere": the counts of
    :func:`analytics.political.political_summary`, in words as the findings write counts of
    persons (:func:`analytics.text.in_words`)."""
    chosen, summary, _ = _summary(key, round_label, lang)
    sentence = text("political_title", lang).format(
        in_contact=in_words(summary["persons_in_contact"], lang), persons=in_words(summary["persons"], lang)
    )
    return f"{chosen.item.public_name} · {round_label}: {sentence[:1].upper()}{sentence[1:]}"


@page_callback(
    output={
        "elements": Output(f"{_P}-graph", "elements"),
        "summary": Output(f"{_P}-summary", "children"),
    }
    | ui.table_outputs(_P),
    inputs={
        "key": Input(f"{_P}-municipality", "value"),
        "round_label": Input(f"{_P}-round", "value"),
    }
    | ui.REDRAW_INPUTS,
    message="summary",
)
def _draw(key: str | None, round_label: str, lang: str, _epoch: object) -> dict[str, Any]:
    chosen, _, shown = _summary(key, round_label, lang)
    snapshot, name = chosen.snapshot, chosen.name
    view = snapshot.view(name, round_label, "monthly")
    contacts = tuple(c for c in snapshot.political(name, round_label) if c.person_id in view.person_by_id)
    elements = political_elements(view, contacts, snapshot.labels(name, lang), shown)
    rows, columns = ui.table_props(body_table(key, round_label, lang), lang)
    order = {f.key: i for i, f in enumerate(FUNCTIONS)}
    legend = ui.used_legend(
        lang,
        functions=sorted({p.primary_function for p in view.persons}, key=lambda f: (order.get(f, len(order)), f)),
        contact_types={c.contact_type for c in contacts},
        nonrespondent=any(not p.responded for p in view.persons),
        multi_function=any(len(p.functions) > 1 for p in view.persons),
    )
    return {
        "elements": elements,
        "summary": heading(key, round_label, lang),
        "legend": legend,
        "rows": rows,
        "columns": columns,
    }


ui.export_callbacks(
    _P,
    picture=ui.political_picture(f"{_P}-graph"),
    states=[State(f"{_P}-municipality", "value"), State(f"{_P}-round", "value"), State("lang", "value")],
    make_table=body_table,
)
