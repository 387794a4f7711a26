"""The change section: who joined, who left, who changed role, which parts merged or split.

Persons are named by their display label (pseudonym unless names are shown). Roles are read
from :class:`~report.facts.Change` (:func:`analytics.compare.compare_views`): a person who
joined or left is said to have joined or left, not also to have become or stopped being an
isolate or a bridge-builder.

Parts (connected pieces of at least two persons) are matched by their members present in
both rounds:

- **merged**: one part of the later round holds members of two or more parts of the earlier
  round; the sentence names the earlier parts and the persons the shortest path between them
  runs through (or the two persons whose direct tie joins them); when more than
  :data:`MAX_NAMED_PARTS` merged, it counts them;
- **split**: the members of one earlier part, still present, fall into two or more pieces of
  the later round (a member now isolated is a piece of its own).

A part is named by its most common primary function and the most connected member of that
function, e.g.
"the services part around Tjenester 3", so that two parts of one function stay distinct.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import networkx as nx

from analytics.anonymise import function_label
from report.facts import Change, ViewFacts
from report.source import Source

__all__ = ["MAX_NAMED_PARTS", "changed_persons", "membership_changes", "part_changes", "part_name", "role_changes"]

#: Most earlier parts named one by one in a "merged" sentence; more are counted.
MAX_NAMED_PARTS = 3


def part_name(part: Sequence[str], facts: ViewFacts, source: Source) -> str:
    """ "the services part around Tjenester 3" / "delen med tjenester rundt Tjenester 3"."""
    view = facts.view
    counts = Counter(view.person_by_id[p].primary_function for p in part)
    key = min(counts, key=lambda k: (-counts[k], k))
    members = [p for p in part if view.person_by_id[p].primary_function == key]
    hub = min(members, key=lambda p: (-view.graph.degree(p), source.labels[p]))
    label = function_label(key, source.lang)
    if source.lang == "nb":
        return f"delen med {label} rundt {source.labels[hub]}"
    return f"the {label} part around {source.labels[hub]}"


def _joined(names: Sequence[str], lang: str) -> str:
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {'og' if lang == 'nb' else 'and'} {names[-1]}"


def _through(graph: nx.Graph, first: set[str], second: set[str]) -> list[str]:
    """Persons a shortest path from ``first`` to ``second`` runs through (both ends if direct)."""
    paths = nx.multi_source_dijkstra_path(graph, first, weight=None)
    end = min((p for p in second if p in paths), key=lambda p: (len(paths[p]), p))
    path = paths[end]
    inner = [p for p in path if p not in first and p not in second]
    return inner or [path[-2], path[-1]]


def part_changes(before: ViewFacts, after: ViewFacts, source: Source) -> list[str]:
    """Sentences on parts merged and split between ``before`` and ``after`` (module docstring)."""
    lang = source.lang
    nb = lang == "nb"
    old_of = {p: i for i, part in enumerate(before.parts) for p in part}
    new_of = {p: i for i, part in enumerate(after.parts) for p in part}
    sentences = []
    for part in after.parts:
        old = sorted({old_of[p] for p in part if p in old_of})
        if len(old) < 2:
            continue
        first_round = before.view.round
        if len(old) > MAX_NAMED_PARTS:
            sentences.append(
                f"{len(old)} deler fra {first_round} henger nå sammen i én del."
                if nb
                else f"{len(old)} parts of {first_round} are now joined in one part."
            )
            continue
        names = _joined([part_name(before.parts[i], before, source) for i in old], lang)
        graph = after.view.graph.subgraph(part)
        first = set(before.parts[old[0]])
        through = sorted(
            {p for i in old[1:] for p in _through(graph, first & set(part), set(before.parts[i]) & set(part))},
            key=source.labels.get,
        )
        via = _joined([source.labels[p] for p in through], lang)
        if nb:
            sentences.append(f"{names[:1].upper()}{names[1:]} fra {first_round} henger nå sammen gjennom {via}.")
        else:
            sentences.append(f"{names[:1].upper()}{names[1:]} of {first_round} are now joined through {via}.")
    present = set(after.view.person_by_id)
    for part in before.parts:
        still = [p for p in part if p in present]
        pieces = {new_of.get(p, f"alone:{p}") for p in still}
        if len(pieces) < 2:
            continue
        name = part_name(part, before, source)
        alone = sorted((source.labels[p] for p in still if p not in new_of), key=str)
        if nb:
            text = f"{name[:1].upper()}{name[1:]} fra {before.view.round} er nå delt i {len(pieces)} biter"
            text += f"; isolert: {_joined(alone, lang)}." if alone else "."
        else:
            text = f"{name[:1].upper()}{name[1:]} of {before.view.round} is now split into {len(pieces)} pieces"
            text += f"; now isolated: {_joined(alone, lang)}." if alone else "."
        sentences.append(text)
    return sentences


_ROLE_WORDS = {
    "nb": {
        "isolated": "Ble isolert",
        "no_longer_isolated": "Er ikke lenger isolert",
        "bridge_builders_new": "Ble brobygger",
        "bridge_builders_gone": "Er ikke lenger brobygger",
        "joined": "Kom inn i nettverket",
        "left": "Gikk ut av nettverket",
    },
    "en": {
        "isolated": "Became isolated",
        "no_longer_isolated": "No longer isolated",
        "bridge_builders_new": "Became a bridge-builder",
        "bridge_builders_gone": "No longer a bridge-builder",
        "joined": "Joined the network",
        "left": "Left the network",
    },
}

_ROLES = ("isolated", "no_longer_isolated", "bridge_builders_new", "bridge_builders_gone")


def changed_persons(change: Change) -> dict[str, list[str]]:
    """Role → ids of the persons present in both rounds whose role changed
    (:func:`analytics.compare.person_changes`, read into :class:`~report.facts.Change`)."""
    return {role: list(getattr(change, role)) for role in _ROLES}


def membership_changes(change: Change, source: Source) -> list[str]:
    """ "Joined the network: …" and "Left the network: …", by label (when anyone did)."""
    words = _ROLE_WORDS[source.lang]
    found = {"joined": change.joined, "left": change.left}
    return [f"{words[key]}: {source.names(persons)}." for key, persons in found.items() if persons]


def role_changes(change: Change, source: Source) -> list[str]:
    """One sentence per changed role (:func:`changed_persons`), by label."""
    words = _ROLE_WORDS[source.lang]
    return [f"{words[key]}: {source.names(persons)}." for key, persons in changed_persons(change).items() if persons]
