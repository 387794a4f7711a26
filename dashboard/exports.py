"""File exports: tables as CSV or XLSX (pandas), graphs as GraphML or GEXF (networkx writers).

Tables: a cell a spreadsheet would read as a formula (text starting with ``=``, ``+``, ``-``,
``@``, tab or carriage return: the OWASP CSV-injection rule) is written as text: in CSV it
gets a leading apostrophe, in XLSX it is stored as a string cell, never as a formula. A
bokmål CSV has ``;`` between fields and a decimal comma (:mod:`dashboard.i18n`).

Graphs: nodes are keyed by person id with ``--show-names`` (two persons who share a name stay
two nodes) and by pseudonym in anonymised mode, where the pseudonym is unique and no id,
unit or role is written (see :func:`labelled_graph`).

Pictures (PNG, SVG) are drawn in the browser from the graphs on the page; the server says
what they hold (:class:`Picture`: titles, file name, source line), so that a slide carries
its title ("A · 2013 · ukentlig"), the page's legend and where the figures come from, and
its file says what it holds (``A-2013-ukentlig.png``). Only public labels are used: letters,
unless the dashboard runs with ``--show-names``.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

import networkx as nx
import pandas as pd
from openpyxl import Workbook

from dashboard.i18n import csv_delimiter, number, text

__all__ = [
    "FORMULA_PREFIXES",
    "Picture",
    "defuse",
    "graph_file",
    "graph_picture",
    "grid_columns",
    "grid_picture",
    "labelled_graph",
    "table_file",
]

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


#: Characters a file name must not hold on common systems, and white space.
_UNSAFE_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|\s]+')


@dataclass(frozen=True)
class Picture:
    """An exported picture: the graphs it holds and the texts around them.

    ``graphs`` are ``(component id, title)`` pairs in reading order, drawn ``columns`` to a
    row; a picture of one graph leaves its title empty, as ``title`` already says it. ``file``
    is the download's name without extension.
    """

    title: str
    file: str
    source: str
    graphs: tuple[tuple[str, str], ...]
    columns: int = 1

    def as_data(self) -> dict[str, Any]:
        """The picture as the browser's composer reads it (``assets/export.js``)."""
        return asdict(self) | {"graphs": [{"id": i, "title": t} for i, t in self.graphs]}


def _file_name(parts: Sequence[str]) -> str:
    return "-".join(_UNSAFE_IN_FILE_NAMES.sub("_", part.strip()) for part in parts if part)


def _source(rounds: Sequence[str], lang: str) -> str:
    return text("picture_source", lang).format(rounds=", ".join(rounds))


def graph_picture(
    graphs: Sequence[tuple[str, str]], municipality: str, rounds: Sequence[str], qualifier: str, lang: str
) -> Picture:
    """The picture of one municipality's graphs: titled "A · 2011–2013 · ukentlig", file
    ``A-2011-2013-ukentlig``; ``qualifier`` is the threshold (or kind of view) as shown."""
    return Picture(
        title=" · ".join([municipality, "–".join(rounds), qualifier]),
        file=_file_name([municipality, *rounds, qualifier]),
        source=_source(rounds, lang),
        graphs=tuple(graphs),
        columns=len(graphs),
    )


def grid_picture(cells: Sequence[tuple[str, str]], round_label: str, qualifier: str, lang: str) -> Picture:
    """The picture of a grid of municipalities in one round: ``cells`` are ``(component id,
    municipality)``; each graph is titled "A · 2013 · ukentlig", the file is
    ``2013-ukentlig-A-B-C-D``. Two columns up to four graphs, three up to nine."""
    return Picture(
        title=" · ".join([round_label, qualifier]),
        file=_file_name([round_label, qualifier, *(name for _, name in cells)]),
        source=_source([round_label], lang),
        graphs=tuple((graph_id, " · ".join([name, round_label, qualifier])) for graph_id, name in cells),
        columns=grid_columns(len(cells)),
    )


def grid_columns(count: int) -> int:
    """Columns of a grid of ``count`` graphs, as on the presentation screen (16:9)."""
    return 1 if count <= 1 else 2 if count <= 4 else 3 if count <= 9 else 4
