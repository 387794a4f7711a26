"""How a network is drawn: one style definition for the dashboard and the reports.

Encoding (every legend says the same):

- fill colour = primary function (Okabe–Ito colours, legible for colour-blind viewers and on a
  projector); a non-respondent is hollow: white fill, ring in the function colour;
- size = betweenness by default, or another centrality of :mod:`analytics.centrality` (the
  dashboard's choice): the area grows with the person's value over the view's largest, so a
  bridge-builder stands out without hiding the rest;
- outline: a bridge-builder gets a thick black outline, a cut point that is no bridge-builder a
  thinner black one;
- tie width and darkness = frequency (daily thick and dark, monthly thin and light);
- round-to-round change: new ties and joined persons green, dropped ties and persons who left
  orange-red (dashed), stable ties grey;
- political contact: one colour per kind of contact.

Sizes and widths are in screen pixels at 100 % zoom; :func:`node_size` gives the diameter.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from cypher.model import CONTACT_TYPES, FUNCTIONS

__all__ = [
    "BRIDGE_BUILDER_OUTLINE",
    "CONTACT_COLOURS",
    "CUT_POINT_OUTLINE",
    "FREQUENCY_STYLE",
    "FUNCTION_COLOURS",
    "NODE_SIZE",
    "OUTLINE_COLOUR",
    "TIE_CHANGE_COLOURS",
    "function_colour",
    "node_size",
    "node_sizes",
]

#: Fill colour of each primary function, in ``cypher.model.FUNCTIONS`` order.
FUNCTION_COLOURS: dict[str, str] = dict(
    zip(
        (f.key for f in FUNCTIONS),
        ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442", "#8C564B", "#999933", "#BBBBBB"),
        strict=True,
    )
)

#: (width in px, colour) of a tie of each frequency.
FREQUENCY_STYLE: dict[str, tuple[float, str]] = {
    "daily": (6.0, "#222222"),
    "weekly": (3.5, "#666666"),
    "monthly": (1.8, "#A8A8A8"),
    "less_often": (1.0, "#D0D0D0"),
}

#: Colour of a tie to a political body, per kind of contact.
CONTACT_COLOURS: dict[str, str] = dict(zip(CONTACT_TYPES, ("#0072B2", "#E69F00", "#D55E00"), strict=True))

#: Colour of a tie (and of a person's outline) by round-to-round change.
TIE_CHANGE_COLOURS: dict[str, str] = {"new": "#009E73", "dropped": "#D55E00", "stable": "#9A9A9A"}

#: Smallest and largest node diameter in px.
NODE_SIZE: tuple[float, float] = (26.0, 64.0)

#: Outline colour of bridge-builders and cut points.
OUTLINE_COLOUR = "#000000"
#: Outline width in px of a bridge-builder.
BRIDGE_BUILDER_OUTLINE = 6.0
#: Outline width in px of a cut point that is not a bridge-builder.
CUT_POINT_OUTLINE = 3.0


def function_colour(key: str) -> str:
    """Fill colour of a primary function; an unknown key gets the colour of ``other``."""
    return FUNCTION_COLOURS.get(key, FUNCTION_COLOURS["other"])


def node_size(value: float, largest: float) -> float:
    """Diameter in px of a person whose centrality is ``value`` when the view's largest is
    ``largest`` (betweenness, unless the picture is sized by another measure).

    The area grows linearly with the value: the diameter grows with its square root, from
    ``NODE_SIZE[0]`` (0, or a view where everybody has 0) to ``NODE_SIZE[1]`` (the view's
    largest). So the size is monotone in the value and equal values get equal sizes.
    """
    small, large = NODE_SIZE
    if largest <= 0:
        return small
    return round(small + (large - small) * math.sqrt(max(value, 0.0) / largest), 1)


def node_sizes(values: Mapping[str, float]) -> dict[str, float]:
    """Person id → diameter in px (:func:`node_size`) of each person's value of one measure."""
    largest = max(values.values(), default=0.0)
    return {pid: node_size(value, largest) for pid, value in values.items()}
