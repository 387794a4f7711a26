"""The graph model's fixed vocabulary, shared by every pillar.

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
    "RELATIONSHIP_TYPES",
    "THRESHOLDS",
    "FunctionLabel",
    "MunicipalityInfo",
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


@dataclass(frozen=True)
class MunicipalityInfo:
    """A municipality, its anonymised letter (``None`` if none is set) and its round labels."""

    name: str
    alias: str | None
    rounds: tuple[str, ...]


def threshold_frequencies(threshold: str) -> tuple[str, ...]:
    """Frequencies that count as a tie at ``threshold`` (cumulative)."""
    if threshold not in THRESHOLDS:
        raise ValueError(f"unknown threshold {threshold!r}; expected one of {', '.join(THRESHOLDS)}")
    return FREQUENCIES[: THRESHOLDS.index(threshold) + 1]


def threshold_types(threshold: str) -> list[str]:
    """Relationship types that count as a tie at ``threshold``, for ``type(r) IN $types``."""
    return [RELATIONSHIP_TYPES[f] for f in threshold_frequencies(threshold)]
