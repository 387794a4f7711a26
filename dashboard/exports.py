"""File exports: tables as CSV or XLSX (pandas), graphs as GraphML or GEXF (networkx writers).

The graphs handed in are already labelled for display (pseudonyms in anonymised mode, see
:func:`labelled_graph`), so an export carries exactly what the page shows and no more.
"""

from __future__ import annotations

import io
from collections.abc import Mapping

import networkx as nx
import pandas as pd

__all__ = ["graph_file", "labelled_graph", "table_file"]


def table_file(frame: pd.DataFrame, kind: str) -> bytes:
    """``frame`` as ``csv`` (UTF-8 with BOM, so Excel shows æøå) or ``xlsx`` bytes."""
    if kind == "csv":
        return frame.to_csv(index=False).encode("utf-8-sig")
    if kind == "xlsx":
        buffer = io.BytesIO()
        frame.to_excel(buffer, index=False, engine="openpyxl")
        return buffer.getvalue()
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
    graph: nx.Graph, labels: Mapping[str, str], positions: Mapping[str, tuple[float, float]] | None = None
) -> nx.Graph:
    """A copy of ``graph`` whose nodes are the display ``labels``, with writer-safe attributes.

    Only the function keys, primary function, response status and layout coordinates are
    kept on nodes (tuples become ``;``-joined strings, which GraphML and GEXF can store);
    every edge attribute is kept.
    """
    out = nx.Graph()
    for node, attributes in graph.nodes(data=True):
        label = labels.get(node, "?")
        node_data: dict[str, object] = {
            "label": label,
            "functions": ";".join(attributes.get("functions", ())),
            "primary_function": attributes.get("primary_function", ""),
            "responded": bool(attributes.get("responded", False)),
        }
        if positions and node in positions:
            node_data["x"], node_data["y"] = positions[node]
        out.add_node(label, **node_data)
    for u, v, attributes in graph.edges(data=True):
        out.add_edge(labels.get(u, "?"), labels.get(v, "?"), **attributes)
    return out
