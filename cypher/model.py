"""The graph model's records and fixed vocabulary, shared by every pillar.

The records (:class:`Person`, :class:`Arc`, :class:`PoliticalContact`,
:class:`MunicipalityInfo`) are what ingest writes and analytics reads; they live here, at the
bottom, so that neither pillar imports the other.

Contact relationships are typed by frequency (``DAILY``, ``WEEKLY``, ``MONTHLY``,
``LESS_OFTEN``); "never" is stored as no relationship. A threshold is cumulative, as in the
report: ``weekly`` means daily or weekly contact. See ``docs/schema.md``.
"""

from __future__ import annotations

from dataclasses import dataclass

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
    """A municipality, its anonymised letter (``None`` if none is set) and its round labels."""

    name: str
    alias: str | None
    rounds: tuple[str, ...]
