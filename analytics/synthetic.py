"""Views built from plain edge lists: hand-computed test graphs, benchmarks and demos.

The measures only ever see a :class:`~analytics.view.View`; these builders make one without
a database, so that the same code path is tested on graphs whose measures are known by hand.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np

from analytics.view import View
from cypher.model import FUNCTIONS, THRESHOLDS, Arc, Person

__all__ = ["random_view", "view_from_edges"]


def view_from_edges(
    arcs: Iterable[tuple[str, str]],
    *,
    persons: Iterable[str] = (),
    functions: Mapping[str, str | tuple[str, ...]] | None = None,
    threshold: str = "daily",
    municipality: str = "Testby",
    round_label: str = "2011",
    non_respondents: Iterable[str] = (),
) -> View:
    """A view whose arcs ``ego → alter`` are all reported at ``threshold``.

    Parameters
    ----------
    arcs : iterable of (str, str)
        Reported contacts; for an undirected picture pass each tie once (the union rule makes
        it a tie).
    persons : iterable of str
        Extra roster persons beyond those in ``arcs`` (isolates).
    functions : mapping, optional
        Person id → function key or tuple of keys (first = primary); default ``services``.
    non_respondents : iterable of str
        Persons who did not answer (``responded=False``).
    """
    arcs = [(str(u), str(v)) for u, v in arcs]
    ids = sorted({*map(str, persons), *(p for arc in arcs for p in arc)})
    functions = functions or {}
    silent = set(non_respondents)

    def keys(pid: str) -> tuple[str, ...]:
        value = functions.get(pid, "services")
        return (value,) if isinstance(value, str) else tuple(value)

    return View(
        municipality=municipality,
        round=round_label,
        threshold=threshold,
        persons=tuple(Person(pid, keys(pid), pid not in silent) for pid in ids),
        arcs=tuple(Arc(u, v, threshold) for u, v in arcs),
    )


def random_view(n: int = 200, *, out_degree: float = 6.0, seed: int = 0, round_label: str = "2011") -> View:
    """A plausible municipal network of ``n`` persons for benchmarks.

    Persons get a primary function drawn from ``cypher.model.FUNCTIONS`` (services most
    often, as in the report); each reports on average ``out_degree`` others, three times as
    likely within the own function, so that clusters follow function lines. Every tenth
    person does not respond (reports no one), as in the surveys.
    """
    rng = np.random.default_rng(seed)
    keys = [f.key for f in FUNCTIONS if f.key != "other"]
    weights = np.linspace(2.0, 0.5, len(keys))
    group = rng.choice(len(keys), size=n, p=weights / weights.sum())
    affinity = np.where(group[:, None] == group[None, :], 3.0, 1.0)
    np.fill_diagonal(affinity, 0.0)
    probability = affinity * out_degree / affinity.sum(axis=1, keepdims=True)
    reported = rng.random((n, n)) < probability
    reported[::10] = False
    ids = [f"p{i:04d}" for i in range(n)]
    return view_from_edges(
        ((ids[i], ids[j]) for i, j in zip(*np.nonzero(reported), strict=True)),
        persons=ids,
        functions={ids[i]: keys[group[i]] for i in range(n)},
        threshold=THRESHOLDS[1],
        round_label=round_label,
        non_respondents=ids[::10],
    )
