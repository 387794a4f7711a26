"""File exports: tables as CSV or XLSX (pandas), graphs as GraphML or GEXF (networkx writers).

Tables: a cell a spreadsheet would read as a formula (text starting with ``=``, ``+``, ``-``,
``@``, tab or carriage return: the OWASP CSV-injection rule) is written as text: in CSV it
gets a leading apostrophe, in XLSX it is stored as a string cell, never as a formula. A
bokmål CSV has ``;`` between fields and a decimal comma (:mod:`dashboard.i18n`).

Graphs: nodes are keyed by person id with ``--show-names`` (two persons who share a name stay
two nodes) and by pseudonym in anonymised mode, where the pseudonym is unique and no id,
unit or role is written (see :func:`labelled_graph`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping

import networkx as nx
import pandas as pd
from openpyxl import Workbook

from dashboard.i18n import csv_delimiter, number

__all__ = ["FORMULA_PREFIXES", "defuse", "graph_file", "labelled_graph", "table_file"]

#: First characters that make a spreadsheet read a cell as a formula (OWASP CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def defuse(value: str) -> str:
    """``value`` with a leading apostrophe when a spreadsheet would take it for a formula."""
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


def _csv(frame: pd.DataFrame, lang: str) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=csv_delimiter(lang), lineterminator="\r\n")
    writer.writerow([defuse(str(c)) for c in frame.columns])
    for row in frame.itertuples(index=False):
        # Numbers are written by number(), so a negative number stays a number ("-0,5"), while
        # text that only looks like a formula is defused.
        writer.writerow([number(v, lang) if isinstance(v, int | float) else defuse(number(v, lang)) for v in row])
    # UTF-8 with BOM, so that Excel shows æøå.
    return buffer.getvalue().encode("utf-8-sig")


def _xlsx(frame: pd.DataFrame) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append([str(c) for c in frame.columns])
    for row in frame.itertuples(index=False):
        sheet.append([None if isinstance(v, float) and v != v else v for v in row])
    for cells in sheet.iter_rows():
        for cell in cells:
            if isinstance(cell.value, str):
                # openpyxl stores a string starting with "=" as a formula; a string cell never is.
                cell.data_type = "s"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def table_file(frame: pd.DataFrame, kind: str, lang: str = "nb") -> bytes:
    """``frame`` as ``csv`` (in the conventions of ``lang``) or ``xlsx`` bytes."""
    if kind == "csv":
        return _csv(frame, lang)
    if kind == "xlsx":
        return _xlsx(frame)
    raise ValueError(f"unknown table format {kind!r}; expected csv or xlsx")


def graph_file(graph: nx.Graph, kind: str) -> bytes:
    """``graph`` as ``graphml`` or ``gexf`` bytes, for Gephi."""
    buffer = io.BytesIO()
    if kind == "graphml":
        nx.write_graphml(graph, buffer)
    elif kind == "gexf":
        nx.write_gexf(graph, buffer)
    else:
        raise ValueError(f"unknown graph format {kind!r}; expected graphml or gexf")
    return buffer.getvalue()


def labelled_graph(
    graph: nx.Graph,
    labels: Mapping[str, str],
    positions: Mapping[str, tuple[float, float]] | None = None,
    *,
    show_ids: bool = False,
) -> nx.Graph:
    """A copy of ``graph`` for export, each node with its display ``label``.

    With ``show_ids`` nodes keep their person id as key. Otherwise they are keyed by their
    label, which must then be unique (pseudonyms are), and ``ValueError`` says when it is not.
    Only the function keys, primary function, response status and layout coordinates are
    kept on nodes (tuples become ``;``-joined strings, which GraphML and GEXF can store): no
    unit, role or name; every edge attribute is kept.
    """
    keys = {node: node if show_ids else labels.get(node, "?") for node in graph.nodes}
    if len(set(keys.values())) != len(keys):
        raise ValueError("display labels are not unique; export with show_ids=True to key persons by id")
    out = nx.Graph()
    for node, attributes in graph.nodes(data=True):
        node_data: dict[str, object] = {
            "label": labels.get(node, "?"),
            "functions": ";".join(attributes.get("functions", ())),
            "primary_function": attributes.get("primary_function", ""),
            "responded": bool(attributes.get("responded", False)),
        }
        if positions and node in positions:
            node_data["x"], node_data["y"] = positions[node]
        out.add_node(keys[node], **node_data)
    for u, v, attributes in graph.edges(data=True):
        out.add_edge(keys[u], keys[v], **attributes)
    return out
