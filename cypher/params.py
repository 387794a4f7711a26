"""Parameters of the named queries, checked against what the database holds before a query runs.

A query that gets a municipality, round or threshold the database does not know does not fail:
it returns no rows, or every person as an isolate. So every caller (``netkart query``, the
dashboard's queries page) validates first, here, and a bad value is a :class:`ParameterError`
that names the known values:

- ``municipality``: a name as loaded or its alias letter (case does not matter);
- ``round``, ``from_round``, ``to_round``: a round the municipality has;
- ``threshold``, ``function``, ``body_kind`` and ``contact_type``: a key or a bokmål, nynorsk or
  English label (``ukentlig``, ``vekentleg``, ``weekly`` are all ``weekly``);
- any other parameter keeps the type of the query's ``:params`` example (``minutes: 10``);
- a parameter the query does not use is rejected, so a typo is not silently ignored.

:func:`read_catalogue` reads what the database holds through the named query
``municipalities`` in a read-only transaction; its ``generation`` changes whenever a round is
loaded, replaced or deleted (or an alias set), so callers can key caches on it.
"""

from __future__ import annotations

import ast
import hashlib
import json
import re
from collections.abc import Mapping
from contextlib import suppress
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cypher import NamedQuery, run_query
from cypher.model import CONTACT_TYPE_LABELS, FUNCTIONS, MunicipalityInfo

if TYPE_CHECKING:
    from neo4j import Driver

__all__ = [
    "LANGUAGES",
    "ROUND_PARAMETERS",
    "VOCABULARIES",
    "Catalogue",
    "ParameterError",
    "example_parameters",
    "parameter_choices",
    "read_catalogue",
    "validate_parameters",
]

#: Languages of the labels: bokmål, nynorsk, English.
LANGUAGES: tuple[str, ...] = ("nb", "nn", "en")

#: Parameters that name a round of the query's municipality.
ROUND_PARAMETERS: tuple[str, ...] = ("round", "from_round", "to_round")

_NYNORSK_FUNCTIONS = {
    "services": "tenester",
    "allocation": "tildeling",
    "instruments": "verkemiddel",
    "housing_planning": "bustadsosial planlegging",
    "operation": "drift",
    "community_planning": "samfunnsplanlegging",
    "counselling": "rådgjeving",
    "development": "utbygging",
    "users": "brukarar",
    "other": "anna",
}

#: Parameters with a fixed vocabulary: key → {language: label}, in the vocabulary's order.
VOCABULARIES: dict[str, dict[str, dict[str, str]]] = {
    "threshold": {
        "daily": {"nb": "daglig", "nn": "dagleg", "en": "daily"},
        "weekly": {"nb": "ukentlig", "nn": "vekentleg", "en": "weekly"},
        "monthly": {"nb": "månedlig", "nn": "månadleg", "en": "monthly"},
    },
    "function": {f.key: {"nb": f.nb, "nn": _NYNORSK_FUNCTIONS[f.key], "en": f.en} for f in FUNCTIONS},
    "body_kind": {
        "mayor": {"nb": "ordfører", "nn": "ordførar", "en": "mayor"},
        "executive_committee": {"nb": "formannskap", "nn": "formannskap", "en": "executive committee"},
        "council": {"nb": "kommunestyre", "nn": "kommunestyre", "en": "council"},
        "committee": {"nb": "utvalg", "nn": "utval", "en": "committee"},
    },
    "contact_type": {
        key: {
            "nb": CONTACT_TYPE_LABELS["nb"][key],
            "nn": CONTACT_TYPE_LABELS["nb"][key].replace("faglig", "fagleg"),
            "en": CONTACT_TYPE_LABELS["en"][key],
        }
        for key in CONTACT_TYPE_LABELS["en"]
    },
}


class ParameterError(ValueError):
    """A query parameter that is missing, unknown or has a value the database does not know.

    The message names the bad value and the known values.
    """


@dataclass(frozen=True)
class Catalogue:
    """What the database holds: its municipalities with aliases and rounds.

    ``generation`` is a digest of every municipality's name, alias, rounds, and each round's
    checksum and load time: it changes whenever a round is loaded, replaced or deleted (or an
    alias set). Being a digest of what is loaded, it comes back when the database does: after a
    round is loaded and deleted again, caches keyed on it are valid again, as they should be.
    """

    municipalities: tuple[MunicipalityInfo, ...]
    generation: str

    def municipality(self, value: str) -> MunicipalityInfo:
        """The municipality named ``value`` or aliased ``value`` (case-insensitive)."""
        wanted = value.strip().casefold()
        for info in self.municipalities:
            if wanted in (info.name.casefold(), (info.alias or "").casefold()):
                return info
        raise ParameterError(f"no municipality {value!r} in the database; known: {self.describe()}")

    def round(self, value: object, municipality: MunicipalityInfo | None = None, *, parameter: str = "round") -> str:
        """The round label ``value`` after checking it is loaded (for ``municipality`` when given)."""
        label = str(value).strip()
        if municipality is not None:
            if label not in municipality.rounds:
                rounds = ", ".join(municipality.rounds) or "none"
                raise ParameterError(f"{parameter} {label!r} is not loaded for that municipality; its rounds: {rounds}")
            return label
        loaded = sorted({r for m in self.municipalities for r in m.rounds})
        if label not in loaded:
            raise ParameterError(f"{parameter} {label!r} is not loaded; loaded rounds: {', '.join(loaded) or 'none'}")
        return label

    def describe(self) -> str:
        """The known municipalities as ``Name (alias)``, for messages."""
        if not self.municipalities:
            return "none loaded yet (`netkart demo` loads the demo)"
        return ", ".join(f"{m.name} ({m.alias})" if m.alias else m.name for m in self.municipalities)


def read_catalogue(driver: Driver, *, database: str | None = None) -> Catalogue:
    """The database's municipalities and its generation, read with the named query ``municipalities``."""
    rows = run_query(driver, "municipalities", database=database)
    generation = hashlib.sha256(json.dumps(rows, sort_keys=True, default=str).encode()).hexdigest()[:16]
    return Catalogue(
        tuple(MunicipalityInfo.from_row(row) for row in rows),
        generation,
    )


_CYPHER_KEY = re.compile(r"([{,]\s*)([A-Za-z_][A-Za-z0-9_]*)\s*:")
_CYPHER_LITERALS = {"true": "True", "false": "False", "null": "None"}


def example_parameters(query: NamedQuery) -> dict[str, Any]:
    """The values of the query's ``:params {...}`` block (a Cypher map literal) as Python values.

    Keys are quoted and ``true``/``false``/``null`` translated, then the map is read with
    :func:`ast.literal_eval`, which accepts literals only. An unreadable block gives ``{}``.
    """
    quoted = _CYPHER_KEY.sub(lambda m: f'{m.group(1)}"{m.group(2)}":', query.example)
    python = re.sub(r"\b(true|false|null)\b", lambda m: _CYPHER_LITERALS[m.group(1)], quoted)
    try:
        value = ast.literal_eval(python)
    except (ValueError, SyntaxError):
        return {}
    return value if isinstance(value, dict) else {}


def _vocabulary(parameter: str) -> dict[str, dict[str, str]] | None:
    # `kind` is the short name a query may give a political body's kind.
    return VOCABULARIES.get("body_kind" if parameter == "kind" else parameter)


def _term(parameter: str, value: object, vocabulary: dict[str, dict[str, str]]) -> str:
    wanted = " ".join(str(value).split()).casefold()
    for key, labels in vocabulary.items():
        if wanted in {key, key.replace("_", " "), *(label.casefold() for label in labels.values())}:
            return key
    known = ", ".join(f"{key} ({'/'.join(dict.fromkeys(labels.values()))})" for key, labels in vocabulary.items())
    raise ParameterError(f"unknown {parameter} {value!r}; known: {known}")


def _typed(parameter: str, value: object, example: object) -> object:
    """``value`` as the type of the example value; text from the command line is converted."""
    if isinstance(example, str):
        return str(value)
    if isinstance(example, bool):
        if isinstance(value, bool):
            return value
        if str(value).strip().casefold() in ("true", "false"):
            return str(value).strip().casefold() == "true"
        raise ParameterError(f"{parameter} {value!r} is not a boolean; expected true or false")
    if isinstance(example, int | float):
        kind = type(example)
        if not isinstance(value, bool):
            with suppress(TypeError, ValueError):
                return kind(value)
        expected = "a whole number" if kind is int else "a number"
        raise ParameterError(f"{parameter} {value!r} is not {expected}, e.g. {example}")
    if isinstance(example, list) and isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            raise ParameterError(f"{parameter} {value!r} is not a JSON list, e.g. {json.dumps(example)}") from None
    return value


def validate_parameters(query: NamedQuery, given: Mapping[str, object], catalogue: Catalogue) -> dict[str, object]:
    """The parameters to run ``query`` with, each checked and turned into the stored key.

    Parameters
    ----------
    query : NamedQuery
        The query; its ``parameters`` are the ``$names`` its body uses.
    given : mapping
        Values as the user gave them (text from a command line or form, or Python values).
    catalogue : Catalogue
        What the database holds (:func:`read_catalogue`).

    Returns
    -------
    dict
        One value per parameter of the query, in the query's order: the municipality's name,
        round labels, vocabulary keys, and other values in the type of the query's example.

    Raises
    ------
    ParameterError
        For an unknown or missing parameter, or a value the database or vocabulary does not
        know; the message names the known values.
    """
    unknown = [name for name in given if name not in query.parameters]
    if unknown:
        known = ", ".join(query.parameters) or "none"
        raise ParameterError(f"query {query.name!r} has no parameter {', '.join(unknown)}; its parameters: {known}")
    examples = example_parameters(query)
    order = [*examples, *query.parameters]
    missing = sorted((name for name in query.parameters if name not in given), key=order.index)
    if missing:
        example = ", ".join(f"{key}={value}" for key, value in examples.items())
        hint = f"; e.g. {example}" if example else ""
        raise ParameterError(f"query {query.name!r} needs parameter(s) {', '.join(missing)}{hint}")
    municipality = catalogue.municipality(str(given["municipality"])) if "municipality" in given else None
    values: dict[str, object] = {}
    for name in query.parameters:
        value = given[name]
        vocabulary = _vocabulary(name)
        if name == "municipality" and municipality is not None:
            values[name] = municipality.name
        elif name in ROUND_PARAMETERS:
            values[name] = catalogue.round(value, municipality, parameter=name)
        elif vocabulary is not None:
            values[name] = _term(name, value, vocabulary)
        else:
            values[name] = _typed(name, value, examples.get(name))
    return values


def parameter_choices(
    parameter: str, catalogue: Catalogue, lang: str, *, municipality: str | None = None
) -> list[tuple[str, str]] | None:
    """``(value, label)`` pairs a parameter can take, or ``None`` when it is free.

    Municipalities are given by name (callers that anonymise relabel them); rounds are those of
    ``municipality`` (name or alias) when it is given and known, else every loaded round;
    vocabulary parameters give their keys with labels in ``lang`` (``nb``, ``nn`` or ``en``).
    """
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGUAGES)}")
    if parameter == "municipality":
        return [(m.name, m.name) for m in catalogue.municipalities]
    if parameter in ROUND_PARAMETERS:
        try:
            infos = [catalogue.municipality(municipality)] if municipality else list(catalogue.municipalities)
        except ParameterError:
            infos = list(catalogue.municipalities)
        return [(r, r) for r in sorted({r for info in infos for r in info.rounds})]
    vocabulary = _vocabulary(parameter)
    if vocabulary is None:
        return None
    return [(key, labels[lang]) for key, labels in vocabulary.items()]
