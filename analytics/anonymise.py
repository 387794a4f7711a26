"""The one anonymisation policy of netkart: what persons, municipalities and bodies are called.

At network gatherings no one may be identifiable, yet the discussion needs to point at
persons, municipalities and political bodies. Every anonymised table, picture, export and
query result uses these labels, in the CLI and the dashboard alike:

- a person is the label of their primary function and a number within that function,
  assigned in order of ``person_id`` ("Tjenester 3", "Services 3"), so it is stable for the
  same roster, and an erased person's number is skipped rather than given to the next person
  (:func:`cypher.model.pseudonym_numbers`); names, units and roles are never read;
- a municipality is its alias letter when one is set, else ``#1``, ``#2``, ... numbered by
  name among the unaliased;
- the mayor, the executive committee and the council keep their kind's label; each committee
  becomes "Utvalg 1"/"Committee 1", numbered by name, since a committee's name can be unique
  to its municipality.
"""

from __future__ import annotations

from collections.abc import Iterable

from analytics.view import View
from cypher.model import FUNCTIONS, POLITICAL_BODY_LABELS, MunicipalityInfo, pseudonym_numbers

__all__ = ["body_key_labels", "body_labels", "function_label", "municipality_labels", "pseudonyms"]

_LABELS = {f.key: f for f in FUNCTIONS}


def _check(lang: str) -> None:
    if lang not in ("nb", "en"):
        raise ValueError(f"unknown language {lang!r}; expected 'nb' or 'en'")


def function_label(key: str, lang: str) -> str:
    """Label of a function key in ``lang`` ('nb' or 'en'); an unknown key is its own label."""
    _check(lang)
    label = _LABELS.get(key)
    return getattr(label, lang) if label else key


def pseudonyms(view: View, lang: str, erased: Iterable[tuple[str, int]] = ()) -> dict[str, str]:
    """Person id → "<Primary function label> <k>", k = 1, 2, ... by sorted ``person_id``.

    Parameters
    ----------
    view : View
        Only ``person_id`` and ``functions`` of its persons are used.
    lang : {'nb', 'en'}
        Language of the function label (``cypher.model.FUNCTIONS``).
    erased : iterable of (str, int)
        The municipality's erased numbers (``MunicipalityInfo.erased``), skipped so that an
        erasure renumbers no one else (:func:`cypher.model.pseudonym_numbers`).
    """
    _check(lang)
    result: dict[str, str] = {}
    for person_id, (key, number) in pseudonym_numbers(view.persons, erased).items():
        label = function_label(key, lang)
        result[person_id] = f"{label[:1].upper()}{label[1:]} {number}"
    return result


def municipality_labels(infos: Iterable[MunicipalityInfo]) -> dict[str, str]:
    """Municipality name → its alias, or ``#1``, ``#2``, ... for the unaliased, by name.

    The numbering is stable for the same set of municipalities and never reveals the name.
    """
    labels: dict[str, str] = {}
    unaliased = 0
    for info in sorted(infos, key=lambda info: info.name):
        if info.alias:
            labels[info.name] = info.alias
        else:
            unaliased += 1
            labels[info.name] = f"#{unaliased}"
    return labels


def body_key_labels(bodies: Iterable[tuple[str, str, str]], lang: str) -> dict[str, str]:
    """Body key → anonymised label, for ``(key, name, kind)`` triples of one municipality: the
    label :func:`body_labels` gives the body's name, so that keys and names agree."""
    bodies = list(bodies)
    by_name = body_labels(((name, kind) for _, name, kind in bodies), lang)
    return {key: by_name[name] for key, name, _ in bodies}


def body_labels(bodies: Iterable[tuple[str, str]], lang: str) -> dict[str, str]:
    """Body name → anonymised label, for ``(name, kind)`` pairs of one municipality.

    The mayor, executive committee and council get their kind's label
    (``cypher.model.POLITICAL_BODY_LABELS``); committees (and bodies of an unknown kind)
    become "Utvalg k"/"Committee k", k = 1, 2, ... by name.
    """
    _check(lang)
    kinds = POLITICAL_BODY_LABELS[lang]
    labels: dict[str, str] = {}
    committees = 0
    for name, kind in sorted(set(bodies)):
        if kind in kinds and kind != "committee":
            labels[name] = kinds[kind]
        else:
            committees += 1
            labels[name] = f"{kinds['committee']} {committees}"
    return labels
