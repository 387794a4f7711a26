"""Import (``/import``): load a survey round from the browser, for staff who do not use a terminal.

Upload the roster, the responses (or long contacts) and, optionally, the political contacts as
exported (XLSX or CSV), choose the municipality (a loaded one, or a new name), the round and
the survey tool's profile. **Check** validates and shows the summary (how each file was read,
counts) or every problem in a table (file, row, column, what was expected); **Load** validates
again and writes the round in one transaction, all or nothing. Replacing a loaded round with
different data needs the replace box ticked. The page calls what ``netkart ingest`` calls
(:func:`ingest.read_round`, :func:`ingest.load_round`, :func:`ingest.profiles.load_profile`),
so its messages are the command's; the other pages see a loaded round through the catalogue
generation (:mod:`dashboard.data`), as they see a load from the command line.

Safety (issue 12 item 9): the page writes to the database, so it is open only when the server
listens on this machine alone or asks for a login (:func:`dashboard.serving.write_refusal`);
otherwise it says why it is closed, and its callback refuses too, whatever a client sends.
Uploads are limited to the ingest size limit, written to a temporary folder under
``NETKART_HOME`` only for the time of the read, and deleted after it. The summary gives counts
and how files were read, never the roster's names; problems quote the uploader's own cells.
"""

from __future__ import annotations

import base64
import binascii
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any

import dash
from dash import Input, Output, State, ctx, dash_table, dcc, html
from neo4j.exceptions import IncompleteCommit, ServiceUnavailable, SessionExpired

from cypher.model import FREQUENCIES
from dashboard import components as ui
from dashboard import data
from dashboard.i18n import number, text
from dashboard.serving import write_refusal
from dashboard.skeleton import page_callback
from ingest import ParsedRound, RoundExistsError, SurveyFiles, ValidationError, load_round, read_round
from ingest.profiles import BUILT_IN, load_profile
from ingest.readers import DEFAULT_MAX_BYTES
from netkart.connection import get_driver
from netkart.settings import load_settings, project_home

dash.register_page(__name__, path="/import", name="Import", order=5)

_P = "imp"

#: The upload fields: (name, required). ``responses`` holds the wide responses or the long contacts.
_FILES = (("roster", True), ("responses", True), ("political", False))

#: Largest file accepted: the default limit of ``netkart ingest --max-size``.
MAX_BYTES = DEFAULT_MAX_BYTES

_NO_PROFILE = "none"


def _upload(name: str) -> html.Div:
    return html.Div(
        [
            html.Label(id=f"{_P}-{name}-label", className="selector-label"),
            dcc.Upload(
                id=f"{_P}-{name}",
                children=html.Div(id=f"{_P}-{name}-chosen"),
                accept=".xlsx,.xlsm,.csv,.txt,.tsv",
                max_size=MAX_BYTES,
                className="upload",
                style={"border": "1px dashed #888", "padding": "10px", "cursor": "pointer", "minWidth": "260px"},
            ),
        ],
        className="selector",
    )


def layout(**_query: str) -> html.Div:
    refused = write_refusal()
    if refused is not None:
        return html.Div(
            [
                dcc.Store(id=f"{_P}-refused", data=refused),
                html.Div(id=f"{_P}-disabled", role="alert", className="banner"),
            ]
        )
    problems = dash_table.DataTable(
        id=f"{_P}-problems",
        data=[],
        columns=[],
        page_size=50,
        style_table={"overflowX": "auto"},
        style_cell={"fontSize": "16px", "padding": "6px 10px", "textAlign": "left", "fontFamily": "inherit"},
        style_data={"whiteSpace": "normal", "height": "auto"},
        style_header={"fontWeight": "bold", "backgroundColor": "#E8E8E8"},
    )
    return html.Div(
        [
            html.P(id=f"{_P}-intro"),
            html.Div([_upload(name) for name, _ in _FILES], className="selectors"),
            html.Div(
                [
                    ui.selector(f"{_P}-municipality-label", dcc.Dropdown(id=f"{_P}-municipality")),
                    ui.selector(f"{_P}-new-label", dcc.Input(id=f"{_P}-new-municipality", type="text")),
                    ui.selector(f"{_P}-round-label", dcc.Input(id=f"{_P}-round", type="text")),
                ],
                className="selectors",
            ),
            html.Div(
                [
                    ui.selector(
                        f"{_P}-layout-label",
                        dcc.RadioItems(id=f"{_P}-layout", value="responses", inline=True, className="radio"),
                    ),
                    ui.selector(
                        f"{_P}-profile-label",
                        dcc.RadioItems(id=f"{_P}-profile", value=_NO_PROFILE, inline=True, className="radio"),
                    ),
                    dcc.Checklist(id=f"{_P}-replace", value=[], className="check"),
                ],
                className="selectors",
            ),
            html.Div(
                [html.Button(id=f"{_P}-check"), html.Button(id=f"{_P}-load")],
                className="export-bar",
            ),
            dcc.Loading(
                [
                    html.Div(id=f"{_P}-status", role="status", className="summary"),
                    html.Table(id=f"{_P}-summary", className="import-summary"),
                    problems,
                ]
            ),
        ]
    )


ui.label_callback(
    {
        f"{_P}-intro": "import_intro",
        f"{_P}-roster-label": "import_roster",
        f"{_P}-responses-label": "import_responses",
        f"{_P}-political-label": "import_political",
        f"{_P}-municipality-label": "import_existing",
        f"{_P}-new-label": "import_new_municipality",
        f"{_P}-round-label": "round",
        f"{_P}-layout-label": "import_layout",
        f"{_P}-profile-label": "import_profile",
        f"{_P}-check": "import_check",
        f"{_P}-load": "import_load",
    }
)


def refusal_message(host: str, lang: str) -> str:
    """Why the page is closed on a server listening on ``host`` without a login."""
    return text("import_disabled", lang).format(host=host)


@page_callback(
    output={"message": Output(f"{_P}-disabled", "children")},
    inputs={"lang": Input("lang", "value"), "host": State(f"{_P}-refused", "data")},
)
def _disabled(lang: str, host: str) -> dict[str, Any]:
    return {"message": refusal_message(host, lang)}


@page_callback(
    output={
        "municipalities": Output(f"{_P}-municipality", "options"),
        "layouts": Output(f"{_P}-layout", "options"),
        "profiles": Output(f"{_P}-profile", "options"),
        "replace": Output(f"{_P}-replace", "options"),
    },
    inputs={"lang": Input("lang", "value"), "_epoch": Input("db-epoch", "data")},
)
def _options(lang: str, _epoch: object) -> dict[str, Any]:
    profiles = [{"label": text("import_no_profile", lang), "value": _NO_PROFILE}]
    return {
        "municipalities": ui.municipality_options(),
        "layouts": [
            {"label": text("import_layout_wide", lang), "value": "responses"},
            {"label": text("import_layout_long", lang), "value": "contacts"},
        ],
        "profiles": profiles + [{"label": name.capitalize(), "value": name} for name in BUILT_IN],
        "replace": [{"label": text("import_replace", lang), "value": "replace"}],
    }


@page_callback(
    output={name: Output(f"{_P}-{name}-chosen", "children") for name, _ in _FILES},
    inputs={"lang": Input("lang", "value")} | {name: Input(f"{_P}-{name}", "filename") for name, _ in _FILES},
)
def _chosen(lang: str, **filenames: str | None) -> dict[str, Any]:
    limit = number(MAX_BYTES // (1024 * 1024), lang)
    return {name: filenames[name] or text("import_choose_file", lang).format(limit=limit) for name, _ in _FILES}


@contextmanager
def _saved(uploads: Mapping[str, tuple[str, str]]) -> Iterator[dict[str, Path]]:
    """The uploads ``name → (filename, data URL)`` written to files under ``NETKART_HOME``,
    deleted again when the block ends; each in a folder of its own, under its own file name,
    so that messages name the file the user chose.

    Raises :class:`ValueError` for content that is not a base64 data URL.
    """
    root = project_home() / ".netkart" / "uploads"
    root.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=root) as folder:
        paths = {}
        for name, (filename, content) in uploads.items():
            _, _, encoded = content.partition(",")
            try:
                raw = base64.b64decode(encoded, validate=True)
            except binascii.Error:
                raise ValueError(f"{filename}: the upload is damaged; choose the file again") from None
            # Only the last part of the name: a browser's file name is not a path to follow.
            path = Path(folder) / name / (Path(filename.replace("\\", "/")).name or name)
            path.parent.mkdir()
            path.write_bytes(raw)
            paths[name] = path
        yield paths


def _reading_options(profile: str | None) -> dict[str, Any]:
    """The export-reading options of a built-in profile (none: every option detected)."""
    if not profile or profile == _NO_PROFILE:
        return {}
    options = asdict(load_profile(profile))
    del options["tool"]
    options["ignore_columns"] = tuple(options["ignore_columns"])
    return options


def _summary_rows(parsed: ParsedRound, shown: str, lang: str) -> list[html.Tr]:
    """The validation summary as table rows: counts and how each file was read, no names."""
    per_frequency = parsed.contacts_per_frequency
    frequencies = ", ".join(f"{text(f, lang)} {number(per_frequency[f], lang)}" for f in FREQUENCIES)
    bodies = len({a.body_key for a in parsed.political})
    rows = [
        ("municipality", shown),
        ("round", parsed.round_label),
        ("import_persons", number(len(parsed.persons), lang)),
        (
            "import_respondents",
            f"{number(parsed.respondents, lang)} ({number(round(100 * parsed.response_rate), lang)} %)",
        ),
        ("import_contacts", f"{number(len(parsed.contacts), lang)} ({frequencies})"),
        (
            "import_political_contacts",
            text("import_political_count", lang).format(
                contacts=number(len(parsed.political), lang), bodies=number(bodies, lang)
            ),
        ),
        ("import_names", text("import_names_stored" if parsed.names_stored else "import_names_not_stored", lang)),
    ]
    rows += [("import_read", note) for note in parsed.notes]
    heading = {"textAlign": "left", "verticalAlign": "top", "paddingRight": "16px"}
    return [html.Tr([html.Th(text(key, lang), style=heading), html.Td(value)]) for key, value in rows]


def _problem_table(error: ValidationError, lang: str) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Rows and columns of the problems table: file, row, column, message, what was expected."""
    columns = [("file", "import_file"), ("row", "import_row"), ("column", "import_column")]
    columns += [("message", "import_message"), ("expected", "import_expected")]
    rows = []
    for problem in error.problems:
        column = problem.column or ""
        if problem.letter:
            column = f"{column} ({problem.letter})" if column else problem.letter
        rows.append(
            {
                "file": problem.file,
                "row": "" if problem.line is None else str(problem.line),
                "column": column,
                "message": problem.message,
                "expected": problem.expected or "",
            }
        )
    return rows, [{"name": text(key, lang), "id": name} for name, key in columns]


def _municipality(key: str | None, new_name: str | None) -> tuple[str, str]:
    """The municipality to load into and how the page names it: a typed new name as typed,
    a chosen loaded one by its public name (its letter when names are not shown)."""
    if new_name and new_name.strip():
        return new_name.strip(), new_name.strip()
    chosen = data.current().municipality(key)
    return chosen.name, chosen.public_name


_UPLOADS = {name: State(f"{_P}-{name}", "contents") for name, _ in _FILES}
_FILENAMES = {f"{name}_filename": State(f"{_P}-{name}", "filename") for name, _ in _FILES}


@page_callback(
    output={
        "status": Output(f"{_P}-status", "children"),
        "summary": Output(f"{_P}-summary", "children"),
        "rows": Output(f"{_P}-problems", "data"),
        "columns": Output(f"{_P}-problems", "columns"),
    },
    inputs={"_check": Input(f"{_P}-check", "n_clicks"), "_load": Input(f"{_P}-load", "n_clicks")}
    | _UPLOADS
    | _FILENAMES
    | {
        "key": State(f"{_P}-municipality", "value"),
        "new_name": State(f"{_P}-new-municipality", "value"),
        "round_label": State(f"{_P}-round", "value"),
        "file_layout": State(f"{_P}-layout", "value"),
        "profile": State(f"{_P}-profile", "value"),
        "replace": State(f"{_P}-replace", "value"),
        "lang": State("lang", "value"),
    },
    message="status",
    prevent_initial_call=True,
)
def _import(
    _check: int | None,
    _load: int | None,
    key: str | None,
    new_name: str | None,
    round_label: str | None,
    file_layout: str,
    profile: str | None,
    replace: list[str] | None,
    lang: str,
    **files: str | None,
) -> dict[str, Any]:
    cleared: dict[str, Any] = {"summary": [], "rows": [], "columns": []}
    refused = write_refusal()
    if refused is not None:
        return cleared | {"status": refusal_message(refused, lang)}
    missing = [text(f"import_{name}", lang) for name, required in _FILES if required and not files[name]]
    if not (key or (new_name or "").strip()):
        missing.append(text("municipality", lang))
    if not (round_label or "").strip():
        missing.append(text("round", lang))
    if missing:
        return cleared | {"status": text("import_missing", lang).format(missing=", ".join(missing))}
    municipality, shown = _municipality(key, new_name)
    uploads = {name: (files[f"{name}_filename"] or name, files[name]) for name, _ in _FILES if files[name]}
    try:
        with _saved(uploads) as paths:
            parsed = read_round(
                SurveyFiles(
                    municipality=municipality,
                    round_label=str(round_label),
                    roster=paths["roster"],
                    political=paths.get("political"),
                    max_bytes=MAX_BYTES,
                    **{file_layout if file_layout == "contacts" else "responses": paths["responses"]},
                    **_reading_options(profile),
                )
            )
    except ValidationError as error:
        rows, columns = _problem_table(error, lang)
        status = text("import_problems", lang).format(count=number(len(error.problems) + error.omitted, lang))
        if error.omitted:
            status += " " + text("import_omitted", lang).format(count=number(error.omitted, lang))
        if ctx.triggered_id == f"{_P}-load":
            status = f"{text('import_not_loaded', lang)} {status}"
        return cleared | {"status": status, "rows": rows, "columns": columns}
    except ValueError as error:  # an empty or invisible label, an unknown profile, a damaged upload
        return cleared | {"status": str(error)}
    summary = _summary_rows(parsed, shown, lang)
    if ctx.triggered_id != f"{_P}-load":
        return cleared | {"status": text("import_checked", lang), "summary": summary}
    return cleared | {"summary": summary, "status": _write(parsed, shown, bool(replace), lang)}


def _write(parsed: ParsedRound, shown: str, replace: bool, lang: str) -> str:
    """Write the round in one transaction, as ``netkart ingest`` does; the outcome in words."""
    where = f"{shown} {parsed.round_label}"
    try:
        summary = load_round(get_driver(), parsed, replace=replace, database=load_settings().database)
    except RoundExistsError:
        return text("import_exists", lang).format(round=where)
    except IncompleteCommit:
        return text("import_incomplete", lang)
    except (ServiceUnavailable, SessionExpired):
        # Lost before the commit (the driver retried until it gave up): nothing was written.
        return text("import_interrupted", lang)
    return text(f"import_{summary.action}", lang).format(
        round=where,
        nodes=number(summary.nodes_created, lang),
        relationships=number(summary.relationships_created, lang),
        deleted=number(summary.relationships_deleted, lang),
    )
