"""Cytoscape elements and the stylesheet: how persons, ties and bodies are drawn.

Encoding (the legend says the same):

- fill colour = primary function (Okabe–Ito colours, legible for colour-blind viewers and on a
  projector); a person with several functions is a pie of all of them;
- size = betweenness (area grows with the square root, so a bridge-builder stands out without hiding
  the rest); a network node also carries its size by each centrality of
  :data:`analytics.centrality.MEASURES` (``size_degree``, ...), which the Network page's size
  control puts in ``size`` in the browser;
- bridge-builders get a thick black outline, cut points a double one;
- non-respondents are hollow: white fill, ring in the function colour;
- tie width and darkness = frequency (daily thick and dark, monthly thin and light).

Node ids are opaque per server process (a keyed hash of the person id), so the browser holds
neither names nor person ids unless the server shows names.
"""

from __future__ import annotations

import hashlib
import math
import secrets
from collections.abc import Mapping, Sequence
from typing import Any

from analytics.layout import gather_isolates
from analytics.metrics import CENTRALITY_KEYS
from analytics.style import (
    BRIDGE_BUILDER_OUTLINE,
    CONTACT_COLOURS,
    FREQUENCY_STYLE,
    FUNCTION_COLOURS,
    OUTLINE_COLOUR,
    TIE_CHANGE_COLOURS,
    node_sizes,
)
from analytics.view import View
from cypher.model import FREQUENCIES, FUNCTIONS, PoliticalContact

__all__ = [
    "CONTACT_COLOURS",
    "FREQUENCY_STYLE",
    "FUNCTION_COLOURS",
    "HIGHLIGHT_COLOUR",
    "POLITICAL_ROWS",
    "TIE_CHANGE_COLOURS",
    "difference_elements",
    "highlight_rule",
    "network_elements",
    "node_token",
    "political_elements",
    "political_positions",
    "stylesheet",
]

_PIE_SLICES = 4
_SECRET = secrets.token_bytes(16)


def node_token(person_id: str) -> str:
    """Opaque element id of a person, stable within one server process."""
    return "n" + hashlib.blake2s(person_id.encode(), key=_SECRET, digest_size=6).hexdigest()


def _tie_id(*ends: str) -> str:
    """Element id of a tie: the same pair (and kind) gets the same id in every view.

    dash-cytoscape updates the graph by element id, so a tie present before and after a
    selector change is kept in place instead of being removed and drawn again; only the ties
    that differ are added or removed (this is most of a 300-person redraw's cost).
    """
    return "t-" + "-".join(sorted(ends))


def _person_node(
    view: View,
    person_id: str,
    label: str,
    position: tuple[float, float],
    classes: list[str],
    size: float = 26.0,
) -> dict[str, Any]:
    person = view.person_by_id[person_id]
    functions = person.functions or ("other",)
    data: dict[str, Any] = {"id": node_token(person_id), "label": label, "size": size}
    # The colour comes from a class rather than from the data: Cytoscape resolves a class's
    # fixed style once, but a data-mapped style per element, on every redraw.
    classes.append(f"fn-{functions[0]}")
    if len(functions) > 1:
        # Pie slices only where there is a pie: it keeps the payload small for large views.
        shown = functions[:_PIE_SLICES]
        for i in range(_PIE_SLICES):
            data[f"c{i + 1}"] = FUNCTION_COLOURS.get(shown[i] if i < len(shown) else shown[0], "#BBBBBB")
            data[f"s{i + 1}"] = round(100 / len(shown), 2) if i < len(shown) else 0
        classes.append("multi")
    if not person.responded:
        classes.append("nonrespondent")
    return {"data": data, "position": {"x": position[0], "y": position[1]}, "classes": " ".join(classes)}


def _position_classes(stats: Mapping[str, Any]) -> list[str]:
    """The classes of a person's position in a view, from their
    :func:`analytics.metrics.person_metrics`: ``bridge-builder``, ``cut-point`` and
    ``isolate``, which the stylesheet outlines and ``assets/labels.js`` labels at the smallest
    label size."""
    flags = (("bridge-builder", "is_bridge_builder"), ("cut-point", "is_cut_point"), ("isolate", "is_isolate"))
    return [name for name, flag in flags if stats.get(flag)]


def network_elements(
    view: View,
    person_stats: Mapping[str, Mapping[str, Any]],
    labels: Mapping[str, str],
    positions: Mapping[str, tuple[float, float]],
    *,
    gather: bool = True,
) -> list[dict[str, Any]]:
    """Nodes and ties of one view at the municipality's stable positions.

    ``person_stats`` is :func:`analytics.metrics.person_metrics` of the view. With ``gather``
    the view's isolates are moved to a row under the network (their stable position is kept
    otherwise).
    """
    graph = view.graph
    where = dict(positions)
    isolates = [pid for pid in graph if graph.degree(pid) == 0]
    if gather:
        where.update(gather_isolates({p: positions[p] for p in graph if p in positions}, isolates, view.person_by_id))
    sizes = {
        measure: node_sizes({pid: float(person_stats.get(pid, {}).get(key, 0.0)) for pid in graph})
        for measure, key in CENTRALITY_KEYS.items()
    }
    elements: list[dict[str, Any]] = []
    for pid in graph:
        classes = ["person", *_position_classes(person_stats.get(pid, {}))]
        node = _person_node(
            view, pid, labels.get(pid, "?"), where.get(pid, (0.0, 0.0)), classes, sizes["betweenness"][pid]
        )
        # Sizes by every measure and the functions, for the page's size, function and ego
        # tools, which restyle in the browser instead of redrawing (assets/graphs.js).
        node["data"] |= {f"size_{m}": by[pid] for m, by in sizes.items()}
        node["data"]["functions"] = list(view.person_by_id[pid].functions)
        elements.append(node)
    for u, v, frequency in graph.edges(data="frequency"):
        source, target = node_token(u), node_token(v)
        elements.append(
            {
                "data": {"id": _tie_id(source, target), "source": source, "target": target, "frequency": frequency},
                "classes": frequency,
            }
        )
    return elements


def difference_elements(
    before: View,
    after: View,
    comparison: Mapping[str, Any],
    labels: Mapping[str, str],
    positions: Mapping[str, tuple[float, float]],
    person_stats: tuple[Mapping[str, Mapping[str, Any]], Mapping[str, Mapping[str, Any]]],
) -> list[dict[str, Any]]:
    """Persons of both rounds and their ties, classed ``new``, ``dropped`` or ``stable``.

    ``comparison`` is :func:`analytics.compare.compare_views` of the two views; persons it
    lists as joined are classed ``joined``, those who left ``left``. ``person_stats`` holds
    :func:`analytics.metrics.person_metrics` of ``before`` and of ``after``: a person is
    classed by their position (bridge-builder, cut point, isolate) in the later round they
    are in, as the other graphs class them.
    """
    joined, left = set(comparison["persons_joined"]), set(comparison["persons_left"])
    elements: list[dict[str, Any]] = []
    for pid in sorted(set(before.person_by_id) | set(after.person_by_id)):
        classes = ["person"] + (["joined"] if pid in joined else []) + (["left"] if pid in left else [])
        source, stats = (after, person_stats[1]) if pid in after.person_by_id else (before, person_stats[0])
        classes += _position_classes(stats.get(pid, {}))
        elements.append(_person_node(source, pid, labels.get(pid, "?"), positions.get(pid, (0.0, 0.0)), classes))
    for change in ("stable", "dropped", "new"):
        for u, v in comparison[f"ties_{change}"]:
            source, target = node_token(u), node_token(v)
            elements.append(
                {
                    "data": {"id": _tie_id(source, target), "source": source, "target": target, "change": change},
                    "classes": change,
                }
            )
    return elements


#: Political page layout, in model units: persons per column of a function's block, the
#: distance between columns and rows of a block, between blocks, and from the bodies' row
#: down to the persons.
POLITICAL_ROWS = 5
_COLUMN, _ROW, _BLOCK_GAP, _BODY_GAP = 190.0, 95.0, 70.0, 300.0


def political_positions(
    view: View, labels: Mapping[str, str], bodies: Sequence[str]
) -> tuple[dict[str, tuple[float, float]], dict[str, tuple[float, float]]]:
    """Where the Political page draws persons and bodies: a deterministic layout.

    Persons stand in blocks by primary function, side by side in the order of
    :data:`cypher.model.FUNCTIONS`; a block fills columns of :data:`POLITICAL_ROWS` persons,
    in the order of their labels. The ``bodies`` (keys, in the order given) stand in one row
    above, spread evenly over the persons' width.

    Returns
    -------
    tuple of dict
        Person id → ``(x, y)`` and body key → ``(x, y)``.
    """
    order = {f.key: i for i, f in enumerate(FUNCTIONS)}
    blocks: dict[str, list[str]] = {}
    for pid in view.person_by_id:
        blocks.setdefault(view.person_by_id[pid].primary_function, []).append(pid)
    persons: dict[str, tuple[float, float]] = {}
    x = 0.0
    for function in sorted(blocks, key=lambda f: (order.get(f, len(order)), f)):
        # Label length first: "Services 2" before "Services 10".
        members = sorted(blocks[function], key=lambda p: (len(labels.get(p, "")), labels.get(p, ""), p))
        for i, pid in enumerate(members):
            column, row = divmod(i, POLITICAL_ROWS)
            persons[pid] = (round(x + column * _COLUMN, 1), round(row * _ROW, 1))
        x += math.ceil(len(members) / POLITICAL_ROWS) * _COLUMN + _BLOCK_GAP
    right = max((px for px, _ in persons.values()), default=0.0)
    step = right / max(len(bodies) - 1, 1)
    places = {
        body: (round(right / 2 if len(bodies) == 1 else i * step, 1), -_BODY_GAP) for i, body in enumerate(bodies)
    }
    return persons, places


def political_elements(
    view: View,
    contacts: tuple[PoliticalContact, ...],
    labels: Mapping[str, str],
    body_labels: Mapping[str, str],
) -> list[dict[str, Any]]:
    """Persons of the round in blocks by function, political bodies in a row above them
    (:func:`political_positions`), and one tie per person, body and contact type, styled by
    contact type."""
    bodies = sorted({(c.body_kind, c.body_key) for c in contacts if c.person_id in view.person_by_id})
    ordered = [key for _, key in sorted(bodies, key=lambda kb: (_KIND_ORDER.get(kb[0], 9), kb[1]))]
    kinds = dict((key, kind) for kind, key in bodies)
    persons, places = political_positions(view, labels, ordered)
    elements: list[dict[str, Any]] = [
        {
            "data": {"id": f"body-{key}", "label": body_labels.get(key, key), "kind": kinds[key]},
            "position": {"x": places[key][0], "y": places[key][1]},
            "classes": "body",
        }
        for key in ordered
    ]
    for pid in view.person_by_id:
        elements.append(_person_node(view, pid, labels.get(pid, "?"), persons[pid], ["person", "political"]))
    for contact in sorted(set(contacts), key=lambda c: (c.person_id, c.body_key, c.contact_type)):
        if contact.person_id not in view.person_by_id:
            continue
        elements.append(
            {
                "data": {
                    "id": _tie_id(node_token(contact.person_id), f"body-{contact.body_key}", contact.contact_type),
                    "source": node_token(contact.person_id),
                    "target": f"body-{contact.body_key}",
                    "contact_type": contact.contact_type,
                    "frequency": contact.frequency,
                },
                "classes": f"contact {contact.contact_type}",
            }
        )
    return elements


_KIND_ORDER = {"mayor": 0, "executive_committee": 1, "council": 2, "committee": 3}


#: Overlay colour of a highlighted person (Rounds page: a person picked in the list of who changed).
HIGHLIGHT_COLOUR = "#F0E442"


def highlight_rule(label: str) -> dict[str, Any]:
    """The stylesheet rule that highlights the person labelled ``label`` in a graph."""
    quoted = label.replace("\\", "\\\\").replace('"', '\\"')
    return {
        "selector": f'node[label = "{quoted}"]',
        "style": {
            "overlay-color": HIGHLIGHT_COLOUR,
            "overlay-opacity": 0.6,
            "overlay-padding": 12,
            "z-index": 99,
            "font-size": 22,
        },
    }


def stylesheet(*, font_size: int = 16) -> list[dict[str, Any]]:
    """The Cytoscape stylesheet for every graph of the dashboard."""
    pie = {f"pie-{i}-background-color": f"data(c{i})" for i in range(1, _PIE_SLICES + 1)}
    pie |= {f"pie-{i}-background-size": f"data(s{i})" for i in range(1, _PIE_SLICES + 1)}
    colours = FUNCTION_COLOURS.items()
    rules: list[dict[str, Any]] = [
        {
            "selector": "node",
            "style": {
                "label": "data(label)",
                "font-size": font_size,
                "font-weight": "bold",
                "color": "#111111",
                "text-valign": "bottom",
                "text-margin-y": 4,
                "text-outline-color": "#FFFFFF",
                "text-outline-width": 3,
                "min-zoomed-font-size": 6,
            },
        },
        {
            "selector": "node.person",
            "style": {
                "width": "data(size)",
                "height": "data(size)",
                "background-color": "#BBBBBB",
                "border-width": 1,
                "border-color": "#333333",
            },
        },
        *({"selector": f"node.fn-{key}", "style": {"background-color": colour}} for key, colour in colours),
        {"selector": "node.multi", "style": {"pie-size": "100%", **pie}},
        {
            "selector": "node.nonrespondent",
            "style": {"background-color": "#FFFFFF", "border-width": 6, "pie-size": "45%"},
        },
        *({"selector": f"node.nonrespondent.fn-{key}", "style": {"border-color": colour}} for key, colour in colours),
        {
            "selector": "node.bridge-builder",
            "style": {"border-width": BRIDGE_BUILDER_OUTLINE, "border-color": OUTLINE_COLOUR},
        },
        {
            "selector": "node.cut-point",
            "style": {"border-width": 10, "border-style": "double", "border-color": "#000000"},
        },
        {"selector": "node:selected", "style": {"overlay-color": "#000000", "overlay-opacity": 0.25}},
        {"selector": "node.joined", "style": {"border-width": 7, "border-color": TIE_CHANGE_COLOURS["new"]}},
        {
            "selector": "node.left",
            "style": {"opacity": 0.45, "border-width": 7, "border-style": "dashed", "border-color": "#D55E00"},
        },
        {
            "selector": "node.body",
            "style": {
                "shape": "round-rectangle",
                "width": 46,
                "height": 46,
                "background-color": "#444444",
                "text-valign": "top",
                "text-margin-y": -6,
                "text-wrap": "wrap",
                "text-max-width": 180,
            },
        },
        # The Political page's persons stand in columns: a long label wraps within its column.
        {"selector": "node.political", "style": {"text-wrap": "wrap", "text-max-width": 170}},
        # Opaque ties: Cytoscape draws translucent ones markedly slower.
        {"selector": "edge", "style": {"curve-style": "straight"}},
    ]
    for frequency in FREQUENCIES:
        width, colour = FREQUENCY_STYLE[frequency]
        rules.append({"selector": f"edge.{frequency}", "style": {"width": width, "line-color": colour}})
    for change, colour in TIE_CHANGE_COLOURS.items():
        style: dict[str, Any] = {"width": 3 if change == "stable" else 5, "line-color": colour}
        if change == "dropped":
            style["line-style"] = "dashed"
        rules.append({"selector": f"edge.{change}", "style": style})
    for contact_type, colour in CONTACT_COLOURS.items():
        rules.append({"selector": f"edge.contact.{contact_type}", "style": {"width": 3, "line-color": colour}})
    # Several kinds of contact between one person and one body fan out instead of overlapping.
    rules.append({"selector": "edge.contact", "style": {"curve-style": "bezier", "control-point-step-size": 14}})
    # The Network page's function and ego tools: persons and ties outside the chosen ones are
    # faded (highlight) or left out (filter), by class, so the browser restyles without a redraw.
    rules.append({"selector": ".faded", "style": {"opacity": 0.12, "text-opacity": 0}})
    rules.append({"selector": ".filtered", "style": {"display": "none"}})
    return rules
