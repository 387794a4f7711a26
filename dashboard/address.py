"""The page's selection in the address, so that a link prepared before a gathering opens
exactly that view (``/rounds?municipality=D&from=2011&to=2013&threshold=daily&lang=en``).

Reading: Dash passes the address's query to a page's ``layout(**query)``. A value the
database does not know is not dropped silently: :func:`unknown` words the error the page
shows, naming the known values.

Writing: :func:`address_callback` registers a clientside callback that rewrites the address
with ``history.replaceState`` whenever a selector changes (``writeAddress`` in
``assets/graphs.js``). ``replaceState`` neither reloads nor tells Dash's page router, which
would otherwise render the page again on every change of selection. The language is written
by every page and read once by the header (``languageFromAddress``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import dash
from dash import Input, Output, State, dcc

from dashboard.i18n import text

__all__ = ["address_callback", "address_store", "listed", "unknown"]


def _names(fields: Mapping[str, tuple[str, str]]) -> list[str]:
    return [*fields, "lang"]


def address_store(prefix: str, fields: Mapping[str, tuple[str, str]]) -> dcc.Store:
    """The store that :func:`address_callback` with the same arguments writes through; put it
    in the page's layout. It holds the parameter names, in the order of the callback's inputs."""
    return dcc.Store(id=f"{prefix}-address", data=_names(fields))


def address_callback(prefix: str, fields: Mapping[str, tuple[str, str]]) -> None:
    """Keep the address in step with the page: each address parameter of ``fields`` is the
    ``(component id, property)`` it is read from, and ``lang`` is added to them.

    A list value is written comma-separated, ``True`` as ``1``; an empty value or ``False``
    removes the parameter. Call at import time, next to the page's other callbacks.
    """
    sources = [*fields.values(), ("lang", "value")]
    dash.clientside_callback(
        dash.ClientsideFunction(namespace="netkart", function_name="writeAddress"),
        Output(f"{prefix}-address", "data"),
        *[Input(component, prop) for component, prop in sources],
        State(f"{prefix}-address", "data"),
    )


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
