"""The page's selection in the address, so that a link prepared before a gathering opens
exactly that view (``/rounds?municipality=D&from=2011&to=2013&threshold=daily&lang=en``).

Reading: Dash passes the address's query to a page's ``layout(**query)``. A value the
database does not know is not dropped silently: the page's layout collects it with
:func:`check`, and :func:`address_store` shows the error (worded by :func:`unknown`) naming
the known values, in the page's language; the selectors then show the page's default.

Writing: :func:`address_store` lists the page's address parameters and the component
property each is read from; ``assets/address.js`` rewrites the address from them with
``history.replaceState`` when the browser is idle after a change, which neither reloads nor
tells Dash's page router (it would render the page again on every change of selection). No
Dash callback runs for it, so a change of selection draws without waiting for the address.
The language is written by every page and read once by the header (``languageFromAddress``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from dash import Input, Output, callback, dcc, html

from cypher.model import THRESHOLDS
from dashboard import data
from dashboard.i18n import LANGUAGES, text
from dashboard.skeleton import Failure, attempt

__all__ = [
    "Opened",
    "Problem",
    "address_store",
    "check",
    "dropdown",
    "error_callback",
    "listed",
    "selection",
    "unknown",
]


#: An address parameter's values that are not known: (parameter, given values, known values).
Problem = tuple[str, Sequence[str], Sequence[str]]


def address_store(
    prefix: str, fields: Mapping[str, tuple[str, str]] | None, problems: Iterable[Problem] = ()
) -> html.Div:
    """The page's address; put it in the page's layout and call :func:`error_callback` with
    the same ``prefix`` next to the page's callbacks.

    - Writing: each address parameter of ``fields`` is the ``(component id, property)`` it is
      read from, and ``lang`` is added to them (``assets/address.js`` writes them). A list
      value is written comma-separated, ``True`` as ``1``; an empty value or ``False`` removes
      the parameter. ``None`` for a page that writes its address itself.
    - The alert ``{prefix}-address-error`` names, in the page's language, the known values of
      each of ``problems`` (see :func:`check`).
    """
    written = {} if fields is None else {"data-address": json.dumps({**fields, "lang": ("lang", "value")})}
    return html.Div(
        [
            dcc.Store(id=f"{prefix}-address-problems", data=[list(p) for p in problems]),
            html.Div(id=f"{prefix}-address-error", role="alert", className="address-error"),
        ],
        **written,
    )


def dropdown(component_id: str, opened: Opened, parameter: str) -> dcc.Dropdown:
    """A dropdown starting from the address's ``parameter`` (:func:`selection`)."""
    return dcc.Dropdown(
        id=component_id,
        value=opened.values.get(parameter),
        options=opened.options.get(parameter, []),
        clearable=False,
    )


def language(query: Mapping[str, str]) -> str:
    """The language the address names (``?lang=en``), else the default one."""
    lang = query.get("lang")
    return lang if lang in LANGUAGES else LANGUAGES[0]


def check(parameter: str, value: str | None, known: Sequence[str]) -> list[Problem]:
    """``[(parameter, values not known, known)]`` when the address gives ``parameter`` values
    (comma-separated) that are not among ``known``, else ``[]``."""
    missing = [v for v in listed(value) if v not in known]
    return [(parameter, missing, list(known))] if missing else []


def error_callback(prefix: str) -> None:
    """Show the address's unknown values of :func:`address_store` ``prefix`` in the page's
    language. Call at import time, next to the page's other callbacks."""

    @callback(
        Output(f"{prefix}-address-error", "children"),
        Input(f"{prefix}-address-problems", "data"),
        Input("lang", "value"),
    )
    def _errors(problems: list[list[Any]] | None, lang: str) -> list[html.P]:
        found = (unknown(parameter, given, known, lang) for parameter, given, known in problems or [])
        return [html.P(message) for message in found if message]


def listed(value: str | None) -> list[str]:
    """The values of a comma-separated address parameter (``A,B,C``), blanks dropped."""
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def unknown(parameter: str, given: Iterable[str], known: Sequence[str], lang: str) -> str | None:
    """The error for values of address parameter ``parameter`` not among ``known``, or
    ``None`` when all are known. The message names the known values."""
    missing = [value for value in given if value not in known]
    if not missing:
        return None
    return text("unknown_in_address", lang).format(
        parameter=parameter, values=", ".join(missing), known=", ".join(known) or "–"
    )


@dataclass(frozen=True)
class Opened:
    """What a page's selectors start from, read from the address (:func:`selection`)."""

    #: Address parameter → its value, ``None`` when not given or not known (the default).
    values: dict[str, str | None]
    #: The values not known, for :func:`address_store`.
    problems: list[Problem]
    #: Dropdown options of the municipality and each round parameter. Given with the value,
    #: so that a dropdown never holds a value its options lack: it would clear the value
    #: (and the address's choice would be lost) before the page's callbacks fill it.
    options: dict[str, list[dict[str, str]]]


def selection(query: Mapping[str, str], rounds: Sequence[str] = ("round",), *, threshold: bool = True) -> Opened:
    """The municipality (``municipality``), the rounds (the parameters ``rounds``) and the
    threshold (``threshold``, default weekly) an address gives, checked against the database.

    A round is checked only against a known municipality's rounds; when the database does not
    answer nothing is checked (the page says so itself).
    """
    chosen: dict[str, str | None] = {"municipality": query.get("municipality") or None}
    chosen |= {r: query.get(r) or None for r in rounds}
    problems: list[Problem] = []
    if threshold:
        chosen["threshold"] = query.get("threshold") or "weekly"
        problems += check("threshold", chosen["threshold"], THRESHOLDS)
    found = attempt(data.catalogue)
    if isinstance(found, Failure):
        return Opened(chosen, problems, {})
    known = {m.key: m for m in found}
    problems[:0] = check("municipality", chosen["municipality"], list(known))
    item = known.get(chosen["municipality"] or "")
    for r in rounds:
        problems += check(r, chosen[r], item.rounds) if item else []
    named = {problem[0] for problem in problems}
    # An unknown value is not put into its selector: the selector shows its default.
    chosen = {key: None if key in named else value for key, value in chosen.items()}
    if threshold:
        chosen["threshold"] = chosen["threshold"] or "weekly"
    options = {"municipality": [{"label": m.public_name, "value": m.key} for m in found]}
    options |= {r: [{"label": label, "value": label} for label in (item.rounds if item else ())] for r in rounds}
    return Opened(chosen, problems, options)
