"""Pseudonyms for persons in anonymised views: "Tjenester 3", "Services 3".

At network gatherings no one may be identifiable by name, yet the discussion needs to point
at persons and at their function. A pseudonym is the label of the person's primary function
and a number within that function, assigned in order of ``person_id`` so that it is stable
for the same roster. Names are never read.
"""

from __future__ import annotations

from collections import defaultdict

from analytics.view import View
from cypher.model import FUNCTIONS

__all__ = ["function_label", "pseudonyms"]

_LABELS = {f.key: f for f in FUNCTIONS}


def function_label(key: str, lang: str) -> str:
    """Label of a function key in ``lang`` ('nb' or 'en'); an unknown key is its own label."""
    if lang not in ("nb", "en"):
        raise ValueError(f"unknown language {lang!r}; expected 'nb' or 'en'")
    label = _LABELS.get(key)
    return getattr(label, lang) if label else key


def pseudonyms(view: View, lang: str) -> dict[str, str]:
    """Person id → "<Primary function label> <k>", k = 1, 2, ... by sorted ``person_id``.

    Parameters
    ----------
    view : View
        Only ``person_id`` and ``functions`` of its persons are used.
    lang : {'nb', 'en'}
        Language of the function label (``cypher.model.FUNCTIONS``).
    """
    counters: dict[str, int] = defaultdict(int)
    result: dict[str, str] = {}
    for person in sorted(view.persons, key=lambda p: p.person_id):
        key = person.primary_function
        counters[key] += 1
        label = function_label(key, lang)
        result[person.person_id] = f"{label[:1].upper()}{label[1:]} {counters[key]}"
    return result
