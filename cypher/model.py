"""The graph model's records and fixed vocabulary, shared by every pillar.

The records (:class:`Person`, :class:`Arc`, :class:`PoliticalContact`,
:class:`MunicipalityInfo`) are what ingest writes and analytics reads; they live here, at the
bottom, so that neither pillar imports the other.

Contact relationships are typed by frequency (``DAILY``, ``WEEKLY``, ``MONTHLY``,
``LESS_OFTEN``); "never" is stored as no relationship. A threshold is cumulative, as in the
report: ``weekly`` means daily or weekly contact. See ``docs/schema.md``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = [
    "CONTACT_TYPES",
    "CONTACT_TYPE_LABELS",
    "FREQUENCIES",
    "FUNCTIONS",
    "POLITICAL_BODY_KINDS",
    "POLITICAL_BODY_LABELS",
    "RELATIONSHIP_TYPES",
    "THRESHOLDS",
    "Arc",
    "FunctionLabel",
    "MunicipalityInfo",
    "Person",
    "PoliticalContact",
    "erased_entry",
    "erased_numbers",
    "pseudonym_numbers",
    "threshold_frequencies",
    "threshold_types",
]

#: Contact frequencies from most to least often; each is one relationship type.
FREQUENCIES: tuple[str, ...] = ("daily", "weekly", "monthly", "less_often")

#: Relationship type of each frequency.
RELATIONSHIP_TYPES: dict[str, str] = {f: f.upper() for f in FREQUENCIES}

#: Thresholds of the report's views; ``less_often`` is never a tie.
THRESHOLDS: tuple[str, ...] = ("daily", "weekly", "monthly")

#: Kinds of contact with a political body.
CONTACT_TYPES: tuple[str, ...] = ("information", "professional", "political")

#: Labels of the contact types, by language ("nb" bokmål, "en" English).
CONTACT_TYPE_LABELS: dict[str, dict[str, str]] = {
    "nb": {
        "information": "informasjonsutveksling",
        "professional": "faglig diskusjon",
        "political": "politisk diskusjon",
    },
    "en": {
        "information": "information exchange",
        "professional": "professional discussion",
        "political": "political discussion",
    },
}

#: Kinds of political body; committees carry their own names.
POLITICAL_BODY_KINDS: tuple[str, ...] = ("mayor", "executive_committee", "council", "committee")

#: Labels of the kinds of political body, by language; anonymised committees are "Utvalg 1", ...
POLITICAL_BODY_LABELS: dict[str, dict[str, str]] = {
    "nb": {"mayor": "Ordfører", "executive_committee": "Formannskap", "council": "Kommunestyre", "committee": "Utvalg"},
    "en": {
        "mayor": "Mayor",
        "executive_committee": "Executive committee",
        "council": "Council",
        "committee": "Committee",
    },
}


@dataclass(frozen=True)
class FunctionLabel:
    """A function of social-housing work with its Norwegian (bokmål) and English labels."""

    key: str
    nb: str
    en: str


#: The report's functions, in the report's order; keys are stored on ``Function.key``.
FUNCTIONS: tuple[FunctionLabel, ...] = (
    FunctionLabel("services", "tjenester", "services"),
    FunctionLabel("allocation", "tildeling", "allocation"),
    FunctionLabel("instruments", "virkemidler", "economic instruments"),
    FunctionLabel("housing_planning", "boligsosial planlegging", "social-housing planning"),
    FunctionLabel("operation", "drift", "operation"),
    FunctionLabel("community_planning", "samfunnsplanlegging", "community planning"),
    FunctionLabel("counselling", "rådgivning", "financial counselling"),
    FunctionLabel("development", "utbygging", "housing development"),
    FunctionLabel("users", "brukere", "service users"),
    FunctionLabel("other", "annet", "other"),
)


def threshold_frequencies(threshold: str) -> tuple[str, ...]:
    """Frequencies that count as a tie at ``threshold`` (cumulative)."""
    if threshold not in THRESHOLDS:
        raise ValueError(f"unknown threshold {threshold!r}; expected one of {', '.join(THRESHOLDS)}")
    return FREQUENCIES[: THRESHOLDS.index(threshold) + 1]


def threshold_types(threshold: str) -> list[str]:
    """Relationship types that count as a tie at ``threshold``, for ``type(r) IN $types``."""
    return [RELATIONSHIP_TYPES[f] for f in threshold_frequencies(threshold)]


@dataclass(frozen=True)
class Person:
    """A person on a round's roster.

    ``functions`` are function keys (:data:`FUNCTIONS`) in the order the roster lists them;
    the first is the person's *primary* function, used for grouping (E–I index, brokerage,
    pseudonyms). ``name`` is ``None`` when the round was loaded with ``--no-names``.
    """

    person_id: str
    functions: tuple[str, ...]
    responded: bool
    name: str | None = None
    unit: str | None = None
    role: str | None = None

    @property
    def primary_function(self) -> str:
        return self.functions[0] if self.functions else "other"


@dataclass(frozen=True)
class Arc:
    """A reported contact ``ego → alter`` at ``frequency`` (``daily``, ``weekly``, ...)."""

    ego: str
    alter: str
    frequency: str


@dataclass(frozen=True)
class PoliticalContact:
    """One reported contact of a person with a political body, of one ``contact_type``."""

    person_id: str
    body_key: str
    body_name: str
    body_kind: str
    contact_type: str
    frequency: str | None = None


@dataclass(frozen=True)
class MunicipalityInfo:
    """A municipality, its anonymised letter (``None`` if none is set) and its round labels.

    ``erased`` holds the pseudonym numbers of erased persons as ``(function key, number)``
    pairs (:func:`pseudonym_numbers`), so that an erasure renumbers no one else.
    """

    name: str
    alias: str | None
    rounds: tuple[str, ...]
    erased: frozenset[tuple[str, int]] = frozenset()

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> MunicipalityInfo:
        """The info from a row of the ``municipalities`` query."""
        return cls(row["municipality"], row["alias"], tuple(row["rounds"]), erased_numbers(row["erased"]))


def erased_entry(key: str, number: int) -> str:
    """A pseudonym number as ``Municipality.erased_pseudonyms`` stores it (``"services:3"``)."""
    return f"{key}:{number}"


def erased_numbers(stored: Iterable[str] | None) -> frozenset[tuple[str, int]]:
    """The ``Municipality.erased_pseudonyms`` property (:func:`erased_entry`) as pairs."""
    pairs = (entry.rpartition(":") for entry in stored or ())
    return frozenset((key, int(number)) for key, _, number in pairs)


def pseudonym_numbers(persons: Iterable[Person], erased: Iterable[tuple[str, int]] = ()) -> dict[str, tuple[str, int]]:
    """Person id → (primary function key, number): the numbering behind every pseudonym.

    Persons are numbered 1, 2, ... within their primary function in order of ``person_id``,
    skipping the numbers in ``erased``. An erasure records the erased person's pair there
    (:func:`erased_numbers`), so everyone else keeps their number: the persons after them take
    the same numbers as before, because the skipped number is exactly the one the erased
    person held.
    """
    skipped = set(erased)
    counters: dict[str, int] = defaultdict(int)
    numbers: dict[str, tuple[str, int]] = {}
    for person in sorted(persons, key=lambda p: p.person_id):
        key = person.primary_function
        counters[key] += 1
        while (key, counters[key]) in skipped:
            counters[key] += 1
        numbers[person.person_id] = (key, counters[key])
    return numbers
