"""Network pictures drawn server-side with matplotlib (Agg), as PNG bytes for every format.

Every picture uses the stable positions the dashboard draws with
(:func:`analytics.layout.stable_positions`, one layout per municipality over all its rounds,
so a person sits at the same place at every threshold and in every round) and the one style
definition of :mod:`analytics.style`. A picture is 1280×720 px (12.8 × 7.2 in at 100 dpi):
a 16:9 slide, readable on a projector.

Labels are placed by a simple collision pass (:func:`_place_labels`): each label, most
central persons first, takes the first of a ring of candidate spots around its person that
overlaps neither an earlier label nor a person; when none is free, the spot overlapping least.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from analytics.anonymise import function_label
from analytics.style import (
    BRIDGE_BUILDER_OUTLINE,
    CONTACT_COLOURS,
    CUT_POINT_OUTLINE,
    FREQUENCY_STYLE,
    NODE_SIZE,
    OUTLINE_COLOUR,
    TIE_CHANGE_COLOURS,
    function_colour,
)
from cypher.model import CONTACT_TYPE_LABELS, THRESHOLDS
from report.texts import word

__all__ = ["DPI", "SIZE", "Node", "Panel", "Tie", "picture"]

#: Figure size in inches at :data:`DPI`: 1280×720 px.
SIZE = (12.8, 7.2)
DPI = 100
#: Label font size in points (about 12 px at 100 dpi: readable at 1280×720).
LABEL_POINTS = 8.5
#: Screen px of the style definition to points of the picture (it is smaller than a screen).
PX_TO_POINTS = 0.42
#: Points per layout px at which nodes keep their full size, and the smallest node scale.
FULL_ZOOM = 0.35
MIN_ZOOM = 0.5


@dataclass(frozen=True)
class Node:
    """A drawn person or political body; ``size`` and ``outline`` in the style's px."""

    x: float
    y: float
    colour: str
    size: float = NODE_SIZE[0]
    hollow: bool = False
    outline: float = 0.8
    outline_colour: str = "#333333"
    dashed: bool = False
    faded: bool = False
    label: str = ""
    bold: bool = False
    square: bool = False


@dataclass(frozen=True)
class Tie:
    """A drawn tie between two points; ``width`` in the style's px."""

    a: tuple[float, float]
    b: tuple[float, float]
    width: float
    colour: str
    dashed: bool = False


@dataclass(frozen=True)
class Panel:
    """One network drawing with its own title."""

    title: str
    nodes: tuple[Node, ...]
    ties: tuple[Tie, ...]
    labels: bool = True


def _box(x: float, y: float, width: float, height: float) -> tuple[float, float, float, float]:
    return (x - width / 2, y - height / 2, x + width / 2, y + height / 2)


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def _zoom(ax: Axes) -> float:
    """Node scale of a panel: 1 when the drawing is about as large as on the dashboard, less
    (down to :data:`MIN_ZOOM`) when a panel shrinks it, so that nodes do not swallow each other."""
    (x0, _), (x1, _) = ax.transData.transform([(0.0, 0.0), (1.0, 0.0)])
    points_per_unit = (x1 - x0) * 72 / ax.figure.dpi
    return min(1.0, max(MIN_ZOOM, points_per_unit / FULL_ZOOM))


def _place_labels(ax: Axes, nodes: Sequence[Node], zoom: float) -> None:
    """Write each node's label at the first free spot around it (see the module docstring)."""
    figure = ax.figure
    to_pixels = ax.transData.transform
    from_pixels = ax.transData.inverted().transform
    scale = figure.dpi / 72
    points = [to_pixels((n.x, -n.y)) for n in nodes]
    radii = [n.size * PX_TO_POINTS * zoom * scale / 2 for n in nodes]
    taken = [_box(px, py, 2 * r, 2 * r) for (px, py), r in zip(points, radii, strict=True)]
    order = sorted(range(len(nodes)), key=lambda i: -nodes[i].size)
    line = LABEL_POINTS * scale * 1.25
    for i in order:
        node = nodes[i]
        if not node.label:
            continue
        width = len(node.label) * LABEL_POINTS * scale * (0.62 if node.bold else 0.56) + 4
        (px, py), r = points[i], radii[i]
        gap = r + line / 2 + 1
        candidates = [
            (px, py - gap),
            (px, py + gap),
            (px + r + width / 2 + 2, py),
            (px - r - width / 2 - 2, py),
            (px + width / 2, py - gap),
            (px - width / 2, py - gap),
            (px + width / 2, py + gap),
            (px - width / 2, py + gap),
            (px, py - gap - line),
            (px, py + gap + line),
        ]
        best, least = 0, float("inf")
        for k, (cx, cy) in enumerate(candidates):
            box = _box(cx, cy, width, line)
            covered = sum(_overlap(box, t) for t in taken)
            if covered < least:
                best, least = k, covered
            if covered == 0:
                break
        cx, cy = candidates[best]
        taken.append(_box(cx, cy, width, line))
        x, y = from_pixels((cx, cy))
        ax.text(
            x,
            y,
            node.label,
            ha="center",
            va="center",
            fontsize=LABEL_POINTS,
            fontweight="bold" if node.bold else "normal",
            color="#111111",
            # A translucent white box rather than a stroked outline: as readable over a tie, and
            # stroked text costs most of a picture's drawing time.
            bbox={"boxstyle": "square,pad=0.05", "facecolor": "white", "edgecolor": "none", "alpha": 0.7},
            zorder=5,
        )


def _edge(node: Node) -> tuple[float, float, float, float]:
    """Outline colour: the function colour for a hollow (non-respondent) person without a
    thicker outline of its own, else the node's outline colour."""
    colour = node.colour if node.hollow and node.outline < CUT_POINT_OUTLINE else node.outline_colour
    return to_rgba(colour, 0.45 if node.faded else 1.0)


def _draw_panel(ax: Axes, panel: Panel) -> None:
    ax.set_axis_off()
    ax.set_title(panel.title, fontsize=13, fontweight="bold", loc="left")
    if not panel.nodes:
        return
    xs = [n.x for n in panel.nodes]
    ys = [-n.y for n in panel.nodes]
    # Fixed limits and a box that shrinks to keep the aspect: the transform is final before
    # the labels are placed (an adjustable data range would move them afterwards).
    pad = max(70.0, 0.05 * max(max(xs) - min(xs), max(ys) - min(ys)))
    ax.set_xlim(min(xs) - pad, max(xs) + pad)
    ax.set_ylim(min(ys) - pad, max(ys) + pad)
    ax.set_aspect("equal", adjustable="box")
    ax.apply_aspect()
    zoom = _zoom(ax)
    for dashed in (False, True):
        chosen = [t for t in panel.ties if t.dashed == dashed]
        if chosen:
            ax.add_collection(
                LineCollection(
                    [((t.a[0], -t.a[1]), (t.b[0], -t.b[1])) for t in chosen],
                    linewidths=[t.width * PX_TO_POINTS for t in chosen],
                    colors=[t.colour for t in chosen],
                    linestyles="--" if dashed else "-",
                    zorder=1,
                )
            )
    # One scatter call per marker and line style: per-node calls dominate the drawing time.
    for square, dashed in {(n.square, n.dashed) for n in panel.nodes}:
        chosen = [n for n in panel.nodes if n.square == square and n.dashed == dashed]
        ax.scatter(
            [n.x for n in chosen],
            [-n.y for n in chosen],
            s=[(n.size * PX_TO_POINTS * zoom) ** 2 for n in chosen],
            marker="s" if square else "o",
            c=[to_rgba("white" if n.hollow else n.colour, 0.45 if n.faded else 1.0) for n in chosen],
            edgecolors=[_edge(n) for n in chosen],
            linewidths=[max(n.outline * PX_TO_POINTS, 2.2 if n.hollow else 0.0) * zoom for n in chosen],
            linestyles="--" if dashed else "-",
            zorder=3,
        )
    if panel.labels:
        _place_labels(ax, panel.nodes, zoom)


def picture(panels: Sequence[Panel], legend: Sequence[tuple[str, Sequence[Line2D]]], title: str = "") -> bytes:
    """PNG bytes of ``panels`` side by side (1, 2 or a 2×2 grid of 4) with a legend at the right.

    ``legend`` holds titled groups of legend handles (:func:`function_legend`, ...).
    """
    figure = Figure(figsize=SIZE, dpi=DPI)
    canvas = FigureCanvasAgg(figure)
    columns = 1 if len(panels) == 1 else 2
    rows = (len(panels) + columns - 1) // columns
    right = 0.79
    top = 0.9 if title else 0.95
    grid = figure.add_gridspec(rows, columns, left=0.01, right=right, bottom=0.02, top=top, wspace=0.04, hspace=0.12)
    for k, panel in enumerate(panels):
        _draw_panel(figure.add_subplot(grid[k // columns, k % columns]), panel)
    if title:
        figure.suptitle(title, x=0.01, y=0.975, ha="left", fontsize=15, fontweight="bold")
    y = top
    for heading, handles in legend:
        if not handles:
            continue
        box = figure.legend(
            handles=list(handles),
            loc="upper left",
            bbox_to_anchor=(right + 0.01, y),
            title=heading,
            fontsize=9,
            title_fontsize=10,
            frameon=False,
            alignment="left",
        )
        extent = box.get_window_extent(canvas.get_renderer())
        y -= extent.height / (SIZE[1] * DPI) + 0.015
    buffer = io.BytesIO()
    # No metadata beyond the format's own: nothing identifying can ride along in the file.
    # Fast compression: a flat-coloured drawing compresses well anyway, and zlib's default
    # level costs a tenth of the report's time.
    figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None}, pil_kwargs={"compress_level": 1})
    return buffer.getvalue()


# -- legends -----------------------------------------------------------------------------------


def _dot(label: str, colour: str, *, hollow: bool = False, edge: str = "#333333", width: float = 0.8) -> Line2D:
    return Line2D(
        [],
        [],
        marker="o",
        linestyle="",
        markersize=10,
        markerfacecolor="white" if hollow else colour,
        markeredgecolor=colour if hollow else edge,
        markeredgewidth=width,
        label=label,
    )


def function_legend(functions: Iterable[str], lang: str) -> tuple[str, list[Line2D]]:
    """Colour per primary function present, in the report's order of functions."""
    handles = [_dot(function_label(key, lang).capitalize(), function_colour(key)) for key in functions]
    return word("function", lang), handles


def frequency_legend(threshold: str, lang: str) -> tuple[str, list[Line2D]]:
    """Tie style of each frequency up to ``threshold``."""
    shown = THRESHOLDS[: THRESHOLDS.index(threshold) + 1]
    handles = [
        Line2D([], [], color=FREQUENCY_STYLE[f][1], linewidth=FREQUENCY_STYLE[f][0] * PX_TO_POINTS, label=word(f, lang))
        for f in shown
    ]
    return word("frequency", lang), handles


def outline_legend(lang: str) -> tuple[str, list[Line2D]]:
    """Bridge-builder and cut point outlines, hollow non-respondents, size by betweenness."""
    grey = "#BBBBBB"
    return word("outline", lang), [
        _dot(word("bridge_builder", lang), grey, edge=OUTLINE_COLOUR, width=BRIDGE_BUILDER_OUTLINE * PX_TO_POINTS),
        _dot(word("cut_point", lang), grey, edge=OUTLINE_COLOUR, width=CUT_POINT_OUTLINE * PX_TO_POINTS),
        _dot(word("nonrespondent", lang), "#555555", hollow=True, width=2.2),
        Line2D([], [], linestyle="", label=word("size", lang)),
        Line2D([], [], linestyle="", label=word("isolates_row", lang)),
    ]


def contact_legend(lang: str) -> tuple[str, list[Line2D]]:
    """Colour per kind of political contact."""
    labels = CONTACT_TYPE_LABELS[lang]
    return word("contact_kind", lang), [
        Line2D([], [], color=colour, linewidth=2, label=labels[kind].capitalize())
        for kind, colour in CONTACT_COLOURS.items()
    ]


def change_legend(lang: str) -> tuple[str, list[Line2D]]:
    """Tie changes and highlighted persons of a difference picture."""
    return word("change_legend", lang), [
        Line2D([], [], color=TIE_CHANGE_COLOURS["new"], linewidth=2.2, label=word("new", lang)),
        Line2D([], [], color=TIE_CHANGE_COLOURS["dropped"], linewidth=2.2, linestyle="--", label=word("dropped", lang)),
        Line2D([], [], color=TIE_CHANGE_COLOURS["stable"], linewidth=1.2, label=word("stable", lang)),
        _dot(word("joined", lang), "#BBBBBB", edge=TIE_CHANGE_COLOURS["new"], width=2.5),
        _dot(word("left", lang), "#BBBBBB", edge=TIE_CHANGE_COLOURS["dropped"], width=2.5),
        _dot(word("changed_role", lang), "#BBBBBB", edge=CHANGED_ROLE_COLOUR, width=2.5),
    ]


#: Outline of a person whose role changed between rounds (isolate or bridge-builder).
CHANGED_ROLE_COLOUR = "#7B2CBF"
