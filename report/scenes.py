"""What a report picture shows: persons, bodies and ties as :class:`~report.pictures.Node` and
:class:`~report.pictures.Tie` marks, styled by :mod:`analytics.style`.

- :func:`network_panel`: one view at its threshold, isolates gathered in a row at the bottom
  (:func:`analytics.layout.gather_isolates`);
- :func:`political_panel`: the round's roster and the political bodies in a row above it,
  one tie per person, body and kind of contact;
- :func:`difference_panel`: both rounds' persons and ties, new ties green, dropped ties dashed,
  and the persons the change section names highlighted.
"""

from __future__ import annotations

from collections.abc import Collection

from analytics.layout import gather_isolates
from analytics.style import (
    BRIDGE_BUILDER_OUTLINE,
    CONTACT_COLOURS,
    CUT_POINT_OUTLINE,
    FREQUENCY_STYLE,
    OUTLINE_COLOUR,
    TIE_CHANGE_COLOURS,
    function_colour,
    node_size,
)
from cypher.model import POLITICAL_BODY_KINDS
from report.facts import Change, ViewFacts
from report.pictures import CHANGED_ROLE_COLOUR, Node, Panel, Tie
from report.source import Source

__all__ = ["difference_panel", "network_panel", "political_panel"]

#: Height in layout px between the bodies' row and the highest person.
BODY_ROW_GAP = 260.0
#: Width of a highlight ring in the style's px.
HIGHLIGHT = 7.0


def network_panel(source: Source, facts: ViewFacts, title: str, *, labels: bool = True) -> Panel:
    """The view of ``facts`` at the municipality's stable positions (see the module docstring)."""
    view = facts.view
    where = {p: source.positions[p] for p in view.person_by_id}
    where |= gather_isolates(where, facts.isolates, view.person_by_id)
    largest = max(facts.betweenness.values(), default=0.0)
    builders, cut = set(facts.bridge_builders), set(facts.cut_points)
    nodes = []
    for pid in sorted(view.person_by_id):
        person = view.person_by_id[pid]
        outline = BRIDGE_BUILDER_OUTLINE if pid in builders else CUT_POINT_OUTLINE if pid in cut else 0.8
        nodes.append(
            Node(
                *where[pid],
                colour=function_colour(person.primary_function),
                size=node_size(facts.betweenness.get(pid, 0.0), largest),
                hollow=not person.responded,
                outline=outline,
                outline_colour=OUTLINE_COLOUR if outline > 1 else "#333333",
                label=source.labels[pid],
                bold=pid in builders,
            )
        )
    ties = tuple(
        Tie(where[u], where[v], *FREQUENCY_STYLE[frequency]) for u, v, frequency in view.graph.edges(data="frequency")
    )
    return Panel(title, tuple(nodes), ties, labels)


def political_panel(source: Source, round: str, title: str, *, labels: bool = True) -> Panel:
    """The round's persons and the bodies they reach (see the module docstring)."""
    view = source.at(round, "monthly").view
    contacts = [c for c in source.political[round] if c.person_id in view.person_by_id]
    where = {p: source.positions[p] for p in view.person_by_id}
    xs = [x for x, _ in where.values()] or [0.0]
    top = min((y for _, y in where.values()), default=0.0) - BODY_ROW_GAP
    kinds = {c.body_key: c.body_kind for c in contacts}
    order = sorted(
        kinds,
        key=lambda k: (
            POLITICAL_BODY_KINDS.index(kinds[k]) if kinds[k] in POLITICAL_BODY_KINDS else 9,
            source.bodies[k],
        ),
    )
    step = (max(xs) - min(xs)) / max(len(order) - 1, 1)
    bodies = {
        key: ((min(xs) + max(xs)) / 2 if len(order) == 1 else min(xs) + i * step, top) for i, key in enumerate(order)
    }
    reached = {c.person_id for c in contacts}
    nodes = [
        Node(*bodies[key], colour="#444444", size=40.0, label=source.bodies[key], bold=True, square=True)
        for key in order
    ]
    for pid in sorted(view.person_by_id):
        person = view.person_by_id[pid]
        nodes.append(
            Node(
                *where[pid],
                colour=function_colour(person.primary_function),
                hollow=not person.responded,
                faded=pid not in reached,
                label=source.labels[pid],
            )
        )
    ties = tuple(
        Tie(where[c.person_id], bodies[c.body_key], 2.5, CONTACT_COLOURS[c.contact_type])
        for c in sorted(set(contacts), key=lambda c: (c.person_id, c.body_key, c.contact_type))
    )
    return Panel(title, tuple(nodes), ties, labels)


def difference_panel(
    source: Source, before: ViewFacts, after: ViewFacts, change: Change, highlighted: Collection[str], title: str
) -> Panel:
    """Both rounds at one threshold with the tie changes and ``highlighted`` persons marked."""
    persons = before.view.person_by_id | after.view.person_by_id
    joined, left = set(change.joined), set(change.left)
    nodes = []
    for pid in sorted(persons):
        outline, colour, dashed = 0.8, "#333333", False
        if pid in joined:
            outline, colour = HIGHLIGHT, TIE_CHANGE_COLOURS["new"]
        elif pid in left:
            outline, colour, dashed = HIGHLIGHT, TIE_CHANGE_COLOURS["dropped"], True
        elif pid in highlighted:
            outline, colour = HIGHLIGHT, CHANGED_ROLE_COLOUR
        nodes.append(
            Node(
                *source.positions[pid],
                colour=function_colour(persons[pid].primary_function),
                outline=outline,
                outline_colour=colour,
                dashed=dashed,
                faded=pid in left,
                label=source.labels[pid],
                bold=outline > 1,
            )
        )
    ties = []
    for kind, width, dashed in (("stable", 2.5, False), ("dropped", 4.0, True), ("new", 4.0, False)):
        for u, v in change.ties(kind):
            ties.append(Tie(source.positions[u], source.positions[v], width, TIE_CHANGE_COLOURS[kind], dashed))
    return Panel(title, tuple(nodes), tuple(ties))
