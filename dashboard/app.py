"""The Dash application: page registry, header, language switch and the database banner.

Pages live in :mod:`dashboard.pages`, one module per view with its callbacks next to its
layout. The header holds what every page shares: navigation, the language switch
(``lang``) and a banner fed by a health check every few seconds. When Neo4j stops
answering the banner says so; when it answers again the ``db-epoch`` store is bumped, which
every page's drawing callback listens to, so the page recovers without a reload.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import dash
import dash_cytoscape as cyto
from dash import Dash, Input, Output, State, callback, dcc, html, no_update

from dashboard import data
from dashboard.i18n import LANGUAGES, text

__all__ = ["HEALTH_INTERVAL_MS", "create_app"]

#: How often the browser asks whether the database answers (milliseconds).
HEALTH_INTERVAL_MS = 2000

_HIDDEN = {"display": "none"}

_NAV = (
    ("/", "nav_network"),
    ("/municipalities", "nav_municipalities"),
    ("/rounds", "nav_rounds"),
    ("/political", "nav_political"),
    ("/queries", "nav_queries"),
)


def _header() -> html.Header:
    return html.Header(
        [
            html.H1(id="app-title"),
            html.Nav([dcc.Link(id=f"nav-{key}", href=path) for path, key in _NAV], className="nav"),
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


def _layout() -> html.Div:
    return html.Div(
        [
            _header(),
            html.Div(id="db-banner", role="alert", className="banner", style=_HIDDEN),
            dcc.Interval(id="db-health", interval=HEALTH_INTERVAL_MS),
            dcc.Store(id="db-epoch", data={"ok": True, "epoch": 0}),
            html.Main(dash.page_container, className="main"),
        ]
    )


@callback(
    Output("app-title", "children"),
    *[Output(f"nav-{key}", "children") for _, key in _NAV],
    Input("lang", "value"),
)
def _translate_header(lang: str) -> tuple[str, ...]:
    return (text("title", lang), *(text(key, lang) for _, key in _NAV))


@callback(
    Output("db-banner", "style"),
    Output("db-banner", "children"),
    Output("db-epoch", "data"),
    Input("db-health", "n_intervals"),
    Input("lang", "value"),
    State("db-epoch", "data"),
)
def _health(_: int | None, lang: str, state: dict[str, object]) -> tuple[object, object, object]:
    ok = data.database_answers()
    style = _HIDDEN if ok else {}
    message = text("db_down", lang)
    if ok == state["ok"]:
        return (style, message, no_update)
    epoch = int(str(state["epoch"])) + (1 if ok else 0)
    return (style, message, {"ok": ok, "epoch": epoch})


def _basic_auth(app: Dash) -> None:
    """HTTP basic auth when ``NETKART_DASH_USER`` and ``NETKART_DASH_PASSWORD`` are both set."""
    user = os.environ.get("NETKART_DASH_USER")
    password = os.environ.get("NETKART_DASH_PASSWORD")
    if user and password:
        import dash_auth

        dash_auth.BasicAuth(app, {user: password})


def create_app(*, show_names: bool = False) -> Dash:
    """Build the dashboard. Call once per process (Dash's page registry is global)."""
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
    app.layout = _layout
    _basic_auth(app)
    threading.Thread(target=data.warm, name="netkart-warm", daemon=True).start()
    return app
