"""The Dash application: page registry, header, language switch and the database banner.

Pages live in :mod:`dashboard.pages`, one module per view with its callbacks next to its
layout. The header holds what every page shares: navigation, the language switch
(``lang``) and a banner fed by a health check every few seconds. When Neo4j stops
answering the banner says so; when it answers again, or when the catalogue generation changed
(a round was loaded, replaced or deleted, :mod:`dashboard.data`), the ``db-epoch`` store is
bumped, which every page's drawing callback listens to, so the page shows the database as it
is now without a reload.

The document follows the language switch: ``<html lang>`` and the tab title (the page's name
and "netkart") are set in the browser (``pageTitle`` in ``assets/graphs.js``).

The header's label control (off, S, M, L; kept across visits) sets the size of the labels of
every graph on every page, in the browser (``assets/labels.js``), and is kept in the
``label-settings`` store; at S only bridge-builders, isolates and political bodies are
labelled.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import dash
import dash_cytoscape as cyto
from dash import Dash, Input, Output, State, dcc, html

from dashboard import data
from dashboard.i18n import LANGUAGES, text
from dashboard.skeleton import Failure, attempt, page_callback

__all__ = ["HEALTH_INTERVAL_MS", "LABEL_SIZES", "AuthSettingsError", "create_app"]

#: How often the browser asks whether the database answers (milliseconds).
HEALTH_INTERVAL_MS = 2000

_HIDDEN = {"display": "none"}

#: Choices of the header's label control, as ``assets/labels.js`` knows them; M by default.
LABEL_SIZES = ("off", "s", "m", "l")

_NAV = (
    ("/", "nav_network"),
    ("/municipalities", "nav_municipalities"),
    ("/rounds", "nav_rounds"),
    ("/political", "nav_political"),
    ("/queries", "nav_queries"),
    ("/import", "nav_import"),
)


class AuthSettingsError(ValueError):
    """Basic auth is half configured: a user without a password."""


def _page_titles() -> dict[str, dict[str, str]]:
    return {path: {lang: f"{text(key, lang)} · netkart" for lang in LANGUAGES} for path, key in _NAV}


def _label_options(lang: str) -> list[dict[str, str]]:
    return [{"label": text("label_size_off", lang) if s == "off" else s.upper(), "value": s} for s in LABEL_SIZES]


def _header() -> html.Header:
    # The default language's texts from the start (the language callback translates them):
    # texts that arrived only then would rewrap the header on a narrow screen after the page
    # is drawn, and shrink the Network page's graph below it.
    texts = _translate_header(LANGUAGES[0])
    return html.Header(
        [
            html.H1(texts["title"], id="app-title"),
            html.Nav([dcc.Link(texts[key], id=f"nav-{key}", href=path) for path, key in _NAV], className="nav"),
            html.Div(
                [
                    html.Span(texts["label_size"], id="label-size-title", className="label-size-title"),
                    dcc.RadioItems(
                        id="label-size",
                        options=texts["label_options"],
                        value="m",
                        inline=True,
                        persistence=True,
                        className="label-size",
                    ),
                ],
                className="label-control",
            ),
            dcc.RadioItems(
                id="lang",
                options=[{"label": lang.upper(), "value": lang} for lang in LANGUAGES],
                value=LANGUAGES[0],
                inline=True,
                persistence=True,
                className="lang",
            ),
        ],
        className="header",
    )


def _generation() -> str | None:
    found = attempt(lambda: data.current().generation)
    return None if isinstance(found, Failure) else found


def _layout() -> html.Div:
    return html.Div(
        [
            _header(),
            html.Div(id="db-banner", role="alert", className="banner", style=_HIDDEN),
            dcc.Interval(id="db-health", interval=HEALTH_INTERVAL_MS),
            dcc.Store(id="db-epoch", data={"ok": True, "epoch": 0, "generation": _generation()}),
            dcc.Store(id="page-titles", data=_page_titles()),
            dcc.Store(id="languages", data=list(LANGUAGES)),
            dcc.Store(id="label-settings", data="m"),
            html.Div(id="page-meta", hidden=True),
            html.Main(dash.page_container, className="main"),
        ]
    )


@page_callback(
    output={
        "title": Output("app-title", "children"),
        "label_size": Output("label-size-title", "children"),
        "label_options": Output("label-size", "options"),
    }
    | {key: Output(f"nav-{key}", "children") for _, key in _NAV},
    inputs={"lang": Input("lang", "value")},
)
def _translate_header(lang: str) -> dict[str, object]:
    return {
        "title": text("title", lang),
        "label_size": text("label_size", lang),
        "label_options": _label_options(lang),
    } | {key: text(key, lang) for _, key in _NAV}


# The label size applies to every graph in the browser (assets/labels.js); the store holds it
# for whatever else wants to know it.
dash.clientside_callback(
    dash.ClientsideFunction(namespace="netkart", function_name="labelSize"),
    Output("label-settings", "data"),
    Input("label-size", "value"),
)


dash.clientside_callback(
    dash.ClientsideFunction(namespace="netkart", function_name="pageTitle"),
    Output("page-meta", "children"),
    # The router's answer (it sets document.title itself), so the title is set after it.
    Input("_pages_store", "data"),
    Input("lang", "value"),
    State("page-titles", "data"),
)


dash.clientside_callback(
    dash.ClientsideFunction(namespace="netkart", function_name="languageFromAddress"),
    Output("lang", "value"),
    Input("_pages_location", "search"),
    State("lang", "value"),
    State("languages", "data"),
)


@page_callback(
    output={
        "style": Output("db-banner", "style"),
        "message": Output("db-banner", "children"),
        "epoch": Output("db-epoch", "data"),
    },
    inputs={
        "_tick": Input("db-health", "n_intervals"),
        "lang": Input("lang", "value"),
        "state": State("db-epoch", "data"),
    },
    # The layout holds the answer of a first call (the banner hidden, the generation read), so
    # the first page's callbacks need not wait for it.
    prevent_initial_call=True,
)
def _health(_tick: int | None, lang: str, state: dict[str, object]) -> dict[str, object]:
    ok = data.database_answers()
    generation = data.current().generation if ok else state["generation"]
    shown: dict[str, object] = {"style": _HIDDEN if ok else {}, "message": text("db_down", lang)}
    if (ok, generation) == (state["ok"], state["generation"]):
        return shown
    # Back up, or a round was loaded, replaced or deleted: every page redraws.
    epoch = int(str(state["epoch"])) + (1 if ok else 0)
    return shown | {"epoch": {"ok": ok, "epoch": epoch, "generation": generation}}


def _auth_settings() -> tuple[str, str] | None:
    """User and password of HTTP basic auth, ``None`` when neither is set.

    Raises
    ------
    AuthSettingsError
        When only one of the two is set: a user without a password must not silently leave
        the dashboard open.
    """
    user = os.environ.get("NETKART_DASH_USER", "")
    password = os.environ.get("NETKART_DASH_PASSWORD", "")
    if bool(user) != bool(password):
        given, missing = (
            ("NETKART_DASH_USER", "NETKART_DASH_PASSWORD") if user else ("NETKART_DASH_PASSWORD", "NETKART_DASH_USER")
        )
        raise AuthSettingsError(f"{given} is set but {missing} is not: set both to require a login, or neither")
    return (user, password) if user else None


def create_app(*, show_names: bool = False) -> Dash:
    """Build the dashboard. Call once per process (Dash's page registry is global).

    Raises :class:`AuthSettingsError` before anything is built when basic auth is half set.
    """
    login = _auth_settings()
    data.configure(show_names=show_names)
    # The extra bundle carries the SVG exporter that ``generateImage`` needs for SVG.
    cyto.load_extra_layouts()
    here = Path(__file__).parent
    app = Dash(
        __name__,
        use_pages=True,
        pages_folder=str(here / "pages"),
        assets_folder=str(here / "assets"),
        title="netkart",
        update_title=None,
        suppress_callback_exceptions=True,
    )
    app.index_string = app.index_string.replace("<html>", f'<html lang="{LANGUAGES[0]}">')
    app.layout = _layout
    if login:
        import dash_auth

        dash_auth.BasicAuth(app, dict([login]))
    threading.Thread(target=data.warm, name="netkart-warm", daemon=True).start()
    return app
